"""`steward plan`: what a load would change, and its governance impact, without writing.

The load is read and validated exactly as `steward load` does it, and compared with the
store by the loader's own diff; the impact is computed on an in-memory copy of the
store with the change applied (`catalog.review`). Nothing is written, not even audit."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from catalog.records import STAMPS, EdgeRecord, NodeRecord
from catalog.review import Impact, impact
from catalog.source import Problems
from catalog.view import Snapshot
from catalog.vocab import RelType
from graph.loading import NodeDiff, diff_batch, edge_key, read_catalog, validate_parsed
from graph.store import Store
from graph.yaml_source import MAX_FILE_SIZE


@dataclass(frozen=True)
class Plan:
    files: int
    diffs: tuple[NodeDiff, ...]
    impact: Impact

    @property
    def added(self) -> list[NodeRecord]:
        return [d.node for d in self.diffs if d.old is None]

    @property
    def changed(self) -> list[tuple[NodeRecord, list[str]]]:
        """Nodes whose properties would change, with the names of those properties."""
        return [(d.node, changed_fields(d.old, d.node)) for d in self.diffs
                if d.old is not None and d.props_changed]

    def relationships(self, kind: str) -> list[str]:
        """The relationships `added`, `removed` or `changed` (their properties), as `TYPE:from->to`."""
        keys: list[tuple[RelType, str, str]] = []
        for d in self.diffs:
            keys += d.removed if kind == "removed" else [e.key for e in (d.added if kind == "added" else d.changed)]
        return sorted(edge_key(*k) for k in keys)

    @property
    def changes_anything(self) -> bool:
        return any(d.writes for d in self.diffs)

    def as_dict(self) -> dict[str, Any]:
        return {"files": self.files, "changes": self.changes_anything,
                "nodes": {"added": [{"id": n.id, "label": n.label.value} for n in self.added],
                          "changed": [{"id": n.id, "label": n.label.value, "fields": f} for n, f in self.changed],
                          "removed": []},
                "relationships": {k: self.relationships(k) for k in ("added", "removed", "changed")},
                **self.impact.as_dict()}


def plan_paths(store: Store, paths: Iterable[str | Path], as_of: date, *, replace: bool = False,
               max_file_size: int = MAX_FILE_SIZE) -> Plan:
    """Raises CatalogError, as a load would, when the files cannot be loaded."""
    problems = Problems()
    parsed, origins = read_catalog(paths, problems, None, max_file_size)
    batch, known = validate_parsed(store, parsed, problems, origins=origins, replace=replace)
    diffs = diff_batch(store, batch, known)
    before = Snapshot.of(store)
    return Plan(len(origins), tuple(diffs), impact(before, applied(before, diffs), as_of))


def applied(before: Snapshot, diffs: Iterable[NodeDiff]) -> Snapshot:
    """A copy of `before` with the changes made; `before` itself is left as it was."""
    nodes = dict(before.nodes)
    edges: dict[tuple[RelType, str, str], EdgeRecord] = {e.key: e for e in before.all_edges}
    for diff in diffs:
        stamps = {k: diff.old.props[k] for k in STAMPS if k in diff.old.props} if diff.old is not None else {}
        nodes[diff.node.id] = NodeRecord(diff.node.label, diff.node.id, {**diff.node.props, **stamps})
        for key in diff.removed:
            edges.pop(key, None)
        for edge in diff.added + diff.changed:
            edges[edge.key] = edge
    return Snapshot(nodes.values(), edges.values())


def changed_fields(old: NodeRecord | None, new: NodeRecord) -> list[str]:
    before = {} if old is None else old.props
    return sorted(k for k in before.keys() | new.props.keys()
                  if k not in STAMPS and before.get(k) != new.props.get(k))
