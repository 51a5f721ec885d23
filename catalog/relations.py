"""How each relationship is written in a catalog file: the key on which node, the type,
the labels allowed at the other end, and the properties it carries.

Every relationship type is declared from exactly one side, so that reloading a node can
replace all the relationships its mapping declares and nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from catalog.model import CanAccess, Completed, DerivedFrom, Holds, MapsField
from catalog.vocab import Label, RelType

L = Label
GOVERNED = frozenset(
    {L.DATA_ELEMENT, L.SYSTEM, L.PURPOSE, L.FLOW, L.AGREEMENT, L.CONSENT, L.MANDATE,
     L.RETENTION_RULE, L.POLICY, L.TRAINING, L.ROLE, L.ORGANIZATION}
)
ANY = frozenset(Label)


@dataclass(frozen=True)
class RelSpec:
    key: str
    type: RelType
    targets: frozenset[Label]
    # The edge points from the referenced node to the declaring one (`owners`).
    reverse: bool = False
    many: bool = True
    # For relationships with properties: the mapping key that holds the id.
    ref_key: str | None = None
    props: Any = None  # the dataclass of its properties, if any

    def edge_label_pair(self, declaring: Label, other: Label) -> tuple[Label, Label]:
        return (other, declaring) if self.reverse else (declaring, other)


def _spec(key: str, rel: RelType, *targets: Label, **kw: object) -> RelSpec:
    return RelSpec(key, rel, frozenset(targets), **kw)  # type: ignore[arg-type]


_OWNERS = _spec("owners", RelType.OWNS, L.PERSON, L.ROLE, L.ORGANIZATION, reverse=True)
_STEWARDS = _spec("stewards", RelType.STEWARDS, L.PERSON, reverse=True)

RELATIONS: dict[Label, tuple[RelSpec, ...]] = {
    L.ORGANIZATION: (_spec("accountable_to", RelType.ACCOUNTABLE_TO, L.ORGANIZATION),),
    L.PERSON: (
        _spec("roles", RelType.HAS_ROLE, L.ROLE),
        _spec("member_of", RelType.MEMBER_OF, L.ORGANIZATION),
        _spec("completed", RelType.COMPLETED, L.TRAINING, ref_key="training", props=Completed),
    ),
    L.TRAINING: (),
    L.ROLE: (
        _spec("serves", RelType.SERVES, L.PURPOSE),
        _spec("requires_training", RelType.REQUIRES_TRAINING, L.TRAINING),
        _spec("can_access", RelType.CAN_ACCESS, L.DATA_ELEMENT, L.SYSTEM,
              ref_key="target", props=CanAccess),
    ),
    L.PURPOSE: (_spec("requires", RelType.REQUIRES, L.DATA_ELEMENT),),
    L.RETENTION_RULE: (),
    L.DATA_ELEMENT: (
        _spec("retained_under", RelType.RETAINED_UNDER, L.RETENTION_RULE, many=False),
        _spec("used_for", RelType.USED_FOR, L.PURPOSE),
        _spec("derived_from", RelType.DERIVED_FROM, L.DATA_ELEMENT,
              ref_key="element", props=DerivedFrom),
    ),
    L.SYSTEM: (
        _spec("operated_by", RelType.OPERATES, L.ORGANIZATION, reverse=True, many=False),
        _spec("hosted_by", RelType.HOSTS, L.ORGANIZATION, reverse=True, many=False),
        _spec("used_for", RelType.USED_FOR, L.PURPOSE),
        _spec("collects", RelType.COLLECTS, L.DATA_ELEMENT),
        _spec("holds", RelType.HOLDS, L.DATA_ELEMENT, ref_key="element", props=Holds),
    ),
    L.AGREEMENT: (
        _spec("with", RelType.WITH, L.ORGANIZATION, many=False),
        _spec("covers", RelType.COVERS, L.DATA_ELEMENT),
        _spec("permits", RelType.PERMITS, L.PURPOSE),
        _spec("requires_destruction", RelType.REQUIRES_DESTRUCTION, L.RETENTION_RULE),
        _spec("subprocessors", RelType.ALLOWS_SUBPROCESSOR, L.ORGANIZATION),
        _spec("requires_training", RelType.REQUIRES_TRAINING, L.TRAINING),
    ),
    L.CONSENT: (
        _spec("covers", RelType.COVERS, L.DATA_ELEMENT),
        _spec("for", RelType.FOR, L.PURPOSE),
    ),
    L.MANDATE: (
        _spec("covers", RelType.COVERS, L.DATA_ELEMENT),
        _spec("for", RelType.FOR, L.PURPOSE),
    ),
    L.FLOW: (
        _spec("from", RelType.FROM, L.SYSTEM, many=False),
        _spec("to", RelType.TO, L.SYSTEM, many=False),
        _spec("carries", RelType.CARRIES, L.DATA_ELEMENT),
        _spec("for", RelType.FOR, L.PURPOSE),
        _spec("under", RelType.UNDER, L.AGREEMENT, L.CONSENT, L.MANDATE),
    ),
    L.EVENT: (_spec("concerns", RelType.CONCERNS, *ANY),),
    L.DESTRUCTION: (
        _spec("of", RelType.OF, L.DATA_ELEMENT),
        _spec("in", RelType.IN, L.SYSTEM, many=False),
    ),
    L.POLICY: (_spec("adopted_by", RelType.ADOPTED, L.ORGANIZATION, reverse=True),),
    L.INCIDENT: (
        _spec("affects", RelType.AFFECTS, L.SYSTEM, L.DATA_ELEMENT, L.ORGANIZATION),
        _spec("discovered_by", RelType.DISCOVERED_BY, L.ORGANIZATION, many=False),
    ),
    L.LEGAL_HOLD: (
        _spec("covers", RelType.COVERS, L.DATA_ELEMENT),
        _spec("in", RelType.IN, L.SYSTEM),
    ),
    L.ACCESS_REQUEST: (_spec("concerns", RelType.CONCERNS, L.SYSTEM, L.DATA_ELEMENT),),
    L.DATASET_MAPPING: (
        _spec("system", RelType.MAPS_TO, L.SYSTEM, many=False),
        _spec("fields", RelType.MAPS_FIELD, L.DATA_ELEMENT, ref_key="element", props=MapsField),
    ),
    L.PENDING_OBSERVATION: (),
}

for _label in GOVERNED:
    RELATIONS[_label] = (*RELATIONS[_label], _OWNERS, _STEWARDS)

# Relationships that a file must state (a flow without ends is not a flow).
REQUIRED_RELATIONS: dict[Label, tuple[str, ...]] = {
    L.FLOW: ("from", "to"),
    L.AGREEMENT: ("with",),
    L.DESTRUCTION: ("of", "in"),
    L.ACCESS_REQUEST: ("concerns",),
    L.DATASET_MAPPING: ("system",),
}

# The top-level keys of a catalog file, in the order a reader expects them.
SECTIONS: dict[str, Label] = {
    "organizations": L.ORGANIZATION,
    "people": L.PERSON,
    "trainings": L.TRAINING,
    "roles": L.ROLE,
    "purposes": L.PURPOSE,
    "retention_rules": L.RETENTION_RULE,
    "elements": L.DATA_ELEMENT,
    "systems": L.SYSTEM,
    "agreements": L.AGREEMENT,
    "consents": L.CONSENT,
    "mandates": L.MANDATE,
    "flows": L.FLOW,
    "events": L.EVENT,
    "destructions": L.DESTRUCTION,
    "policies": L.POLICY,
    "incidents": L.INCIDENT,
    "legal_holds": L.LEGAL_HOLD,
    "access_requests": L.ACCESS_REQUEST,
    "dataset_mappings": L.DATASET_MAPPING,
}


@cache  # asked once per relationship of a load: a state's has a million
def declared_types(label: Label) -> frozenset[tuple[RelType, bool]]:
    """The (type, reverse) pairs a node of `label` declares: what a reload replaces."""
    return frozenset((spec.type, spec.reverse) for spec in RELATIONS[label])
