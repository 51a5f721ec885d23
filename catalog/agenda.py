"""The dated duties a privacy officer keeps in a calendar, as of a day: destructions that
are due, overdue or allowed (ELIGIBLE), and the days families' access requests must be
answered by. Each carries the explanation a committee reads and a key that stays the
same from one day to the next, so that a calendar updates an entry instead of adding one."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from catalog.deadlines import Deadline, DeadlineStatus
from catalog.rules._common import named
from catalog.rules.requests import response_dates, response_days
from catalog.view import Snapshot
from catalog.vocab import RelType

# The deadline statuses that put a date in the calendar, and which of a row's dates.
SHOWN = {DeadlineStatus.OVERDUE: "due", DeadlineStatus.DUE: "due", DeadlineStatus.ELIGIBLE: "eligible"}


@dataclass(frozen=True)
class Dated:
    key: tuple[str, ...]  # what the entry is about, the same whatever the day asked
    on: date
    status: str  # DUE, OVERDUE or ELIGIBLE
    summary: str
    explanation: str
    node: str  # the node a reader opens to act on it


def _where(view: Snapshot, row: Deadline) -> str:
    cohort = f", cohort {row.cohort}" if row.cohort else ""
    return f"{named(view, row.element)} in {named(view, row.system)}{cohort}"


def _destructions(view: Snapshot, rows: Iterable[Deadline]) -> Iterator[Dated]:
    for row in rows:
        which = SHOWN.get(row.status)
        on = row.due_on if which == "due" else row.eligible_on
        if which is None or on is None:
            continue
        action = (row.action.value if row.action else "DESTROY").lower()
        summary = (f"{row.status.value}: {action} {_where(view, row)}" if which == "due"
                   else f"ELIGIBLE: {_where(view, row)} may be destroyed")
        yield Dated(("destruction", which, row.system, row.element, row.cohort or ""), on, row.status.value,
                    summary, row.explanation, row.element)


def _requests(view: Snapshot, as_of: date) -> Iterator[Dated]:
    days = response_days(view)
    for request, due in response_dates(view, as_of):
        if not request.open_on(as_of):
            continue
        status = "OVERDUE" if due < as_of else "DUE"
        who = request.requester.value.lower().replace("_", " ")
        concerns = ", ".join(named(view, e.target) for e in view.edges(request.id, types=[RelType.CONCERNS]))
        yield Dated(("access-request", request.id), due, status,
                    f"{status}: answer access request {named(view, request.id)}",
                    f"The {who}'s request to {request.kind.value.lower()} records"
                    f"{' (' + concerns + ')' if concerns else ''}, received on {request.received_on}, must be "
                    f"answered within {days} days, by {due}. Until it is answered nothing it concerns may be "
                    f"destroyed.", request.id)


def agenda(view: Snapshot, rows: Iterable[Deadline], as_of: date) -> list[Dated]:
    """The entries, by date then key: `rows` are the destruction deadlines as of `as_of`."""
    found = [*_destructions(view, rows), *_requests(view, as_of)]
    return sorted(found, key=lambda d: (d.on, d.key))

