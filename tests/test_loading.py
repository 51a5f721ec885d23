"""Catalog-as-code loading: all or nothing, idempotent, updates what changed."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest

from catalog.source import CatalogError
from catalog.vocab import RelType
from graph.dump import export_to
from graph.embedded.store import EmbeddedStore
from graph.loading import load_paths
from graph.store import Direction, Store

from .conftest import DATA

EXAMPLE = DATA / "design-example.yaml"


def snapshot(store: Store) -> str:
    out = io.StringIO()
    export_to(store, out)
    return out.getvalue()


def test_a_load_with_one_bad_reference_leaves_the_store_byte_for_byte_unchanged(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    store = EmbeddedStore(folder)
    load_paths(store, [EXAMPLE], now="2026-01-01T00:00:00Z")
    store.close()
    before = hashlib.sha256((folder / "steward.db").read_bytes()).hexdigest()

    bad = tmp_path / EXAMPLE.name  # the same file, edited
    changed = EXAMPLE.read_text().replace("name: Dana Reyes", "name: Dana Reyes-Smith")
    bad.write_text(changed.replace("under: [dpa-acme]", "under: [dpa-acme, dpa-missing]"))
    store = EmbeddedStore(folder)
    with pytest.raises(CatalogError, match="dpa-missing"):
        load_paths(store, [bad], now="2026-02-01T00:00:00Z")
    person = store.get_node("p-registrar")
    assert person is not None and person.name == "Dana Reyes"
    store.close()
    assert hashlib.sha256((folder / "steward.db").read_bytes()).hexdigest() == before


def test_loading_the_same_files_twice_changes_nothing(store: Store) -> None:
    first = load_paths(store, [EXAMPLE], now="2026-01-01T00:00:00Z")
    before = snapshot(store)
    again = load_paths(store, [EXAMPLE], now="2026-02-01T00:00:00Z")
    assert first.changed and not again.changed
    assert again.unchanged == 24
    assert snapshot(store) == before


def test_loading_a_changed_file_updates_only_what_changed(store: Store, tmp_path: Path) -> None:
    load_paths(store, [EXAMPLE], now="2026-01-01T00:00:00Z")
    edited = tmp_path / EXAMPLE.name  # the same file, edited in another checkout
    text = EXAMPLE.read_text()
    text = text.replace("frequency: nightly", "frequency: hourly")
    text = text.replace("to: state-warehouse, carries: [student-birth-date],",
                        "to: state-warehouse, carries: [],")
    edited.write_text(text)
    report = load_paths(store, [edited], now="2026-03-01T00:00:00Z")
    assert sorted(report.updated) == ["sis-to-acme", "sis-to-state"]
    assert report.edges_removed == 1 and report.edges_added == 0
    flow = store.get_node("sis-to-acme")
    assert flow is not None and flow.get("frequency") == "hourly"
    assert flow.get("updated_at") == "2026-03-01T00:00:00Z"
    untouched = store.get_node("sis")
    assert untouched is not None and untouched.get("updated_at") == "2026-01-01T00:00:00Z"
    assert store.edges("sis-to-state", types=[RelType.CARRIES]) == []


def test_reloading_replaces_relationships_declared_from_the_other_end(store: Store, tmp_path: Path) -> None:
    load_paths(store, [EXAMPLE])
    edited = tmp_path / EXAMPLE.name
    edited.write_text(EXAMPLE.read_text().replace("    owners: [p-registrar]\n    used_for", "    used_for"))
    load_paths(store, [edited])
    owners = [e.source for e in store.edges("sis", Direction.IN, [RelType.OWNS])]
    assert owners == []


def test_a_folder_is_loaded_file_by_file_in_sorted_order(store: Store, tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "flows.yml").write_text("flows:\n  - {id: f, from: one, to: two}\n")
    (tmp_path / "a.yaml").write_text("systems:\n  - {id: one, name: One, kind: SIS}\n"
                                     "  - {id: two, name: Two, kind: LMS}\n")
    (tmp_path / "notes.txt").write_text("not a catalog file")
    seen: list[str] = []
    report = load_paths(store, [tmp_path], progress=seen.append)
    assert report.files == 2 and len(report.created) == 3
    assert [s.split()[1].rsplit("/", 1)[-1] for s in seen] == ["a.yaml", "flows.yml"]


def test_a_missing_path_is_an_error(store: Store, tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="no such file or folder"):
        load_paths(store, [tmp_path / "nope.yaml"])
