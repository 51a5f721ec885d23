"""The domain's predicates, each defined once: every check, analysis and page asks here.

A district answers for its schools' and its committees' systems: data they hold has
not left it. Anyone else (a provider, a state agency, a researcher) is outside."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date

from catalog.model import Agreement, Consent
from catalog.periods import parse_date
from catalog.records import NodeRecord, typed
from catalog.view import Snapshot
from catalog.vocab import Label, OrgKind, RelType, Sensitivity

INTERNAL_ORG_KINDS = frozenset({OrgKind.DISTRICT.value, OrgKind.SCHOOL.value, OrgKind.COMMITTEE.value})
# Data about a person that identifies them: what breach notices, security controls and
# minimum access are about. De-identified and aggregate data is not.
SENSITIVE_LEVELS = frozenset({Sensitivity.PII.value, Sensitivity.SENSITIVE.value})
# What someone must answer for to the governance committee: each has an owner or steward.
GOVERNED = (Label.SYSTEM, Label.DATA_ELEMENT, Label.FLOW, Label.AGREEMENT, Label.PURPOSE)
# Agencies keep the records they hold under their own law and schedules.
PUBLIC_AGENCY_KINDS = frozenset({OrgKind.STATE_AGENCY.value, OrgKind.FEDERAL_AGENCY.value})


def is_internal_org(org: NodeRecord | None) -> bool:
    """Inside the district: the district itself, a school or a committee."""
    return org is not None and org.get("kind") in INTERNAL_ORG_KINDS


def external_orgs(orgs: Iterable[NodeRecord | None]) -> list[NodeRecord]:
    """The organisations among `orgs` that are outside the district, by id."""
    return sorted((o for o in orgs if o is not None and not is_internal_org(o)), key=lambda o: o.id)


def is_public_agency(org: NodeRecord | None) -> bool:
    """A state or federal agency: a custodian of its records in its own right."""
    return org is not None and org.get("kind") in PUBLIC_AGENCY_KINDS


def is_personal(element: NodeRecord | None) -> bool:
    """Identifies a person (PII or SENSITIVE)."""
    return element is not None and element.get("sensitivity") in SENSITIVE_LEVELS


def is_highly_sensitive(element: NodeRecord | None) -> bool:
    return element is not None and element.get("sensitivity") == Sensitivity.SENSITIVE.value


def outside_district(view: Snapshot, system_id: str) -> bool:
    """Operated by someone outside the district: data sent there leaves it."""
    return bool(external_orgs(view.get_node(o) for o in view.sources(system_id, RelType.OPERATES)))


def leaves_district(view: Snapshot, flow_id: str) -> bool:
    """The flow's recipient system is operated by someone outside the district, so what
    it carries is in other hands. A district system merely hosted by a provider is still
    the district's own: hosting is judged by its own checks."""
    to = view.target(flow_id, RelType.TO)
    return to is not None and outside_district(view, to)


def basis_in_force(basis: NodeRecord | None, day: date) -> bool:
    """A legal basis holds on `day`: an agreement or a consent while it is in force (the
    model's `in_force_on`), a mandate (a law) always, and anything else never."""
    if basis is None:
        return False
    if basis.label == Label.AGREEMENT:
        return typed(basis, Agreement).in_force_on(day)
    if basis.label == Label.CONSENT:
        return typed(basis, Consent).in_force_on(day)
    return basis.label == Label.MANDATE


def flow_basis_in_force(view: Snapshot, flow_id: str, day: date) -> bool:
    """The flow has a legal basis on `day`: one of the bases it runs under holds then. A
    flow that names none needs none while it stays in the district; one it names must
    hold, wherever the data goes."""
    bases = view.targets(flow_id, RelType.UNDER)
    if not bases:
        return not leaves_district(view, flow_id)
    return any(basis_in_force(view.get_node(b), day) for b in bases)


def flow_ended_before(flow: NodeRecord, day: date) -> bool:
    """The flow stopped before `day`: it sends nothing more, and what it sent is the
    retention rules' business. A flow not yet started still counts: it is planned."""
    ended = flow.get("ended_on")
    return ended is not None and parse_date(ended) < day


def mandate_covers(named: Collection[str], item: str) -> bool:
    """A mandate covers the elements (or purposes) its law names (`covers`, `for`), and
    every one of a kind when it names none of it: a mandate naming nothing is a basis
    for a whole flow, as mandates were before they could name anything."""
    return not named or item in named


def runs_on(flow: NodeRecord, day: date) -> bool:
    """A flow moves data on `day`: started (when it says so) and not yet ended."""
    started, ended = flow.get("started_on"), flow.get("ended_on")
    return ((started is None or parse_date(started) <= day)
            and (ended is None or day <= parse_date(ended)))
