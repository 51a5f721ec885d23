"""Typed mutations, generated from the model: for every label, `create<Label>(input:
<Label>Input!)`, `update<Label>(id, patch: <Label>Patch!)` and `delete<Label>(id)`; for
every relationship type, `link<Type>(from, to)` and `unlink<Type>(from, to)`, with the
relationship's properties as a typed `props` when it carries some.

The inputs are read off `catalog.model` and `catalog.relations`, so a field or a
relationship added to the model appears here without a line written for it. A typed
input is turned into the mapping a catalog file would hold and goes through the same
curation as the generic mutations: the same validation, one transaction, one audit
record. Errors name the field as the client wrote it (`input.expiresOn`,
`patch.holds[0].since`)."""

from __future__ import annotations

import dataclasses
import inspect
import keyword
import typing
from collections.abc import Callable
from datetime import date
from enum import Enum
from functools import partial
from typing import Annotated, Any

import strawberry
from graphql import GraphQLError
from strawberry.utils.str_converters import to_camel_case

from api.graphql import enums  # noqa: F401  (the model's vocabularies are GraphQL enums)
from api.graphql.mutation import ExpectedVersion, Relationship, error_of, run
from api.graphql.nodes import TYPES, wrap
from api.permissions import IsSteward
from catalog.model import NODE_TYPES
from catalog.parse import CONTACT_KEYS, allowed_keys, article
from catalog.periods import Duration
from catalog.records import field_types
from catalog.relations import RELATIONS, RelSpec
from catalog.source import CatalogError
from catalog.vocab import Label, RelType
from graph import curation

# The stored fields no client writes.
SKIPPED = ("updated_at",)


def _attr(key: str) -> str:
    """The Python attribute for a mapping key (`from`, `for`, `with` are keywords)."""
    return f"{key}_" if keyword.iskeyword(key) else key


def _key(attr: str) -> str:
    return attr[:-1] if attr.endswith("_") and keyword.iskeyword(attr[:-1]) else attr


def type_name(type_: RelType) -> str:
    """A relationship type as a GraphQL name reads it: HOLDS -> Holds, USED_FOR -> UsedFor."""
    return "".join(w.capitalize() for w in type_.value.split("_"))


def _scalar(kind: type) -> Any:
    # A period is written as in a file (`P7Y`, `7 years`); the model's parser reads it.
    return str if kind is Duration else kind


def _input_type(name: str, description: str, fields: dict[str, tuple[Any, bool]], *, patch: bool = False) -> type:
    """A Strawberry input type from {key: (type, required)}. In a patch every field may
    be left out (UNSET: unchanged) or set to null (removed)."""
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {"__annotations__": annotations, "__module__": __name__}
    for key, (kind, required) in fields.items():
        attr = _attr(key)
        if required and not patch:
            annotations[attr] = kind
            namespace[attr] = strawberry.field(name=to_camel_case(key))
        else:
            annotations[attr] = kind | None
            namespace[attr] = strawberry.field(name=to_camel_case(key), default=strawberry.UNSET if patch else None)
    return strawberry.input(type(name, (), namespace), name=name, description=description)


