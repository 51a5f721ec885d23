"""Native lineage in one query: where it starts and the walk of each way asked for, with
the answers of `catalog.lineage.frame` and `walk`.

Each walk is one breadth-first search in the server (`ANY SHORTEST` through a quantified
path pattern), from a single source, so that the whole walk costs O(systems + flows)
however many starts there are: for a system, the system itself; for an element, the
element, whose first step is to the systems that hold or collect it, kept only where
the data starts. Each system reached comes with its shortest way there, at its distance,
and no path is ever enumerated. The search is a pre-filter, inside the parenthesised
pattern, so that a way through a system that is not a start is never taken for the
shortest. No depth is formatted into Cypher (a quantifier's bounds cannot be a
parameter): the pattern is unbounded and a system counts when its distance is at most
`$depth`. The same query then reads, once per system the walk goes on from, its operator
and the flows it follows with all that a hop shows.

Asked without its details (the systems reached and their distances), an element's walk
is not searched in the server: testing what each flow it meets carries cost most of a
wide element's lineage. The query reads instead the flows that carry one of the wanted
elements, with their ends, and the systems the element's starts are read from; the
walk follows them in Python (`_walk_carried`), level by level as `catalog.lineage.walk`.
A system's walk tests nothing and stays in the server.

Every part is one list in one row: a lineage costs one round trip, whatever its size."""

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
# its related elements (a system's, every flow). `origins`: whether the element is
# collected somewhere, or held without arriving by a flow that carries it; if not, the
# data starts in every system that holds it.
FRAME = (
    f"MATCH (r:{STEWARD} {{id: $root}}) WHERE r:{ELEMENT} OR r:{SYSTEM} "
    f"WITH r, COLLECT {{ MATCH ANY SHORTEST (r) (()<-[:{DERIVED}]-())* (e) MATCH (d)-[x:{DERIVED}]->(e) "
    "                   RETURN [d, e, x.transform] } AS down, "
    f"        COLLECT {{ MATCH ANY SHORTEST (r) (()-[:{DERIVED}]->())* (e) MATCH (e)-[x:{DERIVED}]->(d) "
    "                   RETURN [e, d, x.transform] } AS up, "
    f"        EXISTS {{ (r)<-[:{COLLECTS}]-() }} OR "
    f"        EXISTS {{ (r)<-[:{HOLDS}]-(h) WHERE NOT EXISTS {{ (h)<-[:{TO}]-()-[:{CARRIES}]->(r) }} }} AS origins "
    f"WITH r, down, up, origins, "
    f"     CASE WHEN r:{SYSTEM} THEN null ELSE COLLECT {{ UNWIND [r] + [d IN down | d[0]] AS e RETURN DISTINCT e }} "
    "     END AS down_elements, "
    f"     CASE WHEN r:{SYSTEM} THEN null ELSE COLLECT {{ UNWIND [r] + [d IN up | d[1]] AS e RETURN DISTINCT e }} "
    "     END AS up_elements ")

# Where an element's data starts: a system that collects it, or holds it without
# receiving it by a flow that carries it; every holder when there is none such.
_START = (f"(NOT origins OR EXISTS {{ (s)-[:{COLLECTS}]->(r) }} "
          f"OR NOT EXISTS {{ (s)<-[:{TO}]-()-[:{CARRIES}]->(r) }})")


def _walk(way: Way) -> str:
    """One way's walk, as a subquery whose one row, `walk_<way>`, lists [system, distance,
    operators, flows] with each flow as [id, name, method, far ends, purposes, bases,
    carries]."""
    near, far = (rel_type(t) for t in ENDS[way])
    wanted = f"{way}_elements"
    flow = f"(a)<-[:{near}]-(f)-[:{far}]->(b)"
    carried = f"any(e IN {wanted} WHERE EXISTS {{ (f)-[:{CARRIES}]->(e) }})"
    reach = (
        f"CALL (r, origins, {wanted}) {{ "
        f"  WITH r, origins, {wanted} WHERE {wanted} IS NOT NULL "
        f"  MATCH ANY SHORTEST ((r)<-[:{HOLDS}|{COLLECTS}]-(s) ({flow} WHERE {carried})* (x) "
        f"                      WHERE size(f) <= $depth AND {_START}) "
        "  RETURN x, size(f) AS distance "
        "  UNION ALL "
        f"  WITH r, {wanted} WHERE {wanted} IS NULL "
        f"  MATCH ANY SHORTEST ((r) ({flow})* (x) WHERE size(f) <= $depth) "
        "  RETURN x, size(f) AS distance } ")
    # What a followed flow carries of the wanted elements (the root alone, mostly).
    carries = (f"CASE WHEN {wanted} IS NULL THEN [(g)-[:{CARRIES}]->(c) | c.id] "
               f"WHEN size({wanted}) = 1 THEN [{wanted}[0].id] "
               f"ELSE [e IN {wanted} WHERE EXISTS {{ (g)-[:{CARRIES}]->(e) }} | e.id] END")
    # Where it leads (it leaves `x`), its purposes, and its bases with their labels.
    hop = (f"[g.id, g.name, g.method, [(g)-[:{far}]->(n) | n.id], [(g)-[:{FOR}]->(p) | p.id], "
               f"[(g)-[:{UNDER}]->(b) | [b.id, labels(b)]], {carries}]")
    return (
        f"CALL (r, origins, {wanted}) {{ "
        + reach +
        f"OPTIONAL MATCH (x)<-[:{near}]-(g) WHERE distance < $depth "
        f"  AND ({wanted} IS NULL OR {carried.replace('(f)', '(g)')}) "
        f"WITH x, distance, collect({hop}) AS flows "
        f"RETURN collect([x.id, distance, [(o)-[:{OPERATES}]->(x) | o.id], flows]) AS walk_{way} }} ")


