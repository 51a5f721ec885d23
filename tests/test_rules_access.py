"""Minimum access and data minimisation (principles 8 and 1-3), and the training of
everyone with access, the district's staff and its providers' (principle 9)."""

from __future__ import annotations

from datetime import date

from catalog.vocab import Severity

from .rules_support import findings, fired

# A district, a vendor and a state agency; an SIS holding a little of everything.
BASE = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
  - {id: vendor, name: Acme Learning, kind: SERVICE_PROVIDER}
  - {id: lab, name: University research lab, kind: RESEARCHER}
  - {id: state, name: State Department of Education, kind: STATE_AGENCY}
elements:
  - {id: local-id, name: Local student id, category: identity, sensitivity: PII, subject: STUDENT}
  - {id: birth-date, name: Birth date, category: demographic, sensitivity: PII, subject: STUDENT}
  - {id: test-score, name: Test score, category: assessment, sensitivity: PII, subject: STUDENT}
  - {id: iep, name: IEP accommodations, category: special_education, sensitivity: SENSITIVE, subject: STUDENT}
  - {id: allergy, name: Allergy, category: health, sensitivity: SENSITIVE, subject: STUDENT}
  - {id: first-name, name: First name, category: identity, sensitivity: DIRECTORY, subject: STUDENT}
  - {id: school-counts, name: Enrollment by school, category: enrollment, sensitivity: AGGREGATE, subject: STUDENT}
purposes:
  - {id: testing, name: State testing, category: ASSESSMENT, requires: [local-id, test-score]}
  - {id: routing, name: Bus routing, category: OPERATIONS, requires: [first-name]}
  - {id: reporting, name: Board reporting, category: REPORTING, requires: [school-counts]}
  - {id: first-aid, name: First aid, category: SAFETY, requires: [allergy]}
systems:
  - id: sis
    name: SIS
    kind: SIS
    operated_by: district
    holds: [{element: local-id}, {element: birth-date}, {element: test-score}, {element: iep},
            {element: first-name}, {element: school-counts}]
  - {id: health-office, name: Health office, kind: APPLICATION, operated_by: district,
     holds: [{element: allergy}, {element: birth-date}]}
  - {id: dashboards, name: Dashboards, kind: REPORTING, operated_by: district,
     holds: [{element: school-counts}, {element: first-name}]}
  - {id: vendor-app, name: Acme Reading, kind: APPLICATION, operated_by: vendor}
  - {id: lab-enclave, name: Research enclave, kind: WAREHOUSE, operated_by: lab}
  - {id: state-db, name: State warehouse, kind: WAREHOUSE, operated_by: state}
  - {id: warehouse, name: District warehouse, kind: WAREHOUSE, operated_by: district}
  - {id: roster-app, name: Roster app, kind: APPLICATION, operated_by: district, holds: [{element: birth-date}]}
  - {id: scores, name: Score app, kind: ASSESSMENT, operated_by: district,
     holds: [{element: test-score}, {element: local-id}, {element: school-counts}]}
"""


# Principle 8: grant-beyond-purpose -----------------------------------------------------


def test_a_system_grant_exposes_everything_the_system_holds_beyond_need() -> None:
    # The coordinator needs two of the SIS's elements; a read grant on it shows the rest.
    text = BASE + """
roles:
  - {id: coordinator, name: Assessment coordinator, serves: [testing], requires_training: [t],
     can_access: [{target: sis, level: read}]}
trainings:
  - {id: t, name: Test security}
"""
    found = findings(text, "grant-beyond-purpose")
    assert [(f.node, f.severity, f.elements) for f in found] == [
        ("coordinator", Severity.HIGH, ("birth-date", "iep"))]
    message = found[0].message
    assert '"Assessment coordinator" (coordinator) has read access to system "SIS" (sis)' in message
    assert "require only 2 of the personal data elements it holds" in message
    assert '2 data elements ("Birth date" (birth-date), "IEP accommodations" (iep))' in message
    assert "1 of them is SENSITIVE" in message and "worst case" not in message
    assert "Narrow the grant" in found[0].remedy


def test_a_system_grant_whose_excess_is_personal_but_not_sensitive_is_medium() -> None:
    text = BASE + """
