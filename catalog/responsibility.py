"""Responsibility: who answers for a node, and the chain of accountability from each of
them up to the governance committee."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from catalog.predicates import GOVERNED
from catalog.view import Direction, GraphView, Snapshot, UnknownNode
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


@runtime_checkable
class NativeAccountability(Protocol):
    def accountable_to(self, orgs: list[str]) -> dict[str, tuple[str | None, list[str]]]:
        """Every organisation reachable from `orgs` through ACCOUNTABLE_TO (they
        included), with its kind and the organisations it answers to, in one look."""
        ...


def _accountable_to(view: GraphView, orgs: list[str]) -> dict[str, tuple[str | None, list[str]]]:
    """As `NativeAccountability.accountable_to`, a level of the hierarchy at a time."""
    # A snapshot is never native: said first, as the protocol's check takes microseconds,
    # and the checks ask this for each of a state's 10,000 governed nodes.
    if not isinstance(view, Snapshot) and isinstance(view, NativeAccountability):
        return view.accountable_to(orgs)
    found: dict[str, tuple[str | None, list[str]]] = {}
    frontier = sorted(set(orgs))
    while frontier:
        records = view.get_nodes(frontier)
        ups: dict[str, list[str]] = {o: [] for o in frontier}
        for edge in view.edges_for(frontier, Direction.OUT, [RelType.ACCOUNTABLE_TO]):
            ups[edge.source].append(edge.target)
        for org in frontier:
            record = records.get(org)
            found[org] = (record.get("kind") if record else None, sorted(ups[org]))
        frontier = sorted({up for org in frontier for up in ups[org]} - found.keys())
    return found


def _first_hops(view: GraphView, parties: list[tuple[str, Label]]) -> dict[str, list[str]]:
    """The organisations each party answers to directly: itself for an organisation, those
    it is a member of for a person, its holders' for a role. A few look-ups for them all."""
    roles = [p for p, label in parties if label == Label.ROLE]
    holders: dict[str, list[str]] = {r: [] for r in roles}
    for edge in view.edges_for(roles, Direction.IN, [RelType.HAS_ROLE]):
        holders[edge.target].append(edge.source)
    people = {p for p, label in parties if label not in (Label.ROLE, Label.ORGANIZATION)}
    people |= {h for hs in holders.values() for h in hs}
    member_of: dict[str, set[str]] = {p: set() for p in people}
    for edge in view.edges_for(people, Direction.OUT, [RelType.MEMBER_OF]):
        member_of[edge.source].add(edge.target)
    hops = {}
    for party, label in parties:
        if label == Label.ORGANIZATION:
            hops[party] = [party]
        elif label == Label.ROLE:
            hops[party] = sorted({o for h in holders[party] for o in member_of[h]})
        else:
            hops[party] = sorted(member_of[party])
    return hops


def _chain(party: str, first: list[str], orgs: dict[str, tuple[str | None, list[str]]]) -> tuple[tuple[str, ...], bool]:
    """The shortest path from a party to a committee through MEMBER_OF and ACCOUNTABLE_TO;
    failing that, the longest chain upwards."""
    paths: list[tuple[str, ...]] = [(party, org) if org != party else (party,) for org in first]
    best: tuple[str, ...] = (party,)
    while paths:
        nxt = []
        for path in paths:
            kind, ups = orgs.get(path[-1], (None, []))
            if kind == OrgKind.COMMITTEE.value:
                return path, True
            best = max(best, path, key=len)
            nxt += [(*path, up) for up in ups if up not in path]
        paths = sorted(nxt)
    return best, False


def responsibility(view: GraphView, node_id: str) -> Responsibility:
    """In a bounded number of look-ups, however long the chains: the parties, their first
    organisations, then the hierarchy above those at once."""
    node = view.get_node(node_id)
    if node is None:
        raise UnknownNode(f"no node with id {node_id!r}")
    by_role: dict[RelType, list[str]] = {RelType.OWNS: [], RelType.STEWARDS: [], RelType.OPERATES: []}
    for edge in view.edges(node_id, Direction.IN, list(by_role)):
        by_role[edge.type].append(edge.source)
    ids = [(i, role) for type_, role in ((RelType.OWNS, "owner"), (RelType.STEWARDS, "steward"),
                                         (RelType.OPERATES, "operator")) for i in sorted(by_role[type_])]
    records = view.get_nodes(i for i, _ in ids)
    parties = tuple(Party(i, records[i].label.value, records[i].name, role)
                    for i, role in ids if i in records)
    first = _first_hops(view, [(p.id, records[p.id].label) for p in parties])
    orgs = _accountable_to(view, sorted({o for hops in first.values() for o in hops}))
    chains, reached = [], False
    for party in parties:
        chain, ok = _chain(party.id, first[party.id], orgs)
        chains.append(chain)
        reached = reached or (ok and party.role in ACCOUNTABLE_ROLES)
    return Responsibility(node.id, node.label.value, parties, tuple(chains), reached)


def unaccountable(view: GraphView) -> list[tuple[str, str]]:
    """Governed nodes (systems, elements, flows, agreements, purposes) with no owner or steward."""
    owned = {e.target for e in view.edges(types=[RelType.OWNS, RelType.STEWARDS])}
    return [(n.id, n.label.value) for label in GOVERNED for n in view.find_nodes(label) if n.id not in owned]
