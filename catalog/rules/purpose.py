"""Principles 1-3 (data used for a purpose, and someone answers for it), 4 (families
can see what is held about them) and 5 (data informs, never replaces, judgement)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from catalog.findings import Issue, rule
from catalog.rules._common import district_node, district_policies, is_true, named
from catalog.view import Snapshot
from catalog.vocab import Label, PolicyKind, RelType, Severity, Subject

FAMILY_SUBJECTS = frozenset({Subject.STUDENT.value, Subject.PARENT.value})


@rule("element-without-purpose", "1-3", Severity.MEDIUM, "Data elements collected for no purpose")
def element_without_purpose(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for element in view.of_label(Label.DATA_ELEMENT):
        if (view.targets(element.id, RelType.USED_FOR) or view.sources(element.id, RelType.REQUIRES)
                or view.sources(element.id, RelType.CARRIES)):
            continue
        yield Issue(
            element.id,
            f"Data element {named(view, element.id)} is not used for any purpose, no purpose "
            "requires it and no flow carries it: it may be collected for nothing.",
            "Record the purposes it serves (`used_for` on the element, or `requires` on a purpose), "
            "or stop collecting it and destroy the copies held.",
        )


@rule("purpose-without-owner", "1-3", Severity.LOW, "Purposes nobody owns")
def purpose_without_owner(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for purpose in view.of_label(Label.PURPOSE):
        if view.sources(purpose.id, RelType.OWNS):
            continue
        yield Issue(
            purpose.id,
            f"Purpose {named(view, purpose.id)} has no owner: nobody answers for whether the "
            "data used for it is still needed.",
            "Name the person, role or organisation that owns the purpose (`owners` on the purpose).",
        )


@rule("element-not-in-family-report", "4", Severity.MEDIUM,
      "Student and parent data missing from the family-facing report")
def element_not_in_family_report(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for element in view.of_label(Label.DATA_ELEMENT):
        if element.get("subject") not in FAMILY_SUBJECTS or is_true(element, "public"):
            continue
        whose = "a student" if element.get("subject") == Subject.STUDENT.value else "a parent"
        yield Issue(
            element.id,
            f"Data element {named(view, element.id)} is held about {whose} but is not public, so "
            "it is missing from the report that tells families what is held about them.",
            "Mark the element `public: true` so that it is listed in the public inventory and the "
            "family report, with a definition a parent can read.",
        )


@rule("no-access-procedure", "4", Severity.HIGH, "No public procedure for families to see their data")
def no_access_procedure(view: Snapshot, as_of: date) -> Iterator[Issue]:
    published = [p for p in district_policies(view, PolicyKind.PRIVACY) if is_true(p, "public") and p.get("url")]
    if published:
        return
    node = district_node(view)
    who = f"The district {named(view, node)}" if view.get_node(node) else "No district"
    yield Issue(
        node,
        f"{who} has adopted no public privacy policy with a URL, so families have no published "
        "procedure to see what is held about their child.",
        "Adopt a privacy policy (kind PRIVACY) that explains how families request their data, "
        "publish it, and record it with `public: true`, its `url` and `adopted_by` the district.",
    )


@rule("automated-decision-without-review", "5", Severity.HIGH, "Automated decisions with no human review")
def automated_decision_without_review(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for purpose in view.of_label(Label.PURPOSE):
        if not is_true(purpose, "automated_decision") or is_true(purpose, "human_review"):
            continue
        yield Issue(
            purpose.id,
            f"Purpose {named(view, purpose.id)} makes automated decisions about students with no "
            "human review: the data replaces an educator's judgement instead of informing it.",
            "Put an educator's review before any decision takes effect and record `human_review: true`, "
            "or stop deciding automatically.",
        )
