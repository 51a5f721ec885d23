"""Principle 6: sharing only under a basis, within its terms, with consent where the
purpose is not educational."""

from __future__ import annotations

from datetime import date

from catalog.vocab import Severity

from .rules_support import findings, fired

BASE = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
  - {id: school, name: Lincoln Elementary, kind: SCHOOL}
  - {id: vendor, name: Acme Learning, kind: SERVICE_PROVIDER}
  - {id: state, name: State Department of Education, kind: STATE_AGENCY}
systems:
  - {id: sis, name: SIS, kind: SIS, operated_by: district}
  - {id: school-app, name: Library app, kind: APPLICATION, operated_by: school}
  - {id: vendor-app, name: Acme Reading, kind: APPLICATION, operated_by: vendor}
  - {id: state-db, name: State warehouse, kind: WAREHOUSE, operated_by: state}
elements:
  - {id: student-name, name: Student name, category: identity, sensitivity: PII, subject: STUDENT}
  - {id: grades, name: Grades, category: grades, sensitivity: PII, subject: STUDENT}
purposes:
  - {id: instruction, name: Reading instruction, category: INSTRUCTION}
  - {id: marketing, name: Product marketing, category: MARKETING, educational: false}
mandates:
  - {id: state-law, name: State reporting, citation: "Ed. Code 49060"}
"""

AGREEMENTS = """
agreements:
  - {id: dpa, kind: DPA, with: vendor, covers: [student-name], permits: [instruction],
     effective_on: 2025-07-01, expires_on: 2027-06-30}
consents:
  - {id: release, name: Marketing release, given_by: PARENT, covers: [grades], for: [marketing]}
"""


# flow-without-basis ------------------------------------------------------------------


def test_flow_without_basis_fires() -> None:
    text = BASE + """
flows:
  - {id: to-vendor, name: Roster sync, from: sis, to: vendor-app, carries: [student-name]}
  - {id: to-school, from: sis, to: school-app, carries: [student-name]}
  - {id: to-state, from: sis, to: state-db, carries: [grades], under: [state-law]}
"""
    found = findings(text, "flow-without-basis")
    assert [(f.rule, f.node) for f in found] == [("flow-without-basis", "to-vendor")]
    assert '"Roster sync" (to-vendor)' in found[0].message
    assert '"Acme Learning" (vendor)' in found[0].message
    assert "end the flow" in found[0].remedy


def test_flow_without_basis_quiet() -> None:
    text = BASE + AGREEMENTS + """
flows:
  - {id: to-vendor, from: sis, to: vendor-app, carries: [student-name], under: [dpa]}
  - {id: to-school, from: sis, to: school-app, carries: [student-name]}
"""
    assert fired(text, "flow-without-basis") == []


# basis-expired -----------------------------------------------------------------------

EXPIRING = """
agreements:
  - {id: dpa-old, kind: DPA, with: vendor, effective_on: 2023-07-01, expires_on: 2026-06-30}
  - {id: dpa-terminated, kind: DPA, with: vendor, effective_on: 2023-07-01, expires_on: 2029-06-30,
     terminated_on: 2026-03-01}
  - {id: dpa-next, kind: DPA, with: vendor, effective_on: 2027-01-01, expires_on: 2029-06-30}
  - {id: dpa-current, kind: DPA, with: vendor, effective_on: 2025-07-01, expires_on: 2027-06-30}
consents:
  - {id: consent-old, name: Old release, given_by: PARENT, collected_from: 2025-01-01, expires_on: 2026-01-01}
"""


def test_basis_expired_fires() -> None:
    text = BASE + EXPIRING + """
flows:
  - {id: f-expired, from: sis, to: vendor-app, under: [dpa-old, consent-old]}
  - {id: f-terminated, from: sis, to: vendor-app, under: [dpa-terminated]}
  # Its last day is the as-of date: still active.
  - {id: f-last-day, from: sis, to: vendor-app, under: [dpa-old], ended_on: 2026-09-01}
  - {id: f-too-early, from: sis, to: vendor-app, under: [dpa-next]}
  - {id: f-renewed, from: sis, to: vendor-app, under: [dpa-old, dpa-current]}
  - {id: f-by-law, from: sis, to: state-db, under: [dpa-old, state-law]}
  - {id: f-ended, from: sis, to: vendor-app, under: [dpa-old], ended_on: 2026-05-01}
  - {id: f-later, from: sis, to: vendor-app, under: [dpa-old], started_on: 2026-10-01}
  - {id: f-no-basis, from: sis, to: vendor-app}
