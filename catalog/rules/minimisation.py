"""Data minimisation: what a role can see (principle 8, minimum access) and what a flow
sends out of the district (principles 1-3, data used for a purpose) against what their
purposes require (`Purpose -REQUIRES-> DataElement`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from catalog.findings import Issue, rule
from catalog.predicates import flow_ended_before, is_highly_sensitive, is_personal, leaves_district
from catalog.records import EdgeRecord
from catalog.rules._common import elements_named, named, named_list
from catalog.view import Snapshot
from catalog.vocab import AccessLevel, Label, RelType, Severity


def _required(view: Snapshot, node_id: str, type_: RelType) -> tuple[list[str], set[str]]:
    """The purposes a role serves (or a flow is for), and every data element they require."""
    purposes = view.targets(node_id, type_)
    return purposes, {e for p in purposes for e in view.targets(p, RelType.REQUIRES)}


def _graded(view: Snapshot, elements: list[str]) -> Severity:
    """HIGH where any element is SENSITIVE, MEDIUM where any identifies a person, LOW for
    directory, de-identified and aggregate data only."""
    records = [view.get_node(e) for e in elements]
    if any(is_highly_sensitive(r) for r in records):
        return Severity.HIGH
    return Severity.MEDIUM if any(is_personal(r) for r in records) else Severity.LOW


def _by_purposes(view: Snapshot, purposes: list[str]) -> str:
    return f"the purposes the role serves ({named_list(view, purposes)})"


def _of_which_sensitive(view: Snapshot, elements: list[str]) -> str:
    sensitive = sum(1 for e in elements if is_highly_sensitive(view.get_node(e)))
    if not sensitive:
        return ""
    if len(elements) == 1:
        return " It is SENSITIVE."
    return f" {sensitive} of them {'is' if sensitive == 1 else 'are'} SENSITIVE."


# Principle 8 ---------------------------------------------------------------------------
# Minimum access is about data that identifies a person (predicates.is_personal): a grant
# that also shows directory, de-identified or aggregate data exposes nobody.


def _exposure(view: Snapshot, held: list[str], excess: list[str], purposes: list[str]) -> str:
    """What a grant on a system exposes beyond need, as the end of a sentence."""
    needed = sum(1 for e in held if e not in excess and is_personal(view.get_node(e)))
    if not purposes:
        why = "but the role serves no purpose, so all the personal data it holds is exposed for no purpose"
    elif not needed:
        why = (f"but {_by_purposes(view, purposes)} require none of its personal data, so all of it "
               "is exposed for no purpose")
    else:
        why = (f"but {_by_purposes(view, purposes)} require only {needed} of the personal data elements "
               "it holds, so the rest is exposed beyond need")
    return f"{why}: {elements_named(view, excess)}.{_of_which_sensitive(view, excess)}"


def _system_grant(view: Snapshot, role_id: str, grant: EdgeRecord, purposes: list[str],
                  required: set[str]) -> Issue | None:
    """A grant on a system is a grant on everything it holds: the excess is the personal
    data none of the role's purposes require."""
    system, level = grant.target, AccessLevel(grant.props.get("level", AccessLevel.READ.value))
    held = view.targets(system, RelType.HOLDS)
    excess = [e for e in held if e not in required and is_personal(view.get_node(e))]
    if not excess:
        return None
    message = (f"Role {named(view, role_id)} has {level.value} access to system {named(view, system)}, "
               + _exposure(view, held, excess, purposes))
    needless = not required.intersection(held)
    severity = _graded(view, excess)
    if needless and level == AccessLevel.ADMIN:
        # HIGH even for personal data that is not SENSITIVE: admin also lets the role change
        # the data and, on most systems, grant others access to it.
        message += (" An admin grant on a system the role needs nothing of is the worst case: the "
                    "role can read, change and export everything the system holds.")
        severity = Severity.HIGH
    narrow = (f"Remove the role's access to {named(view, system)}" if needless else
              "Narrow the grant to the data elements the role needs (grants on the elements, or a "
              f"restricted view of {named(view, system)})")
    return Issue(role_id, message,
                 f"{narrow}, or record the purpose that needs the rest (`serves` on the role, "
                 "`requires` on the purpose).",
                 severity, tuple(excess))


def _element_grants(view: Snapshot, role_id: str, elements: list[str], purposes: list[str]) -> Issue:
    one = len(elements) == 1
    why = (f"none of {_by_purposes(view, purposes)} requires {'it' if one else 'any of them'}" if purposes
           else f"the role serves no purpose, so nothing needs {'it' if one else 'them'}")
    return Issue(
        role_id,
        f"Role {named(view, role_id)} can access {elements_named(view, elements)}, but {why}."
        + _of_which_sensitive(view, elements),
        f"Remove the role's access to {'it' if one else 'them'}, or record the purpose that needs "
        f"{'it' if one else 'them'} (`serves` on the role, `requires` on the purpose).",
        _graded(view, elements),
        tuple(elements),
    )


@rule("grant-beyond-purpose", "8", Severity.MEDIUM, "Access beyond what a role's purposes require")
def grant_beyond_purpose(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for role in view.of_label(Label.ROLE):
        purposes, required = _required(view, role.id, RelType.SERVES)
        loose = []
        for grant in sorted(view.edges(role.id, types=[RelType.CAN_ACCESS]), key=lambda e: e.target):
            if view.label_of(grant.target) == Label.SYSTEM:
                issue = _system_grant(view, role.id, grant, purposes, required)
                if issue is not None:
                    yield issue
            elif grant.target not in required and is_personal(view.get_node(grant.target)):
                loose.append(grant.target)
        if loose:
            yield _element_grants(view, role.id, loose, purposes)


# Principles 1-3 ------------------------------------------------------------------------
# Data sent out of the district is disclosed, whatever its sensitivity: directory data
# is subject to families' opt-outs and de-identified data can be re-identified, so every
# element counts (as for element-without-purpose), graded by how much it reveals.


@rule("flow-beyond-purpose", "1-3", Severity.MEDIUM, "Data sent outside the district beyond what its purposes require")
def flow_beyond_purpose(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for flow in view.of_label(Label.FLOW):
        if flow_ended_before(flow, as_of) or not leaves_district(view, flow.id):
            continue
        purposes, required = _required(view, flow.id, RelType.FOR)
        excess = [e for e in view.targets(flow.id, RelType.CARRIES) if e not in required]
        if not excess:
            continue
        to = view.target(flow.id, RelType.TO) or ""
        operators = named_list(view, view.sources(to, RelType.OPERATES))
        one = len(excess) == 1
        why = (f"none of its purposes ({named_list(view, purposes)}) requires {'it' if one else 'them'}"
               if purposes else "it serves no purpose")
        yield Issue(
            flow.id,
            f"Flow {named(view, flow.id)} sends {elements_named(view, excess)} out of the district to "
            f"{named(view, to)}, operated by {operators}, but {why}.{_of_which_sensitive(view, excess)}",
            f"Stop sending {'it' if one else 'them'} in this flow, or record the purpose that needs "
            f"{'it' if one else 'them'} (`for` on the flow, `requires` on the purpose) and check that "
            "the flow's basis permits it.",
            _graded(view, excess),
            tuple(excess),
        )
