"""The Neo4j store's retention clocks give exactly what `python_clocks` gives.

`python_clocks` over a snapshot of the same database is the reference (a snapshot has no
native methods). They are compared on the small catalogs of the deadline tests, on one
catalog built to reach every rule of the clocks, on shapes only a direct write makes,
at dates before, between and after the events, and on the example district; then the
cost: two round trips for the clocks (the agreements, then the clocks), a handful for the
deadlines, never a snapshot."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from catalog.deadlines import Candidate, NativeClocks, compute_deadlines, python_clocks
from catalog.records import EdgeRecord, NodeRecord
from catalog.view import Snapshot
from catalog.vocab import Label, RelType, Trigger
from graph.loading import load_paths
from graph.neo4j import Neo4jStore
from graph.store import counting_round_trips

from .conftest import SEEDS
from .helpers import load_text
from .test_deadlines import BASE
from .test_deadlines_custody import CUSTODY as CUSTODY_SCOPED
from .test_deadlines_custody import HOSTED
from .test_deadlines_records import CUSTODY, DISTRICT, HOLD, IEP, PERMANENT, RENEWAL

pytestmark = pytest.mark.neo4j

# Before every event, on and around the days they occur, between them, and long after.
DATES = [date(2000, 1, 1), date(2019, 6, 12), date(2020, 6, 11), date(2023, 6, 30), date(2025, 7, 1),
         date(2026, 9, 1), date(2032, 1, 1), date(2090, 1, 1)]
DISTRICT_DATES = [date(2026, 9, 1), date(2030, 7, 1), date(2090, 1, 1)]

# Each holding is named for what it shows; `# ->` says which clocks python_clocks gives.
EVERY_CASE = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
  - {id: school, name: School, kind: SCHOOL}
  - {id: vendor, name: Vendor, kind: SERVICE_PROVIDER}
  - {id: vendor-b, name: Vendor B, kind: SERVICE_PROVIDER}
  - {id: state, name: State, kind: STATE_AGENCY}
  - {id: feds, name: Federal agency, kind: FEDERAL_AGENCY}
  - {id: lab, name: Lab, kind: RESEARCHER}
  - {id: county, name: County, kind: OTHER}
retention_rules:
  - {id: by-collection, name: C, period: P3Y, trigger: COLLECTION, action: DESTROY}
  - {id: after-exit, name: W, period: P5Y, trigger: WITHDRAWAL, action: DESTROY}
  - {id: keep-after-exit, name: WK, keep_at_least: P5Y, trigger: WITHDRAWAL, action: DESTROY}
  - {id: exit-window, name: WW, keep_at_least: P3Y, period: P7Y, trigger: WITHDRAWAL, action: DEIDENTIFY}
  - {id: permanent, name: G, keep_at_least: P60Y, trigger: GRADUATION, action: ARCHIVE}
  - {id: year-end, name: Y, period: P1Y, trigger: SCHOOL_YEAR_END, action: DESTROY}
  - {id: after-contract, name: A, period: P90D, trigger: AGREEMENT_END, action: DESTROY}
  - {id: after-retirement, name: D, period: P1Y, trigger: DECOMMISSION, action: DESTROY}
  - {id: after-separation, name: E, period: P2Y, trigger: EVENT, topic: staff-separation, action: REVIEW}
  - {id: no-topic, name: N, period: P2Y, trigger: EVENT, action: DESTROY}
elements:
  - {id: grades, name: Grades, category: grades, sensitivity: PII, subject: STUDENT, retained_under: after-exit}
  - {id: temp, name: Temp, category: program, sensitivity: PII, subject: STUDENT, retained_under: keep-after-exit}
  - {id: window, name: Window, category: program, sensitivity: PII, subject: STUDENT, retained_under: exit-window}
  - {id: transcript, name: Transcript, category: grades, sensitivity: PII, subject: STUDENT,
     retained_under: permanent}
  - {id: roster, name: Roster, category: enrollment, sensitivity: PII, subject: STUDENT, retained_under: year-end}
  - {id: photo, name: Photo, category: identity, sensitivity: PII, subject: STUDENT, retained_under: by-collection}
  - {id: usage, name: Usage, category: program, sensitivity: PII, subject: STUDENT, retained_under: after-contract}
  - {id: evaluation, name: Evaluation, category: program, sensitivity: SENSITIVE, subject: STAFF,
     retained_under: after-separation}
  - {id: memo, name: Memo, category: program, sensitivity: PII, subject: STAFF, retained_under: no-topic}
  - {id: notes, name: Notes, category: grades, sensitivity: PII, subject: STUDENT}
systems:
  - id: sis
    name: SIS
    kind: SIS
    operated_by: district
    holds:
      - {element: grades, since: 2015-08-01}       # -> one clock per exit cohort, on either end or the district
      - {element: temp, since: 2015-08-01}         # -> minimums only
      - {element: window, since: 2015-08-01}       # -> minimum and maximum
      - {element: transcript}                      # -> per graduating class
      - {element: roster}                          # -> per school year
      - {element: photo, since: 2024-01-01}        # -> from the collection date
      - {element: memo}                            # -> a rule without topic: never started
      - {element: notes}                           # -> no rule
  - id: lms
    name: LMS
    kind: LMS
    operated_by: school
    holds:
      - {element: grades, since: 2022-08-01}       # -> not the cohorts that left before
      - {element: roster}                          # -> the school year event about the school
      - {element: photo}                           # -> collection, no date
      - {element: evaluation, since: 2020-01-01}   # -> by topic, not before since
      - {element: temp, retention_rule: by-collection, since: 2021-03-01}  # -> the holding's own rule
  - id: app
    name: App
    kind: APPLICATION
    operated_by: vendor
    holds:
      - {element: grades, since: 2015-08-01}       # -> default, plus every agreement's duties
      - {element: temp, since: 2015-08-01}         # -> a minimum-only default dropped
      - {element: window, since: 2015-08-01}       # -> its minimum dropped, its maximum kept
      - {element: usage}                           # -> from the earliest duty's end
      - {element: photo, since: 2023-01-01}
      - {element: transcript, retention_rule: permanent}  # -> a holding rule keeps its minimum
  - id: app-b
    name: App B
    kind: APPLICATION
    operated_by: vendor-b
    holds: [{element: usage}, {element: notes}]    # -> no duty covers usage: its event
  - id: lab-store
    name: Lab store
    kind: FILE_STORE
    operated_by: lab
    holds: [{element: temp}, {element: window}]
  - id: county-db
    name: County database
    kind: WAREHOUSE
    operated_by: county
    holds: [{element: grades}, {element: window}, {element: roster}]
  - id: state-db
    name: State database
    kind: WAREHOUSE
    operated_by: state
    holds: [{element: grades}, {element: temp, retention_rule: keep-after-exit}]
  - id: fed-db
    name: Federal database
    kind: WAREHOUSE
    operated_by: feds
    holds: [{element: grades}]
  - id: registry
    name: Registry
    kind: WAREHOUSE
    holds: [{element: grades}, {element: window}, {element: roster}, {element: usage}]
  - id: old-files
    name: Old files
    kind: FILE_STORE
    operated_by: district
    decommissioned_on: 2025-03-31
    holds: [{element: notes, retention_rule: after-retirement}]
  - id: archive
    name: Archive
    kind: FILE_STORE
    operated_by: district
    holds: [{element: notes, retention_rule: after-retirement, since: 2024-01-01}]
mandates:
  - {id: state-law, name: State law, citation: Code 1}
agreements:
  - {id: mou-all, kind: MOU, with: vendor, signed_on: 2019-01-01, expires_on: 2019-12-31}
  - {id: dpa-old, kind: DPA, with: vendor, covers: [grades, photo, usage, window], effective_on: 2020-07-01,
     expires_on: 2023-06-30, destruction_days: 30}
  - {id: dpa-mid, kind: DPA, with: vendor, covers: [grades, usage], effective_on: 2023-07-01,
     expires_on: 2026-06-30, terminated_on: 2025-06-30, destruction_days: 60,
     requires_destruction: [after-contract, by-collection, keep-after-exit]}
  - {id: dpa-gap, kind: DPA, with: vendor, covers: [grades], effective_on: 2025-07-02, destruction_days: 10}
  - {id: dpa-2019, kind: DPA, with: vendor, covers: [usage], effective_on: 2019-02-01, expires_on: 2019-12-31}
  - {id: undated, kind: CONTRACT, with: vendor, covers: [usage], destruction_days: 5}
  - {id: pilot, kind: DPA, with: vendor, covers: [photo], effective_on: 2021-01-01, expires_on: 2021-12-31}
  - {id: dpa-open, kind: DPA, with: vendor, covers: [usage], effective_on: 2025-07-01, destruction_days: 20}
  - {id: dpa-w-a, kind: DPA, with: vendor, covers: [window], effective_on: 2021-01-01, expires_on: 2024-12-31,
     destruction_days: 30}
  - {id: dpa-w-b, kind: DPA, with: vendor, covers: [window], effective_on: 2021-01-01, expires_on: 2022-12-31,
     destruction_days: 30}
  - {id: dpa-b, kind: DPA, with: vendor-b, covers: [notes], effective_on: 2021-01-01, expires_on: 2022-12-31,
     destruction_days: 15}
  - {id: mou-county, kind: MOU, with: county, covers: [window]}
flows:
  - {id: sis-county-grades, from: sis, to: county-db, carries: [grades], under: [state-law]}
  - {id: lms-county-grades, from: lms, to: county-db, carries: [grades], under: [state-law]}
  - {id: sis-county-window, from: sis, to: county-db, carries: [window], under: [state-law]}
  - {id: lms-county-window, from: lms, to: county-db, carries: [window], under: [state-law, mou-county]}
  - {id: sis-county-roster, from: sis, to: county-db, carries: [roster]}
  - {id: sis-registry, from: sis, to: registry, carries: [grades, window, usage], under: [state-law]}
events:
  - {id: exit-2019, kind: WITHDRAWAL, cohort: 2018-2019, occurred_on: 2019-06-12, concerns: [grades, sis]}
  - {id: exit-2020, kind: WITHDRAWAL, occurred_on: 2020-06-12, concerns: [district]}
  - {id: exit-2023, kind: WITHDRAWAL, cohort: 2022-2023, occurred_on: 2023-06-12,
     concerns: [temp, window, app, lab, county]}
  - {id: exit-2026, kind: WITHDRAWAL, cohort: 2025-2026, occurred_on: 2026-06-12, concerns: [grades, temp, window]}
  - {id: grad-2025, kind: GRADUATION, cohort: class-of-2025, occurred_on: 2025-05-31, concerns: [transcript]}
  - {id: year-2024, kind: SCHOOL_YEAR_END, cohort: 2023-2024, occurred_on: 2024-06-30, concerns: [roster]}
  - {id: year-2025, kind: SCHOOL_YEAR_END, cohort: 2024-2025, occurred_on: 2025-06-30, concerns: [school]}
  - {id: separation-2019, kind: EVENT, topic: staff-separation, occurred_on: 2019-06-30, concerns: [lms]}
  - {id: separation-2021, kind: EVENT, topic: staff-separation, occurred_on: 2021-06-30, concerns: [evaluation]}
  - {id: separation-2022, kind: EVENT, topic: staff-separation, occurred_on: 2022-06-30, concerns: [school]}
  - {id: migration, kind: EVENT, topic: policy-migration, occurred_on: 2020-01-15, concerns: [district, lms]}
  - {id: untopical, kind: EVENT, occurred_on: 2020-01-15, concerns: [memo, sis]}
  - {id: contract-end-b, kind: AGREEMENT_END, occurred_on: 2024-12-31, concerns: [app-b]}
  - {id: contract-end-usage, kind: AGREEMENT_END, occurred_on: 2025-12-31, concerns: [usage]}
  - {id: retire-archive, kind: DECOMMISSION, occurred_on: 2024-03-31, concerns: [archive]}
  - {id: retire-notes, kind: DECOMMISSION, occurred_on: 2023-03-31, concerns: [notes]}
  - {id: retire-old, kind: DECOMMISSION, occurred_on: 2020-01-01, concerns: [old-files]}
access_requests:  # concerns the SIS, but it is no event
  - {id: request-1, kind: INSPECT, requester: PARENT, received_on: 2020-01-01, concerns: [sis, grades]}
"""

