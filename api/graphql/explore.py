"""The explorer's expansion: the neighbours of many nodes at once, as ids, labels and
edges, in one store round trip each way. A page of the explorer grows by hundreds of
nodes at a time; asking for each node's page (every property, every relationship as a
field) would cost a query per node and bytes it never shows."""

from __future__ import annotations

from collections.abc import Sequence

import strawberry

from api.auth import Role
from api.graphql.limits import priced
from api.permissions import readable, readable_edge
from catalog.records import EdgeRecord, NodeRecord
from catalog.view import Direction
from catalog.vocab import Label, RelType, Sensitivity
from graph.store import Store

DEFAULT_EDGES = 1000


@strawberry.type(description="A node as the explorer draws it.")
class Neighbour:
    id: str
    label: Label
    name: str
    sensitivity: Sensitivity | None = strawberry.field(description="A data element's, for its colour.")


@strawberry.type(description="A relationship between two nodes of the neighbourhood.")
class NeighbourEdge:
    source: str
    target: str
    type: RelType


@strawberry.type(description="Nodes, their neighbours and the relationships between them, as far as you may "
                             "see them.")
class Neighbourhood:
    nodes: list[Neighbour] = strawberry.field(metadata=priced("first"),
                                              description="The nodes asked for, then their neighbours, by id.")
    edges: list[NeighbourEdge] = strawberry.field(metadata=priced("first"), description="By source, type and target.")
    complete: bool = strawberry.field(description="False when there were more relationships than `first`: the "
                                                  "first ones are given, with their ends.")


def neighbourhood(store: Store, role: Role, ids: Sequence[str], types: list[RelType] | None,
                  first: int) -> Neighbourhood:
    """Blocking: every relationship (of `types`, or of any) of the nodes `ids`, both ways,
    with the node at each end; what `role` may not see is left out, as everywhere."""
    asked = sorted(set(ids))
    found = {(e.source, e.type, e.target): e for direction in (Direction.OUT, Direction.IN)
             for e in store.edges_for(asked, direction, types)}
    ends = store.get_nodes({*asked, *(end for key in found for end in (key[0], key[2]))})
    seen = {i: n for i, n in ((i, readable(role, node)) for i, node in ends.items()) if n is not None}
    edges = [shown for key in sorted(found) if (shown := _edge(role, found[key], seen)) is not None]
    kept = edges[:first]
    linked = {end for e in kept for end in (e.source, e.target)}
    nodes = [seen[i] for i in asked if i in seen] + [seen[i] for i in sorted(linked - set(asked))]
    return Neighbourhood(nodes=[_neighbour(n) for n in nodes],
                         edges=[NeighbourEdge(source=e.source, target=e.target, type=e.type) for e in kept],
                         complete=len(kept) == len(edges))


def _edge(role: Role, edge: EdgeRecord, seen: dict[str, NodeRecord]) -> EdgeRecord | None:
    if edge.source not in seen or edge.target not in seen:
        return None
    return readable_edge(role, edge, seen)


def _neighbour(node: NodeRecord) -> Neighbour:
    sensitivity = node.get("sensitivity")
    return Neighbour(id=node.id, label=node.label, name=node.name,
                     sensitivity=Sensitivity(sensitivity) if sensitivity else None)
