"""The store contract: every backend passes the same tests."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from catalog.audit import Change
from catalog.records import VERSION, EdgeRecord, NodeRecord, version_of
from catalog.unparse import to_mapping
from catalog.vocab import Label, RelType
from graph import curation
from graph.dump import export_lines, import_into, read_dump
from graph.embedded.store import EmbeddedStore
from graph.neo4j import Neo4jStore
from graph.store import Direction, Store, StoreError, StoreUnavailable, VersionConflict

from .helpers import load_text

S, E, F = Label.SYSTEM, Label.DATA_ELEMENT, Label.FLOW


def node(label: Label, node_id: str, **props: object) -> NodeRecord:
    return NodeRecord(label, node_id, {"name": node_id.upper(), **props})


def edge(type_: RelType, source: str, target: str, **props: object) -> EdgeRecord:
    return EdgeRecord(type_, source, target, props)


def chain(store: Store, *ids: str) -> None:
    """Systems linked one after the other by flows: a -> f-a-b -> b -> ..."""
    with store.transaction() as tx:
        for node_id in ids:
            tx.upsert_node(node(S, node_id))
        for a, b in itertools.pairwise(ids):
            tx.upsert_node(node(F, f"f-{a}-{b}"))
            tx.upsert_edge(edge(RelType.FROM, f"f-{a}-{b}", a))
            tx.upsert_edge(edge(RelType.TO, f"f-{a}-{b}", b))


def test_upsert_get_and_replace_a_node(store: Store) -> None:
    with store.transaction() as tx:
        tx.upsert_node(node(E, "birth-date", sensitivity="PII", controls=["MFA", "SSO"]))
    assert store.get_node("birth-date") == node(E, "birth-date", sensitivity="PII", controls=["MFA", "SSO"])
    with store.transaction() as tx:
        tx.upsert_node(node(E, "birth-date", sensitivity="SENSITIVE"))
    found = store.get_node("birth-date")
    assert found is not None and dict(found.props) == {"name": "BIRTH-DATE", "sensitivity": "SENSITIVE"}
    assert store.get_node("nothing") is None


def test_a_property_the_catalog_model_does_not_have_is_kept_like_any_other(store: Store) -> None:
    """Where a node is defined is such a property: the loader writes it, the store keeps it."""
    with store.transaction() as tx:
        tx.upsert_node(node(S, "sis", kind="SIS", defined_in="file:systems/sis.yaml"))
        tx.upsert_node(node(S, "lms", kind="LMS", defined_in="api:ci"))
    assert store.get_node("sis") == node(S, "sis", kind="SIS", defined_in="file:systems/sis.yaml")
    assert [n.id for n in store.find_nodes(S, {"defined_in": "api:ci"})] == ["lms"]


def test_find_nodes_by_label_and_property(store: Store) -> None:
    with store.transaction() as tx:
        tx.upsert_node(node(E, "a", sensitivity="PII", public=True))
        tx.upsert_node(node(E, "b", sensitivity="SENSITIVE", public=False))
        tx.upsert_node(node(S, "sis", controls=["MFA", "AUDIT_LOG"]))
    assert [n.id for n in store.find_nodes(E)] == ["a", "b"]
    assert [n.id for n in store.find_nodes(E, {"sensitivity": "SENSITIVE"})] == ["b"]
    assert [n.id for n in store.find_nodes(E, {"public": True})] == ["a"]
    assert [n.id for n in store.find_nodes(S, {"controls": "MFA"})] == ["sis"]
    assert [n.id for n in store.find_nodes()] == ["a", "b", "sis"]
    assert set(store.get_nodes(["a", "sis", "missing"])) == {"a", "sis"}


def test_edges_by_direction_and_type_with_properties(store: Store) -> None:
    with store.transaction() as tx:
        tx.upsert_node(node(S, "sis"))
        tx.upsert_node(node(E, "dob"))
        tx.upsert_edge(edge(RelType.HOLDS, "sis", "dob", since="2015-07-01"))
        tx.upsert_edge(edge(RelType.COLLECTS, "sis", "dob"))
    assert [e.type for e in store.edges("sis")] == [RelType.COLLECTS, RelType.HOLDS]
    holds = edge(RelType.HOLDS, "sis", "dob", since="2015-07-01")
    assert store.edges("sis", types=[RelType.HOLDS]) == [holds]
    assert store.edges("sis", Direction.IN) == []
    assert len(store.edges("dob", Direction.IN)) == 2
    assert len(store.edges("dob", Direction.BOTH)) == 2
    with store.transaction() as tx:
        tx.upsert_edge(edge(RelType.HOLDS, "sis", "dob", since="2016-01-01"))
    assert store.edges("sis", types=[RelType.HOLDS])[0].props == {"since": "2016-01-01"}


def test_counts_by_label_and_type(store: Store) -> None:
    chain(store, "a", "b", "c")
    assert store.count_nodes() == {S: 3, F: 2}
    assert store.count_edges() == {RelType.FROM: 2, RelType.TO: 2}


def test_delete_edge_and_delete_node_with_its_relationships(store: Store) -> None:
    chain(store, "a", "b", "c")
    with store.transaction() as tx:
        tx.delete_edge(RelType.TO, "f-a-b", "b")
    assert store.edges("f-a-b") == [edge(RelType.FROM, "f-a-b", "a")]
    with store.transaction() as tx:
        tx.delete_node("b")
    assert store.get_node("b") is None
    assert store.edges("f-b-c") == [edge(RelType.TO, "f-b-c", "c")]
    assert store.count_edges() == {RelType.FROM: 1, RelType.TO: 1}


def test_a_failed_transaction_writes_nothing(store: Store) -> None:
    chain(store, "a", "b")
    before = (store.count_nodes(), store.count_edges())
    with pytest.raises(RuntimeError), store.transaction() as tx:
        tx.upsert_node(node(S, "c"))
        raise RuntimeError("the caller changed its mind")
    with pytest.raises(StoreError), store.transaction() as tx:
        tx.upsert_node(node(S, "d"))
        tx.upsert_edge(edge(RelType.TO, "d", "no-such-node"))
    assert (store.count_nodes(), store.count_edges()) == before
    assert store.get_node("c") is None and store.get_node("d") is None


def test_an_id_keeps_its_label(store: Store) -> None:
    with store.transaction() as tx:
        tx.upsert_node(node(S, "sis"))
    with pytest.raises(StoreError), store.transaction() as tx:
        tx.upsert_node(node(E, "sis"))
    found = store.get_node("sis")
    assert found is not None and found.label == S


def test_an_id_given_two_labels_in_one_write_is_refused_whole(store: Store) -> None:
    """Refused when the other label was written earlier in the same transaction, among
    more nodes than one look-up of stored ids holds; nothing of it is kept, its audit
    records included."""
    with pytest.raises(StoreError, match="'x' is already a System"), store.transaction() as tx:
        for i in range(600):
            tx.upsert_node(node(S, f"s{i}"))
        tx.upsert_node(node(S, "x"))
        tx.record_change(Change("2026-01-01T00:00:00Z", "ci", "create", "x", ("x",), None, {"x": 1}))
        tx.upsert_node(node(E, "x"))
    assert store.count_nodes() == {} and store.changes() == []


def test_audit_records_keep_their_order_among_the_nodes_they_describe(store: Store) -> None:
    with store.transaction() as tx:
        for name in ("c", "a", "b"):
            tx.upsert_node(node(S, name))
            tx.record_change(Change("2026-01-01T00:00:00Z", "ci", "create", name, (name,), None, {"name": name}))
    recorded = store.changes()
    assert [c.target for c in recorded] == ["c", "a", "b"]
    assert [c.seq for c in recorded] == sorted(c.seq for c in recorded)


def test_neighbours_in_each_direction(store: Store) -> None:
    chain(store, "a", "b")
    assert [n.id for n in store.neighbours("f-a-b", Direction.OUT)] == ["a", "b"]
    assert [n.id for n in store.neighbours("a", Direction.IN)] == ["f-a-b"]
    assert store.neighbours("a", Direction.OUT) == []
    assert [n.id for n in store.neighbours("b", types=[RelType.FROM])] == []


def test_traversal_respects_direction_types_and_depth(store: Store) -> None:
    chain(store, "a", "b", "c", "d")
    # Downstream from a: flows point FROM their source, TO their target.
    steps = store.traverse("f-a-b", Direction.OUT, [RelType.TO], max_depth=5)
    assert [(s.node.id, s.depth) for s in steps] == [("b", 1)]
    both = store.traverse("a", Direction.BOTH, [RelType.FROM, RelType.TO], max_depth=10)
    assert [(s.node.id, s.depth) for s in both] == [
        ("f-a-b", 1), ("b", 2), ("f-b-c", 3), ("c", 4), ("f-c-d", 5), ("d", 6)]
    limited = store.traverse("a", Direction.BOTH, [RelType.FROM, RelType.TO], max_depth=3)
    assert [s.node.id for s in limited] == ["f-a-b", "b", "f-b-c"]
    assert limited[1].via == edge(RelType.TO, "f-a-b", "b")
    assert store.traverse("nowhere") == []


def test_traversal_through_a_cycle_visits_each_node_once(store: Store) -> None:
    chain(store, "a", "b", "c", "a")
    steps = store.traverse("a", Direction.BOTH, [RelType.FROM, RelType.TO], max_depth=50)
    ids = [s.node.id for s in steps]
    assert sorted(ids) == ["b", "c", "f-a-b", "f-b-c", "f-c-a"]
    assert len(ids) == len(set(ids))


def test_all_edges_and_schema_version(store: Store) -> None:
    chain(store, "a", "b")
    assert len(store.edges()) == 2
    assert store.schema_version() >= 1


def test_edges_of_many_nodes_at_once(store: Store) -> None:
    chain(store, "a", "b", "c")
    found = store.edges_for(["f-a-b", "f-b-c", "missing"], Direction.OUT, [RelType.TO])
    assert [(e.source, e.target) for e in found] == [("f-a-b", "b"), ("f-b-c", "c")]
    into = store.edges_for(["a", "b"], Direction.IN)
    assert [(e.type, e.source) for e in into] == [(RelType.FROM, "f-a-b"), (RelType.FROM, "f-b-c"),
                                                  (RelType.TO, "f-a-b")]


# --- the data version: what a cache of anything built from the graph keys on ------------------


def reopened(store: Store) -> Store:
    """A second store object on the same data, as another process would open it."""
    if isinstance(store, EmbeddedStore):
        return EmbeddedStore(store.folder)
    assert isinstance(store, Neo4jStore)
    return Neo4jStore(store.config)


def test_the_data_version_changes_after_each_kind_of_write(store: Store, tmp_path: Path) -> None:
    seen = [store.data_version()]

    def changed() -> bool:
        seen.append(store.data_version())
        return seen[-1] != seen[-2]

    with store.transaction() as tx:
        tx.upsert_node(node(S, "a"))
        tx.upsert_node(node(S, "b"))
        tx.upsert_node(node(F, "f"))
    assert changed()
    with store.transaction() as tx:
        tx.upsert_edge(edge(RelType.FROM, "f", "a"))
    assert changed()
    with store.transaction() as tx:
        tx.upsert_node(node(S, "a", hosting="cloud"))  # the same node, changed
    assert changed()
    with store.transaction() as tx:
        tx.delete_edge(RelType.FROM, "f", "a")
    assert changed()
    with store.transaction() as tx:
        tx.delete_node("b")
    assert changed()
    with store.transaction() as tx:
        tx.record_change(Change("2026-01-01T00:00:00Z", "ci", "update", "a", ("a",), None, {"x": 1}))
    assert changed()
    import_into(store, [node(S, "c")], [edge(RelType.TO, "f", "c")])
    assert changed()
    load_text(store, tmp_path, "systems:\n  - {id: d, name: D, kind: SIS}\n")
    assert changed()
    assert len(set(seen)) == len(seen)  # never back to an earlier value


def test_reads_and_refused_writes_leave_the_data_version_alone(store: Store) -> None:
    chain(store, "a", "b")
    version = store.data_version()
    store.get_node("a"), store.find_nodes(S), store.edges(), store.count_nodes(), store.count_edges()
    store.traverse("a", Direction.BOTH), store.neighbours("a"), store.changes(), store.tokens()
    with store.transaction():
        pass  # nothing to commit
    with pytest.raises(StoreError), store.transaction() as tx:
        tx.upsert_node(node(S, "c"))
        tx.upsert_edge(edge(RelType.TO, "c", "no-such-node"))
    assert store.data_version() == version


def test_another_store_object_on_the_same_data_sees_the_new_version(store: Store) -> None:
    other = reopened(store)
    try:
        before = other.data_version()
        assert before == store.data_version()
        chain(store, "a", "b")
        assert other.data_version() != before and other.data_version() == store.data_version()
        with other.transaction() as tx:
            tx.delete_node("a")
        assert store.data_version() == other.data_version() != before
        assert store.get_node("a") is None  # and the data it stands for
    finally:
        other.close()


# --- node versions: what optimistic concurrency compares ----------------------------------------


def test_a_write_expecting_a_version_is_refused_at_another_and_writes_nothing(store: Store) -> None:
    with store.transaction() as tx:
        tx.upsert_node(node(S, "a"), expected=0)  # 0: no such node yet
        tx.upsert_node(node(S, "old"))  # as a store written before versions holds it: version 1
    with store.transaction() as tx:
        tx.upsert_node(node(S, "a", version=2), expected=1)
        tx.upsert_node(node(S, "old", version=2), expected=1)
    for stale, actual in ((node(S, "a", version=3, hosting="x"), 2), (node(S, "new"), 0)):
        with pytest.raises(VersionConflict, match=f"is at version {actual}|does not exist") as refused, \
                store.transaction() as tx:
            tx.upsert_node(node(S, "b"))
            tx.upsert_node(stale, expected=1)
            tx.record_change(Change("2026-01-01T00:00:00Z", "ci", "update", "a", ("a",), None, {}))
        assert (refused.value.node_id, refused.value.expected, refused.value.actual) == (stale.id, 1, actual)
    with pytest.raises(VersionConflict), store.transaction() as tx:
        tx.upsert_node(node(S, "a"), expected=0)  # a second create of the same id
    with pytest.raises(VersionConflict), store.transaction() as tx:
        tx.delete_node("a", expected=1)
    assert store.get_node("a") == node(S, "a", version=2)
    assert store.get_node("b") is None and store.get_node("new") is None and store.changes() == []
    with store.transaction() as tx:
        tx.delete_node("a", expected=2)
    assert store.get_node("a") is None


def test_curation_moves_a_node_one_version_at_each_change_and_audits_it(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, "systems:\n  - {id: sis, name: SIS, kind: SIS}\n"
                               "elements:\n  - {id: dob, name: DOB, category: demographic, sensitivity: PII,"
                               " subject: STUDENT}\n")
    assert [version_of(store.get_node(i)) for i in ("sis", "dob")] == [1, 1]
    curation.update_node(store, "sis", {"hosting": "cloud"}, "ci")
    curation.update_node(store, "sis", {"hosting": "cloud"}, "ci")  # no change: no new version
    curation.link(store, RelType.HOLDS, "sis", "dob", {}, "ci")  # declared by the system
    curation.unlink(store, RelType.HOLDS, "sis", "dob", "ci")
    with pytest.raises(VersionConflict, match="is at version 4"):
        curation.update_node(store, "sis", {"hosting": "on site"}, "ci", expected_version=3)
    curation.update_node(store, "sis", {"hosting": "on site"}, "ci", expected_version=4)
    load_text(store, tmp_path, "systems:\n  - {id: sis, name: SIS, kind: SIS}\n")  # the file again: changed
    load_text(store, tmp_path, "systems:\n  - {id: sis, name: SIS, kind: SIS}\n")  # and again: unchanged
    sis = store.get_node("sis")
    assert sis is not None and version_of(sis) == 6 and version_of(store.get_node("dob")) == 1
    trail = [(c.action, c.version) for c in store.changes(node_id="sis")]
    assert trail == [("create", 1), ("update", 2), ("link", 3), ("unlink", 4), ("update", 5), ("update", 6)]
    assert VERSION not in to_mapping(sis, []) and "updated_at" not in to_mapping(sis, [])
    with pytest.raises(VersionConflict, match="is at version 6"):
        curation.delete_node(store, "sis", "ci", expected_version=5)
    curation.delete_node(store, "sis", "ci", expected_version=6)
    assert store.get_node("sis") is None and store.changes()[-1].action == "delete"


def test_a_committed_change_is_answered_even_if_the_store_goes_away_after_the_commit(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The answer to a create or an update is the record the transaction wrote, the same
    as a read gives: read after the commit, a store gone away would make a saved change
    look refused (and a client would send it again)."""
    load_text(store, tmp_path, "systems:\n  - {id: sis, name: SIS, kind: SIS}\n")
    created = curation.create_node(store, S, {"id": "lms", "name": "LMS", "kind": "LMS"}, "ci")
    updated = curation.update_node(store, "sis", {"hosting": "cloud"}, "ci")
    unchanged = curation.update_node(store, "sis", {"hosting": "cloud"}, "ci")
    assert (created, updated, unchanged) == (store.get_node("lms"), store.get_node("sis"), store.get_node("sis"))
    assert version_of(updated) == 2
    transaction = store.transaction

    def gone(*_: Any) -> None:
        raise StoreUnavailable("the store went away")

    def then_gone() -> Any:
        monkeypatch.setattr(store, "get_node", gone)
        return transaction()
    monkeypatch.setattr(store, "transaction", then_gone)
    answer = curation.update_node(store, "sis", {"hosting": "on site"}, "ci")
    assert answer.get("hosting") == "on site" and version_of(answer) == 3
    monkeypatch.undo()
    assert store.get_node("sis") == answer