# The deadline tests' own catalogs, whole or completed with systems.
CATALOGS = {
    "every-case": EVERY_CASE,
    "renewal-drops-an-element": RENEWAL.replace("COVERED", "[name]"),
    "renewal-keeps-it": RENEWAL.replace("COVERED", "[name, photo]"),
    "custody": CUSTODY,
    "custody-of-what-a-law-names": CUSTODY_SCOPED,
    "hosted": HOSTED,
    "review": IEP,
    "permanent-record": PERMANENT.replace("DESTROYED_ON", "2026-03-01"),
    "legal-hold": HOLD,
    "exit-cohorts": DISTRICT + """
systems:
  - {id: sis, name: SIS, kind: SIS, operated_by: district, holds: [{element: grades, since: 2015-08-01}]}
  - {id: app-a, name: App A, kind: APPLICATION, operated_by: district, holds: [{element: grades, since: 2022-08-01}]}
  - {id: vendor-app, name: Vendor app, kind: APPLICATION, operated_by: vendor, holds: [{element: grades}]}
events:
  - {id: exit-2020, kind: WITHDRAWAL, cohort: 2019-2020, occurred_on: 2020-06-12, concerns: [grades]}
  - {id: exit-2023, kind: WITHDRAWAL, cohort: 2022-2023, occurred_on: 2023-06-12, concerns: [grades]}
""",
    "triggers": BASE + """
systems:
  - {id: sis, name: SIS, kind: SIS, operated_by: district,
     holds: [{element: scores}, {element: name, since: 2023-01-10}, {element: counts, since: 2025-10-15}]}
  - {id: old, name: Old, kind: FILE_STORE, operated_by: district, decommissioned_on: 2025-03-31,
     holds: [{element: notes, retention_rule: year-after-retirement}]}
  - {id: app, name: App, kind: APPLICATION, operated_by: vendor, holds: [{element: name, since: 2026-01-05}]}
agreements:
  - {id: dpa, kind: DPA, with: vendor, effective_on: 2024-07-01, expires_on: 2026-06-30, destruction_days: 60}
events:
  - {id: exit-2019, kind: WITHDRAWAL, occurred_on: 2019-06-10, concerns: [sis]}
  - {id: exit-2024, kind: WITHDRAWAL, occurred_on: 2024-06-10, concerns: [sis]}
  - {id: exit-2027, kind: WITHDRAWAL, occurred_on: 2027-06-10, concerns: [sis]}
""",
}


