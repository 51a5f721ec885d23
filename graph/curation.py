"""Curating the catalog one change at a time (the API's mutations): each change is
validated by the same rules as a load, written in one transaction, and audited.

A node made through the API is recorded as defined there, by its token. An update keeps
where the node is defined: a node of a file stays that file's (its next load brings back
what the file says, as it always did), and the audit trail names the token that changed it.

Every change is optimistic: it reads the node, works out what to write, and writes only
if the node is still at the version it read (the store checks this in the writing
transaction). A change given `expected_version` is refused with VersionConflict when the
node is at another; one without it is read and applied again, a few times, before it is
refused: two patches that cross never lose either one."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from catalog.audit import Change
from catalog.parse import ParsedNode, article, parse_node, parse_reference
from catalog.records import VERSION, EdgeRecord, NodeRecord, version_of
from catalog.relations import RELATIONS, RelSpec
from catalog.source import CatalogError, Location, Problem, Problems, SourceMapping, excerpt
from catalog.unparse import to_mapping
from catalog.validate import DEFINED_IN, api_origin
from catalog.vocab import Label, RelType
from graph.loading import LoadReport, deletion, edge_key, load_parsed, now_utc, parse_document
from graph.store import Direction, Store, StoreError, VersionConflict, retrying
from graph.yaml_source import MAX_FILE_SIZE, parse_text, within_cap


class NotFound(StoreError):
    pass


class Conflict(StoreError):
    pass


T = TypeVar("T")


def _retried(expected_version: int | None, change: Callable[[], T]) -> T:
    """`change()`, read and applied again while it loses a race, unless the caller named
    the version it expects: then a lost race is the caller's to resolve."""
    return change() if expected_version is not None else retrying(change)


def _check_version(node: NodeRecord, expected_version: int | None) -> int:
    """The version the change starts from: the node's, which must be the one expected."""
    if expected_version is not None and version_of(node) != expected_version:
        raise VersionConflict(node.id, expected_version, version_of(node))
    return version_of(node)


def _parse_one(label: Label, fields: Mapping[str, Any], where: str) -> tuple[ParsedNode, Problems]:
    problems = Problems()
    raw = SourceMapping(fields, line=None)
    parsed = parse_node(label, raw, Location(where), problems)
    if parsed is None:
        raise CatalogError(problems.sorted())
    return parsed, problems


def create_node(store: Store, label: Label, fields: Mapping[str, Any], actor: str,
                now: str | None = None) -> NodeRecord:
    """A new node, and the relationships its fields declare (as in a catalog file)."""
    node_id = fields.get("id")
    if isinstance(node_id, str) and store.get_node(node_id) is not None:
        raise Conflict(f"a node with id {excerpt(node_id)} already exists")
    parsed, problems = _parse_one(label, fields, "input")
    try:
        report = load_parsed(store, [parsed], problems, now=now or now_utc(), actor=actor,
                             origins={"input": api_origin(actor)})
    except VersionConflict as exc:  # created by another writer since the check above
        raise Conflict(f"a node with id {excerpt(parsed.record.id)} already exists") from exc
    return report.written[parsed.record.id]


def update_node(store: Store, node_id: str, fields: Mapping[str, Any], actor: str,
                now: str | None = None, label: Label | None = None,
                expected_version: int | None = None) -> NodeRecord:
    """Change the keys given (properties or relationships); `null` removes a key. With a
    label, the node must be of it; with an expected version, it must be at it."""
    if "id" in fields and fields["id"] != node_id:
        raise CatalogError([_problem("input.id", "an id cannot be changed; create a new node instead")])

    def patch() -> NodeRecord:
        node = _get(store, node_id, label)
        read = _check_version(node, expected_version)
        kept = NodeRecord(node.label, node.id, {k: v for k, v in node.props.items() if k != DEFINED_IN})
        merged = dict(to_mapping(kept, store.edges(node_id, Direction.BOTH)))
        for key, value in fields.items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = value
        parsed, problems = _parse_one(node.label, merged, "input")
        # No origin: keeps the stored one. Written only over the version merged onto.
        report = load_parsed(store, [parsed], problems, now=now or now_utc(), actor=actor, expected={node_id: read})
        # Not read again: once committed, a store gone away must not make it look refused.
        return report.written.get(node_id, node)

    return _retried(expected_version, patch)


def delete_node(store: Store, node_id: str, actor: str, now: str | None = None,
                label: Label | None = None, expected_version: int | None = None) -> NodeRecord:
    def delete() -> NodeRecord:
        node = _get(store, node_id, label)
        read = _check_version(node, expected_version)
        edges = store.edges(node_id, Direction.BOTH)
        with store.transaction() as tx:
            tx.delete_node(node_id, read)
            tx.record_change(deletion(now or now_utc(), actor, node, edges))
        return node

    return _retried(expected_version, delete)