"""
    found = findings(text, "basis-expired")
    assert [(f.rule, f.node) for f in found] == [("basis-expired", "f-expired"), ("basis-expired", "f-last-day"),
                                                 ("basis-expired", "f-terminated"), ("basis-expired", "f-too-early")]
    expired, _, terminated, early = (f.message for f in found)
    assert "expired on 2026-06-30" in expired and "expired on 2026-01-01" in expired
    assert "terminated on 2026-03-01" in terminated
    assert "2027-01-01" in early


def test_basis_expired_quiet() -> None:
    text = BASE + EXPIRING + """
flows:
  - {id: f-renewed, from: sis, to: vendor-app, under: [dpa-old, dpa-current]}
  - {id: f-by-law, from: sis, to: state-db, under: [dpa-old, state-law]}
  - {id: f-ended, from: sis, to: vendor-app, under: [dpa-old], ended_on: 2026-05-01}
"""
    assert fired(text, "basis-expired") == []


def test_basis_expired_depends_on_the_date() -> None:
    text = BASE + EXPIRING + """
flows:
  - {id: f-expired, from: sis, to: vendor-app, under: [dpa-old]}
"""
    assert fired(text, "basis-expired", as_of=date(2026, 6, 30)) == []


# element-not-covered -----------------------------------------------------------------


def test_element_not_covered_fires() -> None:
    text = BASE + AGREEMENTS + """
flows:
  - {id: f-agreement, from: sis, to: vendor-app, carries: [student-name, grades], under: [dpa]}
  - {id: f-both, from: sis, to: vendor-app, carries: [student-name, grades], under: [dpa, release]}
  - {id: f-law, from: sis, to: state-db, carries: [grades], under: [dpa, state-law]}
  - {id: f-none, from: sis, to: school-app, carries: [grades]}
  - {id: f-consent, from: sis, to: vendor-app, carries: [student-name, grades], under: [release]}
"""
    found = findings(text, "element-not-covered")
    assert [(f.rule, f.node) for f in found] == [("element-not-covered", "f-agreement"),
                                                 ("element-not-covered", "f-consent")]
    assert '"Grades" (grades)' in found[0].message
    assert '"Student name" (student-name)' in found[1].message


def test_element_not_covered_one_finding_per_flow_listing_its_elements() -> None:
    text = BASE + """
agreements:
  - {id: dpa-empty, kind: DPA, with: vendor}
flows:
  - {id: f-narrow, from: sis, to: vendor-app, carries: [student-name, grades], under: [dpa-empty]}
"""
    [found] = findings(text, "element-not-covered")
    assert (found.node, found.elements, found.count) == ("f-narrow", ("grades", "student-name"), 2)
    assert "2 data elements" in found.message and "(grades)" in found.message and "(student-name)" in found.message


def test_element_not_covered_quiet() -> None:
    text = BASE + AGREEMENTS + """
flows:
  - {id: f-both, from: sis, to: vendor-app, carries: [student-name, grades], under: [dpa, release]}
  - {id: f-law, from: sis, to: state-db, carries: [grades], under: [dpa, state-law]}
"""
    assert fired(text, "element-not-covered") == []


# purpose-not-permitted ---------------------------------------------------------------


def test_purpose_not_permitted_fires() -> None:
    text = BASE + AGREEMENTS + """
flows:
  - {id: f-agreement, from: sis, to: vendor-app, for: [instruction, marketing], under: [dpa]}
  - {id: f-both, from: sis, to: vendor-app, for: [instruction, marketing], under: [dpa, release]}
  - {id: f-law, from: sis, to: state-db, for: [marketing], under: [dpa, state-law]}
  - {id: f-none, from: sis, to: school-app, for: [marketing]}
"""
    found = findings(text, "purpose-not-permitted")
    assert [(f.rule, f.node) for f in found] == [("purpose-not-permitted", "f-agreement")]
    assert '"Product marketing" (marketing)' in found[0].message
    assert found[0].severity == Severity.MEDIUM


def test_purpose_not_permitted_quiet() -> None:
    text = BASE + AGREEMENTS + """
flows:
  - {id: f-agreement, from: sis, to: vendor-app, for: [instruction], under: [dpa]}
  - {id: f-both, from: sis, to: vendor-app, for: [instruction, marketing], under: [dpa, release]}
