"""The embedded backend: nothing to install, a folder on disk.

SQLite (WAL) is the durable source of truth; a networkx graph built from it at open
serves reads. A write commits to SQLite first and reaches memory only once committed,
so a failed write leaves both as they were."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from catalog.audit import Change, Token
from catalog.lineage import Found, Way
from catalog.records import EdgeRecord, NodeRecord
from catalog.vocab import Label, RelType
from graph.embedded import lineage
from graph.embedded.durable import Durable, Op
from graph.embedded.memory import MemoryGraph
from graph.store import Direction, Step, check_time_limit

DEFAULT_FOLDER = ".steward"


class _Buffer:
    """A transaction's writes, held until it commits."""

    def __init__(self) -> None:
        self.ops: list[Op] = []

    def upsert_node(self, node: NodeRecord) -> None:
        self.ops.append(("upsert_node", node))

    def delete_node(self, node_id: str) -> None:
        self.ops.append(("delete_node", node_id))

    def upsert_edge(self, edge: EdgeRecord) -> None:
        self.ops.append(("upsert_edge", edge))

    def delete_edge(self, type_: RelType, source: str, target: str) -> None:
        self.ops.append(("delete_edge", (type_, source, target)))

    def record_change(self, change: Change) -> None:
        self.ops.append(("record_change", change))


class EmbeddedStore:
    name = "embedded"

    def __init__(self, folder: str | os.PathLike[str] = DEFAULT_FOLDER) -> None:
        self.folder = Path(folder)
        self.durable = Durable(self.folder)
        self._lock = threading.RLock()
        self._load()
        self.round_trips = 0

    def _load(self) -> None:
        self._version, nodes, edges = self.durable.snapshot()
        self.memory = MemoryGraph(nodes, edges)

    def _fresh(self) -> MemoryGraph:
        check_time_limit()
        # Another process (a `steward load` beside a running server) may have committed.
        with self._lock:
            self.round_trips += 1
            if self.durable.seen_commits() != self._version:
                self._load()
            return self.memory

    @contextmanager
    def transaction(self) -> Iterator[_Buffer]:
        buffer = _Buffer()
        yield buffer
        if not buffer.ops:
            return
        with self._lock:
            self._fresh()
            self.durable.apply(buffer.ops)
            self._version = self.durable.seen_commits()
            for kind, arg in buffer.ops:
                if kind == "record_change":
                    continue
                if kind == "delete_edge":
                    self.memory.delete_edge(*arg)
                else:
                    getattr(self.memory, kind)(arg)

    def schema_version(self) -> int:
        return self.durable.schema_version()

    def data_version(self) -> int:
        with self._lock:
            self.round_trips += 1
            return self.durable.data_version()

    # AuditReader and TokenStore

    def changes(self, since: str | None = None, node_id: str | None = None, limit: int = 1000) -> list[Change]:
        with self._lock:
            self.round_trips += 1
            return self.durable.changes(since, node_id, limit)

    def save_token(self, token: Token, change: Change | None = None) -> None:
        with self._lock:
            self.durable.save_token(token, change)

    def tokens(self) -> list[Token]:
        with self._lock:
            return self.durable.tokens()

    def revoke_token(self, name: str, at: str, change: Change | None = None) -> bool:
        with self._lock:
            return self.durable.revoke_token(name, at, change)

    def close(self) -> None:
        self.durable.close()

    # NodeReader

    def get_node(self, node_id: str) -> NodeRecord | None:
        return self._fresh().get(node_id)

    def get_nodes(self, ids: Iterable[str]) -> dict[str, NodeRecord]:
        memory = self._fresh()
        found = {i: memory.get(i) for i in ids}
        return {i: n for i, n in found.items() if n is not None}

    def find_nodes(self, label: Label | None = None,
                   where: Mapping[str, Any] | None = None) -> list[NodeRecord]:
        return self._fresh().find(label, where)

    def count_nodes(self) -> dict[Label, int]:
        return self._fresh().count_nodes()

    # EdgeReader

    def edges(self, node_id: str | None = None, direction: Direction = Direction.OUT,
              types: Iterable[RelType] | None = None) -> list[EdgeRecord]:
        return self._fresh().edges(node_id, direction, types)

    def edges_for(self, node_ids: Iterable[str], direction: Direction = Direction.OUT,
                  types: Iterable[RelType] | None = None) -> list[EdgeRecord]:
        memory, wanted = self._fresh(), list(types) if types is not None else None
        found = {e.key: e for node_id in node_ids for e in memory.edges(node_id, direction, wanted)}
        return sorted(found.values(), key=lambda e: (e.type.value, e.source, e.target))

    def count_edges(self) -> dict[RelType, int]:
        return self._fresh().count_edges()

    # Traversal

    def neighbours(self, node_id: str, direction: Direction = Direction.BOTH,
                   types: Iterable[RelType] | None = None) -> list[NodeRecord]:
        memory = self._fresh()
        ids = {e.target if e.source == node_id else e.source
               for e in memory.edges(node_id, direction, types)}
        return sorted((n for n in map(memory.get, ids) if n), key=lambda n: n.id)

    def traverse(self, start: str, direction: Direction = Direction.OUT,
                 types: Iterable[RelType] | None = None, max_depth: int = 10) -> list[Step]:
        return self._fresh().traverse(start, direction, types, max_depth)

    # Native lineage (catalog.lineage.NativeLineage): read from the graph's adjacency,
    # one look at the store per question, not one per node.

    def lineage_walks(self, root: str, ways: tuple[Way, ...], depth: int) -> Found | None:
        return lineage.find(self._fresh().g, root, ways, depth)
