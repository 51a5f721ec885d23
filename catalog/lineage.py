"""Lineage: where an element or a system's data goes (downstream) and where it came from
(upstream), through flows that carry it and through DERIVED_FROM.

The answer is the reach, whose size is bounded by the graph, never by its paths: for each
way, every system within `depth` flows of where the data starts, at its distance, with one
shortest chain of flows to it, and the flows the walk follows between the systems it
reaches. One breadth-first walk per way finds it, in O(systems + flows). The paths
through the reach can be exponentially many (a few dozen systems that all share with
each other have billions), so they are listed only on request, a page at a time
(`catalog.paths`).

What lineage reads from the graph is its frame (where it starts) and one walk per way; a
backend may read them natively (`NativeLineage`), and its answer must equal `find`'s.
Asked without its `details`, a walk finds the systems and their distances only: no
operators, chains or flows, which is most of the reading on a big graph."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, Literal, Protocol, runtime_checkable

from catalog.view import Direction, GraphView, UnknownNode
from catalog.vocab import Label, RelType

DEFAULT_DEPTH = 10
Way = Literal["down", "up"]
WAYS: dict[str, tuple[Way, ...]] = {"down": ("down",), "up": ("up",), "both": ("down", "up")}
# How a flow is walked each way: from the system at its near end to the one at its far end.
ENDS: dict[Way, tuple[RelType, RelType]] = {"down": (RelType.FROM, RelType.TO), "up": (RelType.TO, RelType.FROM)}


@dataclass(frozen=True)
class Basis:
    """A legal basis a flow runs under: an agreement, a consent or a mandate."""

    id: str
    label: str


@dataclass(frozen=True)
class Hop:
    """A flow as lineage shows it: its ends with their operators, and why and how it runs."""

    flow: str
    name: str
    source: str
    target: str
    source_operator: str | None
    target_operator: str | None
    method: str | None
    purposes: tuple[str, ...]
    bases: tuple[Basis, ...]
    carries: tuple[str, ...]  # of the elements lineage follows (all of them for a system)

    def as_dict(self) -> dict[str, Any]:
        return {"flow": self.flow, "name": self.name, "from": self.source, "to": self.target,
                "from_operator": self.source_operator, "to_operator": self.target_operator,
                "method": self.method, "purposes": list(self.purposes),
                "bases": [{"id": b.id, "label": b.label} for b in self.bases], "carries": list(self.carries)}


@dataclass(frozen=True)
class Derivation:
    """A DERIVED_FROM edge: `element` is derived from `derived_from`."""

    element: str
    derived_from: str
    transform: str | None

    def as_dict(self) -> dict[str, Any]:
        return {"element": self.element, "derived_from": self.derived_from, "transform": self.transform}


@dataclass(frozen=True)
class Frame:
    """Where lineage begins: the root, the systems its data starts from, and the
    DERIVED_FROM edges each way (none for a system)."""

    root: str
    label: Label
    starts: tuple[str, ...]
    down: tuple[Derivation, ...] = ()  # what is derived from the root, and from those, ...
    up: tuple[Derivation, ...] = ()  # what the root is derived from, and those from, ...

    def derivations(self, way: Way) -> tuple[Derivation, ...]:
        return self.down if way == "down" else self.up

    def elements(self, way: Way) -> list[str] | None:
        """The elements a flow must carry one of to be followed that way; None for a
        system, whose lineage follows every flow."""
        if self.label != Label.DATA_ELEMENT:
            return None
        related = (d.element if way == "down" else d.derived_from for d in self.derivations(way))
        return sorted({self.root, *related})


@dataclass(frozen=True)
class Walk:
    """What the walk of one way finds, before its chains are drawn."""

    distances: Mapping[str, int]  # every system reached: flows from the nearest start
    operators: Mapping[str, str]  # the operator of each system reached that has one
    flows: tuple[Hop, ...]  # every flow followed (out of a system nearer than the depth), by id


@dataclass(frozen=True)
class Found:
    """What lineage reads from the graph: its frame and the walk of each way asked for."""

    frame: Frame
    walks: tuple[Walk, ...]  # in the order of the ways asked for


@dataclass(frozen=True)
class Reached:
    system: str
    operator: str | None
    distance: int
    chain: tuple[str, ...]  # the flows of a shortest way from a start, in the order the data moved

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.system, "operator": self.operator, "distance": self.distance, "chain": list(self.chain)}


@dataclass(frozen=True)
class Reach:
    """One way of lineage: the systems reached, nearest first, and the flows followed
    between them (the graph the paths run through)."""

    way: Way
    systems: tuple[Reached, ...]
    flows: tuple[Hop, ...]

    @cached_property
    def hops(self) -> dict[str, Hop]:
        return {h.flow: h for h in self.flows}

    def as_dict(self) -> dict[str, Any]:
        return {"direction": self.way, "systems": [s.as_dict() for s in self.systems],
                "flows": [h.as_dict() for h in self.flows]}


@dataclass(frozen=True)
class Path:
    way: Way
    hops: tuple[Hop, ...]  # in the order the data moved

    def as_dict(self) -> dict[str, Any]:
        return {"direction": self.way, "hops": [h.as_dict() for h in self.hops]}


@dataclass(frozen=True)
class PathPage:
    paths: tuple[Path, ...]
    more: bool  # whether paths follow the last one listed
    after: str | None  # the cursor of the last one listed: pass it to list the next page

    def as_dict(self) -> dict[str, Any]:
        return {"paths": [p.as_dict() for p in self.paths], "more": self.more, "after": self.after}


@dataclass(frozen=True)
class Lineage:
    root: str
    root_label: str
    direction: str
    depth: int
    elements: tuple[str, ...]  # the element and those derived from (down) or into (up) it
    derivations: tuple[Derivation, ...]
    starts: tuple[str, ...]
    reach: tuple[Reach, ...]  # one per way asked for, down first
    paths: PathPage | None = field(default=None)  # only when asked for
    details: bool = True  # False: the reach has no operators, chains or flows

    @property
    def organizations(self) -> tuple[str, ...]:
        return tuple(sorted({s.operator for r in self.reach for s in r.systems if s.operator}))

    def as_dict(self) -> dict[str, Any]:
        return {"root": self.root, "label": self.root_label, "direction": self.direction, "depth": self.depth,
                "elements": list(self.elements), "derivations": [d.as_dict() for d in self.derivations],
                "starts": list(self.starts), "reach": [r.as_dict() for r in self.reach],
                "organizations": list(self.organizations),
                "paths": self.paths.as_dict() if self.paths else None}


@runtime_checkable
class NativeLineage(Protocol):
    def lineage_walks(self, root: str, ways: tuple[Way, ...], depth: int, details: bool = True) -> Found | None:
        """What `find` finds, natively; None when `root` is no element or system."""
        ...


def lineage(view: GraphView, root: str, direction: str = "down", depth: int = DEFAULT_DEPTH,
            paths: int = 0, after: str | None = None, details: bool = True) -> Lineage:
    """The reach of `root` each way asked for; with `paths`, also the first that many
    paths through it (after the cursor `after`, to page on). Without `details`, the
    systems reached and their distances only: no operators, chains or flows."""
    if direction not in WAYS:
        raise ValueError(f"direction must be down, up or both, not {direction!r}")
    if depth < 0:
        raise ValueError(f"depth must be 0 or more, not {depth}")
    ways = WAYS[direction]
    found = (view.lineage_walks(root, ways, depth, details) if isinstance(view, NativeLineage)
             else find(view, root, ways, depth, details))
    if found is None:
        raise UnknownNode(f"no data element or system with id {root!r}")
    start = found.frame
    elements = sorted({e for way in ways for e in start.elements(way) or ()})
    derivations = sorted({d for way in ways for d in start.derivations(way)}, key=lambda d: (d.element, d.derived_from))
    reach = tuple(chains(way, walked) for way, walked in zip(ways, found.walks, strict=True))
    result = Lineage(start.root, start.label.value, direction, depth, tuple(elements), tuple(derivations),
                     start.starts, reach, details=details)
    if paths:
        from catalog.paths import path_page  # it reads the records above

        return replace(result, paths=path_page(result, paths, after))
    return result


# The reference walks, over any view: a backend's native answers must equal these.


def _ids(view: GraphView, node_id: str, direction: Direction, type_: RelType) -> list[str]:
    return [e.target if direction == Direction.OUT else e.source
            for e in view.edges(node_id, direction, [type_])]


def related_elements(view: GraphView, element: str, way: Way) -> tuple[Derivation, ...]:
    """DERIVED_FROM edges reached from `element`: downstream, what is derived from it (and
    from those); upstream, what it is derived from (and those from)."""
    found: set[Derivation] = set()
    seen, frontier = {element}, [element]
    direction = Direction.IN if way == "down" else Direction.OUT
    while frontier:
        nxt = []
        for edge in view.edges_for(frontier, direction, [RelType.DERIVED_FROM]):
            found.add(Derivation(edge.source, edge.target, edge.props.get("transform")))
            other = edge.source if way == "down" else edge.target
            if other not in seen:
                seen.add(other)
                nxt.append(other)
        frontier = nxt
    return tuple(sorted(found, key=lambda d: (d.element, d.derived_from)))


def starts_of(view: GraphView, root: str, label: Label) -> list[str]:
    """Where lineage begins: a system itself; for an element, where it originates (the
    systems that collect it, or hold it without receiving it by a flow). Downstream goes
    on from there; upstream goes back through what it was derived from."""
    if label == Label.SYSTEM:
        return [root]
    holders = _ids(view, root, Direction.IN, RelType.HOLDS)
    collectors = _ids(view, root, Direction.IN, RelType.COLLECTS)
    carriers = _ids(view, root, Direction.IN, RelType.CARRIES)
    received = {e.target for e in view.edges_for(carriers, Direction.OUT, [RelType.TO])}
    return element_starts(holders, collectors, received)


def element_starts(holders: Iterable[str], collectors: Iterable[str], received: Iterable[str]) -> list[str]:
    """An element's origins, from the systems that hold it, that collect it and that
    receive it by a flow that carries it: the collectors, and the holders that do not
    receive it; every holder when there is none such."""
    holding, arriving = set(holders), set(received)
    origins = sorted(set(collectors) | {h for h in holding if h not in arriving})
    return origins or sorted(holding)


def find(view: GraphView, root: str, ways: tuple[Way, ...], depth: int, details: bool = True) -> Found | None:
    start = frame(view, root)
    if start is None:
        return None
    return Found(start, tuple(walk(view, list(start.starts), start.elements(way), way, depth, details)
                              for way in ways))


def frame(view: GraphView, root: str) -> Frame | None:
    node = view.get_node(root)
    if node is None or node.label not in (Label.DATA_ELEMENT, Label.SYSTEM):
        return None
    starts = tuple(starts_of(view, node.id, node.label))
    if node.label == Label.SYSTEM:
        return Frame(node.id, node.label, starts)
    return Frame(node.id, node.label, starts, related_elements(view, node.id, "down"),
                 related_elements(view, node.id, "up"))


def walk(view: GraphView, starts: list[str], elements: list[str] | None, way: Way, depth: int,
         details: bool = True) -> Walk:
    """Breadth first from the starts through the flows that carry one of `elements` (any
    flow when None), a level per step, each system at its first level: two batched
    look-ups per level, then, with the `details`, three for the hops."""
    near, far = ENDS[way]
    wanted = None if elements is None else set(elements)
    distances = dict.fromkeys(starts, 0)
    frontier = sorted(distances)
    followed: dict[str, dict[RelType, list[str]]] = {}
    for level in range(1, depth + 1):
        if not frontier:
            break
        flows = sorted({e.source for e in view.edges_for(frontier, Direction.IN, [near])})
        ends = _by_type(view, flows)
        nxt: set[str] = set()
        for flow in flows:
            by_type = ends[flow]
            if wanted is not None and not wanted.intersection(by_type.get(RelType.CARRIES, ())):
                continue
            followed[flow] = by_type
            nxt.update(s for s in by_type.get(far, ()) if s not in distances)
        distances.update(dict.fromkeys(nxt, level))
        frontier = sorted(nxt)
    if not details:
        return Walk(distances, {}, ())
    operators = _operators(view, distances)
    return Walk(distances, operators, _hops(view, followed, wanted, operators))


def _by_type(view: GraphView, flows: Iterable[str]) -> dict[str, dict[RelType, list[str]]]:
    found: dict[str, dict[RelType, list[str]]] = {f: {} for f in flows}
    for edge in view.edges_for(found, Direction.OUT):
        found[edge.source].setdefault(edge.type, []).append(edge.target)
    return found


def _operators(view: GraphView, systems: Iterable[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for edge in sorted(view.edges_for(systems, Direction.IN, [RelType.OPERATES]), key=lambda e: e.source):
        found.setdefault(edge.target, edge.source)
    return found


def _hops(view: GraphView, followed: Mapping[str, Mapping[RelType, list[str]]], wanted: set[str] | None,
          operators: Mapping[str, str]) -> tuple[Hop, ...]:
    records = view.get_nodes(followed)
    bases = view.get_nodes({b for by_type in followed.values() for b in by_type.get(RelType.UNDER, ())})
    hops = []
    for flow in sorted(followed):
        by_type, record = followed[flow], records.get(flow)
        source, target = by_type.get(RelType.FROM, [""])[0], by_type.get(RelType.TO, [""])[0]
        hops.append(make_hop(
            flow, record.name if record else flow, source, target, operators,
            record.get("method") if record else None, by_type.get(RelType.FOR, ()),
            [(b, bases[b].label.value) for b in by_type.get(RelType.UNDER, ()) if b in bases],
            (c for c in by_type.get(RelType.CARRIES, ()) if wanted is None or c in wanted)))
    return tuple(hops)


def make_hop(flow: str, name: str, source: str, target: str, operators: Mapping[str, str], method: str | None,
             purposes: Iterable[str], bases: Iterable[tuple[str, str]], carries: Iterable[str]) -> Hop:
    """A hop with its lists in one order, whichever backend read them."""
    return Hop(flow, name, source, target, operators.get(source), operators.get(target), method,
               tuple(sorted(purposes)), tuple(Basis(i, label) for i, label in sorted(set(bases))),
               tuple(sorted(carries)))


def chains(way: Way, walked: Walk) -> Reach:
    """The reach of one way, with a chain to each system: the flow that brought it
    (`via`) is the smallest flow id among those from a system one flow nearer, so each
    chain is a shortest one and the same on every backend."""
    distance = walked.distances
    via: dict[str, Hop] = {}
    for hop in walked.flows:  # in flow id order: the first candidate is the smallest
        here, there = (hop.source, hop.target) if way == "down" else (hop.target, hop.source)
        if here in distance and distance.get(there) == distance[here] + 1:
            via.setdefault(there, hop)
    ordered = sorted(distance, key=lambda s: (distance[s], s))
    chain: dict[str, tuple[str, ...]] = {}
    for system in ordered:
        last = via.get(system)
        if last is None:
            chain[system] = ()
        elif way == "down":
            chain[system] = (*chain[last.source], last.flow)
        else:
            chain[system] = (last.flow, *chain[last.target])
    systems = tuple(Reached(s, walked.operators.get(s), distance[s], chain[s]) for s in ordered)
    return Reach(way, systems, walked.flows)
