"""Deadlines a records officer can act on: the cases every district has. Each test is a
small catalog of a case from records practice (cohorts, minimums, renewals, custody,
reviews, holds, access requests) and the answer the law and practice give."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from catalog.deadlines import Deadline, DeadlineStatus, compute_deadlines
from catalog.findings import Finding, run_checks
from graph.store import Store

from .helpers import load_text

DISTRICT = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
  - {id: vendor, name: Vendor, kind: SERVICE_PROVIDER}
  - {id: state, name: State Board, kind: STATE_AGENCY}
elements:
  - {id: grades, name: Grades, category: grades, sensitivity: PII, subject: STUDENT, retained_under: temp-record}
retention_rules:
  - {id: temp-record, name: Five years after exit, period: P5Y, trigger: WITHDRAWAL, action: DESTROY}
"""


def rows(store: Store, as_of: date) -> dict[tuple[str, str, str | None], Deadline]:
    return {d.key: d for d in compute_deadlines(store, as_of)}


def findings(store: Store, as_of: date, rule: str) -> list[Finding]:
    return [f for f in run_checks(store, as_of) if f.rule == rule]


def test_each_exit_cohort_has_its_own_deadline_and_purge(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, DISTRICT + """
systems:
  - {id: sis, name: SIS, kind: SIS, operated_by: district, holds: [{element: grades, since: 2015-08-01}]}
events:
  - {id: exit-2020, kind: WITHDRAWAL, cohort: 2019-2020, occurred_on: 2020-06-12, concerns: [grades]}
  - {id: exit-2026, kind: WITHDRAWAL, cohort: 2025-2026, occurred_on: 2026-06-12, concerns: [grades]}
destructions:
  - {id: purge-2025, of: [grades], in: sis, performed_on: 2025-07-15}
""")
    found = rows(store, date(2032, 1, 1))
    assert set(found) == {("sis", "grades", "2019-2020"), ("sis", "grades", "2025-2026")}
    old, recent = found[("sis", "grades", "2019-2020")], found[("sis", "grades", "2025-2026")]
    assert (old.status, old.destroyed_by, old.due_on) == (DeadlineStatus.DESTROYED, "purge-2025", date(2025, 6, 12))
    assert (recent.status, recent.due_on) == (DeadlineStatus.OVERDUE, date(2031, 6, 12))
    assert "event exit-2026 (cohort 2025-2026)" in recent.explanation
    assert [f.elements for f in findings(store, date(2032, 1, 1), "destruction-overdue")] == [("grades",)]


def test_a_purge_of_one_cohort_leaves_the_others(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, DISTRICT + """
systems:
  - {id: sis, name: SIS, kind: SIS, operated_by: district, holds: [{element: grades}]}
events:
  - {id: exit-2019, kind: WITHDRAWAL, cohort: 2018-2019, occurred_on: 2019-06-12, concerns: [sis]}
  - {id: exit-2020, kind: WITHDRAWAL, cohort: 2019-2020, occurred_on: 2020-06-12, concerns: [sis]}
destructions:
  - {id: purge-2019-cohort, of: [grades], in: sis, cohort: 2018-2019, performed_on: 2026-07-01}
""")
    found = rows(store, date(2026, 9, 1))
    assert found[("sis", "grades", "2018-2019")].status == DeadlineStatus.DESTROYED
    assert found[("sis", "grades", "2019-2020")].status == DeadlineStatus.OVERDUE


def test_an_event_before_a_copy_was_received_does_not_apply_to_it(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, DISTRICT + """
systems:
  - {id: sis, name: SIS, kind: SIS, operated_by: district, holds: [{element: grades, since: 2015-08-01}]}
  - {id: app-a, name: App A, kind: APPLICATION, operated_by: district, holds: [{element: grades, since: 2022-08-01}]}
  - {id: app-b, name: App B, kind: APPLICATION, operated_by: district, holds: [{element: grades, since: 2024-08-01}]}
events:
  - {id: exit-2020, kind: WITHDRAWAL, cohort: 2019-2020, occurred_on: 2020-06-12, concerns: [grades]}
  - {id: exit-2023, kind: WITHDRAWAL, cohort: 2022-2023, occurred_on: 2023-06-12, concerns: [grades]}
""")
    found = rows(store, date(2026, 9, 1))
    assert {k for k in found if k[0] == "sis"} == {("sis", "grades", "2019-2020"), ("sis", "grades", "2022-2023")}
    # The 2020 leavers' data never reached either app; app B got nobody who left in 2023 either.
    assert {k for k in found if k[0] == "app-a"} == {("app-a", "grades", "2022-2023")}
    assert found[("app-a", "grades", "2022-2023")].due_on == date(2028, 6, 12)
    assert found[("app-b", "grades", None)].status == DeadlineStatus.AWAITING_TRIGGER


