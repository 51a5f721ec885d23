"""From clocks to rows: each holding's clocks split by cohort, bound by their sources,
matched with the destructions and holds that concern them, and given a status."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from contextvars import copy_context
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from itertools import groupby
from operator import attrgetter

from catalog.bulk import collector_paused
from catalog.deadlines.binding import BINDING_DEPTH, EXEMPT, NativeBinding, RowKey, binding_feeds, bounds_along
from catalog.deadlines.clocks import HOST_BASES, NativeClocks, python_clocks
from catalog.deadlines.holds import Hold, Holds, read_holds
from catalog.deadlines.rows import DEFAULT_WINDOW, Candidate, Deadline, DeadlineStatus
from catalog.periods import Duration, parse_date
from catalog.records import EdgeRecord
from catalog.view import Direction, GraphView, Snapshot
from catalog.vocab import Action, Label, RelType


@dataclass(frozen=True)
class Destroyed:
    id: str
    performed_on: date
    cohort: str | None


class _Row:
    """A holding and cohort with its clocks; what the rest asks of them is worked out once.
    A plain class with slots: a state has hundreds of thousands of rows."""

    __slots__ = ("candidates", "cohort", "cohort_on", "element", "eligible_on", "own", "since", "source_due",
                 "system")

    def __init__(self, system: str, element: str, cohort: str | None, candidates: list[Candidate],
                 since: date | None) -> None:
        self.system, self.element, self.cohort, self.candidates, self.since = system, element, cohort, candidates, since
        if len(candidates) == 1:  # nearly every row of a state: what the loop below gives for one clock
            clock = candidates[0]
            self.own: Candidate | None = clock if clock.due_on is not None or clock.eligible_on is not None else None
            self.source_due = clock.due_on if clock.basis not in HOST_BASES else None
            self.eligible_on = clock.eligible_on
            self.cohort_on = clock.trigger_on if clock.cohort == cohort else None
            return
        # One pass over the clocks. On ties the first clock in the row's order wins: the
        # earliest due, then the smallest rule; the latest minimum, then the largest rule.
        earliest = latest = None
        # The deadline that binds copies downstream: the earliest due, except a host's duty
        # to destroy what it keeps for the system (a copy elsewhere is not the host's).
        source_due: date | None = None
        eligible_on: date | None = None
        # When the row's cohort left (its event's date), for destructions without a cohort.
        cohort_on: date | None = None
        for clock in candidates:
            due, eligible, on = clock.due_on, clock.eligible_on, clock.trigger_on
            if due is not None:
                if earliest is None or (due, clock.rule) < (earliest.due_on, earliest.rule):
                    earliest = clock
                if clock.basis not in HOST_BASES and (source_due is None or due < source_due):
                    source_due = due
            if eligible is not None:
                if latest is None or (eligible, clock.rule) > (latest.eligible_on, latest.rule):
                    latest = clock
                if eligible_on is None or eligible > eligible_on:
                    eligible_on = eligible
            if on is not None and clock.cohort == cohort and (cohort_on is None or on < cohort_on):
                cohort_on = on
        self.source_due, self.eligible_on, self.cohort_on = source_due, eligible_on, cohort_on
        # The clock that sets the holding's own deadline: the earliest due, else the latest minimum.
        self.own = earliest if earliest is not None else latest

    @property
    def key(self) -> RowKey:
        return (self.system, self.element, self.cohort or "")


@collector_paused()
def compute_deadlines(view: GraphView, as_of: date, within: Duration | None = None) -> list[Deadline]:
    """One row per holding and cohort as of `as_of`; DUE means due within `within` (default P90D).

    Clocks and binding come from the backend where it computes them natively, else from
    a snapshot of the graph, which keeps the answer for the next caller (the checks, the
    inventory); destructions and holds are read with a few look-ups."""
    if not (isinstance(view, NativeClocks) and isinstance(view, NativeBinding)):
        snap = Snapshot.of(view)
        return snap.cached(("deadlines", as_of, within or DEFAULT_WINDOW),
                           lambda: _compute(snap, as_of, within))
    return _compute(view, as_of, within)


def _compute(view: GraphView, as_of: date, within: Duration | None) -> list[Deadline]:
    if isinstance(view, NativeClocks) and isinstance(view, NativeBinding):
        # The clocks are the database's longest work here, most of it spent before the
        # first row comes back: the other reads are made meanwhile, each query in a
        # session of its own. The thread carries this one's context (its time limit,
        # the round trips counted for its request).
        with ThreadPoolExecutor(max_workers=1) as pool:
            pending = pool.submit(copy_context().run, view.retention_clocks, as_of)
            reads, feeds = _Reads.of(view), view.binding_feeds(sorted(EXEMPT))
            clocks = pending.result()
    else:
        # The rest reads the snapshot too: it holds every edge already.
        snap = Snapshot.of(view)
        reads, feeds, clocks = _Reads.of(snap), binding_feeds(snap, EXEMPT), python_clocks(snap, as_of)
    rows = _rows(reads.holdings, clocks)
    bounds = _by_holding(bounds_along(feeds, {row.key: due for row in rows if (due := row.source_due)},
                                      BINDING_DEPTH))
    left_on = _cohort_dates(rows)
    holds = Holds([h for h in reads.holds if h.active_on(as_of)])
    limit = (within or DEFAULT_WINDOW).after(as_of)
    found = [_finish(row, _bound(row, bounds, left_on), reads.destroyed.get((row.system, row.element), []),
                     reads.retired.get(row.system), holds, as_of, limit) for row in rows]
    return _explain_custody(found, reads.defaulted)


@dataclass(frozen=True)
class _Reads:
    """What the rows are matched with, besides their clocks: the holdings, the elements
    with a default rule, the destructions, the retirements of the systems they were in,
    and every hold."""

    holdings: list[EdgeRecord]
    defaulted: set[str]
    destroyed: dict[tuple[str, str], list[Destroyed]]
    retired: dict[str, date]
    holds: list[Hold]

    @classmethod
    def of(cls, view: GraphView) -> _Reads:
        edges = view.edges(types=[RelType.HOLDS, RelType.RETAINED_UNDER])
        destroyed = read_destructions(view)
        retired = {n.id: parse_date(n.get("decommissioned_on"))
                   for n in view.get_nodes({s for s, _ in destroyed}).values() if n.get("decommissioned_on")}
        return cls([e for e in edges if e.type == RelType.HOLDS],
                   {e.source for e in edges if e.type == RelType.RETAINED_UNDER}, destroyed, retired,
                   read_holds(view))


def _explain_custody(rows: list[Deadline], defaults: set[str]) -> list[Deadline]:
    """A copy with no rule although its element has a default is another custodian's."""
    return [replace(d, explain=_custody) if d.status == DeadlineStatus.NO_RULE and d.element in defaults else d
            for d in rows]


