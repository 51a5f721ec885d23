"""A stored node back in the form of a catalog file's mapping: the inverse of parsing.

Used to edit one key of a node without disturbing the rest of what its mapping says."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from catalog.records import STAMPS, EdgeRecord, NodeRecord
from catalog.relations import RELATIONS
from catalog.source import SourceMapping


def to_mapping(node: NodeRecord, edges: Iterable[EdgeRecord]) -> SourceMapping:
    """The node's file mapping: its properties, and every relationship it declares."""
    raw = SourceMapping({"id": node.id})
    contact = {}
    for key, value in node.props.items():
        if key in STAMPS:
            continue
        if key.startswith("contact_"):
            contact[key.removeprefix("contact_")] = value
        else:
            raw[key] = value
    if contact:
        raw["contact"] = contact
    edges = list(edges)
    for spec in RELATIONS[node.label]:
        mine = [e for e in edges if e.type == spec.type
                and (e.target == node.id if spec.reverse else e.source == node.id)]
        if not mine:
            continue
        items: list[Any] = []
        for edge in sorted(mine, key=lambda e: e.key):
            other = edge.source if spec.reverse else edge.target
            items.append({spec.ref_key: other, **edge.props} if spec.ref_key and edge.props else other)
        raw[spec.key] = items if spec.many else items[0]
    return raw
