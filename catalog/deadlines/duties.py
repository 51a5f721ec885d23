"""Which agreements' ends trigger a provider's duties to destroy an element.

An organisation outside the district has a duty to destroy what it holds under each of
its agreements that covers the element (one that records no schedule covers everything),
triggered by the agreement's end, unless a later covering agreement with it was in force
on that end date or the day after: a renewal carries the duty on.

A state's provider has an agreement with every district it serves, each with its own
schedule: hundreds of agreements, asked about hundreds of elements. `Duties` reads one
organisation's schedules once, by element, and weighs each distinct set of covering
agreements once. Both backends use it: the embedded store over its snapshot, the Neo4j
store over the agreements it reads, so that the rule is written once."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta

from catalog.model import Agreement

Duty = tuple[Agreement, date | None]  # the agreement, and the day its duty is triggered (its end)


class Duties:
    """The duties of one organisation's agreements (in a fixed order), by element;
    `schedules` gives each agreement's covered elements by id."""

    def __init__(self, agreements: Sequence[Agreement], schedules: Mapping[str, frozenset[str]]) -> None:
        self.agreements = list(agreements)
        self._by_element: dict[str | None, list[int]] = {}  # None: those covering everything
        for place, agreement in enumerate(self.agreements):
            for covered in schedules.get(agreement.id) or (None,):
                self._by_element.setdefault(covered, []).append(place)
        self._weighed: dict[tuple[int, ...], list[Duty]] = {}
        self._asked: dict[str | None, list[Duty]] = {}

    def named(self) -> list[str]:
        """The elements some schedule names: any other has the duties of `of(None)`."""
        return sorted(e for e in self._by_element if e is not None)

    def of(self, element: str | None) -> list[Duty]:
        """The duties for `element`, by agreement id; `None` for an element no schedule names."""
        if element not in self._asked:
            places = self._by_element.get(element, []) if element is not None else []
            covering = tuple(sorted(places + self._by_element.get(None, [])))
            # Many elements are covered by the same agreements: weighed once.
            if covering not in self._weighed:
                self._weighed[covering] = weigh_duties(tuple(self.agreements[p] for p in covering))
            self._asked[element] = self._weighed[covering]
        return self._asked[element]


def weigh_duties(mine: tuple[Agreement, ...]) -> list[Duty]:
    """Each agreement, by id, with the day its duty to destroy is triggered: its end,
    unless another of `mine` renewed it, which carries the duty on. A renewal started
    after it (by start, then id) and by the day after its end, and lasted to its end."""
    # A provider has an agreement with every district it serves: hundreds in a state, so
    # each is weighed against the others through a table rather than one by one. In
    # order of start, the agreements that may renew one are those after it that started
    # by the day after its end; one of them renews it if it lasts to its end.
    ordered = sorted(mine, key=_start_key)
    starts = [_start(a) for a in ordered]
    latest = _range_max([a.ends_on() or date.max for a in ordered])
    place = {a.id: i for i, a in enumerate(ordered)}
    found = []
    for agreement in sorted(mine, key=lambda a: a.id):
        end = agreement.ends_on()
        if end is not None:
            after, until = place[agreement.id] + 1, bisect_right(starts, _next_day(end))
            if after < until and latest(after, until) >= end:
                continue  # the renewal carries the duty on
        found.append((agreement, end))
    return found


def _range_max(values: list[date]) -> Callable[[int, int], date]:
    """The largest of `values[lo:hi]` (hi > lo), in constant time: table[k][i] is the
    largest of the 2**k values from i."""
    table = [values]
    while 1 << len(table) <= len(values):
        row, step = table[-1], 1 << (len(table) - 1)
        table.append([max(row[i], row[i + step]) for i in range(len(row) - step)])

    def largest(lo: int, hi: int) -> date:
        level = (hi - lo).bit_length() - 1
        return max(table[level][lo], table[level][hi - (1 << level)])
    return largest


def _start(agreement: Agreement) -> date:
    return agreement.starts_on() or date.min


def _start_key(agreement: Agreement) -> tuple[date, str]:
    return (_start(agreement), agreement.id)


def _next_day(day: date) -> date:
    return day + timedelta(days=1) if day < date.max else day
