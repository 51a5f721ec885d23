"""Responsibility: who answers for a node, and the chain of accountability from each of
them up to the governance committee."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from catalog.predicates import GOVERNED
from catalog.view import Direction, GraphView, UnknownNode
from catalog.vocab import Label, OrgKind, RelType

# Who answers for a node; an operator runs it but is not thereby accountable for it.
ACCOUNTABLE_ROLES = ("owner", "steward")


@dataclass(frozen=True)
class Party:
    id: str
    label: str
    name: str
    role: str  # owner, steward, operator

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "name": self.name, "role": self.role}


@dataclass(frozen=True)
class Responsibility:
    node: str
    label: str
    parties: tuple[Party, ...]
    chains: tuple[tuple[str, ...], ...]  # party -> organisations ... -> committee
    reaches_committee: bool  # through an owner's or a steward's chain

    @property
    def accountable(self) -> bool:
        return any(p.role in ACCOUNTABLE_ROLES for p in self.parties)

    def as_dict(self) -> dict[str, Any]:
        return {"node": self.node, "label": self.label, "accountable": self.accountable,
                "parties": [p.as_dict() for p in self.parties],
                "chains": [list(c) for c in self.chains], "reaches_committee": self.reaches_committee}


def _sources(view: GraphView, node_id: str, type_: RelType) -> list[str]:
    return sorted(e.source for e in view.edges(node_id, Direction.IN, [type_]))


def _targets(view: GraphView, node_id: str, type_: RelType) -> list[str]:
    return sorted(e.target for e in view.edges(node_id, Direction.OUT, [type_]))


def _first_hops(view: GraphView, party: str, label: Label) -> list[str]:
    """The organisations a party answers to directly."""
    if label == Label.ORGANIZATION:
        return [party]
    if label == Label.ROLE:
        people = _sources(view, party, RelType.HAS_ROLE)
        return sorted({o for p in people for o in _targets(view, p, RelType.MEMBER_OF)})
    return _targets(view, party, RelType.MEMBER_OF)


def _chain(view: GraphView, party: str, label: Label) -> tuple[tuple[str, ...], bool]:
    """The shortest path from a party to a committee through MEMBER_OF and ACCOUNTABLE_TO;
    failing that, the longest chain upwards."""
    paths: list[tuple[str, ...]] = [(party, org) if org != party else (party,)
                                    for org in _first_hops(view, party, label)]
    best: tuple[str, ...] = (party,)
    while paths:
        nxt = []
        for path in paths:
            org = view.get_node(path[-1])
            if org is not None and org.get("kind") == OrgKind.COMMITTEE.value:
                return path, True
            best = max(best, path, key=len)
            nxt += [(*path, up) for up in _targets(view, path[-1], RelType.ACCOUNTABLE_TO) if up not in path]
        paths = sorted(nxt)
    return best, False


def responsibility(view: GraphView, node_id: str) -> Responsibility:
    node = view.get_node(node_id)
    if node is None:
        raise UnknownNode(f"no node with id {node_id!r}")
    ids = [(i, "owner") for i in _sources(view, node_id, RelType.OWNS)]
    ids += [(i, "steward") for i in _sources(view, node_id, RelType.STEWARDS)]
    ids += [(i, "operator") for i in _sources(view, node_id, RelType.OPERATES)]
    records = view.get_nodes(i for i, _ in ids)
    parties = tuple(Party(i, records[i].label.value, records[i].name, role)
                    for i, role in ids if i in records)
    chains, reached = [], False
    for party in parties:
        chain, ok = _chain(view, party.id, records[party.id].label)
        chains.append(chain)
        reached = reached or (ok and party.role in ACCOUNTABLE_ROLES)
    return Responsibility(node.id, node.label.value, parties, tuple(chains), reached)


def unaccountable(view: GraphView) -> list[tuple[str, str]]:
    """Governed nodes (systems, elements, flows, agreements, purposes) with no owner or steward."""
    owned = {e.target for e in view.edges(types=[RelType.OWNS, RelType.STEWARDS])}
    return [(n.id, n.label.value) for label in GOVERNED for n in view.find_nodes(label) if n.id not in owned]
