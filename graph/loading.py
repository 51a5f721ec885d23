"""Catalog as code: validate a whole load, then write all of it or nothing.

A reload upserts: nodes whose properties and declared relationships are unchanged are
not written at all, so loading the same files twice changes nothing.

Each node records the file it was defined in (`defined_in`), named relative to the folder
or file given to the load: the name a file has in the catalog's own repository, the same
whatever the working directory, the checkout's location or the way the path is written.
A load that defines a node stored from another file is refused, unless it replaces."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from catalog.audit import Change
from catalog.bulk import collector_paused
from catalog.parse import ParsedNode, parse_node
from catalog.records import STAMPS, VERSION, EdgeRecord, NodeRecord, version_of
from catalog.relations import SECTIONS, declared_types
from catalog.source import CatalogError, Location, Problems
from catalog.validate import DEFINED_IN, Batch, check_origins, file_origin, validate
from catalog.vocab import RelType
from graph.store import Direction, Store
from graph.yaml_source import MAX_FILE_SIZE, catalog_files, parse_text, read_file

Progress = Callable[[str], None]
REPLACE_BY_OPTION = "pass --replace"


@dataclass
class LoadReport:
    files: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0
    edges_added: int = 0
    edges_removed: int = 0
    edges_changed: int = 0
    # Each node created or updated, as written: what a caller answers with, without a read
    # after the commit that could fail (the store going away) when the write did not.
    written: dict[str, NodeRecord] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted or self.edges_added or self.edges_removed
                    or self.edges_changed)

    def as_dict(self) -> dict[str, Any]:
        return {"files": self.files, "created": len(self.created), "updated": len(self.updated),
                "unchanged": self.unchanged, "edges_added": self.edges_added,
                "edges_removed": self.edges_removed, "edges_changed": self.edges_changed}


def utc_stamp(when: datetime) -> str:
    """A time as the store records it: UTC, to the second, `YYYY-MM-DDTHH:MM:SSZ`.
    A naive time is taken to be UTC already."""
    when = when if when.tzinfo else when.replace(tzinfo=UTC)
    return when.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def now_utc() -> str:
    return utc_stamp(datetime.now(UTC))


def parse_document(doc: Any, name: str, problems: Problems) -> list[ParsedNode]:
    """The nodes of one parsed catalog document."""
    if doc is None:
        return []
    top = Location(name, getattr(doc, "line", None))
    if not isinstance(doc, dict):
        problems.add(top, f"expected a mapping with keys such as {', '.join(SECTIONS)}")
        return []
    parsed: list[ParsedNode] = []
    for key, items in doc.items():
        at = top.child(str(key), doc.line_of(key) if hasattr(doc, "line_of") else None)
        if key not in SECTIONS:
            problems.add(at, f"unknown section; expected one of {', '.join(SECTIONS)}")
            continue
        if not isinstance(items, list):
            problems.add(at, "expected a list of mappings")
            continue
        for index, raw in enumerate(items):
            line = getattr(raw, "line", None) or at.line
            node = parse_node(SECTIONS[key], raw, at.child(index, line), problems)
            if node is not None:
                parsed.append(node)
    return parsed


@collector_paused()
def read_catalog(paths: Iterable[str | Path], problems: Problems, progress: Progress | None = None,
                 max_file_size: int = MAX_FILE_SIZE) -> tuple[list[ParsedNode], dict[str, str]]:
    """The nodes of every file named or under a folder named, and each file's origin by
    the name its problems are reported under."""
    parsed: list[ParsedNode] = []
    origins: dict[str, str] = {}
    for path, name in named_files(paths, problems):
        origins[str(path)] = file_origin(name)
        text = read_file(path, problems, max_file_size)
        if text is None:
            continue
        nodes = parse_document(parse_text(text, str(path), problems), str(path), problems)
        if progress:
            progress(f"read {path} ({len(nodes)} nodes)")
        parsed += nodes
    return parsed, origins


def named_files(paths: Iterable[str | Path], problems: Problems) -> list[tuple[Path, str]]:
    """Each catalog file once, with its name in the catalog: its path relative to the
    folder named (`systems/sis.yaml` under `catalog/`), or its own name when the file was
    named itself. Never relative to the working directory, nor absolute: `steward load
    catalog/` from the repository, `steward load .` from inside it and a load by an
    absolute path of another checkout all name a file alike."""
    named: dict[Path, str] = {}
    for root in paths:
        for path in catalog_files([root], problems):
            name = path.name if path == Path(root) else path.relative_to(root).as_posix()
            named.setdefault(path, name)
    return list(named.items())


def load_paths(store: Store, paths: Iterable[str | Path], *, now: str | None = None,
               progress: Progress | None = None, max_file_size: int = MAX_FILE_SIZE,
               replace: bool = False) -> LoadReport:
    """Validate every file of the load, then write it in one transaction. With `replace`,
    a node stored from another file may be redefined (and then records its new file).

    Raises CatalogError listing every problem; the store is then untouched."""
    problems = Problems()
    parsed, origins = read_catalog(paths, problems, progress, max_file_size)
    report = load_parsed(store, parsed, problems, now=now, origins=origins, replace=replace)
    report.files = len(origins)
    return report


# Paused: the collector, woken by the objects a load makes, went over every node parsed
# again and again, which at 50 districts doubled the time of validating and writing.
@collector_paused()
def load_parsed(store: Store, parsed: list[ParsedNode], problems: Problems,
                *, now: str | None = None, actor: str = "cli", origins: Mapping[str, str] | None = None,
                replace: bool = False, remedy: str = REPLACE_BY_OPTION,
                retire: Iterable[NodeRecord] = (), expected: Mapping[str, int] | None = None) -> LoadReport:
    """Validate and write parsed nodes. `origins` maps a file of the load to where its
    nodes are recorded as defined; a node of a file not in it keeps its stored origin.
    Unless `replace`, a node stored from another origin is a problem, with `remedy`.
    The nodes to `retire` are deleted in the same transaction. Each node is written only
    if it is still at the version it was read at (or at the version `expected` gives
    for it): otherwise VersionConflict, and nothing is written."""
    batch, known = validate_parsed(store, parsed, problems, origins=origins, replace=replace, remedy=remedy)
    return write_batch(store, batch, known, now=now or now_utc(), actor=actor, retire=retire, expected=expected)


def validate_parsed(store: Store, parsed: list[ParsedNode], problems: Problems, *,
                    origins: Mapping[str, str] | None = None, replace: bool = False,
                    remedy: str = REPLACE_BY_OPTION) -> tuple[Batch, dict[str, NodeRecord]]:
    """Everything a load checks, without writing: the batch to write (with where each
    node is defined), and the stored nodes it names. Raises CatalogError."""
    origins = origins or {}
    wanted = {p.record.id for p in parsed}
    for ref in (r for p in parsed for r in p.references):
        wanted.add(ref.other)
        if "retention_rule" in ref.props:
            wanted.add(ref.props["retention_rule"])
    known = store.get_nodes(wanted)
    derivations = [(e.source, e.target) for e in store.edges(types=[RelType.DERIVED_FROM])]

    def stored_label(node_id: str) -> Any:
        return known[node_id].label if node_id in known else None

    if not replace:
        check_origins(parsed, origins, known, problems, remedy)
    batch = validate(parsed, stored_label, derivations, problems)
    defined_in = {p.record.id: origins[p.location.file] for p in parsed if p.location.file in origins}
    return _with_origins(batch, defined_in, known), known


def _with_origins(batch: Batch, defined_in: Mapping[str, str], known: Mapping[str, NodeRecord]) -> Batch:
    """The batch's nodes with where each is defined: the load's file, else what is stored.
    Part of the properties, so a reload from the same file still compares equal."""
    nodes = []
    for node in batch.nodes:
        old = known.get(node.id)
        origin = defined_in.get(node.id, old.get(DEFINED_IN) if old is not None else None)
        nodes.append(node if origin is None else NodeRecord(node.label, node.id, {**node.props, DEFINED_IN: origin}))
    return Batch(tuple(nodes), batch.edges)


@dataclass(frozen=True)
class NodeDiff:
    """What a load would do to one node: its record as the load gives it, the stored one
    (None when new), and the relationships its mapping declares that would change."""

    node: NodeRecord
    old: NodeRecord | None
    added: list[EdgeRecord]
    removed: list[tuple[RelType, str, str]]
    changed: list[EdgeRecord]

    @property
    def props_changed(self) -> bool:
        return self.old is None or _without_stamp(self.old.props) != dict(self.node.props)

    @property
    def writes(self) -> bool:
        return self.props_changed or bool(self.added or self.removed or self.changed)


def diff_batch(store: Store, batch: Batch, known: Mapping[str, NodeRecord]) -> list[NodeDiff]:
    """Each node of the batch against the store, in the batch's order; reads only."""
    declared: dict[str, dict[tuple[RelType, str, str], EdgeRecord]] = {}
    by_id = {n.id: n for n in batch.nodes}
    for edge in batch.edges:
        declared.setdefault(_declaring(edge, by_id), {})[edge.key] = edge
    stored = _declared_edges(store, [n for n in batch.nodes if n.id in known])
    diffs = []
    for node in batch.nodes:
        wanted = declared.get(node.id, {})
        current = {e.key: e for e in stored.get(node.id, [])}
        diffs.append(NodeDiff(node, known.get(node.id), [e for k, e in wanted.items() if k not in current],
                              [k for k in current if k not in wanted],
                              [e for k, e in wanted.items() if k in current and current[k].props != e.props]))
    return diffs


