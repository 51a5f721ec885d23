"""Destruction deadlines: every status, each kind of trigger, binding and its exemption."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from catalog.deadlines import Deadline, DeadlineStatus, compute_deadlines
from catalog.periods import Duration
from graph.store import Store

from .helpers import load_text

AS_OF = date(2026, 9, 1)

BASE = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
  - {id: vendor, name: Vendor, kind: SERVICE_PROVIDER}
retention_rules:
  - {id: one-year-after-collection, name: R1, period: P1Y, trigger: COLLECTION, action: DESTROY}
  - {id: three-years-after-collection, name: R3, period: P3Y, trigger: COLLECTION, action: DESTROY}
  - {id: five-years-after-withdrawal, name: R5, period: P5Y, trigger: WITHDRAWAL, action: DESTROY}
  - {id: year-after-retirement, name: RD, period: P1Y, trigger: DECOMMISSION, action: DESTROY}
  - {id: ten-years, name: R10, period: P10Y, trigger: COLLECTION, action: DESTROY}
elements:
  - {id: name, name: Name, category: identity, sensitivity: PII, subject: STUDENT,
     retained_under: three-years-after-collection}
  - {id: scores, name: Scores, category: assessment, sensitivity: PII, subject: STUDENT,
     retained_under: five-years-after-withdrawal}
  - {id: counts, name: Counts, category: derived, sensitivity: AGGREGATE, subject: STUDENT,
     retained_under: one-year-after-collection}
  - {id: notes, name: Notes, category: grades, sensitivity: PII, subject: STUDENT}
"""


def by_holding(found: list[Deadline]) -> dict[tuple[str, str], Deadline]:
    """The rows of holdings without cohorts, by (system, element)."""
    rows = {(d.system, d.element): d for d in found}
    assert len(rows) == len(found), "a holding has cohorts: read it with by_cohort"
    return rows


def by_cohort(found: list[Deadline]) -> dict[tuple[str, str, str | None], Deadline]:
    return {d.key: d for d in found}


def test_each_status(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, BASE + """
systems:
  - id: sis
    name: SIS
    kind: SIS
    operated_by: district
    holds:
      - {element: name, since: 2023-01-10}          # + P3Y = 2026-01-10: overdue
      - {element: counts, since: 2025-10-15}        # + P1Y = 2026-10-15: due within 90 days
      - {element: scores}                            # withdrawal never happened: awaiting
      - {element: notes}                             # no rule at all
  - id: lms
    name: LMS
    kind: LMS
    operated_by: district
    holds:
      - {element: name, since: 2025-01-01}           # + P3Y = 2028-01-01: scheduled
      - {element: counts, since: 2020-01-01}         # overdue, but destroyed
destructions:
  - {id: lms-purge, of: [counts], in: lms, performed_on: 2021-02-01}
""")
    found = by_holding(compute_deadlines(store, AS_OF))
    assert found[("sis", "name")].status == DeadlineStatus.OVERDUE
    assert found[("sis", "name")].due_on == date(2026, 1, 10)
    assert found[("sis", "counts")].status == DeadlineStatus.DUE
    assert found[("sis", "scores")].status == DeadlineStatus.AWAITING_TRIGGER
    assert found[("sis", "notes")].status == DeadlineStatus.NO_RULE
    assert found[("lms", "name")].status == DeadlineStatus.SCHEDULED
    assert found[("lms", "counts")].status == DeadlineStatus.DESTROYED
    assert found[("lms", "counts")].destroyed_by == "lms-purge"
    narrow = by_holding(compute_deadlines(store, AS_OF, Duration.parse("P30D")))
    assert narrow[("sis", "counts")].status == DeadlineStatus.SCHEDULED


