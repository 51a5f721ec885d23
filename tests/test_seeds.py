"""The example district: it loads, it is big enough to demo, and the checks find exactly
the problems planted in it (seeds/README.md), nothing more."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from catalog.deadlines import DeadlineStatus, compute_deadlines
from catalog.findings import run_checks
from catalog.json_schema import catalog_schema
from catalog.source import Problems
from catalog.vocab import Label, RelType
from graph.dump import export_to, import_into, read_dump
from graph.embedded.store import EmbeddedStore
from graph.loading import load_paths
from graph.store import Direction, Store
from graph.yaml_source import parse_text

from .conftest import SEEDS

AS_OF = date(2026, 9, 1)
PLANTED = {
    ("unowned", "library-system"),
    ("basis-expired", "sis-to-pathfinder"),
    ("grant-beyond-purpose", "transportation-coordinator"),
    ("training-expired", "p-counselor-rhs"),
    ("training-missing", "p-assessment-coordinator-wcms"),
    ("retention-outlives-source", "lakeside-ordering"),
    ("agreement-without-destruction", "contract-routewise"),
    ("automated-decision-without-review", "attendance-auto-dialer"),
    ("missing-security-controls", "lunchline-meals"),
    ("element-without-retention", "student-login-id"),
    ("element-without-purpose", "parent-highest-education"),
    ("policy-not-public", "system-hardening-standard"),
    ("incident-notice-overdue", "inc-2026-03-numerix-credential-stuffing"),
    ("destruction-overdue", "legacy-gradebook"),
    ("destroyed-late", "quizblast-app"),
    ("destruction-overdue", "readwell-app"),
    ("review-due", "iep-system"),
    ("access-request-answered-late", "request-2026-02-discipline-inspection"),
    ("grant-beyond-purpose", "assessment-coordinator"),
    ("flow-beyond-purpose", "sis-to-schoolcall-contacts"),
    ("basis-expired", "sis-to-lakeside-portraits"),
    ("host-without-agreement", "scan-archive"),
    ("destruction-overdue", "scan-archive"),
    ("subprocessor-not-named", "schoolcall-to-textline"),
    ("element-not-covered", "sis-to-isbe-discipline"),
    ("flow-beyond-purpose", "sis-to-isbe-discipline"),
    ("agreement-not-posted", "ndpa-meridian"),
    ("role-without-training", "cafeteria-cashier"),
    ("provider-training-missing", "dpa-nightingale"),
    ("not-accountable-to-committee", "schoolcall-notify"),
    ("family-notice-overdue", "inc-2026-03-numerix-credential-stuffing"),
    ("insecure-transfer", "health-office-medication-email"),
    ("no-annual-notice", "district"),
}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path_factory.mktemp("seeded"))
    load_paths(store, [SEEDS], now="2026-08-01T00:00:00Z")
    return store


def dump(store: Store) -> str:
    out = io.StringIO()
    export_to(store, out)
    return out.getvalue()


def test_the_district_is_big_enough_to_demo_every_feature(seeded: EmbeddedStore) -> None:
    nodes, edges = seeded.count_nodes(), seeded.count_edges()
    assert nodes[Label.DATA_ELEMENT] >= 80 and nodes[Label.SYSTEM] >= 15 and nodes[Label.FLOW] >= 30
    assert nodes[Label.INCIDENT] == 2 and nodes[Label.CONSENT] >= 1 and nodes[Label.MANDATE] >= 1
    providers = seeded.find_nodes(Label.ORGANIZATION, {"kind": "SERVICE_PROVIDER"})
    with_agreements = [p for p in providers if seeded.edges(p.id, Direction.IN, [RelType.WITH])]
    assert len(with_agreements) >= 10
    elements = seeded.find_nodes(Label.DATA_ELEMENT)
    assert {e.get("category") for e in elements} == {
        "demographic", "identity", "contact", "enrollment", "attendance", "assessment", "grades",
        "discipline", "health", "special_education", "program", "derived"}
    assert sum(1 for e in elements if str(e.get("standard_ref", "")).startswith("CEDS:")) >= 80
    assert all(len(str(e.get("standard_ref"))) == len("CEDS:000033") for e in elements if e.get("standard_ref"))
    assert edges[RelType.DERIVED_FROM] > 0 and edges[RelType.UNDER] > 0


def test_the_checks_find_exactly_the_planted_problems(seeded: EmbeddedStore) -> None:
    found = {(f.rule, f.node) for f in run_checks(seeded, AS_OF)}
    assert found == PLANTED


def test_the_records_cases_show_in_the_deadlines(seeded: EmbeddedStore) -> None:
    rows = compute_deadlines(seeded, AS_OF)
    by_key = {d.key: d for d in rows}
    # Yearly purges, cohort by cohort: the 2019-20 and 2020-21 leavers are gone from the SIS.
    assert by_key[("sis", "student-attendance-daily", "2019-2020")].status == DeadlineStatus.DESTROYED
    assert by_key[("sis", "student-attendance-daily", "2020-2021")].status == DeadlineStatus.DESTROYED
    assert by_key[("sis", "student-attendance-daily", "2022-2023")].status == DeadlineStatus.SCHEDULED
    # The litigation hold and the open request hold their cohorts.
    assert by_key[("iep-system", "student-iep-progress", "2020-2021")].held_by == ("hold-2026-mendez-litigation",)
    assert by_key[("sis", "student-attendance-daily", "2021-2022")].held_by == ("request-2026-08-transcript-copy",)
    # The permanent record is a minimum: no deadline, a date from which it may go.
    permanent = by_key[("sis", "student-birth-date", "class-of-2025")]
    assert (permanent.due_on, permanent.eligible_on) == (None, date(2085, 5, 31))
    # The state's copy is the state's record: the district's schedule does not govern it.
    assert by_key[("isbe-sis", "student-chronic-absence", None)].status == DeadlineStatus.NO_RULE
    # Findings repeat over the elements of one system and rule no more.
    later = run_checks(seeded, date(2030, 7, 1))
    overdue = [(f.node, f.message) for f in later if f.rule == "destruction-overdue"]
    assert len({node for node, _ in overdue}) >= 15
    assert sum(1 for d in compute_deadlines(seeded, date(2030, 7, 1)) if d.status == DeadlineStatus.OVERDUE) > 200


def test_every_planted_problem_is_documented(seeded: EmbeddedStore) -> None:
    readme = (SEEDS / "README.md").read_text()
    for rule, node in PLANTED:
        assert rule in readme and node in readme


def test_reloading_the_seeds_changes_nothing(seeded: EmbeddedStore) -> None:
    before = dump(seeded)
    report = load_paths(seeded, [SEEDS], now="2026-09-01T00:00:00Z")
    assert not report.changed and dump(seeded) == before


def test_export_import_round_trip_is_identical(seeded: EmbeddedStore, tmp_path: Path) -> None:
    first = dump(seeded)
    copy = EmbeddedStore(tmp_path / "copy")
    import_into(copy, *read_dump(first.splitlines(keepends=True)))
    assert dump(copy) == first


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.yaml")), ids=lambda p: p.name)
def test_each_seed_file_validates_against_the_published_json_schema(path: Path) -> None:
    document = parse_text(path.read_text(), path.name, Problems())
    plain = json.loads(json.dumps(document, default=str))
    jsonschema.validate(plain, catalog_schema(), cls=jsonschema.Draft202012Validator)