def write_batch(store: Store, batch: Batch, known: Mapping[str, NodeRecord],
                *, now: str, actor: str, retire: Iterable[NodeRecord] = (),
                expected: Mapping[str, int] | None = None) -> LoadReport:
    """Write what changed, and an audit record for each node created, updated or retired.
    Every node written or retired must still be at the version read (0: still absent)."""
    report = LoadReport()
    diffs = diff_batch(store, batch, known)
    retired = [(node, store.edges(node.id, Direction.BOTH)) for node in retire]
    expected = expected or {}
    with store.transaction() as tx:
        for node, edges in retired:
            tx.delete_node(node.id, expected.get(node.id, version_of(node)))
            tx.record_change(deletion(now, actor, node, edges))
            report.deleted.append(node.id)
        for diff in diffs:
            if diff.writes:
                read = expected.get(diff.node.id, version_of(diff.old))
                new = NodeRecord(diff.node.label, diff.node.id,
                                 {**diff.node.props, "updated_at": now, VERSION: read + 1})
                tx.upsert_node(new, read)
                report.written[new.id] = new
                (report.created if diff.old is None else report.updated).append(new.id)
                tx.record_change(node_change(now, actor, diff.old, new, diff.added + diff.changed, diff.removed))
            else:
                report.unchanged += 1
            report.edges_added += len(diff.added)
            report.edges_removed += len(diff.removed)
            report.edges_changed += len(diff.changed)
        # Relationships after every node, so that both ends exist when they are written.
        for key in (k for d in diffs for k in d.removed):
            tx.delete_edge(*key)
        for edge in (e for d in diffs for e in d.added + d.changed):
            tx.upsert_edge(edge)
    return report


