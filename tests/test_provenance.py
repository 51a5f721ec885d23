"""Where each node is defined: recorded by the loader, kept by both stores and their dumps,
and guarding a node against a later load from another file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from catalog.records import NodeRecord
from catalog.source import CatalogError
from catalog.vocab import Label, RelType
from graph.dump import export_to, import_into, read_dump
from graph.embedded.store import EmbeddedStore
from graph.loading import load_paths
from graph.store import Store

NOW, LATER = "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"
ELEMENTS = "".join(f"  - {{id: e{i}, name: E{i}, category: health, sensitivity: PII, subject: STUDENT}}\n"
                   for i in range(1, 9))
SYSTEMS = ("systems:\n"
           "  - id: sis\n"
           "    name: Student Information System\n"
           "    kind: SIS\n"
           f"    holds: [{', '.join(f'{{element: e{i}}}' for i in range(1, 9))}]\n")
# A file written later for another purpose that defines the SIS again, holding two elements.
LATE = ("flows:\n  - {id: nightly, name: Nightly, from: sis, to: lms}\n"
        "systems:\n"
        "  - {id: lms, name: LMS, kind: LMS}\n"
        "  - id: sis\n"
        "    name: SIS\n"
        "    kind: SIS\n"
        "    holds: [{element: e1}, {element: e2}]\n")


def snapshot(store: Store) -> str:
    out = io.StringIO()
    export_to(store, out)
    return out.getvalue()


def holds(store: Store, system: str = "sis") -> list[str]:
    return [e.target for e in store.edges(system, types=[RelType.HOLDS])]


def defined_in(store: Store, node_id: str) -> object:
    node = store.get_node(node_id)
    assert node is not None, node_id
    return node.get("defined_in")


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    """A catalog folder: elements.yaml, and systems/sis.yaml whose SIS holds eight elements."""
    folder = tmp_path / "catalog"
    (folder / "systems").mkdir(parents=True)
    (folder / "elements.yaml").write_text("elements:\n" + ELEMENTS)
    (folder / "systems" / "sis.yaml").write_text(SYSTEMS)
    return folder


@pytest.fixture
def late(tmp_path: Path) -> Path:
    path = tmp_path / "elsewhere" / "late.yaml"
    path.parent.mkdir()
    path.write_text(LATE)
    return path


def test_a_later_file_that_redefines_a_system_with_fewer_holds_is_refused(store: Store, catalog: Path,
                                                                         late: Path) -> None:
    load_paths(store, [catalog], now=NOW)
    before = snapshot(store)
    with pytest.raises(CatalogError) as refused:
        load_paths(store, [late], now=LATER)
    assert [str(p) for p in refused.value.problems] == [
        f"{late}:5: systems[1].id: `sis` is already defined in `systems/sis.yaml`; "
        "pass --replace to redefine it from here"]
    assert snapshot(store) == before  # nothing written: not even the new flow and LMS
    assert len(holds(store)) == 8


def test_replace_lets_another_file_redefine_a_node_and_records_it(store: Store, catalog: Path, late: Path) -> None:
    load_paths(store, [catalog], now=NOW)
    report = load_paths(store, [late], now=LATER, replace=True)
    assert report.updated == ["sis"] and sorted(report.created) == ["lms", "nightly"]
    assert holds(store) == ["e1", "e2"] and report.edges_removed == 6
    assert defined_in(store, "sis") == "file:late.yaml"
    assert defined_in(store, "e1") == "file:elements.yaml"
    with pytest.raises(CatalogError, match=r"`sis` is already defined in `late\.yaml`"):
        load_paths(store, [catalog], now=LATER)  # now the first file is the other one


def test_a_file_is_named_relative_to_the_folder_or_file_given(store: Store, catalog: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_paths(store, [catalog], now=NOW)
    assert first.files == 2
    assert defined_in(store, "sis") == "file:systems/sis.yaml"
    assert defined_in(store, "e8") == "file:elements.yaml"
    # The same catalog by an absolute path, from inside it, from its parent, and file by file.
    monkeypatch.chdir(catalog)
    assert not load_paths(store, ["."], now=LATER).changed
    assert not load_paths(store, [catalog.resolve()], now=LATER).changed
    monkeypatch.chdir(catalog.parent)
    assert not load_paths(store, ["catalog/", "catalog/elements.yaml"], now=LATER).changed
    assert not load_paths(store, [Path("catalog/elements.yaml")], now=LATER).changed
    assert defined_in(store, "sis") == "file:systems/sis.yaml"


def test_a_file_named_alike_in_another_checkout_is_the_same_file(store: Store, catalog: Path,
                                                                 tmp_path: Path) -> None:
    load_paths(store, [catalog], now=NOW)
    checkout = tmp_path / "checkout" / "catalog"
    (checkout / "systems").mkdir(parents=True)
    (checkout / "elements.yaml").write_text("elements:\n" + ELEMENTS)
    (checkout / "systems" / "sis.yaml").write_text(SYSTEMS.replace("    kind: SIS", "    kind: SIS\n"
                                                                   "    hosting: on premises"))
    report = load_paths(store, [checkout], now=LATER)
    assert report.updated == ["sis"] and report.unchanged == 8


@pytest.mark.parametrize("stored", [False, True])
def test_two_definitions_in_one_load_stay_the_duplicate_id_problem(store: Store, catalog: Path, late: Path,
                                                                  stored: bool) -> None:
    if stored:
        load_paths(store, [catalog], now=NOW)
    before = snapshot(store)
    for paths in ([catalog, late], [late, catalog]):
        with pytest.raises(CatalogError) as refused:
            load_paths(store, paths, now=LATER)
        messages = [p.message for p in refused.value.problems]
        assert messages[0].startswith("duplicate id 'sis': already defined at ")
        assert not any("--replace" in m for m in messages)
    assert snapshot(store) == before


def test_an_id_of_another_label_is_not_offered_a_replace(store: Store, catalog: Path, tmp_path: Path) -> None:
    load_paths(store, [catalog], now=NOW)
    other = tmp_path / "mandates.yaml"
    other.write_text("mandates:\n  - {id: sis, name: S, citation: X}\n")
    with pytest.raises(CatalogError) as refused:
        load_paths(store, [other], now=LATER, replace=True)
    assert [p.message for p in refused.value.problems] == [
        "id 'sis' is already a System in the store; ids are unique across labels"]
    with pytest.raises(CatalogError) as again:
        load_paths(store, [other], now=LATER)
    assert not any("--replace" in p.message for p in again.value.problems)


def test_where_nodes_are_defined_survives_export_and_import(store: Store, catalog: Path, late: Path,
                                                            tmp_path: Path) -> None:
    source = EmbeddedStore(tmp_path / "source")
    load_paths(source, [catalog], now=NOW)
    dump = snapshot(source)
    source.close()
    assert '"defined_in":"file:systems/sis.yaml"' in dump
    import_into(store, *read_dump(dump.splitlines(keepends=True)))
    assert snapshot(store) == dump
    assert defined_in(store, "sis") == "file:systems/sis.yaml"
    assert not load_paths(store, [catalog], now=LATER).changed  # a reload after an import changes nothing
    assert snapshot(store) == dump
    with pytest.raises(CatalogError, match=r"`sis` is already defined in `systems/sis\.yaml`"):
        load_paths(store, [late], now=LATER)


def test_a_node_stored_without_its_file_is_taken_by_the_next_load(store: Store, catalog: Path) -> None:
    with store.transaction() as tx:  # as a store written before files were recorded holds it
        tx.upsert_node(NodeRecord(Label.SYSTEM, "sis", {"name": "Student Information System", "kind": "SIS"}))
    report = load_paths(store, [catalog], now=NOW)
    assert report.updated == ["sis"]
    assert defined_in(store, "sis") == "file:systems/sis.yaml"
    assert not load_paths(store, [catalog], now=LATER).changed
