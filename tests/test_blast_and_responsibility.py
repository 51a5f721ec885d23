"""Blast radius of incidents, and who answers for what."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from catalog.blast import Audience, DutyStatus, UnknownIncident, blast_radius
from catalog.responsibility import responsibility, unaccountable
from graph.neo4j import Neo4jStore
from graph.store import Store

from .helpers import load_text
from .rules_support import view_of

CATALOG = """
organizations:
  - {id: district, name: District, kind: DISTRICT, family_notice_days: 30, state_notice_days: 15}
  - {id: committee, name: Data Governance Committee, kind: COMMITTEE, accountable_to: [district]}
  - {id: it, name: IT Department, kind: OTHER, accountable_to: [committee]}
  - {id: vendor, name: Vendor, kind: SERVICE_PROVIDER}
  - {id: analytics, name: Analytics Co, kind: SERVICE_PROVIDER}
  - {id: host, name: Cloud Host, kind: SERVICE_PROVIDER}
people:
  - {id: cio, name: Chief Information Officer, roles: [it-admin], member_of: [it]}
  - {id: clerk, name: Clerk, member_of: [district]}
roles:
  - {id: it-admin, name: IT administrator, owners: [cio]}
elements:
  - {id: health, name: Health conditions, category: health, sensitivity: SENSITIVE, subject: STUDENT,
     owners: [it-admin]}
  - {id: name, name: Student name, category: identity, sensitivity: PII, subject: STUDENT}
  - {id: lunch, name: Lunch balance, category: program, sensitivity: DIRECTORY, subject: STUDENT}
systems:
  - {id: sis, name: SIS, kind: SIS, operated_by: district, hosted_by: host, owners: [cio], stewards: [clerk],
     holds: [{element: health}, {element: name}, {element: lunch}]}
  - {id: app, name: App, kind: APPLICATION, operated_by: vendor, holds: [{element: health}, {element: name}]}
  - {id: bi, name: BI, kind: REPORTING, operated_by: analytics, holds: [{element: health}, {element: lunch}]}
  - {id: usage, name: Usage logs, kind: WAREHOUSE, operated_by: analytics, holds: [{element: name}]}
  - {id: board, name: Board reports, kind: FILE_STORE, operated_by: district, holds: [{element: lunch}]}
  - {id: tickets, name: Help desk, kind: APPLICATION, operated_by: it, owners: [clerk]}
agreements:
  - {id: dpa-vendor, kind: DPA, with: vendor, breach_notice_hours: 72, effective_on: 2024-07-01, owners: [cio]}
  - {id: dpa-vendor-2019, kind: DPA, with: vendor, breach_notice_hours: 24, expires_on: 2020-06-30}
  - {id: dpa-analytics, kind: DPA, with: analytics, breach_notice_hours: 720, owners: [cio]}
  - {id: hosting, kind: CONTRACT, with: host, breach_notice_hours: 48}
flows:
  - {id: sis-to-app, from: sis, to: app, carries: [health, name], under: [dpa-vendor], owners: [cio]}
  - {id: app-to-bi, from: app, to: bi, carries: [health], under: [dpa-analytics]}
  - {id: app-to-usage, from: app, to: usage, carries: [name], under: [dpa-analytics]}
  - {id: sis-to-board, from: sis, to: board, carries: [lunch]}
incidents:
  # At the district's own SIS, which a provider hosts.
  - {id: inc-sis, name: SIS breach, discovered_on: 2026-08-20, status: OPEN, severity: HIGH, affects: [sis]}
  # At the vendor, exposing health conditions only.
  - {id: inc-vendor, name: Vendor breach, discovered_on: 2026-08-31, status: OPEN, severity: HIGH,
     affects: [vendor, health], discovered_by: vendor, reported_on: 2026-09-01}
  # Somewhere lunch balances are kept: every holder is affected.
  - {id: inc-lunch, name: Lunch export, discovered_on: 2026-08-01, status: OPEN, severity: LOW, affects: [lunch]}
