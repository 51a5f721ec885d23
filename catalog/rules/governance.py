"""Principle 10a: governance, who decides. Everything governed has an owner or steward,
and each answers, through the organisations they belong to, to the governance committee.
Breach response is in `breach.py`; security practice and the families' contact in
`security.py`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from catalog.findings import Issue, rule
from catalog.predicates import GOVERNED, is_internal_org, is_public_agency
from catalog.responsibility import ACCOUNTABLE_ROLES, Party, responsibility
from catalog.rules._common import district_node, named
from catalog.view import Snapshot
from catalog.vocab import Label, OrgKind, RelType, Severity

NOUNS = {Label.SYSTEM: "System", Label.DATA_ELEMENT: "Data element", Label.FLOW: "Flow",
         Label.AGREEMENT: "Agreement", Label.PURPOSE: "Purpose"}


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


def _committees(view: Snapshot) -> list[str]:
    return [o.id for o in view.of_label(Label.ORGANIZATION) if o.get("kind") == OrgKind.COMMITTEE.value]


@rule("no-governance-committee", "10a", Severity.HIGH, "No data governance committee")
def no_governance_committee(view: Snapshot, as_of: date) -> Iterator[Issue]:
    if _committees(view):
        return
    yield Issue(
        district_node(view),
        "The catalog records no governance committee (an organisation of kind COMMITTEE): nobody "
        "is named to decide on data use, sharing and retention.",
        "Charter a data governance committee, record it with kind COMMITTEE and `accountable_to` "
        "the district, and make its members `member_of` it.",
    )


def _kept_by_an_agency(view: Snapshot, node_id: str) -> bool:
    """A state or federal agency's system: the agency answers for it under its own law,
    not to the district's committee."""
    return any(is_public_agency(view.get_node(o)) for o in view.sources(node_id, RelType.OPERATES))


def _who(view: Snapshot, party: Party, chain: tuple[str, ...]) -> str:
    node = view.get_node(party.id)
    if node is not None and node.label == Label.ORGANIZATION and not is_internal_org(node):
        return f"{named(view, party.id)} ({party.role}), an organisation outside the district"
    if len(chain) == 1:
        return f"{named(view, party.id)} ({party.role}), who belongs to no organisation"
    return f"{named(view, party.id)} ({party.role}), whose chain stops at {named(view, chain[-1])}"


@rule("not-accountable-to-committee", "10a", Severity.MEDIUM,
      "Owners and stewards who do not answer to the governance committee")
def not_accountable_to_committee(view: Snapshot, as_of: date) -> Iterator[Issue]:
    committees = _committees(view)
    if not committees:
        return  # no-governance-committee says so once
    for label in GOVERNED:
        for node in view.of_label(label):
            found = responsibility(view, node.id)
            # Nobody at all answers for it: unowned (or purpose-without-owner) says so.
            if not found.accountable or found.reaches_committee or _kept_by_an_agency(view, node.id):
                continue
            who = [_who(view, p, c) for p, c in zip(found.parties, found.chains, strict=True)
                   if p.role in ACCOUNTABLE_ROLES]
            yield Issue(
                node.id,
                f"{NOUNS[label]} {named(view, node.id)} is answered for by {'; '.join(who)}: no chain "
                f"of accountability reaches the governance committee {named(view, committees[0])}.",
                "Make its owner answer to the committee: record their department as `accountable_to` "
                "the committee (or the person as a `member_of` it), or name an owner or steward in "
                "the district who does.",
            )
