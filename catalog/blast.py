"""Blast radius of an incident: what it reaches, and who must tell whom by when.

What it affects: the systems it names and those the organisations it names operate or
host (when it names no system, every system holding an element it names); the elements
it names, else everything those systems hold. Onward: the systems those elements flow
to from there, along flows that carry them. Its providers are the organisations outside
the district that operate or host any of these systems, and its agreements are those in
force with them on the day it was discovered.

Breach duties run three ways (DESIGN.md, "Breach duties"): a provider tells the district
within its own agreement's `breach_notice_hours` of discovery; the district, from the day
it learned of it, tells families within its `family_notice_days` and the state within
its `state_notice_days`. Dates are days: a notice given on its due day is in time."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import partial
from typing import Any, Protocol, runtime_checkable

from catalog.model import Agreement, Incident
from catalog.predicates import is_internal_org, is_personal
from catalog.recipients import HAVE_DATA, outside_parties
from catalog.records import NodeRecord, typed
from catalog.view import Direction, GraphView, UnknownNode
from catalog.vocab import Label, OrgKind, RelType

MAX_DEPTH = 10


class Audience(StrEnum):
    """Who must be told of a breach."""

    DISTRICT = "DISTRICT"
    FAMILIES = "FAMILIES"
    STATE = "STATE"


class DutyStatus(StrEnum):
    """Where a notice stands on the date asked."""

    GIVEN = "GIVEN"  # given by its due day, or with no period to hold it to
    LATE = "LATE"  # given after its due day
    OVERDUE = "OVERDUE"  # not given, and its due day has passed
    DUE = "DUE"  # not given yet; its due day has not passed
    NOT_STARTED = "NOT_STARTED"  # the district has not yet heard of it from the provider
    NO_PERIOD = "NO_PERIOD"  # not given, and no period is recorded to hold it to

    @property
    def missed(self) -> bool:
        return self in (DutyStatus.LATE, DutyStatus.OVERDUE)


@dataclass(frozen=True)
class Duty:
    """One notice owed: `by` (a provider, or the district) tells `to`."""

    by: str
    to: Audience
    agreement: str | None  # a provider's: the agreement whose notice period applies
    hours: int | None  # a provider's period, from discovery
    days: int | None  # the district's period, from the day it learned of the incident
    starts_on: date | None  # None while the district has not learned of it
    due_on: date | None
    given_on: date | None  # as of the date asked
    status: DutyStatus

    def as_dict(self) -> dict[str, Any]:
        return {"by": self.by, "to": self.to.value, "agreement": self.agreement, "hours": self.hours,
                "days": self.days, "starts_on": _iso(self.starts_on), "due_on": _iso(self.due_on),
                "given_on": _iso(self.given_on), "status": self.status.value}


@dataclass(frozen=True)
class BlastRadius:
    incident: str
    as_of: date
    discovered_on: date
    affected: tuple[str, ...]  # the nodes the incident names
    systems: tuple[str, ...]  # the systems it affects
    onward: tuple[str, ...]  # the systems its elements flow to from those
    elements: tuple[str, ...]
    flows: tuple[str, ...]  # the flows that carry its elements onward
    providers: tuple[str, ...]
    agreements: tuple[str, ...]
    sensitive_categories: tuple[str, ...]
    duties: tuple[Duty, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"incident": self.incident, "as_of": self.as_of.isoformat(),
                "discovered_on": self.discovered_on.isoformat(), "affected": list(self.affected),
                "systems": list(self.systems), "onward_systems": list(self.onward),
                "elements": list(self.elements), "flows": list(self.flows),
                "providers": list(self.providers), "agreements": list(self.agreements),
                "sensitive_categories": list(self.sensitive_categories),
                "duties": [d.as_dict() for d in self.duties]}


class UnknownIncident(UnknownNode):
    pass


@runtime_checkable
class NativeReach(Protocol):
    def downstream_reach(self, walks: Mapping[str, Sequence[str]], depth: int) -> tuple[list[str], list[str]]: ...


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _after(day: date, days: int) -> date:
    # A period past the calendar's end (hours up to 2^31) ends on its last day.
    return day + timedelta(days=min(days, (date.max - day).days))


def downstream_reach(view: GraphView, walks: Mapping[str, Sequence[str]],
                     depth: int = MAX_DEPTH) -> tuple[list[str], list[str]]:
    """For each element and its starts, breadth first along the flows that carry that
    element: the systems within `depth` flows (the starts included), and the flows out of
    those within `depth - 1` that carry it. Backends may answer this natively
    (`NativeReach`); the answer must be the same."""
    systems: set[str] = set()
    flows: set[str] = set()
    for element, starts in walks.items():
        seen, frontier = set(starts), set(starts)
        for _ in range(depth):
            out = {e.source for e in view.edges_for(frontier, Direction.IN, [RelType.FROM])}
            carrying = {e.source for e in view.edges_for(out, Direction.OUT, [RelType.CARRIES])
                        if e.target == element}
            flows |= carrying
            frontier = {e.target for e in view.edges_for(carrying, Direction.OUT, [RelType.TO])} - seen
            seen |= frontier
            if not frontier:
                break
        systems |= seen
    return sorted(systems), sorted(flows)


@dataclass(frozen=True)
class _Affected:
    systems: list[str]
    elements: list[str]
    orgs: dict[str, NodeRecord]  # the organisations it names
    walks: dict[str, list[str]]  # element -> the affected systems it leaves from


def _affected(view: GraphView, listed: list[str]) -> _Affected:
    nodes = view.get_nodes(listed)
    of = {label: sorted(i for i, n in nodes.items() if n.label == label) for label in Label}
    orgs = {i: nodes[i] for i in of[Label.ORGANIZATION]}
    named = set(of[Label.SYSTEM]) | {e.target for e in view.edges_for(orgs, Direction.OUT, HAVE_DATA)}
    if named:
        systems = sorted(named)
        elements = of[Label.DATA_ELEMENT] or sorted(
            {e.target for e in view.edges_for(systems, Direction.OUT, [RelType.HOLDS])})
        return _Affected(systems, elements, orgs, {e: systems for e in elements})
    # Named nowhere in particular: wherever the elements it names are held.
    holders = view.edges_for(of[Label.DATA_ELEMENT], Direction.IN, [RelType.HOLDS])
    walks = {e: sorted(h.source for h in holders if h.target == e) for e in of[Label.DATA_ELEMENT]}
    return _Affected(sorted({h.source for h in holders}), of[Label.DATA_ELEMENT], orgs, walks)


def _owing(view: GraphView, incident_id: str, affected: _Affected, parties: dict[str, list[str]]) -> list[str]:
    """The providers that owe the district a notice: the organisation that discovered it,
    if outside the district (none if the district found it itself); else the outside
    operators and hosts of the systems it affects, and the outside organisations it names."""
    found = view.edges(incident_id, Direction.OUT, [RelType.DISCOVERED_BY])
    if found:
        finder = found[0].target
        return [] if is_internal_org(view.get_node(finder)) else [finder]
    named = {o for o, node in affected.orgs.items() if not is_internal_org(node)}
    return sorted(named | {p for s in affected.systems for p in parties.get(s, [])})


def _status(due: date | None, given: date | None, as_of: date, started: bool) -> DutyStatus:
    if given is not None:
        return DutyStatus.LATE if due is not None and given > due else DutyStatus.GIVEN
    if not started:
        return DutyStatus.NOT_STARTED
    if due is None:
        return DutyStatus.NO_PERIOD
    return DutyStatus.OVERDUE if due < as_of else DutyStatus.DUE


def _given(day: date | None, as_of: date) -> date | None:
    """A notice given after the date asked is not given yet, as of then."""
    return day if day is not None and day <= as_of else None


def _provider_duty(provider: str, terms: list[Agreement], incident: Incident, as_of: date) -> Duty:
    """The provider's notice under the strictest of its own agreements in force."""
    clauses = sorted((a.breach_notice_hours, a.id) for a in terms if a.breach_notice_hours is not None)
    hours, agreement = clauses[0] if clauses else (None, None)
    due = _after(incident.discovered_on, hours // 24) if hours is not None else None
    given = _given(incident.reported_on, as_of)
    return Duty(provider, Audience.DISTRICT, agreement, hours, None, incident.discovered_on, due, given,
                _status(due, given, as_of, True))


def _district_duties(district: NodeRecord, incident: Incident, heard_from_provider: bool,
                     as_of: date) -> list[Duty]:
    # The district's clocks run from the day it learned of the incident: the provider's
    # notice for an incident at a provider, else the day it was discovered.
    learned = _given(incident.reported_on, as_of) if heard_from_provider else incident.discovered_on
    duties = []
    for to, key, told in ((Audience.FAMILIES, "family_notice_days", incident.families_notified_on),
                          (Audience.STATE, "state_notice_days", incident.state_notified_on)):
        days = district.get(key)
        due = _after(learned, int(days)) if learned is not None and days is not None else None
        given = _given(told, as_of)
        duties.append(Duty(district.id, to, None, None, None if days is None else int(days), learned, due, given,
                           _status(due, given, as_of, learned is not None)))
    return duties


def _in_force(view: GraphView, providers: list[str], day: date) -> dict[str, tuple[Agreement, str]]:
    """The agreements in force on `day` with `providers`, by id, each with its provider."""
    with_edges = view.edges_for(providers, Direction.IN, [RelType.WITH])
    records = view.get_nodes({e.source for e in with_edges})
    found = {e.source: (typed(records[e.source], Agreement), e.target) for e in with_edges
             if e.source in records and records[e.source].label == Label.AGREEMENT}
    return {i: found[i] for i in sorted(found) if found[i][0].in_force_on(day)}


def blast_radius(view: GraphView, incident_id: str, as_of: date) -> BlastRadius:
    record = view.get_node(incident_id)
    if record is None or record.label != Label.INCIDENT:
        raise UnknownIncident(f"no incident with id {incident_id!r}")
    incident = typed(record, Incident)
    listed = sorted(e.target for e in view.edges(incident_id, Direction.OUT, [RelType.AFFECTS]))
    affected = _affected(view, listed)
    reach = view.downstream_reach if isinstance(view, NativeReach) else partial(downstream_reach, view)
    reached, flows = reach(affected.walks, MAX_DEPTH)
    onward = sorted(set(reached) - set(affected.systems))
    parties = outside_parties(view, [*affected.systems, *onward])
    owing = _owing(view, incident_id, affected, parties)
    providers = sorted({p for found in parties.values() for p in found} | set(owing)
                       | {o for o, node in affected.orgs.items() if not is_internal_org(node)})
    in_force = _in_force(view, providers, incident.discovered_on)
    duties = [_provider_duty(p, [a for a, q in in_force.values() if q == p], incident, as_of) for p in owing]
    elements = view.get_nodes(affected.elements)
    personal = [elements[e] for e in affected.elements if is_personal(elements.get(e))]
    districts = view.find_nodes(Label.ORGANIZATION, {"kind": OrgKind.DISTRICT.value})
    # Families and the state are owed a notice where personal data is exposed.
    if districts and personal and incident.students_affected != 0:
        duties += _district_duties(districts[0], incident, bool(owing), as_of)
    return BlastRadius(incident_id, as_of, incident.discovered_on, tuple(listed), tuple(affected.systems),
                       tuple(onward), tuple(affected.elements), tuple(flows), tuple(providers),
                       tuple(in_force), tuple(sorted({str(e.get("category")) for e in personal})),
                       tuple(duties))
