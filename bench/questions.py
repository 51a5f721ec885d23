"""The lineage questions and every way the suite answers them.

A question is "which systems does the data of this element (or this system) reach
downstream, within `depth` flows?". Element lineage starts where the element originates
(the systems that collect it, or hold it without receiving it by a flow) and follows the
flows that carry it or an element derived from it; system lineage follows every flow.
Each method returns the set of systems reached, the start included, so that the
answers can be compared one to one:
- Steward through its Python API (`steward_reach`) and through GraphQL over HTTP;
- on Neo4j, the best hand-written Cypher through the driver: one query for the start,
  then one query per level of a breadth-first frontier, returning only system ids;
- on the embedded store, a plain networkx breadth-first search over the same graph,
  read from the store's SQLite file."""

from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import neo4j
import networkx as nx

from bench import raw
from catalog.vocab import Label, RelType
from graph.embedded.durable import DB_FILE
from graph.store import Store

DEPTH = 10
Reach = frozenset[str]


@dataclass(frozen=True)
class Question:
    root: str
    kind: str  # "element" or "system"
    depth: int = DEPTH


def sample(store: Store, count: int, seed: int) -> tuple[list[Question], list[Question]]:
    """`count` elements that some system holds, and `count` systems, drawn with `seed`."""
    rng = random.Random(seed)
    held = sorted({e.target for e in store.edges(types=[RelType.HOLDS])})
    systems = sorted(n.id for n in store.find_nodes(Label.SYSTEM))
    return ([Question(e, "element") for e in rng.sample(held, min(count, len(held)))],
            [Question(s, "system") for s in rng.sample(systems, min(count, len(systems)))])


# Steward, in process. The one place to switch when the lineage API changes shape.

def steward_reach(store: Store, question: Question) -> Reach:
    from catalog.lineage import lineage

    # The same question as the baselines: the systems reached, without the chains and flows.
    result = lineage(store, question.root, "down", question.depth, details=False)
    return frozenset(reached.system for way in result.reach for reached in way.systems)


# A page of the systems reached; bench.online asks for the pages in turn.
LINEAGE_QUERY = ("query($id: ID!, $depth: Int!, $first: Int!, $after: String) "
                 "{ lineage(id: $id, direction: DOWN, depth: $depth) "
                 "{ systems(first: $first, after: $after) { hasNextPage endCursor nodes { id } } } }")


# Neo4j: hand-written Cypher through the driver (bench.raw holds the queries).

def cypher_reach(driver: neo4j.Driver, question: Question) -> Reach:
    return raw.cypher_reach(driver, question.root, question.kind, question.depth)


# The embedded store: a plain networkx graph of the same nodes and relationships.

def read_graph(store_folder: Path) -> nx.MultiDiGraph:
    """Every node (with its label and name) and relationship (keyed by type) of an
    embedded store, read from its SQLite file."""
    graph = nx.MultiDiGraph()
    conn = sqlite3.connect(store_folder / DB_FILE)
    try:
        graph.add_nodes_from((i, {"label": label, "name": name}) for i, label, name in
                             conn.execute("SELECT id, label, json_extract(props, '$.name') FROM nodes"))
        graph.add_edges_from(conn.execute("SELECT source, target, type FROM edges"))
    finally:
        conn.close()
    return graph


def _sources(graph: nx.MultiDiGraph, node: str, type_: str) -> list[str]:
    return [source for source, _, key in graph.in_edges(node, keys=True) if key == type_]


def _targets(graph: nx.MultiDiGraph, node: str, type_: str) -> list[str]:
    return [target for _, target, key in graph.out_edges(node, keys=True) if key == type_]


def networkx_reach(graph: nx.MultiDiGraph, question: Question) -> Reach:
    if question.root not in graph:
        return frozenset()
    elements: set[str] | None = None
    starts = {question.root}
    if question.kind == "element":
        elements, queue = {question.root}, [question.root]
        while queue:  # what is derived from it, transitively
            derived = [d for e in queue for d in _sources(graph, e, "DERIVED_FROM") if d not in elements]
            elements.update(derived)
            queue = derived
        received = {t for f in _sources(graph, question.root, "CARRIES") for t in _targets(graph, f, "TO")}
        starts = raw.origins(set(_sources(graph, question.root, "COLLECTS")),
                         set(_sources(graph, question.root, "HOLDS")), received)
    seen, frontier = set(starts), sorted(starts)
    for _ in range(question.depth):
        reached = []
        for system in frontier:
            for flow in _sources(graph, system, "FROM"):
                if elements is not None and elements.isdisjoint(_targets(graph, flow, "CARRIES")):
                    continue
                for target in _targets(graph, flow, "TO"):
                    if target not in seen:
                        seen.add(target)
                        reached.append(target)
        frontier = reached
        if not frontier:
            break
    return frozenset(seen)
