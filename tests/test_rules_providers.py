"""The district's providers: hosts of its systems (principle 6), the organisations they
pass data on to (principle 6), and their agreements posted (principle 7)."""

from __future__ import annotations

from datetime import date

from catalog.vocab import Severity

from .rules_support import findings, fired

BASE = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
  - {id: school, name: Lincoln Elementary, kind: SCHOOL}
  - {id: vendor, name: Acme Learning, kind: SERVICE_PROVIDER}
  - {id: cloud, name: Nimbus Cloud, kind: SERVICE_PROVIDER}
  - {id: lapsed-host, name: Old Host, kind: SERVICE_PROVIDER}
  - {id: narrow-host, name: Narrow Host, kind: SERVICE_PROVIDER}
  - {id: bare-host, name: Bare Host, kind: SERVICE_PROVIDER}
  - {id: lab, name: University lab, kind: RESEARCHER}
  - {id: state, name: State Department of Education, kind: STATE_AGENCY}
elements:
  - {id: student-name, name: Student name, category: identity, sensitivity: PII, subject: STUDENT}
  - {id: grades, name: Grades, category: grades, sensitivity: PII, subject: STUDENT}
  - {id: health, name: Health notes, category: health, sensitivity: SENSITIVE, subject: STUDENT}
"""


# host-without-agreement ----------------------------------------------------------------

HOSTING = BASE + """
systems:
  - {id: sis, name: SIS, kind: SIS, operated_by: district, hosted_by: lapsed-host,
     holds: [{element: student-name}, {element: grades}]}
  - {id: nurse, name: Nurse office, kind: APPLICATION, operated_by: school, hosted_by: narrow-host,
     holds: [{element: student-name}, {element: grades}, {element: health}]}
  - {id: files, name: Shared files, kind: FILE_STORE, operated_by: district, hosted_by: bare-host,
     holds: [{element: grades}]}
  - {id: lms, name: LMS, kind: LMS, operated_by: district, hosted_by: cloud, holds: [{element: grades}]}
  - {id: on-premises, name: Library, kind: APPLICATION, operated_by: district, hosted_by: district,
     holds: [{element: grades}]}
  - {id: vendor-app, name: Acme Reading, kind: APPLICATION, operated_by: vendor, hosted_by: vendor,
     holds: [{element: grades}]}
  - {id: vendor-cloud-app, name: Acme Math, kind: APPLICATION, operated_by: vendor, hosted_by: cloud,
     holds: [{element: health}]}
  - {id: empty, name: Not yet used, kind: APPLICATION, operated_by: district, hosted_by: bare-host}
agreements:
  - {id: host-old, kind: CONTRACT, with: lapsed-host, covers: [student-name, grades],
     effective_on: 2021-07-01, expires_on: 2026-06-30}
  - {id: host-narrow, kind: DPA, with: narrow-host, covers: [student-name], effective_on: 2024-07-01}
  - {id: cloud-dpa, kind: DPA, with: cloud, covers: [grades], effective_on: 2024-07-01}
  - {id: vendor-dpa, kind: DPA, with: vendor, covers: [grades, health], subprocessors: [cloud],
     effective_on: 2024-07-01}
"""


def test_host_without_agreement_fires() -> None:
    found = {f.node: f for f in findings(HOSTING, "host-without-agreement")}
    assert set(found) == {"files", "nurse", "sis"}
    # No agreement at all: everything the system holds sits with the host under no terms.
    assert '"Bare Host" (bare-host)' in found["files"].message and "under no agreement" in found["files"].message
    assert found["files"].elements == ("grades",)
    # An agreement that lapsed: why, on the date asked.
    assert 'agreement host-old expired on 2026-06-30' in found["sis"].message
    assert found["sis"].elements == ("grades", "student-name")
    # One in force that does not cover what the system holds: those elements, listed.
    assert found["nurse"].elements == ("grades", "health")
    assert "2 data elements" in found["nurse"].message and "(host-narrow)" in found["nurse"].message
    assert all(f.severity == Severity.HIGH for f in found.values())
    assert "Sign an agreement" in found["files"].remedy


def test_host_without_agreement_quiet() -> None:
    # While the old contract was in force; a system on premises, one its operator hosts,
    # one whose host the operator's agreement names as a sub-processor, one holding nothing.
    assert fired(HOSTING, "host-without-agreement", as_of=date(2026, 6, 30)) == [
        ("host-without-agreement", "files"), ("host-without-agreement", "nurse")]
    covered = HOSTING.replace("covers: [student-name], effective_on", "covers: [student-name, grades, health], "
                              "effective_on").replace("hosted_by: bare-host,", "hosted_by: cloud,")
    assert fired(covered, "host-without-agreement", as_of=date(2026, 6, 30)) == []
    # Unnamed, the provider's host needs an agreement of its own covering what it holds.
    unnamed = covered.replace("subprocessors: [cloud],", "")
    [found] = findings(unnamed, "host-without-agreement", as_of=date(2026, 6, 30))
    assert (found.node, found.elements) == ("vendor-cloud-app", ("health",))


# subprocessor-not-named ----------------------------------------------------------------

ONWARD = BASE + """
systems:
  - {id: sis, name: SIS, kind: SIS, operated_by: district}
  - {id: vendor-app, name: Acme Reading, kind: APPLICATION, operated_by: vendor}
  - {id: vendor-reports, name: Acme Reports, kind: REPORTING, operated_by: vendor}
  - {id: cloud-store, name: Nimbus storage, kind: FILE_STORE, operated_by: cloud}
  - {id: lab-store, name: Lab store, kind: FILE_STORE, operated_by: lab}
  - {id: analytics, name: Analytics, kind: WAREHOUSE, operated_by: narrow-host}