def _prop_fields(props: type) -> dict[str, tuple[Any, bool]]:
    found: dict[str, tuple[Any, bool]] = {}
    for f in dataclasses.fields(props):
        kind, many = field_types(props)[f.name]
        base = _scalar(kind)
        found[f.name] = (list[base] if many else base,  # type: ignore[valid-type]
                         f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
    return found


# Per relationship type with properties: its properties alone (for link) and, for a
# node's input, a reference to the other end with them (`holds: [{element, since}]`).
PROPS: dict[RelType, type] = {}
REFS: dict[RelType, type] = {}
for _specs in RELATIONS.values():
    for _spec in _specs:
        if _spec.props is not None and _spec.type not in PROPS:
            _name = type_name(_spec.type)
            PROPS[_spec.type] = _input_type(f"{_name}Props", f"The properties of a {_spec.type.value} relationship.",
                                            _prop_fields(_spec.props))
            REFS[_spec.type] = _input_type(
                f"{_name}Ref", f"A {_spec.type.value} relationship: the node at the other end and its properties.",
                {str(_spec.ref_key): (strawberry.ID, True), **_prop_fields(_spec.props)})

CONTACT = _input_type("ContactInput", "Who to contact at an organization.",
                      {key: (str, False) for key in CONTACT_KEYS})


def _relation_type(spec: RelSpec) -> Any:
    if spec.props is not None:
        ref: Any = REFS[spec.type]
        return list[ref]
    return list[strawberry.ID] if spec.many else strawberry.ID


def node_fields(label: Label) -> dict[str, tuple[Any, bool]]:
    """Every key a catalog file may write for a node of `label`, typed, in the order of
    `allowed_keys`: its properties, then its relationships."""
    cls = NODE_TYPES[label]
    model = {f.name: f for f in dataclasses.fields(cls)}
    specs = {spec.key: spec for spec in RELATIONS[label]}
    found: dict[str, tuple[Any, bool]] = {}
    for key in allowed_keys(label):
        if key in cls.ALIASES or key in SKIPPED:
            continue  # an older name: the field is there under its own
        if key == "contact":
            found[key] = (CONTACT, False)
        elif key in specs:
            found[key] = (_relation_type(specs[key]), False)
        else:
            f = model[key]
            kind, many = field_types(cls)[key]
            base = _scalar(kind)
            required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING \
                and not (key == "name" and cls.NAME_OPTIONAL)
            found[key] = (list[base] if many else base, required)  # type: ignore[valid-type]
    return found


def _plain(value: Any) -> Any:
    """An input value as a catalog file writes it."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {_key(f.name): _plain(getattr(value, f.name)) for f in dataclasses.fields(value)
                if getattr(value, f.name) not in (None, strawberry.UNSET)}
    return value


def as_mapping(value: Any, *, patch: bool = False) -> dict[str, Any]:
    """The catalog-file mapping an input (or a patch) writes. In a patch, a field left
    out is left alone and a null removes the key, as in `updateNode`."""
    found: dict[str, Any] = {}
    for f in dataclasses.fields(value):
        given = getattr(value, f.name)
        if given is strawberry.UNSET or (given is None and not patch):
            continue
        found[_key(f.name)] = None if given is None else _plain(given)
    return found


def graphql_path(root: str, path: str) -> str:
    """A problem's path in a mapping (`holds[0].retention_rule`) as the client wrote it
    in the argument `root` (`patch.holds[0].retentionRule`)."""
    steps = [step for step in path.replace("[", ".[").split(".") if step]
    return ".".join([root, *(step if step.startswith("[") else to_camel_case(step) for step in steps)]) \
        .replace(".[", "[")


def _relabelled(root: str, where: Callable[[str], str] | None = None) -> Callable[[Exception], GraphQLError]:
    """The error for a refused change, its problems' paths as the client wrote them."""
    def path_of(path: str) -> str:
        return where(path) if where else graphql_path(root, path)

    def fail(exc: Exception) -> GraphQLError:
        if isinstance(exc, CatalogError):
            exc = CatalogError([dataclasses.replace(p, location=dataclasses.replace(
                p.location, path=path_of(p.location.path))) for p in exc.problems])
        return error_of(exc)
    return fail


def _signed(resolve: Callable[..., Any], returns: Any, **params: Any) -> Callable[..., Any]:
    """`resolve` with the signature Strawberry reads its arguments from: the types of a
    generated mutation exist only once the model has been read, so they are set here."""
    parameters = [inspect.Parameter("info", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=strawberry.Info)]
    for name, annotation in params.items():
        bare = typing.get_args(annotation)[0] if typing.get_origin(annotation) is Annotated else annotation
        optional = type(None) in typing.get_args(bare)
        parameters.append(inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=annotation,
                                            default=None if optional else inspect.Parameter.empty))
    resolve.__signature__ = inspect.Signature(parameters, return_annotation=returns)  # type: ignore[attr-defined]
    resolve.__annotations__ = {**params, "info": strawberry.Info, "return": returns}
    return resolve


def _create(label: Label) -> Any:
    async def resolve(info: strawberry.Info, input: Any) -> Any:
        return wrap(await run(info, curation.create_node, label, as_mapping(input), info.context.principal.name,
                              fail=_relabelled("input")))
    return strawberry.mutation(resolver=_signed(resolve, TYPES[label], input=INPUTS[label]),
                               name=f"create{label.value}", permission_classes=[IsSteward],
                               description=f"Create {article(label)}, validated like a load.")


