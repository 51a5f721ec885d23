"""The reference model as typed Python: one frozen dataclass per node label, and one
per relationship that carries properties. No I/O here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from catalog.periods import Duration
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
    # Keys a file may use for a field under an older name: {old name: field}.
    ALIASES: ClassVar[dict[str, str]] = {}

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
    # Days the organisation (a district) has to answer a family's request to see its
    # records; FERPA's 45 when not set (34 CFR 99.10(b)), many states allow fewer.
    access_response_days: int | None = None
    # Days its state's law gives a district to tell families, and the state, of a breach.
    family_notice_days: int | None = None
    state_notice_days: int | None = None


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
    # The last OpenLineage run that showed the flow: its event time (UTC) and run id.
    last_observed_at: str | None = None
    last_run_id: str | None = None


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
    # The day the provider attested that its staff completed the trainings it requires.
    training_attested_on: date | None = None

    def starts_on(self) -> date | None:
        """The first day the agreement permits anything: its effective date, else its signature."""
        return self.effective_on or self.signed_on

    def ends_on(self) -> date | None:
        """The last day the agreement permits anything: termination wins."""
        return self.terminated_on or self.expires_on

    def in_force_on(self, day: date) -> bool:
        """Taken effect (when it says so) and not yet ended on `day`."""
        start, end = self.starts_on(), self.ends_on()
        return (start is None or start <= day) and (end is None or day <= end)


@dataclass(frozen=True, kw_only=True)
class Consent(Node):
    LABEL = Label.CONSENT
    given_by: ConsentGiver
    form_url: str | None = None
    collected_from: date | None = None
    expires_on: date | None = None
    withdrawn_on: date | None = None

    def in_force_on(self, day: date) -> bool:
        """A consent supports sharing from the day it was collected through the day it
        expires (as an agreement's last day), and no more from the day it is withdrawn.
        As an agreement with no start date, one with no collection date is taken to
        have always been there."""
        if self.collected_from is not None and day < self.collected_from:
            return False
        return (self.expires_on is None or day <= self.expires_on) \
            and (self.withdrawn_on is None or day < self.withdrawn_on)


@dataclass(frozen=True, kw_only=True)
class Mandate(Node):
    LABEL = Label.MANDATE
    citation: str
    url: str | None = None


@dataclass(frozen=True, kw_only=True)
class RetentionRule(Node):
    """`period` is a maximum (the action is due by trigger + period) and `keep_at_least` a
    minimum (the record may not be destroyed before trigger + it, as records schedules
    say "not less than five years"); a rule gives at least one of them. A rule with
    trigger EVENT is started only by events of the same `topic`."""

    LABEL = Label.RETENTION_RULE
    period: Duration | None = None
    keep_at_least: Duration | None = None
    trigger: Trigger
    action: Action
    topic: str | None = None
    authority: str | None = None


@dataclass(frozen=True, kw_only=True)
class Event(Node):
    """A dated fact that starts retention clocks. `cohort` names whose records it starts
    (for example "2019-2020"); `topic` matches it to rules with trigger EVENT."""

    LABEL = Label.EVENT
    NAME_OPTIONAL = True
    kind: Trigger
    occurred_on: date
    cohort: str | None = None
    topic: str | None = None


@dataclass(frozen=True, kw_only=True)
class Destruction(Node):
    """A recorded destruction. With a `cohort`, of that cohort's copy only; without one,
    of every cohort whose event occurred on or before `performed_on`."""

    LABEL = Label.DESTRUCTION
    NAME_OPTIONAL = True
    performed_on: date
    method: str | None = None
    certificate_url: str | None = None
    cohort: str | None = None


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
    """`reported_on` is when the district learned of it (for an incident at a provider,
    the provider's notice; files may call it `notified_on`); families and the state are
    told on `families_notified_on` and `state_notified_on`."""

    LABEL = Label.INCIDENT
    ALIASES = {"notified_on": "reported_on"}
    discovered_on: date
    status: IncidentStatus
    severity: Severity
    reported_on: date | None = None
    families_notified_on: date | None = None
    state_notified_on: date | None = None
    students_affected: int | None = None
    reviewed_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class LegalHold(Node):
    """Litigation, a due-process hearing or an audit suspends destruction of what it
    covers (elements, in systems, of cohorts; an empty list means all) while active."""

    LABEL = Label.LEGAL_HOLD
    reason: str | None = None
    placed_on: date
    released_on: date | None = None
    cohorts: tuple[str, ...] = ()

    def active_on(self, day: date) -> bool:
        return self.placed_on <= day and (self.released_on is None or day < self.released_on)


@dataclass(frozen=True, kw_only=True)
class AccessRequest(Node):
    """A family's request to inspect, amend or copy records (FERPA 34 CFR 99.10). While
    unanswered it holds the destruction of what it concerns (99.10(e))."""

    LABEL = Label.ACCESS_REQUEST
    NAME_OPTIONAL = True
    kind: AccessKind
    requester: ConsentGiver
    received_on: date
    answered_on: date | None = None
    cohort: str | None = None

    def open_on(self, day: date) -> bool:
        return self.received_on <= day and (self.answered_on is None or day < self.answered_on)


@dataclass(frozen=True, kw_only=True)
class DatasetMapping(Node):
    """The OpenLineage datasets of one system: those of `namespace` whose name matches
    `name_pattern` (shell-style: `*`, `?`, `[...]`). Its `fields` name the elements that
    the datasets' schema fields hold."""

    LABEL = Label.DATASET_MAPPING
    NAME_OPTIONAL = True
    namespace: str
    name_pattern: str


@dataclass(frozen=True, kw_only=True)
class PendingObservation(Node):
    """An OpenLineage dataset that a run read or wrote and that no mapping matched: kept,
    never dropped, until a steward maps it. Written by the lineage intake only."""

    LABEL = Label.PENDING_OBSERVATION
    NAME_OPTIONAL = True
    namespace: str
    dataset: str
    fields: tuple[str, ...] = ()
    job: str | None = None
    last_run_id: str | None = None
    last_observed_at: str | None = None


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


@dataclass(frozen=True, kw_only=True)
class MapsField:
    field: str


NODE_TYPES: dict[Label, type[Node]] = {
    cls.LABEL: cls
    for cls in (
        DataElement, System, Organization, Person, Role, Purpose, Flow, Agreement, Consent,
        Mandate, RetentionRule, Event, Destruction, Training, Policy, Incident, LegalHold, AccessRequest,
        DatasetMapping, PendingObservation,
    )
}
