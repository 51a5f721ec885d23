"""Each validation rule, with a bad file and the exact place the error names."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.source import CatalogError, Problems
from graph.loading import load_paths, read_catalog
from graph.store import Store

from .conftest import DATA

BASE = """\
organizations:
  - {id: district, name: Riverside USD, kind: DISTRICT}
  - {id: acme, name: Acme, kind: SERVICE_PROVIDER}
retention_rules:
  - {id: five-years, name: Five years, period: P5Y, trigger: WITHDRAWAL, action: DESTROY}
elements:
  - {id: birth-date, name: Birth date, category: demographic, sensitivity: PII, subject: STUDENT}
systems:
  - {id: sis, name: SIS, kind: SIS, operated_by: district}
  - {id: app, name: App, kind: APPLICATION, operated_by: acme}
"""


def problems(store: Store, tmp_path: Path, text: str, base: str = BASE) -> list[str]:
    (tmp_path / "a-base.yaml").write_text(base)
    (tmp_path / "b-bad.yaml").write_text(text)
    with pytest.raises(CatalogError) as caught:
        load_paths(store, [tmp_path])
    return [str(p).replace(str(tmp_path) + "/", "") for p in caught.value.problems]


def test_the_design_example_is_valid(store: Store) -> None:
    report = load_paths(store, [DATA / "design-example.yaml"])
    assert len(report.created) == 24


@pytest.mark.parametrize(("text", "expected"), [
    ("elements:\n  - {id: Birth_Date, name: x, category: health, sensitivity: PII, subject: STUDENT}\n",
     "b-bad.yaml:2: elements[0].id: expected a slug"),
    ("elements:\n  - id: x\n    name: X\n    category: hobbies\n    sensitivity: PII\n    subject: STUDENT\n",
     "b-bad.yaml:4: elements[0].category: expected one of demographic"),
    ("elements:\n  - {id: x, name: X, category: health, sensitivity: PII}\n",
     "b-bad.yaml:2: elements[0].subject: missing: a DataElement needs `subject` (one of STUDENT"),
    ("elements:\n  - {id: x, name: X, category: health, sensitivity: PII, subject: STUDENT, colour: red}\n",
     "b-bad.yaml:2: elements[0].colour: unknown key for a DataElement"),
    ("retention_rules:\n  - {id: r, name: R, period: 5 years, trigger: GRADUATION, action: DESTROY}\n",
     "b-bad.yaml:2: retention_rules[0].period: expected an ISO 8601 duration"),
    ("agreements:\n  - id: a\n    kind: DPA\n    with: acme\n    effective_on: 2025-07-01\n"
     "    expires_on: 2025-06-30\n",
     "b-bad.yaml:6: agreements[0].expires_on: expected a date after effective_on (2025-07-01)"),
    ("agreements:\n  - {id: a, kind: DPA, with: acme, signed_on: June 1}\n",
     "b-bad.yaml:2: agreements[0].signed_on: expected an ISO 8601 date"),
    ("flows:\n  - {id: f, from: sis, to: sis}\n",
     "b-bad.yaml:2: flows[0].to: a flow must go to another system than it comes from"),
    ("flows:\n  - {id: f, from: sis}\n", "b-bad.yaml:2: flows[0].to: missing: a Flow must say `to`"),
    ("flows:\n  - id: f\n    from: sis\n    to: app\n    carries:\n      - birth-date\n      - shoe-size\n",
     "b-bad.yaml:7: flows[0].carries[1]: unknown id 'shoe-size': expected the id of a DataElement"),
    ("flows:\n  - {id: f, from: sis, to: birth-date}\n",
     "b-bad.yaml:2: flows[0].to: 'birth-date' is a DataElement; expected a System"),
    ("systems:\n  - id: lms\n    name: LMS\n    kind: LMS\n    holds:\n"
     "      - {element: birth-date, retention_rule: forever}\n",
     "b-bad.yaml:6: systems[0].holds[0].retention_rule: unknown retention rule 'forever'"),
    ("elements:\n  - {id: sis, name: Dup, category: health, sensitivity: PII, subject: STUDENT}\n",
     "b-bad.yaml:2: elements[0].id: duplicate id 'sis': already defined at a-base.yaml:9: systems[0]"),
    ("elements:\n  - {id: a, name: A, category: derived, sensitivity: PII, subject: STUDENT,\n"
     "     derived_from: [{element: b}]}\n"
     "  - {id: b, name: B, category: derived, sensitivity: PII, subject: STUDENT,\n"
     "     derived_from: [{element: a}]}\n",
     "DERIVED_FROM forms a cycle: a -> b -> a"),
    ("people:\n  - {id: p, name: P, email: not-an-email}\n",
     "b-bad.yaml:2: people[0].email: expected an email address"),
    ("people:\n  - {id: p, name: P, completed: [{training: t}]}\n",
     "b-bad.yaml:2: people[0].completed[0]: missing on"),
    ("agreements:\n  - {id: a, kind: DPA, with: acme, destruction_days: -1}\n",
     "b-bad.yaml:2: agreements[0].destruction_days: expected zero or more"),
    ("roles:\n  - {id: r, name: R, can_access: [{target: sis, level: root}]}\n",
     "b-bad.yaml:2: roles[0].can_access[0].level: expected one of read, write, admin"),
    ("widgets:\n  - {id: w}\n", "b-bad.yaml:1: widgets: unknown section; expected one of organizations"),
    ("elements:\n  - {id: x, name: [unclosed\n", "b-bad.yaml:3: not valid YAML"),
    ("purposes:\n  - {id: p, name: P, category: INSTRUCTION, educational: maybe}\n",
     "b-bad.yaml:2: purposes[0].educational: expected true or false"),
])
def test_a_bad_file_is_rejected_with_file_line_key_and_expectation(
        store: Store, tmp_path: Path, text: str, expected: str) -> None:
    found = problems(store, tmp_path, text)
    assert any(expected in p for p in found), found


def test_vocabularies_are_case_insensitive_and_stored_as_designed(store: Store, tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text(
        "elements:\n  - {id: x, name: X, category: Health, sensitivity: pii, subject: student}\n")
    load_paths(store, [tmp_path / "c.yaml"])
    node = store.get_node("x")
    assert node is not None
    stored = (node.get("category"), node.get("sensitivity"), node.get("subject"))
    assert stored == ("health", "PII", "STUDENT")


def test_every_problem_of_a_load_is_reported_at_once(store: Store, tmp_path: Path) -> None:
    text = ("elements:\n  - {id: x, name: X, category: nope, sensitivity: PII, subject: STUDENT}\n"
            "flows:\n  - {id: f, from: sis, to: nowhere}\n"
            "agreements:\n  - {id: a, kind: DPA, with: nobody}\n")
    found = problems(store, tmp_path, text)
    assert len(found) == 3
    assert [p.split(":")[1] for p in found] == ["2", "4", "6"]


def test_a_reference_to_a_rejected_node_is_not_reported_twice(store: Store, tmp_path: Path) -> None:
    text = ("agreements:\n  - {id: a, kind: SPOKEN, with: acme}\n"
            "flows:\n  - {id: f, from: sis, to: app, under: [a]}\n")
    found = problems(store, tmp_path, text)
    assert len(found) == 1 and "kind" in found[0]


def test_references_may_point_at_nodes_already_stored(store: Store, tmp_path: Path) -> None:
    (tmp_path / "first.yaml").write_text(BASE)
    load_paths(store, [tmp_path / "first.yaml"])
    (tmp_path / "second.yaml").write_text("flows:\n  - {id: f, from: sis, to: app, carries: [birth-date]}\n")
    report = load_paths(store, [tmp_path / "second.yaml"])
    assert report.created == ["f"]


def test_an_id_is_unique_across_labels_in_the_store(store: Store, tmp_path: Path) -> None:
    (tmp_path / "first.yaml").write_text(BASE)
    load_paths(store, [tmp_path / "first.yaml"])
    (tmp_path / "second.yaml").write_text("mandates:\n  - {id: sis, name: S, citation: X}\n")
    with pytest.raises(CatalogError, match="'sis' is already a System"):
        load_paths(store, [tmp_path / "second.yaml"])


LONG = "x" * 10_000


@pytest.mark.parametrize("text", [
    f"elements:\n  - {{id: {LONG}, name: X, category: health, sensitivity: PII, subject: STUDENT}}\n",
    f"elements:\n  - {{id: x, name: X, category: {LONG}, sensitivity: PII, subject: STUDENT}}\n",
    f"elements:\n  - {{id: x, name: X, category: [[{LONG}]], sensitivity: PII, subject: STUDENT}}\n",
    f"systems:\n  - {{id: s, name: S, kind: SIS, decommissioned_on: {LONG}}}\n",
    f"retention_rules:\n  - {{id: r, name: R, period: {LONG}, trigger: COLLECTION, action: DESTROY}}\n",
    f"purposes:\n  - {{id: p, name: P, category: INSTRUCTION, educational: {LONG}}}\n",
    f"people:\n  - {{id: p, name: P, email: {LONG}}}\n",
    f"organizations:\n  - {{id: o, name: O, kind: OTHER, contact: {{url: {LONG}}}}}\n",
    f"organizations:\n  - {{id: o, name: O, kind: OTHER, contact: {{email: {LONG}}}}}\n",
    f"agreements:\n  - {{id: a, kind: DPA, with: o, public_url: {LONG}}}\n",
    f"flows:\n  - {{id: f, from: {LONG}, to: b}}\n",
])
def test_a_long_bad_value_is_quoted_in_part_with_its_length(tmp_path: Path, text: str) -> None:
    path = tmp_path / "long.yaml"
    path.write_text(text)
    found = Problems()
    read_catalog([path], found)
    assert len(found.items) == 1
    message = found.items[0].message
    assert len(message) < 250 and "x" * 61 not in message, message
    assert "(10,000 characters)" in message or "[[" in text  # an item of a list is cut, not measured