agreements:
  - {id: vendor-dpa, kind: DPA, with: vendor, covers: [grades], subprocessors: [cloud],
     effective_on: 2024-07-01, expires_on: 2027-06-30}
  - {id: vendor-old, kind: DPA, with: vendor, covers: [grades], subprocessors: [narrow-host],
     effective_on: 2021-07-01, expires_on: 2024-06-30}
  - {id: lab-study, kind: RESEARCH, with: lab, covers: [grades], effective_on: 2024-07-01}
flows:
  - {id: sis-to-vendor, from: sis, to: vendor-app, carries: [grades], under: [vendor-dpa]}
  - {id: to-cloud, from: vendor-app, to: cloud-store, carries: [grades]}
  - {id: to-lab, name: Usage export, from: vendor-app, to: lab-store, carries: [grades]}
  - {id: to-analytics, from: vendor-app, to: analytics, carries: [grades], started_on: 2023-01-01}
  - {id: to-lab-under-study, from: vendor-app, to: lab-store, carries: [grades], under: [lab-study]}
  - {id: within-vendor, from: vendor-app, to: vendor-reports, carries: [grades]}
  - {id: back-home, from: vendor-app, to: sis, carries: [grades]}
"""


def test_subprocessor_not_named_fires() -> None:
    found = {f.node: f.message for f in findings(ONWARD, "subprocessor-not-named")}
    assert set(found) == {"to-analytics", "to-lab"}
    lab = found["to-lab"]
    assert '"Usage export" (to-lab)' in lab and '"Acme Learning" (vendor)' in lab
    assert '"University lab" (lab)' in lab and "no agreement of the provider names it" in lab
    # The agreement naming it ended: named, with when.
    assert "not in force on 2026-09-01" in found["to-analytics"] and "expired on 2024-06-30" in found["to-analytics"]
    # flow-without-basis does not say it again.
    assert not {"to-analytics", "to-lab"} & {n for _, n in fired(ONWARD, "flow-without-basis")}


def test_subprocessor_not_named_quiet() -> None:
    # While the old agreement was in force the analytics flow was allowed (and the cloud
    # was not yet); a named sub-processor, a flow under its own basis, back to the
    # district, within the provider.
    assert fired(ONWARD, "subprocessor-not-named", as_of=date(2024, 1, 1)) == [
        ("subprocessor-not-named", "to-cloud"), ("subprocessor-not-named", "to-lab")]
    allowed = ONWARD.replace("[cloud],", "[cloud, lab, narrow-host],")
    assert fired(allowed, "subprocessor-not-named") == []
    assert fired(allowed, "flow-without-basis") == [("flow-without-basis", "within-vendor")]


def test_a_flow_that_ended_is_judged_on_its_last_day() -> None:
    ended = ONWARD.replace("started_on: 2023-01-01", "started_on: 2023-01-01, ended_on: 2024-05-31")
    assert "to-analytics" not in {n for _, n in fired(ended, "subprocessor-not-named")}
    later = ONWARD.replace("started_on: 2023-01-01", "started_on: 2023-01-01, ended_on: 2024-08-31")
    assert "not in force on 2024-08-31" in {f.node: f.message for f in findings(later, "subprocessor-not-named")}[
        "to-analytics"]


# agreement-not-posted ------------------------------------------------------------------

POSTING = BASE + """
agreements:
  - {id: vendor-dpa, kind: DPA, with: vendor, effective_on: 2024-07-01, expires_on: 2027-06-30}
  - {id: lab-study, kind: RESEARCH, with: lab, effective_on: 2025-01-01}
  - {id: posted, kind: DPA, with: cloud, effective_on: 2024-07-01, public_url: https://example.org/cloud.pdf}
  - {id: ended, kind: DPA, with: narrow-host, effective_on: 2020-07-01, expires_on: 2023-06-30}
  - {id: next-year, kind: DPA, with: bare-host, effective_on: 2027-07-01}
  - {id: state-mou, kind: MOU, with: state, effective_on: 2020-07-01}
"""


def test_agreement_not_posted_fires() -> None:
    found = findings(POSTING, "agreement-not-posted")
    assert [f.node for f in found] == ["lab-study", "vendor-dpa"]
    assert '"Acme Learning" (vendor)' in found[1].message and "105 ILCS 85/27" in found[1].message
    assert "`public_url`" in found[1].remedy and found[1].severity == Severity.MEDIUM


def test_agreement_not_posted_quiet() -> None:
    # Before any of them took effect; posted, ended, not yet in force, or with an agency.
    assert fired(POSTING, "agreement-not-posted", as_of=date(2024, 6, 1)) == []
    posted = POSTING.replace("expires_on: 2027-06-30}", "expires_on: 2027-06-30, public_url: https://example.org/a.pdf}")
    assert fired(posted.replace("effective_on: 2025-01-01}", "effective_on: 2025-01-01, public_url: "
                                "https://example.org/b.pdf}"), "agreement-not-posted") == []
