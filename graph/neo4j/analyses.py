"""Native traversals: the heavy walks of the analyses, run as Cypher in the database with
the same answers as the Python walks in `catalog/` (`blast.downstream_reach`,
`deadlines.upstream_bounds`; lineage's are in `graph/neo4j/lineage.py`).

No depth is ever formatted into Cypher: each one is the `$depth` parameter. Reach and
binding need only whether a system is within `$depth` flows, so they take the shortest
path (`ANY SHORTEST`, a breadth-first search in the server) through an unbounded
quantified path pattern and keep it when it has at most `$depth` flows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from catalog.vocab import Label, RelType
from graph.neo4j.connection import Connection
from graph.neo4j.schema import STEWARD, label, rel_type

FROM, TO, CARRIES = rel_type(RelType.FROM), rel_type(RelType.TO), rel_type(RelType.CARRIES)
ACCOUNTABLE_TO = rel_type(RelType.ACCOUNTABLE_TO)
UNDER, COVERS, MANDATE = rel_type(RelType.UNDER), rel_type(RelType.COVERS), label(Label.MANDATE)

# Per element, from its starts along the flows that carry it (`e` is bound before the
# pattern, so the inline WHERE keeps to that element's flows).
REACH = (
    f"UNWIND $walks AS walk MATCH (e:{STEWARD} {{id: walk.element}}) "
    f"UNWIND walk.starts AS start MATCH (s:{STEWARD} {{id: start}}) "
    f"MATCH ANY SHORTEST (s) ((a)<-[:{FROM}]-(f)-[:{TO}]->(b) WHERE EXISTS {{ (f)-[:{CARRIES}]->(e) }})* (x) "
    "WHERE size(f) <= $depth "
    "WITH e, x, min(size(f)) AS distance "
    # The flows carrying it out of every system reached before the last level, as the walk takes them.
    f"OPTIONAL MATCH (x)<-[:{FROM}]-(out)-[:{CARRIES}]->(e) WHERE distance < $depth "
    "RETURN x.id AS system, collect(out.id) AS flows")

# From each holding with deadlines of its own (one per cohort), downstream along flows
# that carry its element, except a flow whose only basis is a mandate covering that
# element (the recipient is another custodian), to every other system within $depth
# flows; each of those keeps, per cohort, the earliest deadline, then the smallest
# system id. Ids are slugs and deadlines ISO dates (ASCII), so Cypher's string order is
# Python's. `HANDS_OVER` says it of a flow named `f` and an element named `e` (the
# clocks use it too: a copy received only under a law); a mandate that names no element
# covers them all.
HANDS_OVER = (f"(COUNT {{ (f)-[:{UNDER}]->() }} > 0 "
              f"AND COUNT {{ (f)-[:{UNDER}]->(m) WHERE NOT m:{MANDATE} }} = 0 "
              f"AND EXISTS {{ MATCH (f)-[:{UNDER}]->(m) "
              f"WHERE NOT EXISTS {{ (m)-[:{COVERS}]->() }} OR EXISTS {{ (m)-[:{COVERS}]->(e) }} }})")
BOUNDS = (
    f"UNWIND $own AS held MATCH (u:{STEWARD} {{id: held.system}}) "
    f"UNWIND held.elements AS row MATCH (e:{STEWARD} {{id: row.element}}) "
    "WHERE e.sensitivity IS NULL OR NOT e.sensitivity IN $exempt "
    f"MATCH ANY SHORTEST (u) ((a)<-[:{FROM}]-(f)-[:{TO}]->(b) "
    f"  WHERE EXISTS {{ (f)-[:{CARRIES}]->(e) }} AND NOT {HANDS_OVER})+ (d) "
    "WHERE size(f) <= $depth AND d <> u "
    "UNWIND row.dues AS pair "
    "WITH d, e, pair[0] AS cohort, pair[1] AS due, u.id AS source ORDER BY due, source "
    "WITH d, e, cohort, collect([due, source])[0] AS best "
    "RETURN d.id AS system, collect([e.id, cohort, best[0], best[1]]) AS bounds")


def downstream_reach(conn: Connection, walks: Mapping[str, Sequence[str]],
                     depth: int) -> tuple[list[str], list[str]]:
    """For each element, the systems within `depth` flows carrying it from its starts (the
    starts included), and the flows carrying it out of those within `depth - 1`: what
    `catalog.blast.downstream_reach` walks."""
    rows = conn.read(REACH, walks=[{"element": e, "starts": sorted(set(s))} for e, s in sorted(walks.items())],
                     depth=depth)
    systems = {start for starts in walks.values() for start in starts} | {row["system"] for row in rows}
    flows = {flow for row in rows for flow in row["flows"]}
    return sorted(systems), sorted(flows)


def upstream_bounds(conn: Connection, own: dict[tuple[str, str, str], str], exempt: list[str],
                    depth: int) -> dict[tuple[str, str, str], tuple[str, str]]:
    """For each row (system, element, cohort) downstream of a row with a deadline, the
    earliest such deadline upstream and where it is held: what
    `catalog.deadlines.upstream_bounds` finds."""
    if not own:
        return {}
    # Sent and answered a system to a row: the driver's cost is per row (a state has
    # 430,000 holdings with deadlines, in 3,000 systems).
    held: dict[str, dict[str, list[list[str]]]] = {}
    for (system, element, cohort), due in sorted(own.items()):
        held.setdefault(system, {}).setdefault(element, []).append([cohort, due])
    rows = conn.read(BOUNDS, own=[{"system": system, "elements": [{"element": e, "dues": d} for e, d in by.items()]}
                                  for system, by in held.items()], exempt=sorted(exempt), depth=depth)
    return {(row["system"], element, cohort): (due, source)
            for row in rows for element, cohort, due, source in row["bounds"]}


# Every organisation above the given ones (each reached once, by a shortest way up), with
# its kind and the organisations it answers to.
UPWARDS = (
    f"UNWIND $orgs AS start MATCH (s:{STEWARD} {{id: start}}) "
    f"MATCH ANY SHORTEST (s) (()-[:{ACCOUNTABLE_TO}]->())* (x:{STEWARD}) "
    "WITH DISTINCT x "
    f"RETURN x.id AS id, x.kind AS kind, COLLECT {{ MATCH (x)-[:{ACCOUNTABLE_TO}]->(up:{STEWARD}) "
    "RETURN up.id } AS ups")


def accountable_to(conn: Connection, orgs: list[str]) -> dict[str, tuple[str | None, list[str]]]:
    """What `catalog.responsibility` reads a level at a time, in one query."""
    if not orgs:
        return {}
    rows = conn.read(UPWARDS, orgs=sorted(set(orgs)))
    return {row["id"]: (row["kind"], sorted(row["ups"])) for row in rows}
