"""Destruction deadlines: for every holding (a system holding an element), the rules that
apply, the date each one's clock started, the earliest deadline, and its status.

A copy may not outlive its source: along every flow that carries an element between two
systems holding it, the downstream deadline is bound by the upstream one, except for
de-identified and aggregate elements. All of it is a function of the graph and `as_of`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol, runtime_checkable

from catalog.model import Agreement, RetentionRule
from catalog.periods import Duration, parse_date
from catalog.records import NodeRecord, typed
from catalog.view import GraphView, Snapshot
from catalog.vocab import Action, Label, OrgKind, RelType, Trigger, Vocabulary

DEFAULT_WINDOW = Duration(days=90)
BINDING_DEPTH = 10  # flows followed upstream when binding a copy to its source
EXEMPT = frozenset({"DEIDENTIFIED", "AGGREGATE"})
INTERNAL_ORGS = frozenset({OrgKind.DISTRICT.value, OrgKind.SCHOOL.value})


class DeadlineStatus(Vocabulary):
    DESTROYED = "DESTROYED"
    OVERDUE = "OVERDUE"
    DUE = "DUE"
    SCHEDULED = "SCHEDULED"
    NO_RULE = "NO_RULE"
    AWAITING_TRIGGER = "AWAITING_TRIGGER"


@dataclass(frozen=True)
class Candidate:
    """One rule that applies to a holding, and the deadline it gives (if its clock started)."""

    basis: str  # "holding rule", "element default", "agreement clause", "agreement rule"
    rule: str  # a RetentionRule id, or the Agreement id for a destruction clause
    action: Action
    period: Duration
    trigger: Trigger
    trigger_on: date | None
    trigger_source: str | None  # the event, agreement or system that set the date
    due_on: date | None

    def explain(self) -> str:
        head = f"{self.basis} {self.rule}: {self.action.value.lower()} {self.period.words()} after {self.trigger.value}"
        if self.trigger_on is None:
            return f"{head}; not yet triggered"
        return f"{head}; triggered on {self.trigger_on} by {self.trigger_source}, due {self.due_on}"

    def as_dict(self) -> dict[str, Any]:
        return {"basis": self.basis, "rule": self.rule, "action": self.action.value,
                "period": self.period.iso(), "trigger": self.trigger.value,
                "trigger_on": _iso(self.trigger_on), "trigger_source": self.trigger_source,
                "due_on": _iso(self.due_on)}


@dataclass(frozen=True)
class Deadline:
    system: str
    element: str
    status: DeadlineStatus
    due_on: date | None
    own_due_on: date | None
    action: Action | None
    rule: str | None
    candidates: tuple[Candidate, ...] = ()
    destroyed_by: str | None = None
    bound_by: tuple[str, str] | None = None
    conflict: bool = False
    explanation: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"system": self.system, "element": self.element, "status": self.status.value,
                "due_on": _iso(self.due_on), "own_due_on": _iso(self.own_due_on),
                "action": self.action.value if self.action else None, "rule": self.rule,
                "destroyed_by": self.destroyed_by,
                "bound_by": {"system": self.bound_by[0], "element": self.bound_by[1]} if self.bound_by else None,
                "conflict": self.conflict, "explanation": self.explanation,
                "candidates": [c.as_dict() for c in self.candidates]}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass
class _Holding:
    system: str
    element: str
    candidates: list[Candidate] = field(default_factory=list)
    own: Candidate | None = None
    effective: date | None = None
    bound_by: tuple[str, str] | None = None


class _Triggers:
    """Finds the date a rule's clock starts for one holding."""

    def __init__(self, view: Snapshot, as_of: date) -> None:
        self.view, self.as_of = view, as_of

    def date_for(self, trigger: Trigger, system: str, element: str, since: date | None,
                 agreement: Agreement | None) -> tuple[date | None, str | None]:
        if trigger == Trigger.COLLECTION and since:
            return since, "the holding's since date"
        if trigger == Trigger.AGREEMENT_END and agreement and agreement.ends_on():
            return agreement.ends_on(), f"agreement {agreement.id}"
        node = self.view.get_node(system)
        if trigger == Trigger.DECOMMISSION and node and node.get("decommissioned_on"):
            return parse_date(node.get("decommissioned_on")), f"system {system}"
        return self._earliest_event(trigger, system, element)

    def _earliest_event(self, trigger: Trigger, system: str, element: str) -> tuple[date | None, str | None]:
        concerned = {system, element, *self.view.sources(system, RelType.OPERATES)}
        best: tuple[date, str] | None = None
        for node_id in concerned:
            for event_id in self.view.sources(node_id, RelType.CONCERNS):
                event = self.view.get_node(event_id)
                if event is None or event.get("kind") != trigger.value:
                    continue
                on = parse_date(event.get("occurred_on"))
                if on <= self.as_of and (best is None or (on, event_id) < best):
                    best = (on, event_id)
        return (best[0], f"event {best[1]}") if best else (None, None)