def _reach(way: Way) -> str:
    """One way's reach alone, without the details. For a system, the walk in the server, as
    `_walk` has it: every flow is followed, so the search tests nothing as it goes. For
    an element, the flows that carry one of the wanted elements, each as [near ends, far
    ends], for `_walk_carried` to follow: the search in the server tested what every
    flow it met carries, which at N = 200 was 28 ms of a wide element's lineage (228,000
    database hits for 760 systems), where reading the 700 flows that carry it takes 5."""
    near, far = (rel_type(t) for t in ENDS[way])
    wanted = f"{way}_elements"
    return (
        f"WITH *, CASE WHEN {wanted} IS NULL THEN "
        f"  COLLECT {{ MATCH ANY SHORTEST ((r) ((a)<-[:{near}]-(f)-[:{far}]->(b))* (x) WHERE size(f) <= $depth) "
        "             RETURN [x.id, size(f)] } END AS walk_" + way + ", "
        f"CASE WHEN {wanted} IS NULL THEN null ELSE "
        f"  COLLECT {{ UNWIND {wanted} AS e MATCH (e)<-[:{CARRIES}]-(f) WITH DISTINCT f "
        f"             RETURN [[(f)-[:{near}]->(a) | a.id], [(f)-[:{far}]->(b) | b.id]] }} END AS carried_{way} ")


# What an element's starts are read from (`catalog.lineage.element_starts`): the systems
# that hold it, that collect it, and that receive it by a flow that carries it. Testing
# each holder in the server for a flow that brings it the element cost 42,000 database
# hits for an element every district holds; the flows that carry it are a few hundred.
STARTS = (f"WITH *, CASE WHEN r:{SYSTEM} THEN null ELSE [[(r)<-[:{HOLDS}]-(s) | s.id], "
          f"  [(r)<-[:{COLLECTS}]-(s) | s.id], COLLECT {{ MATCH (r)<-[:{CARRIES}]-()-[:{TO}]->(s) "
          "                                           RETURN DISTINCT s.id }] END AS starts ")


def _query(ways: tuple[Way, ...], details: bool) -> str:
    returned = "labels(r) AS labels, [d IN down | [d[0].id, d[1].id, d[2]]] AS down, " \
               "[d IN up | [d[0].id, d[1].id, d[2]]] AS up"
    if details:
        return FRAME + "".join(_walk(way) for way in ways) + "RETURN " + returned + "".join(
            f", walk_{way}" for way in ways)
    return FRAME + STARTS + "".join(_reach(way) for way in ways) + "RETURN " + returned + ", starts" + "".join(
        f", walk_{way}, carried_{way}" for way in ways)


QUERIES: dict[tuple[tuple[Way, ...], bool], str] = {
    (ways, details): _query(ways, details)
    for ways in (("down",), ("up",), ("down", "up")) for details in (True, False)}


def lineage_walks(conn: Connection, root: str, ways: tuple[Way, ...], depth: int,
                  details: bool = True) -> Found | None:
    if (ways, details) not in QUERIES:
        raise ValueError(f"ways must be down, up or both, not {ways!r}")
    rows = conn.read(QUERIES[ways, details], root=root, depth=depth)
    if not rows:
        return None
    row = rows[0]
    found = Label(next(value for value in row["labels"] if value in LABELS))
    if details:
        # The starts are where each walk is at distance 0; every way has the same.
        starts = tuple(sorted({system for system, distance, _, _ in row[f"walk_{ways[0]}"] if distance == 0}))
        walks = tuple(_walk_of(way, row[f"walk_{way}"], starts) for way in ways)
    elif found == Label.SYSTEM:
        starts = (root,)
        walks = tuple(Walk({system: distance for system, distance in row[f"walk_{way}"]}, {}, ()) for way in ways)
    else:
        starts = tuple(element_starts(*row["starts"]))
        walks = tuple(Walk(_walk_carried(starts, row[f"carried_{way}"], depth), {}, ()) for way in ways)
    frame = (Frame(root, found, starts) if found == Label.SYSTEM else
             Frame(root, found, starts, _derivations(row["down"]), _derivations(row["up"])))
    return Found(frame, walks)


def _walk_carried(starts: tuple[str, ...], carried: list[list[list[str]]], depth: int) -> dict[str, int]:
    """Breadth first from the starts through the flows `carried` lists, each as [near
    ends, far ends], to `depth`: each system at its first level, as `catalog.lineage.walk`."""
    onward: dict[str, list[str]] = {}
    for nears, fars in carried:
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