def relation_spec(type_: RelType, source: NodeRecord, target: NodeRecord) -> RelSpec:
    """The file-format declaration that allows this relationship between these labels."""
    for label, specs in RELATIONS.items():
        for spec in specs:
            if spec.type != type_:
                continue
            declaring, other = (target, source) if spec.reverse else (source, target)
            if declaring.label == label and other.label in spec.targets:
                return spec
    raise CatalogError([_problem("input.type", f"{type_.value} does not link {source.label} {source.id!r} "
                                               f"to {target.label} {target.id!r}")])


def _touch(node: NodeRecord, now: str) -> NodeRecord:
    """The node one version on: a relationship its mapping declares changed."""
    return NodeRecord(node.label, node.id, {**node.props, "updated_at": now, VERSION: version_of(node) + 1})


def link(store: Store, type_: RelType, source_id: str, target_id: str, props: Mapping[str, Any],
         actor: str, now: str | None = None) -> EdgeRecord:
    """Add a relationship or change its properties: a change to the node whose mapping
    declares it, which moves to its next version."""
    return _retried(None, lambda: _link(store, type_, source_id, target_id, props, actor, now or now_utc()))


def _link(store: Store, type_: RelType, source_id: str, target_id: str, props: Mapping[str, Any],
          actor: str, now: str) -> EdgeRecord:
    source, target = _get(store, source_id), _get(store, target_id)
    spec = relation_spec(type_, source, target)
    declaring, other = (target, source) if spec.reverse else (source, target)
    item: Any = other.id
    if props:
        if spec.props is None:
            raise CatalogError([_problem("input.props", f"{type_.value} carries no properties")])
        item = SourceMapping({spec.ref_key: other.id, **props})
    problems = Problems()
    ref = parse_reference(spec, declaring.id, item, Location("input", None, "props"), problems)
    if ref is None:
        raise CatalogError(problems.sorted())
    clean = dict(ref.props)
    if "retention_rule" in clean and store.get_node(str(clean["retention_rule"])) is None:
        raise CatalogError([_problem("input.props.retention_rule",
                                     f"unknown retention rule {excerpt(clean['retention_rule'])}")])
    before = store.edges(source_id, Direction.OUT, [type_])
    old = next((e for e in before if e.target == target_id), None)
    edge = EdgeRecord(type_, source_id, target_id, clean)
    touched = _touch(declaring, now)
    with store.transaction() as tx:
        tx.upsert_node(touched, version_of(declaring))
        tx.upsert_edge(edge)
        tx.record_change(Change(now, actor, "link", edge_key(*edge.key), (source_id, target_id),
                                dict(old.props) if old else None, dict(clean), version=version_of(touched)))
    return edge


def unlink(store: Store, type_: RelType, source_id: str, target_id: str, actor: str,
           now: str | None = None) -> EdgeRecord:
    """Remove a relationship: a change to the node whose mapping declares it."""
    return _retried(None, lambda: _unlink(store, type_, source_id, target_id, actor, now or now_utc()))


def _unlink(store: Store, type_: RelType, source_id: str, target_id: str, actor: str, now: str) -> EdgeRecord:
    found = [e for e in store.edges(source_id, Direction.OUT, [type_]) if e.target == target_id]
    if not found:
        raise NotFound(f"no {type_.value} relationship from {excerpt(source_id)} to {excerpt(target_id)}")
    source, target = _get(store, source_id), _get(store, target_id)
    declaring = target if relation_spec(type_, source, target).reverse else source
    touched = _touch(declaring, now)
    with store.transaction() as tx:
        tx.upsert_node(touched, version_of(declaring))
        tx.delete_edge(type_, source_id, target_id)
        tx.record_change(Change(now, actor, "unlink", edge_key(type_, source_id, target_id),
                                (source_id, target_id), dict(found[0].props), None, version=version_of(touched)))
    return found[0]


def load_document(store: Store, text: str, actor: str, name: str = "catalog",
                  now: str | None = None, max_bytes: int = MAX_FILE_SIZE, replace: bool = False) -> LoadReport:
    """A whole catalog document (YAML), all of it or nothing; no larger than a file may be.
    Its nodes are defined by the token that sent it: one stored from a file, or by
    another token, is redefined only with `replace`."""
    problems = Problems()
    # "surrogatepass": a JSON string may hold a lone surrogate, which YAML then reports.
    if within_cap(name, len(text.encode("utf-8", "surrogatepass")), max_bytes, problems):
        parsed = parse_document(parse_text(text, name, problems), name, problems)
    else:
        parsed = []
    return load_parsed(store, parsed, problems, now=now or now_utc(), actor=actor, origins={name: api_origin(actor)},
                       replace=replace, remedy="pass replace: true")


def _get(store: Store, node_id: str, label: Label | None = None) -> NodeRecord:
    node = store.get_node(node_id)
    if node is None:
        raise NotFound(f"no node with id {excerpt(node_id)}")
    if label is not None and node.label != label:
        raise NotFound(f"{excerpt(node_id)} is {article(node.label)}, not {article(label)}")
    return node


def _problem(path: str, message: str) -> Problem:
    return Problem(Location("input", None, path), message)
