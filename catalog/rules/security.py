"""Principle 10c, a security process following industry practice: personal data kept
and moved under basic controls, by a security policy. Principle 10d, a designated
contact for families, and a public statement of their rights.

Personal data here is `is_personal` (PII or SENSITIVE), not only the sensitive kind: a
name beside a student id is what a breach law protects, and sent by email it is exposed
all the same. Sensitive data makes a finding HIGH."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from catalog.deadlines import DeadlineStatus
from catalog.findings import Issue, rule
from catalog.predicates import is_highly_sensitive, is_personal, runs_on
from catalog.records import NodeRecord
from catalog.rules._common import date_of, district_policies, districts, is_true, named, the_district
from catalog.rules.records import deadlines_of
from catalog.view import Snapshot
from catalog.vocab import Control, FlowMethod, Label, PolicyKind, RelType, Severity

REQUIRED_CONTROLS = (Control.ENCRYPTION_AT_REST, Control.MFA, Control.AUDIT_LOG)
# Ways of moving data that leave copies in mailboxes and on paper, outside any system's controls.
UNCONTROLLED_METHODS = frozenset({FlowMethod.EMAIL.value, FlowMethod.MANUAL.value})


def _still_held(view: Snapshot, as_of: date) -> dict[str, set[str]]:
    """Per system, the elements it still holds: a holding is gone once every cohort of it
    is destroyed (its deadline rows are all DESTROYED)."""
    kept: dict[str, set[str]] = {}
    for row in deadlines_of(view, as_of):
        if row.status != DeadlineStatus.DESTROYED:
            kept.setdefault(row.system, set()).add(row.element)
    return kept


def _personal(view: Snapshot, elements: Iterable[str]) -> list[NodeRecord]:
    nodes = (view.get_node(e) for e in sorted(elements))
    return [n for n in nodes if n is not None and is_personal(n)]


def _what(view: Snapshot, elements: tuple[str, ...]) -> str:
    if len(elements) == 1:
        return f"personal data element {named(view, elements[0])}"
    return f"{len(elements)} personal data elements"


def _grade(elements: list[NodeRecord]) -> Severity:
    return Severity.HIGH if any(is_highly_sensitive(e) for e in elements) else Severity.MEDIUM


@rule("missing-security-controls", "10c", Severity.HIGH, "Personal data held without basic security controls")
def missing_security_controls(view: Snapshot, as_of: date) -> Iterator[Issue]:
    held = _still_held(view, as_of)
    for system in view.of_label(Label.SYSTEM):
        # A retired system is checked like any other while it still holds the data.
        personal = _personal(view, held.get(system.id, set()))
        have = set(system.get("controls") or ())
        missing = [c.value for c in REQUIRED_CONTROLS if c.value not in have]
        if not personal or not missing:
            continue
        retired = date_of(system, "decommissioned_on")
        status = f", retired on {retired}, still" if retired and retired <= as_of else ""
        yield Issue(
            system.id,
            f"System {named(view, system.id)}{status} holds personal or sensitive data ({len(personal)} "
            f"element{'s' if len(personal) != 1 else ''}) without {', '.join(missing)}.",
            f"Turn on {', '.join(missing)} in the system (or require it of the vendor) and record it "
            "in the system's `controls`" + ("; or destroy what it still holds and record the "
                                            "destruction." if status else "."),
        )


@rule("insecure-transfer", "10c", Severity.MEDIUM, "Personal data sent by email, by hand or unencrypted")
def insecure_transfer(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for flow in view.of_label(Label.FLOW):
        personal = _personal(view, view.targets(flow.id, RelType.CARRIES))
        if not personal or not runs_on(flow, as_of):
            continue
        method, to = flow.get("method"), view.target(flow.id, RelType.TO)
        target = view.get_node(to) if to else None
        ways = [f"by {method}"] if method in UNCONTROLLED_METHODS else []
        if target is not None and Control.ENCRYPTION_IN_TRANSIT.value not in (target.get("controls") or ()):
            ways.append(f"into {named(view, target.id)}, which does not encrypt data in transit")
        if not ways:
            continue
        rows = tuple(e.id for e in personal)
        yield Issue(
            flow.id,
            f"Flow {named(view, flow.id)} moves {_what(view, rows)} {' and '.join(ways)}.",
            "Move it by an encrypted channel between systems (an API or SFTP) instead of email or "
            "hand delivery, require encryption in transit of the receiving system (and record "
            "ENCRYPTION_IN_TRANSIT in its `controls`), or stop sending the personal data.",
            _grade(personal),
            rows,
        )


@rule("security-policy-missing", "10c", Severity.HIGH, "No information security policy")
def security_policy_missing(view: Snapshot, as_of: date) -> Iterator[Issue]:
    if district_policies(view, PolicyKind.SECURITY):
        return
    node, who = the_district(view)
    yield Issue(
        node,
        f"{who} has adopted no information security policy: nothing sets the controls, reviews "
        "and responsibilities that keep student data safe.",
        "Adopt a security policy following an industry framework (for example NIST CSF or CIS "
        "Controls) and record it (kind SECURITY, `adopted_by` the district).",
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


def _public(policy: NodeRecord) -> bool:
    return is_true(policy, "public") and bool(policy.get("url"))


def _rights_statement(view: Snapshot, kind: PolicyKind, what: str, remedy: str) -> Iterator[Issue]:
    """A finding when the district has adopted no public policy of `kind`: families
    cannot read what it says."""
    adopted = district_policies(view, kind)
    if any(_public(p) for p in adopted):
        return
    node, who = the_district(view)
    why = (f"{who} has adopted {', '.join(named(view, p.id) for p in adopted)}, but not publicly" if adopted
           else f"{who} has adopted none")
    yield Issue(node, f"{what} {why}.", remedy)


@rule("no-public-privacy-policy", "10d", Severity.HIGH, "No public statement of families' privacy rights")
def no_public_privacy_policy(view: Snapshot, as_of: date) -> Iterator[Issue]:
    return _rights_statement(
        view, PolicyKind.PRIVACY,
        "Families have no privacy policy they can read: what is collected, why, with whom it is "
        "shared and how to exercise their rights.",
        "Publish the privacy policy on the district's website and record it (kind PRIVACY, "
        "`adopted_by` the district, `public: true`, its `url`).")


@rule("no-annual-notice", "10d", Severity.HIGH, "No published yearly notice of FERPA rights")
def no_annual_notice(view: Snapshot, as_of: date) -> Iterator[Issue]:
    return _rights_statement(
        view, PolicyKind.ANNUAL_NOTICE,
        "Families are not given the yearly notice of their rights under FERPA (34 CFR 99.7): to "
        "inspect and amend records, to consent to disclosures, to complain.",
        "Publish the annual FERPA notice each school year and record it (kind ANNUAL_NOTICE, "
        "`adopted_by` the district, `public: true`, its `url`).")
