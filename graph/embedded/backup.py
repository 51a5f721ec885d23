"""Backup and restore of the embedded store: every row of its tables, whatever columns
they have, so that a column added later is carried without a change here.

The read is one SQLite read transaction: in WAL mode it sees the database as of its
first read, whatever other connections commit meanwhile, and holds none of them up."""

from __future__ import annotations

import sqlite3
from typing import Any

from graph.backup import Contents, refusal
from graph.embedded.durable import decode, encode
from graph.store import StoreError

# Each kind of record, its table, and the columns stored as JSON text.
TABLES = {"node": "nodes", "edge": "edges", "change": "changes", "token": "tokens"}
JSON_COLUMNS = {"node": {"props"}, "edge": {"props"}, "change": {"nodes", "before", "after"}, "token": set()}


def read(conn: sqlite3.Connection, schema_version: int) -> Contents:
    """Every row; the caller holds the read transaction."""
    contents = Contents(schema_version)
    for kind, table in TABLES.items():
        cursor = conn.execute(f"SELECT * FROM {table}")
        columns = [d[0] for d in cursor.description]
        json_columns = JSON_COLUMNS[kind]
        contents.rows[kind] = [{c: _decoded(v) if c in json_columns else v
                                for c, v in zip(columns, row, strict=True)} for row in cursor]
    return contents


def restore(conn: sqlite3.Connection, contents: Contents, replace: bool) -> None:
    """Insert every row; the caller holds the write transaction, and rolls it back on error."""
    held = {kind: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for kind, table in TABLES.items()}
    if any(held.values()) and not replace:
        raise StoreError(refusal(held))
    for kind, table in TABLES.items():
        if replace:
            conn.execute(f"DELETE FROM {table}")
        columns = _columns(conn, table)
        for row in contents.rows[kind]:
            unknown = sorted(set(row) - columns)
            if unknown:
                raise StoreError(f"a {kind} record has {', '.join(unknown)}, which this store does not "
                                 f"keep: it was written by another version of Steward")
            # Names from the file, used in the statement only once checked against the table's.
            names = list(row)
            values = [_value(kind, name, row[name]) for name in names]
            conn.execute(f"INSERT INTO {table} ({', '.join(names)}) "
                         f"VALUES ({', '.join('?' * len(names))})", values)


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def _decoded(value: str | None) -> Any:
    return None if value is None else decode(value)


def _value(kind: str, name: str, value: Any) -> Any:
    if name in JSON_COLUMNS[kind]:
        return None if value is None else encode(value)
    return value
