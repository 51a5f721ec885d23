"""What only the Neo4j backend has: a server to reach, a schema to create, queries to
count, and a migration path from and to the embedded store. The contract every backend
shares is in test_store_contract.py."""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from neo4j import exceptions as neo4j_errors

from api.cli import cli
from catalog.audit import Token
from catalog.records import EdgeRecord, NodeRecord
from catalog.vocab import Label, RelType
from graph.backends import StoreConfig, open_store
from graph.dump import export_lines, import_into, read_dump
from graph.embedded.store import EmbeddedStore
from graph.loading import load_paths
from graph.neo4j import Neo4jStore
from graph.neo4j.connection import MEMORY_LIMITS
from graph.store import (
    SCHEMA_VERSION,
    Direction,
    OutcomeUnknown,
    Store,
    StoreError,
    StoreTimeout,
    StoreUnavailable,
)

from .conftest import DATA, NEO4J_URI, open_test_store

pytestmark = pytest.mark.neo4j

EXAMPLE = DATA / "design-example.yaml"
NOW = "2026-01-01T00:00:00Z"
UNREACHABLE = "bolt://127.0.0.1:1"


@pytest.fixture
def embedded(tmp_path: Path) -> Iterator[Store]:
    opened = EmbeddedStore(tmp_path / "embedded")
    yield opened
    opened.close()


def test_an_unreachable_server_is_unavailable_and_named() -> None:
    with pytest.raises(StoreUnavailable, match=re.escape(f"cannot reach Neo4j at {UNREACHABLE}")):
        open_store(StoreConfig(backend="neo4j", neo4j_uri=UNREACHABLE))
    with pytest.raises(StoreUnavailable, match="not a Neo4j URI"):
        open_store(StoreConfig(backend="neo4j", neo4j_uri="http://127.0.0.1:7474"))


@pytest.mark.parametrize("how", ["option", "environment"])
def test_the_cli_says_the_server_is_unreachable_without_a_traceback(how: str) -> None:
    if how == "option":
        result = CliRunner().invoke(cli, ["--backend", "neo4j", "--neo4j-uri", UNREACHABLE, "stats"])
    else:
        result = CliRunner().invoke(cli, ["stats"], env={"STEWARD_BACKEND": "neo4j",
                                                         "STEWARD_NEO4J_URI": UNREACHABLE})
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.stderr.startswith(f"steward: cannot reach Neo4j at {UNREACHABLE}")
    assert "Traceback" not in result.output


def test_open_creates_a_uniqueness_constraint_on_id_for_every_label(neo4j: Neo4jStore) -> None:
    rows = neo4j.conn.read("SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties "
                           "WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, properties")
    unique = {row["label"] for row in rows if row["properties"] == ["id"]}
    assert unique >= {label.value for label in Label} | {"Steward"}
    assert neo4j.schema_version() == SCHEMA_VERSION
    again = Neo4jStore(neo4j.config)  # opening an up-to-date database only checks
    assert again.round_trips == 2
    again.close()


def test_a_refused_transaction_writes_nothing(neo4j: Neo4jStore) -> None:
    load_paths(neo4j, [EXAMPLE], now=NOW)
    before = list(export_lines(neo4j))
    # More nodes than one UNWIND chunk, so the refusal comes after queries that succeeded.
    with pytest.raises(StoreError, match="no node 'no-such-node'"), neo4j.transaction() as tx:
        for i in range(4500):
            tx.upsert_node(NodeRecord(Label.SYSTEM, f"s{i}", {"name": "new"}))
        tx.upsert_node(NodeRecord(Label.SYSTEM, "sis", {"name": "renamed"}))
        tx.delete_node("acme-app")
        tx.upsert_edge(EdgeRecord(RelType.HOLDS, "s1", "no-such-node"))
    with pytest.raises(StoreError, match="'sis' is already a System, not a DataElement"), \
            neo4j.transaction() as tx:
        tx.upsert_node(NodeRecord(Label.SYSTEM, "fresh", {}))
        tx.upsert_node(NodeRecord(Label.DATA_ELEMENT, "sis", {}))
    assert list(export_lines(neo4j)) == before


