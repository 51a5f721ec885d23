"""Principle 10a: who decides. Breach response (10b) is in test_rules_breach.py; security
practice (10c) and the families' contact and rights (10d) in test_rules_security.py."""

from __future__ import annotations

from catalog.vocab import Severity

from .rules_support import findings, fired

# unowned and no-governance-committee -------------------------------------------------

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


# not-accountable-to-committee ----------------------------------------------------------

# The committee answers to the district; the IT department answers to the committee.
CHAINS = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
  - {id: committee, name: Data Governance Committee, kind: COMMITTEE, accountable_to: [district]}
  - {id: it, name: IT Department, kind: OTHER, accountable_to: [committee]}
  - {id: school, name: School, kind: SCHOOL, accountable_to: [district]}
  - {id: vendor, name: Acme Learning, kind: SERVICE_PROVIDER}
  - {id: state, name: State Board, kind: STATE_AGENCY}
people:
  - {id: chair, name: Committee chair, member_of: [district, committee]}
  - {id: cio, name: CIO, member_of: [it], roles: [it-admin]}
  - {id: clerk, name: Clerk, member_of: [district]}
  - {id: principal, name: Principal, member_of: [school]}
  - {id: loner, name: Consultant}
roles:
  - {id: it-admin, name: IT administrator}
"""


def test_not_accountable_to_committee_fires() -> None:
    text = CHAINS + """
elements:
  - {id: birth-date, name: Birth date, category: demographic, sensitivity: PII, subject: STUDENT,
     stewards: [loner]}
systems:
  # A person outside every committee: their chain stops at the district.
  - {id: meals, name: Meals, kind: APPLICATION, operated_by: vendor, owners: [clerk]}
  # The vendor itself: nobody in the district answers for it.
  - {id: vendor-app, name: Acme Reading, kind: APPLICATION, operated_by: vendor, owners: [vendor]}
  # Run by the IT department, which answers to the committee, but owned by the principal.
  - {id: gradebook, name: Gradebook, kind: LMS, operated_by: it, owners: [principal]}
flows:
  - {id: meals-to-app, from: meals, to: vendor-app, owners: [clerk, vendor]}
"""
    found = findings(text, "not-accountable-to-committee")
    assert [f.node for f in found] == ["birth-date", "gradebook", "meals", "meals-to-app", "vendor-app"]
    messages = {f.node: f.message for f in found}
    assert 'whose chain stops at "District" (district)' in messages["meals"]
    assert '"Acme Learning" (vendor) (owner), an organisation outside the district' in messages["vendor-app"]
    assert '"Consultant" (loner) (steward), who belongs to no organisation' in messages["birth-date"]
    assert '"Data Governance Committee" (committee)' in messages["gradebook"]
    assert all(f.severity == Severity.MEDIUM for f in found)


def test_not_accountable_to_committee_quiet() -> None:
    text = CHAINS + """
elements:
  - {id: birth-date, name: Birth date, category: demographic, sensitivity: PII, subject: STUDENT,
     owners: [it-admin]}
  # Nobody answers for it at all: unowned says so, not this rule.
  - {id: shoe-size, name: Shoe size, category: demographic, sensitivity: PII, subject: STUDENT}
systems:
  - {id: sis, name: SIS, kind: SIS, operated_by: district, owners: [chair]}
  - {id: lms, name: LMS, kind: LMS, operated_by: district, owners: [cio]}
  # The vendor owns it, but a steward in the committee's chain answers for it.
  - {id: vendor-app, name: Acme Reading, kind: APPLICATION, operated_by: vendor, owners: [vendor],
     stewards: [cio]}
  # The state answers for its own system under its own law.
  - {id: state-sis, name: State SIS, kind: SIS, operated_by: state, owners: [state], stewards: [clerk]}
agreements:
  - {id: dpa, kind: DPA, with: vendor, owners: [committee]}
"""
    assert fired(text, "not-accountable-to-committee") == []
    assert fired(text, "unowned") == [("unowned", "shoe-size")]


def test_not_accountable_to_committee_waits_for_a_committee() -> None:
    # With no committee at all, no-governance-committee says it once, not once per node.
    text = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
people:
  - {id: clerk, name: Clerk, member_of: [district]}
systems:
  - {id: sis, name: SIS, kind: SIS, owners: [clerk]}
"""
    assert fired(text, "not-accountable-to-committee") == []
    assert fired(text, "no-governance-committee") == [("no-governance-committee", "district")]