"""
AS_OF = date(2026, 9, 1)


def test_blast_radius_of_a_system_reaches_what_it_holds_and_where_that_flows(store: Store, tmp_path: Path) -> None:
    result = blast_radius(load_text(store, tmp_path, CATALOG), "inc-sis", AS_OF)
    assert result.systems == ("sis",)
    assert result.elements == ("health", "lunch", "name")  # all it holds
    assert result.onward == ("app", "bi", "board", "usage")
    assert result.flows == ("app-to-bi", "app-to-usage", "sis-to-app", "sis-to-board")
    # The host has the SIS's data as surely as the operators downstream have theirs.
    assert result.providers == ("analytics", "host", "vendor")
    # The vendor's agreement of 2019 had ended: not one of the incident's agreements.
    assert result.agreements == ("dpa-analytics", "dpa-vendor", "hosting")
    assert result.sensitive_categories == ("health", "identity")
    host, families, state = result.duties
    # The host owes the district its notice within 48 hours; it has not given it.
    assert (host.by, host.to, host.agreement, host.hours) == ("host", Audience.DISTRICT, "hosting", 48)
    assert (host.due_on, host.given_on, host.status) == (date(2026, 8, 22), None, DutyStatus.OVERDUE)
    # The district's clocks start when the host tells it.
    assert (families.by, families.to, families.days, families.status) == (
        "district", Audience.FAMILIES, 30, DutyStatus.NOT_STARTED)
    assert (state.to, state.days, state.starts_on, state.due_on) == (Audience.STATE, 15, None, None)


def test_blast_radius_follows_only_flows_that_carry_the_exposed_elements(store: Store, tmp_path: Path) -> None:
    result = blast_radius(load_text(store, tmp_path, CATALOG), "inc-vendor", AS_OF)
    assert result.affected == ("health", "vendor")
    assert result.systems == ("app",) and result.elements == ("health",)
    # Onward along app-to-bi, which carries health; not to the usage logs (names only),
    # and never upstream to the SIS.
    assert result.onward == ("bi",) and result.flows == ("app-to-bi",)
    assert result.providers == ("analytics", "vendor")
    assert result.agreements == ("dpa-analytics", "dpa-vendor")
    vendor, families, state = result.duties
    assert (vendor.agreement, vendor.due_on, vendor.given_on, vendor.status) == (
        "dpa-vendor", date(2026, 9, 3), date(2026, 9, 1), DutyStatus.GIVEN)
    assert (families.starts_on, families.due_on, families.status) == (date(2026, 9, 1), date(2026, 10, 1),
                                                                       DutyStatus.DUE)
    assert (state.due_on, state.status) == (date(2026, 9, 16), DutyStatus.DUE)
    # Asked before the vendor's notice: the district had not heard of it yet.
    earlier = blast_radius(store, "inc-vendor", date(2026, 8, 31))
    assert [d.status for d in earlier.duties] == [DutyStatus.DUE, DutyStatus.NOT_STARTED, DutyStatus.NOT_STARTED]


def test_blast_radius_of_an_element_named_nowhere_in_particular(store: Store, tmp_path: Path) -> None:
    result = blast_radius(load_text(store, tmp_path, CATALOG), "inc-lunch", AS_OF)
    assert result.systems == ("bi", "board", "sis") and result.elements == ("lunch",)
    assert result.onward == () and result.flows == ("sis-to-board",)
    # Directory data: the providers of the affected systems owe their notice, but
    # families and the state are owed none.
    assert [(d.by, d.to) for d in result.duties] == [("analytics", Audience.DISTRICT), ("host", Audience.DISTRICT)]
    assert result.sensitive_categories == ()


def test_unknown_incident(store: Store, tmp_path: Path) -> None:
    with pytest.raises(UnknownIncident):
        blast_radius(load_text(store, tmp_path, CATALOG), "sis", AS_OF)


def test_a_notice_period_past_the_calendar_ends_on_its_last_day() -> None:
    view = view_of(CATALOG.replace("breach_notice_hours: 72,", f"breach_notice_hours: {2**31 - 1},"))
    vendor = blast_radius(view, "inc-vendor", AS_OF).duties[0]
    assert (vendor.hours, vendor.due_on, vendor.status) == (2**31 - 1, date.max, DutyStatus.GIVEN)


def test_responsibility_lists_parties_and_chains_to_the_committee(store: Store, tmp_path: Path) -> None:
    result = responsibility(load_text(store, tmp_path, CATALOG), "sis")
    assert [(p.id, p.role) for p in result.parties] == [("cio", "owner"), ("clerk", "steward"),
                                                        ("district", "operator")]
    assert result.chains[0] == ("cio", "it", "committee")
    assert result.chains[1] == ("clerk", "district")
    assert result.reaches_committee and result.accountable


def test_a_role_owner_answers_through_the_people_who_hold_it(store: Store, tmp_path: Path) -> None:
    result = responsibility(load_text(store, tmp_path, CATALOG), "health")
    assert result.chains == (("it-admin", "it", "committee"),)


def test_nodes_with_no_accountable_party(store: Store, tmp_path: Path) -> None:
    found = unaccountable(load_text(store, tmp_path, CATALOG))
    assert found == [("app", "System"), ("bi", "System"), ("board", "System"), ("usage", "System"),
                     ("lunch", "DataElement"), ("name", "DataElement"), ("app-to-bi", "Flow"),
                     ("app-to-usage", "Flow"), ("sis-to-board", "Flow"), ("dpa-vendor-2019", "Agreement"),
                     ("hosting", "Agreement")]
    result = responsibility(store, "app")
    assert [(p.id, p.role) for p in result.parties] == [("vendor", "operator")]
    assert not result.accountable and not result.reaches_committee


def test_an_operator_answering_to_the_committee_does_not_make_a_node_accountable(store: Store,
                                                                                 tmp_path: Path) -> None:
    # The IT department runs the help desk and answers to the committee; the clerk who owns
    # it answers only to the district. Who runs a system is not who answers for it.
    result = responsibility(load_text(store, tmp_path, CATALOG), "tickets")
    assert [(p.id, p.role) for p in result.parties] == [("clerk", "owner"), ("it", "operator")]
    assert result.chains == (("clerk", "district"), ("it", "committee"))
    assert result.accountable and not result.reaches_committee


def _chain_of(length: int) -> str:
    """A system owned by a person at the bottom of `length` organisations, each answering
    to the next, the last to the committee."""
    orgs = [f"  - {{id: o{i}, name: Office {i}, kind: OTHER, accountable_to: [o{i + 1}]}}" for i in range(length)]
    return "\n".join(["organizations:", "  - {id: district, name: District, kind: DISTRICT}",
                      f"  - {{id: o{length}, name: Committee, kind: COMMITTEE, accountable_to: [district]}}",
                      *orgs, "people:", "  - {id: clerk, name: Clerk, member_of: [o0]}",
                      "systems:", "  - {id: sis, name: SIS, kind: SIS, operated_by: district, owners: [clerk]}", ""])


@pytest.mark.neo4j
def test_responsibility_costs_the_same_round_trips_however_long_the_chain(neo4j: Neo4jStore,
                                                                          tmp_path: Path) -> None:
    costs = []
    for length in (2, 12):
        neo4j.clear()
        store = load_text(neo4j, tmp_path, _chain_of(length))
        before = store.round_trips  # type: ignore[attr-defined]
        result = responsibility(store, "sis")
        costs.append(store.round_trips - before)  # type: ignore[attr-defined]
        assert result.chains[0] == ("clerk", *(f"o{i}" for i in range(length + 1)))
        assert result.reaches_committee
    assert costs[0] == costs[1] <= 8, costs
