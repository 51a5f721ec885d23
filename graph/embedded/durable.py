"""The embedded store's durable half: a SQLite database in WAL mode, the source of truth.

Each write is one SQLite transaction; a crash leaves the file as it was before or after."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from itertools import groupby
from pathlib import Path
from typing import Any

from catalog.audit import Change, Token
from catalog.records import VERSION, EdgeRecord, NodeRecord
from catalog.vocab import Label, RelType
from graph.store import SCHEMA_VERSION, StoreError, StoreUnavailable, VersionConflict

DB_FILE = "steward.db"
DATA_VERSION_KEY = "data_version"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS nodes (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    props TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS nodes_by_label ON nodes(label);
CREATE TABLE IF NOT EXISTS edges (
    type TEXT NOT NULL,
    source TEXT NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    target TEXT NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    props TEXT NOT NULL,
    PRIMARY KEY (type, source, target)
);
CREATE INDEX IF NOT EXISTS edges_by_target ON edges(target);
CREATE INDEX IF NOT EXISTS edges_by_source ON edges(source);
CREATE TABLE IF NOT EXISTS changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    nodes TEXT NOT NULL,
    before TEXT,
    after TEXT,
    version INTEGER
);
CREATE INDEX IF NOT EXISTS changes_by_time ON changes(at);
CREATE TABLE IF NOT EXISTS tokens (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    digest TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
"""

# Each entry migrates from version N to N + 1.
MIGRATIONS: list[str] = [
    "ALTER TABLE changes ADD COLUMN version INTEGER",  # 2: the node version a change wrote
]

Op = tuple[str, Any]
# Ids looked up per query: under SQLite's smallest limit on parameters (999).
_IDS_PER_QUERY = 500


def _change_params(change: Change) -> tuple[Any, ...]:
    return (change.at, change.actor, change.action, change.target, encode(list(change.nodes)),
            None if change.before is None else encode(change.before),
            None if change.after is None else encode(change.after), change.version)


# Each write: its statement and the parameters of one operation.
_WRITES: dict[str, tuple[str, Callable[[Any], tuple[Any, ...]]]] = {
    "upsert_node": ("INSERT INTO nodes(id, label, props) VALUES (?, ?, ?) ON CONFLICT(id) "
                    "DO UPDATE SET props=excluded.props", lambda n: (n.id, n.label.value, encode(n.props))),
    "delete_node": ("DELETE FROM nodes WHERE id=?", lambda node_id: (node_id,)),
    "upsert_edge": ("INSERT INTO edges(type, source, target, props) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT(type, source, target) DO UPDATE SET props=excluded.props",
                    lambda e: (e.type.value, e.source, e.target, encode(e.props))),
    "delete_edge": ("DELETE FROM edges WHERE type=? AND source=? AND target=?",
                    lambda key: (key[0].value, key[1], key[2])),
    "record_change": ("INSERT INTO changes(at, actor, action, target, nodes, before, after, version) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", _change_params),
}


