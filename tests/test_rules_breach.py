"""Principle 10b: breach notification. The provider tells the district within its own
agreement's hours; the district tells families and the state within its own days."""

from __future__ import annotations

from catalog.vocab import Severity

from .rules_support import findings, fired

# Acme owes a notice within 72 hours, the SIS's host within 48, the researcher within 24.
BREACH = """
organizations:
  - {id: district, name: District, kind: DISTRICT, family_notice_days: 30, state_notice_days: 10}
  - {id: vendor, name: Acme Learning, kind: SERVICE_PROVIDER}
  - {id: host, name: Cloud Host, kind: SERVICE_PROVIDER}
  - {id: lab, name: University Lab, kind: RESEARCHER}
  - {id: old-vendor, name: Old Vendor, kind: SERVICE_PROVIDER}
elements:
  - {id: name, name: Student name, category: identity, sensitivity: PII, subject: STUDENT}
  - {id: rates, name: Attendance rates, category: derived, sensitivity: AGGREGATE, subject: STUDENT}
systems:
  - {id: sis, name: SIS, kind: SIS, operated_by: district, hosted_by: host, holds: [{element: name}]}
  - {id: vendor-app, name: Acme Reading, kind: APPLICATION, operated_by: vendor,
     holds: [{element: name}, {element: rates}]}
  - {id: enclave, name: Research enclave, kind: WAREHOUSE, operated_by: lab, holds: [{element: name}]}
  - {id: old-app, name: Old App, kind: APPLICATION, operated_by: old-vendor, holds: [{element: name}]}
flows:
  - {id: sis-to-app, from: sis, to: vendor-app, carries: [name], under: [dpa]}
  - {id: sis-to-lab, from: sis, to: enclave, carries: [name], under: [research]}
agreements:
  - {id: dpa, kind: DPA, with: vendor, breach_notice_hours: 72}
  - {id: hosting, kind: CONTRACT, with: host, breach_notice_hours: 48}
  - {id: research, kind: RESEARCH, with: lab, breach_notice_hours: 24}
  - {id: old-dpa, kind: DPA, with: old-vendor, breach_notice_hours: 24, expires_on: 2025-06-30}
incidents:
"""


def test_incident_notice_overdue_fires() -> None:
    text = BREACH + """
  # Acme discovered it on 08-01: due by 08-04 under its own 72 hours.
  - {id: late, name: Lost laptop, discovered_on: 2026-08-01, status: CLOSED, severity: HIGH,
     affects: [vendor-app, name], notified_on: 2026-08-10}
  - {id: silent, name: Leaked export, discovered_on: 2026-08-01, status: OPEN, severity: HIGH,
     affects: [vendor-app, name]}
  # The SIS's host found it: it owes the district a notice within 48 hours, by 08-03.
  - {id: at-the-host, name: Host misconfiguration, discovered_on: 2026-08-01, status: OPEN,
     severity: HIGH, affects: [sis], discovered_by: host}
  # A notice given after the date asked is not given yet, as of that date.
  - {id: later, name: Phishing, discovered_on: 2026-08-01, status: OPEN, severity: LOW,
     affects: [vendor-app], reported_on: 2026-09-15}
"""
    found = findings(text, "incident-notice-overdue")
    assert [f.node for f in found] == ["at-the-host", "late", "later", "silent"]
    host, late, later, silent = found
    assert '"Cloud Host" (host) had to tell the district' in host.message
    assert "by 2026-08-03, 48 hours after it was discovered on 2026-08-01" in host.message
    assert "agreement hosting" in host.message and host.severity == Severity.HIGH
    assert "by 2026-08-04" in late.message and "given on 2026-08-10, 6 day(s) late" in late.message
    assert late.severity == Severity.MEDIUM  # given, if late: a lesson, not harm still going on
    assert "notice of breach" in late.remedy
    assert "as of 2026-09-01 none is recorded" in later.message
    # The provider must tell the district, not the other way round.
    assert "Ask \"Acme Learning\" (vendor) for its breach notice now" in silent.remedy
    assert silent.severity == Severity.HIGH


