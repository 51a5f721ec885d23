"""Writing: a transaction buffers its operations, then commits them in one managed write
transaction, as a few `UNWIND $rows` queries rather than one query per record."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from catalog.audit import Change
from catalog.records import VERSION, EdgeRecord, NodeRecord
from catalog.vocab import Label, RelType
from graph.neo4j.audit import change_row, record_changes
from graph.neo4j.connection import Connection, Tx
from graph.neo4j.schema import STEWARD, count_write, label, rel_type
from graph.store import StoreError, VersionConflict

# Rows per query: big enough to make a load a handful of queries, small enough to keep
# each Bolt message a few megabytes. Every chunk still runs in the same transaction.
# Loading 50 districts (211,009 nodes and relationships) into an empty database took a median 14.0 s
# in chunks of 10,000 rows against 15.5 s in chunks of 2,000.
CHUNK = 10_000

Op = tuple[str, Any]


class Buffer:
    """A transaction's writes, held until it commits (as the embedded store's)."""

    def __init__(self) -> None:
        self.ops: list[Op] = []

    def upsert_node(self, node: NodeRecord, expected: int | None = None) -> None:
        check_props(f"node {node.id!r}", node.props)
        self.ops.append(("upsert_node", (node, expected)))

    def delete_node(self, node_id: str, expected: int | None = None) -> None:
        self.ops.append(("delete_node", (node_id, expected)))

    def upsert_edge(self, edge: EdgeRecord) -> None:
        check_props(f"{edge.type} from {edge.source!r} to {edge.target!r}", edge.props)
        self.ops.append(("upsert_edge", edge))

    def delete_edge(self, type_: RelType, source: str, target: str) -> None:
        self.ops.append(("delete_edge", EdgeRecord(RelType(type_), source, target)))

    def record_change(self, change: Change) -> None:
        self.ops.append(("record_change", change))


@dataclass
class Batch:
    kind: str
    key: Label | RelType | None
    rows: list[dict[str, Any]] = field(default_factory=list)


def plan(ops: Sequence[Op]) -> list[Batch]:
    """Consecutive operations of one kind, grouped by label or type; recorded changes last.

    Regrouping inside a run is safe: upserts of different ids (or edge keys) commute,
    the same id or key stays in order within its group, and an id written under two
    labels fails whichever order it is written in. Runs of different kinds keep their
    order, so a delete then an upsert of one id still ends with the node present.
    Recorded changes touch nothing in the graph, so they leave the runs (which would
    otherwise alternate node, change, node, ...) and go in one batch, in call order,
    which is the order of their sequence numbers."""
    graph_ops = [op for op in ops if op[0] != "record_change"]
    changes = [change_row(arg) for kind, arg in ops if kind == "record_change"]
    batches: list[Batch] = []
    for kind, run in groupby(graph_ops, key=lambda op: op[0]):
        groups: dict[Label | RelType | None, Batch] = {}
        for _, arg in run:
            key, row = _row(kind, arg)
            groups.setdefault(key, Batch(kind, key)).rows.append(row)
        batches += groups.values()
    if changes:
        batches.append(Batch("record_change", None, changes))
    return batches


def _row(kind: str, arg: Any) -> tuple[Label | RelType | None, dict[str, Any]]:
    if kind == "upsert_node":
        node, expected = arg
        return node.label, {"id": node.id, "props": {**node.props, "id": node.id}, **_expecting(expected)}
    if kind == "delete_node":
        node_id, expected = arg
        return None, {"id": node_id, **_expecting(expected)}
    if kind == "upsert_edge":
        return arg.type, {"source": arg.source, "target": arg.target, "props": dict(arg.props)}
    if kind == "delete_edge":
        return arg.type, {"source": arg.source, "target": arg.target}
    raise ValueError(kind)


def _expecting(expected: int | None) -> dict[str, Any]:
    return {"check": expected is not None, "expected": expected}


def commit(conn: Connection, ops: Sequence[Op]) -> None:
    """All of `ops` in one transaction, or nothing: a refusal raises inside the
    transaction function, so the driver rolls the whole transaction back."""
    batches = plan(ops)

    def work(tx: Tx) -> None:
        for batch in batches:
            for rows in chunks(batch.rows):
                _apply(tx, batch, rows)
        count_write(tx)

    conn.transaction(work)


def chunks(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start:start + CHUNK]


def _apply(tx: Tx, batch: Batch, rows: list[dict[str, Any]]) -> None:
    match batch.kind, batch.key:
        case "upsert_node", Label() as kind:
            _upsert_nodes(tx, kind, rows)
        case "delete_node", None:
            _delete_nodes(tx, rows)
        case "upsert_edge", RelType() as type_:
            _upsert_edges(tx, type_, rows)
        case "delete_edge", RelType() as type_:
            tx.run(f"UNWIND $rows AS row "
                   f"MATCH (:{STEWARD} {{id: row.source}})-[r:{rel_type(type_)}]->"
                   f"(:{STEWARD} {{id: row.target}}) DELETE r", rows=rows)
        case "record_change", None:
            record_changes(tx, rows)
        case _:
            raise ValueError(f"unknown write {batch.kind} {batch.key}")


# Read committed: a property read before this transaction holds the node's write lock
# may be stale by the time it writes. Setting this marker takes the lock first; the
# version read after it is the last committed one, and `SET n = row.props` clears it.
_LOCK = "_steward_lock"
_NEW = "_steward_new"


def _upsert_nodes(tx: Tx, kind: Label, rows: list[dict[str, Any]]) -> None:
    # MERGE on the Steward id (unique, indexed, locked); a node found under another
    # label, or at another version than a row expects, is left alone and reported, and
    # the transaction is then rolled back.
    refused = tx.run(
        f"UNWIND $rows AS row "
        f"MERGE (n:{STEWARD} {{id: row.id}}) ON CREATE SET n:{label(kind)}, n.{_NEW} = true "
        f"SET n.{_LOCK} = true "
        f"WITH n, row, n:{label(kind)} AS fits, "
        f"CASE WHEN n.{_NEW} THEN 0 ELSE coalesce(n.{VERSION}, 1) END AS actual "
        f"WITH n, row, fits, actual, row.check AND actual <> row.expected AS stale "
        f"FOREACH (_ IN CASE WHEN fits AND NOT stale THEN [1] ELSE [] END | SET n = row.props) "
        f"WITH n, row, fits, actual, stale WHERE NOT fits OR stale "
        f"RETURN row.id AS id, fits, actual, row.expected AS expected, "
        f"[l IN labels(n) WHERE l <> '{STEWARD}'] AS labels", rows=rows)
    for row in refused:
        if not row["fits"]:
            raise StoreError(f"write refused, nothing was written: id {row['id']!r} is already a "
                             f"{'/'.join(row['labels']) or 'node'}, not a {kind}")
    if refused:
        first = refused[0]
        raise VersionConflict(first["id"], first["expected"], first["actual"])


def _delete_nodes(tx: Tx, rows: list[dict[str, Any]]) -> None:
    checked = [row for row in rows if row["check"]]
    if checked:
        stale = tx.run(
            f"UNWIND $rows AS row OPTIONAL MATCH (n:{STEWARD} {{id: row.id}}) "
            f"FOREACH (_ IN CASE WHEN n IS NULL THEN [] ELSE [1] END | SET n.{_LOCK} = true) "
            f"WITH row, CASE WHEN n IS NULL THEN 0 ELSE coalesce(n.{VERSION}, 1) END AS actual "
            f"WHERE actual <> row.expected RETURN row.id AS id, row.expected AS expected, actual", rows=checked)
        if stale:
            raise VersionConflict(stale[0]["id"], stale[0]["expected"], stale[0]["actual"])
    tx.run(f"UNWIND $rows AS row MATCH (n:{STEWARD} {{id: row.id}}) DETACH DELETE n", rows=rows)


def _upsert_edges(tx: Tx, type_: RelType, rows: list[dict[str, Any]]) -> None:
    missing = tx.run(
        f"UNWIND $rows AS row "
        f"OPTIONAL MATCH (a:{STEWARD} {{id: row.source}}) "
        f"OPTIONAL MATCH (b:{STEWARD} {{id: row.target}}) "
        f"FOREACH (_ IN CASE WHEN a IS NULL OR b IS NULL THEN [] ELSE [1] END | "
        f"  MERGE (a)-[r:{rel_type(type_)}]->(b) SET r = row.props) "
        f"WITH row, a, b WHERE a IS NULL OR b IS NULL "
        f"RETURN row.source AS source, row.target AS target, "
        f"CASE WHEN a IS NULL THEN row.source ELSE row.target END AS absent", rows=rows)
    if missing:
        first = missing[0]
        raise StoreError(f"write refused, nothing was written: a relationship names a node that "
                         f"does not exist ({type_} from {first['source']!r} to {first['target']!r}: "
                         f"no node {first['absent']!r})")


def check_props(owner: str, props: Mapping[str, Any]) -> None:
    """Neo4j stores primitives and flat lists of one kind of them, never null or a map;
    say so at the call that wrote it rather than as a server error at commit."""
    for key, value in props.items():
        items = value if isinstance(value, list | tuple) else [value]
        kinds = {_kind(v) for v in items}
        if None in kinds or len(kinds) > 1:
            raise StoreError(f"property {key!r} of {owner} is {value!r}: Neo4j stores strings, numbers "
                             "(64-bit integers), booleans and flat lists of one of them; never null or a map")


def _kind(value: Any) -> str | None:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer" if -2**63 <= value < 2**63 else None
    if isinstance(value, float):
        return "float"  # a list mixing it with integers would come back all floats
    return "string" if isinstance(value, str) else None