def assert_same_clocks(store: Neo4jStore, dates: list[date]) -> list[Candidate]:
    """The native clocks equal the reference's at each date; all of them, for a closer look."""
    plain = Snapshot.of(store)
    found: list[Candidate] = []
    for as_of in dates:
        expected = python_clocks(plain, as_of)
        assert store.retention_clocks(as_of) == expected, as_of
        found += expected
    return found


@pytest.fixture
def district(neo4j: Neo4jStore) -> Neo4jStore:
    load_paths(neo4j, [SEEDS], now="2026-09-01T00:00:00Z")
    return neo4j


def test_the_neo4j_store_computes_clocks_natively(neo4j: Neo4jStore) -> None:
    assert isinstance(neo4j, NativeClocks)
    assert not isinstance(Snapshot.of(neo4j), NativeClocks)
    assert neo4j.retention_clocks(date(2026, 9, 1)) == []


@pytest.mark.parametrize("name", list(CATALOGS))
def test_clocks_equal_the_python_clocks(neo4j: Neo4jStore, tmp_path: Path, name: str) -> None:
    load_text(neo4j, tmp_path, CATALOGS[name])
    assert assert_same_clocks(neo4j, DATES)
    # And the deadlines built on them (with the native binding) equal those of the Python path.
    plain = Snapshot.of(neo4j)
    for as_of in DATES:
        expected = [d.as_dict() for d in compute_deadlines(plain, as_of)]
        assert [d.as_dict() for d in compute_deadlines(neo4j, as_of)] == expected, as_of