def test_versions_travel_in_a_dump_to_either_backend(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, "systems:\n  - {id: sis, name: SIS, kind: SIS}\n")
    curation.update_node(store, "sis", {"hosting": "cloud"}, "ci")
    lines = list(export_lines(store))
    nodes, edges = read_dump(lines)
    assert [version_of(n) for n in nodes] == [2]
    copy = EmbeddedStore(tmp_path / "copy")
    try:
        import_into(copy, nodes, edges)
        assert list(export_lines(copy)) == lines and version_of(copy.get_node("sis")) == 2
    finally:
        copy.close()


def test_the_audit_trail_pages_by_seq_newest_or_oldest_first_with_filters(store: Store) -> None:
    """Twelve entries by two actors over twelve days, two nodes taking turns: a page is
    cut by `limit`, moved by `before` / `after`, and narrowed by node, actor and dates."""
    with store.transaction() as tx:
        for i in range(12):
            tx.record_change(Change(f"2026-03-{i + 1:02d}T09:00:00Z", ("ann", "bob")[i % 3 == 0], "update",
                                    ("a", "b")[i % 2], (("a", "b")[i % 2],), None, {"i": i}))
    every = store.changes()
    assert [c.after for c in every] == [{"i": i} for i in range(12)]
    seqs = [c.seq for c in every]

    def page(**where: Any) -> list[int]:
        return [seqs.index(c.seq) for c in store.changes(**where)]

    assert page(limit=5, newest=True) == [7, 8, 9, 10, 11]  # the newest, still oldest first
    assert page(limit=5, newest=True, before=seqs[7]) == [2, 3, 4, 5, 6]  # older
    assert page(limit=5, newest=True, before=seqs[2]) == [0, 1]  # the oldest page is short
    assert page(limit=5, after=seqs[6]) == [7, 8, 9, 10, 11]  # newer, back where it was
    assert page(limit=5) == [0, 1, 2, 3, 4]
    assert page(after=seqs[3], before=seqs[6]) == [4, 5]
    assert page(node_id="b", limit=3, newest=True) == [7, 9, 11]
    assert page(actor="bob") == [0, 3, 6, 9]
    assert page(actor="bob", node_id="b", newest=True, limit=1) == [9]
    assert page(since="2026-03-04", until="2026-03-07") == [3, 4, 5]  # until is not included
    assert page(since="2026-03-04", until="2026-03-07", actor="ann", newest=True, before=seqs[5]) == [4]
    assert store.changes(actor="nobody") == [] and store.changes(before=seqs[0]) == []
