"""What the node types of `api.graphql.nodes` are made of: the `Node` interface, the
fields that read a relationship through the request's DataLoaders (`rel`, `links`), the
small objects a relationship with properties is shown as, and `wrap`, which makes the
GraphQL object of a record.

A field's type is its class annotation, read in the module of its class: the objects
here name the node types through `strawberry.lazy`, so that the two modules do not
import each other when they load."""

from __future__ import annotations

import dataclasses
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from api.graphql.limits import LINKS_PAGE, MAX_PAGE, page_size, priced
from catalog.model import NODE_TYPES
from catalog.periods import parse_date
from catalog.records import NodeRecord, field_types
from catalog.view import Direction
from catalog.vocab import AccessLevel, Label, RelType

if TYPE_CHECKING:
    from api.graphql.nodes import DataElement, System


@strawberry.interface(description="Anything in the catalog: every node has a stable id and a name.")
class Node:
    id: strawberry.ID
    label: Label
    name: str
    description: str | None = None
    updated_at: str | None = None
    version: int = strawberry.field(default=1, description="Goes up by one at every change to the node; pass it "
                                                           "as `expectedVersion` to change only what was read.")
    notes: str | None = strawberry.field(default=None, description="Internal notes: never public.")
    defined_in: str | None = strawberry.field(default=None, description="Where it is defined: `file:PATH` or "
                                                                        "`api:TOKEN`. Not public.")


def wrap(record: NodeRecord) -> Node:
    """The GraphQL object for a record (its props already filtered for the caller)."""
    from api.graphql.nodes import TYPES  # the types use these helpers: imported when first asked

    cls = TYPES[record.label]
    names, dates = _shape(cls, record.label)
    values = {k: day(v) if k in dates else v for k, v in record.props.items() if k in names}
    if record.label == Label.ORGANIZATION:
        values["contact"] = Contact.of(record)
    return cls(id=strawberry.ID(record.id), label=record.label, **values)  # type: ignore[no-any-return]


@cache
def _shape(cls: type, label: Label) -> tuple[frozenset[str], frozenset[str]]:
    """The fields of a node type, and those of its label that hold dates (stored as ISO
    text; the Date scalar serves dates): worked out once, not for each node of an answer."""
    names = frozenset(f.name for f in dataclasses.fields(cls))
    return names, frozenset(k for k, (kind, _) in field_types(NODE_TYPES[label]).items() if kind is date)


def day(value: Any) -> date | None:
    """A date property as stored (ISO text), as a date."""
    return parse_date(value) if value is not None else None


First = Annotated[int, strawberry.argument(
    description=f"At most this many, in id order (default {LINKS_PAGE}, at most {MAX_PAGE}).")]


def rel(type_: RelType, direction: Direction, target: str, *, one: bool = False, label: Label | None = None,
        name: str | None = None, description: str | None = None) -> Any:
    """A field listing the nodes at the other end of one relationship type (or the one
    node, for a relationship a node has at most once)."""

    async def related(root: Any, info: strawberry.Info) -> list[NodeRecord]:
        found = await info.context.related(str(root.id), type_, direction)
        return [n for n in found if label is None or n.label == label]

    if one:
        async def resolve_one(root: Any, info: strawberry.Info) -> Any:
            nodes = await related(root, info)
            return wrap(nodes[0]) if nodes else None

        resolve_one.__annotations__["return"] = f"{target} | None"
        return strawberry.field(resolver=resolve_one, name=name, description=description)

    async def resolve(root: Any, info: strawberry.Info, first: First = LINKS_PAGE) -> Any:
        size = page_size(first)
        return [wrap(n) for n in (await related(root, info))[:size]]

    resolve.__annotations__["return"] = f"list[{target}]"
    return strawberry.field(resolver=resolve, name=name, description=description, metadata=priced("first"))


def links(type_: RelType, direction: Direction, target: str, build: Any) -> Any:
    """A field listing relationships that carry properties, as small wrapper objects."""

    async def resolve(root: Any, info: strawberry.Info, first: First = LINKS_PAGE) -> Any:
        size = page_size(first)
        found = await info.context.links(str(root.id), type_, direction)
        return [build(edge, wrap(node)) for edge, node in found[:size]]

    resolve.__annotations__["return"] = f"list[{target}]"
    return strawberry.field(resolver=resolve, metadata=priced("first"))


@strawberry.type
class Contact:
    name: str | None
    email: str | None
    url: str | None

    @classmethod
    def of(cls, record: NodeRecord) -> Contact | None:
        values = {k: record.get(f"contact_{k}") for k in ("name", "email", "url")}
        return cls(**values) if any(values.values()) else None


@strawberry.type(description="A system holding an element: since when, under which rule. From an element, "
                               "`system` is set; from a system, `element` is.")
class Holding:
    system: Annotated[System, strawberry.lazy("api.graphql.nodes")] | None
    element: Annotated[DataElement, strawberry.lazy("api.graphql.nodes")] | None
    since: date | None
    retention_rule: str | None


@strawberry.type
class Derivation:
    element: Annotated[DataElement, strawberry.lazy("api.graphql.nodes")]
    transform: str | None


@strawberry.type(description="A role's access to an element or a system.")
class Grant:
    target: Node
    level: AccessLevel


@strawberry.type
class Completion:
    node: Node = strawberry.field(description="The training (from a person) or the person (from a training).")
    on: date


@strawberry.type
class FieldMapping:
    field: str
    element: Annotated[DataElement, strawberry.lazy("api.graphql.nodes")]
