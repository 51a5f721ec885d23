"""The findings registry, run_checks, the scorecard, and the rules of principles 1-3, 4, 5,
8 and 9. Principles 6, 7 and 10 have their own files."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

from catalog.findings import PRINCIPLES, Finding, all_rules, run_checks, scorecard
from catalog.records import EdgeRecord, NodeRecord
from catalog.view import Direction, GraphView
from catalog.vocab import Label, RelType, Severity
from graph.store import Store

from .helpers import load_text
from .rules_support import AS_OF, findings, fired

ROOT = Path(__file__).resolve().parent.parent

# The rules of the brief: id -> (principle, default severity).
EXPECTED_RULES = {
    "element-without-purpose": ("1-3", Severity.MEDIUM),
    "purpose-without-owner": ("1-3", Severity.LOW),
    "flow-beyond-purpose": ("1-3", Severity.MEDIUM),
    "element-not-in-family-report": ("4", Severity.MEDIUM),
    "no-access-procedure": ("4", Severity.HIGH),
    "access-request-overdue": ("4", Severity.HIGH),
    "access-request-answered-late": ("4", Severity.MEDIUM),
    "automated-decision-without-review": ("5", Severity.HIGH),
    "flow-without-basis": ("6", Severity.HIGH),
    "basis-expired": ("6", Severity.HIGH),
    "element-not-covered": ("6", Severity.HIGH),
    "purpose-not-permitted": ("6", Severity.MEDIUM),
    "non-educational-without-consent": ("6", Severity.HIGH),
    "host-without-agreement": ("6", Severity.HIGH),
    "subprocessor-not-named": ("6", Severity.HIGH),
    "agreement-not-posted": ("7", Severity.MEDIUM),
    "agreement-without-destruction": ("7", Severity.MEDIUM),
    "element-without-retention": ("7", Severity.MEDIUM),
    "policy-missing": ("7", Severity.HIGH),
    "policy-not-public": ("7", Severity.MEDIUM),
    "destruction-overdue": ("7", Severity.HIGH),
    "retention-outlives-source": ("7", Severity.HIGH),
    "retention-conflict": ("7", Severity.HIGH),
    "review-due": ("7", Severity.MEDIUM),
    "destroyed-too-early": ("7", Severity.HIGH),
    "destroyed-late": ("7", Severity.MEDIUM),
    "destroyed-under-hold": ("7", Severity.HIGH),
    "clock-cannot-start": ("7", Severity.MEDIUM),
    "grant-beyond-purpose": ("8", Severity.MEDIUM),
    "training-missing": ("9", Severity.HIGH),
    "training-expired": ("9", Severity.MEDIUM),
    "role-without-training": ("9", Severity.HIGH),
    "provider-training-missing": ("9", Severity.HIGH),
    "provider-training-expired": ("9", Severity.MEDIUM),
    "provider-training-not-required": ("9", Severity.LOW),
    "unowned": ("10a", Severity.MEDIUM),
    "no-governance-committee": ("10a", Severity.HIGH),
    "not-accountable-to-committee": ("10a", Severity.MEDIUM),
    "incident-notice-overdue": ("10b", Severity.HIGH),
    "family-notice-overdue": ("10b", Severity.HIGH),
    "state-notice-overdue": ("10b", Severity.HIGH),
    "incident-not-reviewed": ("10b", Severity.MEDIUM),
    "breach-policy-missing": ("10b", Severity.HIGH),
    "missing-security-controls": ("10c", Severity.HIGH),
    "insecure-transfer": ("10c", Severity.MEDIUM),
    "security-policy-missing": ("10c", Severity.HIGH),
    "no-public-contact": ("10d", Severity.HIGH),
    "no-public-privacy-policy": ("10d", Severity.HIGH),
    "no-annual-notice": ("10d", Severity.HIGH),
}

# A catalog with something wrong under several principles, for the scorecard and filters.
MIXED = """
organizations:
  - {id: district, name: Riverside USD, kind: DISTRICT}
people:
  - {id: dana, name: Dana Reyes, roles: [registrar]}
