"""Breadth-first traversal in the database, one query per level.

Each query takes the frontier (in the order the embedded store's queue would hold it)
and the ids already seen, and returns only the edges that reach new nodes, with those
nodes; so no depth is ever formatted into Cypher, nothing beyond the reached nodes
leaves the server, and a traversal of depth d costs at most d round trips. Ties within
a level are broken as the embedded store breaks them: frontier order, then each node's
edges sorted by (type, source, target)."""

from __future__ import annotations

from collections.abc import Iterable

from catalog.records import EdgeRecord, NodeRecord
from catalog.vocab import RelType
from graph.neo4j.connection import Connection, Row
from graph.neo4j.reads import EDGE, incident, to_node, type_values
from graph.neo4j.schema import STEWARD
from graph.store import Direction, Step

OTHER_END = "CASE WHEN startNode(r) = n THEN endNode(r) ELSE startNode(r) END"


def traverse(conn: Connection, start: str, direction: Direction,
             types: Iterable[RelType] | None, max_depth: int) -> list[Step]:
    query = (f"UNWIND $frontier AS origin MATCH (n:{STEWARD} {{id: origin}}) "
             f"UNWIND {incident(direction)} AS r "
             f"WITH origin, r, {OTHER_END} AS m WHERE NOT m.id IN $seen "
             f"RETURN origin, {EDGE}, m.id AS id, labels(m) AS labels, properties(m) AS node")
    wanted = type_values(types)
    seen = {start}
    frontier = [start]
    steps: list[Step] = []
    for depth in range(1, max_depth + 1):
        if not frontier:
            break
        rows = conn.read(query, frontier=frontier, seen=sorted(seen), types=wanted)
        frontier = _next_level(frontier, rows, depth, seen, steps)
    return steps


def _next_level(frontier: list[str], rows: list[Row], depth: int,
                seen: set[str], steps: list[Step]) -> list[str]:
    """Steps for the nodes first reached at `depth`, in the embedded store's order."""
    by_origin: dict[str, list[tuple[EdgeRecord, NodeRecord | None]]] = {}
    for row in rows:
        edge = EdgeRecord(RelType(row["type"]), row["source"], row["target"], dict(row["props"]))
        node = to_node({"id": row["id"], "labels": row["labels"], "props": row["node"]})
        by_origin.setdefault(row["origin"], []).append((edge, node))
    reached: list[str] = []
    for origin in frontier:
        for edge, node in sorted(by_origin.get(origin, []),
                                 key=lambda pair: (pair[0].type.value, pair[0].source, pair[0].target)):
            if node is None or node.id in seen:
                continue
            seen.add(node.id)
            steps.append(Step(node, depth, edge))
            reached.append(node.id)
    return reached