def test_an_unrelated_event_starts_no_clock(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, """
organizations:
  - {id: district, name: District, kind: DISTRICT}
elements:
  - {id: evaluation, name: Evaluation, category: program, sensitivity: SENSITIVE, subject: STAFF,
     retained_under: after-separation}
retention_rules:
  - {id: after-separation, name: After separation, period: P5Y, trigger: EVENT, topic: staff-separation,
     action: DESTROY}
systems:
  - {id: hr-eval, name: HR, kind: APPLICATION, operated_by: district, holds: [{element: evaluation}]}
events:
  - {id: policy-migration, kind: EVENT, topic: policy-migration, occurred_on: 2020-01-15, concerns: [district]}
  - {id: untopical, kind: EVENT, occurred_on: 2020-01-15, concerns: [hr-eval]}
""")
    row = rows(store, date(2026, 9, 1))[("hr-eval", "evaluation", None)]
    assert (row.status, row.due_on) == (DeadlineStatus.AWAITING_TRIGGER, None)
    load_text(store, tmp_path, """
events:
  - {id: separations-2021, kind: EVENT, topic: staff-separation, occurred_on: 2021-06-30, concerns: [evaluation]}
""", name="later.yaml")
    row = rows(store, date(2026, 9, 1))[("hr-eval", "evaluation", None)]
    assert (row.status, row.due_on) == (DeadlineStatus.OVERDUE, date(2026, 6, 30))
    assert "event separations-2021" in row.explanation


def test_a_minimum_is_not_a_deadline(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, """
organizations:
  - {id: district, name: District, kind: DISTRICT}
elements:
  - {id: temp, name: Temporary record, category: program, sensitivity: PII, subject: STUDENT,
     retained_under: il-temporary-record}
retention_rules:
  - {id: il-temporary-record, name: Not less than five years after exit, keep_at_least: P5Y,
     trigger: WITHDRAWAL, action: DESTROY, authority: 105 ILCS 10/4(f)}
systems:
  - {id: sis, name: SIS, kind: SIS, operated_by: district, holds: [{element: temp}]}
events:
  - {id: exit-2025, kind: WITHDRAWAL, cohort: 2024-2025, occurred_on: 2025-06-13, concerns: [temp]}
""")
    before = rows(store, date(2030, 6, 1))[("sis", "temp", "2024-2025")]
    assert (before.status, before.eligible_on, before.due_on) == (DeadlineStatus.SCHEDULED, date(2030, 6, 13), None)
    after = rows(store, date(2030, 7, 1))[("sis", "temp", "2024-2025")]
    assert (after.status, after.eligible_on, after.due_on) == (DeadlineStatus.ELIGIBLE, date(2030, 6, 13), None)
    assert "may be destroyed from 2030-06-13 (a minimum, not a deadline)" in after.explanation
    assert findings(store, date(2040, 1, 1), "destruction-overdue") == []


RENEWAL = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
  - {id: snapshots, name: Snapshots Inc., kind: SERVICE_PROVIDER}
elements:
  - {id: photo, name: Photo, category: identity, sensitivity: PII, subject: STUDENT}
  - {id: name, name: Name, category: identity, sensitivity: PII, subject: STUDENT}
systems:
  - {id: portraits, name: Portraits, kind: APPLICATION, operated_by: snapshots,
     holds: [{element: photo, since: 2022-08-01}, {element: name, since: 2022-08-01}]}
agreements:
  - {id: dpa-2022, kind: DPA, with: snapshots, covers: [photo, name], effective_on: 2022-07-01,
     expires_on: 2025-06-30, destruction_days: 60}
  - {id: dpa-2025, kind: DPA, with: snapshots, covers: COVERED, effective_on: 2025-07-01,
     expires_on: 2028-06-30, destruction_days: 60}
