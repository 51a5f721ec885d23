"""The reference model as typed Python: one frozen dataclass per node label, and one
per relationship that carries properties. No I/O here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from catalog.periods import Duration
from catalog.vocab import (
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
    Sensitivity,
    Severity,
    Subject,
    SystemKind,
    Trigger,
)


@dataclass(frozen=True, kw_only=True)
class Node:
    LABEL: ClassVar[Label]
    # Fields whose values may never be shown to the public, whatever the node.
    PRIVATE_FIELDS: ClassVar[frozenset[str]] = frozenset({"notes"})
    # Labels whose files may omit `name` (it defaults to the id).
    NAME_OPTIONAL: ClassVar[bool] = False

    id: str
    name: str
    description: str | None = None
    notes: str | None = None
    updated_at: str | None = None


@dataclass(frozen=True, kw_only=True)
class DataElement(Node):
    LABEL = Label.DATA_ELEMENT
    definition: str | None = None
    category: ElementCategory
    sensitivity: Sensitivity
    subject: Subject
    standard_ref: str | None = None
    public: bool = False


@dataclass(frozen=True, kw_only=True)
class System(Node):
    LABEL = Label.SYSTEM
    PRIVATE_FIELDS = frozenset({"notes", "controls"})
    kind: SystemKind
    hosting: str | None = None
    controls: tuple[Control, ...] = ()
    decommissioned_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class Organization(Node):
    LABEL = Label.ORGANIZATION
    kind: OrgKind
    url: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_url: str | None = None


@dataclass(frozen=True, kw_only=True)
class Person(Node):
    LABEL = Label.PERSON
    PRIVATE_FIELDS = frozenset({"notes", "email"})
    email: str | None = None
    title: str | None = None


@dataclass(frozen=True, kw_only=True)
class Role(Node):
    LABEL = Label.ROLE


@dataclass(frozen=True, kw_only=True)
class Purpose(Node):
    LABEL = Label.PURPOSE
    category: PurposeCategory
    educational: bool = True
    automated_decision: bool = False
    human_review: bool = False


@dataclass(frozen=True, kw_only=True)
class Flow(Node):
    LABEL = Label.FLOW
    NAME_OPTIONAL = True
    method: FlowMethod | None = None
    frequency: str | None = None
    started_on: date | None = None
    ended_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class Agreement(Node):
    LABEL = Label.AGREEMENT
    NAME_OPTIONAL = True
    kind: AgreementKind
    signed_on: date | None = None
    effective_on: date | None = None
    expires_on: date | None = None
    terminated_on: date | None = None
    public_url: str | None = None
    breach_notice_hours: int | None = None
    destruction_days: int | None = None

    def ends_on(self) -> date | None:
        """The day the agreement stops permitting anything: termination wins."""
        return self.terminated_on or self.expires_on


@dataclass(frozen=True, kw_only=True)
class Consent(Node):
    LABEL = Label.CONSENT
    given_by: ConsentGiver
    form_url: str | None = None
    collected_from: date | None = None
    expires_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class Mandate(Node):
    LABEL = Label.MANDATE
    citation: str
    url: str | None = None


@dataclass(frozen=True, kw_only=True)
class RetentionRule(Node):
    LABEL = Label.RETENTION_RULE
    period: Duration
    trigger: Trigger
    action: Action
    authority: str | None = None


@dataclass(frozen=True, kw_only=True)
class Event(Node):
    LABEL = Label.EVENT
    NAME_OPTIONAL = True
    kind: Trigger
    occurred_on: date


@dataclass(frozen=True, kw_only=True)
class Destruction(Node):
    LABEL = Label.DESTRUCTION
    NAME_OPTIONAL = True
    performed_on: date
    method: str | None = None
    certificate_url: str | None = None


@dataclass(frozen=True, kw_only=True)
class Training(Node):
    LABEL = Label.TRAINING
    valid_for: Duration | None = None


@dataclass(frozen=True, kw_only=True)
class Policy(Node):
    LABEL = Label.POLICY
    kind: PolicyKind
    url: str | None = None
    public: bool = False
    adopted_on: date | None = None
    reviewed_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class Incident(Node):
    LABEL = Label.INCIDENT
    discovered_on: date
    status: IncidentStatus
    severity: Severity
    notified_on: date | None = None
    reviewed_on: date | None = None


# Relationship properties -------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Holds:
    since: date | None = None
    retention_rule: str | None = None


@dataclass(frozen=True, kw_only=True)
class CanAccess:
    level: AccessLevel = AccessLevel.READ


@dataclass(frozen=True, kw_only=True)
class Completed:
    on: date


@dataclass(frozen=True, kw_only=True)
class DerivedFrom:
    transform: str | None = None


NODE_TYPES: dict[Label, type[Node]] = {
    cls.LABEL: cls
    for cls in (
        DataElement, System, Organization, Person, Role, Purpose, Flow, Agreement, Consent,
        Mandate, RetentionRule, Event, Destruction, Training, Policy, Incident,
    )
}
