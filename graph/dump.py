"""A full, lossless JSON Lines dump of a store, and its import: the way to back up a
catalog or move it between backends. The output is sorted, so the same graph always
gives the same bytes."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from catalog.records import EdgeRecord, NodeRecord
from catalog.source import CatalogError, Location, Problems
from catalog.vocab import Label, RelType
from graph.store import Store, sorted_edges, sorted_nodes

FORMAT = "steward-export"
VERSION = 1


def _line(obj: dict[str, Any]) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"


def export_lines(store: Store) -> Iterator[str]:
    yield _line({"format": FORMAT, "version": VERSION})
    for node in sorted_nodes(store):
        yield _line({"kind": "node", "label": node.label.value, "id": node.id, "props": dict(node.props)})
    for edge in sorted_edges(store):
        yield _line({"kind": "edge", "type": edge.type.value, "source": edge.source,
                     "target": edge.target, "props": dict(edge.props)})


def export_to(store: Store, out: TextIO) -> tuple[int, int]:
    nodes = edges = 0
    for line in export_lines(store):
        out.write(line)
        nodes += '"kind":"node"' in line
        edges += '"kind":"edge"' in line
    return nodes, edges


def read_dump(lines: Iterable[str], name: str = "<dump>") -> tuple[list[NodeRecord], list[EdgeRecord]]:
    """Parse a dump, reporting every bad line at once."""
    problems = Problems()
    nodes: list[NodeRecord] = []
    edges: list[EdgeRecord] = []
    for number, text in enumerate(lines, start=1):
        where = Location(name, number)
        if not text.strip():
            continue
        try:
            obj = json.loads(text)
            if number == 1:
                if obj.get("format") != FORMAT or obj.get("version") != VERSION:
                    problems.add(where, f"expected a {FORMAT} version {VERSION} header")
                continue
            if obj["kind"] == "node":
                nodes.append(NodeRecord(Label(obj["label"]), str(obj["id"]), dict(obj["props"])))
            elif obj["kind"] == "edge":
                edges.append(EdgeRecord(RelType(obj["type"]), str(obj["source"]),
                                        str(obj["target"]), dict(obj["props"])))
            else:
                problems.add(where, f"unknown kind {obj['kind']!r}; expected node or edge")
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            problems.add(where, f"not a valid dump line: {exc}")
    if problems:
        raise CatalogError(problems.sorted())
    return nodes, edges


def import_into(store: Store, nodes: list[NodeRecord], edges: list[EdgeRecord]) -> None:
    """Write every record in one transaction: all of the dump or nothing."""
    with store.transaction() as tx:
        for node in nodes:
            tx.upsert_node(node)
        for edge in edges:
            tx.upsert_edge(edge)