def encode(props: Any) -> str:
    # Most relationships have no properties: their text without the encoder, as `decode`
    # reads it (only for a mapping: an empty list, as a change's nodes, is `[]`).
    if not props and isinstance(props, dict):
        return "{}"
    return json.dumps(props, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


# A whole graph is read row by row: a dictionary finds each row's enum member faster than
# the enum's own constructor does.
LABELS: dict[str, Label] = {label.value: label for label in Label}
REL_TYPES: dict[str, RelType] = {type_.value: type_ for type_ in RelType}


def decode(props: str) -> Any:
    # Most relationships have no properties: a new empty dict each, without the parser.
    return {} if props == "{}" else json.loads(props)


class Durable:
    def __init__(self, folder: Path) -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(folder / DB_FILE, isolation_level=None,
                                        check_same_thread=False)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=FULL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA busy_timeout=10000")
            self._migrate()
        except (OSError, sqlite3.Error) as exc:
            raise StoreUnavailable(f"cannot open the embedded store in {folder}: {exc}") from exc

    def _migrate(self) -> None:
        # Opening an up-to-date store writes nothing, so that reads leave the file as it was.
        with self._immediate():
            if self.conn.execute("SELECT name FROM sqlite_master WHERE name='meta'").fetchone() is None:
                _run_script(self.conn, _SCHEMA)
            row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            version = int(row[0]) if row else SCHEMA_VERSION
            if version > SCHEMA_VERSION:
                raise StoreError(f"the store was written by a newer Steward (schema {version}); "
                                 f"this one reads up to schema {SCHEMA_VERSION}")
            for script in MIGRATIONS[version - 1:SCHEMA_VERSION - 1]:
                _run_script(self.conn, script)
            if row is None or version != SCHEMA_VERSION:
                self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                                  (str(SCHEMA_VERSION),))

    def _immediate(self) -> _Tx:
        return _Tx(self.conn)

    def schema_version(self) -> int:
        row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        return int(row[0])

    def seen_commits(self) -> int:
        """Changes whenever another connection commits: the cue to rebuild the memory graph."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def data_version(self) -> int:
        """How many writes were committed, by any process: `apply` counts each one in `meta`.
        (SQLite's own PRAGMA data_version ignores this connection's commits.)"""
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (DATA_VERSION_KEY,)).fetchone()
        return int(row[0]) if row else 0

    def apply(self, ops: Sequence[Op]) -> None:
        """Apply every operation in one transaction, or none of them. Consecutive
        operations of one kind go to SQLite as one `executemany`: a load is a handful of
        statements, not one per row. The recorded changes go last, in call order (their
        order of sequence numbers): they touch no node or relationship, and a load
        interleaves them with its nodes, which would otherwise make runs of one. A version
        check (`expect`) stays where it was, before the writes it guards."""
        def work(_: sqlite3.Connection) -> None:
            graph_ops = [op for op in ops if op[0] != "record_change"]
            for kind, run in groupby(graph_ops, key=lambda op: op[0]):
                self._apply_run(kind, [arg for _, arg in run])
            self._apply_run("record_change", [arg for kind, arg in ops if kind == "record_change"])

        self.write(work)

    def write(self, work: Callable[[sqlite3.Connection], None]) -> None:
        """`work` in one write transaction, counted as one write, or nothing of it."""
        try:
            with self._immediate():
                work(self.conn)
                # Counted in the same transaction: no reader sees the new data under the old version.
                self.conn.execute("INSERT INTO meta VALUES (?, '1') ON CONFLICT(key) "
                                  "DO UPDATE SET value = CAST(value AS INTEGER) + 1", (DATA_VERSION_KEY,))
        except sqlite3.IntegrityError as exc:
            raise StoreError(f"write refused, nothing was written: {_explain(exc)}") from exc

    def _apply_one(self, kind: str, arg: Any) -> None:
        self._apply_run(kind, [arg])

    def _apply_run(self, kind: str, args: list[Any]) -> None:
        if kind == "expect":
            for node_id, expected in args:
                self._expect(node_id, expected)
            return
        if kind not in _WRITES:
            raise ValueError(kind)
        sql, params = _WRITES[kind]
        if kind == "upsert_node":
            self._check_labels(args)
        self.conn.executemany(sql, map(params, args))

    def _expect(self, node_id: str, expected: int) -> None:
        # Inside BEGIN IMMEDIATE: no other writer can commit between this and the write.
        row = self.conn.execute(f"SELECT coalesce(json_extract(props, '$.{VERSION}'), 1) FROM nodes WHERE id=?",
                                (node_id,)).fetchone()
        actual = int(row[0]) if row else 0
        if actual != expected:
            raise VersionConflict(node_id, expected, actual)

    def _check_labels(self, nodes: list[NodeRecord]) -> None:
        """Refuse, at the first in order, a node whose id is stored (or written earlier
        in the same run) under another label: an upsert never changes a node's label."""
        ids = list(dict.fromkeys(node.id for node in nodes))
        current: dict[str, str] = {}
        for start in range(0, len(ids), _IDS_PER_QUERY):
            chunk = ids[start:start + _IDS_PER_QUERY]
            current.update(self.conn.execute(
                f"SELECT id, label FROM nodes WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        for node in nodes:
            label = current.setdefault(node.id, node.label.value)
            if label != node.label.value:
                raise sqlite3.IntegrityError(f"id {node.id!r} is already a {label}")

    def snapshot(self) -> tuple[int, list[NodeRecord], list[EdgeRecord]]:
        """Every node and edge as of one commit, with `seen_commits` then. One read
        transaction: a commit by another process cannot fall between the nodes and the
        edges and leave edges naming nodes that were not read."""
        self.conn.execute("BEGIN")
        try:
            return self.seen_commits(), list(self.all_nodes()), list(self.all_edges())
        finally:
            self.conn.execute("COMMIT")

    def all_nodes(self) -> Iterator[NodeRecord]:
        for node_id, label, props in self.conn.execute("SELECT id, label, props FROM nodes"):
            yield NodeRecord(LABELS[label], node_id, decode(props))

    def all_edges(self) -> Iterator[EdgeRecord]:
        """In the order `edges()` lists them, by type, source and target: the order of the
        primary key's index, which a snapshot takes as it is rather than sort a million.
        SQLite compares text as UTF-8 bytes, which order as Python's code points."""
        for type_, src, dst, props in self.conn.execute(
                "SELECT type, source, target, props FROM edges ORDER BY type, source, target"):
            yield EdgeRecord(REL_TYPES[type_], src, dst, decode(props))

    def changes(self, since: str | None, node_id: str | None, limit: int, until: str | None = None,
                actor: str | None = None, after: int | None = None, before: int | None = None,
                newest: bool = False) -> list[Change]:
        sql = "SELECT seq, at, actor, action, target, nodes, before, after, version FROM changes WHERE at >= ?"
        args: list[Any] = [since or ""]
        for clause, value in (("at < ?", until), ("actor = ?", actor), ("seq > ?", after), ("seq < ?", before),
                              ("EXISTS (SELECT 1 FROM json_each(changes.nodes) WHERE value = ?)", node_id)):
            if value is not None:
                sql += f" AND {clause}"
                args.append(value)
        order = "DESC" if newest else "ASC"
        rows = self.conn.execute(f"{sql} ORDER BY seq {order} LIMIT ?", (*args, limit)).fetchall()
        found = [Change(at, actor, action, target, tuple(json.loads(nodes)),
                        json.loads(before) if before else None, json.loads(after) if after else None, seq, version)
                 for seq, at, actor, action, target, nodes, before, after, version in rows]
        return found[::-1] if newest else found

    def save_token(self, token: Token, change: Change | None) -> None:
        try:
            with self._immediate():
                self.conn.execute("INSERT INTO tokens VALUES (?, ?, ?, ?, ?)",
                                  (token.name, token.role, token.digest, token.created_at, token.revoked_at))
                if change is not None:
                    self._apply_one("record_change", change)
        except sqlite3.IntegrityError as exc:
            raise StoreError(f"a token named {token.name!r} already exists") from exc

    def tokens(self) -> list[Token]:
        rows = self.conn.execute("SELECT name, role, digest, created_at, revoked_at FROM tokens ORDER BY name")
        return [Token(*row) for row in rows]

    def revoke_token(self, name: str, at: str, change: Change | None) -> bool:
        with self._immediate():
            cursor = self.conn.execute("UPDATE tokens SET revoked_at=? WHERE name=? AND revoked_at IS NULL",
                                       (at, name))
            revoked = cursor.rowcount > 0
            if revoked and change is not None:
                self._apply_one("record_change", change)
        return revoked

    def close(self) -> None:
        self.conn.close()


class _Tx:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *_: object) -> None:
        self.conn.execute("COMMIT" if exc_type is None else "ROLLBACK")


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    # Not executescript(): it commits first, which would split the migration in two.
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _explain(exc: sqlite3.IntegrityError) -> str:
    text = str(exc)
    if "FOREIGN KEY" in text:
        return "a relationship names a node that does not exist"
    return text