def _update(label: Label) -> Any:
    async def resolve(info: strawberry.Info, id: strawberry.ID, patch: Any, expected_version: int | None) -> Any:
        fields = as_mapping(patch, patch=True)
        return wrap(await run(info, partial(curation.update_node, label=label, expected_version=expected_version),
                              str(id), fields, info.context.principal.name, fail=_relabelled("patch")))
    return strawberry.mutation(resolver=_signed(resolve, TYPES[label], id=strawberry.ID, patch=PATCHES[label],
                                                expected_version=ExpectedVersion),
                               name=f"update{label.value}", permission_classes=[IsSteward],
                               description=f"Change the fields of {article(label)} given; null removes one.")


def _delete(label: Label) -> Any:
    async def resolve(info: strawberry.Info, id: strawberry.ID, expected_version: int | None) -> strawberry.ID:
        await run(info, partial(curation.delete_node, label=label, expected_version=expected_version), str(id),
                  info.context.principal.name)
        return id
    return strawberry.mutation(resolver=_signed(resolve, strawberry.ID, id=strawberry.ID,
                                                expected_version=ExpectedVersion),
                               name=f"delete{label.value}", permission_classes=[IsSteward],
                               description=f"Delete {article(label)} and its relationships.")


# `from` and `to`, as the generic link names them (both are words Python keeps).
ENDS = {"origin": Annotated[strawberry.ID, strawberry.argument(name="from")],
        "destination": Annotated[strawberry.ID, strawberry.argument(name="to")]}


def _link(type_: RelType) -> Any:
    # Whether the relationship may join the two labels is checked with both ends known;
    # a mismatch is reported on `to`, the end a form picks.
    fail = _relabelled("props", lambda path: "to" if path == "input.type" else graphql_path(
        "props", path.removeprefix("input.").removeprefix("props").lstrip(".")))

    async def resolve(info: strawberry.Info, origin: strawberry.ID, destination: strawberry.ID,
                      props: Any = None) -> Relationship:
        given = as_mapping(props) if props is not None else {}
        return Relationship.of(await run(info, curation.link, type_, str(origin), str(destination), given,
                                         info.context.principal.name, fail=fail))
    extra = {"props": PROPS[type_] | None} if type_ in PROPS else {}
    return strawberry.mutation(resolver=_signed(resolve, Relationship, **ENDS, **extra),
                               name=f"link{type_name(type_)}", permission_classes=[IsSteward],
                               description=f"Add a {type_.value} relationship, or change its properties.")


def _unlink(type_: RelType) -> Any:
    async def resolve(info: strawberry.Info, origin: strawberry.ID, destination: strawberry.ID) -> Relationship:
        return Relationship.of(await run(info, curation.unlink, type_, str(origin), str(destination),
                                         info.context.principal.name))
    return strawberry.mutation(resolver=_signed(resolve, Relationship, **ENDS),
                               name=f"unlink{type_name(type_)}", permission_classes=[IsSteward],
                               description=f"Remove a {type_.value} relationship.")


INPUTS: dict[Label, type] = {
    label: _input_type(f"{label.value}Input", f"A new {label.value}: the keys of its catalog-file mapping.",
                       node_fields(label))
    for label in Label}
PATCHES: dict[Label, type] = {
    label: _input_type(f"{label.value}Patch", f"The fields of a {label.value} to change; null removes one.",
                       {k: v for k, v in node_fields(label).items() if k != "id"}, patch=True)
    for label in Label}


def _typed_mutations() -> type:
    namespace: dict[str, Any] = {"__module__": __name__}
    for label in Label:
        namespace[f"create_{label.name.lower()}"] = _create(label)
        namespace[f"update_{label.name.lower()}"] = _update(label)
        namespace[f"delete_{label.name.lower()}"] = _delete(label)
    for type_ in RelType:
        if any(spec.type == type_ for specs in RELATIONS.values() for spec in specs):
            namespace[f"link_{type_.name.lower()}"] = _link(type_)
            namespace[f"unlink_{type_.name.lower()}"] = _unlink(type_)
    return strawberry.type(type("TypedMutation", (), namespace))


TypedMutation = _typed_mutations()
