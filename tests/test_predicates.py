"""The domain's predicates that the web UI's lineage shows through the API: whether a
legal basis holds on a day, and whether a flow has one that does."""

from __future__ import annotations

from datetime import date

from catalog.predicates import basis_in_force, flow_basis_in_force, leaves_district

from .rules_support import view_of

CATALOG = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
  - {id: school, name: Lincoln Elementary, kind: SCHOOL}
  - {id: vendor, name: Acme Learning, kind: SERVICE_PROVIDER}
systems:
  - {id: sis, name: SIS, kind: SIS, operated_by: district}
  - {id: school-app, name: Library app, kind: APPLICATION, operated_by: school}
  - {id: vendor-app, name: Acme Reading, kind: APPLICATION, operated_by: vendor}
  - {id: loose-app, name: Nobody's app, kind: APPLICATION}
elements:
  - {id: student-name, name: Student name, category: identity, sensitivity: PII, subject: STUDENT}
mandates:
  - {id: state-law, name: State reporting, citation: "Ed. Code 49060"}
agreements:
  - {id: dpa, kind: DPA, with: vendor, covers: [student-name], signed_on: 2025-06-01,
     effective_on: 2025-07-01, expires_on: 2026-06-30}
  - {id: ended-dpa, kind: DPA, with: vendor, covers: [student-name], expires_on: 2027-06-30,
     terminated_on: 2026-01-31}
consents:
  - {id: release, name: Photo release, given_by: PARENT, covers: [student-name], collected_from: 2025-09-01,
     withdrawn_on: 2026-03-01}
flows:
  - {id: to-vendor, from: sis, to: vendor-app, carries: [student-name], under: [dpa]}
  - {id: to-vendor-bare, from: sis, to: vendor-app, carries: [student-name]}
  - {id: to-vendor-law, from: sis, to: vendor-app, carries: [student-name], under: [ended-dpa, state-law]}
  - {id: to-school, from: sis, to: school-app, carries: [student-name]}
  - {id: to-school-consent, from: sis, to: school-app, carries: [student-name], under: [release]}
  - {id: to-nobody, from: sis, to: loose-app, carries: [student-name]}
"""


def test_a_basis_holds_while_in_force_and_a_law_always() -> None:
    view = view_of(CATALOG)
    dpa, release, law = view.get_node("dpa"), view.get_node("release"), view.get_node("state-law")
    assert [basis_in_force(dpa, date(2025, m, 1)) for m in (6, 7)] == [False, True]  # effective, not signed
    assert basis_in_force(dpa, date(2026, 6, 30)) and not basis_in_force(dpa, date(2026, 7, 1))
    assert not basis_in_force(view.get_node("ended-dpa"), date(2026, 2, 1))  # terminated before it expires
    assert [basis_in_force(release, date(y, m, d)) for y, m, d in ((2025, 8, 31), (2026, 2, 28), (2026, 3, 1))] \
        == [False, True, False]  # withdrawn: no more from that day
    assert basis_in_force(law, date(1990, 1, 1)) and basis_in_force(law, date(2090, 1, 1))
    assert not basis_in_force(None, date(2026, 1, 1))  # not in the catalog
    assert not basis_in_force(view.get_node("student-name"), date(2026, 1, 1))  # not a basis at all


def test_a_flow_has_a_basis_in_force_or_needs_none_inside_the_district() -> None:
    view = view_of(CATALOG)
    day, later = date(2026, 1, 15), date(2026, 9, 1)
    assert flow_basis_in_force(view, "to-vendor", day) and not flow_basis_in_force(view, "to-vendor", later)
    assert not flow_basis_in_force(view, "to-vendor-bare", day)
    assert flow_basis_in_force(view, "to-vendor-law", later)  # the law holds when the agreement ended
    assert flow_basis_in_force(view, "to-school", later)  # stays in the district: needs none
    # One it names must hold, even inside the district.
    assert flow_basis_in_force(view, "to-school-consent", day) and not flow_basis_in_force(view, "to-school-consent",
                                                                                           later)
    # A system nobody is recorded to operate is not known to be outside: it is judged as inside.
    assert not leaves_district(view, "to-nobody") and flow_basis_in_force(view, "to-nobody", later)
    assert [leaves_district(view, f) for f in ("to-vendor", "to-school")] == [True, False]
