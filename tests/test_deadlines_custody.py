"""Who must destroy what: a host's duties on the systems it hosts, and the custody a law
hands over, only for what the law names. On in-memory catalogs; the native clocks and
binding are compared with these on Neo4j in test_native_clocks and test_native_traversals."""

from __future__ import annotations

from datetime import date

from catalog.deadlines import Deadline, DeadlineStatus, compute_deadlines, python_clocks

from .rules_support import AS_OF, findings, view_of

HOSTED = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
  - {id: host, name: Keystone Hosting, kind: SERVICE_PROVIDER}
  - {id: vendor, name: Vendor, kind: SERVICE_PROVIDER}
retention_rules:
  - {id: after-exit, name: Five years after exit, period: P5Y, trigger: WITHDRAWAL, action: DESTROY}
  - {id: disposition, name: Disposition, period: P30D, trigger: AGREEMENT_END, action: DESTROY}
elements:
  - {id: grades, name: Grades, category: grades, sensitivity: PII, subject: STUDENT, retained_under: after-exit}
  - {id: notes, name: Notes, category: grades, sensitivity: PII, subject: STUDENT, retained_under: after-exit}
systems:
  - {id: sis, name: SIS, kind: SIS, operated_by: district, hosted_by: host,
     holds: [{element: grades, since: 2015-08-01}, {element: notes, since: 2015-08-01}]}
  - {id: local, name: Local, kind: FILE_STORE, operated_by: district, hosted_by: district,
     holds: [{element: grades, since: 2015-08-01}]}
  - {id: app, name: App, kind: APPLICATION, operated_by: vendor, hosted_by: vendor,
     holds: [{element: grades, since: 2015-08-01}]}
  - {id: warehouse, name: Warehouse, kind: WAREHOUSE, operated_by: district,
     holds: [{element: grades, since: 2015-08-01}]}
flows:
  - {id: sis-to-warehouse, from: sis, to: warehouse, carries: [grades]}
  - {id: sis-to-app, from: sis, to: app, carries: [grades], under: [vendor-dpa]}
agreements:
  # Renewed for the grades, not for the notes; the renewal lapsed on 2026-06-30.
  - {id: host-old, kind: CONTRACT, with: host, covers: [grades, notes], effective_on: 2019-07-01,
     expires_on: 2023-06-30, destruction_days: 30}
  - {id: host-new, kind: DPA, with: host, covers: [grades], effective_on: 2023-07-01, expires_on: 2026-06-30,
     destruction_days: 60, requires_destruction: [disposition]}
  - {id: vendor-dpa, kind: DPA, with: vendor, effective_on: 2020-07-01, destruction_days: 90}
