"""The embedded store's fast half: a networkx MultiDiGraph built from SQLite, used for
every read and traversal of a store that keeps the graph in memory (a server)."""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from catalog.records import EdgeRecord, NodeRecord
from catalog.vocab import Label, RelType
from graph.store import Direction, Step


class MemoryGraph:
    def __init__(self, nodes: Iterable[NodeRecord], edges: Iterable[EdgeRecord]) -> None:
        self.g: nx.MultiDiGraph = nx.MultiDiGraph()
        self.by_label: dict[Label, set[str]] = {label: set() for label in Label}
        for node in nodes:
            self.upsert_node(node)
        for edge in edges:
            self.upsert_edge(edge)

    # writes, applied only after SQLite committed them

    def upsert_node(self, node: NodeRecord) -> None:
        self.g.add_node(node.id, record=node)
        self.by_label[node.label].add(node.id)

    def delete_node(self, node_id: str) -> None:
        node = self.get(node_id)
        if node is not None:
            self.by_label[node.label].discard(node_id)
            self.g.remove_node(node_id)

    def upsert_edge(self, edge: EdgeRecord) -> None:
        self.g.add_edge(edge.source, edge.target, key=edge.type, record=edge)

    def delete_edge(self, type_: RelType, source: str, target: str) -> None:
        if self.g.has_edge(source, target, key=type_):
            self.g.remove_edge(source, target, key=type_)

    # reads

    def get(self, node_id: str) -> NodeRecord | None:
        data = self.g.nodes.get(node_id)
        return data["record"] if data else None

    def find(self, label: Label | None, where: Mapping[str, Any] | None) -> list[NodeRecord]:
        ids = self.by_label[label] if label else self.g.nodes
        records = [self.g.nodes[i]["record"] for i in ids]
        if where:
            records = [r for r in records if all(matches(r.props.get(k), v) for k, v in where.items())]
        return sorted(records, key=lambda r: r.id)

    def count_nodes(self) -> dict[Label, int]:
        return {label: len(ids) for label, ids in self.by_label.items() if ids}

    def count_edges(self) -> dict[RelType, int]:
        return dict(Counter(key for _, _, key in self.g.edges(keys=True)))

    def edges(self, node_id: str | None, direction: Direction,
              types: Iterable[RelType] | None) -> list[EdgeRecord]:
        wanted = set(types) if types is not None else None
        if node_id is None:
            found = [d["record"] for _, _, d in self.g.edges(data=True)]
        elif node_id not in self.g:
            return []
        else:
            found = []
            if direction in (Direction.OUT, Direction.BOTH):
                found += _records(self.g._succ[node_id], wanted)
            if direction in (Direction.IN, Direction.BOTH):
                found += _records(self.g._pred[node_id], wanted)
            return sorted(found, key=edge_order)
        if wanted is not None:
            found = [e for e in found if e.type in wanted]
        return sorted(found, key=edge_order)

    def traverse(self, start: str, direction: Direction, types: Iterable[RelType] | None,
                 max_depth: int) -> list[Step]:
        """Breadth-first: each node once, at its shortest depth; cycles end naturally."""
        if start not in self.g:
            return []
        wanted = list(types) if types is not None else None
        seen = {start}
        steps: list[Step] = []
        queue: deque[tuple[str, int]] = deque([(start, 0)])
        while queue:
            node_id, depth = queue.popleft()
            if depth >= max_depth:
                continue
            for edge in self.edges(node_id, direction, wanted):
                nxt = edge.target if edge.source == node_id else edge.source
                if nxt in seen:
                    continue
                seen.add(nxt)
                steps.append(Step(self.g.nodes[nxt]["record"], depth + 1, edge))
                queue.append((nxt, depth + 1))
        return steps


def _records(adjacency: Mapping[str, Mapping[RelType, Any]], wanted: set[RelType] | None) -> list[EdgeRecord]:
    """The records of a node's edges one way, of the types wanted, read straight from its
    adjacency (each neighbour's edges keyed by type): networkx's own dictionaries, which
    its `succ` and `pred` views wrap in a new view object per neighbour. An element of a
    state has thousands of relationships, and a request asks for several types of them."""
    if wanted is None:
        return [data["record"] for keys in adjacency.values() for data in keys.values()]
    return [keys[type_]["record"] for keys in adjacency.values() for type_ in wanted if type_ in keys]


def edge_order(edge: EdgeRecord) -> tuple[str, str, str]:
    return (edge.type.value, edge.source, edge.target)


def matches(actual: Any, wanted: Any) -> bool:
    if isinstance(actual, list) and not isinstance(wanted, list):
        return wanted in actual
    return bool(actual == wanted)