trainings:
  - {id: ferpa, name: FERPA basics}
roles:
  - {id: registrar, name: Registrar, requires_training: [ferpa], owners: [district]}
purposes:
  - {id: enrollment, name: Enrollment, category: OPERATIONS, owners: [dana]}
  - {id: placement, name: Placement, category: INSTRUCTION, automated_decision: true}
elements:
  - {id: shoe-size, name: Shoe size, category: demographic, sensitivity: PII, subject: STUDENT,
     public: true, stewards: [dana]}
"""


# The registry ------------------------------------------------------------------------


def test_every_rule_of_the_brief_is_registered_once_with_its_principle_and_severity() -> None:
    registered = {r.id: (r.principle, r.severity) for r in all_rules()}
    assert registered == EXPECTED_RULES
    assert all(r.title for r in all_rules())


def test_rules_are_listed_in_principle_order() -> None:
    order = [PRINCIPLES.index(r.principle) for r in all_rules()]
    assert order == sorted(order)


def test_the_rules_are_pure_domain_code() -> None:
    """No I/O layer may leak into the checks: they import neither the store nor the API."""
    banned = ("graph", "api", "networkx", "neo4j")
    for path in [ROOT / "catalog" / "findings.py", *sorted((ROOT / "catalog" / "rules").glob("*.py"))]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not [n for n in names if n.split(".")[0] in banned], f"{path.name} imports {names}"


def test_finding_as_dict_has_the_json_keys() -> None:
    finding = Finding("unowned", "10a", Severity.HIGH, "sis", "System sis has no owner.", "Name one.")
    assert finding.as_dict() == {"rule": "unowned", "principle": "10a", "severity": "HIGH", "node": "sis",
                                 "message": "System sis has no owner.", "remedy": "Name one.",
                                 "elements": [], "count": 0}
    grouped = Finding("destruction-overdue", "7", Severity.HIGH, "sis", "...", "...", ("a", "b"))
    assert (grouped.as_dict()["elements"], grouped.as_dict()["count"]) == (["a", "b"], 2)


# run_checks and the scorecard ---------------------------------------------------------


class CountingView:
    """A view that counts how often the checks read the store."""

    def __init__(self, inner: GraphView) -> None:
        self.inner, self.reads = inner, 0

    def get_node(self, node_id: str) -> NodeRecord | None:
        self.reads += 1
        return self.inner.get_node(node_id)

    def get_nodes(self, ids: Iterable[str]) -> dict[str, NodeRecord]:
        self.reads += 1
        return self.inner.get_nodes(ids)

    def find_nodes(self, label: Label | None = None, where: Mapping[str, Any] | None = None) -> list[NodeRecord]:
        self.reads += 1
        return self.inner.find_nodes(label, where)

    def edges(self, node_id: str | None = None, direction: Direction = Direction.OUT,
              types: Iterable[RelType] | None = None) -> list[EdgeRecord]:
        self.reads += 1
        return self.inner.edges(node_id, direction, types)


def test_run_checks_reads_the_store_once_and_sorts_by_principle(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, MIXED)
    view = CountingView(store)
    found = run_checks(view, AS_OF)
    assert view.reads == 2  # one find_nodes, one edges: a single snapshot
    keys = [(PRINCIPLES.index(f.principle), f.rule, f.node) for f in found]
    assert keys == sorted(keys)
    # "10a" sorts after "9", not after "1-3" as a string would.
    assert [f.principle for f in found][-1].startswith("10")


def test_filter_by_principle_and_severity(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, MIXED)
    everything = run_checks(store, AS_OF)
    fifth = run_checks(store, AS_OF, principle="5")
    assert [(f.rule, f.node) for f in fifth] == [("automated-decision-without-review", "placement")]
    high = run_checks(store, AS_OF, severity=Severity.HIGH)
    assert high == [f for f in everything if f.severity == Severity.HIGH]
    assert {f.rule for f in high} >= {"automated-decision-without-review", "training-missing"}
    low = run_checks(store, AS_OF, principle="1-3", severity=Severity.LOW)
    assert [(f.rule, f.node) for f in low] == [("purpose-without-owner", "placement")]
    assert run_checks(store, AS_OF, principle="9", severity=Severity.LOW) == []


def test_unknown_principle_is_an_error(store: Store) -> None:
    with pytest.raises(ValueError, match="unknown principle '11'"):
        run_checks(store, AS_OF, principle="11")


def test_scorecard_counts_checks_and_findings_per_principle(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, MIXED)
    rows = scorecard(store, AS_OF)
    assert [r.principle for r in rows] == list(PRINCIPLES)
    assert sum(r.checks for r in rows) == len(EXPECTED_RULES)
    by = {r.principle: r for r in rows}
    assert (by["5"].checks, by["5"].high, by["5"].medium, by["5"].low) == (1, 1, 0, 0)
    assert (by["1-3"].checks, by["1-3"].high, by["1-3"].medium, by["1-3"].low) == (3, 0, 1, 1)
    assert (by["9"].high, by["9"].medium) == (1, 0)
    # No contact, no public privacy policy, no annual notice.
    assert by["10d"].as_dict() == {"principle": "10d", "title": "A designated contact for families", "checks": 3,
                                   "findings": 3, "high": 3, "medium": 0, "low": 0}
    found = run_checks(store, AS_OF)
    for row in rows:
        mine = [f for f in found if f.principle == row.principle]
        assert row.findings == len(mine)
        assert row.high == sum(1 for f in mine if f.severity == Severity.HIGH)


def test_scorecard_of_an_empty_catalog(store: Store) -> None:
    rows = scorecard(store, AS_OF)
    assert all(r.checks > 0 for r in rows)
    # Only the catalog-wide rules find anything: no district, committee or policies.
    assert {f.node for f in run_checks(store, AS_OF)} == {"catalog"}


# Principles 1-3 ----------------------------------------------------------------------

PURPOSE_BASE = """
purposes:
  - {id: enrollment, name: Enrollment, category: OPERATIONS, requires: [birth-date]}
