"""Principle 10: governance (who decides), security practice and a designated contact for
families. Breach response is in `breach.py`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from catalog.findings import Issue, rule
from catalog.predicates import GOVERNED, is_personal
from catalog.rules._common import date_of, district_node, districts, named
from catalog.view import Snapshot
from catalog.vocab import Control, Label, OrgKind, RelType, Severity

NOUNS = {Label.SYSTEM: "System", Label.DATA_ELEMENT: "Data element", Label.FLOW: "Flow",
         Label.AGREEMENT: "Agreement"}
REQUIRED_CONTROLS = (Control.ENCRYPTION_AT_REST, Control.MFA, Control.AUDIT_LOG)


@rule("unowned", "10a", Severity.MEDIUM, "Systems, elements, flows and agreements nobody answers for")
def unowned(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for label in (g for g in GOVERNED if g != Label.PURPOSE):  # purposes: purpose-without-owner
        for node in view.of_label(label):
            if view.sources(node.id, RelType.OWNS) or view.sources(node.id, RelType.STEWARDS):
                continue
            yield Issue(
                node.id,
                f"{NOUNS[label]} {named(view, node.id)} has no owner and no steward: nobody answers "
                "for it to the governance committee.",
                "Name an owner (`owners`: a person, role or organisation) and, for data, a steward "
                "(`stewards`: a person).",
                # An unowned system is where data is actually exposed; the rest is paperwork.
                Severity.HIGH if label == Label.SYSTEM else None,
            )


@rule("no-governance-committee", "10a", Severity.HIGH, "No data governance committee")
def no_governance_committee(view: Snapshot, as_of: date) -> Iterator[Issue]:
    if any(o.get("kind") == OrgKind.COMMITTEE.value for o in view.of_label(Label.ORGANIZATION)):
        return
    yield Issue(
        district_node(view),
        "The catalog records no governance committee (an organisation of kind COMMITTEE): nobody "
        "is named to decide on data use, sharing and retention.",
        "Charter a data governance committee, record it with kind COMMITTEE and `accountable_to` "
        "the district, and make its members `member_of` it.",
    )


def _in_service(view: Snapshot, system: str, as_of: date) -> bool:
    node = view.get_node(system)
    retired = date_of(node, "decommissioned_on") if node else None
    return retired is None or retired > as_of


@rule("missing-security-controls", "10c", Severity.HIGH, "Sensitive data held without basic security controls")
def missing_security_controls(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for system in view.of_label(Label.SYSTEM):
        if not _in_service(view, system.id, as_of):
            continue
        sensitive = [e for e in view.targets(system.id, RelType.HOLDS)
                     if (n := view.get_node(e)) is not None and is_personal(n)]
        have = set(system.get("controls") or ())
        missing = [c.value for c in REQUIRED_CONTROLS if c.value not in have]
        if not sensitive or not missing:
            continue
        yield Issue(
            system.id,
            f"System {named(view, system.id)} holds personal or sensitive data ({len(sensitive)} "
            f"element{'s' if len(sensitive) != 1 else ''}) without {', '.join(missing)}.",
            f"Turn on {', '.join(missing)} in the system (or require it of the vendor) and record it "
            "in the system's `controls`.",
        )


@rule("no-public-contact", "10d", Severity.HIGH, "No designated contact for families")
def no_public_contact(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for district in districts(view):
        if district.get("contact_email") or district.get("contact_url"):
            continue
        yield Issue(
            district.id,
            f"The district {named(view, district.id)} names no public contact (email or web page) "
            "for families with questions about their data.",
            "Designate a contact (for example the privacy office) and record `contact` with an "
            "email and a url on the district.",
        )