def _custody() -> str:
    return CUSTODY


CUSTODY = ("no retention rule applies: the element's default is the district's schedule, which does not govern "
           "this copy (held by a state or federal agency, or received only under a law, it is that custodian's "
           "record, kept under its own schedule); record that schedule on the holding to track it here")


# (system, element) -> [(cohort or "", the source's deadline, the source system)]
Bounds = dict[tuple[str, str], list[tuple[str, date, str]]]


def _by_holding(bounds: dict[RowKey, tuple[date, str]]) -> Bounds:
    found: Bounds = {}
    for (system, element, cohort), (due, source) in bounds.items():
        found.setdefault((system, element), []).append((cohort, due, source))
    return found


def _cohort_dates(rows: list[_Row]) -> dict[str, date]:
    """When each cohort left: the date of the event that names it."""
    found: dict[str, date] = {}
    for row in rows:
        if row.cohort and (on := row.cohort_on) and (row.cohort not in found or on < found[row.cohort]):
            found[row.cohort] = on
    return found


def _bound(row: _Row, bounds: Bounds, left_on: dict[str, date]) -> tuple[date, str] | None:
    """The earliest source deadline that binds this row: of the same cohort. A source
    without cohorts binds every cohort of its copies; a copy without cohorts holds the
    data of every cohort its source had, except those gone before the copy was made."""
    found = []
    for cohort, due, source in bounds.get((row.system, row.element), []):
        if row.cohort is not None:
            if not cohort or cohort == row.cohort:
                found.append((due, source))
        elif not cohort or row.since is None or left_on.get(cohort, date.max) >= row.since:
            found.append((due, source))
    return min(found) if found else None


