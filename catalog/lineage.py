"""Lineage: where an element or a system's data goes (downstream) and where it came from
(upstream), through flows that carry it and through DERIVED_FROM.

Paths are simple (no system twice), at most `depth` flows long, and listed once: a path
contained in a longer one is left out. Finding the paths is the one heavy part; a
backend may answer `flow_paths` natively, the rest is assembled from a few look-ups."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal, Protocol, runtime_checkable

from catalog.view import Direction, GraphView, UnknownNode
from catalog.vocab import Label, RelType

DEFAULT_DEPTH = 10
Way = Literal["down", "up"]


@runtime_checkable
class NativePaths(Protocol):
    def flow_paths(self, starts: list[str], elements: list[str] | None, way: str,
                   depth: int) -> list[list[str]]: ...


@dataclass(frozen=True)
class Hop:
    flow: str
    name: str
    source: str
    target: str
    source_operator: str | None
    target_operator: str | None
    method: str | None
    purposes: tuple[str, ...]
    bases: tuple[tuple[str, str], ...]  # (id, label): the legal basis of the flow
    carries: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"flow": self.flow, "name": self.name, "from": self.source, "to": self.target,
                "from_operator": self.source_operator, "to_operator": self.target_operator,
                "method": self.method, "purposes": list(self.purposes),
                "bases": [{"id": i, "label": label} for i, label in self.bases],
                "carries": list(self.carries)}


@dataclass(frozen=True)
class Lineage:
    root: str
    root_label: str
    direction: str
    depth: int
    elements: tuple[str, ...]  # the element and those derived from (down) or into (up) it
    derivations: tuple[tuple[str, str, str | None], ...]  # (element, derived from, transform)
    paths: tuple[tuple[str, tuple[Hop, ...]], ...]  # (way, hops in the order data moved)
    systems: tuple[tuple[str, str | None], ...]  # (system, operator) on any path or at the root

    def as_dict(self) -> dict[str, Any]:
        return {"root": self.root, "label": self.root_label, "direction": self.direction,
                "depth": self.depth, "elements": list(self.elements),
                "derivations": [{"element": e, "derived_from": s, "transform": t}
                                for e, s, t in self.derivations],
                "paths": [{"direction": way, "hops": [h.as_dict() for h in hops]} for way, hops in self.paths],
                "systems": [{"id": s, "operator": o} for s, o in self.systems],
                "organizations": sorted({o for _, o in self.systems if o})}


def _ids(view: GraphView, node_id: str, direction: Direction, type_: RelType) -> list[str]:
    return [e.target if direction == Direction.OUT else e.source
            for e in view.edges(node_id, direction, [type_])]


def related_elements(view: GraphView, element: str, way: Way) -> list[tuple[str, str, str | None]]:
    """DERIVED_FROM edges reached from `element`: downstream, what is derived from it;
    upstream, what it is derived from. Each as (element, derived from, transform)."""
    found: list[tuple[str, str, str | None]] = []
    seen, frontier = {element}, [element]
    while frontier:
        nxt = []
        for current in frontier:
            direction = Direction.IN if way == "down" else Direction.OUT
            for edge in view.edges(current, direction, [RelType.DERIVED_FROM]):
                found.append((edge.source, edge.target, edge.props.get("transform")))
                other = edge.source if way == "down" else edge.target
                if other not in seen:
                    seen.add(other)
                    nxt.append(other)
        frontier = nxt
    return sorted(set(found))


def flow_paths(view: GraphView, starts: list[str], elements: list[str] | None, way: Way,
               depth: int) -> list[list[str]]:
    """Maximal simple paths of flows from each start, as lists of flow ids in walking order."""
    wanted = set(elements) if elements is not None else None
    near, far = (RelType.FROM, RelType.TO) if way == "down" else (RelType.TO, RelType.FROM)
    paths: list[list[str]] = []

    def steps(system: str) -> list[tuple[str, str]]:
        out = []
        for flow in sorted(_ids(view, system, Direction.IN, near)):
            if wanted is not None and not wanted & set(_ids(view, flow, Direction.OUT, RelType.CARRIES)):
                continue
            out += [(flow, nxt) for nxt in _ids(view, flow, Direction.OUT, far)]
        return out

    def walk(system: str, visited: list[str], flows: list[str]) -> None:
        moves = [(f, n) for f, n in steps(system) if n not in visited] if len(flows) < depth else []
        if not moves and flows:
            paths.append(list(flows))
        for flow, nxt in moves:
            walk(nxt, [*visited, nxt], [*flows, flow])

    for start in sorted(set(starts)):
        walk(start, [start], [])
    return paths


def _drop_contained(paths: list[list[str]]) -> list[list[str]]:
    def inside(small: list[str], big: list[str]) -> bool:
        n = len(small)
        return n < len(big) and any(big[i:i + n] == small for i in range(len(big) - n + 1))

    unique = [list(p) for p in dict.fromkeys(tuple(p) for p in paths)]
    return [p for p in unique if not any(inside(p, q) for q in unique)]


def _starts(view: GraphView, root: str, label: Label) -> list[str]:
    """Where lineage begins: a system itself; for an element, where it originates (the
    systems that collect it, or hold it without receiving it by a flow). Downstream goes
    on from there; upstream goes back through what it was derived from."""
    if label == Label.SYSTEM:
        return [root]
    holders = _ids(view, root, Direction.IN, RelType.HOLDS)
    collectors = _ids(view, root, Direction.IN, RelType.COLLECTS)
    carriers = _ids(view, root, Direction.IN, RelType.CARRIES)
    received = {e.target for e in view.edges_for(carriers, Direction.OUT, [RelType.TO])}
    origins = sorted(set(collectors) | {h for h in holders if h not in received})
    return origins or sorted(holders)


def lineage(view: GraphView, root: str, direction: str = "down", depth: int = DEFAULT_DEPTH) -> Lineage:
    node = view.get_node(root)
    if node is None or node.label not in (Label.DATA_ELEMENT, Label.SYSTEM):
        raise UnknownNode(f"no data element or system with id {root!r}")
    if direction not in ("down", "up", "both"):
        raise ValueError(f"direction must be down, up or both, not {direction!r}")
    ways: list[Way] = ["down", "up"] if direction == "both" else [direction]  # type: ignore[list-item]
    native = view if isinstance(view, NativePaths) else None
    all_paths: list[tuple[str, list[str]]] = []
    starts = _starts(view, root, node.label)
    derivations: set[tuple[str, str, str | None]] = set()
    elements: set[str] = set()
    for way in ways:
        relevant: list[str] | None = None
        if node.label == Label.DATA_ELEMENT:
            derived = related_elements(view, root, way)
            derivations.update(derived)
            relevant = sorted({root, *(d[0] if way == "down" else d[1] for d in derived)})
            elements.update(relevant)
        found = (native.flow_paths(starts, relevant, way, depth) if native
                 else flow_paths(view, starts, relevant, way, depth))
        all_paths += [(way, p) for p in sorted(_drop_contained(found))]
    return _assemble(view, node.id, node.label, direction, depth, sorted(elements), starts,
                     sorted(derivations, key=lambda d: (d[0], d[1])), all_paths)


def _assemble(view: GraphView, root: str, label: Label, direction: str, depth: int, elements: list[str],
              starts: list[str], derivations: list[tuple[str, str, str | None]],
              paths: list[tuple[str, list[str]]]) -> Lineage:
    hops, operators = _hops(view, sorted({f for _, p in paths for f in p}), elements or None, starts)
    systems = {h.source: h.source_operator for h in hops.values()}
    systems |= {h.target: h.target_operator for h in hops.values()}
    for start in starts:  # where the data is, even when it goes nowhere
        systems.setdefault(start, operators.get(start))
    listed = []
    for way, flows in paths:
        ordered = flows if way == "down" else list(reversed(flows))
        listed.append((way, tuple(hops[f] for f in ordered)))
    return Lineage(root, label.value, direction, depth, tuple(elements), tuple(derivations),
                   tuple(listed), tuple(sorted(systems.items())))


def _operators(view: GraphView, systems: Iterable[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for edge in sorted(view.edges_for(systems, Direction.IN, [RelType.OPERATES]), key=lambda e: e.source):
        found.setdefault(edge.target, edge.source)
    return found


def _hops(view: GraphView, flows: list[str], relevant: Iterable[str] | None,
          starts: list[str]) -> tuple[dict[str, Hop], dict[str, str]]:
    """Every hop of the paths, and the operators of their systems and of the starts,
    from four batched look-ups whatever their number: on a remote backend each look-up
    is a round trip."""
    records = view.get_nodes(flows)
    by_flow: dict[str, dict[RelType, list[str]]] = {f: {} for f in flows}
    for edge in view.edges_for(flows, Direction.OUT):
        by_flow[edge.source].setdefault(edge.type, []).append(edge.target)
    ends = {t for f in flows for t in by_flow[f].get(RelType.FROM, []) + by_flow[f].get(RelType.TO, [])}
    operators = _operators(view, ends | set(starts))
    bases = view.get_nodes({b for f in flows for b in by_flow[f].get(RelType.UNDER, [])})
    keep = set(relevant) if relevant is not None else None
    hops = {}
    for flow in flows:
        by_type, record = by_flow[flow], records.get(flow)
        source, target = by_type.get(RelType.FROM, [""])[0], by_type.get(RelType.TO, [""])[0]
        carries = sorted(c for c in by_type.get(RelType.CARRIES, []) if keep is None or c in keep)
        hops[flow] = Hop(flow, record.name if record else flow, source, target, operators.get(source),
                         operators.get(target), record.get("method") if record else None,
                         tuple(sorted(by_type.get(RelType.FOR, []))),
                         tuple(sorted((bases[b].id, bases[b].label.value)
                                      for b in by_type.get(RelType.UNDER, []) if b in bases)),
                         tuple(carries))
    return hops, operators
