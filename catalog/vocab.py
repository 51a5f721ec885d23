"""Closed vocabularies of the reference model: labels, relationship types, enums."""

from __future__ import annotations

from enum import StrEnum

from catalog.source import excerpt


class Vocabulary(StrEnum):
    """An enum matched case-insensitively on input and stored as spelled in DESIGN.md."""

    @classmethod
    def parse(cls, value: object) -> Vocabulary:
        if isinstance(value, cls):
            return value
        # Only text can name a member; str() of anything else could be of any size.
        text = value.strip().lower() if isinstance(value, str) else None
        for member in cls:
            if member.value.lower() == text:
                return member
        raise ValueError(f"expected one of {', '.join(m.value for m in cls)}, got {excerpt(value)}")

    def __str__(self) -> str:
        return str(self.value)


class Label(Vocabulary):
    DATA_ELEMENT = "DataElement"
    SYSTEM = "System"
    ORGANIZATION = "Organization"
    PERSON = "Person"
    ROLE = "Role"
    PURPOSE = "Purpose"
    FLOW = "Flow"
    AGREEMENT = "Agreement"
    CONSENT = "Consent"
    MANDATE = "Mandate"
    RETENTION_RULE = "RetentionRule"
    EVENT = "Event"
    DESTRUCTION = "Destruction"
    TRAINING = "Training"
    POLICY = "Policy"
    INCIDENT = "Incident"
    LEGAL_HOLD = "LegalHold"
    ACCESS_REQUEST = "AccessRequest"
    # Which OpenLineage datasets belong to which system, and their fields to which elements.
    DATASET_MAPPING = "DatasetMapping"
    # An OpenLineage dataset seen in a run that no mapping matches yet: kept for a steward to map.
    PENDING_OBSERVATION = "PendingObservation"


class RelType(Vocabulary):
    HOLDS = "HOLDS"
    COLLECTS = "COLLECTS"
    FROM = "FROM"
    TO = "TO"
    CARRIES = "CARRIES"
    FOR = "FOR"
    UNDER = "UNDER"
    WITH = "WITH"
    COVERS = "COVERS"
    PERMITS = "PERMITS"
    REQUIRES_DESTRUCTION = "REQUIRES_DESTRUCTION"
    OPERATES = "OPERATES"
    DERIVED_FROM = "DERIVED_FROM"
    USED_FOR = "USED_FOR"
    REQUIRES = "REQUIRES"
    RETAINED_UNDER = "RETAINED_UNDER"
    OWNS = "OWNS"
    STEWARDS = "STEWARDS"
    HAS_ROLE = "HAS_ROLE"
    MEMBER_OF = "MEMBER_OF"
    ACCOUNTABLE_TO = "ACCOUNTABLE_TO"
    CAN_ACCESS = "CAN_ACCESS"
    SERVES = "SERVES"
    REQUIRES_TRAINING = "REQUIRES_TRAINING"
    COMPLETED = "COMPLETED"
    CONCERNS = "CONCERNS"
    OF = "OF"
    IN = "IN"
    AFFECTS = "AFFECTS"
    ADOPTED = "ADOPTED"
    HOSTS = "HOSTS"
    ALLOWS_SUBPROCESSOR = "ALLOWS_SUBPROCESSOR"
    DISCOVERED_BY = "DISCOVERED_BY"
    MAPS_TO = "MAPS_TO"
    MAPS_FIELD = "MAPS_FIELD"


class ElementCategory(Vocabulary):
    DEMOGRAPHIC = "demographic"
    IDENTITY = "identity"
    CONTACT = "contact"
    ENROLLMENT = "enrollment"
    ATTENDANCE = "attendance"
    ASSESSMENT = "assessment"
    GRADES = "grades"
    DISCIPLINE = "discipline"
    HEALTH = "health"
    SPECIAL_EDUCATION = "special_education"
    PROGRAM = "program"
    DERIVED = "derived"


class Sensitivity(Vocabulary):
    DIRECTORY = "DIRECTORY"
    PII = "PII"
    SENSITIVE = "SENSITIVE"
    DEIDENTIFIED = "DEIDENTIFIED"
    AGGREGATE = "AGGREGATE"


