"""What suspends destruction: legal holds, and families' access requests not yet
answered (FERPA 34 CFR 99.10(e): no record may be destroyed while a request to inspect
it is outstanding). Each has a scope (elements, systems, cohorts; empty means all) and
a period when it is active."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from catalog.model import AccessRequest, LegalHold
from catalog.records import EdgeRecord, typed
from catalog.view import Direction, GraphView
from catalog.vocab import Label, RelType


@dataclass(frozen=True)
class Hold:
    id: str
    kind: str  # "legal hold" or "access request"
    start: date
    end: date | None  # the day it stopped holding (released, answered), if it has
    elements: frozenset[str]
    systems: frozenset[str]
    cohorts: frozenset[str]
    reason: str | None = None

    def active_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    def covers(self, system: str, element: str, cohort: str | None) -> bool:
        """A row without a cohort holds every cohort's data, so a hold of any cohort reaches it."""
        return ((not self.elements or element in self.elements) and (not self.systems or system in self.systems)
                and (not self.cohorts or cohort is None or cohort in self.cohorts))

    def words(self) -> str:
        if self.kind == "legal hold":
            why = f" ({self.reason})" if self.reason else ""
            return f"legal hold {self.id}{why}, placed on {self.start}"
        return f"access request {self.id}, received on {self.start} and not yet answered"


class Holds:
    """Holds, found by the system or element they name rather than each tried in turn: a
    state has hundreds of holds and hundreds of thousands of rows to try them on."""

    def __init__(self, holds: list[Hold]) -> None:
        self.holds = holds
        self._by_system: dict[str, list[int]] = {}
        self._by_element: dict[str, list[int]] = {}
        self._everywhere: list[int] = []
        for place, hold in enumerate(holds):
            # A hold naming systems covers nothing elsewhere; one naming only elements,
            # nothing else; one naming neither, everything.
            if hold.systems:
                for system in hold.systems:
                    self._by_system.setdefault(system, []).append(place)
            elif hold.elements:
                for element in hold.elements:
                    self._by_element.setdefault(element, []).append(place)
            else:
                self._everywhere.append(place)

    def covering(self, system: str, element: str, cohort: str | None, on: date | None = None) -> tuple[Hold, ...]:
        """The holds that cover the data (and were active `on` that day, if given), in the
        order they were given."""
        by_system, by_element = self._by_system.get(system), self._by_element.get(element)
        if by_system is None and by_element is None and not self._everywhere:
            return ()  # most data is under no hold
        places = sorted({*(by_system or ()), *(by_element or ()), *self._everywhere})
        return tuple(hold for hold in (self.holds[p] for p in places)
                     if hold.covers(system, element, cohort) and (on is None or hold.active_on(on)))


def read_holds(view: GraphView) -> list[Hold]:
    """Every legal hold and access request, whether active or not: a few look-ups."""
    legal = view.find_nodes(Label.LEGAL_HOLD)
    requests = view.find_nodes(Label.ACCESS_REQUEST)
    by_source: dict[str, list[EdgeRecord]] = {}
    for edge in view.edges_for([n.id for n in legal + requests], Direction.OUT,
                               [RelType.COVERS, RelType.IN, RelType.CONCERNS]):
        by_source.setdefault(edge.source, []).append(edge)
    labels = view.get_nodes({e.target for found in by_source.values() for e in found if e.type == RelType.CONCERNS})

    def targets(node: str, *types: RelType, label: Label | None = None) -> frozenset[str]:
        return frozenset(e.target for e in by_source.get(node, []) if e.type in types
                         and (label is None or (e.target in labels and labels[e.target].label == label)))

    holds = []
    for record in legal:
        hold = typed(record, LegalHold)
        holds.append(Hold(hold.id, "legal hold", hold.placed_on, hold.released_on,
                          targets(hold.id, RelType.COVERS), targets(hold.id, RelType.IN),
                          frozenset(hold.cohorts), hold.reason))
    for record in requests:
        request = typed(record, AccessRequest)
        holds.append(Hold(request.id, "access request", request.received_on, request.answered_on,
                          targets(request.id, RelType.CONCERNS, label=Label.DATA_ELEMENT),
                          targets(request.id, RelType.CONCERNS, label=Label.SYSTEM),
                          frozenset({request.cohort} if request.cohort else ())))
    return sorted(holds, key=lambda h: h.id)
