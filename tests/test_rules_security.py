"""Principle 10c, security practice: personal data kept and moved under basic controls, by
a security policy. Principle 10d: a contact for families and a public statement of rights."""

from __future__ import annotations

from catalog.vocab import Severity

from .rules_support import findings, fired

# missing-security-controls ---------------------------------------------------------------

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
  # Retired, and what they held is destroyed: nothing left to protect.
  - {id: retired, name: Old SIS, kind: SIS, holds: [{element: name}], decommissioned_on: 2026-01-01}
  - {id: retired-today, name: Old LMS, kind: LMS, holds: [{element: name}, {element: iep}],
     decommissioned_on: 2026-09-01}
destructions:
  - {id: old-sis-wipe, of: [name], in: retired, performed_on: 2026-02-01}
  - {id: old-lms-wipe, of: [name, iep], in: retired-today, performed_on: 2026-08-31}
"""


def test_missing_security_controls_fires() -> None:
    text = SECURED.replace("destructions:", """\
  - {id: partial, name: Special ed app, kind: APPLICATION, holds: [{element: iep}],
     controls: [ENCRYPTION_AT_REST, SSO]}
  # Retired only after the as-of date: still in service then.
  - {id: retiring, name: Legacy LMS, kind: LMS, holds: [{element: name}], decommissioned_on: 2026-12-01}
  # Retired, but one of its two elements was never destroyed: it still holds it.
  - {id: half-wiped, name: Old gradebook, kind: LMS, holds: [{element: name}, {element: iep}],
     decommissioned_on: 2025-06-30, controls: [ENCRYPTION_AT_REST, MFA]}
destructions:
  - {id: gradebook-wipe, of: [iep], in: half-wiped, performed_on: 2025-07-01}""")
    found = findings(text, "missing-security-controls")
    assert [f.node for f in found] == ["half-wiped", "partial", "retiring"]
    half, partial, retiring = (f.message for f in found)
    assert "retired on 2025-06-30, still holds personal or sensitive data (1 element) without AUDIT_LOG" in half
    assert "destroy what it still holds" in found[0].remedy
    assert "MFA, AUDIT_LOG" in partial and "ENCRYPTION_AT_REST" not in partial
    assert "ENCRYPTION_AT_REST, MFA, AUDIT_LOG" in retiring and "retired" not in retiring


def test_missing_security_controls_quiet() -> None:
    assert fired(SECURED, "missing-security-controls") == []


# insecure-transfer -------------------------------------------------------------------------

TRANSFERS = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
elements:
  - {id: medication-log, name: Medication log, category: health, sensitivity: SENSITIVE, subject: STUDENT}
  - {id: name, name: Student name, category: identity, sensitivity: PII, subject: STUDENT}
  - {id: grade, name: Grade level, category: enrollment, sensitivity: DIRECTORY, subject: STUDENT}
  - {id: rates, name: Immunisation rates, category: derived, sensitivity: AGGREGATE, subject: STUDENT}
systems:
  - {id: health, name: Health office, kind: APPLICATION, controls: [ENCRYPTION_IN_TRANSIT]}
  - {id: sis, name: SIS, kind: SIS, controls: [ENCRYPTION_IN_TRANSIT]}
  - {id: plain, name: Old file server, kind: FILE_STORE, controls: [ENCRYPTION_AT_REST]}
flows:
"""


