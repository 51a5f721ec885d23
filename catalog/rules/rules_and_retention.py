"""Principle 7: clear, public rules to collect, use, safeguard and destroy data, and the
data actually destroyed when those rules say so."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from catalog.deadlines import DeadlineStatus, compute_deadlines
from catalog.findings import Issue, rule
from catalog.rules._common import district_node, district_policies, is_true, named, named_list, org_kind
from catalog.view import Direction, Snapshot
from catalog.vocab import Label, OrgKind, PolicyKind, RelType, Severity

PROVIDERS = frozenset({OrgKind.SERVICE_PROVIDER.value, OrgKind.RESEARCHER.value})
REQUIRED_POLICIES = (PolicyKind.PRIVACY, PolicyKind.RETENTION)


@rule("agreement-without-destruction", "7", Severity.MEDIUM, "Provider agreements with no destruction clause")
def agreement_without_destruction(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for agreement in view.of_label(Label.AGREEMENT):
        partner = view.target(agreement.id, RelType.WITH)
        if partner is None or org_kind(view, partner) not in PROVIDERS:
            continue
        if agreement.get("destruction_days") is not None or view.targets(agreement.id, RelType.REQUIRES_DESTRUCTION):
            continue
        yield Issue(
            agreement.id,
            f"Agreement {named(view, agreement.id)} with {named(view, partner)} does not say when the "
            "provider must destroy the data it receives.",
            "Amend the agreement to require destruction within a set number of days after it ends "
            "(`destruction_days`) or under a retention rule (`requires_destruction`).",
        )


@rule("element-without-retention", "7", Severity.MEDIUM, "Data held with no retention rule")
def element_without_retention(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for element in view.of_label(Label.DATA_ELEMENT):
        if view.targets(element.id, RelType.RETAINED_UNDER):
            continue
        bare = sorted(e.source for e in view.edges(element.id, types=[RelType.HOLDS], direction=Direction.IN)
                      if not e.props.get("retention_rule"))
        if not bare:
            continue
        yield Issue(
            element.id,
            f"Data element {named(view, element.id)} has no retention rule, and {named_list(view, bare)} "
            "hold it without one: nothing says when it must be destroyed.",
            "Give the element a default rule from the records schedule (`retained_under`), or name "
            "one on each holding (`retention_rule` under the system's `holds`).",
        )


@rule("policy-missing", "7", Severity.HIGH, "Privacy or retention policy not adopted")
def policy_missing(view: Snapshot, as_of: date) -> Iterator[Issue]:
    node = district_node(view)
    who = f"The district {named(view, node)}" if view.get_node(node) else "No district"
    for kind in REQUIRED_POLICIES:
        if district_policies(view, kind):
            continue
        words = kind.value.lower()
        yield Issue(
            node,
            f"{who} has adopted no {words} policy, so there are no clear rules for how student "
            "data is used and when it is destroyed.",
            f"Adopt a {words} policy, publish it, and record it (kind {kind.value}, `adopted_by` the district).",
        )


@rule("policy-not-public", "7", Severity.MEDIUM, "Policies not published")
def policy_not_public(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for policy in view.of_label(Label.POLICY):
        if is_true(policy, "public") and policy.get("url"):
            continue
        why = "is not public" if not is_true(policy, "public") else "is public but has no URL"
        yield Issue(
            policy.id,
            f"Policy {named(view, policy.id)} {why}, so families cannot read the rules it sets.",
            "Publish the policy on the district's website and record `public: true` and its `url`.",
        )


@rule("destruction-overdue", "7", Severity.HIGH, "Data kept past its destruction deadline")
def destruction_overdue(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for deadline in compute_deadlines(view, as_of):
        if deadline.status != DeadlineStatus.OVERDUE:
            continue
        yield Issue(
            deadline.system,
            f"{named(view, deadline.system)} still holds data element {named(view, deadline.element)} "
            f"past its deadline of {deadline.due_on} ({deadline.explanation}).",
            f"Have the operator of {named(view, deadline.system)} destroy (or de-identify) the data as "
            "the rule says and record the Destruction with its certificate, or correct the rule if it is wrong.",
        )


@rule("retention-outlives-source", "7", Severity.HIGH, "Copies kept longer than their source")
def retention_outlives_source(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for deadline in compute_deadlines(view, as_of):
        if not deadline.conflict:
            continue
        source = named(view, deadline.bound_by[0]) if deadline.bound_by else "its source"
        yield Issue(
            deadline.system,
            f"The copy of data element {named(view, deadline.element)} in {named(view, deadline.system)} "
            f"would outlive its source {source}, which must destroy it by {deadline.due_on} "
            f"({deadline.explanation}).",
            f"Shorten the retention rule of the holding in {named(view, deadline.system)} so it ends no "
            "later than the source's, or correct the source's rule if that is the one that is wrong.",
        )
