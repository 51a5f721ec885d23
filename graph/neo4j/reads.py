"""Reading: nodes, edges, counts and neighbours, each one parameterised query.

Results are sorted in Python, as the embedded store sorts them, because Neo4j orders
strings by UTF-16 code units and Python by code points: the two differ beyond the BMP."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from operator import itemgetter
from typing import Any

from catalog.records import EdgeRecord, NodeRecord
from catalog.vocab import Label, RelType
from graph.neo4j.connection import Connection, Row
from graph.neo4j.schema import STEWARD, label, rel_type
from graph.store import Direction

LABELS = frozenset(member.value for member in Label)
NODE = "n.id AS id, labels(n) AS labels, properties(n) AS props"
EDGE = "type(r) AS type, startNode(r).id AS source, endNode(r).id AS target, properties(r) AS props"
# The answer to a look-up by ids comes as one record, every row in it a list: the driver
# spends about 20 µs on each record it receives, which was most of the time of reading a
# few hundred nodes (a request's page of them). A read of the whole graph still streams
# its rows: collected, it would be held whole in the server's memory.
NODE_ITEMS = "collect([n.id, labels(n), properties(n)]) AS items"
EDGE_ITEMS = "collect([type(r), startNode(r).id, endNode(r).id, properties(r)]) AS items"

# The relationships of `n` in a direction, as a list: both directions concatenated, so
# that a self-loop is listed once out and once in, as the embedded store lists it.
_OUT = "[(n)-[r]->() WHERE type(r) IN $types | r]"
_IN = "[(n)<-[r]-() WHERE type(r) IN $types | r]"
INCIDENT = {Direction.OUT: _OUT, Direction.IN: _IN, Direction.BOTH: f"{_OUT} + {_IN}"}

# Each label and type counted from the count store, without touching a node.
_COUNT_NODES = " UNION ALL ".join(
    f"MATCH (n:{label(member)}) RETURN {i} AS i, count(n) AS count" for i, member in enumerate(Label))
_COUNT_EDGES = " UNION ALL ".join(
    f"MATCH ()-[r:{rel_type(member)}]->() RETURN {i} AS i, count(r) AS count"
    for i, member in enumerate(RelType))


def type_values(types: Iterable[RelType] | None) -> list[str]:
    """The types a query may follow: every Steward type unless the caller narrowed them."""
    return [RelType(t).value for t in (RelType if types is None else types)]


def incident(direction: Direction) -> str:
    return INCIDENT[Direction(direction)]


def to_node(row: Row) -> NodeRecord | None:
    return _node(row["id"], row["labels"], row["props"])


def _node(node_id: str, labels: list[str], props: Mapping[str, Any]) -> NodeRecord | None:
    found = [value for value in labels if value in LABELS]
    if not found:
        return None  # not a node Steward wrote
    kept = dict(props)
    kept.pop("id", None)
    return NodeRecord(Label(found[0]), node_id, kept)


def to_nodes(rows: Iterable[Row]) -> list[NodeRecord]:
    return _sorted_nodes(map(to_node, rows))


def _sorted_nodes(found: Iterable[NodeRecord | None]) -> list[NodeRecord]:
    return sorted((n for n in found if n is not None), key=lambda n: n.id)


def _sorted_edges(found: Iterable[EdgeRecord]) -> list[EdgeRecord]:
    return sorted(found, key=lambda e: (e.type.value, e.source, e.target))


def _items(conn: Connection, query: str, **params: Any) -> list[list[Any]]:
    """The rows of a query that ends `RETURN NODE_ITEMS` or `RETURN EDGE_ITEMS`."""
    rows = conn.read(query, **params)
    return rows[0]["items"] if rows else []


def node_items(conn: Connection, query: str, **params: Any) -> list[NodeRecord]:
    return _sorted_nodes(_node(*item) for item in _items(conn, query, **params))


def edge_items(conn: Connection, query: str, **params: Any) -> list[EdgeRecord]:
    return _sorted_edges(EdgeRecord(RelType(type_), source, target, dict(props))
                         for type_, source, target, props in _items(conn, query, **params))


def get_node(conn: Connection, node_id: str) -> NodeRecord | None:
    rows = conn.read(f"MATCH (n:{STEWARD} {{id: $id}}) RETURN {NODE}", id=node_id)
    return to_node(rows[0]) if rows else None


def get_nodes(conn: Connection, ids: Iterable[str]) -> dict[str, NodeRecord]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    found = node_items(conn, f"UNWIND $ids AS id MATCH (n:{STEWARD} {{id: id}}) RETURN {NODE_ITEMS}", ids=wanted)
    return {n.id: n for n in found}


def find_nodes(conn: Connection, kind: Label | None, where: Mapping[str, Any] | None) -> list[NodeRecord]:
    # As the embedded store matches: a list property holds the wanted value, or equals a
    # wanted list; anything else is compared as it is, and null matches an absent property.
    match = f"MATCH (n:{STEWARD})" if kind is None else f"MATCH (n:{label(kind)}:{STEWARD})"
    query = (f"{match} WHERE all(k IN keys($where) WHERE CASE "
             "  WHEN $where[k] IS NULL THEN n[k] IS NULL "
             "  WHEN n[k] IS :: LIST<ANY> NOT NULL AND NOT $where[k] IS :: LIST<ANY> NOT NULL "
             "    THEN $where[k] IN n[k] "
             "  ELSE n[k] = $where[k] END) ")
    if kind is None:  # the whole graph: streamed
        return to_nodes(conn.read(query + f"RETURN {NODE}", where=dict(where or {})))
    return node_items(conn, query + f"RETURN {NODE_ITEMS}", where=dict(where or {}))


def count_nodes(conn: Connection) -> dict[Label, int]:
    labels = list(Label)
    return {labels[row["i"]]: row["count"] for row in conn.read(_COUNT_NODES) if row["count"]}


def count_edges(conn: Connection) -> dict[RelType, int]:
    types = list(RelType)
    return {types[row["i"]]: row["count"] for row in conn.read(_COUNT_EDGES) if row["count"]}


def edges(conn: Connection, node_id: str | None, direction: Direction,
          types: Iterable[RelType] | None) -> list[EdgeRecord]:
    if node_id is None:
        return _out_edges(conn.read_values(_OUT_EDGES, types=type_values(types)))  # in order already
    return edge_items(conn, f"MATCH (n:{STEWARD} {{id: $id}}) UNWIND {incident(direction)} AS r "
                            f"RETURN {EDGE_ITEMS}", id=node_id, types=type_values(types))


def edges_for(conn: Connection, node_ids: Iterable[str], direction: Direction,
              types: Iterable[RelType] | None) -> list[EdgeRecord]:
    wanted = sorted(set(node_ids))
    if not wanted:
        return []
    found = edge_items(conn, f"UNWIND $ids AS id MATCH (n:{STEWARD} {{id: id}}) "
                             f"UNWIND {incident(direction)} AS r RETURN {EDGE_ITEMS}",
                       ids=wanted, types=type_values(types))
    # An edge between two of the nodes comes once from each end: listed once, as embedded.
    return list({edge.key: edge for edge in found}.values())


def neighbours(conn: Connection, node_id: str, direction: Direction,
               types: Iterable[RelType] | None) -> list[NodeRecord]:
    rows = conn.read(f"MATCH (n:{STEWARD} {{id: $id}}) UNWIND {incident(direction)} AS r "
                     "WITH DISTINCT CASE WHEN startNode(r) = n THEN endNode(r) ELSE startNode(r) END AS n "
                     f"RETURN {NODE}", id=node_id, types=type_values(types))
    return to_nodes(rows)


# Each node with its outgoing relationships in one row: a tenth of the rows of a node
# query and an edge query, which is most of what the driver spends; a relationship's
# properties only where it has any. Still a row per node, streamed: never the whole
# answer held in the server's memory at once.
_OUT_LIST = (f"[(n)-[r]->(m:{STEWARD}) WHERE type(r) IN $types "
             "| [type(r), m.id, CASE WHEN size(keys(r)) = 0 THEN null ELSE properties(r) END]] AS out")
_WHOLE = f"MATCH (n:{STEWARD}) RETURN {NODE}, {_OUT_LIST}"
# Every edge of some types, as rows of their sources (a state's 450,000 holdings come in
# the 3,000 rows of the systems that hold them).
_OUT_EDGES = f"MATCH (n:{STEWARD}) WITH n, {_OUT_LIST} WHERE size(out) > 0 RETURN n.id AS id, out"


def whole_graph(conn: Connection) -> tuple[list[NodeRecord], list[EdgeRecord]]:
    """Every node and edge, as `find_nodes()` and `edges()` list them, in one query."""
    rows = conn.read_values(_WHOLE, types=type_values(None))
    nodes = _sorted_nodes(_node(node_id, labels, props) for node_id, labels, props, _ in rows)
    return nodes, _out_edges((node_id, out) for node_id, _, _, out in rows)


# A relationship type by its name, without the enum's look-up: a state has a million.
_TYPES = {t.value: t for t in RelType}


def _out_edges(rows: Iterable[tuple[Any, ...]]) -> list[EdgeRecord]:
    """The edges of rows (a node's id, then its outgoing edges as `_OUT_LIST` lists them):
    read as tuples, their values as the driver decodes them (lists, maps and scalars).

    In the order `edges()` lists them, by type, source and target. The server hands each
    node's edges in no order; a node's few sort quickly, and placed by type they leave
    the whole sorted, which a snapshot then takes as it is rather than sort a million."""
    types = _TYPES
    by_type: dict[str, list[EdgeRecord]] = {}
    for source, out in sorted(rows, key=_FIRST):
        for type_, target, props in sorted(out, key=_TYPE_TARGET):
            if (found := by_type.get(type_)) is None:
                found = by_type[type_] = []
            found.append(EdgeRecord(types[type_], source, target, props or {}))  # the driver's own dicts
    return [edge for type_ in sorted(by_type) for edge in by_type[type_]]


_FIRST, _TYPE_TARGET = itemgetter(0), itemgetter(0, 1)
