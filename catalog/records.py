"""The graph as records: what the store keeps, and the typed model converted to and from it.

Properties are JSON-friendly primitives (dates and durations as ISO strings, enums as
their values, tuples as lists) because both SQLite rows and Neo4j properties hold them."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import cache
from types import UnionType
from typing import Any, TypeVar

from catalog.model import NODE_TYPES, Node
from catalog.periods import Duration, parse_date
from catalog.vocab import Label, RelType

Props = Mapping[str, Any]

# The store-managed version of a node: 1 when created, one more at every change to its
# properties or to the relationships its mapping declares. Kept as a property beside
# `updated_at` (so dumps carry it and both backends agree), never written by a file.
VERSION = "version"
# The properties the store sets, which no catalog file, input or patch holds.
STAMPS = ("updated_at", VERSION)


@dataclass(frozen=True)
class NodeRecord:
    label: Label
    id: str
    props: Props = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.props.get(key, default)

    @property
    def name(self) -> str:
        return str(self.props.get("name", self.id))


@dataclass(frozen=True, init=False)
class EdgeRecord:
    type: RelType
    source: str
    target: str
    props: Props = field(default_factory=dict)

    def __init__(self, type: RelType, source: str, target: str, props: Props | None = None) -> None:
        # Set in the instance's dictionary: a frozen dataclass's own __init__ goes through
        # object.__setattr__, at twice the cost, and a snapshot makes a million of these.
        attrs = self.__dict__
        attrs["type"], attrs["source"], attrs["target"] = type, source, target
        attrs["props"] = {} if props is None else props

    @property
    def key(self) -> tuple[RelType, str, str]:
        return (self.type, self.source, self.target)


def version_of(node: NodeRecord | None) -> int:
    """The node's version: 0 for no node; 1 for one stored before versions were kept."""
    return 0 if node is None else int(node.props.get(VERSION, 1))


N = TypeVar("N", bound=Node)


def field_types(cls: type) -> dict[str, tuple[type, bool]]:
    return _field_types(cls)


@cache
def _field_types(cls: Any) -> dict[str, tuple[type, bool]]:
    """Each dataclass field's base type and whether it is a tuple of that type."""
    hints = typing.get_type_hints(cls)
    result: dict[str, tuple[type, bool]] = {}
    for f in dataclasses.fields(cls):
        hint = hints[f.name]
        if isinstance(hint, UnionType):
            hint = next(a for a in typing.get_args(hint) if a is not type(None))
        if typing.get_origin(hint) is tuple:
            result[f.name] = (typing.get_args(hint)[0], True)
        else:
            result[f.name] = (hint, False)
    return result


def to_primitive(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | Duration):
        return value.isoformat() if isinstance(value, date) else value.iso()
    if isinstance(value, tuple | list):
        return [to_primitive(v) for v in value]
    return value


def from_primitive(kind: type, value: Any) -> Any:
    if issubclass(kind, Enum):
        return kind(value)
    if kind is date:
        return parse_date(value)
    if kind is Duration:
        return Duration.parse(value)
    return value


def props_of(obj: Any) -> dict[str, Any]:
    """A dataclass as stored properties; None and empty tuples are left out."""
    out: dict[str, Any] = {}
    for name in field_names(type(obj)):
        value = getattr(obj, name)
        if value is None or value == ():
            continue
        out[name] = to_primitive(value)
    return out


def field_names(cls: type) -> tuple[str, ...]:
    """The names of a dataclass's fields, in order."""
    return _field_names(cls)


@cache  # a load makes the properties of every node and relationship it reads
def _field_names(cls: Any) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def build(cls: type[N], props: Props) -> N:
    kinds = field_types(cls)
    values: dict[str, Any] = {}
    for key, value in props.items():
        if key not in kinds:
            continue  # a property a later version dropped; the record keeps it
        kind, many = kinds[key]
        values[key] = tuple(from_primitive(kind, v) for v in value) if many else from_primitive(kind, value)
    return cls(**values)


def to_record(node: Node) -> NodeRecord:
    props = props_of(node)
    props.pop("id")
    return NodeRecord(node.LABEL, node.id, props)


def from_record(record: NodeRecord) -> Node:
    return build(NODE_TYPES[record.label], {"id": record.id, **record.props})


def typed(record: NodeRecord, cls: type[N]) -> N:
    node = from_record(record)
    if not isinstance(node, cls):
        raise TypeError(f"{record.id} is a {record.label}, not a {cls.LABEL}")
    return node