"""


def test_a_renewal_that_drops_an_element_leaves_the_old_duty(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, RENEWAL.replace("COVERED", "[name]"))
    found = rows(store, date(2026, 9, 1))
    photo, name = found[("portraits", "photo", None)], found[("portraits", "name", None)]
    # The 2022 agreement's duty for the photo: its end plus 60 days; its renewal carries the name on.
    assert (photo.due_on, photo.rule, photo.status) == (date(2025, 8, 29), "dpa-2022", DeadlineStatus.OVERDUE)
    assert (name.due_on, name.rule, name.status) == (date(2028, 8, 29), "dpa-2025", DeadlineStatus.SCHEDULED)
    assert [c.rule for c in name.candidates] == ["dpa-2025"]
    assert [(f.node, f.elements) for f in findings(store, date(2026, 9, 1), "destruction-overdue")] == \
        [("portraits", ("photo",))]


def test_a_renewal_that_keeps_an_element_carries_the_duty_on(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, RENEWAL.replace("COVERED", "[name, photo]"))
    photo = rows(store, date(2026, 9, 1))[("portraits", "photo", None)]
    assert (photo.due_on, photo.rule, photo.status) == (date(2028, 8, 29), "dpa-2025", DeadlineStatus.SCHEDULED)
    assert findings(store, date(2026, 9, 1), "destruction-overdue") == []


CUSTODY = DISTRICT.replace("retention_rules:", """retention_rules:
  - {id: state-75, name: State schedule, period: P75Y, trigger: WITHDRAWAL, action: DESTROY}""") + """
systems:
  - {id: sis, name: SIS, kind: SIS, operated_by: district, holds: [{element: grades, since: 2015-08-01}]}
  - {id: warehouse, name: State warehouse, kind: WAREHOUSE, operated_by: state,
     holds: [{element: grades, since: 2015-08-01, retention_rule: state-75}]}
  - {id: app, name: App, kind: APPLICATION, operated_by: vendor,
     holds: [{element: grades, since: 2015-08-01, retention_rule: state-75}]}
mandates:
  - {id: state-reporting, name: State reporting, citation: 105 ILCS 5/2-3.30}
agreements:
  - {id: dpa-vendor, kind: DPA, with: vendor, covers: [grades], effective_on: 2015-07-01}
flows:
  - {id: to-state, from: sis, to: warehouse, carries: [grades], under: [state-reporting]}
  - {id: to-app, from: sis, to: app, carries: [grades], under: [dpa-vendor]}
events:
  - {id: exit-2020, kind: WITHDRAWAL, cohort: 2019-2020, occurred_on: 2020-06-12, concerns: [grades]}
"""


def test_a_state_agency_receiving_under_a_mandate_keeps_its_own_schedule(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, CUSTODY)
    found = rows(store, date(2026, 9, 1))
    state = found[("warehouse", "grades", "2019-2020")]
    assert (state.due_on, state.bound_by, state.conflict) == (date(2095, 6, 12), None, False)
    # A provider acts for the district: its copy is bound by the district's.
    app = found[("app", "grades", "2019-2020")]
    assert (app.due_on, app.bound_by, app.conflict) == (date(2025, 6, 12), ("sis", "grades"), True)
    outlive = findings(store, date(2026, 9, 1), "retention-outlives-source")
    assert [f.node for f in outlive] == ["app"]


IEP = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
elements:
  - {id: iep-goals, name: IEP goals, category: special_education, sensitivity: SENSITIVE, subject: STUDENT,
     retained_under: sped-review}
retention_rules:
  - {id: sped-review, name: Review five years after exit, period: P5Y, trigger: WITHDRAWAL, action: REVIEW,
     authority: 34 CFR 300.624}
systems:
  - {id: iep-system, name: IEP system, kind: APPLICATION, operated_by: district, holds: [{element: iep-goals}]}
events:
  - {id: exit-2020, kind: WITHDRAWAL, cohort: 2019-2020, occurred_on: 2020-06-12, concerns: [iep-goals]}
"""


