"""The embedded backend: nothing to install, a folder on disk.

SQLite (WAL) is the durable source of truth. A store opened `in_memory` (a server) builds
a networkx graph from it on its first read and serves every read from that graph; a
write commits to SQLite first and reaches memory only once committed, so a failed write
leaves both as they were. Otherwise (a one-shot command) reads go to SQLite by its
indexes, and only what a command asks for is ever read: building the graph of a large
catalog takes longer than any single question about it."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from catalog import lineage as walks
from catalog.audit import Change, Token
from catalog.bulk import collector_paused, settle
from catalog.lineage import Found, Way
from catalog.records import EdgeRecord, NodeRecord
from catalog.view import Snapshot
from catalog.vocab import Label, RelType
from graph.backup import Contents
from graph.embedded import backup, disk, lineage
from graph.embedded.durable import Durable, Op
from graph.embedded.memory import MemoryGraph, edge_order
from graph.snapshots import SnapshotCache
from graph.store import Direction, Step, check_time_limit, note_round_trip

DEFAULT_FOLDER = ".steward"


class _Buffer:
    """A transaction's writes, held until it commits."""

    def __init__(self) -> None:
        self.ops: list[Op] = []

    def upsert_node(self, node: NodeRecord, expected: int | None = None) -> None:
        self._expect(node.id, expected)
        self.ops.append(("upsert_node", node))

    def delete_node(self, node_id: str, expected: int | None = None) -> None:
        self._expect(node_id, expected)
        self.ops.append(("delete_node", node_id))

    def _expect(self, node_id: str, expected: int | None) -> None:
        if expected is not None:
            self.ops.append(("expect", (node_id, expected)))

    def upsert_edge(self, edge: EdgeRecord) -> None:
        self.ops.append(("upsert_edge", edge))

    def delete_edge(self, type_: RelType, source: str, target: str) -> None:
        self.ops.append(("delete_edge", (type_, source, target)))

    def record_change(self, change: Change) -> None:
        self.ops.append(("record_change", change))


