"""Who receives: the organisations outside the district that have a system's data, and
those an element reaches through the flows running on a day. The public inventory says
it to families, the blast radius to a committee; both ask here.

An organisation has a system's data when it operates the system, or hosts it (a district
system run on a provider's infrastructure): the host holds every byte the system does."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from catalog.predicates import is_internal_org, runs_on
from catalog.view import Direction, GraphView
from catalog.vocab import RelType

HAVE_DATA = (RelType.OPERATES, RelType.HOSTS)


@dataclass(frozen=True, order=True)
class Delivery:
    """Element `element` arrives, by flow `flow`, in `system`, which `org` (outside the
    district) operates or hosts."""

    org: str
    element: str
    flow: str
    system: str


def outside_parties(view: GraphView, systems: Iterable[str]) -> dict[str, list[str]]:
    """For each of `systems` that has any, the organisations outside the district that
    operate or host it, by id."""
    edges = view.edges_for(systems, Direction.IN, HAVE_DATA)
    orgs = view.get_nodes({e.source for e in edges})
    found: dict[str, set[str]] = {}
    for edge in edges:
        if edge.source in orgs and not is_internal_org(orgs[edge.source]):
            found.setdefault(edge.target, set()).add(edge.source)
    return {system: sorted(parties) for system, parties in sorted(found.items())}


def deliveries(view: GraphView, day: date) -> list[Delivery]:
    """Every element that leaves the district on `day`: by a flow running that day, into a
    system an organisation outside the district operates or hosts; one per organisation,
    element and flow, in that order."""
    into = view.edges(None, Direction.OUT, [RelType.TO])
    parties = outside_parties(view, {e.target for e in into})
    leaving = {e.source: e.target for e in into if e.target in parties}
    flows = view.get_nodes(leaving)
    running = sorted(f for f, node in flows.items() if runs_on(node, day))
    carried = view.edges_for(running, Direction.OUT, [RelType.CARRIES])
    return sorted(Delivery(org, e.target, e.source, leaving[e.source])
                  for e in carried for org in parties[leaving[e.source]])