def _rows(holdings: list[EdgeRecord], clocks: list[Candidate]) -> list[_Row]:
    """A row per cohort a holding's clocks name (one row when none does); clocks without a
    cohort (a collection date, an agreement's end) apply to every row of their holding.

    Both lists come in holding order (system, then element), as a store lists its edges
    and as the clocks are made: they are walked side by side, as a merge, rather than
    gathered in a dictionary of a state's 90,000 holdings and sorted again."""
    rows: list[_Row] = []
    clocks_of = groupby(clocks, key=_HOLDING)
    pending = next(clocks_of, None)
    for holding in holdings:
        key = (holding.source, holding.target)
        mine: list[Candidate] = []
        while pending is not None and pending[0] <= key:
            if pending[0] == key:
                mine = list(pending[1])
            else:  # clocks of a holding not listed: rows of their own, as they always had
                _split(*pending[0], list(pending[1]), None, rows)
            pending = next(clocks_of, None)
        since = holding.props.get("since")
        _split(holding.source, holding.target, mine, parse_date(since) if since else None, rows)
    while pending is not None:
        _split(*pending[0], list(pending[1]), None, rows)
        pending = next(clocks_of, None)
    return rows


_HOLDING = attrgetter("system", "element")


def _split(system: str, element: str, mine: list[Candidate], since: date | None, rows: list[_Row]) -> None:
    """The rows of one holding, by cohort in order, each with its clocks in the holding's
    order: those of its cohort and those of none."""
    if all(clock.cohort is None for clock in mine):  # most holdings: one row, every clock
        rows.append(_Row(system, element, None, mine, since))
        return
    shared: list[Candidate] = []
    by_cohort: dict[str, list[Candidate]] = {}
    for clock in mine:
        if (cohort := clock.cohort) is None:
            shared.append(clock)
            for found in by_cohort.values():
                found.append(clock)
        elif (theirs := by_cohort.get(cohort)) is None:
            by_cohort[cohort] = [*shared, clock]  # those of no cohort before it come first
        else:
            theirs.append(clock)
    rows += [_Row(system, element, cohort, by_cohort[cohort], since) for cohort in sorted(by_cohort)]


def read_destructions(view: GraphView) -> dict[tuple[str, str], list[Destroyed]]:
    """Every recorded destruction, by the (system, element) pairs it covers, earliest first."""
    records = view.find_nodes(Label.DESTRUCTION)
    ends: dict[tuple[str, RelType], list[str]] = {}
    for edge in view.edges_for([d.id for d in records], Direction.OUT, [RelType.OF, RelType.IN]):
        ends.setdefault((edge.source, edge.type), []).append(edge.target)
    found: dict[tuple[str, str], list[Destroyed]] = {}
    for record in records:
        systems, elements = ends.get((record.id, RelType.IN), []), ends.get((record.id, RelType.OF), [])
        done = Destroyed(record.id, parse_date(record.get("performed_on")), record.get("cohort"))
        for system in systems:
            for element in elements:
                found.setdefault((system, element), []).append(done)
    for done_list in found.values():
        done_list.sort(key=lambda d: (d.performed_on, d.id))
    return found


def covering(row_cohort: str | None, cohort_on: date | None, retired_on: date | None, done: Destroyed) -> bool:
    """A destruction with a cohort destroys that cohort's copy; one without destroys every
    cohort that had left by then, and the whole holding where there are no cohorts. Data
    of later cohorts is still held, unless the system was retired by then: nothing
    reaches a retired system, so that destruction was of all it will ever hold."""
    if done.cohort is not None:
        return row_cohort == done.cohort
    if row_cohort is None or (retired_on is not None and retired_on <= done.performed_on):
        return True
    return cohort_on is not None and cohort_on <= done.performed_on


