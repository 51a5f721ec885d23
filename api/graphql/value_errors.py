"""A value of the wrong kind (a bad date, a value outside its enum) is refused before
anything runs, as graphql-core refuses it, and the error names where it is: `field` is
the argument and the path inside it (`asOf`, `input.expiresOn`, `patch.holds[0].since`),
or, for a value sent in a variable, the variable and the path inside that."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    ArgumentNode,
    DocumentNode,
    GraphQLError,
    GraphQLInputType,
    GraphQLSchema,
    ValueNode,
    VariableDefinitionNode,
    type_from_ast,
)
from graphql.language import SKIP, VisitorAction
from graphql.pyutils import Undefined
from graphql.utilities.validate_input_value import validate_input_literal, validate_input_value
from graphql.validation import ValuesOfCorrectTypeRule
from strawberry.extensions import SchemaExtension

VALIDATION = "VALIDATION"


def path_name(root: str, path: list[str | int]) -> str:
    return root + "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in path)


class ValuesNamingTheirField(ValuesOfCorrectTypeRule):
    """graphql-core's own rule, which knows the path of each bad value and drops it,
    reporting the same errors with the path kept."""

    def __init__(self, context: Any) -> None:
        super().__init__(context)
        self.root = ""

    def enter_argument(self, node: ArgumentNode, *_args: Any) -> None:
        self.root = node.name.value

    def enter_variable_definition(self, node: VariableDefinitionNode, *_args: Any) -> None:
        self.root = node.variable.name.value  # its default value

    def is_valid_value_node(self, node: ValueNode, input_type: GraphQLInputType | None) -> VisitorAction:
        if input_type:
            def on_error(error: GraphQLError, path: list[str | int]) -> None:
                self.report_error(GraphQLError(
                    error.message, error.nodes or node, original_error=error.original_error,
                    extensions={"code": VALIDATION, "field": path_name(self.root, path)}))

            validate_input_literal(node, input_type, on_error, None, None, self.context.hide_suggestions)
        return SKIP


def variable_field(schema: GraphQLSchema, definition: VariableDefinitionNode,
                   variables: Mapping[str, Any]) -> str:
    """Where in a variable its first bad value is (graphql-core's message says it in
    words; this says it as a path)."""
    name = definition.variable.name.value
    type_ = type_from_ast(schema, definition.type)
    paths: list[list[str | int]] = []
    if type_ is not None:
        validate_input_value(variables.get(name, Undefined), type_,  # type: ignore[arg-type]
                             lambda _error, path: paths.append(path))
    return path_name(name, paths[0] if paths else [])


class NamedValueErrors(SchemaExtension):
    """Puts `ValuesNamingTheirField` in the place of graphql-core's rule, and names the
    field of each variable that could not be read."""

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        context.validation_rules = tuple(ValuesNamingTheirField if rule is ValuesOfCorrectTypeRule else rule
                                         for rule in context.validation_rules)
        yield
        document: DocumentNode | None = context.graphql_document
        for error in getattr(context.result, "errors", None) or []:
            node = (error.nodes or [None])[0]
            if document is not None and isinstance(node, VariableDefinitionNode) \
                    and "field" not in (error.extensions or {}):
                field = variable_field(context.schema._schema, node, context.variables or {})
                error.extensions = {**(error.extensions or {}), "code": VALIDATION, "field": field}
