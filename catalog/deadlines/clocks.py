"""Which rules apply to each holding, and when each one's clock started.

The rules of a holding are its own `retention_rule`, else its element's default; for a
system a provider operates, also the duties of every agreement with that provider that
covers the element: its destruction clause (end + `destruction_days`) and the rules it
`requires_destruction`, unless a later agreement with the same provider covering the
element was in force on that end date or the day after (a renewal carries the duty on).
A system hosted by another organisation outside the district (`hosted_by`) gets the
host's duties the same way, after the operator's ("host agreement clause", "host
agreement rule"): the host holds what the system holds.

A clock starts at the rule's trigger: the holding's `since` (COLLECTION), the end of an
agreement (AGREEMENT_END), the system's retirement (DECOMMISSION), or an event of the
trigger's kind that concerns the system, the element or the system's operator. WITHDRAWAL,
GRADUATION and SCHOOL_YEAR_END start one clock per such event: one per cohort. An event
before the holding's `since` does not apply to it: that system never had those people's
data. An EVENT rule is started only by events of its `topic`.

An element's default rule is the district's records schedule: its minimum
(`keep_at_least`) binds the district's own copies, not those of an organisation outside
it, which only its maximums bind; and none of it governs another custodian's copy: one a
state or federal agency holds, or one received only under a law (the state's record,
kept under the state's own schedule).

Backends may compute the same clocks natively (`NativeClocks`); the answer must be the same."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any, Protocol, runtime_checkable

from catalog.deadlines.binding import hands_over_custody
from catalog.deadlines.rows import Candidate
from catalog.model import Agreement, Event, RetentionRule
from catalog.periods import Duration, parse_date
from catalog.predicates import external_orgs, is_public_agency
from catalog.records import typed
from catalog.view import Snapshot
from catalog.vocab import Action, Label, RelType, Trigger

COHORT_TRIGGERS = frozenset({Trigger.WITHDRAWAL, Trigger.GRADUATION, Trigger.SCHOOL_YEAR_END})
# The bases of a host's duties: they concern what the host keeps, not the record itself.
HOST_BASES = frozenset({"host agreement rule", "host agreement clause"})
# Events that stand for a fact about people's records; a holding's `since` limits them.
PEOPLE_TRIGGERS = COHORT_TRIGGERS | {Trigger.EVENT}


@runtime_checkable
class NativeClocks(Protocol):
    def retention_clocks(self, as_of: date) -> list[Candidate]: ...


def cohort_of(event: Event) -> str:
    """The cohort an event starts: as the catalog names it, else the event itself."""
    return event.cohort or event.id


class _Facts:
    """The parts of the graph clocks are read from, looked up once."""

    def __init__(self, view: Snapshot, as_of: date) -> None:
        self.view, self.as_of = view, as_of
        self.rules = {r.id: typed(r, RetentionRule) for r in view.of_label(Label.RETENTION_RULE)}
        self.events = {e.id: typed(e, Event) for e in view.of_label(Label.EVENT)}
        self.agreements = {a.id: typed(a, Agreement) for a in view.of_label(Label.AGREEMENT)}
        self.schedules = {a: frozenset(view.targets(a, RelType.COVERS)) for a in self.agreements}
        self._duties: dict[tuple[str, ...], list[tuple[Agreement, date | None]]] = {}
        self._asked: dict[tuple[str, str], list[tuple[Agreement, date | None]]] = {}

    def events_about(self, nodes: set[str], kind: Trigger, topic: str | None = None) -> list[Event]:
        """Events of `kind` (and `topic`) that concern any of `nodes` and occurred by as_of."""
        found = {e for n in nodes for e in self.view.sources(n, RelType.CONCERNS)}
        events = [self.events[e] for e in sorted(found) if e in self.events]
        return sorted((e for e in events if e.kind == kind and e.occurred_on <= self.as_of
                       and (kind != Trigger.EVENT or e.topic == topic)), key=lambda e: (e.occurred_on, e.id))

    def covers(self, agreement: str, element: str) -> bool:
        """An agreement covers the elements of its schedule; one that records no schedule
        is taken to cover everything, so that its duties are never lost."""
        schedule = self.schedules[agreement]
        return not schedule or element in schedule

    def duties(self, provider: str, element: str) -> list[tuple[Agreement, date | None]]:
        """Every agreement with `provider` covering `element`, with the day its duty to
        destroy is triggered: its end, unless a later covering agreement was in force then."""
        # A provider serves many holdings of each element, and has an agreement with each
        # district (hundreds in a state): asked once per provider and element.
        if (provider, element) in self._asked:
            return self._asked[provider, element]
        mine = tuple(self.agreements[a] for a in self.view.sources(provider, RelType.WITH)
                     if a in self.agreements and self.covers(a, element))
        # Most elements are covered by the same agreements of a provider: weighed once.
        key = tuple(a.id for a in mine)
        if key not in self._duties:
            self._duties[key] = weigh_duties(mine)
        found = self._asked[provider, element] = self._duties[key]
        return found


def weigh_duties(mine: tuple[Agreement, ...]) -> list[tuple[Agreement, date | None]]:
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


def held_by_another_custodian(view: Snapshot, system: str, element: str) -> bool:
    """A copy an agency keeps, or one received only under a law: the holder keeps it as
    its own record, under its own schedule."""
    if any(is_public_agency(view.get_node(o)) for o in view.sources(system, RelType.OPERATES)):
        return True
    inflows = [f for f in view.sources(system, RelType.TO) if element in view.targets(f, RelType.CARRIES)]
    return bool(inflows) and all(hands_over_custody(view, f, element) for f in inflows)


def python_clocks(view: Snapshot, as_of: date) -> list[Candidate]:
    """Every clock of every holding, as of `as_of`, in holding order."""
    facts = _Facts(view, as_of)
    found: list[Candidate] = []
    for edge in sorted(view.edges(types=[RelType.HOLDS]), key=lambda e: (e.source, e.target)):
        found += _holding_clocks(facts, edge.source, edge.target, dict(edge.props))
    return found


def _holding_clocks(facts: _Facts, system: str, element: str, holds: dict[str, Any]) -> list[Candidate]:
    view = facts.view
    since = parse_date(holds["since"]) if holds.get("since") else None
    operators = view.sources(system, RelType.OPERATES)
    concerned = {system, element, *operators}
    if holds.get("retention_rule"):
        rules = [("holding rule", str(holds["retention_rule"]))]
    elif held_by_another_custodian(view, system, element):
        rules = []  # the district's schedule does not govern another custodian's record
    else:
        rules = [("element default", r) for r in view.targets(element, RelType.RETAINED_UNDER)]
    outside = external_orgs(view.get_node(o) for o in operators)
    duties = facts.duties(outside[0].id, element) if outside else []
    host = _host(view, system, outside[0].id if outside else None)
    host_duties = facts.duties(host, element) if host else []
    clocks: list[Candidate] = []
    for basis, rule_id in rules:
        rule = facts.rules.get(rule_id)
        if rule is not None and outside and basis == "element default" and rule.keep_at_least:
            # A records schedule's minimum binds the district's own record, not the copy an
            # organisation outside it holds (a provider acting for it, an agency under its own law).
            rule = replace(rule, keep_at_least=None) if rule.period else None
        if rule is not None:
            clocks += _rule_clocks(facts, basis, rule, system, element, since, concerned, duties)
    for party, owed in (("agreement", duties), ("host agreement", host_duties)):
        for agreement, end in owed:
            for rule_id in view.targets(agreement.id, RelType.REQUIRES_DESTRUCTION):
                if rule_id in facts.rules:
                    clocks += _rule_clocks(facts, f"{party} rule", facts.rules[rule_id], system, element, since,
                                           concerned, [(agreement, end)])
            if agreement.destruction_days is not None:
                clocks.append(Candidate(system, element, f"{party} clause", agreement.id, Action.DESTROY,
                                        Duration.of_days(agreement.destruction_days), None, Trigger.AGREEMENT_END,
                                        end, f"agreement {agreement.id}" if end else None))
    return clocks


def _host(view: Snapshot, system: str, operator: str | None) -> str | None:
    """The first organisation outside the district hosting `system`, by id, unless it is
    the operator whose duties the holding has already."""
    hosts = external_orgs(view.get_node(h) for h in view.sources(system, RelType.HOSTS))
    return next((h.id for h in hosts if h.id != operator), None)


def _rule_clocks(facts: _Facts, basis: str, rule: RetentionRule, system: str, element: str, since: date | None,
                 concerned: set[str], duties: list[tuple[Agreement, date | None]]) -> list[Candidate]:
    def clock(on: date | None = None, source: str | None = None, cohort: str | None = None) -> Candidate:
        return Candidate(system, element, basis, rule.id, rule.action, rule.period, rule.keep_at_least,
                         rule.trigger, on, source, cohort)

    trigger = rule.trigger
    if trigger == Trigger.COLLECTION:
        return [clock(since, "the holding's since date" if since else None)]
    if trigger == Trigger.AGREEMENT_END:
        ended = sorted((end, a.id) for a, end in duties if end is not None)
        if ended:
            return [clock(ended[0][0], f"agreement {ended[0][1]}")]
    if trigger == Trigger.DECOMMISSION:
        node = facts.view.get_node(system)
        retired = node.get("decommissioned_on") if node else None
        if retired:
            return [clock(parse_date(retired), f"system {system}")]
    if trigger == Trigger.EVENT and rule.topic is None:
        return [clock()]  # no topic: no event can start it (a finding says so)
    events = facts.events_about(concerned, trigger, rule.topic)
    if trigger in PEOPLE_TRIGGERS and since is not None:
        events = [e for e in events if e.occurred_on >= since]
    if not events:
        return [clock()]
    if trigger in COHORT_TRIGGERS:
        return [clock(e.occurred_on, f"event {e.id}", cohort_of(e)) for e in events]
    return [clock(events[0].occurred_on, f"event {events[0].id}")]
