"""One GraphQL type per node label of the reference model, with its relationships as
fields in both directions. Every relationship is read through the request's DataLoaders
(`api.graphql.node_fields`), so a list of N nodes with their neighbours costs a bounded
number of store round trips."""

from __future__ import annotations

from datetime import date

import strawberry

from api.graphql import enums  # noqa: F401  (makes the model's vocabularies GraphQL enums)
from api.graphql.node_fields import (
    Completion,
    Contact,
    Derivation,
    FieldMapping,
    Grant,
    Holding,
    Node,
    day,
    links,
    rel,
    wrap,
)
from catalog.periods import Duration, parse_date
from catalog.view import Direction
from catalog.vocab import (
    AccessKind,
    AccessLevel,
    Action,
    AgreementKind,
    ConsentGiver,
    Control,
    ElementCategory,
    FlowMethod,
    IncidentStatus,
    Label,
    OrgKind,
    PolicyKind,
    PurposeCategory,
    RelType,
    Sensitivity,
    Severity,
    Subject,
    SystemKind,
    Trigger,
)

__all__ = ["TYPES", "Node", "wrap"]

IN, OUT = Direction.IN, Direction.OUT
R = RelType


@strawberry.type
class DataElement(Node):
    definition: str | None = None
    category: ElementCategory | None = None
    sensitivity: Sensitivity | None = None
    subject: Subject | None = None
    standard_ref: str | None = None
    public: bool | None = None
    held_by: list[System] = rel(R.HOLDS, IN, "System")
    holdings: list[Holding] = links(R.HOLDS, IN, "Holding", lambda e, n: Holding(
        system=n, element=None, since=day(e.props.get("since")), retention_rule=e.props.get("retention_rule")))
    collected_by: list[System] = rel(R.COLLECTS, IN, "System")
    used_for: list[Purpose] = rel(R.USED_FOR, OUT, "Purpose")
    required_by: list[Purpose] = rel(R.REQUIRES, IN, "Purpose")
    retained_under: RetentionRule | None = rel(R.RETAINED_UNDER, OUT, "RetentionRule", one=True)
    derived_from: list[Derivation] = links(R.DERIVED_FROM, OUT, "Derivation",
                                           lambda e, n: Derivation(element=n, transform=e.props.get("transform")))
    derivatives: list[DataElement] = rel(R.DERIVED_FROM, IN, "DataElement")
    carried_by: list[Flow] = rel(R.CARRIES, IN, "Flow", label=Label.FLOW)
    covered_by: list[Agreement] = rel(R.COVERS, IN, "Agreement", label=Label.AGREEMENT)
    consents: list[Consent] = rel(R.COVERS, IN, "Consent", label=Label.CONSENT)
    accessible_by: list[Role] = rel(R.CAN_ACCESS, IN, "Role")
    destructions: list[Destruction] = rel(R.OF, IN, "Destruction")
    legal_holds: list[LegalHold] = rel(R.COVERS, IN, "LegalHold", label=Label.LEGAL_HOLD)
    access_requests: list[AccessRequest] = rel(R.CONCERNS, IN, "AccessRequest", label=Label.ACCESS_REQUEST)
    owners: list[Node] = rel(R.OWNS, IN, "Node")
    stewards: list[Person] = rel(R.STEWARDS, IN, "Person")


