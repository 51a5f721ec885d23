"""Lineage paths, on request and a page at a time: never all of them, which can be
exponentially many.

A path starts where the data starts and follows flows, never entering a system twice,
for at most `depth` flows. It is listed when it cannot go on (every flow out of its last
system leads back onto it, or it has `depth` flows), unless it is the tail of a longer
path from another start. Every flow of a path leaves a system nearer than the depth, so
the reach holds them all: paths are read from the reach alone, depth first, each step in
flow id order. They come out in the order of their flow ids, and a page stops as soon as
it is full. Its cursor is its last path: the next page resumes the walk right after it,
skipping every branch that sorts before it. So a page costs its own paths, a step back
per flow of each, and (only where one start's data reaches another start) the tails of
longer paths it passes over, each found out by a breadth-first look behind its start."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Iterator, Sequence

from catalog.lineage import Lineage, Path, PathPage, Reach, Way

ORDER: dict[str, int] = {"down": 0, "up": 1}
Move = tuple[str, str, str]  # (flow, start or "" past the first flow, system it leads to)


def path_page(result: Lineage, first: int, after: str | None = None) -> PathPage:
    """The first `first` paths after the cursor `after` (from the start without one),
    down before up, and whether more follow."""
    if first < 1:
        raise ValueError("first must be at least 1")
    if not result.details:
        raise ValueError("paths run through the flows of the reach: ask for its details to list them")
    resume = decode(after) if after else None
    found: list[tuple[Reach, tuple[str, ...]]] = []
    for reach in result.reach:
        if resume and ORDER[reach.way] < ORDER[resume[0]]:
            continue
        bound = resume[1] if resume and resume[0] == reach.way else ()
        for flows in maximal_paths(reach, result.starts, result.depth, bound):
            if len(found) == first:
                return _page(found, True)
            found.append((reach, flows))
    return _page(found, False)


def _page(found: list[tuple[Reach, tuple[str, ...]]], more: bool) -> PathPage:
    paths = []
    for reach, flows in found:
        hops = [reach.hops[f] for f in flows]
        paths.append(Path(reach.way, tuple(hops if reach.way == "down" else reversed(hops))))
    last = encode(found[-1][0].way, found[-1][1]) if found else None
    return PathPage(tuple(paths), more, last)


def encode(way: Way, flows: Sequence[str]) -> str:
    return base64.urlsafe_b64encode(json.dumps([way, list(flows)], separators=(",", ":")).encode()).decode()


def decode(cursor: str) -> tuple[Way, tuple[str, ...]]:
    try:
        way, flows = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, TypeError):
        raise ValueError("not a cursor of lineage paths") from None
    if way not in ORDER or not isinstance(flows, list) or not all(isinstance(f, str) for f in flows):
        raise ValueError("not a cursor of lineage paths")
    return way, tuple(flows)


def maximal_paths(reach: Reach, starts: Iterable[str], depth: int,
                  after: Sequence[str] = ()) -> Iterator[tuple[str, ...]]:
    """The paths of one way as flow ids in walking order (from the start), in the order
    of those ids, those sorting after `after` only. Lazy: taking n of them walks only as
    far as the n-th."""
    moves: dict[str, list[tuple[str, str]]] = {}
    back: dict[str, list[str]] = {}
    for hop in reach.flows:  # in flow id order, so each system's moves are too
        here, there = (hop.source, hop.target) if reach.way == "down" else (hop.target, hop.source)
        moves.setdefault(here, []).append((hop.flow, there))
        back.setdefault(there, []).append(here)
    origins = set(starts)
    firsts = sorted((f, start, there) for start in origins for f, there in moves.get(start, ()) if there != start)
    if depth < 1 or not firsts:
        return
    flows: list[str] = []
    systems: list[str] = []  # the path's, its start first
    on_path: set[str] = set()
    stack = [_options(after, 0, firsts, bool(after))]
    while stack:
        step = next(stack[-1], None)
        if step is None:
            stack.pop()
            if flows:
                _retreat(flows, systems, on_path)
            continue
        (flow, start, there), tight = step
        if not flows:
            systems.append(start)
            on_path.add(start)
        flows.append(flow)
        systems.append(there)
        on_path.add(there)
        onward = [(f, "", t) for f, t in moves.get(there, ()) if t not in on_path] if len(flows) < depth else []
        if onward:
            stack.append(_options(after, len(flows), onward, tight))
            continue
        # A path equal to `after`, or a beginning of it, sorts before or at the cursor.
        if not tight and not _tail_of_another(systems, depth - len(flows), back, origins):
            yield tuple(flows)
        _retreat(flows, systems, on_path)


def _options(after: Sequence[str], level: int, moves: list[Move], tight: bool) -> Iterator[tuple[Move, bool]]:
    """The moves at `level` that may lead past `after`, each with whether the path still
    equals the beginning of `after` (`tight`) once it takes it."""
    low = after[level] if tight and level < len(after) else None
    for move in moves:
        if low is None or move[0] >= low:
            yield move, low is not None and move[0] == low


def _retreat(flows: list[str], systems: list[str], on_path: set[str]) -> None:
    flows.pop()
    on_path.discard(systems.pop())
    if not flows:
        on_path.discard(systems.pop())


def _tail_of_another(systems: list[str], budget: int, back: dict[str, list[str]], origins: set[str]) -> bool:
    """Whether another start reaches this path's start within `budget` flows without
    passing its systems: the path is then the tail of a longer one, listed instead.
    Breadth first backwards; most starts have no other start behind them."""
    seen = set(systems)
    frontier = [systems[0]]
    for _ in range(budget):
        nxt = []
        for system in frontier:
            for before in back.get(system, ()):
                if before in seen:
                    continue
                if before in origins:
                    return True
                seen.add(before)
                nxt.append(before)
        if not nxt:
            break
        frontier = nxt
    return False