def test_triggers_from_events_decommissions_and_agreement_ends(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, BASE + """
systems:
  - {id: sis, name: SIS, kind: SIS, operated_by: district, holds: [{element: scores}]}
  - {id: old, name: Old, kind: FILE_STORE, operated_by: district, decommissioned_on: 2025-03-31,
     holds: [{element: notes, retention_rule: year-after-retirement}]}
  - {id: app, name: App, kind: APPLICATION, operated_by: vendor, holds: [{element: name, since: 2026-01-05}]}
agreements:
  - {id: dpa, kind: DPA, with: vendor, effective_on: 2024-07-01, expires_on: 2026-06-30, destruction_days: 60}
events:
  - {id: exit-2019, kind: WITHDRAWAL, occurred_on: 2019-06-10, concerns: [sis]}
  - {id: exit-2024, kind: WITHDRAWAL, occurred_on: 2024-06-10, concerns: [sis]}
  - {id: exit-2027, kind: WITHDRAWAL, occurred_on: 2027-06-10, concerns: [sis]}
""")
    found = by_cohort(compute_deadlines(store, AS_OF))
    # Each withdrawal on or before the date starts the clock of its cohort; a future one does not.
    early, late = found[("sis", "scores", "exit-2019")], found[("sis", "scores", "exit-2024")]
    assert (early.due_on, early.status) == (date(2024, 6, 10), DeadlineStatus.OVERDUE)
    assert (late.due_on, late.status) == (date(2029, 6, 10), DeadlineStatus.SCHEDULED)
    assert "event exit-2019" in early.explanation
    assert ("sis", "scores", "exit-2027") not in found
    notes = found[("old", "notes", None)]
    assert (notes.due_on, notes.rule) == (date(2026, 3, 31), "year-after-retirement")
    # The provider's copy: its own rule says 2029, the agreement's clause says 60 days after it ends.
    app = found[("app", "name", None)]
    assert (app.due_on, app.rule, app.status) == (date(2026, 8, 29), "dpa", DeadlineStatus.OVERDUE)
    assert {c.basis for c in app.candidates} == {"element default", "agreement clause"}
    assert "agreement clause dpa" in app.explanation


def test_a_copy_may_not_outlive_its_source_through_two_hops(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, BASE + """
systems:
  - {id: sis, name: SIS, kind: SIS, operated_by: district,
     holds: [{element: name, since: 2024-01-01}, {element: counts, since: 2024-01-01}]}
  - {id: warehouse, name: Warehouse, kind: WAREHOUSE, operated_by: district,
     holds: [{element: name, since: 2024-01-01, retention_rule: ten-years},
             {element: counts, since: 2024-01-01, retention_rule: ten-years}]}
  - {id: app, name: App, kind: APPLICATION, operated_by: district,
     holds: [{element: name, since: 2024-01-01, retention_rule: ten-years}]}
flows:
  - {id: sis-to-warehouse, from: sis, to: warehouse, carries: [name, counts]}
  - {id: warehouse-to-app, from: warehouse, to: app, carries: [name]}
""")
    found = by_holding(compute_deadlines(store, AS_OF))
    source = found[("sis", "name")]
    assert source.due_on == date(2027, 1, 1) and not source.conflict
    for system in ("warehouse", "app"):
        copy = found[(system, "name")]
        assert copy.own_due_on == date(2034, 1, 1)
        assert copy.due_on == date(2027, 1, 1)
        assert copy.conflict
    assert found[("warehouse", "name")].bound_by == ("sis", "name")
    assert found[("app", "name")].bound_by == ("sis", "name")  # the source two flows up
    assert "a copy may not outlive its source" in found[("app", "name")].explanation
    # Aggregate counts are exempt: the warehouse may keep them longer than the SIS.
    counts = found[("warehouse", "counts")]
    assert counts.due_on == date(2034, 1, 1) and not counts.conflict and counts.bound_by is None


def test_binding_through_a_cycle_terminates(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, BASE + """
systems:
  - {id: a, name: A, kind: SIS, holds: [{element: name, since: 2026-01-01}]}
  - {id: b, name: B, kind: LMS, holds: [{element: name, since: 2020-01-01}]}
flows:
  - {id: a-to-b, from: a, to: b, carries: [name]}
  - {id: b-to-a, from: b, to: a, carries: [name]}
""")
    found = by_holding(compute_deadlines(store, AS_OF))
    assert found[("a", "name")].due_on == found[("b", "name")].due_on == date(2023, 1, 1)
    assert found[("a", "name")].conflict and not found[("b", "name")].conflict


def test_deadlines_depend_only_on_the_graph_and_as_of(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, BASE + """
systems:
  - {id: sis, name: SIS, kind: SIS, holds: [{element: name, since: 2023-01-10}]}
""")
    early = compute_deadlines(store, date(2025, 1, 1))
    late = compute_deadlines(store, date(2027, 1, 1))
    assert early[0].status == DeadlineStatus.SCHEDULED and late[0].status == DeadlineStatus.OVERDUE
    assert compute_deadlines(store, date(2025, 1, 1)) == early
