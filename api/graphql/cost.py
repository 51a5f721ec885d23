"""What a query costs, counted from its document before any resolver runs.

Every field in the answer costs 1, so the cost bounds the size of the answer. A list of
objects multiplies the cost of each by the most items it can hold: its page size
(`first`, as given, from a variable, or its default) or a fixed bound declared on the
field (`limits.priced`); a list of scalars costs 1. A field may add the cost of its own
work (an analysis reads the whole catalog). Fragments,
inline fragments and `@skip`/`@include` are followed as execution follows them; where a
field may return several types, the dearest counts. Nested lists multiply, so a document
of a hundred bytes can cost more than the server could ever answer, and is refused."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from graphql import (
    BooleanValueNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLBoolean,
    GraphQLError,
    GraphQLField,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    NamedTypeNode,
    OperationDefinitionNode,
    SelectionNode,
    SelectionSetNode,
    Undefined,
    get_named_type,
    get_nullable_type,
    get_operation_ast,
    is_abstract_type,
    is_leaf_type,
    is_list_type,
    type_from_ast,
    value_from_ast,
)
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema_converter import GraphQLCoreConverter

from api.auth import Role
from api.graphql.limits import BUDGETS, COST, MAX_ROWS, SIZE

Scope = tuple[tuple[str, int], ...]


class Pricer:
    """The cost of one operation of a document, with its variables."""

    def __init__(self, schema: GraphQLSchema, document: DocumentNode, variables: Mapping[str, Any]) -> None:
        self.schema = schema
        self.fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        self.variables = dict(variables)
        # The same fragment under many fields is priced once per type and bounds.
        self.memo: dict[tuple[str, tuple[int, ...], Scope], int] = {}

    def operation(self, operation: OperationDefinitionNode) -> int:
        for definition in operation.variable_definitions or ():
            name = definition.variable.name.value
            if name not in self.variables and definition.default_value is not None:
                type_ = type_from_ast(self.schema, definition.type)
                self.variables[name] = value_from_ast(definition.default_value, type_)  # type: ignore[arg-type]
        root = self.schema.get_root_type(operation.operation)
        return self._selections(root, [operation.selection_set], ()) if root else 0

    def _selections(self, parent: GraphQLObjectType, sets: list[SelectionSetNode], scope: Scope) -> int:
        key = (parent.name, tuple(id(s) for s in sets), scope)
        if key not in self.memo:
            fields: dict[str, list[FieldNode]] = {}
            for selection_set in sets:
                self._collect(parent, selection_set.selections, fields, set())
            self.memo[key] = sum(self._field(parent, nodes, scope) for nodes in fields.values())
        return self.memo[key]

    def _field(self, parent: GraphQLObjectType, nodes: list[FieldNode], scope: Scope) -> int:
        name = nodes[0].name.value
        if name.startswith("__"):
            # Introspection reads the schema in memory, and graphql-core's
            # MaxIntrospectionDepthRule already bounds how deep it may go.
            return 0
        field = parent.fields[name]
        named = get_named_type(field.type)
        if is_leaf_type(named):
            return 1
        scope = self._scope(field, nodes[0], scope)
        size, own = self._size(field, scope), _metadata(field).get(COST, 0)
        runtime = self.schema.get_possible_types(named) if is_abstract_type(named) else [named]
        sets = [n.selection_set for n in nodes if n.selection_set]
        under = max((self._selections(t, sets, scope) for t in runtime), default=0)
        return int(own) + size * (1 + under)

    def _scope(self, field: GraphQLField, node: FieldNode, scope: Scope) -> Scope:
        """The integer arguments in force: the field's own, over those of the fields above."""
        given = {a.name.value: a.value for a in node.arguments or ()}
        values = dict(scope)
        for name, argument in field.args.items():
            value = value_from_ast(given[name], argument.type, self.variables) if name in given else Undefined
            if value is Undefined or value is None:
                value = argument.default_value
            if isinstance(value, int) and not isinstance(value, bool):
                values[name] = value
        return tuple(sorted(values.items()))

    @staticmethod
    def _size(field: GraphQLField, scope: Scope) -> int:
        if not is_list_type(get_nullable_type(field.type)):
            return 1
        declared = _metadata(field).get(SIZE)
        if isinstance(declared, str):
            declared = dict(scope).get(declared)
        # An undeclared list counts as the largest a list may be; a page below 1 is
        # refused by its resolver, but must not make what is under it free here.
        return max(1, declared) if isinstance(declared, int) else MAX_ROWS

    def _collect(self, parent: GraphQLObjectType, selections: Iterable[SelectionNode],
                 fields: dict[str, list[FieldNode]], spread: set[str]) -> None:
        """Fields by response key, as execution collects them (graphql-core's
        `collect_fields` is internal, and its signature changes between versions)."""
        for selection in selections:
            if not self._included(selection):
                continue
            if isinstance(selection, FieldNode):
                key = (selection.alias or selection.name).value
                fields.setdefault(key, []).append(selection)
            elif isinstance(selection, InlineFragmentNode):
                if self._applies(selection.type_condition, parent):
                    self._collect(parent, selection.selection_set.selections, fields, spread)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments.get(selection.name.value)
                if fragment and fragment.name.value not in spread and self._applies(fragment.type_condition, parent):
                    spread.add(fragment.name.value)
                    self._collect(parent, fragment.selection_set.selections, fields, spread)

    def _included(self, selection: SelectionNode) -> bool:
        for directive in selection.directives or ():
            name = directive.name.value
            if name not in ("skip", "include"):
                continue
            condition = next((a.value for a in directive.arguments or () if a.name.value == "if"),
                             BooleanValueNode(value=True))
            if value_from_ast(condition, GraphQLBoolean, self.variables) is (name == "skip"):
                return False
        return True

    def _applies(self, condition: NamedTypeNode | None, runtime: GraphQLObjectType) -> bool:
        if condition is None:
            return True
        wanted = self.schema.get_type(condition.name.value)
        if wanted is runtime:
            return True
        return is_abstract_type(wanted) and self.schema.is_sub_type(wanted, runtime)


def _metadata(field: GraphQLField) -> Mapping[str, Any]:
    definition = (field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    return getattr(definition, "metadata", None) or {}


def query_cost(schema: GraphQLSchema, document: DocumentNode, operation_name: str | None = None,
               variables: Mapping[str, Any] | None = None) -> int:
    operation = get_operation_ast(document, operation_name)
    return Pricer(schema, document, variables or {}).operation(operation) if operation else 0


class CostLimiter(SchemaExtension):
    """Refuses a query that costs more than the caller's role allows, before any
    resolver runs, with a VALIDATION error that says what it cost."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None:
            role = getattr(getattr(context.context, "principal", None), "role", Role.PUBLIC)
            limit = BUDGETS[role]
            cost = query_cost(context.schema._schema, document, context.operation_name, context.variables)
            if cost > limit:
                raise GraphQLError(f"the query costs {cost:,}, over the limit of {limit:,} for {role.name}; "
                                   "ask for smaller pages (first) or fewer nested lists",
                                   extensions={"code": "VALIDATION", "cost": cost, "limit": limit})
        yield