"""
    assert fired(text, "purpose-not-permitted") == []


# non-educational-without-consent -----------------------------------------------------


def test_non_educational_without_consent_fires() -> None:
    text = BASE + AGREEMENTS + """
flows:
  - {id: f-agreement, from: sis, to: vendor-app, for: [marketing], under: [dpa]}
  - {id: f-internal, from: sis, to: school-app, for: [instruction, marketing]}
  - {id: f-consent, from: sis, to: vendor-app, for: [marketing], under: [dpa, release]}
  - {id: f-educational, from: sis, to: vendor-app, for: [instruction], under: [dpa]}
"""
    found = findings(text, "non-educational-without-consent")
    assert [(f.rule, f.node) for f in found] == [("non-educational-without-consent", "f-agreement"),
                                                 ("non-educational-without-consent", "f-internal")]
    assert all("(marketing)" in f.message for f in found)


def test_non_educational_without_consent_quiet() -> None:
    text = BASE + AGREEMENTS + """
flows:
  - {id: f-consent, from: sis, to: vendor-app, for: [marketing], under: [dpa, release]}
  - {id: f-educational, from: sis, to: vendor-app, for: [instruction], under: [dpa]}
"""
    assert fired(text, "non-educational-without-consent") == []


# basis-expired: a consent's window, on the date asked ------------------------------------

# As the example district's portrait offers: the flow ran a year before the consent was collected.
CONSENTS = """
consents:
  - {id: portraits, name: Portrait offers, given_by: PARENT, covers: [student-name], for: [marketing],
     collected_from: 2025-08-04, expires_on: 2027-07-31}
  - {id: withdrawn, name: Withdrawn release, given_by: PARENT, covers: [student-name], for: [marketing],
     collected_from: 2024-08-01, expires_on: 2028-07-31, withdrawn_on: 2026-03-15}
  - {id: withdrawn-later, name: Release withdrawn later, given_by: PARENT, covers: [student-name],
     collected_from: 2024-08-01, withdrawn_on: 2026-12-01}
  - {id: last-day, name: Release ending on the day asked, given_by: PARENT, collected_from: 2024-08-01,
     expires_on: 2026-09-01}
agreements:
  - {id: signed-later, kind: DPA, with: vendor, signed_on: 2026-10-01, expires_on: 2029-06-30}
flows:
  - {id: f-portraits, from: sis, to: vendor-app, under: [portraits], started_on: 2024-08-26}
  - {id: f-withdrawn, from: sis, to: vendor-app, under: [withdrawn]}
  - {id: f-withdrawn-later, from: sis, to: vendor-app, under: [withdrawn-later]}
  - {id: f-last-day, from: sis, to: vendor-app, under: [last-day]}
  - {id: f-signed-later, from: sis, to: vendor-app, under: [signed-later]}
"""


def test_basis_expired_fires_before_a_consent_is_collected_and_once_withdrawn() -> None:
    by_flow = {f.node: f.message for f in findings(BASE + CONSENTS, "basis-expired", as_of=date(2025, 1, 15))}
    assert set(by_flow) == {"f-portraits", "f-signed-later"}
    assert 'consent "Portrait offers" (portraits) was not yet collected (collected from 2025-08-04)' \
        in by_flow["f-portraits"]
    assert "only takes effect on 2026-10-01" in by_flow["f-signed-later"]  # signed, no effective date
    by_flow = {f.node: f.message for f in findings(BASE + CONSENTS, "basis-expired")}
    assert set(by_flow) == {"f-withdrawn", "f-signed-later"}
    assert 'consent "Withdrawn release" (withdrawn) was withdrawn on 2026-03-15' in by_flow["f-withdrawn"]
    # Expired and withdrawn: whichever came first is the reason.
    later = {f.node: f.message for f in findings(BASE + CONSENTS, "basis-expired", as_of=date(2028, 9, 1))}
    assert "was withdrawn on 2026-03-15" in later["f-withdrawn"]
    assert "expired on 2027-07-31" in later["f-portraits"] and "expired on 2026-09-01" in later["f-last-day"]


def test_basis_expired_quiet_while_each_consent_is_in_force() -> None:
    # The portrait flow once ran before its consent; on the date asked the consent holds.
    assert [n for _, n in fired(BASE + CONSENTS, "basis-expired")] == ["f-signed-later", "f-withdrawn"]
    assert fired(BASE + CONSENTS, "basis-expired", as_of=date(2026, 3, 14)) == [("basis-expired", "f-signed-later")]


# Mandates cover what their law names ---------------------------------------------------

# The base catalog with laws that name what they require, and an agreement that ended.
MANDATES = BASE.replace("purposes:", """purposes:
  - {id: reporting, name: State reporting, category: REPORTING}
  - {id: fundraising, name: Fundraising, category: MARKETING, educational: false}""").replace("mandates:", """mandates:
  - {id: grades-law, name: Grades reporting, citation: Ed. Code 1, covers: [grades], for: [reporting]}
  - {id: elements-law, name: Grades only, citation: Ed. Code 2, covers: [grades]}
  - {id: purpose-law, name: Reporting only, citation: Ed. Code 3, for: [reporting]}
  - {id: fundraising-law, name: Fundraising law, citation: Ed. Code 4, for: [fundraising]}""") + """
