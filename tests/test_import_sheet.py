"""`steward import-sheet`: a district's inventory spreadsheet and its register of National
DPAs as catalog YAML, driven as a user drives it, then loaded as a user loads it."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from api.cli import cli
from catalog.vocab import Label, RelType
from graph.embedded.store import EmbeddedStore
from graph.loading import load_paths
from graph.store import Direction

from .conftest import SEEDS
from .hostile import ADVERSARIAL

EXAMPLE = SEEDS / "import"
INVENTORY, INVENTORY_MAP = EXAMPLE / "inventory.csv", EXAMPLE / "inventory.map.yaml"
AGREEMENTS, AGREEMENTS_MAP = EXAMPLE / "agreements.csv", EXAMPLE / "agreements.map.yaml"


def sheet_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.reader(file))


def run(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "store"), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def imported(tmp_path: Path) -> tuple[Path, Path]:
    """The example inventory and agreements as catalog files."""
    inventory, agreements = tmp_path / "inventory.yaml", tmp_path / "agreements.yaml"
    code, _, err = run(tmp_path, "import-sheet", str(INVENTORY), "--map", str(INVENTORY_MAP), "-o", str(inventory))
    assert code == 0, err
    code, _, err = run(tmp_path, "import-sheet", str(AGREEMENTS), "--map", str(AGREEMENTS_MAP),
                       "--with", str(inventory), "-o", str(agreements))
    assert code == 0, err
    return inventory, agreements


@pytest.fixture
def loaded(tmp_path: Path) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path / "loaded")
    load_paths(store, imported(tmp_path), now="2026-09-01T00:00:00Z")
    return store


def targets(store: EmbeddedStore, node: str, type_: RelType) -> set[str]:
    return {e.target for e in store.edges(node, Direction.OUT, [type_])}


def test_the_example_inventory_loads_as_elements_systems_and_flows(loaded: EmbeddedStore) -> None:
    elements = {n.id: n for n in loaded.find_nodes(Label.DATA_ELEMENT)}
    assert len(elements) == 10
    birth = elements["date-of-birth"]
    assert (birth.name, birth.get("category"), birth.get("sensitivity"), birth.get("subject"),
            birth.get("standard_ref"), birth.get("public")) == \
        ("Date of Birth", "demographic", "PII", "STUDENT", "CEDS:000033", True)
    iep = elements["iep-status"]
    assert (iep.get("category"), iep.get("sensitivity"), iep.get("public")) == ("special_education", "SENSITIVE", False)
    assert elements["student-photo"].get("sensitivity") == "DIRECTORY"
    assert elements["parent-email"].get("subject") == "PARENT"
    assert targets(loaded, "date-of-birth", RelType.RETAINED_UNDER) == {"permanent-record"}
    assert targets(loaded, "student-local-id", RelType.USED_FOR) == {"enrollment", "instruction"}
    assert len(targets(loaded, "sis", RelType.HOLDS)) == 8
    assert targets(loaded, "canvas", RelType.HOLDS) == {
        "course-grades", "student-local-id", "student-legal-name", "grade-level", "parent-email"}
    operators = {e.target: e.source for e in loaded.edges(types=[RelType.OPERATES])}
    assert operators == {"sis": "lakeside-district", "canvas": "instructure", "lexia-core5": "lexia-learning"}
    flows = {n.id for n in loaded.find_nodes(Label.FLOW)}
    assert flows == {"sis-to-canvas", "sis-to-lexia-core5"}
    assert targets(loaded, "sis-to-lexia-core5", RelType.FROM) == {"sis"}
    assert targets(loaded, "sis-to-lexia-core5", RelType.TO) == {"lexia-core5"}
    assert targets(loaded, "sis-to-lexia-core5", RelType.CARRIES) == {
        "student-local-id", "student-legal-name", "date-of-birth", "grade-level"}
    assert targets(loaded, "sis-to-canvas", RelType.FOR) == {"enrollment", "instruction", "family-communication"}


def test_the_ndpa_register_loads_as_agreements_covering_mapped_elements(loaded: EmbeddedStore) -> None:
    agreements = {n.id: n for n in loaded.find_nodes(Label.AGREEMENT)}
    assert set(agreements) == {"ndpa-instructure-2024-07-01", "ndpa-lexia-learning-2024-07-01"}
    lexia = agreements["ndpa-lexia-learning-2024-07-01"]
    assert {k: lexia.get(k) for k in ("kind", "signed_on", "effective_on", "expires_on", "destruction_days",
                                      "breach_notice_hours", "name")} == {
        "kind": "NDPA", "signed_on": "2024-05-20", "effective_on": "2024-07-01", "expires_on": "2026-06-30",
        "destruction_days": 30, "breach_notice_hours": 48, "name": "Lexia Core5 Reading"}
    assert targets(loaded, lexia.id, RelType.WITH) == {"lexia-learning"}
    assert targets(loaded, lexia.id, RelType.COVERS) == {
        "student-local-id", "student-legal-name", "date-of-birth", "grade-level", "reading-benchmark-score"}
    # Exhibit B's metadata line is mapped to null: known, and deliberately not an element.
    assert targets(loaded, "ndpa-instructure-2024-07-01", RelType.COVERS) == {
        "student-local-id", "student-legal-name", "grade-level", "parent-email"}


def test_unmapped_exhibit_b_names_are_reported_by_row_and_nothing_is_written(tmp_path: Path) -> None:
    inventory, _ = imported(tmp_path)
    rows = sheet_rows(AGREEMENTS)
    rows[2][6] += "; Student Survey Responses; Conduct: Observation data"
    sheet = tmp_path / "register.csv"
    with sheet.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    out_file = tmp_path / "out.yaml"
    code, stdout, err = run(tmp_path, "import-sheet", str(sheet), "--map", str(AGREEMENTS_MAP), "--with",
                            str(inventory), "-o", str(out_file), "--json")
    assert code == 2 and "nothing was written" in err and not out_file.exists()
    problems = json.loads(stdout)["problems"]
    assert [(p["line"], p["key"]) for p in problems] == [(3, "Exhibit B Data Elements")] * 2
    assert "'Student Survey Responses' is not in the mapping's `elements`" in problems[1]["message"]
    assert "null to leave it out" in problems[0]["message"]


def test_words_outside_the_vocabularies_are_problems_at_row_and_column(tmp_path: Path) -> None:
    rows = sheet_rows(INVENTORY)
    rows[3][3] = "Top secret"  # row 4: a sensitivity the mapping does not explain
    rows[5][7] = "Google Drive"  # row 6: a system it does not name
    rows[6][2] = ""  # row 7: no category, and no default
    rows[7][6] = "maybe"  # row 8: public is yes or no
    sheet = tmp_path / "inventory.csv"
    with sheet.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    code, stdout, err = run(tmp_path, "import-sheet", str(sheet), "--map", str(INVENTORY_MAP), "--json")
    assert code == 2 and "nothing was written" in err
    found = [(p["line"], p["key"]) for p in json.loads(stdout)["problems"]]
    assert found == [(4, "Sensitivity"), (6, "Stored In"), (7, "Category"), (8, "Public")]
    assert "map it under `values.sensitivity`" in err and "'Google Drive' is not in the mapping's `systems`" in err


def test_an_xlsx_workbook_gives_the_same_catalog_as_its_csv(tmp_path: Path) -> None:
    code, from_csv, _ = run(tmp_path, "import-sheet", str(INVENTORY), "--map", str(INVENTORY_MAP))
    assert code == 0
    book = openpyxl.Workbook()
    sheet = book.active
    for row in sheet_rows(INVENTORY):
        sheet.append([(cell == "Yes") if cell in ("Yes", "No") else (cell or None) for cell in row])
    book.save(tmp_path / "inventory.xlsx")
    code, from_xlsx, err = run(tmp_path, "import-sheet", str(tmp_path / "inventory.xlsx"), "--map", str(INVENTORY_MAP))
    assert code == 0, err
    assert from_xlsx == from_csv and "sis-to-canvas" in from_xlsx


def test_xlsx_dates_and_numbers_are_read_as_such(tmp_path: Path) -> None:
    inventory, _ = imported(tmp_path)
    book = openpyxl.Workbook()
    sheet = book.active
    rows = sheet_rows(AGREEMENTS)
    sheet.append(rows[0])
    for row in rows[1:]:
        dates = [datetime.strptime(cell, "%m/%d/%Y") for cell in row[3:6]]
        sheet.append([*row[:3], *dates, row[6], int(row[7]), float(row[8]), row[9]])
    book.save(tmp_path / "register.xlsx")
    code, from_xlsx, err = run(tmp_path, "import-sheet", str(tmp_path / "register.xlsx"), "--map",
                               str(AGREEMENTS_MAP), "--with", str(inventory))
    assert code == 0, err
    assert from_xlsx == (tmp_path / "agreements.yaml").read_text(encoding="utf-8")


def test_a_mapping_that_defines_a_node_wrongly_is_reported_at_its_line(tmp_path: Path) -> None:
    mapping = tmp_path / "bad.map.yaml"
    text = INVENTORY_MAP.read_text(encoding="utf-8").replace("{id: canvas, kind: LMS}", "{id: canvas, kind: LMZ}")
    mapping.write_text(text + "colums: {}\n", encoding="utf-8")
    code, _, err = run(tmp_path, "import-sheet", str(INVENTORY), "--map", str(mapping))
    line = text.splitlines().index("  Canvas: {id: canvas, kind: LMZ}") + 1
    assert code == 2
    assert f"bad.map.yaml:{line}: systems.Canvas.kind: expected one of SIS" in err
    assert "colums: unknown key" in err


def test_a_folder_load_passes_over_mapping_files(tmp_path: Path) -> None:
    folder = tmp_path / "catalog"
    folder.mkdir()
    inventory, _ = imported(tmp_path)
    (folder / "inventory.yaml").write_bytes(inventory.read_bytes())
    (folder / "inventory.map.yaml").write_bytes(INVENTORY_MAP.read_bytes())
    report = load_paths(EmbeddedStore(tmp_path / "fresh"), [folder], now="2026-09-01T00:00:00Z")
    assert report.files == 1 and len(report.created) == 25


def test_import_sheet_teaches_with_help() -> None:
    result = CliRunner().invoke(cli, ["import-sheet", "--help"])
    assert result.exit_code == 0 and "--map" in result.stdout and "Exhibit B" in result.stdout
    assert "import-sheet" in CliRunner().invoke(cli, ["--help"]).stdout


def test_hostile_text_in_cells_is_loaded_exactly_as_written(tmp_path: Path) -> None:
    # CSV cannot hold NUL (Python's reader refuses it); everything else goes in.
    texts = [t for t in ADVERSARIAL if "\x00" not in t]
    header = ["Id", "Data Element", "Definition", "Category", "Sensitivity", "Subject", "Stored In"]
    sheet = tmp_path / "hostile.csv"
    with sheet.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([header] + [[f"e-{i}", text, text, "identity", "PII", "STUDENT", "PowerSchool SIS"]
                                              for i, text in enumerate(texts)])
    mapping = tmp_path / "hostile.map.yaml"
    mapping.write_text("kind: inventory\ncolumns: {id: Id, element: Data Element, definition: Definition, "
                       "category: Category, sensitivity: Sensitivity, subject: Subject, system: Stored In}\n"
                       "organizations: {}\nsystems: {PowerSchool SIS: {id: sis, kind: SIS}}\n", encoding="utf-8")
    code, _, err = run(tmp_path, "import-sheet", str(sheet), "--map", str(mapping), "-o", str(tmp_path / "h.yaml"))
    assert code == 0, err
    store = EmbeddedStore(tmp_path / "h")
    load_paths(store, [tmp_path / "h.yaml"], now="2026-09-01T00:00:00Z")
    for i, text in enumerate(texts):
        node = store.get_node(f"e-{i}")
        assert node is not None and node.name == text.strip() and node.get("definition") == text.strip()


def test_a_row_cannot_add_holdings_to_a_system_defined_elsewhere_nor_repeat_an_element(tmp_path: Path) -> None:
    mapping = tmp_path / "ref.map.yaml"
    mapping.write_text(INVENTORY_MAP.read_text(encoding="utf-8").replace(
        "Canvas: {id: canvas, kind: LMS}", "Canvas: canvas"), encoding="utf-8")
    rows = sheet_rows(INVENTORY)
    rows.append(rows[1])  # row 12 repeats row 2
    sheet = tmp_path / "inventory.csv"
    with sheet.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    code, stdout, _ = run(tmp_path, "import-sheet", str(sheet), "--map", str(mapping), "--json")
    problems = json.loads(stdout)["problems"]
    assert code == 2
    assert [(p["line"], p["key"]) for p in problems] == [(7, "Stored In"), (12, "Data Element")]
    assert "'canvas' is defined outside this import" in problems[0]["message"]
    assert "also that of row 2" in problems[1]["message"]


def test_a_workbook_without_the_named_sheet_or_not_a_workbook_is_reported(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Elements"
    book.save(tmp_path / "inventory.xlsx")
    mapping = tmp_path / "sheet.map.yaml"
    mapping.write_text(INVENTORY_MAP.read_text(encoding="utf-8") + "sheet: Inventory\n", encoding="utf-8")
    code, _, err = run(tmp_path, "import-sheet", str(tmp_path / "inventory.xlsx"), "--map", str(mapping))
    assert code == 2 and "no worksheet 'Inventory'; it has Elements" in err
    (tmp_path / "fake.xlsx").write_text("Data Element,Definition\n", encoding="utf-8")
    code, _, err = run(tmp_path, "import-sheet", str(tmp_path / "fake.xlsx"), "--map", str(INVENTORY_MAP))
    assert code == 2 and "cannot read the workbook" in err
