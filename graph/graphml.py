"""The graph as GraphML, for Gephi, yEd, Cytoscape and networkx.

Each node carries `label` (its name, which Gephi and yEd show), `steward_label` (its
label in the reference model) and its properties; each edge carries `label` (its type)
and its properties. A property's GraphML type is boolean, long or double when every
value of it is one; anything else, lists included (as JSON), is a string. XML 1.0 cannot
hold most control characters even escaped, so they become U+FFFD: GraphML is for
looking at the graph, and the JSON Lines export is the lossless one."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TextIO

from catalog.records import EdgeRecord, NodeRecord
from graph.store import Store, sorted_edges, sorted_nodes

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;"}
_SPECIAL = re.compile('[&<>"\r]')
NODE_KEYS = ("label", "steward_label")
EDGE_KEYS = ("label",)


def escape(text: str) -> str:
    """Text for XML content or a double-quoted attribute; a carriage return is written as a
    reference, which a parser would otherwise turn into a line feed."""
    text = _NOT_XML.sub("\ufffd", text)
    return _SPECIAL.sub(lambda m: _ENTITIES[m.group()], text)


def _type_of(values: Iterable[Any]) -> str:
    kinds = {("boolean" if isinstance(v, bool) else "long" if isinstance(v, int)
              else "double" if isinstance(v, float) else "string") for v in values}
    if len(kinds) == 1:
        return kinds.pop()
    return "double" if kinds == {"long", "double"} else "string"


def _text(value: Any, kind: str) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return json.dumps(list(value), ensure_ascii=False)
    return str(value)


def _data(nodes: list[NodeRecord]) -> list[dict[str, Any]]:
    return [{"label": n.name, "steward_label": n.label.value, **n.props} for n in nodes]


def _edge_data(edges: list[EdgeRecord]) -> list[dict[str, Any]]:
    return [{"label": e.type.value, **e.props} for e in edges]


def _keys(domain: str, rows: list[dict[str, Any]], first: tuple[str, ...]) -> dict[str, tuple[str, str]]:
    """Property name -> (GraphML key id, type), the fixed keys first, then by name."""
    names = list(first) + sorted({k for row in rows for k in row} - set(first))
    return {name: (f"{domain[0]}{index}", _type_of(row[name] for row in rows if name in row))
            for index, name in enumerate(names)}


def _key_lines(domain: str, keys: Mapping[str, tuple[str, str]]) -> Iterator[str]:
    for name, (ident, kind) in keys.items():
        yield (f'  <key id="{ident}" for="{domain}" attr.name="{escape(name)}" attr.type="{kind}"/>\n')


def _data_lines(row: Mapping[str, Any], keys: Mapping[str, tuple[str, str]]) -> Iterator[str]:
    for name, value in row.items():
        ident, kind = keys[name]
        yield f'      <data key="{ident}">{escape(_text(value, kind))}</data>\n'


def graphml_lines(nodes: list[NodeRecord], edges: list[EdgeRecord]) -> Iterator[str]:
    node_rows, edge_rows = _data(nodes), _edge_data(edges)
    node_keys, edge_keys = _keys("node", node_rows, NODE_KEYS), _keys("edge", edge_rows, EDGE_KEYS)
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
           'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
    yield from _key_lines("node", node_keys)
    yield from _key_lines("edge", edge_keys)
    yield '  <graph id="steward" edgedefault="directed">\n'
    for node, row in zip(nodes, node_rows, strict=True):
        yield f'    <node id="{escape(node.id)}">\n'
        yield from _data_lines(row, node_keys)
        yield "    </node>\n"
    for index, (edge, row) in enumerate(zip(edges, edge_rows, strict=True)):
        yield f'    <edge id="e{index}" source="{escape(edge.source)}" target="{escape(edge.target)}">\n'
        yield from _data_lines(row, edge_keys)
        yield "    </edge>\n"
    yield "  </graph>\n</graphml>\n"


def write_graphml(store: Store, out: TextIO) -> tuple[int, int]:
    nodes, edges = list(sorted_nodes(store)), list(sorted_edges(store))
    for line in graphml_lines(nodes, edges):
        out.write(line)
    return len(nodes), len(edges)
