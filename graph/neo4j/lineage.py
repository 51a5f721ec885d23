"""Native lineage: where it starts and the walk of each way asked for, with the answers
of `catalog.lineage.frame` and `walk`, in one query (two for an element's with its
details).

A system's walk is one breadth-first search in the server (`ANY SHORTEST` through a
quantified path pattern), from the system alone, so that it costs O(systems + flows):
each system reached comes with its shortest way there, at its distance, and no path is
ever enumerated. No depth is formatted into Cypher (a quantifier's bounds cannot be a
parameter): the pattern is unbounded and a system counts when its distance is at most
`$depth`. With the details, the same query reads, once per system the walk goes on
from, its operator and the flows it follows with all that a hop shows.

An element's walk follows only the flows that carry it or an element related to it, and
testing what each flow met carries cost the server most of a wide element's lineage
(at N = 200, 228,000 database hits and 28 ms for 760 systems). So the query reads the
flows that carry one of the wanted elements instead, with their ends (and with the
details, all that a hop shows), and the systems the element's starts are read from; the
walk follows them here (`_walk_carried`), level by level as `catalog.lineage.walk`
does. With the details, a second query reads the operators of the systems reached.

Every part is one list in one row, whatever the lineage's size."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from catalog.lineage import ENDS, Derivation, Found, Frame, Hop, Walk, Way, element_starts, make_hop
from catalog.vocab import Label, RelType
from graph.neo4j.connection import Connection
from graph.neo4j.reads import LABELS
from graph.neo4j.schema import STEWARD, label, rel_type

HOLDS, COLLECTS, CARRIES = rel_type(RelType.HOLDS), rel_type(RelType.COLLECTS), rel_type(RelType.CARRIES)
TO, FOR, UNDER = rel_type(RelType.TO), rel_type(RelType.FOR), rel_type(RelType.UNDER)
DERIVED, OPERATES = rel_type(RelType.DERIVED_FROM), rel_type(RelType.OPERATES)
ELEMENT, SYSTEM = label(Label.DATA_ELEMENT), label(Label.SYSTEM)

# The root and its derivations. Down, every DERIVED_FROM edge into what the root is or is
# derived into; up, every one out of what it is or is derived from (`ANY SHORTEST`
# reaches each element once). Each way follows the flows that carry the root or one of
# its related elements (a system's, every flow).
FRAME = (
    f"MATCH (r:{STEWARD} {{id: $root}}) WHERE r:{ELEMENT} OR r:{SYSTEM} "
    f"WITH r, COLLECT {{ MATCH ANY SHORTEST (r) (()<-[:{DERIVED}]-())* (e) MATCH (d)-[x:{DERIVED}]->(e) "
    "                   RETURN [d, e, x.transform] } AS down, "
    f"        COLLECT {{ MATCH ANY SHORTEST (r) (()-[:{DERIVED}]->())* (e) MATCH (e)-[x:{DERIVED}]->(d) "
    "                   RETURN [e, d, x.transform] } AS up "
    f"WITH r, down, up, "
    f"     CASE WHEN r:{SYSTEM} THEN null ELSE COLLECT {{ UNWIND [r] + [d IN down | d[0]] AS e RETURN DISTINCT e }} "
    "     END AS down_elements, "
    f"     CASE WHEN r:{SYSTEM} THEN null ELSE COLLECT {{ UNWIND [r] + [d IN up | d[1]] AS e RETURN DISTINCT e }} "
    "     END AS up_elements ")

def _walk(way: Way) -> str:
    """A system's walk one way, with its details, as a subquery whose one row, `walk_<way>`,
    lists [system, distance, operators, flows] with each flow as [id, name, method, far
    ends, purposes, bases, carries]; an empty list for an element."""
    near, far = (rel_type(t) for t in ENDS[way])
    wanted = f"{way}_elements"
    # Where it leads (it leaves `x`), its purposes, its bases with their labels, and all it carries.
    hop = (f"[g.id, g.name, g.method, [(g)-[:{far}]->(n) | n.id], [(g)-[:{FOR}]->(p) | p.id], "
           f"[(g)-[:{UNDER}]->(b) | [b.id, labels(b)]], [(g)-[:{CARRIES}]->(c) | c.id]]")
    return (
        f"CALL (r, {wanted}) {{ "
        f"  WITH r WHERE {wanted} IS NULL "
        f"  {_search(way)} "
        "  WITH x, size(f) AS distance "
        f"  OPTIONAL MATCH (x)<-[:{near}]-(g) WHERE distance < $depth "
        f"  WITH x, distance, collect({hop}) AS flows "
        f"  RETURN collect([x.id, distance, [(o)-[:{OPERATES}]->(x) | o.id], flows]) AS walk_{way} }} ")


def _reach(way: Way) -> str:
    """A system's walk one way, without the details: [system, distance] for each system
    it reaches; null for an element."""
    return (f"WITH *, CASE WHEN {way}_elements IS NULL THEN "
            f"  COLLECT {{ {_search(way)} RETURN [x.id, size(f)] }} END AS walk_{way} ")


def _search(way: Way) -> str:
    """A system's search one way: each system `x` it reaches within `$depth` flows, by the
    shortest way, whose flows are the group `f`."""
    near, far = (rel_type(t) for t in ENDS[way])
    return f"MATCH ANY SHORTEST ((r) ((a)<-[:{near}]-(f)-[:{far}]->(b))* (x) WHERE size(f) <= $depth)"


def _carried(way: Way, details: bool) -> str:
    """For an element, the flows that carry one of the elements its walk follows one way,
    each as [near ends, far ends], and with the details [near ends, far ends, id, name,
    method, purposes, bases, what it carries of them]; null for a system."""
    near, far = (rel_type(t) for t in ENDS[way])
    wanted = f"{way}_elements"
    more = (f", f.id, f.name, f.method, [(f)-[:{FOR}]->(p) | p.id], [(f)-[:{UNDER}]->(b) | [b.id, labels(b)]], "
            f"[(f)-[:{CARRIES}]->(c) WHERE c IN {wanted} | c.id]") if details else ""
    return (
        f"WITH *, CASE WHEN {wanted} IS NULL THEN null ELSE "
        f"  COLLECT {{ UNWIND {wanted} AS e MATCH (e)<-[:{CARRIES}]-(f) WITH DISTINCT f "
        f"             RETURN [[(f)-[:{near}]->(a) | a.id], [(f)-[:{far}]->(b) | b.id]{more}] }} "
        f"END AS carried_{way} ")


# What an element's starts are read from (`catalog.lineage.element_starts`): the systems
# that hold it, that collect it, and that receive it by a flow that carries it. Testing
# each holder in the server for a flow that brings it the element cost 42,000 database
# hits for an element every district holds; the flows that carry it are a few hundred.
STARTS = (f"WITH *, CASE WHEN r:{SYSTEM} THEN null ELSE [[(r)<-[:{HOLDS}]-(s) | s.id], "
          f"  [(r)<-[:{COLLECTS}]-(s) | s.id], COLLECT {{ MATCH (r)<-[:{CARRIES}]-()-[:{TO}]->(s) "
          "                                           RETURN DISTINCT s.id }] END AS starts ")


def _query(ways: tuple[Way, ...], details: bool) -> str:
    system_walk = _walk if details else _reach
    return (FRAME + STARTS + "".join(system_walk(way) + _carried(way, details) for way in ways)
            + "RETURN labels(r) AS labels, [d IN down | [d[0].id, d[1].id, d[2]]] AS down, "
            "[d IN up | [d[0].id, d[1].id, d[2]]] AS up, starts"
            + "".join(f", walk_{way}, carried_{way}" for way in ways))


QUERIES: dict[tuple[tuple[Way, ...], bool], str] = {
    (ways, details): _query(ways, details)
    for ways in (("down",), ("up",), ("down", "up")) for details in (True, False)}

OPERATORS = (f"UNWIND $ids AS id MATCH (x:{STEWARD} {{id: id}}) "
             f"RETURN collect([x.id, [(o)-[:{OPERATES}]->(x) | o.id]]) AS operators")


def lineage_walks(conn: Connection, root: str, ways: tuple[Way, ...], depth: int,
                  details: bool = True) -> Found | None:
    if (ways, details) not in QUERIES:
        raise ValueError(f"ways must be down, up or both, not {ways!r}")
    rows = conn.read(QUERIES[ways, details], root=root, depth=depth)
    if not rows:
        return None
    row = rows[0]
    found = Label(next(value for value in row["labels"] if value in LABELS))
    if found == Label.SYSTEM:
        frame = Frame(root, found, (root,))
        walks = tuple(_walk_of(way, row[f"walk_{way}"], frame.starts) if details else
                      Walk({system: distance for system, distance in row[f"walk_{way}"]}, {}, ()) for way in ways)
        return Found(frame, walks)
    frame = Frame(root, found, tuple(element_starts(*row["starts"])), _derivations(row["down"]),
                  _derivations(row["up"]))
    reached = [_walk_carried(frame.starts, row[f"carried_{way}"], depth) for way in ways]
    if not details:
        return Found(frame, tuple(Walk(distances, {}, ()) for distances in reached))
    # The operators of the systems reached: a second round trip, for these alone.
    ids = sorted({system for distances in reached for system in distances})
    operators = dict(conn.read(OPERATORS, ids=ids)[0]["operators"]) if ids else {}
    return Found(frame, tuple(_walk_of(way, _rows_of(distances, row[f"carried_{way}"], operators, depth), frame.starts)
                              for way, distances in zip(ways, reached, strict=True)))


def _rows_of(distances: dict[str, int], carried: list[list[Any]], operators: dict[str, list[str]],
             depth: int) -> list[list[Any]]:
    """An element's walk as a system's walk comes from the server: [system, distance,
    operators, flows] for each system reached, with the flows the walk follows from it
    (it is nearer than `depth`), each as [id, name, method, far ends, purposes, bases,
    carries]."""
    leaving: dict[str, list[list[Any]]] = {}
    for nears, fars, flow, name, method, purposes, bases, carries in carried:
        for system in nears:
            if distances.get(system, depth) < depth:
                leaving.setdefault(system, []).append([flow, name, method, fars, purposes, bases, carries])
    return [[system, distance, operators.get(system, []), leaving.get(system, [])]
            for system, distance in distances.items()]


def _walk_carried(starts: tuple[str, ...], carried: list[list[Any]], depth: int) -> dict[str, int]:
    """Breadth first from the starts through the flows `carried` lists, each starting with
    its near ends and its far ends, to `depth`: each system at its first level, as
    `catalog.lineage.walk`."""
    onward: dict[str, list[str]] = {}
    for nears, fars, *_ in carried:
        for system in nears:
            onward.setdefault(system, []).extend(fars)
    distances = dict.fromkeys(starts, 0)
    frontier: Iterable[str] = starts
    for level in range(1, depth + 1):
        reached = {far for system in frontier for far in onward.get(system, ()) if far not in distances}
        if not reached:
            break
        distances.update(dict.fromkeys(reached, level))
        frontier = reached
    return distances


def _derivations(found: list[list[Any]]) -> tuple[Derivation, ...]:
    unique = {Derivation(element, source, transform) for element, source, transform in found}
    return tuple(sorted(unique, key=lambda d: (d.element, d.derived_from)))


def _walk_of(way: Way, systems: list[list[Any]], starts: tuple[str, ...]) -> Walk:
    distances = dict.fromkeys(starts, 0) | {system: distance for system, distance, _, _ in systems}
    operators = {system: min(found) for system, _, found, _ in systems if found}
    hops = [_hop(way, system, flow, operators) for system, _, _, flows in systems for flow in flows
            if flow[0] is not None]
    return Walk(distances, operators, tuple(sorted(hops, key=lambda h: h.flow)))


def _hop(way: Way, system: str, flow: list[Any], operators: dict[str, str]) -> Hop:
    """The hop of a flow the walk followed from `system`, its near end."""
    flow_id, name, method, far, purposes, bases, carries = flow
    other = far[0] if far else ""
    source, target = (system, other) if way == "down" else (other, system)
    labelled = [(b, next(v for v in labels if v in LABELS)) for b, labels in bases]
    return make_hop(flow_id, name if name is not None else flow_id, source, target, operators, method,
                    purposes, labelled, carries)
