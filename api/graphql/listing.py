"""The top-level lists of the catalog: a page of the nodes of one label, filtered by their
properties and by the nodes they are linked to, as far as the caller may see them."""

from __future__ import annotations

from enum import Enum
from typing import Any, Generic, TypeVar

import strawberry

from api.graphql.limits import cursor_at, offset_of, page_size, priced
from api.graphql.nodes import wrap
from api.permissions import readable
from catalog.records import NodeRecord
from catalog.view import Direction
from catalog.vocab import Label, RelType

T = TypeVar("T")


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class Connection(Generic[T]):
    total_count: int
    nodes: list[T] = strawberry.field(metadata=priced("first"))
    page_info: PageInfo


def page(records: list[NodeRecord], first: int, after: str | None) -> Connection[Any]:
    page_size(first)
    start = offset_of(after)
    chunk = records[start:start + first]
    more = start + first < len(records)
    return Connection(total_count=len(records), nodes=[wrap(r) for r in chunk],
                      page_info=PageInfo(has_next_page=more, end_cursor=cursor_at(start + first) if chunk else None))


async def listing(info: strawberry.Info, label: Label, first: int, after: str | None,
                  where: dict[str, Any] | None = None,
                  linked: list[tuple[str | None, RelType, Direction]] | None = None) -> Connection[Any]:
    """A page of nodes of one label, filtered by properties and by linked nodes."""
    ctx = info.context
    # Enum members are stored as their values.
    where = {k: v.value if isinstance(v, Enum) else v for k, v in (where or {}).items() if v is not None}
    found = await ctx.call(ctx.store.find_nodes, label, where or None)
    for other, type_, direction in linked or []:
        if other is None:
            continue
        # Nodes reached from `other`: flip the direction to walk from it. Only the links
        # this caller may see count, so a filter on a node hidden from it answers exactly
        # as one on an id that does not exist.
        back = Direction.IN if direction == Direction.OUT else Direction.OUT
        ids = {node.id for _, node in await ctx.links(other, type_, back)}
        found = [n for n in found if n.id in ids]
    visible = [r for r in (readable(ctx.role, n) for n in found) if r is not None]
    return page(visible, first, after)