agreements:
  - {id: names-dpa, kind: MOU, with: state, covers: [student-name], permits: [reporting],
     effective_on: 2024-07-01, expires_on: 2025-06-30}
"""


def test_a_mandate_covers_only_what_its_law_names() -> None:
    text = MANDATES + """
flows:
  - {id: f-beyond, name: State file, from: sis, to: state-db, carries: [grades, student-name],
     for: [reporting, instruction], under: [grades-law]}
  - {id: f-elements-only, from: sis, to: state-db, carries: [grades], for: [instruction], under: [elements-law]}
  - {id: f-purpose-only, from: sis, to: state-db, carries: [grades, student-name], for: [instruction],
     under: [purpose-law]}
"""
    [element] = findings(text, "element-not-covered")
    assert (element.node, element.elements) == ("f-beyond", ("student-name",))
    assert '"Student name" (student-name)' in element.message and "(grades-law)" in element.message
    assert "covers only the elements and purposes its law names" in element.message
    purposes = [(f.node, f.message) for f in findings(text, "purpose-not-permitted")]
    assert [node for node, _ in purposes] == ["f-beyond", "f-purpose-only"]
    assert all('"Reading instruction" (instruction)' in message for _, message in purposes)


def test_what_a_mandate_does_not_cover_rests_on_the_other_bases_in_force() -> None:
    text = MANDATES + """
flows:
  - {id: f-beyond, from: sis, to: state-db, carries: [grades, student-name], for: [reporting],
     under: [grades-law, names-dpa]}
  - {id: f-within, from: sis, to: state-db, carries: [grades], for: [reporting], under: [grades-law, names-dpa]}
"""
    [expired] = findings(text, "basis-expired")
    assert expired.node == "f-beyond" and "expired on 2025-06-30" in expired.message
    assert fired(text, "element-not-covered") == []
    assert fired(text, "basis-expired", as_of=date(2025, 1, 1)) == []


def test_a_mandate_that_names_nothing_still_covers_the_whole_flow() -> None:
    text = MANDATES + """
flows:
  - {id: f-law, from: sis, to: state-db, carries: [grades, student-name], for: [reporting, marketing],
     under: [state-law, names-dpa]}
  - {id: f-named, from: sis, to: state-db, carries: [grades], for: [reporting], under: [grades-law]}
  - {id: f-split, from: sis, to: state-db, carries: [grades, student-name], for: [reporting],
     under: [grades-law, names-dpa]}
"""
    for rule in ("element-not-covered", "purpose-not-permitted", "basis-expired"):
        assert fired(text, rule, as_of=date(2025, 1, 1)) == [], rule
    assert fired(text, "basis-expired") == [("basis-expired", "f-split")]


def test_a_law_that_names_a_non_educational_purpose_needs_no_consent_for_it() -> None:
    text = MANDATES + """
flows:
  - {id: f-required, from: sis, to: state-db, carries: [grades], for: [fundraising], under: [fundraising-law]}
  - {id: f-unnamed, from: sis, to: state-db, carries: [grades], for: [marketing], under: [state-law]}
  - {id: f-other, from: sis, to: state-db, carries: [grades], for: [marketing], under: [fundraising-law]}
"""
    assert fired(text, "non-educational-without-consent") == [("non-educational-without-consent", "f-other"),
                                                              ("non-educational-without-consent", "f-unnamed")]