def _declaring(edge: EdgeRecord, by_id: Mapping[str, NodeRecord]) -> str:
    """The node whose mapping declared `edge`: the source, unless the type is reversed."""
    source = by_id.get(edge.source)
    if source is not None and (edge.type, False) in declared_types(source.label):
        return edge.source
    return edge.target


def _declared_edges(store: Store, nodes: list[NodeRecord]) -> dict[str, list[EdgeRecord]]:
    """The stored relationships each node's mapping declares, read in one round trip."""
    types = {t for n in nodes for t, _ in declared_types(n.label)}
    labels = {n.id: n.label for n in nodes}
    found: dict[str, list[EdgeRecord]] = {}
    for edge in store.edges_for(labels, Direction.BOTH, types) if nodes else []:
        for node_id, reverse in ((edge.source, False), (edge.target, True)):
            if node_id in labels and (edge.type, reverse) in declared_types(labels[node_id]):
                found.setdefault(node_id, []).append(edge)
    return found


def node_change(now: str, actor: str, old: NodeRecord | None, new: NodeRecord,
                linked: list[EdgeRecord], unlinked: list[tuple[RelType, str, str]]) -> Change:
    after: dict[str, Any] = {"label": new.label.value, **new.props}
    if linked or unlinked:
        after["relationships"] = {"set": sorted(edge_key(*e.key) for e in linked),
                                  "removed": sorted(edge_key(*k) for k in unlinked)}
    nodes = {new.id} | {e.source for e in linked} | {e.target for e in linked} | {k[1] for k in unlinked} \
        | {k[2] for k in unlinked}
    before = {"label": old.label.value, **old.props} if old else None
    return Change(now, actor, "create" if old is None else "update", new.id, tuple(sorted(nodes)), before, after,
                  version=version_of(new))


def deletion(now: str, actor: str, node: NodeRecord, edges: list[EdgeRecord]) -> Change:
    """The audit record of a node deleted with its relationships."""
    nodes = {node.id} | {e.source for e in edges} | {e.target for e in edges}
    return Change(now, actor, "delete", node.id, tuple(sorted(nodes)),
                  {"label": node.label.value, **node.props, "relationships": sorted(edge_key(*e.key) for e in edges)},
                  None)


def edge_key(type_: RelType, source: str, target: str) -> str:
    return f"{type_.value}:{source}->{target}"


def _without_stamp(props: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k not in STAMPS}


__all__ = ["CatalogError", "LoadReport", "load_parsed", "load_paths", "parse_document"]
