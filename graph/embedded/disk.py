"""Reading the embedded store straight from SQLite, by its indexes, without building the
graph in memory: what a one-shot command needs (`steward show`, `steward lineage`),
which reads a few hundred rows of a graph of a million.

Every answer is the one `MemoryGraph` gives, in the same order: rows are sorted in
Python, and a `where` matches as it matches there."""

from __future__ import annotations

import json
import sqlite3
from collections import deque
from collections.abc import Iterable, Mapping
from typing import Any

from catalog.records import EdgeRecord, NodeRecord
from catalog.vocab import Label, RelType
from graph.embedded.durable import decode
from graph.embedded.memory import edge_order, matches
from graph.store import Direction, Step

# Many ids in one query: a JSON array read with json_each, not one `?` per id (SQLite
# caps the number of parameters of a statement).
_IN_IDS = "(SELECT value FROM json_each(?))"
_EDGE = "SELECT type, source, target, props FROM edges"


def _node(row: tuple[str, str, str]) -> NodeRecord:
    node_id, label, props = row
    return NodeRecord(Label(label), node_id, decode(props))


def _edge(row: tuple[str, str, str, str]) -> EdgeRecord:
    type_, source, target, props = row
    return EdgeRecord(RelType(type_), source, target, decode(props))


def get(conn: sqlite3.Connection, node_id: str) -> NodeRecord | None:
    row = conn.execute("SELECT id, label, props FROM nodes WHERE id = ?", (node_id,)).fetchone()
    return _node(row) if row else None


def get_many(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, NodeRecord]:
    rows = conn.execute(f"SELECT id, label, props FROM nodes WHERE id IN {_IN_IDS}", (json.dumps(sorted(set(ids))),))
    return {n.id: n for n in map(_node, rows)}


def find(conn: sqlite3.Connection, label: Label | None, where: Mapping[str, Any] | None) -> list[NodeRecord]:
    if label is None:
        rows = conn.execute("SELECT id, label, props FROM nodes")
    else:
        rows = conn.execute("SELECT id, label, props FROM nodes WHERE label = ?", (Label(label).value,))
    records = [_node(row) for row in rows]
    if where:
        records = [r for r in records if all(matches(r.props.get(k), v) for k, v in where.items())]
    return sorted(records, key=lambda r: r.id)


def count_nodes(conn: sqlite3.Connection) -> dict[Label, int]:
    return {Label(label): n for label, n in conn.execute("SELECT label, count(*) FROM nodes GROUP BY label")}


def count_edges(conn: sqlite3.Connection) -> dict[RelType, int]:
    return {RelType(t): n for t, n in conn.execute("SELECT type, count(*) FROM edges GROUP BY type")}


def edges(conn: sqlite3.Connection, node_ids: list[str] | None, direction: Direction,
          types: Iterable[RelType] | None) -> list[EdgeRecord]:
    """The edges of these nodes (all edges when None), as `MemoryGraph.edges` lists those
    of each: a self-loop comes once out and once in."""
    kinds = json.dumps(sorted(RelType(t).value for t in (RelType if types is None else types)))
    if node_ids is None:
        found = [_edge(row) for row in conn.execute(f"{_EDGE} WHERE type IN {_IN_IDS}", (kinds,))]
    else:
        ids = json.dumps(node_ids)
        found = []
        for end, way in (("source", Direction.OUT), ("target", Direction.IN)):
            if direction in (way, Direction.BOTH):
                found += map(_edge, conn.execute(f"{_EDGE} WHERE {end} IN {_IN_IDS} AND type IN {_IN_IDS}",
                                                 (ids, kinds)))
    return sorted(found, key=edge_order)


def traverse(conn: sqlite3.Connection, start: str, direction: Direction, types: Iterable[RelType] | None,
             max_depth: int) -> list[Step]:
    """As `MemoryGraph.traverse`: breadth-first, each node once at its shortest depth."""
    if get(conn, start) is None:
        return []
    wanted = list(types) if types is not None else None
    seen = {start}
    reached: list[tuple[str, int, EdgeRecord]] = []
    queue: deque[tuple[str, int]] = deque([(start, 0)])
    while queue:
        node_id, depth = queue.popleft()
        if depth >= max_depth:
            continue
        for edge in edges(conn, [node_id], direction, wanted):
            nxt = edge.target if edge.source == node_id else edge.source
            if nxt not in seen:
                seen.add(nxt)
                reached.append((nxt, depth + 1, edge))
                queue.append((nxt, depth + 1))
    records = get_many(conn, [node for node, _, _ in reached])
    return [Step(records[node], depth, edge) for node, depth, edge in reached]
