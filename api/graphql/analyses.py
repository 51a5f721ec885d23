"""GraphQL types of the analyses' answers, built from the domain's dataclasses."""

from __future__ import annotations

from datetime import date
from typing import cast

import strawberry
from strawberry.scalars import JSON

from api.graphql.limits import (
    MAX_PAGE,
    page_size,
    priced,
)
from catalog.audit import Change as DomainChange
from catalog.blast import Audience, DutyStatus
from catalog.blast import BlastRadius as DomainBlast
from catalog.blast import Duty as DomainDuty
from catalog.deadlines import Candidate as DomainCandidate
from catalog.deadlines import Deadline as DomainDeadline
from catalog.deadlines import DeadlineStatus
from catalog.findings import Finding as DomainFinding
from catalog.findings import ScoreRow
from catalog.responsibility import Responsibility as DomainResponsibility
from catalog.vocab import Action, Severity, Trigger

CANDIDATES_PAGE = 10  # a row has a clock per rule that applies to it: a few

# The closed vocabularies the analyses take and give are GraphQL enums, so that clients
# see them in introspection and a misspelling fails validation before anything runs.
strawberry.enum(DeadlineStatus, description="Where a holding stands against its destruction deadline.")
strawberry.enum(Audience, name="BreachAudience", description="Who must be told of a breach.")
strawberry.enum(DutyStatus, name="NoticeStatus", description="Where a breach notice stands on the date asked.")


@strawberry.type
class Party:
    id: str
    label: str
    name: str
    role: str
    chain: list[str]


@strawberry.type
class Responsibility:
    node: str
    accountable: bool
    reaches_committee: bool
    parties: list[Party] = strawberry.field(metadata=priced(MAX_PAGE))

    @classmethod
    def of(cls, result: DomainResponsibility) -> Responsibility:
        parties = [Party(id=p.id, label=p.label, name=p.name, role=p.role, chain=list(c))
                   for p, c in zip(result.parties, result.chains, strict=True)]
        return cls(node=result.node, accountable=result.accountable,
                   reaches_committee=result.reaches_committee, parties=parties[:MAX_PAGE])


@strawberry.type
class Candidate:
    basis: str
    rule: str
    action: Action
    period: str | None
    keep_at_least: str | None
    trigger: Trigger
    trigger_on: date | None
    trigger_source: str | None
    cohort: str | None
    due_on: date | None
    eligible_on: date | None

    @classmethod
    def of(cls, c: DomainCandidate) -> Candidate:
        d = c.as_dict()
        return cls(basis=c.basis, rule=c.rule, action=c.action, period=d["period"],
                   keep_at_least=d["keep_at_least"], trigger=c.trigger, trigger_on=c.trigger_on,
                   trigger_source=c.trigger_source, cohort=c.cohort, due_on=c.due_on, eligible_on=c.eligible_on)


@strawberry.type(description="A holding (a system holding an element) and cohort as a records officer acts on it.")
class Deadline:
    system: str
    element: str
    cohort: str | None
    status: DeadlineStatus
    eligible_on: date | None = strawberry.field(description="The day it may be destroyed from (a minimum).")
    due_on: date | None = strawberry.field(description="The day it must be destroyed by, after binding.")
    own_due_on: date | None
    action: Action | None
    rule: str | None
    conflict: bool
    bound_by_system: str | None
    held_by: list[str] = strawberry.field(description="Legal holds and open access requests that suspend it.")
    destroyed_by: str | None
    destroyed_on: date | None
    explanation: str
    all_candidates: strawberry.Private[list[Candidate]]

    @strawberry.field(metadata=priced("first"), description="The clocks it was computed from (default "
                                                            f"{CANDIDATES_PAGE}, at most {MAX_PAGE}).")
    def candidates(self, first: int = CANDIDATES_PAGE) -> list[Candidate]:
        return self.all_candidates[:page_size(first)]

    @classmethod
    def of(cls, d: DomainDeadline) -> Deadline:
        return cls(system=d.system, element=d.element, cohort=d.cohort, status=d.status,
                   eligible_on=d.eligible_on, due_on=d.due_on, own_due_on=d.own_due_on,
                   action=d.action, rule=d.rule, conflict=d.conflict,
                   bound_by_system=d.bound_by[0] if d.bound_by else None, held_by=list(d.held_by),
                   destroyed_by=d.destroyed_by, destroyed_on=d.destroyed_on, explanation=d.explanation,
                   all_candidates=[Candidate.of(c) for c in d.candidates])


