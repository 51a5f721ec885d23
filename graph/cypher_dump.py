"""The graph as a Cypher script that recreates it in an empty Neo4j database, the way the
Neo4j backend stores it: `cypher-shell -f steward.cypher`, or pasted into the browser.

A script cannot take parameters, so every value is written as a literal: strings in
single quotes with every quote, backslash and control character escaped, property keys
in backquotes, and labels and relationship types only from the enums. Nothing a catalog
says can end a literal and start a statement of its own."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from itertools import groupby
from typing import Any, TextIO

from catalog.records import EdgeRecord, NodeRecord
from catalog.source import excerpt
from graph.neo4j.schema import STEWARD, label, rel_type, wanted_constraints
from graph.store import Store, StoreError, sorted_edges, sorted_nodes

# Rows per statement: one UNWIND over a literal list, so that a large catalog is a few
# hundred statements rather than one per node, and each stays a modest transaction.
CHUNK = 500
# Cypher's short escapes; everything else below U+0020, and the characters that Unicode
# counts as line breaks, is written as \\uXXXX so the script stays one statement a line.
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_BREAKS = frozenset("\x85\u2028\u2029")
_MIN_INT = -(2**63)


def quote(text: str) -> str:
    """A Cypher string literal that reads back as exactly `text`."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char < " " or "\x7f" <= char <= "\x9f" or char in _BREAKS:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "'" + "".join(out) + "'"


def key(name: str) -> str:
    """A property key in backquotes (a backquote inside is doubled). Keys come from the
    model, but a dump imported from elsewhere may hold any: one that a line break or other
    control character would split over lines is refused rather than written."""
    if any(char < " " or "\x7f" <= char <= "\x9f" or char in _BREAKS for char in name):
        raise StoreError(f"the property key {excerpt(name)} holds a control character or line break, "
                         "which a Cypher script cannot name; export as jsonl instead")
    return "`" + name.replace("`", "``") + "`"


def literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        # The lowest 64-bit integer has no literal: its magnitude does not fit.
        return f"({value + 1} - 1)" if value == _MIN_INT else str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} has no Cypher literal")
        return repr(value)
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{key(str(k))}: {literal(v)}" for k, v in value.items()) + "}"
    raise ValueError(f"{type(value).__name__} {value!r} has no Cypher literal")


def _chunks(items: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]


def _node_statements(nodes: Iterable[NodeRecord]) -> Iterator[str]:
    for kind, group in groupby(nodes, key=lambda n: n.label):
        for chunk in _chunks(list(group)):
            rows = ", ".join(literal({**n.props, "id": n.id}) for n in chunk)
            yield f"UNWIND [{rows}] AS row CREATE (n:{STEWARD}:{label(kind)}) SET n = row;\n"


def _edge_statements(edges: Iterable[EdgeRecord]) -> Iterator[str]:
    for type_, group in groupby(edges, key=lambda e: e.type):
        for chunk in _chunks(list(group)):
            rows = ", ".join(literal({"s": e.source, "t": e.target, "p": dict(e.props)}) for e in chunk)
            yield (f"UNWIND [{rows}] AS row MATCH (a:{STEWARD} {{id: row.s}}), (b:{STEWARD} {{id: row.t}}) "
                   f"CREATE (a)-[r:{rel_type(type_)}]->(b) SET r = row.p;\n")


def cypher_lines(nodes: list[NodeRecord], edges: list[EdgeRecord]) -> Iterator[str]:
    """The script, one statement a line: the constraints Steward creates (so that the
    relationships find their nodes by index), the nodes by label, the relationships by type."""
    yield "// Steward graph export: run in an empty Neo4j 5 database, e.g. cypher-shell -f FILE\n"
    for statement in wanted_constraints().values():
        yield statement + ";\n"
    yield "CALL db.awaitIndexes(300);\n"
    yield from _node_statements(nodes)
    yield from _edge_statements(edges)


def write_cypher(store: Store, out: TextIO) -> tuple[int, int]:
    """Write the script; a value it cannot write is refused before the first line."""
    nodes, edges = list(sorted_nodes(store)), list(sorted_edges(store))
    out.writelines(list(cypher_lines(nodes, edges)))
    return len(nodes), len(edges)