@strawberry.type
class System(Node):
    kind: SystemKind | None = None
    hosting: str | None = None
    controls: list[Control] | None = strawberry.field(default=None, description="Security controls: not public.")
    decommissioned_on: date | None = None
    holds: list[Holding] = links(R.HOLDS, OUT, "Holding", lambda e, n: Holding(
        system=None, element=n, since=day(e.props.get("since")), retention_rule=e.props.get("retention_rule")))
    elements: list[DataElement] = rel(R.HOLDS, OUT, "DataElement")
    collects: list[DataElement] = rel(R.COLLECTS, OUT, "DataElement")
    operator: Organization | None = rel(R.OPERATES, IN, "Organization", one=True)
    host: Organization | None = rel(R.HOSTS, IN, "Organization", one=True,
                                    description="The provider whose infrastructure it runs on.")
    flows_out: list[Flow] = rel(R.FROM, IN, "Flow")
    flows_in: list[Flow] = rel(R.TO, IN, "Flow")
    used_for: list[Purpose] = rel(R.USED_FOR, OUT, "Purpose")
    accessible_by: list[Role] = rel(R.CAN_ACCESS, IN, "Role")
    incidents: list[Incident] = rel(R.AFFECTS, IN, "Incident")
    destructions: list[Destruction] = rel(R.IN, IN, "Destruction", label=Label.DESTRUCTION)
    legal_holds: list[LegalHold] = rel(R.IN, IN, "LegalHold", label=Label.LEGAL_HOLD)
    access_requests: list[AccessRequest] = rel(R.CONCERNS, IN, "AccessRequest", label=Label.ACCESS_REQUEST)
    owners: list[Node] = rel(R.OWNS, IN, "Node")
    stewards: list[Person] = rel(R.STEWARDS, IN, "Person")


@strawberry.type
class Organization(Node):
    kind: OrgKind | None = None
    url: str | None = None
    contact: Contact | None = None
    access_response_days: int | None = strawberry.field(
        default=None, description="Days a district has to answer a family's access request (FERPA: 45).")
    family_notice_days: int | None = None
    state_notice_days: int | None = None
    operates: list[System] = rel(R.OPERATES, OUT, "System")
    hosts: list[System] = rel(R.HOSTS, OUT, "System")
    agreements: list[Agreement] = rel(R.WITH, IN, "Agreement")
    accountable_to: list[Organization] = rel(R.ACCOUNTABLE_TO, OUT, "Organization")
    oversees: list[Organization] = rel(R.ACCOUNTABLE_TO, IN, "Organization")
    members: list[Person] = rel(R.MEMBER_OF, IN, "Person")
    policies: list[Policy] = rel(R.ADOPTED, OUT, "Policy")
    owns: list[Node] = rel(R.OWNS, OUT, "Node")
    owners: list[Node] = rel(R.OWNS, IN, "Node")


@strawberry.type
class Person(Node):
    email: str | None = strawberry.field(default=None, description="Staff email: not public.")
    title: str | None = None
    roles: list[Role] = rel(R.HAS_ROLE, OUT, "Role")
    member_of: list[Organization] = rel(R.MEMBER_OF, OUT, "Organization")
    completed: list[Completion] = links(R.COMPLETED, OUT, "Completion",
                                        lambda e, n: Completion(node=n, on=parse_date(e.props["on"])))
    owns: list[Node] = rel(R.OWNS, OUT, "Node")
    stewards: list[Node] = rel(R.STEWARDS, OUT, "Node", name="stewardOf")


@strawberry.type
class Role(Node):
    serves: list[Purpose] = rel(R.SERVES, OUT, "Purpose")
    requires_training: list[Training] = rel(R.REQUIRES_TRAINING, OUT, "Training")
    can_access: list[Grant] = links(R.CAN_ACCESS, OUT, "Grant",
                                    lambda e, n: Grant(target=n, level=AccessLevel(e.props.get("level", "read"))))
    people: list[Person] = rel(R.HAS_ROLE, IN, "Person")
    owns: list[Node] = rel(R.OWNS, OUT, "Node")
    owners: list[Node] = rel(R.OWNS, IN, "Node")


@strawberry.type
class Purpose(Node):
    category: PurposeCategory | None = None
    educational: bool | None = None
    automated_decision: bool | None = None
    human_review: bool | None = None
    requires: list[DataElement] = rel(R.REQUIRES, OUT, "DataElement")
    elements: list[DataElement] = rel(R.USED_FOR, IN, "DataElement", label=Label.DATA_ELEMENT)
    systems: list[System] = rel(R.USED_FOR, IN, "System", label=Label.SYSTEM)
    flows: list[Flow] = rel(R.FOR, IN, "Flow", label=Label.FLOW)
    served_by: list[Role] = rel(R.SERVES, IN, "Role")
    permitted_by: list[Agreement] = rel(R.PERMITS, IN, "Agreement")
    owners: list[Node] = rel(R.OWNS, IN, "Node")