class EmbeddedStore:
    name = "embedded"

    def __init__(self, folder: str | os.PathLike[str] = DEFAULT_FOLDER, in_memory: bool = True) -> None:
        self.folder = Path(folder)
        self.durable = Durable(self.folder)
        self.in_memory = in_memory
        self._lock = threading.RLock()
        self._memory: MemoryGraph | None = None
        self._version = -1
        self.round_trips = 0
        self.snapshots = SnapshotCache(self.data_version, self._snapshot)

    @collector_paused()
    def _load(self) -> MemoryGraph:
        self._version, nodes, edges = self.durable.snapshot()
        self._memory = MemoryGraph(nodes, edges)
        return self._memory

    @property
    def memory(self) -> MemoryGraph:
        """The graph in memory, built or brought up to date on demand, also for a store
        that reads from disk (for a tool that walks networkx itself)."""
        with self._lock:
            if self._memory is None or self.durable.seen_commits() != self._version:
                return self._load()
            return self._memory

    def _trip(self) -> None:
        self.round_trips += 1
        note_round_trip()

    def _fresh(self) -> MemoryGraph | None:
        """The graph in memory, brought up to date; None when reads go to SQLite."""
        check_time_limit()
        with self._lock:
            self._trip()
            if not self.in_memory:
                return None
            # Another process (a `steward load` beside a running server) may have committed.
            return self.memory

    @contextmanager
    def _disk(self) -> Iterator[sqlite3.Connection]:
        # One read transaction per question: a commit by another process cannot fall
        # between the queries of one answer.
        # A read inside another one (on the same thread, which holds the lock) joins its
        # transaction.
        with self._lock:
            outermost = not self.durable.conn.in_transaction
            if outermost:
                self.durable.conn.execute("BEGIN")
            try:
                yield self.durable.conn
            finally:
                if outermost:
                    self.durable.conn.execute("COMMIT")

    def snapshot(self) -> Snapshot:
        return self.snapshots.get()

    def _snapshot(self) -> Snapshot:
        memory = self._fresh()
        if memory is not None:
            return Snapshot(memory.find(None, None), memory.edges(None, Direction.OUT, None))
        _, nodes, edges = self.durable.snapshot()
        return Snapshot(nodes, edges, ordered=True)

    @contextmanager
    def transaction(self) -> Iterator[_Buffer]:
        buffer = _Buffer()
        yield buffer
        if not buffer.ops:
            return
        with self._lock:
            memory = self._fresh()
            self.durable.apply(buffer.ops)
            if memory is None:
                return  # a graph built for a tool is built again when next asked for
            self._version = self.durable.seen_commits()
            for kind, arg in buffer.ops:
                if kind in ("record_change", "expect"):
                    continue
                if kind == "delete_edge":
                    memory.delete_edge(*arg)
                else:
                    getattr(memory, kind)(arg)

    def schema_version(self) -> int:
        return self.durable.schema_version()

    # Backable

    def read_contents(self) -> Contents:
        with self._disk() as conn:
            return backup.read(conn, self.durable.schema_version())

    def restore_contents(self, contents: Contents, replace: bool = False) -> None:
        with self._lock:
            self.durable.write(lambda conn: backup.restore(conn, contents, replace))
            self._memory = None  # built again, from the restored rows, when next read

    def data_version(self) -> int:
        with self._lock:
            self._trip()
            return self.durable.data_version()

    # AuditReader and TokenStore

    def changes(self, since: str | None = None, node_id: str | None = None, limit: int = 1000, *,
                until: str | None = None, actor: str | None = None, after: int | None = None,
                before: int | None = None, newest: bool = False) -> list[Change]:
        with self._lock:
            self._trip()
            return self.durable.changes(since, node_id, limit, until, actor, after, before, newest)

    def save_token(self, token: Token, change: Change | None = None) -> None:
        with self._lock:
            self.durable.save_token(token, change)

    def tokens(self) -> list[Token]:
        with self._lock:
            return self.durable.tokens()

    def revoke_token(self, name: str, at: str, change: Change | None = None) -> bool:
        with self._lock:
            return self.durable.revoke_token(name, at, change)

    def warm(self) -> None:
        if self.in_memory:
            self.memory  # noqa: B018 - built on first read
            settle()

    def close(self) -> None:
        self.durable.close()
        # The store's graph and snapshot are held by a cycle (the cache calls back into
        # the store): released here, rather than left for the collector.
        self.snapshots.clear()
        self._memory = None

    # NodeReader

    def get_node(self, node_id: str) -> NodeRecord | None:
        memory = self._fresh()
        if memory is not None:
            return memory.get(node_id)
        with self._disk() as conn:
            return disk.get(conn, node_id)

    def get_nodes(self, ids: Iterable[str]) -> dict[str, NodeRecord]:
        memory, wanted = self._fresh(), list(ids)
        if memory is None:
            with self._disk() as conn:
                return disk.get_many(conn, wanted)
        found = {i: memory.get(i) for i in wanted}
        return {i: n for i, n in found.items() if n is not None}

    def find_nodes(self, label: Label | None = None,
                   where: Mapping[str, Any] | None = None) -> list[NodeRecord]:
        memory = self._fresh()
        if memory is not None:
            return memory.find(label, where)
        with self._disk() as conn:
            return disk.find(conn, label, where)

    def count_nodes(self) -> dict[Label, int]:
        memory = self._fresh()
        if memory is not None:
            return memory.count_nodes()
        with self._disk() as conn:
            return disk.count_nodes(conn)

    # EdgeReader

    def edges(self, node_id: str | None = None, direction: Direction = Direction.OUT,
              types: Iterable[RelType] | None = None) -> list[EdgeRecord]:
        memory = self._fresh()
        if memory is not None:
            return memory.edges(node_id, direction, types)
        with self._disk() as conn:
            return disk.edges(conn, None if node_id is None else [node_id], direction, types)

    def edges_for(self, node_ids: Iterable[str], direction: Direction = Direction.OUT,
                  types: Iterable[RelType] | None = None) -> list[EdgeRecord]:
        memory, wanted, ids = self._fresh(), list(types) if types is not None else None, sorted(set(node_ids))
        if memory is None:
            with self._disk() as conn:
                listed = disk.edges(conn, ids, direction, wanted)
        else:
            listed = [e for node_id in ids for e in memory.edges(node_id, direction, wanted)]
        # An edge between two of the nodes comes once from each end: listed once.
        return sorted({e.key: e for e in listed}.values(), key=edge_order)

    def count_edges(self) -> dict[RelType, int]:
        memory = self._fresh()
        if memory is not None:
            return memory.count_edges()
        with self._disk() as conn:
            return disk.count_edges(conn)

    # Traversal

    def neighbours(self, node_id: str, direction: Direction = Direction.BOTH,
                   types: Iterable[RelType] | None = None) -> list[NodeRecord]:
        ids = {e.target if e.source == node_id else e.source for e in self.edges(node_id, direction, types)}
        return sorted(self.get_nodes(ids).values(), key=lambda n: n.id)

    def traverse(self, start: str, direction: Direction = Direction.OUT,
                 types: Iterable[RelType] | None = None, max_depth: int = 10) -> list[Step]:
        memory = self._fresh()
        if memory is not None:
            return memory.traverse(start, direction, types, max_depth)
        with self._disk() as conn:
            return disk.traverse(conn, start, direction, types, max_depth)

    # Native lineage (catalog.lineage.NativeLineage): in memory, read from the graph's
    # adjacency, one look at the store per question, not one per node; on disk, the
    # level-by-level walk of catalog/lineage.py, a few indexed queries per level.

    def lineage_walks(self, root: str, ways: tuple[Way, ...], depth: int, details: bool = True) -> Found | None:
        memory = self._fresh()
        if memory is None:
            return walks.find(self, root, ways, depth, details)
        return lineage.find(memory.g, root, ways, depth, details)