@strawberry.type
class Finding:
    rule: str
    principle: str
    severity: Severity
    node: str
    message: str
    remedy: str
    elements: list[str] = strawberry.field(description="The elements a finding about many of them lists.")
    count: int

    @classmethod
    def of(cls, f: DomainFinding) -> Finding:
        return cls(rule=f.rule, principle=f.principle, severity=f.severity, node=f.node,
                   message=f.message, remedy=f.remedy, elements=list(f.elements), count=f.count)


@strawberry.type
class ScorecardRow:
    principle: str
    title: str
    checks: int
    findings: int
    high: int
    medium: int
    low: int

    @classmethod
    def of(cls, row: ScoreRow) -> ScorecardRow:
        return cls(principle=row.principle, title=row.title, checks=row.checks, findings=row.findings,
                   high=row.high, medium=row.medium, low=row.low)


@strawberry.type(description="A breach notice an incident owes: who tells whom, by when, and where it stands.")
class BreachDuty:
    by: str = strawberry.field(description="Who must tell: the provider, or the district.")
    to: Audience
    agreement: str | None = strawberry.field(description="The provider's agreement whose notice period applies.")
    hours: int | None = strawberry.field(description="The provider's period, in hours from discovery.")
    days: int | None = strawberry.field(description="The district's period, in days from when it learned of it.")
    starts_on: date | None = strawberry.field(description="When the clock started; null while the district "
                                                          "has not heard of it from the provider.")
    due_on: date | None
    given_on: date | None = strawberry.field(description="When it was given, if by the date asked.")
    status: DutyStatus

    @classmethod
    def of(cls, d: DomainDuty) -> BreachDuty:
        return cls(by=d.by, to=d.to, agreement=d.agreement, hours=d.hours, days=d.days,
                   starts_on=d.starts_on, due_on=d.due_on, given_on=d.given_on, status=d.status)


@strawberry.type
class BlastRadius:
    incident: str
    discovered_on: date
    affected: list[str] = strawberry.field(description="The systems, elements and organisations the incident names.")
    systems: list[str] = strawberry.field(description="The systems it affects.")
    onward_systems: list[str] = strawberry.field(description="The systems its elements flow to from those.")
    elements: list[str] = strawberry.field(description="The elements exposed.")
    flows: list[str] = strawberry.field(description="The flows that carry them onward.")
    providers: list[str] = strawberry.field(description="Outside organisations that operate or host those systems.")
    agreements: list[str] = strawberry.field(description="Their agreements in force on the day it was discovered.")
    sensitive_categories: list[str]
    duties: list[BreachDuty] = strawberry.field(metadata=priced(MAX_PAGE))

    @classmethod
    def of(cls, b: DomainBlast) -> BlastRadius:
        return cls(incident=b.incident, discovered_on=b.discovered_on, affected=list(b.affected),
                   systems=list(b.systems), onward_systems=list(b.onward), elements=list(b.elements),
                   flows=list(b.flows), providers=list(b.providers), agreements=list(b.agreements),
                   sensitive_categories=list(b.sensitive_categories),
                   duties=[BreachDuty.of(d) for d in b.duties[:MAX_PAGE]])


@strawberry.type
class Change:
    seq: int
    at: str
    actor: str
    action: str
    target: str
    before: JSON | None
    after: JSON | None
    version: int | None = strawberry.field(description="The version of the node the change wrote (for a "
                                                       "relationship, of the node that declares it); null for "
                                                       "a deletion.")

    @classmethod
    def of(cls, c: DomainChange) -> Change:
        return cls(seq=c.seq, at=c.at, actor=c.actor, action=c.action, target=c.target,
                   before=cast(JSON, c.before), after=cast(JSON, c.after), version=c.version)