def test_a_review_past_due_is_a_notice_duty_not_a_destruction(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, IEP)
    row = rows(store, date(2026, 9, 1))[("iep-system", "iep-goals", "2019-2020")]
    assert (row.status, row.action) == (DeadlineStatus.OVERDUE, "REVIEW")
    assert "review due by 2025-06-12" in row.explanation and "34 CFR 300.624" in row.explanation
    assert findings(store, date(2026, 9, 1), "destruction-overdue") == []
    [review] = findings(store, date(2026, 9, 1), "review-due")
    assert (review.node, review.elements) == ("iep-system", ("iep-goals",))
    assert "parents" in review.remedy and "34 CFR 300.624" in review.remedy


def test_a_review_not_yet_due_is_no_finding(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, IEP)
    assert findings(store, date(2025, 6, 1), "review-due") == []


PERMANENT = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
elements:
  - {id: transcript, name: Transcript, category: grades, sensitivity: PII, subject: STUDENT,
     retained_under: permanent-record}
retention_rules:
  - {id: permanent-record, name: Not less than 60 years, keep_at_least: P60Y, trigger: GRADUATION,
     action: DESTROY, authority: 105 ILCS 10/4(e)}
systems:
  - {id: sis, name: SIS, kind: SIS, operated_by: district, holds: [{element: transcript}]}
events:
  - {id: class-2015, kind: GRADUATION, cohort: class-of-2015, occurred_on: 2015-06-01, concerns: [transcript]}
destructions:
  - {id: purge, of: [transcript], in: sis, performed_on: DESTROYED_ON}
"""


def test_destroying_before_the_minimum_is_a_high_finding(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, PERMANENT.replace("DESTROYED_ON", "2026-03-01"))  # in its 11th year
    row = rows(store, date(2026, 9, 1))[("sis", "transcript", "class-of-2015")]
    assert (row.status, row.eligible_on) == (DeadlineStatus.DESTROYED, date(2075, 6, 1))
    [early] = findings(store, date(2026, 9, 1), "destroyed-too-early")
    assert (early.node, early.severity.value, early.elements) == ("sis", "HIGH", ("transcript",))
    assert "until 2075-06-01" in early.message


def test_destroying_after_the_minimum_is_no_finding(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, PERMANENT.replace("DESTROYED_ON", "2075-07-01"))
    assert findings(store, date(2076, 1, 1), "destroyed-too-early") == []


def test_destroying_after_the_deadline_is_a_finding(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, DISTRICT + """
systems:
  - {id: sis, name: SIS, kind: SIS, operated_by: district, holds: [{element: grades}]}
events:
  - {id: exit-2020, kind: WITHDRAWAL, cohort: 2019-2020, occurred_on: 2020-06-12, concerns: [grades]}
destructions:
  - {id: late-purge, of: [grades], in: sis, performed_on: 2025-06-24}
  - {id: timely-purge, of: [grades], in: sis, performed_on: 2025-06-01, cohort: 2018-2019}
""")
    [late] = findings(store, date(2026, 9, 1), "destroyed-late")
    assert (late.node, late.elements) == ("sis", ("grades",))
    assert "12 days after its deadline of 2025-06-12" in late.message


def test_a_collection_rule_with_no_since_cannot_start(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, """
organizations:
  - {id: district, name: District, kind: DISTRICT}
elements:
  - {id: photo, name: Photo, category: identity, sensitivity: PII, subject: STUDENT, retained_under: three-years}
  - {id: badge, name: Badge, category: identity, sensitivity: PII, subject: STUDENT, retained_under: three-years}
retention_rules:
  - {id: three-years, name: Three years after collection, period: P3Y, trigger: COLLECTION, action: DESTROY}
systems:
  - {id: badges, name: Badges, kind: APPLICATION, operated_by: district,
     holds: [{element: photo}, {element: badge}]}
  - {id: cards, name: Cards, kind: APPLICATION, operated_by: district, holds: [{element: photo, since: 2024-01-01}]}