roles:
  - {id: nurse, name: Nurse, serves: [first-aid], can_access: [{target: health-office, level: write}]}
"""
    found = findings(text, "grant-beyond-purpose")
    assert [(f.node, f.severity, f.elements) for f in found] == [("nurse", Severity.MEDIUM, ("birth-date",))]
    assert "write access" in found[0].message and "SENSITIVE" not in found[0].message


def test_admin_on_a_system_the_role_needs_nothing_of_is_the_worst_case() -> None:
    # Transportation needs a first name; admin on the health office gives it every allergy.
    text = BASE + """
roles:
  - {id: transportation, name: Transportation, serves: [routing],
     can_access: [{target: health-office, level: admin}, {target: first-name}]}
"""
    found = findings(text, "grant-beyond-purpose")
    assert [(f.node, f.severity, f.elements) for f in found] == [
        ("transportation", Severity.HIGH, ("allergy", "birth-date"))]
    assert "admin access" in found[0].message and "worst case" in found[0].message
    assert "Remove the role's access" in found[0].remedy


def test_one_needed_element_no_longer_excuses_a_grant_on_the_whole_system() -> None:
    # The nurses' system also keeps the first name that routing needs.
    text = BASE.replace("holds: [{element: allergy}, {element: birth-date}]",
                        "holds: [{element: allergy}, {element: birth-date}, {element: first-name}]") + """
roles:
  - {id: transportation, name: Transportation, serves: [routing], can_access: [{target: health-office, level: admin}]}
"""
    found = findings(text, "grant-beyond-purpose")
    assert [(f.node, f.severity, f.elements) for f in found] == [
        ("transportation", Severity.HIGH, ("allergy", "birth-date"))]
    assert "require only 0" not in found[0].message and "require none of its personal data" in found[0].message
    assert "worst case" not in found[0].message and "Narrow the grant" in found[0].remedy


def test_admin_on_a_needless_system_of_personal_data_is_high_even_without_sensitive_data() -> None:
    text = BASE + """
roles:
  - {id: transportation, name: Transportation, serves: [routing], can_access: [{target: roster-app, level: admin}]}
  - {id: clerk, name: Clerk, serves: [routing], can_access: [{target: roster-app, level: read}]}
"""
    found = {f.node: f for f in findings(text, "grant-beyond-purpose")}
    assert (found["transportation"].severity, found["clerk"].severity) == (Severity.HIGH, Severity.MEDIUM)
    assert "worst case" in found["transportation"].message and "worst case" not in found["clerk"].message


def test_element_grants_no_purpose_requires_are_one_finding_per_role() -> None:
    text = BASE + """
roles:
  - {id: coordinator, name: Assessment coordinator, serves: [testing],
     can_access: [{target: test-score}, {target: allergy}, {target: birth-date}, {target: first-name}]}
  - {id: intern, name: Intern, can_access: [{target: birth-date}]}
"""
    found = findings(text, "grant-beyond-purpose")
    assert [(f.node, f.severity, f.elements) for f in found] == [
        ("coordinator", Severity.HIGH, ("allergy", "birth-date")),
        ("intern", Severity.MEDIUM, ("birth-date",)),
    ]
    assert "2 data elements" in found[0].message and "1 of them is SENSITIVE" in found[0].message
    assert "serves no purpose" in found[1].message


def test_grants_within_purpose_or_on_non_personal_data_are_quiet() -> None:
    # The dashboards hold a directory name and aggregate counts: nobody is exposed.
    text = BASE + """
roles:
  - {id: coordinator, name: Assessment coordinator, serves: [testing],
     can_access: [{target: scores, level: admin}, {target: test-score, level: write},
                  {target: dashboards}, {target: first-name}, {target: school-counts}]}