class LosingSession:
    """A real session whose write transactions lose the connection: after their COMMIT
    (`after_commit`), or while their queries run."""

    def __init__(self, session: Any, after_commit: bool) -> None:
        self.session, self.after_commit = session, after_commit

    def __enter__(self) -> LosingSession:
        self.session.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.session.__exit__(*exc)

    def run(self, *args: Any, **kwargs: Any) -> Any:  # reads go through
        return self.session.run(*args, **kwargs)

    def execute_write(self, work: Any) -> Any:
        if not self.after_commit:
            def broken(tx: Any) -> Any:
                raise neo4j_errors.SessionExpired("connection lost before the commit")
            return self.session.execute_write(broken)
        self.session.execute_write(work)
        raise neo4j_errors.ServiceUnavailable("connection lost after the commit")


@pytest.mark.parametrize("after_commit", [True, False])
def test_a_write_whose_server_went_away_is_refused_only_if_it_never_reached_its_commit(
        neo4j: Neo4jStore, monkeypatch: pytest.MonkeyPatch, after_commit: bool) -> None:
    """A server that stops can save a COMMIT and lose its answer; then the write is not
    refused (a client would think it unsaved) but of unknown outcome, to be read again."""
    session = neo4j.conn.driver.session
    monkeypatch.setattr(neo4j.conn.driver, "session", lambda **kw: LosingSession(session(**kw), after_commit))
    with pytest.raises(OutcomeUnknown if after_commit else StoreUnavailable) as raised, \
            neo4j.transaction() as tx:
        tx.upsert_node(NodeRecord(Label.SYSTEM, "sis", {"name": "SIS"}))
    monkeypatch.undo()
    assert (neo4j.get_node("sis") is not None) is after_commit
    assert isinstance(raised.value, OutcomeUnknown) is after_commit
    assert "may or may not" in str(raised.value) if after_commit else "cannot reach" in str(raised.value)


class MemoryLimitedSession(LosingSession):
    """A real session whose write transactions the server refuses for want of memory, as
    Neo4j answers a transaction past `dbms.memory.transaction.total.max` (the transient
    code, retried by the driver until its retry time is spent) or past
    `db.memory.transaction.max` (Community cannot change either while it runs)."""

    def __init__(self, session: Any, code: str) -> None:
        super().__init__(session, after_commit=False)
        self.code = code

    def execute_write(self, work: Any) -> Any:
        raise neo4j_errors.Neo4jError._hydrate_neo4j(
            code=self.code, message="The allocation of an extra 2.0 MiB would use more than the limit 716.8 MiB. "
                                    "Currently using 715.0 MiB. dbms.memory.transaction.total.max threshold reached")


@pytest.mark.parametrize("code", sorted(MEMORY_LIMITS))
def test_a_load_past_the_servers_memory_limit_says_so_and_writes_nothing(
        neo4j: Neo4jStore, monkeypatch: pytest.MonkeyPatch, code: str) -> None:
    session = neo4j.conn.driver.session
    monkeypatch.setattr(neo4j.conn.driver, "session", lambda **kw: MemoryLimitedSession(session(**kw), code))
    with pytest.raises(StoreError) as raised:
        load_paths(neo4j, [EXAMPLE], now=NOW)
    monkeypatch.undo()
    message = str(raised.value)
    assert not isinstance(raised.value, StoreUnavailable)  # not "try later": the same load fails again
    assert "larger than its memory limit" in message and "716.8 MiB" in message
    assert "load the catalog's files in parts" in message
    assert sum(neo4j.count_nodes().values()) == 0


class FlakySession(LosingSession):
    """A real session whose queries first fail as listed, then reach the server."""

    def __init__(self, session: Any, failures: list[Exception], tries: list[str]) -> None:
        super().__init__(session, after_commit=False)
        self.failures, self.tries = failures, tries

    def run(self, query: Any, *args: Any, **kwargs: Any) -> Any:
        self.tries.append(str(query.text))
        if self.failures:
            raise self.failures.pop(0)
        return self.session.run(query, *args, **kwargs)


