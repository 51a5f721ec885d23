"""What only the embedded store does: rebuild its memory graph when another process
(a `steward load` beside a running server) has committed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from catalog.records import EdgeRecord, NodeRecord
from catalog.vocab import Label, RelType
from graph.embedded.store import EmbeddedStore


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
