"""Blast radius of an incident: what it reaches, what is sensitive in it, and by when
each provider agreement's breach notice is owed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import Any, Protocol, runtime_checkable

from catalog.periods import parse_date
from catalog.predicates import is_internal_org, is_personal
from catalog.view import Direction, GraphView, UnknownNode
from catalog.vocab import Label, RelType

MAX_DEPTH = 10


@dataclass(frozen=True)
class Notice:
    agreement: str
    provider: str | None
    hours: int
    deadline: datetime
    passed: bool

    def as_dict(self) -> dict[str, Any]:
        return {"agreement": self.agreement, "provider": self.provider, "hours": self.hours,
                "deadline": self.deadline.isoformat(), "passed": self.passed}


@dataclass(frozen=True)
class BlastRadius:
    incident: str
    as_of: date
    affected: tuple[str, ...]
    systems: tuple[str, ...]
    elements: tuple[str, ...]
    flows: tuple[str, ...]
    providers: tuple[str, ...]
    agreements: tuple[str, ...]
    sensitive_categories: tuple[str, ...]
    notices: tuple[Notice, ...]

    @property
    def notice_deadline(self) -> datetime | None:
        return min((n.deadline for n in self.notices), default=None)

    def as_dict(self) -> dict[str, Any]:
        deadline = self.notice_deadline
        return {"incident": self.incident, "as_of": self.as_of.isoformat(),
                "affected": list(self.affected), "systems": list(self.systems),
                "elements": list(self.elements), "flows": list(self.flows),
                "providers": list(self.providers), "agreements": list(self.agreements),
                "sensitive_categories": list(self.sensitive_categories),
                "notice_deadline": deadline.isoformat() if deadline else None,
                "notices": [n.as_dict() for n in self.notices]}


class UnknownIncident(UnknownNode):
    pass


@runtime_checkable
class NativeReach(Protocol):
    def downstream_reach(self, starts: list[str], depth: int) -> tuple[list[str], list[str]]: ...


def _ids(view: GraphView, node_id: str, direction: Direction, type_: RelType) -> list[str]:
    return sorted(e.target if direction == Direction.OUT else e.source for e in view.edges(node_id, direction, [type_]))


def _start_systems(view: GraphView, affected: dict[str, Label]) -> set[str]:
    """Affected systems, the systems of affected organisations, and holders of affected elements."""
    systems: set[str] = set()
    for node_id, label in affected.items():
        if label == Label.SYSTEM:
            systems.add(node_id)
        elif label == Label.ORGANIZATION:
            systems.update(_ids(view, node_id, Direction.OUT, RelType.OPERATES))
        elif label == Label.DATA_ELEMENT:
            systems.update(_ids(view, node_id, Direction.IN, RelType.HOLDS))
    return systems


def downstream_reach(view: GraphView, starts: list[str], depth: int = MAX_DEPTH) -> tuple[list[str], list[str]]:
    """Systems and flows reached by following flows out of `starts`, breadth first.
    Backends may answer this natively (`NativeReach`); the answer must be the same."""
    systems, flows, frontier = set(starts), set(), set(starts)
    for _ in range(depth):
        nxt: set[str] = set()
        for system in frontier:
            for flow in _ids(view, system, Direction.IN, RelType.FROM):
                flows.add(flow)
                nxt.update(t for t in _ids(view, flow, Direction.OUT, RelType.TO) if t not in systems)
        systems |= nxt
        frontier = nxt
        if not frontier:
            break
    return sorted(systems), sorted(flows)


def blast_radius(view: GraphView, incident_id: str, as_of: date) -> BlastRadius:
    incident = view.get_node(incident_id)
    if incident is None or incident.label != Label.INCIDENT:
        raise UnknownIncident(f"no incident with id {incident_id!r}")
    affected_ids = _ids(view, incident_id, Direction.OUT, RelType.AFFECTS)
    affected = {n.id: n.label for n in view.get_nodes(affected_ids).values()}
    starts = sorted(_start_systems(view, affected))
    reach = view.downstream_reach if isinstance(view, NativeReach) else partial(downstream_reach, view)
    systems, flows = reach(starts, MAX_DEPTH)
    held = view.edges_for(systems, Direction.OUT, [RelType.HOLDS])
    elements = {e.target for e in held} | {a for a, label in affected.items() if label == Label.DATA_ELEMENT}
    operators = {e.source for e in view.edges_for(systems, Direction.IN, [RelType.OPERATES])}
    operators |= {a for a, label in affected.items() if label == Label.ORGANIZATION}
    orgs = view.get_nodes(operators)
    providers = {o for o, n in orgs.items() if not is_internal_org(n)}
    with_edges = view.edges_for(providers, Direction.IN, [RelType.WITH])
    under = view.edges_for(flows, Direction.OUT, [RelType.UNDER])
    bases = view.get_nodes({e.target for e in under})
    agreements = {e.source for e in with_edges} | {b for b, n in bases.items() if n.label == Label.AGREEMENT}
    records = view.get_nodes(elements | agreements)
    categories = {str(records[e].get("category")) for e in elements
                  if e in records and is_personal(records[e])}
    discovered = datetime.combine(parse_date(incident.get("discovered_on")), time())
    provider_of = {e.source: e.target for e in view.edges_for(agreements, Direction.OUT, [RelType.WITH])}
    notices = []
    for agreement_id in sorted(agreements):
        hours = records[agreement_id].get("breach_notice_hours") if agreement_id in records else None
        if hours is None:
            continue
        # A notice period past the calendar's end (hours up to 2^31) ends on its last moment.
        deadline = discovered + min(timedelta(hours=int(hours)), datetime.max - discovered)
        notices.append(Notice(agreement_id, provider_of.get(agreement_id), int(hours), deadline,
                              deadline < datetime.combine(as_of, time())))
    return BlastRadius(incident_id, as_of, tuple(affected_ids), tuple(systems), tuple(sorted(elements)),
                       tuple(flows), tuple(sorted(providers)), tuple(sorted(agreements)), tuple(sorted(categories)),
                       tuple(notices))
