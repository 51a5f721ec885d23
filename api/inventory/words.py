"""The catalog's closed vocabularies in words a family reads, and retention rules as sentences."""

from __future__ import annotations

from catalog.periods import Duration
from catalog.records import NodeRecord
from catalog.vocab import ElementCategory

CATEGORY_TITLES: dict[str, str] = {
    ElementCategory.IDENTITY.value: "Identity",
    ElementCategory.DEMOGRAPHIC.value: "Demographics",
    ElementCategory.CONTACT.value: "Contact information",
    ElementCategory.ENROLLMENT.value: "Enrollment",
    ElementCategory.ATTENDANCE.value: "Attendance",
    ElementCategory.ASSESSMENT.value: "Tests and assessments",
    ElementCategory.GRADES.value: "Grades and transcripts",
    ElementCategory.DISCIPLINE.value: "Discipline",
    ElementCategory.HEALTH.value: "Health",
    ElementCategory.SPECIAL_EDUCATION.value: "Special education",
    ElementCategory.PROGRAM.value: "Programs and services",
    ElementCategory.DERIVED.value: "Calculated from other data",
}
# The order a reader meets the categories in: who the student is before what they did.
CATEGORY_ORDER = {category: index for index, category in enumerate(CATEGORY_TITLES)}

SUBJECTS = {"STUDENT": "Students", "PARENT": "Parents and guardians", "STAFF": "Staff"}
SUBJECT_ONE = {"STUDENT": "a student", "PARENT": "a parent or guardian", "STAFF": "a staff member"}

SENSITIVITY = {
    "DIRECTORY": "Directory information",
    "PII": "Personally identifiable",
    "SENSITIVE": "Sensitive",
    "DEIDENTIFIED": "De-identified",
    "AGGREGATE": "Totals only, no individual",
}

ORG_KINDS = {
    "SERVICE_PROVIDER": "Service provider",
    "STATE_AGENCY": "State agency",
    "FEDERAL_AGENCY": "Federal agency",
    "RESEARCHER": "Researcher",
    "OTHER": "Other organization",
    "DISTRICT": "District",
    "SCHOOL": "School",
    "COMMITTEE": "Committee",
}

POLICY_KINDS = {
    "PRIVACY": "Privacy",
    "BREACH_RESPONSE": "Breach response",
    "RETENTION": "Retention",
    "SECURITY": "Security",
    "ACCEPTABLE_USE": "Acceptable use",
    "TRAINING": "Training",
}

AGREEMENT_KINDS = {
    "NDPA": "National Data Privacy Agreement",
    "DPA": "Data privacy agreement",
    "MOU": "Memorandum of understanding",
    "RESEARCH": "Research agreement",
    "CONTRACT": "Contract",
}

_ACTIONS = {"DESTROY": "Destroyed", "DEIDENTIFY": "De-identified", "ARCHIVE": "Archived",
            "REVIEW": "Reviewed for destruction"}
_TRIGGERS = {
    "COLLECTION": "it is collected",
    "WITHDRAWAL": "the student withdraws",
    "GRADUATION": "the student graduates",
    "AGREEMENT_END": "the agreement with the provider ends",
    "SCHOOL_YEAR_END": "the school year ends",
    "DECOMMISSION": "the system is retired",
    "EVENT": "the event that starts its clock",
}
# Staff records run from a staff member's departure, not a student's.
_STAFF_TRIGGERS = {"WITHDRAWAL": "the staff member leaves", "EVENT": "the staff member leaves"}


def category_title(category: str) -> str:
    return CATEGORY_TITLES.get(category, category.replace("_", " ").capitalize())


def retention_words(rule: NodeRecord, subject: str) -> str:
    """"Destroyed 5 years after the student withdraws (105 ILCS 10/4(f))", or for a
    minimum, "Kept at least 60 years after the student graduates, then may be destroyed"."""
    action = _ACTIONS.get(str(rule.get("action")), str(rule.get("action", "Kept")).capitalize())
    trigger = str(rule.get("trigger"))
    when = (_STAFF_TRIGGERS.get(trigger) if subject == "STAFF" else None) or _TRIGGERS.get(trigger, trigger.lower())
    period, minimum = _words(rule.get("period")), _words(rule.get("keep_at_least"))
    if minimum and period:
        text = f"Kept at least {minimum} and {action.lower()} within {period} after {when}"
    elif minimum:
        text = f"Kept at least {minimum} after {when}, then may be {action.lower()}"
    else:
        text = f"{action} {period} after {when}"
    authority = rule.get("authority")
    return text + (f" ({authority})" if authority else "")


def _words(value: object) -> str | None:
    if not value:
        return None
    try:
        return Duration.parse(value).words()
    except ValueError:
        return str(value)


_METHODS = {"API": "through an API", "SFTP": "by secure file transfer", "FILE": "as a file",
            "EMAIL": "by email", "MANUAL": "by hand", "STREAM": "as a continuous stream"}


def flow_words(method: object, frequency: object, system: str) -> str:
    """How a transfer happens: "Sent nightly by secure file transfer to Meridian Benchmark"."""
    parts = ["Sent"]
    if frequency:
        parts.append(str(frequency))
    if method:
        parts.append(_METHODS.get(str(method), f"by {method}"))
    return " ".join([*parts, f"to {system}"])