""")
    row = rows(store, date(2026, 9, 1))[("badges", "photo", None)]
    assert row.status == DeadlineStatus.AWAITING_TRIGGER
    [stuck] = findings(store, date(2026, 9, 1), "clock-cannot-start")
    assert (stuck.node, stuck.elements) == ("badges", ("badge", "photo"))
    assert "no `since`" in stuck.message


HOLD = DISTRICT + """
systems:
  - {id: sis, name: SIS, kind: SIS, operated_by: district, holds: [{element: grades}]}
  - {id: lms, name: LMS, kind: LMS, operated_by: district, holds: [{element: grades}]}
events:
  - {id: exit-2019, kind: WITHDRAWAL, cohort: 2018-2019, occurred_on: 2019-06-12, concerns: [grades]}
  - {id: exit-2020, kind: WITHDRAWAL, cohort: 2019-2020, occurred_on: 2020-06-12, concerns: [grades]}
legal_holds:
  - {id: due-process-2025, name: Due process hearing, reason: hearing requested by a parent,
     placed_on: 2025-05-01, in: [sis], cohorts: [2019-2020]}
"""


def test_a_legal_hold_suspends_destruction_in_its_scope(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, HOLD)
    found = rows(store, date(2026, 9, 1))
    held = found[("sis", "grades", "2019-2020")]
    assert (held.status, held.due_on, held.held_by) == (DeadlineStatus.ON_HOLD, date(2025, 6, 12),
                                                        ("due-process-2025",))
    assert "legal hold due-process-2025 (hearing requested by a parent)" in held.explanation
    assert found[("sis", "grades", "2018-2019")].status == DeadlineStatus.OVERDUE  # another cohort
    assert found[("lms", "grades", "2019-2020")].status == DeadlineStatus.OVERDUE  # another system
    overdue = findings(store, date(2026, 9, 1), "destruction-overdue")
    assert {(f.node, f.elements) for f in overdue} == {("sis", ("grades",)), ("lms", ("grades",))}
    assert all("2019-2020" not in f.message for f in overdue if f.node == "sis")


def test_a_released_hold_holds_nothing_and_a_destruction_under_it_is_a_finding(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, HOLD.replace("placed_on: 2025-05-01,", "placed_on: 2025-05-01, released_on: 2026-01-15,")
              + """
destructions:
  - {id: purge-under-hold, of: [grades], in: sis, performed_on: 2025-07-01}
  - {id: purge-lms, of: [grades], in: lms, performed_on: 2025-07-01}
""")
    found = rows(store, date(2026, 9, 1))
    assert found[("sis", "grades", "2019-2020")].status == DeadlineStatus.DESTROYED
    [under] = findings(store, date(2026, 9, 1), "destroyed-under-hold")
    assert (under.node, under.severity.value, under.elements) == ("sis", "HIGH", ("grades",))
    assert "legal hold due-process-2025" in under.message and "2019-2020" in under.message


def test_an_open_access_request_holds_what_it_concerns(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, DISTRICT + """
systems:
  - {id: sis, name: SIS, kind: SIS, operated_by: district, holds: [{element: grades}]}
events:
  - {id: exit-2020, kind: WITHDRAWAL, cohort: 2019-2020, occurred_on: 2020-06-12, concerns: [grades]}
access_requests:
  - {id: request-17, kind: INSPECT, requester: PARENT, received_on: 2026-08-20, concerns: [sis], cohort: 2019-2020}
""")
    row = rows(store, date(2026, 9, 1))[("sis", "grades", "2019-2020")]
    assert (row.status, row.held_by) == (DeadlineStatus.ON_HOLD, ("request-17",))
    assert "access request request-17" in row.explanation
    assert findings(store, date(2026, 9, 1), "access-request-overdue") == []
    # Answered, it holds nothing any more; unanswered past 45 days, it is overdue.
    assert rows(store, date(2026, 11, 1))[("sis", "grades", "2019-2020")].status == DeadlineStatus.ON_HOLD
    [overdue] = findings(store, date(2026, 11, 1), "access-request-overdue")
    assert (overdue.node, overdue.principle) == ("request-17", "4") and "2026-10-04" in overdue.message


def test_access_requests_answered_late_and_on_time(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, DISTRICT.replace("kind: DISTRICT}", "kind: DISTRICT, access_response_days: 10}") + """
systems:
  - {id: sis, name: SIS, kind: SIS, operated_by: district, holds: [{element: grades}]}