def test_every_rule_of_the_clocks_is_reached(neo4j: Neo4jStore, tmp_path: Path) -> None:
    """The catalog above reaches what it says: spelled out, so that parity cannot hide a
    mistake both sides would share, nor a case neither reaches."""
    load_text(neo4j, tmp_path, EVERY_CASE)
    clocks = assert_same_clocks(neo4j, [date(2026, 9, 1)])

    def of(system: str, element: str) -> list[tuple[str, str, str | None, str | None, str | None]]:
        return [(c.basis, c.rule, c.trigger_on and c.trigger_on.isoformat(), c.trigger_source, c.cohort)
                for c in clocks if (c.system, c.element) == (system, element)]

    # Cohorts: events about the element, the system or the operator, once each; none
    # before the holding's since, none after the date asked; an event without a cohort is its own.
    assert of("sis", "grades") == [
        ("element default", "after-exit", "2019-06-12", "event exit-2019", "2018-2019"),
        ("element default", "after-exit", "2020-06-12", "event exit-2020", "exit-2020"),
        ("element default", "after-exit", "2026-06-12", "event exit-2026", "2025-2026")]
    assert [c[4] for c in of("lms", "grades")] == ["2025-2026"]
    assert of("lms", "roster") == [("element default", "year-end", "2024-06-30", "event year-2024", "2023-2024"),
                                   ("element default", "year-end", "2025-06-30", "event year-2025", "2024-2025")]
    # The holding's own rule wins over the default; no since, no collection date.
    assert of("lms", "temp") == [("holding rule", "by-collection", "2021-03-01", "the holding's since date", None)]
    assert of("lms", "photo") == [("element default", "by-collection", None, None, None)]
    # Events by topic only, and not before the holding's since; a rule without topic starts nothing.
    assert of("lms", "evaluation") == [
        ("element default", "after-separation", "2021-06-30", "event separation-2021", None)]
    assert of("sis", "memo") == [("element default", "no-topic", None, None, None)]
    assert of("sis", "notes") == []
    # Retirement: the system's date, else the earliest event, which since does not limit.
    assert of("old-files", "notes") == [("holding rule", "after-retirement", "2025-03-31", "system old-files", None)]
    assert of("archive", "notes") == [("holding rule", "after-retirement", "2023-03-31", "event retire-notes", None)]
    # Another custodian: an agency operates it, or every inflow of the element is under a law only.
    assert of("state-db", "grades") == of("fed-db", "grades") == of("registry", "grades") == []
    assert of("county-db", "grades") == []
    assert {c[0] for c in of("county-db", "window")} == {"element default"}  # one inflow has an agreement
    assert {c[0] for c in of("county-db", "roster")} == {"element default"}  # its inflow has no basis
    assert {c[0] for c in of("state-db", "temp")} == {"holding rule"}
    # Outside the district a default's minimum is dropped, not a holding rule's.
    minimums = {(c.system, c.element): c.keep_at_least for c in clocks if c.basis != "agreement rule"}
    assert minimums[("app", "window")] is None and minimums[("lab-store", "window")] is None
    assert minimums[("county-db", "window")] is None and minimums[("sis", "window")] is not None
    assert minimums[("app", "transcript")] is not None
    assert not [c for c in clocks if c.system in ("app", "lab-store") and c.element == "temp"
                and c.basis == "element default"]
    # Agreements: mou-all covers everything; dpa-mid renews dpa-old for what both cover, the
    # pilot (over before dpa-old ended) does not, nor does dpa-gap (two days late); an
    # agreement without end renews (dpa-open); of two that started the same day, the one
    # with the greater id is the later; dpa-mid's rules and clause; the earliest end.
    duties = {(c.element, c.basis, c.rule, c.trigger_on and c.trigger_on.isoformat())
              for c in clocks if c.system == "app" and c.basis.startswith("agreement")}
    assert ("grades", "agreement clause", "dpa-old", "2023-06-30") not in duties
    assert ("photo", "agreement clause", "dpa-old", "2023-06-30") in duties
    assert {("grades", "agreement clause", "dpa-mid", "2025-06-30"), ("grades", "agreement clause", "dpa-gap", None),
            ("grades", "agreement rule", "after-contract", "2025-06-30"),
            ("grades", "agreement rule", "by-collection", "2015-08-01")} <= duties
    assert ("usage", "agreement clause", "undated", None) in duties
    assert ("usage", "agreement clause", "dpa-mid", "2025-06-30") not in duties
    assert {("window", "agreement clause", "dpa-w-a", "2024-12-31"),
            ("window", "agreement clause", "dpa-w-b", "2022-12-31")} <= duties
    # mou-all is renewed by dpa-2019 for the usage data (a later start, the same end).
    assert of("app", "usage")[0] == ("element default", "after-contract", "2019-12-31", "agreement dpa-2019", None)
    assert of("app-b", "usage") == [("element default", "after-contract", "2024-12-31", "event contract-end-b", None)]
    assert of("app-b", "notes")[0][:3] == ("agreement clause", "dpa-b", "2022-12-31")
    assert {c.trigger for c in clocks} == set(Trigger)


