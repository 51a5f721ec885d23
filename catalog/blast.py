"""Blast radius of an incident: what it reaches, what is sensitive in it, and by when
each provider agreement's breach notice is owed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from catalog.periods import parse_date
from catalog.view import GraphView, Snapshot
from catalog.vocab import Label, RelType

SENSITIVE = frozenset({"PII", "SENSITIVE"})
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


class UnknownIncident(LookupError):
    pass


def _start_systems(view: Snapshot, affected: list[str]) -> set[str]:
    """Affected systems, the systems of affected organisations, and holders of affected elements."""
    systems: set[str] = set()
    for node_id in affected:
        label = view.label_of(node_id)
        if label == Label.SYSTEM:
            systems.add(node_id)
        elif label == Label.ORGANIZATION:
            systems.update(view.targets(node_id, RelType.OPERATES))
        elif label == Label.DATA_ELEMENT:
            systems.update(view.sources(node_id, RelType.HOLDS))
    return systems


def _downstream(view: Snapshot, start: set[str]) -> tuple[set[str], set[str]]:
    """Systems and flows reached by following flows out of `start`, breadth first."""
    systems, flows, frontier = set(start), set(), set(start)
    for _ in range(MAX_DEPTH):
        nxt: set[str] = set()
        for system in frontier:
            for flow in view.sources(system, RelType.FROM):
                flows.add(flow)
                nxt.update(t for t in view.targets(flow, RelType.TO) if t not in systems)
        systems |= nxt
        frontier = nxt
        if not frontier:
            break
    return systems, flows


def blast_radius(view: GraphView, incident_id: str, as_of: date) -> BlastRadius:
    snap = Snapshot.of(view)
    incident = snap.get_node(incident_id)
    if incident is None or incident.label != Label.INCIDENT:
        raise UnknownIncident(f"no incident with id {incident_id!r}")
    affected = snap.targets(incident_id, RelType.AFFECTS)
    systems, flows = _downstream(snap, _start_systems(snap, affected))
    elements = {e for s in systems for e in snap.targets(s, RelType.HOLDS)}
    elements |= {a for a in affected if snap.label_of(a) == Label.DATA_ELEMENT}
    operators = {o for s in systems for o in snap.sources(s, RelType.OPERATES)}
    operators |= {a for a in affected if snap.label_of(a) == Label.ORGANIZATION}
    providers = {o for o in operators
                 if (n := snap.get_node(o)) and n.get("kind") not in ("DISTRICT", "SCHOOL", "COMMITTEE")}
    agreements = {a for p in providers for a in snap.sources(p, RelType.WITH)}
    agreements |= {b for f in flows for b in snap.targets(f, RelType.UNDER)
                   if snap.label_of(b) == Label.AGREEMENT}
    categories = {str(n.get("category")) for n in snap.get_nodes(elements).values()
                  if n.get("sensitivity") in SENSITIVE}
    discovered = datetime.combine(parse_date(incident.get("discovered_on")), time())
    notices = []
    for agreement_id in sorted(agreements):
        agreement = snap.get_node(agreement_id)
        hours = agreement.get("breach_notice_hours") if agreement else None
        if hours is None:
            continue
        deadline = discovered + timedelta(hours=int(hours))
        notices.append(Notice(agreement_id, snap.target(agreement_id, RelType.WITH), int(hours),
                              deadline, deadline < datetime.combine(as_of, time())))
    return BlastRadius(incident_id, as_of, tuple(affected), tuple(sorted(systems)),
                       tuple(sorted(elements)), tuple(sorted(flows)), tuple(sorted(providers)),
                       tuple(sorted(agreements)), tuple(sorted(categories)), tuple(notices))