access_requests:
  - {id: late, kind: COPY, requester: ELIGIBLE_STUDENT, received_on: 2026-03-02, answered_on: 2026-03-20,
     concerns: [grades]}
  - {id: on-time, kind: INSPECT, requester: PARENT, received_on: 2026-04-01, answered_on: 2026-04-08,
     concerns: [grades]}
""")
    [late] = findings(store, date(2026, 9, 1), "access-request-answered-late")
    assert late.node == "late" and "8 days after the 10 days" in late.message
    assert findings(store, date(2026, 9, 1), "access-request-overdue") == []


def test_a_minimum_later_than_a_deadline_is_a_conflict(store: Store, tmp_path: Path) -> None:
    text = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
elements:
  - {id: health, name: Health record, category: health, sensitivity: SENSITIVE, subject: STUDENT,
     retained_under: keep-ten}
retention_rules:
  - {id: keep-ten, name: Keep ten years, keep_at_least: P10Y, trigger: WITHDRAWAL, action: DESTROY}
  - {id: purge-five, name: Purge after five, period: P5Y, trigger: WITHDRAWAL, action: DESTROY}
systems:
  - {id: nurse, name: Nurse, kind: APPLICATION, operated_by: district, holds: [{element: health}]}
  - {id: sis, name: SIS, kind: SIS, operated_by: district, holds: [{element: health, retention_rule: purge-five}]}
flows:
  - {id: sis-to-nurse, from: sis, to: nurse, carries: [health]}
events:
  - {id: exit-2020, kind: WITHDRAWAL, cohort: 2019-2020, occurred_on: 2020-06-12, concerns: [health]}
"""
    load_text(store, tmp_path, text)
    row = rows(store, date(2026, 9, 1))[("nurse", "health", "2019-2020")]
    assert (row.eligible_on, row.due_on, row.retention_conflict) == (date(2030, 6, 12), date(2025, 6, 12), True)
    [clash] = findings(store, date(2026, 9, 1), "retention-conflict")
    assert (clash.node, clash.elements) == ("nurse", ("health",))
    assert [f.node for f in findings(store, date(2026, 9, 1), "retention-conflict")
            if f.node == "sis"] == []


def test_the_districts_schedule_binds_its_own_copies_not_other_custodians(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, """
organizations:
  - {id: district, name: District, kind: DISTRICT}
  - {id: vendor, name: Vendor, kind: SERVICE_PROVIDER}
  - {id: state, name: State Board, kind: STATE_AGENCY}
elements:
  - {id: transcript, name: Transcript, category: grades, sensitivity: PII, subject: STUDENT,
     retained_under: permanent-record}
retention_rules:
  - {id: permanent-record, name: At least 60 years, keep_at_least: P60Y, trigger: GRADUATION, action: DESTROY}
systems:
  - {id: sis, name: SIS, kind: SIS, operated_by: district, holds: [{element: transcript}]}
  - {id: app, name: App, kind: APPLICATION, operated_by: vendor, holds: [{element: transcript}]}
  - {id: state-sis, name: State SIS, kind: WAREHOUSE, operated_by: state, holds: [{element: transcript}]}
agreements:
  - {id: dpa, kind: DPA, with: vendor, covers: [transcript], effective_on: 2020-07-01, expires_on: 2026-06-30,
     destruction_days: 30}
events:
  - {id: class-2025, kind: GRADUATION, cohort: class-of-2025, occurred_on: 2025-06-01, concerns: [transcript]}
""")
    found = rows(store, date(2026, 9, 1))
    assert found[("sis", "transcript", "class-of-2025")].eligible_on == date(2085, 6, 1)
    # The provider's copy: only the agreement's maximum, no 60-year minimum to conflict with it.
    app = found[("app", "transcript", None)]
    assert (app.eligible_on, app.due_on, app.rule, app.status) == (None, date(2026, 7, 30), "dpa",
                                                                   DeadlineStatus.OVERDUE)
    assert findings(store, date(2026, 9, 1), "retention-conflict") == []
    # The state's copy is the state's record: no rule of the district's applies to it.
    state = found[("state-sis", "transcript", None)]
    assert (state.status, state.candidates) == (DeadlineStatus.NO_RULE, ())
    assert "that custodian's record, kept under its own schedule" in state.explanation