def test_shapes_only_a_direct_write_makes(neo4j: Neo4jStore, tmp_path: Path) -> None:
    """Three operators (the first outside the district by id carries the agreements), an
    agency beside a researcher, two default rules, a holding rule naming no rule, two
    duties ending the same day (one agreement starts after it ends): the loader makes
    none of these, but the store holds them, so both sides must agree."""
    load_text(neo4j, tmp_path, EVERY_CASE)
    with neo4j.transaction() as tx:
        for agreement, start in (("vb-two", "2025-01-01"), ("vb-one", "2023-01-01")):
            props = {"name": agreement, "kind": "DPA", "effective_on": start, "expires_on": "2024-06-30"}
            tx.upsert_node(NodeRecord(Label.AGREEMENT, agreement, props))
            tx.upsert_edge(EdgeRecord(RelType.WITH, agreement, "vendor-b"))
            tx.upsert_edge(EdgeRecord(RelType.COVERS, agreement, "usage"))
        tx.upsert_edge(EdgeRecord(RelType.OPERATES, "county", "app"))
        tx.upsert_edge(EdgeRecord(RelType.OPERATES, "district", "app"))
        tx.upsert_edge(EdgeRecord(RelType.OPERATES, "state", "lab-store"))
        tx.upsert_edge(EdgeRecord(RelType.RETAINED_UNDER, "grades", "by-collection"))
        tx.upsert_edge(EdgeRecord(RelType.HOLDS, "sis", "usage", {"retention_rule": "no-such-rule"}))
        # Hosts: the vendor operates the app but not first, so it adds its duties as the
        # host; the SIS has two hosts, the first outside the district counts.
        tx.upsert_edge(EdgeRecord(RelType.HOSTS, "vendor", "app"))
        tx.upsert_edge(EdgeRecord(RelType.HOSTS, "school", "sis"))
        tx.upsert_edge(EdgeRecord(RelType.HOSTS, "vendor-b", "sis"))
        tx.upsert_edge(EdgeRecord(RelType.HOSTS, "vendor", "sis"))
    clocks = assert_same_clocks(neo4j, DATES)
    # The county comes first: its agreement has neither clause nor rules; the vendor's count as the host's.
    assert not [c for c in clocks if c.system == "app" and c.basis.startswith("agreement")]
    assert ("grades", "host agreement clause", "dpa-mid") in {(c.element, c.basis, c.rule) for c in clocks
                                                                if c.system == "app"}
    # The SIS's first host outside the district is the vendor (by id): its duties, not vendor-b's.
    hosting = {(c.element, c.rule) for c in clocks if c.system == "sis" and c.basis.startswith("host")}
    assert ("grades", "dpa-mid") in hosting and not [rule for _, rule in hosting if rule == "dpa-b"]
    assert [c.rule for c in clocks if (c.system, c.element) == ("sis", "grades")][:1] == ["after-exit"]
    assert "by-collection" in {c.rule for c in clocks if (c.system, c.element) == ("sis", "grades")}
    assert not [c for c in clocks if (c.system, c.element) == ("sis", "usage") and not c.basis.startswith("host")]
    assert not [c for c in clocks if c.system == "lab-store"]
    assert {c.trigger_source for c in clocks if (c.system, c.element) == ("app-b", "usage")} == {"agreement vb-one"}