"""
    assert fired(text, "grant-beyond-purpose") == []


# Principles 1-3: flow-beyond-purpose ---------------------------------------------------

FLOWS = BASE + """
flows:
  - {id: sis-to-vendor, name: Roster sync, from: sis, to: vendor-app, for: [routing],
     carries: [first-name, local-id]}
"""


def test_a_flow_leaving_the_district_with_elements_no_purpose_requires() -> None:
    found = findings(FLOWS, "flow-beyond-purpose")
    assert [(f.node, f.severity, f.principle, f.elements) for f in found] == [
        ("sis-to-vendor", Severity.MEDIUM, "1-3", ("local-id",))]
    assert '"Local student id" (local-id)' in found[0].message
    assert '"Acme Learning" (vendor)' in found[0].message and '"Bus routing" (routing)' in found[0].message


def test_flow_beyond_purpose_is_graded_by_what_the_excess_reveals() -> None:
    text = BASE + """
flows:
  # No purpose at all: everything it carries is beyond purpose.
  - {id: sis-to-lab, from: sis, to: lab-enclave, carries: [iep, test-score]}
  # A directory name the purpose does not need: disclosed, but little is revealed.
  - {id: sis-to-vendor, from: sis, to: vendor-app, for: [testing], carries: [local-id, first-name]}
"""
    found = findings(text, "flow-beyond-purpose")
    assert [(f.node, f.severity, f.elements) for f in found] == [
        ("sis-to-lab", Severity.HIGH, ("iep", "test-score")),
        ("sis-to-vendor", Severity.LOW, ("first-name",)),
    ]
    assert "it serves no purpose" in found[0].message and "1 of them is SENSITIVE" in found[0].message


def test_flow_beyond_purpose_is_quiet_inside_the_district_within_purpose_and_once_ended() -> None:
    text = BASE + """
flows:
  - {id: sis-to-warehouse, from: sis, to: warehouse, for: [routing], carries: [first-name, iep]}
  - {id: sis-to-vendor, from: sis, to: vendor-app, for: [routing, testing],
     carries: [first-name, local-id, test-score]}
  - {id: old-export, from: sis, to: state-db, for: [routing], carries: [iep], ended_on: 2026-08-31}
"""
    assert fired(text, "flow-beyond-purpose") == []
    # The ended flow counts while it ran.
    assert fired(text, "flow-beyond-purpose", as_of=date(2026, 8, 31)) == [("flow-beyond-purpose", "old-export")]


# Principle 9: role-without-training ----------------------------------------------------


def test_a_role_with_access_to_student_data_that_requires_no_training() -> None:
    text = BASE + """
roles:
  - {id: aide, name: Health aide, can_access: [{target: health-office}]}
  - {id: clerk, name: Clerk, can_access: [{target: birth-date}]}
"""
    found = findings(text, "role-without-training")
    assert [(f.node, f.severity, f.elements) for f in found] == [
        ("aide", Severity.HIGH, ("allergy", "birth-date")),
        ("clerk", Severity.MEDIUM, ("birth-date",)),
    ]
    assert "1 of them SENSITIVE" in found[0].message


def test_role_without_training_is_quiet_when_trained_or_without_personal_data() -> None:
    text = BASE + """
trainings:
  - {id: ferpa, name: FERPA basics}
roles:
  - {id: aide, name: Health aide, requires_training: [ferpa], can_access: [{target: health-office}]}
  - {id: board, name: Board member, can_access: [{target: dashboards}, {target: school-counts}]}
  - {id: visitor, name: Visitor}
"""
    assert fired(text, "role-without-training") == []


# Principle 9: the training of providers' staff -----------------------------------------

PROVIDERS = BASE + """
trainings:
  - {id: ferpa, name: FERPA basics, valid_for: P1Y}
  - {id: security, name: Security awareness}
