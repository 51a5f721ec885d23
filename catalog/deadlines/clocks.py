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

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Protocol, runtime_checkable

from catalog.deadlines.binding import hands_over_custody
from catalog.deadlines.duties import Duties
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
        self._providers: dict[str, Duties] = {}
        self._outsiders: dict[str, RetentionRule | None] = {}
        # The nodes events concern: a holding's system, element and operators are asked
        # about once per holding, and most of them (the elements) no event concerns.
        self._concerned = {n for e in self.events for n in view.targets(e, RelType.CONCERNS)}
        self._about: dict[tuple[frozenset[str], Trigger, str | None], list[Event]] = {}
        # What each event gives the clocks it starts, made once rather than once per holding.
        self.marks = {e.id: (e.occurred_on, f"event {e.id}", cohort_of(e)) for e in self.events.values()}

    def outsiders_rule(self, rule_id: str) -> RetentionRule | None:
        """A records schedule's minimum binds the district's own record, not the copy an
        organisation outside it holds (a provider acting for it, an agency under its own
        law): the rule without its minimum, or no rule if that was all it set."""
        if rule_id not in self._outsiders:
            rule = self.rules.get(rule_id)
            if rule is not None and rule.keep_at_least:
                rule = replace(rule, keep_at_least=None) if rule.period else None
            self._outsiders[rule_id] = rule
        return self._outsiders[rule_id]

    def events_about(self, nodes: set[str], kind: Trigger, topic: str | None = None) -> list[Event]:
        """Events of `kind` (and `topic`) that concern any of `nodes` and occurred by as_of.
        The same list for the same question (a system's holdings ask the same one)."""
        key = (frozenset(n for n in nodes if n in self._concerned), kind, topic)
        if key not in self._about:
            found = {e for n in key[0] for e in self.view.sources(n, RelType.CONCERNS) if e in self.events}
            self._about[key] = sorted(
                (e for e in map(self.events.__getitem__, found) if e.kind == kind and e.occurred_on <= self.as_of
                 and (kind != Trigger.EVENT or e.topic == topic)), key=lambda e: (e.occurred_on, e.id))
        return self._about[key]

    def duties(self, provider: str, element: str) -> list[tuple[Agreement, date | None]]:
        """Every agreement with `provider` covering `element`, with the day its duty to
        destroy is triggered: its end, unless a later covering agreement was in force then."""
        if provider not in self._providers:
            self._providers[provider] = Duties(
                [self.agreements[a] for a in self.view.sources(provider, RelType.WITH) if a in self.agreements],
                self.schedules)
        return self._providers[provider].of(element)


# Another custodian's copy, which the holder keeps as its own record, under its own
# schedule: one an agency keeps (`agency_operated`), or one received only under a law
# (`received_under_law`).

def agency_operated(view: Snapshot, system: str) -> bool:
    return any(is_public_agency(view.get_node(o)) for o in view.sources(system, RelType.OPERATES))


def received_under_law(view: Snapshot, system: str, element: str) -> bool:
    """Every flow bringing the element in has a law as its only basis."""
    inflows = [f for f in view.sources(system, RelType.TO) if element in view.targets(f, RelType.CARRIES)]
    return bool(inflows) and all(hands_over_custody(view, f, element) for f in inflows)


@dataclass(frozen=True)
class _System:
    """What a system's holdings share: read once per system, not once per holding."""

    operators: frozenset[str]
    outside: str | None  # the first operator outside the district, by id
    host: str | None  # the first host outside the district, by id, unless that operator
    agency: bool  # a state or federal agency operates it

    @classmethod
    def of(cls, view: Snapshot, system: str) -> _System:
        operators = view.sources(system, RelType.OPERATES)
        outside = external_orgs(view.get_node(o) for o in operators)
        first = outside[0].id if outside else None
        return cls(frozenset(operators), first, _host(view, system, first), agency_operated(view, system))


def python_clocks(view: Snapshot, as_of: date) -> list[Candidate]:
    """Every clock of every holding, as of `as_of`, in holding order."""
    facts = _Facts(view, as_of)
    systems: dict[str, _System] = {}
    found: list[Candidate] = []
    for edge in sorted(view.edges(types=[RelType.HOLDS]), key=lambda e: (e.source, e.target)):
        if edge.source not in systems:
            systems[edge.source] = _System.of(view, edge.source)
        found += _holding_clocks(facts, systems[edge.source], edge.source, edge.target, edge.props)
    return found


def _holding_clocks(facts: _Facts, facts_of_system: _System, system: str, element: str,
                    holds: Mapping[str, Any]) -> list[Candidate]:
    view, outside, host = facts.view, facts_of_system.outside, facts_of_system.host
    since = parse_date(holds["since"]) if holds.get("since") else None
    concerned = {system, element, *facts_of_system.operators}
    if holds.get("retention_rule"):
        rules = [("holding rule", str(holds["retention_rule"]))]
    elif facts_of_system.agency or received_under_law(view, system, element):
        rules = []  # another custodian's copy: the district's schedule does not govern it
    else:
        rules = [("element default", r) for r in view.targets(element, RelType.RETAINED_UNDER)]
    duties = facts.duties(outside, element) if outside else []
    host_duties = facts.duties(host, element) if host else []
    clocks: list[Candidate] = []
    for basis, rule_id in rules:
        rule = facts.outsiders_rule(rule_id) if outside and basis == "element default" else facts.rules.get(rule_id)
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
        # Made here rather than by `clock`: most of a state's clocks are one per cohort.
        rule_id, action, period, keep = rule.id, rule.action, rule.period, rule.keep_at_least
        return [Candidate(system, element, basis, rule_id, action, period, keep, trigger, on, source, cohort)
                for on, source, cohort in map(facts.marks.__getitem__, (e.id for e in events))]
    return [clock(events[0].occurred_on, f"event {events[0].id}")]
