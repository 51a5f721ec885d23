"""Principle 7: public rules for use and destruction, and destruction on time."""

from __future__ import annotations

from .rules_support import findings, fired

# agreement-without-destruction --------------------------------------------------------

PARTNERS = """
organizations:
  - {id: vendor, name: Acme Learning, kind: SERVICE_PROVIDER}
  - {id: university, name: State University, kind: RESEARCHER}
  - {id: state, name: State Department of Education, kind: STATE_AGENCY}
retention_rules:
  - {id: purge-at-end, name: Purge at end, period: P30D, trigger: AGREEMENT_END, action: DESTROY}
"""


def test_agreement_without_destruction_fires() -> None:
    text = PARTNERS + """
agreements:
  - {id: dpa-vendor, name: Acme DPA, kind: DPA, with: vendor}
  - {id: dpa-vendor-clause, kind: DPA, with: vendor, destruction_days: 0}
  - {id: study-rule, kind: RESEARCH, with: university, requires_destruction: [purge-at-end]}
  - {id: study-bare, kind: RESEARCH, with: university}
  - {id: mou-state, kind: MOU, with: state}
"""
    found = findings(text, "agreement-without-destruction")
    assert [(f.rule, f.node) for f in found] == [("agreement-without-destruction", "dpa-vendor"),
                                                 ("agreement-without-destruction", "study-bare")]
    assert '"Acme DPA" (dpa-vendor)' in found[0].message and '"Acme Learning" (vendor)' in found[0].message


def test_agreement_without_destruction_quiet() -> None:
    text = PARTNERS + """
agreements:
  - {id: dpa-vendor-clause, kind: DPA, with: vendor, destruction_days: 60}
  - {id: study-rule, kind: RESEARCH, with: university, requires_destruction: [purge-at-end]}
  - {id: mou-state, kind: MOU, with: state}
"""
    assert fired(text, "agreement-without-destruction") == []


# element-without-retention ------------------------------------------------------------

HOLDINGS = """
retention_rules:
  - {id: five-years, name: Five years, period: P5Y, trigger: WITHDRAWAL, action: DESTROY}
elements:
  - {id: with-default, name: Grades, category: grades, sensitivity: PII, subject: STUDENT,
     retained_under: five-years}
  - {id: overridden, name: Attendance, category: attendance, sensitivity: PII, subject: STUDENT}
  - {id: unheld, name: Shoe size, category: demographic, sensitivity: PII, subject: STUDENT}
"""


def test_element_without_retention_fires() -> None:
    text = HOLDINGS + """
  - {id: bare, name: Lunch balance, category: program, sensitivity: PII, subject: STUDENT}
systems:
  - id: sis
    name: SIS
    kind: SIS
    holds: [{element: with-default}, {element: overridden, retention_rule: five-years}, {element: bare}]
  - {id: lms, name: LMS, kind: LMS, holds: [{element: bare, retention_rule: five-years}]}
"""
    found = findings(text, "element-without-retention")
    assert [(f.rule, f.node) for f in found] == [("element-without-retention", "bare")]
    assert '"SIS" (sis)' in found[0].message and "(lms)" not in found[0].message


def test_element_without_retention_quiet() -> None:
    text = HOLDINGS + """
systems:
  - id: sis
    name: SIS
    kind: SIS
    holds: [{element: with-default}, {element: overridden, retention_rule: five-years}]
"""
    assert fired(text, "element-without-retention") == []


# policy-missing and policy-not-public ------------------------------------------------


def test_policy_missing_fires_per_kind() -> None:
    # A school's retention policy is not the district's.
    text = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
  - {id: school, name: School, kind: SCHOOL}
policies:
  - {id: privacy, name: Privacy, kind: PRIVACY, adopted_by: [district]}
  - {id: school-retention, name: Retention, kind: RETENTION, adopted_by: [school]}
"""
    found = findings(text, "policy-missing")
    assert [(f.rule, f.node) for f in found] == [("policy-missing", "district")]
    assert "retention policy" in found[0].message


def test_policy_missing_without_district() -> None:
    assert fired("{}\n", "policy-missing") == [("policy-missing", "catalog")] * 2


def test_policy_missing_quiet() -> None:
    text = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
policies:
  - {id: privacy, name: Privacy, kind: PRIVACY, adopted_by: [district]}
  - {id: retention, name: Retention, kind: RETENTION, adopted_by: [district]}
"""
    assert fired(text, "policy-missing") == []