@strawberry.type
class Flow(Node):
    method: FlowMethod | None = None
    frequency: str | None = None
    started_on: date | None = None
    ended_on: date | None = None
    last_observed_at: str | None = strawberry.field(default=None, description="The time of the last OpenLineage "
                                                                               "run that showed it (UTC). Not public.")
    last_run_id: str | None = strawberry.field(default=None, description="That run's id. Not public.")
    source: System | None = rel(R.FROM, OUT, "System", one=True, name="from")
    target: System | None = rel(R.TO, OUT, "System", one=True, name="to")
    carries: list[DataElement] = rel(R.CARRIES, OUT, "DataElement")
    purposes: list[Purpose] = rel(R.FOR, OUT, "Purpose")
    basis: list[Node] = rel(R.UNDER, OUT, "Node", description="Agreements, consents or mandates.")
    owners: list[Node] = rel(R.OWNS, IN, "Node")
    stewards: list[Person] = rel(R.STEWARDS, IN, "Person")


@strawberry.type
class Agreement(Node):
    kind: AgreementKind | None = None
    signed_on: date | None = None
    effective_on: date | None = None
    expires_on: date | None = None
    terminated_on: date | None = None
    public_url: str | None = None
    breach_notice_hours: int | None = None
    destruction_days: int | None = None
    training_attested_on: date | None = None
    subprocessors: list[Organization] = rel(R.ALLOWS_SUBPROCESSOR, OUT, "Organization")
    requires_training: list[Training] = rel(R.REQUIRES_TRAINING, OUT, "Training")
    provider: Organization | None = rel(R.WITH, OUT, "Organization", one=True)
    covers: list[DataElement] = rel(R.COVERS, OUT, "DataElement")
    permits: list[Purpose] = rel(R.PERMITS, OUT, "Purpose")
    requires_destruction: list[RetentionRule] = rel(R.REQUIRES_DESTRUCTION, OUT, "RetentionRule")
    flows: list[Flow] = rel(R.UNDER, IN, "Flow")
    owners: list[Node] = rel(R.OWNS, IN, "Node")


@strawberry.type
class Consent(Node):
    given_by: ConsentGiver | None = None
    form_url: str | None = None
    collected_from: date | None = None
    expires_on: date | None = None
    withdrawn_on: date | None = None
    covers: list[DataElement] = rel(R.COVERS, OUT, "DataElement")
    purposes: list[Purpose] = rel(R.FOR, OUT, "Purpose")
    flows: list[Flow] = rel(R.UNDER, IN, "Flow")


@strawberry.type
class Mandate(Node):
    citation: str | None = None
    url: str | None = None
    covers: list[DataElement] = rel(R.COVERS, OUT, "DataElement")
    purposes: list[Purpose] = rel(R.FOR, OUT, "Purpose")
    flows: list[Flow] = rel(R.UNDER, IN, "Flow")


@strawberry.type
class RetentionRule(Node):
    period: str | None = strawberry.field(default=None, description="A maximum: the action is due by trigger + it.")
    keep_at_least: str | None = strawberry.field(
        default=None, description="A minimum: not to be destroyed before trigger + it.")
    trigger: Trigger | None = None
    topic: str | None = strawberry.field(default=None, description="For trigger EVENT: the events that start it.")
    action: Action | None = None
    authority: str | None = None
    elements: list[DataElement] = rel(R.RETAINED_UNDER, IN, "DataElement")
    agreements: list[Agreement] = rel(R.REQUIRES_DESTRUCTION, IN, "Agreement")

    @strawberry.field(description="The period in plain words, for people.")
    def period_in_words(self) -> str | None:
        return Duration.parse(self.period).words() if self.period else None


@strawberry.type
class Event(Node):
    kind: Trigger | None = None
    occurred_on: date | None = None
    cohort: str | None = strawberry.field(default=None, description="Whose records it starts the clocks of.")
    topic: str | None = None
    concerns: list[Node] = rel(R.CONCERNS, OUT, "Node")


@strawberry.type
class Destruction(Node):
    performed_on: date | None = None
    method: str | None = None
    certificate_url: str | None = None
    cohort: str | None = strawberry.field(default=None, description="Of that cohort's copy only, when given.")
    elements: list[DataElement] = rel(R.OF, OUT, "DataElement")
    system: System | None = rel(R.IN, OUT, "System", one=True)