"""


def rows(text: str, as_of: date = AS_OF) -> dict[tuple[str, str, str | None], Deadline]:
    return {d.key: d for d in compute_deadlines(view_of(text), as_of)}


def test_a_hosts_destruction_clause_applies_to_the_system_it_hosts() -> None:
    clocks = python_clocks(view_of(HOSTED), AS_OF)
    of_sis = {(c.element, c.basis, c.rule, c.trigger_on) for c in clocks if c.system == "sis"}
    assert of_sis == {
        ("grades", "element default", "after-exit", None),
        ("grades", "host agreement rule", "disposition", date(2026, 6, 30)),
        ("grades", "host agreement clause", "host-new", date(2026, 6, 30)),
        ("notes", "element default", "after-exit", None),
        ("notes", "host agreement clause", "host-old", date(2023, 6, 30))}
    found = rows(HOSTED)
    grades, notes = found[("sis", "grades", None)], found[("sis", "notes", None)]
    assert (grades.status, grades.due_on, grades.rule) == (DeadlineStatus.OVERDUE, date(2026, 7, 30), "disposition")
    assert "host agreement rule disposition" in grades.explanation
    assert (notes.status, notes.due_on, notes.rule) == (DeadlineStatus.OVERDUE, date(2023, 7, 30), "host-old")
    overdue = findings(HOSTED, "destruction-overdue")
    assert [(f.node, f.elements) for f in overdue] == [("sis", ("grades",)), ("sis", ("notes",))]


def test_a_hosts_duty_does_not_bind_the_copies_downstream() -> None:
    """The host must destroy what it keeps for the SIS; the district's record, and its
    copies elsewhere, live on under the records schedule."""
    found = rows(HOSTED)
    assert found[("warehouse", "grades", None)].bound_by is None
    assert found[("warehouse", "grades", None)].status == DeadlineStatus.AWAITING_TRIGGER
    assert findings(HOSTED, "retention-outlives-source") == []
    # The record's own deadline binds them still.
    short = HOSTED.replace("{element: grades, since: 2015-08-01}, {element: notes",
                           "{element: grades, since: 2015-08-01, retention_rule: at-once}, {element: notes")
    short = short.replace("retention_rules:", """retention_rules:
  - {id: at-once, name: At once, period: P1D, trigger: COLLECTION, action: DESTROY}""")
    found = rows(short)
    assert found[("app", "grades", None)].bound_by == found[("warehouse", "grades", None)].bound_by == ("sis", "grades")


def test_a_host_adds_nothing_inside_the_district_nor_when_it_operates_the_system() -> None:
    clocks = python_clocks(view_of(HOSTED), AS_OF)
    assert {c.basis for c in clocks if c.system == "local"} == {"element default"}
    assert sorted(c.basis for c in clocks if c.system == "app") == ["agreement clause", "element default"]
    # While the host's agreement is in force its end is the deadline ahead.
    ahead = rows(HOSTED, date(2026, 1, 1))[("sis", "grades", None)]
    assert (ahead.status, ahead.due_on) == (DeadlineStatus.SCHEDULED, date(2026, 7, 30))


CUSTODY = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
  - {id: county, name: County health department, kind: OTHER}
retention_rules:
  - {id: after-exit, name: Five years after exit, period: P5Y, trigger: WITHDRAWAL, action: DESTROY}
  - {id: county-schedule, name: County schedule, period: P20Y, trigger: WITHDRAWAL, action: DESTROY}
elements:
  - {id: immunizations, name: Immunizations, category: health, sensitivity: SENSITIVE, subject: STUDENT,
     retained_under: after-exit}
  - {id: student-name, name: Student name, category: identity, sensitivity: PII, subject: STUDENT,
     retained_under: after-exit}
systems:
  - {id: sis, name: SIS, kind: SIS, operated_by: district,
     holds: [{element: immunizations, since: 2015-08-01}, {element: student-name, since: 2015-08-01}]}
  - {id: registry, name: County registry, kind: WAREHOUSE, operated_by: county,
     holds: [{element: immunizations, since: 2015-08-01, retention_rule: county-schedule},
             {element: student-name, since: 2015-08-01, retention_rule: county-schedule}]}
mandates:
  - {id: immunization-law, name: Immunization reporting, citation: Health Code 1, covers: [immunizations]}
flows:
  - {id: to-county, from: sis, to: registry, carries: [immunizations, student-name], under: [immunization-law]}
events:
  - {id: exit-2020, kind: WITHDRAWAL, cohort: 2019-2020, occurred_on: 2020-06-12, concerns: [sis, registry]}
"""


def test_a_law_hands_over_custody_only_of_what_it_names() -> None:
    found = rows(CUSTODY)
    # The immunizations are the county's record under its own schedule: not bound.
    kept = found[("registry", "immunizations", "2019-2020")]
    assert (kept.due_on, kept.bound_by, kept.conflict) == (date(2040, 6, 12), None, False)
    # The names no law required: the copy acts for the district and may not outlive it.
    names = found[("registry", "student-name", "2019-2020")]
    assert (names.due_on, names.bound_by, names.conflict) == (date(2025, 6, 12), ("sis", "student-name"), True)
    [outlives] = findings(CUSTODY, "retention-outlives-source")
    assert (outlives.node, outlives.elements) == ("registry", ("student-name",))


def test_a_law_that_names_no_element_hands_over_all_it_carries() -> None:
    whole = CUSTODY.replace(", covers: [immunizations]}", "}")
    found = rows(whole)
    assert found[("registry", "student-name", "2019-2020")].bound_by is None
    assert findings(whole, "retention-outlives-source") == []