def _provider_agreement(view: Snapshot, system: str) -> Agreement | None:
    """The agreement that governs a provider's copy: with its operator, the one ending last."""
    for org_id in view.sources(system, RelType.OPERATES):
        org = view.get_node(org_id)
        if org is None or org.get("kind") in INTERNAL_ORGS:
            continue
        agreements = [typed(a, Agreement) for a in map(view.get_node, view.sources(org_id, RelType.WITH)) if a]
        if agreements:
            return max(agreements, key=lambda a: (a.ends_on() or date.max, a.id))
    return None


def _candidates(view: Snapshot, triggers: _Triggers, system: str, element: str,
                holds: dict[str, Any]) -> list[Candidate]:
    since = parse_date(holds["since"]) if holds.get("since") else None
    agreement = _provider_agreement(view, system)
    rules: list[tuple[str, str]] = []
    if holds.get("retention_rule"):
        rules.append(("holding rule", holds["retention_rule"]))
    else:
        rules += [("element default", r) for r in view.targets(element, RelType.RETAINED_UNDER)]
    if agreement is not None:
        rules += [("agreement rule", r) for r in view.targets(agreement.id, RelType.REQUIRES_DESTRUCTION)]
    found: list[Candidate] = []
    for basis, rule_id in rules:
        record = view.get_node(rule_id)
        if record is None:
            continue
        rule = typed(record, RetentionRule)
        on, by = triggers.date_for(rule.trigger, system, element, since, agreement)
        found.append(Candidate(basis, rule.id, rule.action, rule.period, rule.trigger, on, by,
                               rule.period.after(on) if on else None))
    if agreement is not None and agreement.destruction_days is not None:
        period, end = Duration.of_days(agreement.destruction_days), agreement.ends_on()
        found.append(Candidate("agreement clause", agreement.id, Action.DESTROY, period,
                               Trigger.AGREEMENT_END, end, f"agreement {agreement.id}" if end else None,
                               period.after(end) if end else None))
    return found


def _earliest(candidates: list[Candidate]) -> Candidate | None:
    dated = [c for c in candidates if c.due_on]
    return min(dated, key=lambda c: (c.due_on, c.rule)) if dated else None


@runtime_checkable
class NativeBinding(Protocol):
    def upstream_bounds(self, own: dict[tuple[str, str], str], exempt: list[str],
                        depth: int) -> dict[tuple[str, str], tuple[str, str]]: ...


def upstream_bounds(view: Snapshot, own: dict[tuple[str, str], str], exempt: frozenset[str],
                    depth: int = BINDING_DEPTH) -> dict[tuple[str, str], tuple[str, str]]:
    """For each holding (system, element), the earliest own deadline among the holdings
    it was copied from: walking back along flows that carry the element, through any
    system they pass (whether or not it records a holding), at most `depth` flows.
    Returns (deadline, source system), the earliest deadline first and then the smallest
    system id, for every holding that has one.

    Backends may answer this natively (`NativeBinding`); the answer must be the same."""
    feeds: dict[tuple[str, str], set[str]] = {}  # (downstream system, element) -> upstream systems
    for flow in view.of_label(Label.FLOW):
        src, dst = view.target(flow.id, RelType.FROM), view.target(flow.id, RelType.TO)
        for element in view.targets(flow.id, RelType.CARRIES):
            record = view.get_node(element)
            if src and dst and src != dst and record is not None and record.get("sensitivity") not in exempt:
                feeds.setdefault((dst, element), set()).add(src)
    bounds: dict[tuple[str, str], tuple[str, str]] = {}
    for system, element in own.keys() | feeds.keys():
        if (system, element) not in own and (system, element) not in feeds:
            continue
        best: tuple[str, str] | None = None
        seen, frontier = {system}, {system}
        for _ in range(depth):
            upstream = {u for s in frontier for u in feeds.get((s, element), ()) if u not in seen}
            for u in upstream:
                if (u, element) in own and (best is None or (own[(u, element)], u) < best):
                    best = (own[(u, element)], u)
            seen |= upstream
            frontier = upstream
        if best is not None:
            bounds[(system, element)] = best
    return bounds


