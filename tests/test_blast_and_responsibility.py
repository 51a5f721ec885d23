"""Blast radius of incidents, and who answers for what."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from catalog.blast import UnknownIncident, blast_radius
from catalog.responsibility import responsibility, unaccountable
from graph.store import Store

from .helpers import load_text

CATALOG = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
  - {id: committee, name: Data Governance Committee, kind: COMMITTEE, accountable_to: [district]}
  - {id: it, name: IT Department, kind: OTHER, accountable_to: [committee]}
  - {id: vendor, name: Vendor, kind: SERVICE_PROVIDER}
  - {id: analytics, name: Analytics Co, kind: SERVICE_PROVIDER}
people:
  - {id: cio, name: Chief Information Officer, roles: [it-admin], member_of: [it]}
  - {id: clerk, name: Clerk, member_of: [district]}
roles:
  - {id: it-admin, name: IT administrator, owners: [cio]}
elements:
  - {id: health, name: Health conditions, category: health, sensitivity: SENSITIVE, subject: STUDENT,
     owners: [it-admin]}
  - {id: lunch, name: Lunch balance, category: program, sensitivity: DIRECTORY, subject: STUDENT}
systems:
  - {id: sis, name: SIS, kind: SIS, operated_by: district, owners: [cio], stewards: [clerk],
     holds: [{element: health}, {element: lunch}]}
  - {id: app, name: App, kind: APPLICATION, operated_by: vendor, holds: [{element: health}]}
  - {id: bi, name: BI, kind: REPORTING, operated_by: analytics, holds: [{element: lunch}]}
agreements:
  - {id: dpa-vendor, kind: DPA, with: vendor, breach_notice_hours: 72, owners: [cio]}
  - {id: dpa-analytics, kind: DPA, with: analytics, breach_notice_hours: 720, owners: [cio]}
flows:
  - {id: sis-to-app, from: sis, to: app, carries: [health], under: [dpa-vendor], owners: [cio]}
  - {id: app-to-bi, from: app, to: bi, carries: [health], under: [dpa-analytics]}
incidents:
  - {id: inc-sis, name: SIS breach, discovered_on: 2026-08-20, status: OPEN, severity: HIGH, affects: [sis]}
  - {id: inc-vendor, name: Vendor breach, discovered_on: 2026-08-31, status: OPEN, severity: HIGH,
     affects: [vendor]}
"""


def test_blast_radius_reaches_downstream_providers_and_agreements(store: Store, tmp_path: Path) -> None:
    result = blast_radius(load_text(store, tmp_path, CATALOG), "inc-sis", date(2026, 9, 1))
    assert result.systems == ("app", "bi", "sis")
    assert result.flows == ("app-to-bi", "sis-to-app")
    assert result.elements == ("health", "lunch")
    assert result.providers == ("analytics", "vendor")
    assert result.agreements == ("dpa-analytics", "dpa-vendor")
    assert result.sensitive_categories == ("health",)
    notices = {n.agreement: n for n in result.notices}
    assert notices["dpa-vendor"].deadline == datetime(2026, 8, 23) and notices["dpa-vendor"].passed
    assert notices["dpa-analytics"].deadline == datetime(2026, 9, 19) and not notices["dpa-analytics"].passed
    assert result.notice_deadline == datetime(2026, 8, 23)


def test_blast_radius_through_an_affected_provider(store: Store, tmp_path: Path) -> None:
    result = blast_radius(load_text(store, tmp_path, CATALOG), "inc-vendor", date(2026, 9, 1))
    assert result.systems == ("app", "bi") and "sis" not in result.systems
    assert result.providers == ("analytics", "vendor")
    assert not any(n.passed for n in result.notices)
    later = blast_radius(store, "inc-vendor", date(2026, 9, 4))
    assert {n.agreement for n in later.notices if n.passed} == {"dpa-vendor"}


def test_unknown_incident(store: Store, tmp_path: Path) -> None:
    with pytest.raises(UnknownIncident):
        blast_radius(load_text(store, tmp_path, CATALOG), "sis", date(2026, 9, 1))


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
    assert found == [("app", "System"), ("bi", "System"), ("lunch", "DataElement"), ("app-to-bi", "Flow")]
    result = responsibility(store, "app")
    assert [(p.id, p.role) for p in result.parties] == [("vendor", "operator")]
    assert not result.accountable and not result.reaches_committee