def test_incident_notice_overdue_quiet() -> None:
    text = BREACH + """
  # Told on day 2, inside Acme's 72 hours: the researcher's 24 hours are not Acme's.
  - {id: day-two, name: Phishing, discovered_on: 2026-08-01, status: CLOSED, severity: LOW,
     affects: [vendor-app, name], notified_on: 2026-08-03}
  - {id: on-the-day, name: Misdirected email, discovered_on: 2026-08-01, status: CLOSED,
     severity: LOW, affects: [vendor-app], notified_on: 2026-08-04}
  # Due 2026-09-01, the date asked: not yet past.
  - {id: due-today, name: Stolen badge, discovered_on: 2026-08-29, status: OPEN, severity: LOW,
     affects: [vendor-app]}
  # The district found it itself: no provider owes it a notice.
  - {id: found-by-us, name: Audit finding, discovered_on: 2026-08-01, status: OPEN, severity: LOW,
     affects: [vendor-app], discovered_by: district}
  # Its agreement had ended by the day it was discovered: no notice period to hold it to.
  - {id: lapsed, name: Old breach, discovered_on: 2026-01-10, status: OPEN, severity: LOW,
     affects: [old-app]}
"""
    assert fired(text, "incident-notice-overdue") == []


def test_family_notice_overdue_fires() -> None:
    text = BREACH + """
  # The district's own system, found by the district on 07-01: families are due by 07-31.
  - {id: never-told, name: SIS breach, discovered_on: 2026-07-01, status: OPEN, severity: HIGH,
     affects: [sis], discovered_by: district}
  # At Acme: the district learned of it on 07-05, so families were due by 08-04.
  - {id: told-late, name: Acme breach, discovered_on: 2026-07-02, status: CLOSED, severity: HIGH,
     affects: [vendor-app, name], reported_on: 2026-07-05, families_notified_on: 2026-08-14}
"""
    found = findings(text, "family-notice-overdue")
    assert [(f.node, f.severity) for f in found] == [("never-told", Severity.HIGH), ("told-late", Severity.MEDIUM)]
    never, late = found
    assert "by 2026-07-31, 30 days after it learned of it on 2026-07-01" in never.message
    assert "Notify the affected families now" in never.remedy
    assert "by 2026-08-04" in late.message and "given on 2026-08-14, 10 day(s) late" in late.message


def test_family_notice_overdue_quiet() -> None:
    text = BREACH + """
  - {id: told, name: SIS breach, discovered_on: 2026-07-01, status: CLOSED, severity: HIGH,
     affects: [sis], discovered_by: district, families_notified_on: 2026-07-31}
  # The district learned of it from Acme on 08-10: families are due by 09-09.
  - {id: not-yet-due, name: Acme breach, discovered_on: 2026-08-09, status: OPEN, severity: HIGH,
     affects: [vendor-app, name], reported_on: 2026-08-10}
  # Acme has not told the district yet: the district's clock has not started (Acme's has).
  - {id: not-heard, name: Acme outage, discovered_on: 2026-06-01, status: OPEN, severity: HIGH,
     affects: [vendor-app, name]}
  # Only aggregate data was exposed, or no student: families are owed no notice.
  - {id: aggregate, name: Dashboard leak, discovered_on: 2026-06-01, status: OPEN, severity: LOW,
     affects: [vendor-app, rates], discovered_by: district}
  - {id: nobody, name: Empty bucket, discovered_on: 2026-06-01, status: OPEN, severity: LOW,
     affects: [sis], discovered_by: district, students_affected: 0}
"""
    assert fired(text, "family-notice-overdue") == []
    assert fired(text, "incident-notice-overdue") == [("incident-notice-overdue", "not-heard")]
    # Without a period in the district's state law, nothing to hold the district to.
    no_period = text.replace(", family_notice_days: 30, state_notice_days: 10", "").replace(
        "families_notified_on: 2026-07-31", "reviewed_on: 2026-08-01")
    assert fired(no_period, "family-notice-overdue") == fired(no_period, "state-notice-overdue") == []