def _bind(view: GraphView, snap: Snapshot, holdings: dict[tuple[str, str], _Holding]) -> None:
    """A copy may not outlive its source: bind each holding by the earliest deadline upstream."""
    own = {key: h.own.due_on.isoformat() for key, h in holdings.items() if h.own and h.own.due_on}
    if isinstance(view, NativeBinding):
        bounds = view.upstream_bounds(own, sorted(EXEMPT), BINDING_DEPTH)
    else:
        bounds = upstream_bounds(snap, own, EXEMPT, BINDING_DEPTH)
    for key, (due, source) in bounds.items():
        holding = holdings.get(key)
        if holding is None:
            continue
        bound = parse_date(due)
        if holding.effective is None or bound < holding.effective:
            holding.effective, holding.bound_by = bound, (source, key[1])


def compute_deadlines(view: GraphView, as_of: date, within: Duration | None = None) -> list[Deadline]:
    """Every holding's deadline as of `as_of`; DUE means due within `within` (default P90D)."""
    snap = Snapshot.of(view)
    triggers = _Triggers(snap, as_of)
    holdings: dict[tuple[str, str], _Holding] = {}
    for system in snap.of_label(Label.SYSTEM):
        for edge in snap.edges(system.id, types=[RelType.HOLDS]):
            holding = _Holding(system.id, edge.target)
            holding.candidates = _candidates(snap, triggers, system.id, edge.target, dict(edge.props))
            holding.own = _earliest(holding.candidates)
            holding.effective = holding.own.due_on if holding.own else None
            holdings[(system.id, edge.target)] = holding
    _bind(view, snap, holdings)
    limit = (within or DEFAULT_WINDOW).after(as_of)
    return [_deadline(snap, h, as_of, limit) for _, h in sorted(holdings.items())]


def _destruction(view: Snapshot, system: str, element: str, as_of: date) -> NodeRecord | None:
    done = [d for d in map(view.get_node, view.sources(element, RelType.OF))
            if d and system in view.targets(d.id, RelType.IN)
            and parse_date(d.get("performed_on")) <= as_of]
    return min(done, key=lambda d: (d.get("performed_on"), d.id)) if done else None


def _deadline(view: Snapshot, h: _Holding, as_of: date, limit: date) -> Deadline:
    own = h.own.due_on if h.own else None
    conflict = bool(h.bound_by and own and h.effective and h.effective < own)
    destroyed = _destruction(view, h.system, h.element, as_of)
    if destroyed is not None:
        status = DeadlineStatus.DESTROYED
    elif not h.candidates and h.effective is None:
        status = DeadlineStatus.NO_RULE
    elif h.effective is None:
        status = DeadlineStatus.AWAITING_TRIGGER
    elif h.effective < as_of:
        status = DeadlineStatus.OVERDUE
    elif h.effective <= limit:
        status = DeadlineStatus.DUE
    else:
        status = DeadlineStatus.SCHEDULED
    bound = h.bound_by if h.bound_by and h.effective != own else None
    return Deadline(
        system=h.system, element=h.element, status=status, due_on=h.effective, own_due_on=own,
        action=h.own.action if h.own else (Action.DESTROY if bound else None),
        rule=h.own.rule if h.own else None, candidates=tuple(h.candidates),
        destroyed_by=destroyed.id if destroyed else None, bound_by=bound, conflict=conflict,
        explanation=_explain(h, status, bound, destroyed),
    )


def _explain(h: _Holding, status: DeadlineStatus, bound: tuple[str, str] | None,
             destroyed: NodeRecord | None) -> str:
    if destroyed is not None:
        return f"destroyed on {destroyed.get('performed_on')} (destruction {destroyed.id})"
    if not h.candidates and bound is None:
        return "no retention rule applies: neither the holding nor the element names one"
    parts = [c.explain() for c in sorted(h.candidates, key=lambda c: (c.due_on or date.max, c.rule))]
    if bound is not None:
        own = f"its own deadline {h.own.due_on}" if h.own and h.own.due_on else "it has no deadline of its own"
        parts.append(f"bound by its source {bound[0]} (due {h.effective}): a copy may not outlive "
                     f"its source, and {own}")
    if status == DeadlineStatus.AWAITING_TRIGGER:
        parts.append("no trigger has occurred yet")
    return "; ".join(parts)
