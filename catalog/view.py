"""A read-only view of the graph: all that the analyses need from a store.

Every backend's store satisfies it; unit tests may use `MemoryView`. The helpers below
read relationships by type without caring which backend answers."""

from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Mapping
from enum import StrEnum
from operator import attrgetter
from typing import Any, Protocol, TypeVar, runtime_checkable

from catalog.bulk import collector_paused
from catalog.records import EdgeRecord, NodeRecord
from catalog.vocab import Label, RelType

T = TypeVar("T")


class Direction(StrEnum):
    OUT = "out"
    IN = "in"
    BOTH = "both"


class UnknownNode(LookupError):
    """An analysis was asked about a node that is not in the graph (or not of the kind it needs)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown node"


class GraphView(Protocol):
    def get_node(self, node_id: str) -> NodeRecord | None: ...

    def get_nodes(self, ids: Iterable[str]) -> dict[str, NodeRecord]: ...

    def find_nodes(self, label: Label | None = None,
                   where: Mapping[str, Any] | None = None) -> list[NodeRecord]: ...

    def edges(self, node_id: str | None = None, direction: Direction = Direction.OUT,
              types: Iterable[RelType] | None = None) -> list[EdgeRecord]: ...

    def edges_for(self, node_ids: Iterable[str], direction: Direction = Direction.OUT,
                  types: Iterable[RelType] | None = None) -> list[EdgeRecord]: ...


@runtime_checkable
class SharedSnapshot(Protocol):
    def snapshot(self) -> Snapshot:
        """The graph as of the current data version, built once per version and shared by
        every caller (the checks, the deadlines, the scorecard, the live inventory)."""
        ...


# Answers a snapshot keeps (deadlines as of a few dates, say): a shared snapshot lives as
# long as its data version, and a client may ask about any number of dates meanwhile.
MEMO_SIZE = 16
BY_ID = attrgetter("id")
_TYPE = attrgetter("type")


class Snapshot:
    """The whole graph held in dictionaries: read once, then answered from memory.

    Analyses that look at every node (the checks, the deadlines) read through a
    snapshot so that a remote backend is asked once, not once per node."""

    def __init__(self, nodes: Iterable[NodeRecord], edges: Iterable[EdgeRecord], *, ordered: bool = False) -> None:
        """`ordered`: the edges come sorted by type, source and target already."""
        self._memo: OrderedDict[Hashable, Any] = OrderedDict()
        self._memo_lock = threading.Lock()
        self.nodes: dict[str, NodeRecord] = {n.id: n for n in nodes}
        self._by_label: dict[Label, list[NodeRecord]] | None = None
        self.out: dict[str, list[EdgeRecord]] = {}
        self.into: dict[str, list[EdgeRecord]] = {}
        # RelType is a str: its members sort as their values do, read without the enum's
        # descriptor (a whole graph is sorted here).
        self.all_edges = list(edges) if ordered else sorted(edges, key=attrgetter("type", "source", "target"))
        # The ends of each node's edges of each type, in order: a node with thousands of
        # edges (a state agency, an agreement covering every element) answers for one type
        # without a scan of all of them. In order already: the edges are sorted by type,
        # then source, then target.
        self._targets: dict[tuple[str, RelType], list[str]] = {}
        self._sources: dict[tuple[str, RelType], list[str]] = {}
        out, into, targets, sources = self.out, self.into, self._targets, self._sources
        for edge in self.all_edges:  # a state has a million: no list made only to be dropped
            source, target, type_ = edge.source, edge.target, edge.type
            if (found := out.get(source)) is None:
                found = out[source] = []
            found.append(edge)
            if (found := into.get(target)) is None:
                found = into[target] = []
            found.append(edge)
            if (ends := targets.get((source, type_))) is None:
                ends = targets[source, type_] = []
            ends.append(target)
            if (ends := sources.get((target, type_))) is None:
                ends = sources[target, type_] = []
            ends.append(source)

    @classmethod
    def of(cls, view: GraphView) -> Snapshot:
        if isinstance(view, Snapshot):
            return view
        if isinstance(view, SharedSnapshot):
            return view.snapshot()  # built with the collector paused, once per data version
        with collector_paused():
            return cls(view.find_nodes(), view.edges())

    def _labelled(self) -> dict[Label, list[NodeRecord]]:
        """The nodes of each label by id, made when first asked: the checks ask for a
        label's nodes dozens of times, each a scan and a sort of every node of a state."""
        labelled = self._by_label
        if labelled is None:
            labelled = {}
            for node in sorted(self.nodes.values(), key=BY_ID):
                labelled.setdefault(node.label, []).append(node)
            self._by_label = labelled  # threads that both build it build the same
        return labelled

    def get_node(self, node_id: str) -> NodeRecord | None:
        return self.nodes.get(node_id)

    def get_nodes(self, ids: Iterable[str]) -> dict[str, NodeRecord]:
        return {i: self.nodes[i] for i in ids if i in self.nodes}

    def find_nodes(self, label: Label | None = None,
                   where: Mapping[str, Any] | None = None) -> list[NodeRecord]:
        found = sorted(self.nodes.values(), key=BY_ID) if label is None else self._labelled().get(label, [])
        if where:
            return [n for n in found if all(n.props.get(k) == v for k, v in where.items())]
        return list(found)

    def edges(self, node_id: str | None = None, direction: Direction = Direction.OUT,
              types: Iterable[RelType] | None = None) -> list[EdgeRecord]:
        wanted = set(types) if types is not None else None
        if node_id is None:
            return list(self._of_types(self.all_edges, wanted))
        found: list[EdgeRecord] = []
        for way, edges in ((Direction.OUT, self.out), (Direction.IN, self.into)):
            if direction in (way, Direction.BOTH):
                found += self._of_types(edges.get(node_id, []), wanted)
        return found

    @staticmethod
    def _of_types(edges: list[EdgeRecord], wanted: set[RelType] | None) -> list[EdgeRecord]:
        """Those of `edges` (all of them, or a node's: sorted by type either way) of the
        wanted types, from where each type's lie together: the holdings among a state's
        million edges, or the few of an element every system holds, without a scan."""
        if wanted is None:
            return edges
        if len(edges) < 32:
            return [e for e in edges if e.type in wanted]
        return [e for type_ in sorted(wanted)
                for e in edges[bisect_left(edges, type_, key=_TYPE):bisect_right(edges, type_, key=_TYPE)]]

    def edges_for(self, node_ids: Iterable[str], direction: Direction = Direction.OUT,
                  types: Iterable[RelType] | None = None) -> list[EdgeRecord]:
        found = {e.key: e for node_id in node_ids for e in self.edges(node_id, direction, types)}
        return sorted(found.values(), key=lambda e: (e.type.value, e.source, e.target))

    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()` once per snapshot and key (of the last `MEMO_SIZE` keys asked): the
        checks share one computation of the deadlines (a snapshot never changes, so neither
        does the answer)."""
        # A shared snapshot is read by many threads (a server's requests): the memo's
        # order changes under a lock, the computation runs outside it.
        with self._memo_lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                return self._memo[key]  # type: ignore[no-any-return]
        found = compute()
        with self._memo_lock:
            self._memo[key] = found
            while len(self._memo) > MEMO_SIZE:
                self._memo.popitem(last=False)
        return found

    # Conveniences the analyses read like sentences with.

    def targets(self, node_id: str, type_: RelType) -> list[str]:
        return list(self._targets.get((node_id, type_), ()))

    def sources(self, node_id: str, type_: RelType) -> list[str]:
        return list(self._sources.get((node_id, type_), ()))

    def target(self, node_id: str, type_: RelType) -> str | None:
        found = self.targets(node_id, type_)
        return found[0] if found else None

    def source(self, node_id: str, type_: RelType) -> str | None:
        found = self.sources(node_id, type_)
        return found[0] if found else None

    def label_of(self, node_id: str) -> Label | None:
        node = self.nodes.get(node_id)
        return node.label if node else None

    def of_label(self, label: Label) -> list[NodeRecord]:
        return self.find_nodes(label)

    def edge(self, type_: RelType, source: str, target: str) -> EdgeRecord | None:
        for edge in self.out.get(source, []):
            if edge.type == type_ and edge.target == target:
                return edge
        return None