@pytest.mark.parametrize("as_of", DISTRICT_DATES, ids=str)
def test_district_clocks_equal_the_python_clocks(district: Neo4jStore, as_of: date) -> None:
    clocks = assert_same_clocks(district, [as_of])
    assert len({c.cohort for c in clocks}) > 5 and len(clocks) > 500


def test_clocks_cost_two_round_trips_and_deadlines_a_handful(district: Neo4jStore, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    before = district.round_trips
    assert len(district.retention_clocks(date(2030, 7, 1))) > 500
    assert district.round_trips - before == 2

    def no_snapshot(cls: type[Snapshot], view: object) -> Snapshot:
        raise AssertionError("the native path read the whole graph")

    expected = [d.as_dict() for d in compute_deadlines(Snapshot.of(district), date(2030, 7, 1))]
    monkeypatch.setattr(Snapshot, "of", classmethod(no_snapshot))
    before = district.round_trips
    assert [d.as_dict() for d in compute_deadlines(district, date(2030, 7, 1))] == expected
    on_the_district = district.round_trips - before
    assert on_the_district <= 11
    # The clocks query runs beside the other reads, in a thread of its own: a request
    # counting its round trips counts those of both threads.
    with counting_round_trips() as trips:
        compute_deadlines(district, date(2030, 7, 1))
    assert trips.count == on_the_district
    # A catalog a fraction of the size costs as many or fewer (a look-up is skipped when there
    # is nothing to look up): they do not grow with the graph.
    district.clear()
    load_text(district, tmp_path, EVERY_CASE)
    before = district.round_trips
    compute_deadlines(district, date(2030, 7, 1))
    assert district.round_trips - before <= on_the_district
