"""Backup and restore on Neo4j: every property of Steward's nodes, relationships, changes
and tokens, whatever they are, so that a property added later is carried too.

Neo4j's transactions are read-committed: a read transaction alone can see one write's
effect in its first query and miss another's in its last. Every committing write takes
the lock of a counter node (the audit trail's sequence, then the data version, see
schema.count_write and audit.record_changes); the backup's transaction takes the same
two locks first, in the same order, so writes wait for it to end and its queries all see
one moment. The locks are taken by setting a marker on each counter and removing it in
the same statement: the counter's value is neither read nor written. (Setting it to its
own value would write back what was read before the lock, undoing a write that
committed in between: the next change would then take a sequence number in use.)"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from catalog.audit import Change
from catalog.vocab import Label, RelType
from graph.backup import Contents, Row, refusal
from graph.neo4j import reads
from graph.neo4j.audit import SEQ_KEY, TOKEN_FIELDS, change_row
from graph.neo4j.connection import Connection, Tx
from graph.neo4j.schema import CHANGE, DATA_VERSION_KEY, META, STEWARD, TOKEN, count_write, label, rel_type
from graph.neo4j.writes import check_props, chunks
from graph.store import StoreError

# Every field of an audit entry, as `Change` has them (a change of the model is carried).
CHANGE_FIELDS = tuple(f.name for f in fields(Change))
_HELD = (f"MATCH (n) WHERE n:{STEWARD} OR n:{CHANGE} OR n:{TOKEN} "
         f"RETURN sum(CASE WHEN n:{STEWARD} THEN 1 ELSE 0 END) AS node, "
         f"sum(CASE WHEN n:{CHANGE} THEN 1 ELSE 0 END) AS change, "
         f"sum(CASE WHEN n:{TOKEN} THEN 1 ELSE 0 END) AS token")


_LOCK = "_steward_backup_lock"


def read(conn: Connection, schema_version: int) -> Contents:
    def work(tx: Tx) -> Contents:
        for key in (SEQ_KEY, DATA_VERSION_KEY):
            tx.run(f"MERGE (m:{META} {{key: $key}}) ON CREATE SET m.value = 0 "
                   f"SET m.{_LOCK} = true REMOVE m.{_LOCK}", key=key)
        contents = Contents(schema_version)
        contents.rows["node"] = [_node(row) for row in tx.run(f"MATCH (n:{STEWARD}) RETURN {reads.NODE}")]
        contents.rows["edge"] = [
            {"type": row["type"], "source": row["source"], "target": row["target"], "props": dict(row["props"])}
            for row in tx.run(f"MATCH (:{STEWARD})-[r]->(:{STEWARD}) RETURN {reads.EDGE}")]
        contents.rows["change"] = [_change(row["c"]) for row in tx.run(f"MATCH (c:{CHANGE}) RETURN properties(c) AS c")]
        contents.rows["token"] = [{f: None for f in TOKEN_FIELDS} | dict(row["t"])
                                  for row in tx.run(f"MATCH (t:{TOKEN}) RETURN properties(t) AS t")]
        return contents

    return conn.transaction(work)


def _node(row: Mapping[str, Any]) -> Row:
    found = [value for value in row["labels"] if value in reads.LABELS]
    props = dict(row["props"])
    props.pop("id", None)
    return {"label": found[0] if found else None, "id": row["id"], "props": props}


def _change(props: Mapping[str, Any]) -> Row:
    row = {f: None for f in CHANGE_FIELDS} | dict(props)
    for key in ("before", "after"):  # kept as JSON text: Neo4j stores no maps
        if row[key] is not None:
            row[key] = json.loads(row[key])
    return row


def restore(conn: Connection, contents: Contents, replace: bool) -> None:
    """One transaction: everything, or nothing when any of it is refused."""
    rows = contents.rows
    for row in rows["node"]:
        check_props(f"node {row['id']!r}", row["props"])
    for row in rows["edge"]:
        check_props(f"{row['type']} from {row['source']!r} to {row['target']!r}", row["props"])
    nodes: dict[Label, list[Row]] = defaultdict(list)
    for row in rows["node"]:
        extra = {k: v for k, v in row.items() if k not in ("label", "id", "props")}
        nodes[Label(row["label"])].append({"props": {**row["props"], **extra, "id": row["id"]}})
    edges: dict[RelType, list[Row]] = defaultdict(list)
    for row in rows["edge"]:
        edges[RelType(row["type"])].append(row)
    changes = [_stored_change(row) for row in rows["change"]]

    def work(tx: Tx) -> None:
        held = tx.run(_HELD)[0]
        if any(held.values()) and not replace:
            raise StoreError(refusal(dict(held)))
        if replace:
            tx.run(f"MATCH (n) WHERE n:{STEWARD} OR n:{CHANGE} OR n:{TOKEN} DETACH DELETE n")
        for kind, group in nodes.items():
            for chunk in chunks(group):
                tx.run(f"UNWIND $rows AS row CREATE (n:{STEWARD}:{label(kind)}) SET n = row.props", rows=chunk)
        for type_, group in edges.items():
            for chunk in chunks(group):
                made = tx.run(f"UNWIND $rows AS row MATCH (a:{STEWARD} {{id: row.source}}) "
                              f"MATCH (b:{STEWARD} {{id: row.target}}) "
                              f"CREATE (a)-[r:{rel_type(type_)}]->(b) SET r = row.props RETURN count(r) AS made",
                              rows=chunk)
                if made[0]["made"] != len(chunk):
                    raise StoreError(f"restore refused, nothing was written: a {type_} relationship names a node "
                                     "the backup does not hold")
        for chunk in chunks(changes):
            tx.run(f"UNWIND $rows AS row CREATE (c:{CHANGE}) SET c = row", rows=chunk)
        for chunk in chunks(rows["token"]):
            tx.run(f"UNWIND $rows AS row CREATE (t:{TOKEN}) SET t = row", rows=chunk)
        # The next change is numbered after the last one restored.
        tx.run(f"MERGE (m:{META} {{key: $key}}) SET m.value = $last", key=SEQ_KEY,
               last=max((row["seq"] for row in changes), default=0))
        count_write(tx)

    conn.transaction(work)


def _stored_change(row: Row) -> Row:
    """As audit.record_changes stores a change: before and after as JSON text."""
    known = {k: row[k] for k in CHANGE_FIELDS if k != "seq"}
    stored = change_row(Change(**{**known, "nodes": tuple(known["nodes"])}))
    return {**{k: v for k, v in row.items() if k not in CHANGE_FIELDS}, **stored, "seq": row["seq"]}