def _finish(row: _Row, bound: tuple[date, str] | None, done: list[Destroyed], retired_on: date | None,
            holds: Holds, as_of: date, limit: date) -> Deadline:
    """`holds`: those active on `as_of`."""
    own = row.own
    own_due = own.due_on if own else None
    effective, bound_by = own_due, None
    if bound is not None and (effective is None or bound[0] < effective):
        effective, bound_by = bound[0], (bound[1], row.element)
    destroyed = next((d for d in done if d.performed_on <= as_of
                      and covering(row.cohort, row.cohort_on, retired_on, d)), None) if done else None
    held = holds.covering(row.system, row.element, row.cohort)
    eligible = row.eligible_on
    status = _status(row, destroyed, held, effective, eligible, as_of, limit)
    action = own.action if own else (Action.DESTROY if bound_by else None)
    # Positional: a state makes hundreds of thousands of these, and keywords cost twice the time.
    return Deadline(
        row.system, row.element, row.cohort, status, eligible, effective, own_due, action,
        own.rule if own else None, tuple(row.candidates), destroyed.id if destroyed else None,
        destroyed.performed_on if destroyed else None, bound_by, tuple(h.id for h in held) if held else (),
        bool(bound_by and own_due), partial(_explain, row, status, effective, bound_by, destroyed, held, action))


def _status(row: _Row, destroyed: Destroyed | None, held: tuple[Hold, ...], due: date | None,
            eligible: date | None, as_of: date, limit: date) -> DeadlineStatus:
    if destroyed is not None:
        return DeadlineStatus.DESTROYED
    if held:
        return DeadlineStatus.ON_HOLD
    if due is not None and due < as_of:
        return DeadlineStatus.OVERDUE
    if due is not None and due <= limit:
        return DeadlineStatus.DUE
    if eligible is not None and eligible <= as_of:
        return DeadlineStatus.ELIGIBLE
    if due is not None or eligible is not None:
        return DeadlineStatus.SCHEDULED
    return DeadlineStatus.AWAITING_TRIGGER if row.candidates else DeadlineStatus.NO_RULE


def _explain(row: _Row, status: DeadlineStatus, due: date | None, bound_by: tuple[str, str] | None,
             destroyed: Destroyed | None, held: tuple[Hold, ...], action: Action | None) -> str:
    if destroyed is not None:
        cohort = f" of cohort {destroyed.cohort}" if destroyed.cohort else ""
        return f"destroyed on {destroyed.performed_on} (destruction {destroyed.id}{cohort})"
    if not row.candidates and bound_by is None:
        return "no retention rule applies: neither the holding nor the element names one"
    parts = [c.explain() for c in sorted(row.candidates, key=lambda c: (c.due_on or c.eligible_on or date.max,
                                                                        c.rule, c.cohort or ""))]
    own = row.own.due_on if row.own else None
    if bound_by is not None:
        mine = f"its own deadline {own}" if own else "it has no deadline of its own"
        parts.append(f"bound by its source {bound_by[0]} (due {due}): a copy may not outlive its source, "
                     f"and {mine}")
    eligible = row.eligible_on
    if eligible and due and eligible > due:
        parts.append(f"the rules conflict: it must be kept until {eligible} but destroyed by {due}")
    parts += [f"on hold: {h.words()}; the deadline stands again once it ends" for h in held]
    if status == DeadlineStatus.ELIGIBLE:
        parts.append(f"it may be destroyed from {eligible} (a minimum, not a deadline)")
    if action == Action.REVIEW and status in (DeadlineStatus.OVERDUE, DeadlineStatus.DUE):
        parts.append(f"review due by {due}: decide whether the records are still needed; the parents (or "
                     "the eligible student) must be told before anything is destroyed (34 CFR 300.624)")
    if status == DeadlineStatus.AWAITING_TRIGGER:
        parts.append("no trigger has occurred yet")
    return "; ".join(parts)