systems:
  - {id: sis, name: SIS, kind: SIS}
  - {id: lms, name: LMS, kind: LMS}
flows:
  - {id: sis-to-lms, from: sis, to: lms, carries: [roster]}
elements:
  - {id: birth-date, name: Birth date, category: demographic, sensitivity: PII, subject: STUDENT}
  - {id: grade, name: Grade level, category: enrollment, sensitivity: PII, subject: STUDENT,
     used_for: [enrollment]}
  - {id: roster, name: Class roster, category: enrollment, sensitivity: PII, subject: STUDENT}
"""


def test_element_without_purpose_fires() -> None:
    text = PURPOSE_BASE + """
  - {id: shoe-size, name: Shoe size, category: demographic, sensitivity: PII, subject: STUDENT}
"""
    found = findings(text, "element-without-purpose")
    assert [(f.rule, f.node) for f in found] == [("element-without-purpose", "shoe-size")]
    assert '"Shoe size" (shoe-size)' in found[0].message
    assert found[0].severity == Severity.MEDIUM and found[0].principle == "1-3"


def test_element_without_purpose_quiet() -> None:
    assert fired(PURPOSE_BASE, "element-without-purpose") == []


def test_purpose_without_owner_fires() -> None:
    text = """
people:
  - {id: dana, name: Dana Reyes}
purposes:
  - {id: enrollment, name: Enrollment, category: OPERATIONS, owners: [dana]}
  - {id: field-trips, name: Field trips, category: OPERATIONS}
"""
    assert fired(text, "purpose-without-owner") == [("purpose-without-owner", "field-trips")]


def test_purpose_without_owner_quiet() -> None:
    text = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
purposes:
  - {id: enrollment, name: Enrollment, category: OPERATIONS, owners: [district]}
"""
    assert fired(text, "purpose-without-owner") == []


# Principle 4 -------------------------------------------------------------------------


