"""The Neo4j store: the `Store` interface over one driver, with the same answers, in the
same order, as the embedded store."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

from catalog.audit import Change, Token
from catalog.deadlines import Candidate
from catalog.deadlines.binding import Day, Feeds, RowKey
from catalog.lineage import Found, Way
from catalog.records import EdgeRecord, NodeRecord
from catalog.view import Snapshot
from catalog.vocab import Label, RelType
from graph.backup import Contents
from graph.neo4j import analyses, audit, backup, clocks, lineage, reads, schema, traversal
from graph.neo4j.connection import Connection, Neo4jConfig, Tx
from graph.neo4j.writes import Buffer, commit
from graph.snapshots import SnapshotCache
from graph.store import SCHEMA_VERSION, Direction, Step


class Neo4jStore:
    name = "neo4j"

    def __init__(self, config: Neo4jConfig | None = None) -> None:
        self.config = config or Neo4jConfig()
        self.conn = Connection(self.config)
        try:
            schema.ensure_schema(self.conn)
        except BaseException:
            self.conn.close()
            raise
        self.snapshots = SnapshotCache(self.data_version, lambda: Snapshot(*reads.whole_graph(self.conn), ordered=True))

    @property
    def round_trips(self) -> int:
        """Queries sent since open: what a caller pays for talking to a server."""
        return self.conn.round_trips

    @contextmanager
    def transaction(self) -> Iterator[Buffer]:
        buffer = Buffer()
        yield buffer
        if buffer.ops:
            commit(self.conn, buffer.ops)

    def schema_version(self) -> int:
        version = schema.read_version(self.conn)
        return SCHEMA_VERSION if version is None else version

    def data_version(self) -> int:
        return schema.read_data_version(self.conn)

    # Backable

    def read_contents(self) -> Contents:
        return backup.read(self.conn, self.schema_version())

    def restore_contents(self, contents: Contents, replace: bool = False) -> None:
        backup.restore(self.conn, contents, replace)

    def snapshot(self) -> Snapshot:
        return self.snapshots.get()

    def warm(self) -> None:
        """Nothing to build: every read is a query, and a snapshot is made only for the
        whole-catalog analyses that need one."""

    def close(self) -> None:
        self.conn.close()
        self.snapshots.clear()  # held by a cycle (the cache calls back into the store)

    # AuditReader and TokenStore

    def changes(self, since: str | None = None, node_id: str | None = None, limit: int = 1000, *,
                until: str | None = None, actor: str | None = None, after: int | None = None,
                before: int | None = None, newest: bool = False) -> list[Change]:
        return audit.changes(self.conn, since, node_id, limit, until, actor, after, before, newest)

    def save_token(self, token: Token, change: Change | None = None) -> None:
        audit.save_token(self.conn, token, change)

    def tokens(self) -> list[Token]:
        return audit.tokens(self.conn)

    def revoke_token(self, name: str, at: str, change: Change | None = None) -> bool:
        return audit.revoke_token(self.conn, name, at, change)

    def clear(self) -> None:
        """Delete everything in the database, then record the schema version again (tests).
        The data version moves on rather than restart, so that nothing built before the
        clearing is taken for current after as many writes."""
        def work(tx: Tx) -> None:
            tx.run(f"MATCH (n) WHERE NOT (n:{schema.META} AND n.key = $key) DETACH DELETE n",
                   key=schema.DATA_VERSION_KEY)
            schema.count_write(tx)

        self.conn.transaction(work)
        schema.ensure_version(self.conn)

    # NodeReader

    def get_node(self, node_id: str) -> NodeRecord | None:
        return reads.get_node(self.conn, node_id)

    def get_nodes(self, ids: Iterable[str]) -> dict[str, NodeRecord]:
        return reads.get_nodes(self.conn, ids)

    def find_nodes(self, label: Label | None = None,
                   where: Mapping[str, Any] | None = None) -> list[NodeRecord]:
        return reads.find_nodes(self.conn, label, where)

    def count_nodes(self) -> dict[Label, int]:
        return reads.count_nodes(self.conn)

    # EdgeReader

    def edges(self, node_id: str | None = None, direction: Direction = Direction.OUT,
              types: Iterable[RelType] | None = None) -> list[EdgeRecord]:
        return reads.edges(self.conn, node_id, direction, types)

    def edges_for(self, node_ids: Iterable[str], direction: Direction = Direction.OUT,
                  types: Iterable[RelType] | None = None) -> list[EdgeRecord]:
        return reads.edges_for(self.conn, node_ids, direction, types)

    def count_edges(self) -> dict[RelType, int]:
        return reads.count_edges(self.conn)

    # Traversal

    def neighbours(self, node_id: str, direction: Direction = Direction.BOTH,
                   types: Iterable[RelType] | None = None) -> list[NodeRecord]:
        return reads.neighbours(self.conn, node_id, direction, types)

    def traverse(self, start: str, direction: Direction = Direction.OUT,
                 types: Iterable[RelType] | None = None, max_depth: int = 10) -> list[Step]:
        return traversal.traverse(self.conn, start, direction, types, max_depth)

    # Native traversals: the analyses in catalog/ find these methods and call them
    # instead of walking the graph from Python (NativeLineage, NativeReach, NativeBinding,
    # NativeClocks, NativeAccountability).

    def lineage_walks(self, root: str, ways: tuple[Way, ...], depth: int, details: bool = True) -> Found | None:
        return lineage.lineage_walks(self.conn, root, ways, depth, details)

    def downstream_reach(self, walks: Mapping[str, Sequence[str]], depth: int) -> tuple[list[str], list[str]]:
        return analyses.downstream_reach(self.conn, walks, depth)

    def upstream_bounds(self, own: dict[RowKey, Day], exempt: list[str],
                        depth: int) -> dict[RowKey, tuple[Day, str]]:
        return analyses.upstream_bounds(self.conn, own, exempt, depth)

    def binding_feeds(self, exempt: list[str]) -> Feeds:
        return analyses.binding_feeds(self.conn, exempt)

    def accountable_to(self, orgs: list[str]) -> dict[str, tuple[str | None, list[str]]]:
        return analyses.accountable_to(self.conn, orgs)

    def retention_clocks(self, as_of: date) -> list[Candidate]:
        return clocks.retention_clocks(self.conn, as_of)
