"""Principle 7: clear, public rules to collect, use, safeguard and destroy data. Whether
the data is destroyed when those rules say so is checked in `records.py`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

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
