"""Native traversals: the heavy walks of the analyses, run as Cypher in the database with
the same answers as the Python walks in `catalog/` (`blast.downstream_reach`;
lineage's are in `graph/neo4j/lineage.py`), and what the deadlines' binding reads (the
feeds it walks, `deadlines.upstream_bounds`).

No depth is ever formatted into Cypher: each one is the `$depth` parameter. Reach needs
only whether a system is within `$depth` flows, so it takes the shortest path (`ANY
SHORTEST`, a breadth-first search in the server) through an unbounded quantified path
pattern and keeps it when it has at most `$depth` flows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from catalog.deadlines.binding import Day, Feeds, RowKey, bounds_along
from catalog.vocab import Label, RelType
from graph.neo4j.connection import Connection
from graph.neo4j.schema import STEWARD, label, rel_type

FROM, TO, CARRIES = rel_type(RelType.FROM), rel_type(RelType.TO), rel_type(RelType.CARRIES)
ACCOUNTABLE_TO = rel_type(RelType.ACCOUNTABLE_TO)
UNDER, COVERS, MANDATE = rel_type(RelType.UNDER), rel_type(RelType.COVERS), label(Label.MANDATE)
FLOW = label(Label.FLOW)

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

# A flow whose only basis is a mandate covering the element hands it to another
# custodian (the recipient keeps it under its own law). `HANDS_OVER` says it of a flow
# named `f` and an element named `e` (the clocks use it too: a copy received only under
# a law); a mandate that names no element covers them all.
HANDS_OVER = (f"(COUNT {{ (f)-[:{UNDER}]->() }} > 0 "
              f"AND COUNT {{ (f)-[:{UNDER}]->(m) WHERE NOT m:{MANDATE} }} = 0 "
              f"AND EXISTS {{ MATCH (f)-[:{UNDER}]->(m) "
              f"WHERE NOT EXISTS {{ (m)-[:{COVERS}]->() }} OR EXISTS {{ (m)-[:{COVERS}]->(e) }} }})")
# Where each flow takes each element it carries, where that binds the copies (what
# `catalog.deadlines.binding_feeds` reads from a snapshot): a row per flow.
FEEDS = (
    f"MATCH (src:{STEWARD})<-[:{FROM}]-(f:{FLOW}:{STEWARD})-[:{TO}]->(dst:{STEWARD}) WHERE src <> dst "
    f"RETURN src.id AS source, dst.id AS target, [(f)-[:{CARRIES}]->(e:{STEWARD}) "
    "  WHERE (e.sensitivity IS NULL OR NOT e.sensitivity IN $exempt) AND NOT " + HANDS_OVER + " | e.id] AS elements")


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


def binding_feeds(conn: Connection, exempt: list[str]) -> Feeds:
    """What `catalog.deadlines.binding_feeds` reads from a snapshot, in one query."""
    feeds: Feeds = {}
    for row in conn.read(FEEDS, exempt=sorted(exempt)):
        for element in row["elements"]:
            feeds.setdefault((row["source"], element), set()).add(row["target"])
    return feeds


def upstream_bounds(conn: Connection, own: dict[RowKey, Day], exempt: list[str],
                    depth: int) -> dict[RowKey, tuple[Day, str]]:
    """What `catalog.deadlines.upstream_bounds` finds: the feeds read in one query, walked
    from each row with a deadline as the snapshot's are. Walking the graph in the server
    from each of a state's 90,000 holdings with deadlines took four times as long."""
    return bounds_along(binding_feeds(conn, exempt), own, depth) if own else {}


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