def test_a_read_is_tried_again_only_when_it_failed_for_a_passing_reason(
        neo4j: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reads are auto-commit transactions, which the driver does not retry: the store does,
    as the driver retries a managed one."""
    load_paths(neo4j, [EXAMPLE], now=NOW)
    session, tries = neo4j.conn.driver.session, []  # type: ignore[var-annotated]
    failures: list[Exception] = [neo4j_errors.SessionExpired("the server went away")]
    monkeypatch.setattr(neo4j.conn.driver, "session", lambda **kw: FlakySession(session(**kw), failures, tries))
    sis = neo4j.get_node("sis")
    assert sis is not None and sis.id == "sis" and len(tries) == 2 and tries[0] == tries[1]
    tries.clear()
    with pytest.raises(StoreError, match="refused the request"):
        neo4j.conn.read("MATCH (n) RETURN n.id AS id ORDER BY")  # the query's own fault: once
    assert len(tries) == 1
    failures.extend(neo4j_errors.ServiceUnavailable("no server") for _ in range(5))
    tries.clear()
    with pytest.raises(StoreUnavailable, match="cannot reach Neo4j"):
        neo4j.get_node("sis")
    assert len(tries) == 3  # about 1 s, then 2 s, apart: the retry time is spent


def test_a_property_neo4j_cannot_hold_is_refused_where_it_is_written(neo4j: Neo4jStore) -> None:
    with pytest.raises(StoreError, match="'contact' of node 'x'"), neo4j.transaction() as tx:
        tx.upsert_node(NodeRecord(Label.ORGANIZATION, "x", {"contact": {"name": "Dana"}}))
    assert neo4j.get_node("x") is None


def test_writes_are_batched_and_traversal_costs_one_query_per_level(neo4j: Neo4jStore) -> None:
    ids = [f"s{i:03}" for i in range(300)]
    start = neo4j.round_trips
    with neo4j.transaction() as tx:
        # Nodes, then edges (as the loader writes them); within each run the labels and
        # types alternate, and still make one query per label or type.
        for a in ids:
            tx.upsert_node(NodeRecord(Label.SYSTEM, a, {}))
            tx.upsert_node(NodeRecord(Label.FLOW, f"f-{a}", {}))
        for a, b in itertools.pairwise(ids):
            tx.upsert_edge(EdgeRecord(RelType.FROM, f"f-{a}", a))
            tx.upsert_edge(EdgeRecord(RelType.TO, f"f-{a}", b))
    assert neo4j.round_trips - start == 4 + 1  # a query per label or type, and the count of writes
    start = neo4j.round_trips
    steps = neo4j.traverse("s000", Direction.BOTH, [RelType.FROM, RelType.TO], max_depth=7)
    assert [s.node.id for s in steps] == ["f-s000", "s001", "f-s001", "s002", "f-s002", "s003", "f-s003"]
    assert neo4j.round_trips - start == 7


def test_a_query_past_the_timeout_is_ended_by_the_server(neo4j: Neo4jStore) -> None:
    timed = Neo4jStore(dataclasses.replace(neo4j.config, timeout=1.0))
    endless = "UNWIND range(1, 10000000000) AS x RETURN count(x) AS n"  # minutes of counting
    try:
        with pytest.raises(StoreTimeout, match="ran past the time limit of 1 s"):
            timed.conn.read(endless)
        with pytest.raises(StoreTimeout):
            timed.conn.transaction(lambda tx: tx.run(endless))
    finally:
        timed.close()
    running = neo4j.conn.read("SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery")
    assert [r["currentQuery"] for r in running if "UNWIND" in r["currentQuery"]] == []


def test_an_edge_before_its_end_node_is_refused_as_the_embedded_store_refuses_it(
        neo4j: Neo4jStore) -> None:
    with pytest.raises(StoreError, match="no node 'b'"), neo4j.transaction() as tx:
        tx.upsert_node(NodeRecord(Label.FLOW, "f", {}))
        tx.upsert_edge(EdgeRecord(RelType.TO, "f", "b"))
        tx.upsert_node(NodeRecord(Label.SYSTEM, "b", {}))
    assert neo4j.count_nodes() == {}


def test_a_routing_uri_works_against_a_single_server(tmp_path: Path) -> None:
    routed = open_test_store("neo4j", tmp_path, uri=NEO4J_URI.replace("bolt://", "neo4j://", 1))
    try:
        load_paths(routed, [EXAMPLE], now=NOW)
        assert routed.get_node("sis") is not None
        assert [n.id for n in routed.neighbours("sis-to-acme", Direction.OUT, [RelType.TO])] == ["acme-app"]
    finally:
        routed.close()


def test_migration_from_embedded_to_neo4j_and_back_is_lossless(
        embedded: Store, neo4j: Neo4jStore, tmp_path: Path) -> None:
    load_paths(embedded, [EXAMPLE], now=NOW)
    lines = list(export_lines(embedded))
    import_into(neo4j, *read_dump(lines))
    assert list(export_lines(neo4j)) == lines
    back = EmbeddedStore(tmp_path / "back")
    import_into(back, *read_dump(export_lines(neo4j)))
    assert list(export_lines(back)) == lines
    back.close()


def test_reads_and_traversals_answer_as_the_embedded_store_does(embedded: Store, neo4j: Neo4jStore) -> None:
    for opened in (embedded, neo4j):
        load_paths(opened, [EXAMPLE], now=NOW)
    ids = [n.id for n in embedded.find_nodes()]
    for direction in Direction:
        assert embedded.edges_for(ids, direction) == neo4j.edges_for(ids, direction)
        for node_id in ids:
            assert embedded.edges(node_id, direction) == neo4j.edges(node_id, direction)
            assert embedded.neighbours(node_id, direction) == neo4j.neighbours(node_id, direction)
            assert embedded.traverse(node_id, direction) == neo4j.traverse(node_id, direction), node_id
    assert embedded.find_nodes(Label.SYSTEM, {"controls": "MFA"}) == neo4j.find_nodes(
        Label.SYSTEM, {"controls": "MFA"})
    assert embedded.count_nodes() == neo4j.count_nodes()
    assert embedded.count_edges() == neo4j.count_edges()


def test_the_audit_trail_and_tokens_are_kept_as_the_embedded_store_keeps_them(
        embedded: Store, neo4j: Neo4jStore) -> None:
    for opened in (embedded, neo4j):
        load_paths(opened, [EXAMPLE], now=NOW)
        opened.save_token(Token("robot", "EDITOR", "d1", NOW))
        opened.save_token(Token("alice", "ADMIN", "d2", NOW))
        with pytest.raises(StoreError, match="a token named 'robot' already exists"):
            opened.save_token(Token("robot", "VIEWER", "d3", NOW))
        assert opened.revoke_token("robot", "2026-02-01T00:00:00Z")
        assert not opened.revoke_token("robot", "2026-03-01T00:00:00Z")
    assert embedded.tokens() == neo4j.tokens()
    assert [t.name for t in neo4j.tokens()] == ["alice", "robot"]
    assert embedded.changes() == neo4j.changes()
    assert [c.seq for c in neo4j.changes()] == list(range(1, 25))
    assert embedded.changes(node_id="sis", limit=3) == neo4j.changes(node_id="sis", limit=3)
    assert neo4j.changes(since="2027-01-01") == []


def test_rows_hold_what_the_drivers_record_data_gives(neo4j: Neo4jStore) -> None:
    """Rows are read without the driver's `Record.data()`, and hold the same values: nodes,
    relationships and paths, nested in lists and maps, and plain values."""
    query = ("CREATE p = (a:Probe {id: 'a', n: 1, on: date('2026-09-01')})-[r:LINKS {w: 2.5}]->(b:Probe {id: 'b'}) "
             "RETURN a, r, p, [a, [b, 1, 'x', null, true]] AS listed, {node: b, at: a.on, many: [r]} AS mapped, "
             "a.id AS text, a.n AS number")
    try:
        row, = neo4j.conn.write(query)
        records = neo4j.conn.driver.execute_query("MATCH p = (a:Probe)-[r]->(b:Probe) RETURN a, r, p, "
                                                  "[a, [b, 1, 'x', null, true]] AS listed, "
                                                  "{node: b, at: a.on, many: [r]} AS mapped, a.id AS text, "
                                                  "a.n AS number").records
        assert row == records[0].data()
        assert row["mapped"]["at"].iso_format() == "2026-09-01" and row["listed"][1][1:] == [1, "x", None, True]
    finally:
        neo4j.conn.write("MATCH (n:Probe) DETACH DELETE n")