def test_element_not_in_family_report_fires() -> None:
    text = """
elements:
  - {id: birth-date, name: Birth date, category: demographic, sensitivity: PII, subject: STUDENT, public: true}
  - {id: risk-score, name: Risk score, category: derived, sensitivity: SENSITIVE, subject: STUDENT}
  - {id: parent-phone, name: Parent phone, category: contact, sensitivity: PII, subject: PARENT,
     public: false}
  - {id: staff-salary, name: Salary, category: identity, sensitivity: PII, subject: STAFF}
"""
    found = findings(text, "element-not-in-family-report")
    assert [(f.rule, f.node) for f in found] == [("element-not-in-family-report", "parent-phone"),
                                                 ("element-not-in-family-report", "risk-score")]
    assert "a parent" in found[0].message and "a student" in found[1].message


def test_element_not_in_family_report_quiet() -> None:
    text = """
elements:
  - {id: birth-date, name: Birth date, category: demographic, sensitivity: PII, subject: STUDENT, public: true}
  - {id: staff-salary, name: Salary, category: identity, sensitivity: PII, subject: STAFF}
"""
    assert fired(text, "element-not-in-family-report") == []


def test_no_access_procedure_fires_on_the_district() -> None:
    # The district's policy is not public; a school's public one does not count.
    text = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
  - {id: school, name: School, kind: SCHOOL}