"""


def agreement(extra: str, **fields: str) -> str:
    keys = {"id": "dpa", "kind": "DPA", "with": "vendor", "effective_on": "2025-07-01", "expires_on": "2027-06-30",
            **fields}
    return "\nagreements:\n  - {" + ", ".join(f"{k}: {v}" for k, v in keys.items()) + "}\n" + extra


def test_a_provider_that_has_not_attested_the_training_its_agreement_requires() -> None:
    text = PROVIDERS + agreement("", requires_training="[ferpa, security]")
    found = findings(text, "provider-training-missing")
    assert [(f.node, f.severity) for f in found] == [("dpa", Severity.HIGH)]
    assert '"Acme Learning" (vendor)' in found[0].message and '"Security awareness" (security)' in found[0].message
    # An attestation dated after the day asked was not there on that day.
    late = PROVIDERS + agreement("", requires_training="[ferpa]", training_attested_on="2026-09-02")
    assert fired(late, "provider-training-missing") == [("provider-training-missing", "dpa")]


def test_provider_training_missing_is_quiet_when_attested_not_required_or_not_in_force() -> None:
    text = PROVIDERS + agreement("", requires_training="[ferpa]", training_attested_on="2026-09-01")
    assert fired(text, "provider-training-missing") == []
    assert fired(PROVIDERS + agreement(""), "provider-training-missing") == []
    ended = PROVIDERS + agreement("", requires_training="[ferpa]", expires_on="2026-06-30")
    assert fired(ended, "provider-training-missing") == []


def test_a_provider_whose_attestation_is_older_than_the_training_is_valid() -> None:
    # P1Y from 2025-08-01 lapsed on 2026-08-01; security never lapses.
    text = PROVIDERS + agreement("", requires_training="[ferpa, security]", training_attested_on="2025-08-01")
    found = findings(text, "provider-training-expired")
    assert [(f.node, f.severity) for f in found] == [("dpa", Severity.MEDIUM)]
    assert "2026-08-01" in found[0].message and "(security)" not in found[0].message
    assert fired(text, "provider-training-missing") == []


def test_provider_training_expired_is_quiet_while_the_attestation_is_valid() -> None:
    # Lapses on 2026-09-01 itself: still valid that day.
    text = PROVIDERS + agreement("", requires_training="[ferpa, security]", training_attested_on="2025-09-01")
    assert fired(text, "provider-training-expired") == []


SENSITIVE_FLOW = """
flows:
  - {id: sis-to-vendor, from: sis, to: vendor-app, carries: [iep, local-id], under: [dpa]}
"""


def test_an_agreement_that_lets_a_provider_or_researcher_receive_sensitive_data_requires_training() -> None:
    text = PROVIDERS + """
agreements:
  - {id: dpa, kind: DPA, with: vendor, effective_on: 2025-07-01}
  - {id: study, kind: RESEARCH, with: lab, effective_on: 2025-07-01}
flows:
  - {id: sis-to-vendor, from: sis, to: vendor-app, carries: [iep, local-id], under: [dpa]}
  - {id: sis-to-lab, from: sis, to: lab-enclave, carries: [allergy], under: [study]}
"""
    found = findings(text, "provider-training-not-required")
    assert [(f.node, f.severity, f.elements) for f in found] == [
        ("dpa", Severity.LOW, ("iep",)), ("study", Severity.LOW, ("allergy",))]
    assert '"Acme Learning" (vendor)' in found[0].message and '"IEP accommodations" (iep)' in found[0].message
    assert '"University research lab" (lab)' in found[1].message


def test_provider_training_not_required_quiet() -> None:
    cases = [
        agreement(SENSITIVE_FLOW, requires_training="[ferpa]"),  # training required
        agreement(SENSITIVE_FLOW.replace("iep, local-id", "local-id")),  # no sensitive data
        agreement(SENSITIVE_FLOW.replace("]}", "], ended_on: 2026-06-30}")),  # the flow has ended
        agreement(SENSITIVE_FLOW, expires_on="2026-06-30"),  # the agreement has ended
        agreement(SENSITIVE_FLOW.replace("vendor-app", "state-db"), kind="MOU", **{"with": "state"}),
    ]
    for case in cases:
        assert fired(PROVIDERS + case, "provider-training-not-required") == [], case
