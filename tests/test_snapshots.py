"""One snapshot of the graph per data version, shared by every whole-catalog answer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from api.cli import cli
from catalog.deadlines import compute_deadlines, engine, python_clocks
from catalog.findings import run_checks, scorecard
from catalog.records import EdgeRecord, NodeRecord
from catalog.view import Direction, Snapshot
from catalog.vocab import Label, RelType
from graph.embedded.store import EmbeddedStore
from graph.loading import load_paths
from graph.store import Store

from .conftest import DATA

AS_OF = date(2026, 9, 1)


def test_a_snapshot_is_shared_until_the_data_version_moves(store: Store) -> None:
    load_paths(store, [DATA / "design-example.yaml"], now="2026-01-01T00:00:00Z")
    first = Snapshot.of(store)
    assert Snapshot.of(store) is first
    sis = store.get_node("sis")
    assert sis is not None
    with store.transaction() as tx:
        tx.upsert_node(NodeRecord(sis.label, sis.id, {**sis.props, "name": "Renamed"}))
    second = Snapshot.of(store)
    assert second is not first and second.nodes["sis"].name == "Renamed"
    assert first.nodes["sis"].name != "Renamed"  # what was handed out stays as it was
    assert Snapshot.of(store) is second


def test_checks_scorecard_and_deadlines_compute_the_deadlines_once(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    computed = []
    clocks = python_clocks

    def counted(*args: object) -> object:
        computed.append(args)
        return clocks(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "python_clocks", counted)
    store = EmbeddedStore(tmp_path / "store", in_memory=False)
    load_paths(store, [DATA / "design-example.yaml"], now="2026-01-01T00:00:00Z")
    found = run_checks(store, AS_OF)
    scorecard(store, AS_OF)  # runs the checks again, on the same snapshot
    rows = compute_deadlines(store, AS_OF)
    assert found and rows and len(computed) == 1
    store.close()
    for principle in ("", "7"):
        computed.clear()
        args = ["--store", str(tmp_path / "store"), "check", "--as-of", AS_OF.isoformat(), "--json"]
        result = CliRunner().invoke(cli, args + (["--principle", principle] if principle else []))
        assert result.exit_code == 0, result.output
        assert len(computed) == 1


def test_a_label_s_nodes_come_by_id_as_the_store_lists_them(store: Store) -> None:
    """The snapshot indexes its nodes by label once; what it hands out is the caller's."""
    load_paths(store, [DATA / "design-example.yaml"], now="2026-01-01T00:00:00Z")
    snap = Snapshot(store.find_nodes(), store.edges())
    for label in (Label.SYSTEM, Label.DATA_ELEMENT, Label.FLOW):
        listed = snap.find_nodes(label)
        assert [n.id for n in listed] == [n.id for n in store.find_nodes(label)] and listed
        listed.clear()  # the caller's list: the next answer is whole
        assert snap.of_label(label) == store.find_nodes(label)
    some = store.find_nodes(Label.SYSTEM)[0]
    assert snap.find_nodes(Label.SYSTEM, {"name": some.props["name"]}) == [some]
    assert snap.find_nodes() == store.find_nodes()


def test_closing_a_store_frees_its_snapshot_without_the_collector(store: Store) -> None:
    """The store and its snapshot cache refer to each other: closing lets the snapshot go
    at once, not at the next full collection (seconds, at a state's size, billed to
    whatever runs then)."""
    import gc
    import weakref

    load_paths(store, [DATA / "design-example.yaml"], now="2026-01-01T00:00:00Z")
    held = weakref.ref(Snapshot.of(store))
    gc.disable()
    try:
        store.close()
        assert held() is None
    finally:
        gc.enable()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([RelType.HOLDS, RelType.OPERATES, RelType.TO]),
                          st.sampled_from("abcde"), st.sampled_from("abcde")), max_size=40))
def test_a_snapshot_gives_each_node_s_ends_in_order_whatever_order_the_edges_came_in(
        found: list[tuple[RelType, str, str]]) -> None:
    snap = Snapshot([], [EdgeRecord(type_, source, target) for type_, source, target in found])
    for node in "abcde":
        for type_ in (RelType.HOLDS, RelType.OPERATES, RelType.TO):
            assert snap.targets(node, type_) == sorted(t for k, s, t in found if k == type_ and s == node)
            assert snap.sources(node, type_) == sorted(s for k, s, t in found if k == type_ and t == node)
            assert [e.target for e in snap.out.get(node, []) if e.type == type_] == snap.targets(node, type_)
    for wanted in ([RelType.HOLDS], [RelType.TO, RelType.HOLDS], []):
        assert [e.key for e in snap.edges(types=wanted)] == sorted(e for e in found if e[0] in wanted)


TYPES = [RelType.HOLDS, RelType.OPERATES, RelType.TO, RelType.CARRIES]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(TYPES), st.sampled_from("ab"), st.integers(0, 60).map(str)),
                min_size=40, max_size=200))
def test_a_node_s_edges_of_some_types_are_those_it_has_of_them_in_order(found: list[tuple[RelType, str, str]]) -> None:
    """A node with many edges gives those of the types asked from where they lie."""
    edges = [EdgeRecord(type_, source, target) for type_, source, target in found]
    edges += [EdgeRecord(type_, target, source) for type_, source, target in found[::3]]  # some come in
    snap, ordered = Snapshot([], edges), sorted(edges, key=lambda e: (e.type, e.source, e.target))
    for node in ["a", "b", "7"]:
        for wanted in ([RelType.HOLDS], [RelType.TO, RelType.HOLDS], [], TYPES, None):
            out = [e for e in ordered if e.source == node and (wanted is None or e.type in wanted)]
            into = [e for e in ordered if e.target == node and (wanted is None or e.type in wanted)]
            assert snap.edges(node, Direction.OUT, wanted) == out
            assert snap.edges(node, Direction.IN, wanted) == into
            assert snap.edges(node, Direction.BOTH, wanted) == out + into


def test_a_snapshot_of_a_store_lists_its_edges_as_the_store_does(store: Store) -> None:
    """Neo4j's snapshot takes its edges in the order they are read, without sorting them."""
    load_paths(store, [DATA / "design-example.yaml"], now="2026-01-01T00:00:00Z")
    snap, edges = Snapshot.of(store), store.edges()
    assert snap.all_edges == edges
    for wanted in ([RelType.HOLDS], [RelType.TO, RelType.FROM], list(RelType)):
        assert snap.edges(types=wanted) == [e for e in edges if e.type in wanted]