policies:
  - {id: draft-privacy, name: Draft, kind: PRIVACY, public: true, adopted_by: [district]}
  - {id: school-privacy, name: School privacy, kind: PRIVACY, public: true,
     url: https://example.org/school, adopted_by: [school]}
"""
    assert fired(text, "no-access-procedure") == [("no-access-procedure", "district")]


def test_no_access_procedure_fires_on_the_catalog_without_district() -> None:
    text = """
policies:
  - {id: privacy, name: Privacy, kind: PRIVACY, public: true, url: https://example.org/p}
"""
    assert fired(text, "no-access-procedure") == [("no-access-procedure", "catalog")]


def test_no_access_procedure_quiet() -> None:
    text = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
policies:
  - {id: privacy, name: Privacy, kind: PRIVACY, public: true, url: https://example.org/p,
     adopted_by: [district]}
"""
    assert fired(text, "no-access-procedure") == []


# Principle 5 -------------------------------------------------------------------------


def test_automated_decision_without_review_fires() -> None:
    text = """
purposes:
  - {id: placement, name: Course placement, category: INSTRUCTION, automated_decision: true}
  - {id: early-warning, name: Early warning, category: INSTRUCTION, automated_decision: true,
     human_review: true}
  - {id: enrollment, name: Enrollment, category: OPERATIONS, human_review: false}
"""
    found = findings(text, "automated-decision-without-review")
    assert [(f.rule, f.node) for f in found] == [("automated-decision-without-review", "placement")]
    assert '"Course placement" (placement)' in found[0].message


def test_automated_decision_without_review_quiet() -> None:
    text = """
purposes:
  - {id: early-warning, name: Early warning, category: INSTRUCTION, automated_decision: true,
     human_review: true}
"""
    assert fired(text, "automated-decision-without-review") == []


# Principle 8 -------------------------------------------------------------------------

ACCESS_BASE = """
purposes:
  - {id: enrollment, name: Enrollment, category: OPERATIONS, requires: [birth-date]}
elements:
  - {id: birth-date, name: Birth date, category: demographic, sensitivity: PII, subject: STUDENT}
  - {id: health-notes, name: Health notes, category: health, sensitivity: SENSITIVE, subject: STUDENT}
systems:
  - {id: sis, name: SIS, kind: SIS, holds: [{element: birth-date}, {element: health-notes}]}
  - {id: nurse-db, name: Nurse database, kind: APPLICATION, holds: [{element: health-notes}]}
  - {id: roster, name: Enrollment roster, kind: APPLICATION, holds: [{element: birth-date}]}
"""


def test_grant_beyond_purpose_fires() -> None:
    # A grant on the SIS is a grant on the health notes it holds too; the registrar's
    # purposes need only the birth date. The intern needs nothing at all.
    text = ACCESS_BASE + """
roles:
  - id: registrar
    name: Registrar
    serves: [enrollment]
    can_access: [{target: birth-date}, {target: sis}, {target: health-notes}, {target: nurse-db, level: read}]
  - {id: intern, name: Intern, can_access: [{target: birth-date}]}
"""
    found = findings(text, "grant-beyond-purpose")
    assert [(f.node, f.severity, f.elements) for f in found] == [
        ("intern", Severity.MEDIUM, ("birth-date",)),
        ("registrar", Severity.HIGH, ("health-notes",)),  # its grant on health-notes itself
        ("registrar", Severity.HIGH, ("health-notes",)),  # nurse-db: nothing it holds is needed
        ("registrar", Severity.HIGH, ("health-notes",)),  # sis: needed in part
    ]
    registrar = " ".join(f.message for f in found[1:])
    assert "(health-notes)" in registrar and "(nurse-db)" in registrar and "(sis)" in registrar
    assert "can access data element \"Birth date\"" not in registrar


def test_grant_beyond_purpose_quiet() -> None:
    text = ACCESS_BASE + """
roles:
  - {id: registrar, name: Registrar, serves: [enrollment], can_access: [{target: birth-date}, {target: roster}]}
"""
    assert fired(text, "grant-beyond-purpose") == []


# Principle 9 -------------------------------------------------------------------------

TRAINING_BASE = """
trainings:
  - {id: ferpa, name: FERPA basics, valid_for: P1Y}
  - {id: security, name: Security awareness}
roles:
  - {id: registrar, name: Registrar, requires_training: [ferpa, security]}
  - {id: counselor, name: Counselor, requires_training: [ferpa]}
  - {id: volunteer, name: Volunteer}
"""


def test_training_missing_fires() -> None:
    text = TRAINING_BASE + """
people:
  - {id: dana, name: Dana Reyes, roles: [registrar, counselor], completed: [{training: ferpa, on: 2026-01-05}]}
  - {id: sam, name: Sam Lee, roles: [registrar],
     completed: [{training: ferpa, on: 2026-01-05}, {training: security, on: 2019-05-01}]}
  # Completed only after the date the checks are run as of: not yet trained then.
  - {id: kim, name: Kim Park, roles: [counselor], completed: [{training: ferpa, on: 2026-10-01}]}
  - {id: lee, name: Lee Chan, roles: [volunteer]}
"""
    found = findings(text, "training-missing")
    assert [(f.rule, f.node) for f in found] == [("training-missing", "dana"), ("training-missing", "kim")]
    assert '"Security awareness" (security)' in found[0].message


def test_training_missing_quiet() -> None:
    text = TRAINING_BASE + """
people:
  - {id: sam, name: Sam Lee, roles: [registrar],
     completed: [{training: ferpa, on: 2026-01-05}, {training: security, on: 2019-05-01}]}
  - {id: lee, name: Lee Chan, roles: [volunteer]}
"""
    assert fired(text, "training-missing") == []


def test_training_expired_fires() -> None:
    text = TRAINING_BASE + """
people:
  # P1Y from 2025-08-01 lapsed on 2026-08-01, before 2026-09-01.
  - {id: dana, name: Dana Reyes, roles: [counselor], completed: [{training: ferpa, on: 2025-08-01}]}
  # Lapses on 2026-09-01 itself: still valid that day. Security never lapses.
  - {id: sam, name: Sam Lee, roles: [registrar],
     completed: [{training: ferpa, on: 2025-09-01}, {training: security, on: 2010-01-01}]}
"""
    found = findings(text, "training-expired")
    assert [(f.rule, f.node) for f in found] == [("training-expired", "dana")]
    assert "2026-08-01" in found[0].message


def test_training_expired_quiet() -> None:
    text = TRAINING_BASE + """
people:
  - {id: sam, name: Sam Lee, roles: [registrar],
     completed: [{training: ferpa, on: 2025-09-01}, {training: security, on: 2010-01-01}]}
"""
    assert fired(text, "training-expired") == []
