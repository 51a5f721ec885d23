"""What the public may see: decided here and nowhere else.

The published inventory and the API's PUBLIC role both ask this module. It is an allow
list: a label, a property or a relationship not named here is not public. Staff names
and emails, security controls, incidents, access grants, internal notes and where a node
is defined (`defined_in`: the district's file paths and token names) never are; a data
element is public only when the catalog says `public: true`; the designated contact of
an organisation is public, because families must be able to reach it. How OpenLineage
datasets map onto systems (DatasetMapping), the datasets still waiting for a mapping
(PendingObservation) and the runs that last showed a flow are engineers' detail: not
public."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from catalog.records import EdgeRecord, NodeRecord
from catalog.vocab import Label, RelType

# `version` counts changes, like `updated_at` dates the last one: neither says what changed.
COMMON = ("name", "description", "updated_at", "version")

PUBLIC_FIELDS: dict[Label, tuple[str, ...]] = {
    Label.DATA_ELEMENT: (*COMMON, "definition", "category", "sensitivity", "subject", "standard_ref", "public"),
    Label.SYSTEM: (*COMMON, "kind", "decommissioned_on"),
    Label.ORGANIZATION: (*COMMON, "kind", "url", "contact_name", "contact_email", "contact_url"),
    Label.PURPOSE: (*COMMON, "category", "educational", "automated_decision", "human_review"),
    Label.FLOW: (*COMMON, "method", "frequency", "started_on", "ended_on"),
    Label.AGREEMENT: (*COMMON, "kind", "signed_on", "effective_on", "expires_on", "terminated_on",
                      "public_url", "breach_notice_hours", "destruction_days"),
    Label.CONSENT: (*COMMON, "given_by", "form_url", "collected_from", "expires_on", "withdrawn_on"),
    Label.MANDATE: (*COMMON, "citation", "url"),
    Label.RETENTION_RULE: (*COMMON, "period", "keep_at_least", "trigger", "action", "authority"),
    Label.POLICY: (*COMMON, "kind", "url", "public", "adopted_on", "reviewed_on"),
}

# Relationships the inventory explains: where data is kept, why, with whom it is shared,
# under what basis, for how long, and who adopted which policy.
PUBLIC_RELATIONSHIPS = frozenset({
    RelType.HOLDS, RelType.COLLECTS, RelType.FROM, RelType.TO, RelType.CARRIES, RelType.FOR,
    RelType.UNDER, RelType.WITH, RelType.COVERS, RelType.PERMITS, RelType.REQUIRES_DESTRUCTION,
    RelType.OPERATES, RelType.DERIVED_FROM, RelType.USED_FOR, RelType.REQUIRES,
    RelType.RETAINED_UNDER, RelType.ACCOUNTABLE_TO, RelType.ADOPTED, RelType.HOSTS, RelType.ALLOWS_SUBPROCESSOR,
})
PUBLIC_EDGE_PROPS: dict[RelType, tuple[str, ...]] = {
    RelType.HOLDS: ("since", "retention_rule"),
    RelType.DERIVED_FROM: ("transform",),
}


def is_public(node: NodeRecord | None) -> bool:
    if node is None or node.label not in PUBLIC_FIELDS:
        return False
    if node.label == Label.DATA_ELEMENT:
        return node.get("public") is True
    if node.label == Label.POLICY:
        return node.get("public") is True and bool(node.get("url"))
    return True


def public_field(label: Label, field: str) -> bool:
    return field in ("id", "label") or field in PUBLIC_FIELDS.get(label, ())


def public_props(node: NodeRecord) -> dict[str, Any]:
    """The properties of a public node that the public may read (empty for others)."""
    if not is_public(node):
        return {}
    allowed = PUBLIC_FIELDS[node.label]
    return {k: v for k, v in node.props.items() if k in allowed}


def is_public_edge(edge: EdgeRecord, nodes: Mapping[str, NodeRecord]) -> bool:
    return (edge.type in PUBLIC_RELATIONSHIPS and is_public(nodes.get(edge.source))
            and is_public(nodes.get(edge.target)))


def public_edge_props(edge: EdgeRecord) -> dict[str, Any]:
    allowed = PUBLIC_EDGE_PROPS.get(edge.type, ())
    return {k: v for k, v in edge.props.items() if k in allowed}
