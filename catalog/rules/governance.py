"""Principle 10: governance (who decides), breach response, security practice and a
designated contact for families."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from catalog.blast import blast_radius
from catalog.findings import Issue, rule
from catalog.predicates import GOVERNED, is_personal
from catalog.rules._common import date_of, district_node, district_policies, districts, named
from catalog.view import Snapshot
from catalog.vocab import Control, Label, OrgKind, PolicyKind, RelType, Severity

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


@rule("incident-notice-overdue", "10b", Severity.HIGH, "Incidents past their breach notice deadline")
def incident_notice_overdue(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for incident in view.of_label(Label.INCIDENT):
        deadline = blast_radius(view, incident.id, as_of).notice_deadline
        if deadline is None or deadline.date() >= as_of:
            continue
        notified = date_of(incident, "reported_on")
        if notified is not None and notified <= deadline.date():
            continue
        status = f"notice was given late, on {notified}" if notified else "no notice is recorded"
        yield Issue(
            incident.id,
            f"The breach notice for incident {named(view, incident.id)} was due under its provider "
            f"agreements by {deadline:%Y-%m-%d %H:%M}, and {status}.",
            "Notify the affected providers and families now, record `reported_on`, and review why "
            "the deadline was missed.",
        )


@rule("incident-not-reviewed", "10b", Severity.MEDIUM, "Incidents whose blast radius was never reviewed")
def incident_not_reviewed(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for incident in view.of_label(Label.INCIDENT):
        discovered, reviewed = date_of(incident, "discovered_on"), date_of(incident, "reviewed_on")
        # An incident not yet discovered as of the date, or reviewed by then, owes nothing.
        if (discovered and discovered > as_of) or (reviewed and reviewed <= as_of):
            continue
        yield Issue(
            incident.id,
            f"Incident {named(view, incident.id)} has not been reviewed: nobody has confirmed "
            "which systems, data, providers and agreements it reached.",
            "Review its blast radius (`steward blast-radius`) with the committee, and record "
            "`reviewed_on` on the incident.",
        )


@rule("breach-policy-missing", "10b", Severity.HIGH, "No breach response policy")
def breach_policy_missing(view: Snapshot, as_of: date) -> Iterator[Issue]:
    if district_policies(view, PolicyKind.BREACH_RESPONSE):
        return
    node = district_node(view)
    who = f"The district {named(view, node)}" if view.get_node(node) else "No district"
    yield Issue(
        node,
        f"{who} has adopted no breach response policy: nothing says who is told of a breach, "
        "by when, and what remedies follow.",
        "Adopt a breach response policy, publish it, and record it (kind BREACH_RESPONSE, "
        "`adopted_by` the district).",
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
