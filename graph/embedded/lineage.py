"""Lineage on the embedded store's networkx graph, read straight from its adjacency: the
same answers as `catalog.lineage.frame` and `walk`, without building an edge record per
relationship, so a walk costs about what a plain breadth-first search of the graph does.

In the MultiDiGraph every relationship is an edge keyed by its type, so `pred[n]` maps
each node with a relationship into `n` to the types of those relationships."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import networkx as nx

from catalog.lineage import ENDS, Derivation, Found, Frame, Hop, Walk, Way, make_hop
from catalog.vocab import Label, RelType

Adjacency = Mapping[str, Mapping[str, Mapping[RelType, Any]]]


def find(g: nx.MultiDiGraph, root: str, ways: tuple[Way, ...], depth: int, details: bool = True) -> Found | None:
    """As `catalog.lineage.find`."""
    start = frame(g, root)
    if start is None:
        return None
    walked = walk if details else reach
    return Found(start, tuple(walked(g, list(start.starts), start.elements(way), way, depth) for way in ways))


def frame(g: nx.MultiDiGraph, root: str) -> Frame | None:
    node = g.nodes.get(root)
    if node is None or node["record"].label not in (Label.DATA_ELEMENT, Label.SYSTEM):
        return None
    label: Label = node["record"].label
    if label == Label.SYSTEM:
        return Frame(root, label, (root,))
    pred, succ = g.pred, g.succ
    holders, collectors, carriers = [], [], []
    for source, keys in pred[root].items():
        if RelType.HOLDS in keys:
            holders.append(source)
        if RelType.COLLECTS in keys:
            collectors.append(source)
        if RelType.CARRIES in keys:
            carriers.append(source)
    received = {t for flow in carriers for t, keys in succ[flow].items() if RelType.TO in keys}
    origins = sorted(set(collectors) | {h for h in holders if h not in received})
    starts = tuple(origins or sorted(holders))
    return Frame(root, label, starts, _derivations(pred, root, "down"), _derivations(succ, root, "up"))


def _derivations(adjacency: Adjacency, root: str, way: Way) -> tuple[Derivation, ...]:
    """As `catalog.lineage.related_elements`: downstream through `pred` (what is derived
    from it), upstream through `succ` (what it is derived from)."""
    found = []
    seen, frontier = {root}, [root]
    while frontier:
        nxt = []
        for element in frontier:
            for other, keys in adjacency[element].items():
                edge = keys.get(RelType.DERIVED_FROM)
                if edge is None:
                    continue
                record = edge["record"]
                found.append(Derivation(record.source, record.target, record.props.get("transform")))
                if other not in seen:
                    seen.add(other)
                    nxt.append(other)
        frontier = nxt
    return tuple(sorted(set(found), key=lambda d: (d.element, d.derived_from)))


def walk(g: nx.MultiDiGraph, starts: list[str], elements: list[str] | None, way: Way, depth: int) -> Walk:
    """As `catalog.lineage.walk`: breadth first, each system at its first level. A flow's
    relationships are read once, for the walk and for its hop."""
    near, far = ENDS[way]
    pred, succ = g.pred, g.succ
    wanted = None if elements is None else set(elements)
    distances = dict.fromkeys(starts, 0)
    operators: dict[str, str] = {}
    followed: dict[str, dict[RelType, list[str]]] = {}  # flow -> its ends by type
    frontier = [s for s in distances if s in pred]
    for level in range(1, depth + 1):
        if not frontier:
            break
        nxt = []
        for system in frontier:
            for flow, keys in pred[system].items():
                if RelType.OPERATES in keys:
                    _operator(operators, system, flow)
                if near not in keys:
                    continue
                out = succ[flow]
                if wanted is not None and not any(RelType.CARRIES in out.get(e, ()) for e in wanted):
                    continue
                ends = followed[flow] = _ends(out)
                for target in ends.get(far, ()):
                    if target not in distances:
                        distances[target] = level
                        nxt.append(target)
        frontier = nxt
    # The systems never walked from (the last level; the starts at depth 0) have their
    # operators still to find.
    for system in frontier:
        for org, keys in pred[system].items():
            if RelType.OPERATES in keys:
                _operator(operators, system, org)
    return Walk(distances, operators, tuple(_hops(g, followed, wanted, operators)))


def reach(g: nx.MultiDiGraph, starts: list[str], elements: list[str] | None, way: Way, depth: int) -> Walk:
    """As `catalog.lineage.walk` without its details: the distances alone, as a plain
    breadth-first search would find them."""
    near, far = ENDS[way]
    pred, succ = g.pred, g.succ
    wanted = None if elements is None else set(elements)
    distances = dict.fromkeys(starts, 0)
    frontier = [s for s in distances if s in pred]
    for level in range(1, depth + 1):
        if not frontier:
            break
        nxt = []
        for system in frontier:
            for flow, keys in pred[system].items():
                if near not in keys:
                    continue
                out = succ[flow]
                if wanted is not None and not any(RelType.CARRIES in out.get(e, ()) for e in wanted):
                    continue
                for target, types in out.items():
                    if far in types and target not in distances:
                        distances[target] = level
                        nxt.append(target)
        frontier = nxt
    return Walk(distances, {}, ())


def _ends(out: Mapping[str, Mapping[RelType, Any]]) -> dict[RelType, list[str]]:
    ends: dict[RelType, list[str]] = {}
    for target, types in out.items():
        for type_ in types:
            ends.setdefault(type_, []).append(target)
    return ends


def _operator(operators: dict[str, str], system: str, org: str) -> None:
    if system not in operators or org < operators[system]:
        operators[system] = org


def _hops(g: nx.MultiDiGraph, followed: Mapping[str, Mapping[RelType, list[str]]], wanted: set[str] | None,
          operators: Mapping[str, str]) -> Iterator[Hop]:
    nodes = g.nodes
    for flow in sorted(followed):
        ends, record = followed[flow], nodes[flow]["record"]
        bases = [(b, nodes[b]["record"].label.value) for b in ends.get(RelType.UNDER, ())]
        carries = (c for c in ends.get(RelType.CARRIES, ()) if wanted is None or c in wanted)
        yield make_hop(flow, record.name, ends.get(RelType.FROM, [""])[0], ends.get(RelType.TO, [""])[0],
                       operators, record.get("method"), ends.get(RelType.FOR, ()), bases, carries)
