"""Principle 10: who decides (10a), security controls (10c) and a contact for families
(10d). Breach response (10b) is in test_rules_breach.py."""

from __future__ import annotations

from catalog.vocab import Severity

from .rules_support import findings, fired

# 10a: unowned and no-governance-committee -------------------------------------------

GOVERNED = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
  - {id: vendor, name: Acme Learning, kind: SERVICE_PROVIDER}
people:
  - {id: dana, name: Dana Reyes}
purposes:
  - {id: enrollment, name: Enrollment, category: OPERATIONS}
"""


def test_unowned_fires_graded_by_label() -> None:
    text = GOVERNED + """
elements:
  - {id: stewarded, name: Birth date, category: demographic, sensitivity: PII, subject: STUDENT, stewards: [dana]}
  - {id: loose-element, name: Shoe size, category: demographic, sensitivity: PII, subject: STUDENT}
systems:
  - {id: sis, name: SIS, kind: SIS, owners: [dana]}
  - {id: lms, name: LMS, kind: LMS, stewards: [dana]}
  - {id: loose-system, name: Spreadsheet, kind: FILE_STORE}
flows:
  - {id: loose-flow, from: sis, to: lms}
agreements:
  - {id: owned-dpa, kind: DPA, with: vendor, owners: [district]}
  - {id: loose-dpa, kind: DPA, with: vendor}
"""
    found = findings(text, "unowned")
    assert [(f.rule, f.node) for f in found] == [("unowned", "loose-dpa"), ("unowned", "loose-element"),
                                                 ("unowned", "loose-flow"), ("unowned", "loose-system")]
    severities = {f.node: f.severity for f in found}
    assert severities["loose-system"] == Severity.HIGH
    assert {severities[n] for n in ("loose-dpa", "loose-element", "loose-flow")} == {Severity.MEDIUM}


def test_unowned_quiet() -> None:
    # The purpose has no owner, but purposes are principle 1-3's business.
    text = GOVERNED + """
elements:
  - {id: stewarded, name: Birth date, category: demographic, sensitivity: PII, subject: STUDENT, stewards: [dana]}
systems:
  - {id: sis, name: SIS, kind: SIS, owners: [dana]}
  - {id: lms, name: LMS, kind: LMS, owners: [district]}
flows:
  - {id: owned-flow, from: sis, to: lms, owners: [dana]}
agreements:
  - {id: owned-dpa, kind: DPA, with: vendor, owners: [district]}
"""
    assert fired(text, "unowned") == []


def test_no_governance_committee_fires() -> None:
    text = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
  - {id: school, name: School, kind: SCHOOL}
"""
    assert fired(text, "no-governance-committee") == [("no-governance-committee", "district")]


def test_no_governance_committee_without_district() -> None:
    assert fired("{}\n", "no-governance-committee") == [("no-governance-committee", "catalog")]


def test_no_governance_committee_quiet() -> None:
    text = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
  - {id: committee, name: Data Governance Committee, kind: COMMITTEE, accountable_to: [district]}
"""
    assert fired(text, "no-governance-committee") == []


# 10c: security controls --------------------------------------------------------------

SECURED = """
elements:
  - {id: name, name: Student name, category: identity, sensitivity: PII, subject: STUDENT}
  - {id: iep, name: IEP, category: special_education, sensitivity: SENSITIVE, subject: STUDENT}
  - {id: directory, name: Grade level, category: enrollment, sensitivity: DIRECTORY, subject: STUDENT}
  - {id: counts, name: Counts, category: derived, sensitivity: AGGREGATE, subject: STUDENT}
systems:
  - {id: secured, name: SIS, kind: SIS, holds: [{element: name}, {element: iep}],
     controls: [ENCRYPTION_AT_REST, MFA, AUDIT_LOG]}
  - {id: public-only, name: Reports, kind: REPORTING, holds: [{element: directory}, {element: counts}]}
  - {id: retired, name: Old SIS, kind: SIS, holds: [{element: name}], decommissioned_on: 2026-01-01}
  - {id: retired-today, name: Old LMS, kind: LMS, holds: [{element: name}], decommissioned_on: 2026-09-01}
"""


def test_missing_security_controls_fires() -> None:
    text = SECURED + """
  - {id: partial, name: Special ed app, kind: APPLICATION, holds: [{element: iep}],
     controls: [ENCRYPTION_AT_REST, SSO]}
  # Retired only after the as-of date: still in service then.
  - {id: retiring, name: Legacy LMS, kind: LMS, holds: [{element: name}], decommissioned_on: 2026-12-01}
"""
    found = findings(text, "missing-security-controls")
    assert [(f.rule, f.node) for f in found] == [("missing-security-controls", "partial"),
                                                 ("missing-security-controls", "retiring")]
    partial, retiring = (f.message for f in found)
    assert "MFA, AUDIT_LOG" in partial and "ENCRYPTION_AT_REST" not in partial
    assert "ENCRYPTION_AT_REST, MFA, AUDIT_LOG" in retiring


def test_missing_security_controls_quiet() -> None:
    assert fired(SECURED, "missing-security-controls") == []


# 10d: a contact for families ----------------------------------------------------------


def test_no_public_contact_fires() -> None:
    text = """
organizations:
  - {id: riverside, name: Riverside USD, kind: DISTRICT, contact: {name: Privacy Office}}
  - {id: hillview, name: Hillview USD, kind: DISTRICT, contact: {email: privacy@hillview.example.org}}
  - {id: school, name: School, kind: SCHOOL}
"""
    found = findings(text, "no-public-contact")
    assert [(f.rule, f.node) for f in found] == [("no-public-contact", "riverside")]
    assert '"Riverside USD" (riverside)' in found[0].message


def test_no_public_contact_quiet() -> None:
    text = """
organizations:
  - {id: riverside, name: Riverside USD, kind: DISTRICT, contact: {url: https://riverside.example.org/privacy}}
  - {id: school, name: School, kind: SCHOOL}
"""
    assert fired(text, "no-public-contact") == []