def test_insecure_transfer_fires() -> None:
    text = TRANSFERS + """
  - {id: meds-by-email, name: Medication log to the school, from: health, to: sis,
     carries: [medication-log, grade], method: EMAIL}
  - {id: names-by-hand, name: Class lists, from: sis, to: health, carries: [name], method: MANUAL}
  - {id: names-unencrypted, name: Nightly copy, from: sis, to: plain, carries: [name, medication-log],
     method: SFTP}
  - {id: both, name: Emailed to the file server, from: health, to: plain, carries: [name], method: EMAIL}
"""
    found = {f.node: f for f in findings(text, "insecure-transfer")}
    assert sorted(found) == ["both", "meds-by-email", "names-by-hand", "names-unencrypted"]
    meds = found["meds-by-email"]
    assert meds.elements == ("medication-log",) and meds.severity == Severity.HIGH  # the grade is directory data
    assert 'moves personal data element "Medication log" (medication-log) by EMAIL' in meds.message
    assert found["names-by-hand"].severity == Severity.MEDIUM and "by MANUAL" in found["names-by-hand"].message
    assert found["names-unencrypted"].elements == ("medication-log", "name")
    assert '2 personal data elements into "Old file server" (plain), which does not encrypt data in transit' \
        in found["names-unencrypted"].message
    assert "by EMAIL and into" in found["both"].message


def test_insecure_transfer_quiet() -> None:
    text = TRANSFERS + """
  - {id: meds-by-api, from: health, to: sis, carries: [medication-log], method: API}
  # Only directory and aggregate data, or a flow no longer (or not yet) running.
  - {id: rates-by-email, from: health, to: plain, carries: [rates, grade], method: EMAIL}
  - {id: ended, from: health, to: sis, carries: [medication-log], method: EMAIL, ended_on: 2026-06-30}
  - {id: future, from: sis, to: plain, carries: [name], method: MANUAL, started_on: 2026-10-01}
"""
    assert fired(text, "insecure-transfer") == []


# security-policy-missing -------------------------------------------------------------------


def test_security_policy_missing_fires() -> None:
    text = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
  - {id: school, name: School, kind: SCHOOL}
policies:
  - {id: school-security, name: Lab rules, kind: SECURITY, adopted_by: [school]}
"""
    found = findings(text, "security-policy-missing")
    assert [(f.node, f.severity) for f in found] == [("district", Severity.HIGH)]


def test_security_policy_missing_quiet() -> None:
    text = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
policies:
  - {id: security, name: Information security, kind: SECURITY, adopted_by: [district]}
"""
    assert fired(text, "security-policy-missing") == []


# 10d: a contact for families, and their rights in public ---------------------------------


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


RIGHTS = """
organizations:
  - {id: district, name: Riverside USD, kind: DISTRICT, contact: {email: privacy@example.org}}
  - {id: school, name: School, kind: SCHOOL}
policies:
"""
PUBLIC_RIGHTS = RIGHTS + """
  - {id: privacy, name: Privacy policy, kind: PRIVACY, public: true, url: https://example.org/privacy,
     adopted_by: [district]}
  - {id: ferpa-notice, name: Annual FERPA notice, kind: ANNUAL_NOTICE, public: true,
     url: https://example.org/ferpa, adopted_by: [district]}
"""


def test_rights_statements_fire() -> None:
    # A privacy policy kept internal, and an annual notice only a school adopted.
    text = RIGHTS + """
  - {id: privacy, name: Privacy policy, kind: PRIVACY, public: false, url: https://example.org/privacy,
     adopted_by: [district]}
  - {id: school-notice, name: School notice, kind: ANNUAL_NOTICE, public: true, url: https://example.org/n,
     adopted_by: [school]}
"""
    privacy, notice = findings(text, "no-public-privacy-policy"), findings(text, "no-annual-notice")
    assert [(f.node, f.severity) for f in privacy] == [("district", Severity.HIGH)]
    assert 'has adopted "Privacy policy" (privacy), but not publicly' in privacy[0].message
    assert [f.node for f in notice] == ["district"]
    assert "34 CFR 99.7" in notice[0].message and "has adopted none" in notice[0].message
    # One published without a url is not one a family can find.
    no_url = PUBLIC_RIGHTS.replace("url: https://example.org/ferpa, ", "")
    assert fired(no_url, "no-annual-notice") == [("no-annual-notice", "district")]
    assert fired(no_url, "no-public-privacy-policy") == []


def test_rights_statements_quiet() -> None:
    assert fired(PUBLIC_RIGHTS, "no-public-privacy-policy") == []
    assert fired(PUBLIC_RIGHTS, "no-annual-notice") == []