class Subject(Vocabulary):
    STUDENT = "STUDENT"
    PARENT = "PARENT"
    STAFF = "STAFF"


class SystemKind(Vocabulary):
    SIS = "SIS"
    LMS = "LMS"
    ASSESSMENT = "ASSESSMENT"
    WAREHOUSE = "WAREHOUSE"
    APPLICATION = "APPLICATION"
    FILE_STORE = "FILE_STORE"
    REPORTING = "REPORTING"


class Control(Vocabulary):
    ENCRYPTION_AT_REST = "ENCRYPTION_AT_REST"
    ENCRYPTION_IN_TRANSIT = "ENCRYPTION_IN_TRANSIT"
    MFA = "MFA"
    SSO = "SSO"
    AUDIT_LOG = "AUDIT_LOG"
    BACKUP = "BACKUP"


class OrgKind(Vocabulary):
    DISTRICT = "DISTRICT"
    SCHOOL = "SCHOOL"
    COMMITTEE = "COMMITTEE"
    SERVICE_PROVIDER = "SERVICE_PROVIDER"
    STATE_AGENCY = "STATE_AGENCY"
    FEDERAL_AGENCY = "FEDERAL_AGENCY"
    RESEARCHER = "RESEARCHER"
    OTHER = "OTHER"


class PurposeCategory(Vocabulary):
    INSTRUCTION = "INSTRUCTION"
    ASSESSMENT = "ASSESSMENT"
    OPERATIONS = "OPERATIONS"
    SAFETY = "SAFETY"
    REPORTING = "REPORTING"
    RESEARCH = "RESEARCH"
    MARKETING = "MARKETING"


class FlowMethod(Vocabulary):
    API = "API"
    SFTP = "SFTP"
    FILE = "FILE"
    EMAIL = "EMAIL"
    MANUAL = "MANUAL"
    STREAM = "STREAM"


class AgreementKind(Vocabulary):
    DPA = "DPA"
    NDPA = "NDPA"
    MOU = "MOU"
    RESEARCH = "RESEARCH"
    CONTRACT = "CONTRACT"


class ConsentGiver(Vocabulary):
    PARENT = "PARENT"
    ELIGIBLE_STUDENT = "ELIGIBLE_STUDENT"


class Trigger(Vocabulary):
    """RetentionRule.trigger and Event.kind share this vocabulary."""

    COLLECTION = "COLLECTION"
    WITHDRAWAL = "WITHDRAWAL"
    GRADUATION = "GRADUATION"
    AGREEMENT_END = "AGREEMENT_END"
    SCHOOL_YEAR_END = "SCHOOL_YEAR_END"
    DECOMMISSION = "DECOMMISSION"
    EVENT = "EVENT"


class AccessKind(Vocabulary):
    """What a family asks of its records (FERPA 34 CFR 99.10, 99.20)."""

    INSPECT = "INSPECT"
    AMEND = "AMEND"
    COPY = "COPY"


class Action(Vocabulary):
    DESTROY = "DESTROY"
    DEIDENTIFY = "DEIDENTIFY"
    ARCHIVE = "ARCHIVE"
    REVIEW = "REVIEW"


class PolicyKind(Vocabulary):
    PRIVACY = "PRIVACY"
    BREACH_RESPONSE = "BREACH_RESPONSE"
    RETENTION = "RETENTION"
    SECURITY = "SECURITY"
    ACCEPTABLE_USE = "ACCEPTABLE_USE"
    TRAINING = "TRAINING"
    ANNUAL_NOTICE = "ANNUAL_NOTICE"  # the yearly FERPA notice of rights (34 CFR 99.7)


class IncidentStatus(Vocabulary):
    OPEN = "OPEN"
    CONTAINED = "CONTAINED"
    CLOSED = "CLOSED"


class Severity(Vocabulary):
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"
    CRITICAL = "CRITICAL"


class AccessLevel(Vocabulary):
    READ = "read"
    WRITE = "write"
    ADMIN = "admin"
