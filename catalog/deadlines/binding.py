"""A copy may not outlive its source, where the recipient acts for the source.

Along flows that carry an element, a downstream copy's deadline is bound by the
earliest deadline of the same cohort upstream. Internal systems and providers under an
agreement act for the district; a flow whose only basis is a Mandate hands the data to
another custodian (a state agency keeps its records under its own law), so binding
stops there, for the elements the mandate covers (those its law names, or all when it
names none): what else the flow carries no law required. De-identified and aggregate
elements are exempt.

Backends may answer this natively (`NativeBinding`); the answer must be the same. The
walk is the same for all (`bounds_along`): what a backend may read its own way is
where each flow takes each element (`binding_feeds`), a few thousand flows in a state,
rather than walk the graph from each of its hundred thousand holdings."""

from __future__ import annotations

from datetime import date
from typing import Protocol, TypeVar, runtime_checkable

from catalog.predicates import mandate_covers
from catalog.view import Snapshot
from catalog.vocab import Label, RelType

BINDING_DEPTH = 10  # flows followed upstream when binding a copy to its source
EXEMPT = frozenset({"DEIDENTIFIED", "AGGREGATE"})

# (system, element, cohort or ""): the key of a deadline row
RowKey = tuple[str, str, str]
# A deadline, as a date or as its ISO text: they order alike, and the walk only compares them.
Day = TypeVar("Day", date, str)


@runtime_checkable
class NativeBinding(Protocol):
    def binding_feeds(self, exempt: list[str]) -> Feeds: ...


def hands_over_custody(view: Snapshot, flow: str, element: str) -> bool:
    """A flow whose only basis is a law, carrying an element one of its mandates covers:
    the recipient keeps it as its own record."""
    bases = view.targets(flow, RelType.UNDER)
    if not bases or any(view.label_of(b) != Label.MANDATE for b in bases):
        return False
    return any(mandate_covers(view.targets(m, RelType.COVERS), element) for m in bases)


# (upstream system, element) -> the systems a flow carrying that element, which binds
# its copies, takes it to directly
Feeds = dict[tuple[str, str], set[str]]


def upstream_bounds(view: Snapshot, own: dict[RowKey, Day], exempt: frozenset[str] = EXEMPT,
                    depth: int = BINDING_DEPTH) -> dict[RowKey, tuple[Day, str]]:
    """For each row (system, element, cohort) downstream of a row with a deadline of its
    own (`own`: dates, or ISO dates), the earliest such deadline upstream within `depth` flows
    and the system holding it: (deadline, source system), earliest deadline first, then
    the smallest system id. Systems a flow passes count whether or not they hold it."""
    return bounds_along(binding_feeds(view, exempt), own, depth)


def binding_feeds(view: Snapshot, exempt: frozenset[str] = EXEMPT) -> Feeds:
    """Where each flow takes each element it carries, where that binds the copies: not
    to itself, not an exempt element, not to another custodian."""
    feeds: Feeds = {}
    for flow in view.of_label(Label.FLOW):
        src, dst = view.target(flow.id, RelType.FROM), view.target(flow.id, RelType.TO)
        if not src or not dst or src == dst:
            continue
        for element in view.targets(flow.id, RelType.CARRIES):
            record = view.get_node(element)
            if record is not None and record.get("sensitivity") not in exempt \
                    and not hands_over_custody(view, flow.id, element):
                feeds.setdefault((src, element), set()).add(dst)
    return feeds


def bounds_along(feeds: Feeds, own: dict[RowKey, Day], depth: int = BINDING_DEPTH) -> dict[RowKey, tuple[Day, str]]:
    """`upstream_bounds` given the feeds: from each row with a deadline, level by level."""
    by_source: dict[tuple[str, str], list[tuple[str, Day]]] = {}  # (system, element) -> [(cohort, due)]
    for (system, element, cohort), due in own.items():
        by_source.setdefault((system, element), []).append((cohort, due))
    bounds: dict[RowKey, tuple[Day, str]] = {}
    for (start, element), rows in by_source.items():
        if (start, element) not in feeds:
            continue  # most holdings: no flow takes the element on from here
        seen, frontier = {start}, {start}
        for _ in range(depth):  # downstream of this source, level by level
            frontier = {d for s in frontier for d in feeds.get((s, element), ()) if d not in seen}
            if not frontier:
                break
            seen |= frontier
            for downstream in frontier:
                for cohort, due in rows:
                    key = (downstream, element, cohort)
                    if key not in bounds or (due, start) < bounds[key]:
                        bounds[key] = (due, start)
    return bounds
