"""Mutations: create, update, delete nodes; link and unlink relationships; load a whole
catalog document; manage tokens. Each is validated like a load, is one transaction and
leaves an audit record naming the token that made it."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Annotated, Any, TypeVar, cast

import strawberry
from graphql import GraphQLError
from strawberry.scalars import JSON

from api.auth import Role, create_feed, create_token, revoke_feed, revoke_token
from api.feed import PATH as FEED_PATH
from api.graphql.nodes import Node, wrap
from api.permissions import IsAdmin, IsSteward
from catalog.records import EdgeRecord
from catalog.source import CatalogError
from catalog.vocab import Label, RelType
from graph import curation
from graph.loading import now_utc
from graph.store import StoreError, VersionConflict

T = TypeVar("T")
FromId = Annotated[strawberry.ID, strawberry.argument(name="from")]
ToId = Annotated[strawberry.ID, strawberry.argument(name="to")]
ExpectedVersion = Annotated[int | None, strawberry.argument(
    description="Change the node only if it is still at this version (as read); otherwise a CONFLICT error "
                "that gives its current version. Without it, a change made meanwhile is kept and this one "
                "applied on top.")]


def error_of(exc: Exception) -> GraphQLError:
    """The GraphQL error for a refused change: VALIDATION naming the field of the first
    problem (and listing them all), NOT_FOUND, or CONFLICT (with the node's current
    version when it was changed since the version the change expected)."""
    if isinstance(exc, CatalogError):
        first = exc.problems[0] if exc.problems else None
        return GraphQLError(str(exc), extensions={
            "code": "VALIDATION", "field": first.location.path if first else None,
            "problems": [p.as_dict() for p in exc.problems]})
    if isinstance(exc, curation.NotFound):
        return GraphQLError(str(exc), extensions={"code": "NOT_FOUND"})
    if isinstance(exc, VersionConflict):
        return GraphQLError(str(exc), extensions={"code": "CONFLICT", "currentVersion": exc.actual})
    return GraphQLError(str(exc), extensions={"code": "CONFLICT"})


async def run(info: strawberry.Info, fn: Callable[..., T], *args: Any,
              fail: Callable[[Exception], GraphQLError] = error_of) -> T:
    """`fn(store, *args)` on a worker; a refusal becomes the GraphQL error `fail` makes."""
    try:
        return await info.context.call(fn, info.context.store, *args)  # type: ignore[no-any-return]
    except (CatalogError, StoreError) as exc:
        raise fail(exc) from None


def _parse(kind: type[Label] | type[RelType], value: str, field: str) -> Any:
    try:
        return kind.parse(value)
    except ValueError as exc:
        raise GraphQLError(str(exc), extensions={"code": "VALIDATION", "field": field}) from None


def _fields(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise GraphQLError("fields must be a JSON object", extensions={"code": "VALIDATION", "field": "fields"})
    return value


strawberry.enum(Role, name="TokenRole", description="What a token may do: each role what the ones below it may.")


@strawberry.type
class Relationship:
    type: RelType
    source: str = strawberry.field(name="from")
    target: str = strawberry.field(name="to")
    props: JSON

    @classmethod
    def of(cls, edge: EdgeRecord) -> Relationship:
        return cls(type=edge.type, source=edge.source, target=edge.target, props=cast(JSON, dict(edge.props)))


@strawberry.type
class LoadResult:
    created: list[str]
    updated: list[str]
    unchanged: int
    edges_added: int
    edges_removed: int


@strawberry.type
class NewToken:
    name: str
    role: Role
    secret: str = strawberry.field(description="Shown once: only its hash is stored.")


@strawberry.type
class NewFeed:
    name: str
    secret: str = strawberry.field(description="Shown once: only its hash is stored.")
    path: str = strawberry.field(description="The feed's URL on this server, secret included: "
                                             "what a calendar subscribes to.")


@strawberry.type
class Mutation:
    @strawberry.mutation(permission_classes=[IsSteward], description="Create a node from the keys of its "
                         "catalog-file mapping (relationships included), validated like a load.")
    async def create_node(self, info: strawberry.Info, label: str, fields: JSON) -> Node:
        kind = _parse(Label, label, "label")
        return wrap(await run(info, curation.create_node, kind, _fields(fields), info.context.principal.name))

    @strawberry.mutation(permission_classes=[IsSteward], description="Change the keys given; null removes one.")
    async def update_node(self, info: strawberry.Info, id: strawberry.ID, fields: JSON,
                          expected_version: ExpectedVersion = None) -> Node:
        return wrap(await run(info, partial(curation.update_node, expected_version=expected_version), str(id),
                              _fields(fields), info.context.principal.name))

    @strawberry.mutation(permission_classes=[IsSteward])
    async def delete_node(self, info: strawberry.Info, id: strawberry.ID,
                          expected_version: ExpectedVersion = None) -> strawberry.ID:
        await run(info, partial(curation.delete_node, expected_version=expected_version), str(id),
                  info.context.principal.name)
        return id

    @strawberry.mutation(permission_classes=[IsSteward])
    async def link(self, info: strawberry.Info, type: str, origin: FromId, destination: ToId,
                   props: JSON | None = None) -> Relationship:
        edge = await run(info, curation.link, _parse(RelType, type, "type"), str(origin), str(destination),
                          _fields(props or {}), info.context.principal.name)
        return Relationship.of(edge)

    @strawberry.mutation(permission_classes=[IsSteward])
    async def unlink(self, info: strawberry.Info, type: str, origin: FromId, destination: ToId) -> Relationship:
        edge = await run(info, curation.unlink, _parse(RelType, type, "type"), str(origin), str(destination),
                          info.context.principal.name)
        return Relationship.of(edge)

    @strawberry.mutation(permission_classes=[IsSteward], description="Load a whole catalog YAML document: all "
                         "of it or nothing. Its nodes are recorded as defined by this token; one defined in a "
                         "file or by another token is refused unless `replace` is true.")
    async def load_catalog(self, info: strawberry.Info, yaml: str, replace: bool = False) -> LoadResult:
        report = await run(info, partial(curation.load_document, max_bytes=info.context.max_file_size,
                                          replace=replace), yaml, info.context.principal.name)
        return LoadResult(created=report.created, updated=report.updated, unchanged=report.unchanged,
                          edges_added=report.edges_added, edges_removed=report.edges_removed)

    @strawberry.mutation(permission_classes=[IsAdmin])
    async def create_token(self, info: strawberry.Info, name: str, role: str) -> NewToken:
        try:
            level = Role.parse(role)
        except ValueError as exc:
            raise GraphQLError(str(exc), extensions={"code": "VALIDATION", "field": "role"}) from None
        actor = info.context.principal.name
        secret = await run(info, create_token, name, level, now_utc(), actor)
        return NewToken(name=name.strip(), role=level, secret=secret)

    @strawberry.mutation(permission_classes=[IsAdmin])
    async def revoke_token(self, info: strawberry.Info, name: str) -> bool:
        done = await run(info, revoke_token, name, now_utc(), info.context.principal.name)
        if not done:
            raise GraphQLError(f"no active token named {name!r}", extensions={"code": "NOT_FOUND"})
        return True

    @strawberry.mutation(permission_classes=[IsSteward], description="Create a deadline feed: a secret URL "
                         "serving the destruction and access-request deadlines as an iCalendar.")
    async def create_feed(self, info: strawberry.Info, name: str) -> NewFeed:
        secret = await run(info, create_feed, name, now_utc(), info.context.principal.name)
        return NewFeed(name=name.strip(), secret=secret, path=f"{FEED_PATH}?key={secret}")

    @strawberry.mutation(permission_classes=[IsSteward], description="Revoke a deadline feed: its URL "
                         "answers 404 from then on.")
    async def revoke_feed(self, info: strawberry.Info, name: str) -> bool:
        if not await run(info, revoke_feed, name, now_utc(), info.context.principal.name):
            raise GraphQLError(f"no active feed named {name!r}", extensions={"code": "NOT_FOUND"})
        return True