def test_state_notice_overdue_fires() -> None:
    text = BREACH + """
  # Found on 07-01: the state is due a report by 07-11.
  - {id: late, name: SIS breach, discovered_on: 2026-07-01, status: OPEN, severity: HIGH,
     affects: [sis], discovered_by: district, state_notified_on: 2026-07-20}
  # Learned from Acme on 08-10: the state was due a report by 08-20.
  - {id: never, name: Acme breach, discovered_on: 2026-08-01, status: OPEN, severity: HIGH,
     affects: [vendor-app, name], reported_on: 2026-08-10}
"""
    found = findings(text, "state-notice-overdue")
    assert [(f.node, f.severity) for f in found] == [("late", Severity.MEDIUM), ("never", Severity.HIGH)]
    assert "to the state by 2026-07-11" in found[0].message
    assert "Report the breach to the state education agency now" in found[1].remedy


def test_state_notice_overdue_quiet() -> None:
    text = BREACH + """
  - {id: in-time, name: SIS breach, discovered_on: 2026-07-01, status: OPEN, severity: HIGH,
     affects: [sis], discovered_by: district, state_notified_on: 2026-07-11}
  - {id: due-soon, name: Acme breach, discovered_on: 2026-08-20, status: OPEN, severity: HIGH,
     affects: [vendor-app, name], reported_on: 2026-08-25}
"""
    assert fired(text, "state-notice-overdue") == []


def test_incident_not_reviewed_fires() -> None:
    text = BREACH + """
  - {id: unreviewed, name: Leaked export, discovered_on: 2026-08-01, status: OPEN, severity: HIGH,
     affects: [sis]}
  - {id: reviewed, name: Phishing, discovered_on: 2026-08-01, status: CLOSED, severity: LOW,
     affects: [sis], reviewed_on: 2026-08-15}
  # Reviewed only after the as-of date: not reviewed yet as of then.
  - {id: reviewed-later, name: Lost laptop, discovered_on: 2026-08-01, status: CLOSED, severity: LOW,
     affects: [sis], reviewed_on: 2026-10-01}
  # Discovered after the as-of date: nothing was owed yet.
  - {id: future, name: Future, discovered_on: 2026-10-01, status: OPEN, severity: LOW, affects: [sis]}
"""
    found = fired(text, "incident-not-reviewed")
    assert found == [("incident-not-reviewed", "reviewed-later"), ("incident-not-reviewed", "unreviewed")]


def test_incident_not_reviewed_quiet() -> None:
    text = BREACH + """
  - {id: reviewed, name: Phishing, discovered_on: 2026-08-01, status: CLOSED, severity: LOW,
     affects: [sis], reviewed_on: 2026-08-15}
"""
    assert fired(text, "incident-not-reviewed") == []


def test_breach_policy_missing_fires() -> None:
    text = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
  - {id: school, name: School, kind: SCHOOL}
policies:
  - {id: school-breach, name: Breach, kind: BREACH_RESPONSE, adopted_by: [school]}
  - {id: privacy, name: Privacy, kind: PRIVACY, adopted_by: [district]}
"""
    assert fired(text, "breach-policy-missing") == [("breach-policy-missing", "district")]


def test_breach_policy_missing_without_district() -> None:
    assert fired("{}\n", "breach-policy-missing") == [("breach-policy-missing", "catalog")]


def test_breach_policy_missing_quiet() -> None:
    text = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
policies:
  - {id: breach, name: Breach response, kind: BREACH_RESPONSE, adopted_by: [district]}
"""
    assert fired(text, "breach-policy-missing") == []
