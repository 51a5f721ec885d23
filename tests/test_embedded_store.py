"""What only the embedded store does: rebuild its memory graph when another process
(a `steward load` beside a running server) has committed, and migrate an older file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from catalog.audit import Change
from catalog.records import EdgeRecord, NodeRecord, version_of
from catalog.vocab import Label, RelType
from graph import curation
from graph.embedded.store import EmbeddedStore
from graph.store import SCHEMA_VERSION


def write(store: EmbeddedStore, *records: NodeRecord | EdgeRecord) -> None:
    with store.transaction() as tx:
        for record in records:
            if isinstance(record, NodeRecord):
                tx.upsert_node(record)
            else:
                tx.upsert_edge(record)


def test_a_commit_during_a_rebuild_is_read_whole_or_not_at_all(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    server, loader = EmbeddedStore(tmp_path), EmbeddedStore(tmp_path)
    write(loader, NodeRecord(Label.SYSTEM, "a", {"name": "A"}), NodeRecord(Label.FLOW, "f", {"name": "F"}))
    real, calls = server.durable.all_nodes, []

    def nodes_then_another_commit() -> Iterator[NodeRecord]:
        yield from real()
        if not calls:  # the other process commits between the nodes and the edges
            calls.append(1)
            write(loader, NodeRecord(Label.SYSTEM, "b", {"name": "B"}), EdgeRecord(RelType.TO, "f", "b"))

    monkeypatch.setattr(server.durable, "all_nodes", nodes_then_another_commit)
    seen = server.find_nodes()  # the server's first read since the loader's commit rebuilds memory
    assert calls and [n.id for n in seen] in (["a", "f"], ["a", "b", "f"])
    assert server.edges("f") in ([], [EdgeRecord(RelType.TO, "f", "b")])
    assert server.traverse("f") == [] or [s.node.id for s in server.traverse("f")] == ["b"]
    # The commit it did not read is read on the next call.
    assert [n.id for n in server.find_nodes()] == ["a", "b", "f"]
    assert server.edges("f") == [EdgeRecord(RelType.TO, "f", "b")]
    server.close()
    loader.close()


@pytest.mark.parametrize("command", [["show", "sis"], ["lineage", "student-birth-date", "--json"],
                                     ["owners", "sis", "--json"], ["stats"]])
def test_a_one_shot_command_never_builds_the_graph_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             command: list[str]) -> None:
    """A command reads the rows it needs from SQLite: building the whole graph first would
    cost a large catalog more than any one question."""
    from click.testing import CliRunner

    from api.cli import cli
    from graph.embedded import store as module
    from graph.embedded.memory import MemoryGraph
    from graph.loading import load_paths

    from .conftest import DATA

    loaded = EmbeddedStore(tmp_path / "store")
    load_paths(loaded, [DATA / "design-example.yaml"], now="2026-01-01T00:00:00Z")
    loaded.close()
    built: list[tuple[Any, ...]] = []

    class Counted(MemoryGraph):
        def __init__(self, *args: Any) -> None:
            built.append(args)
            super().__init__(*args)

    monkeypatch.setattr(module, "MemoryGraph", Counted)
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "store"), *command])
    assert result.exit_code == 0, result.output
    assert "sis" in result.output or "student-birth-date" in result.output or "System" in result.output
    assert built == []


def test_a_server_store_builds_its_graph_when_warmed_and_a_command_store_never(tmp_path: Path) -> None:
    """`warm()` is what `steward serve` calls before it listens: the first request then
    finds the graph built. A one-shot command's store reads SQLite, and has none to build."""
    write(EmbeddedStore(tmp_path), NodeRecord(Label.SYSTEM, "a", {"name": "A"}))
    server, command = EmbeddedStore(tmp_path), EmbeddedStore(tmp_path, in_memory=False)
    for store in (server, command):
        store.warm()
        store.durable.snapshot = None  # type: ignore[assignment]  # any build from here on fails
    assert server.get_node("a") is not None and server._memory is not None
    assert command.get_node("a") is not None and command._memory is None


def test_a_store_of_the_first_schema_is_migrated_and_keeps_its_audit_trail(tmp_path: Path) -> None:
    old = EmbeddedStore(tmp_path)
    with old.transaction() as tx:
        tx.upsert_node(NodeRecord(Label.SYSTEM, "a", {"name": "A"}))
        tx.record_change(Change("2026-01-01T00:00:00Z", "cli", "create", "a", ("a",), None, {"name": "A"}))
    # As schema 1 left it: the audit trail without the version each change wrote.
    old.durable.conn.execute("ALTER TABLE changes DROP COLUMN version")
    old.durable.conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    old.close()
    store = EmbeddedStore(tmp_path)
    assert store.schema_version() == SCHEMA_VERSION == 2
    assert [(c.target, c.version) for c in store.changes()] == [("a", None)]
    curation.update_node(store, "a", {"name": "A2", "kind": "SIS"}, "ci")
    assert [(c.target, c.version) for c in store.changes()] == [("a", None), ("a", 2)]
    assert version_of(store.get_node("a")) == 2  # a node stored without a version counts as version 1
    store.close()