@strawberry.type
class Training(Node):
    valid_for: str | None = None
    required_by: list[Role] = rel(R.REQUIRES_TRAINING, IN, "Role")
    completions: list[Completion] = links(R.COMPLETED, IN, "Completion",
                                          lambda e, n: Completion(node=n, on=parse_date(e.props["on"])))


@strawberry.type
class Policy(Node):
    kind: PolicyKind | None = None
    url: str | None = None
    public: bool | None = None
    adopted_on: date | None = None
    reviewed_on: date | None = None
    adopted_by: list[Organization] = rel(R.ADOPTED, IN, "Organization")


@strawberry.type
class Incident(Node):
    discovered_on: date | None = None
    status: IncidentStatus | None = None
    severity: Severity | None = None
    reported_on: date | None = strawberry.field(default=None, description="When the district learned of it.")
    families_notified_on: date | None = None
    state_notified_on: date | None = None
    students_affected: int | None = None
    reviewed_on: date | None = None
    affects: list[Node] = rel(R.AFFECTS, OUT, "Node")
    discovered_by: Organization | None = rel(R.DISCOVERED_BY, OUT, "Organization", one=True)

    @strawberry.field(deprecation_reason="The same as reportedOn.")
    def notified_on(self) -> date | None:
        return self.reported_on


@strawberry.type(description="Litigation, a hearing or an audit that suspends destruction while active: not public.")
class LegalHold(Node):
    reason: str | None = None
    placed_on: date | None = None
    released_on: date | None = None
    cohorts: list[str] | None = strawberry.field(default=None, description="Of these cohorts only (none: all).")
    covers: list[DataElement] = rel(R.COVERS, OUT, "DataElement", description="Of these elements (none: all).")
    systems: list[System] = rel(R.IN, OUT, "System", description="In these systems (none: all).")


@strawberry.type(description="A family's request to inspect, amend or copy records (FERPA 34 CFR 99.10): not "
                             "public. Until answered it holds the destruction of what it concerns.")
class AccessRequest(Node):
    kind: AccessKind | None = None
    requester: ConsentGiver | None = None
    received_on: date | None = None
    answered_on: date | None = None
    cohort: str | None = None
    concerns: list[Node] = rel(R.CONCERNS, OUT, "Node")


@strawberry.type(description="Which OpenLineage datasets are a system's (a namespace and a name pattern), and "
                             "which element each schema field holds: not public.")
class DatasetMapping(Node):
    namespace: str | None = None
    name_pattern: str | None = None
    system: System | None = rel(R.MAPS_TO, OUT, "System", one=True)
    fields: list[FieldMapping] = links(R.MAPS_FIELD, OUT, "FieldMapping",
                                       lambda e, n: FieldMapping(field=e.props.get("field", ""), element=n))


@strawberry.type(description="An OpenLineage dataset that runs read or wrote and no dataset mapping matches yet: "
                             "waiting for a steward to map it. Not public.")
class PendingObservation(Node):
    namespace: str | None = None
    dataset: str | None = None
    fields: list[str] | None = strawberry.field(default=None, description="Schema fields seen.")
    job: str | None = None
    last_run_id: str | None = None
    last_observed_at: str | None = None


TYPES: dict[Label, type] = {
    Label.DATA_ELEMENT: DataElement, Label.SYSTEM: System, Label.ORGANIZATION: Organization,
    Label.PERSON: Person, Label.ROLE: Role, Label.PURPOSE: Purpose, Label.FLOW: Flow,
    Label.AGREEMENT: Agreement, Label.CONSENT: Consent, Label.MANDATE: Mandate,
    Label.RETENTION_RULE: RetentionRule, Label.EVENT: Event, Label.DESTRUCTION: Destruction,
    Label.TRAINING: Training, Label.POLICY: Policy, Label.INCIDENT: Incident,
    Label.LEGAL_HOLD: LegalHold, Label.ACCESS_REQUEST: AccessRequest,
    Label.DATASET_MAPPING: DatasetMapping, Label.PENDING_OBSERVATION: PendingObservation,
}
