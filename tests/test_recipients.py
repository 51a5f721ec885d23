"""Who receives: the organisations outside the district that have a system's data, and
what reaches them through the flows running on a day. In memory: a pure reading of the graph."""

from __future__ import annotations

from datetime import date

from catalog.recipients import Delivery, deliveries, outside_parties

from .rules_support import view_of

CATALOG = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
  - {id: committee, name: Committee, kind: COMMITTEE}
  - {id: school, name: School, kind: SCHOOL}
  - {id: vendor, name: Vendor, kind: SERVICE_PROVIDER}
  - {id: host, name: Cloud host, kind: SERVICE_PROVIDER}
  - {id: state, name: State, kind: STATE_AGENCY}
elements:
  - {id: name, name: Name, category: identity, sensitivity: PII, subject: STUDENT}
  - {id: marks, name: Marks, category: grades, sensitivity: PII, subject: STUDENT}
systems:
  - {id: sis, name: SIS, kind: SIS, operated_by: district, hosted_by: host}
  - {id: gradebook, name: Gradebook, kind: LMS, operated_by: school}
  - {id: minutes, name: Minutes, kind: FILE_STORE, operated_by: committee}
  - {id: app, name: App, kind: APPLICATION, operated_by: vendor}
  - {id: state-sis, name: State SIS, kind: SIS, operated_by: state}
flows:
  - {id: gradebook-to-sis, from: gradebook, to: sis, carries: [marks]}
  - {id: sis-to-gradebook, from: sis, to: gradebook, carries: [name]}
  - {id: sis-to-minutes, from: sis, to: minutes, carries: [name]}
  - {id: sis-to-app, from: sis, to: app, carries: [name, marks], started_on: 2024-08-01}
  - {id: old-sis-to-app, from: sis, to: app, carries: [name], ended_on: 2025-06-30}
  - {id: sis-to-state, from: sis, to: state-sis, carries: [marks], started_on: 2026-10-01}
"""


def test_outside_parties_are_the_operators_and_hosts_outside_the_district() -> None:
    view = view_of(CATALOG)
    found = outside_parties(view, ["sis", "gradebook", "minutes", "app", "state-sis", "nowhere"])
    # Schools and committees are inside the district; a host has the data as surely as an operator.
    assert found == {"app": ["vendor"], "sis": ["host"], "state-sis": ["state"]}


def test_deliveries_are_the_flows_running_on_the_day_into_outside_hands() -> None:
    view = view_of(CATALOG)
    assert deliveries(view, date(2026, 9, 1)) == [
        Delivery("host", "marks", "gradebook-to-sis", "sis"),
        Delivery("vendor", "marks", "sis-to-app", "app"),
        Delivery("vendor", "name", "sis-to-app", "app"),
    ]
    # Before the vendor's current flow started its old one ran; the state's starts later.
    assert deliveries(view, date(2024, 1, 1)) == [
        Delivery("host", "marks", "gradebook-to-sis", "sis"),
        Delivery("vendor", "name", "old-sis-to-app", "app"),
    ]
    assert Delivery("state", "marks", "sis-to-state", "state-sis") in deliveries(view, date(2026, 10, 1))