def test_policy_not_public_fires() -> None:
    text = """
policies:
  - {id: published, name: Privacy, kind: PRIVACY, public: true, url: https://example.org/privacy}
  - {id: internal, name: Retention, kind: RETENTION, public: false, url: https://example.org/retention}
  - {id: no-url, name: Breach response, kind: BREACH_RESPONSE, public: true}
  - {id: unset, name: Security, kind: SECURITY}
"""
    found = findings(text, "policy-not-public")
    assert [(f.rule, f.node) for f in found] == [("policy-not-public", "internal"), ("policy-not-public", "no-url"),
                                                 ("policy-not-public", "unset")]
    assert "no URL" in found[1].message


def test_policy_not_public_quiet() -> None:
    text = """
policies:
  - {id: published, name: Privacy, kind: PRIVACY, public: true, url: https://example.org/privacy}
"""
    assert fired(text, "policy-not-public") == []


# destruction-overdue and retention-outlives-source (from catalog.deadlines) ---------

DEADLINES = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
retention_rules:
  - {id: one-year, name: One year, period: P1Y, trigger: COLLECTION, action: DESTROY}
  - {id: three-years, name: Three years, period: P3Y, trigger: COLLECTION, action: DESTROY}
elements:
  - {id: student-name, name: Student name, category: identity, sensitivity: PII, subject: STUDENT,
     retained_under: one-year}
  - {id: counts, name: Enrollment counts, category: derived, sensitivity: AGGREGATE, subject: STUDENT,
     retained_under: one-year}
"""


def test_destruction_overdue_fires() -> None:
    text = DEADLINES + """
systems:
  # Collected 2024-01-01, one year: due 2025-01-01, overdue on 2026-09-01.
  - {id: sis, name: SIS, kind: SIS, holds: [{element: student-name, since: 2024-01-01}]}
  # Due 2027-01-01: scheduled.
  - {id: lms, name: LMS, kind: LMS, holds: [{element: student-name, since: 2026-01-01}]}
  # Overdue too, but destroyed.
  - {id: old-files, name: Old files, kind: FILE_STORE, holds: [{element: student-name, since: 2020-01-01}]}
destructions:
  - {id: purge, of: [student-name], in: old-files, performed_on: 2021-02-01}
"""
    found = findings(text, "destruction-overdue")
    assert [(f.rule, f.node) for f in found] == [("destruction-overdue", "sis")]
    assert '"Student name" (student-name)' in found[0].message and "2025-01-01" in found[0].message


def test_destruction_overdue_quiet() -> None:
    text = DEADLINES + """
systems:
  - {id: lms, name: LMS, kind: LMS, holds: [{element: student-name, since: 2026-01-01}]}
"""
    assert fired(text, "destruction-overdue") == []


def test_retention_outlives_source_fires() -> None:
    text = DEADLINES + """
systems:
  - id: sis
    name: SIS
    kind: SIS
    holds: [{element: student-name, since: 2026-01-01}, {element: counts, since: 2026-01-01}]
  # Keeps its copy three years: longer than the SIS's one. Aggregates are exempt.
  - id: warehouse
    name: Warehouse
    kind: WAREHOUSE
    holds:
      - {element: student-name, since: 2026-01-01, retention_rule: three-years}
      - {element: counts, since: 2026-01-01, retention_rule: three-years}
  # Same rule as its source: no conflict.
  - {id: lms, name: LMS, kind: LMS, holds: [{element: student-name, since: 2026-01-01}]}
flows:
  - {id: to-warehouse, from: sis, to: warehouse, carries: [student-name, counts]}
  - {id: to-lms, from: sis, to: lms, carries: [student-name]}
"""
    found = findings(text, "retention-outlives-source")
    assert [(f.rule, f.node) for f in found] == [("retention-outlives-source", "warehouse")]
    assert '"Student name" (student-name)' in found[0].message and '"SIS" (sis)' in found[0].message


def test_retention_outlives_source_quiet() -> None:
    text = DEADLINES + """
systems:
  - {id: sis, name: SIS, kind: SIS, holds: [{element: student-name, since: 2026-01-01}]}
  - {id: lms, name: LMS, kind: LMS, holds: [{element: student-name, since: 2026-01-01}]}
flows:
  - {id: to-lms, from: sis, to: lms, carries: [student-name]}
"""
    assert fired(text, "retention-outlives-source") == []
