"""The schema: Query and Mutation, the node types, and the protective limits."""

from __future__ import annotations

from collections.abc import Iterator

import strawberry
from graphql import ASTValidationRule, GraphQLError
from strawberry.extensions import AddValidationRules, MaskErrors, MaxTokensLimiter, SchemaExtension
from strawberry.extensions.max_aliases import create_validator as aliases_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule
from strawberry.tools import merge_types

from api.graphql.cost import CostLimiter
from api.graphql.known import KnownQueries
from api.graphql.limits import MAX_ALIASES, MAX_DEPTH, MAX_TOKENS
from api.graphql.mutation import Mutation
from api.graphql.nodes import TYPES
from api.graphql.query import Query
from api.graphql.scalars import CONFIG
from api.graphql.typed import TypedMutation
from api.graphql.value_errors import NamedValueErrors

MASKED = "internal error"


def _should_mask(error: GraphQLError) -> bool:
    """Errors we raised on purpose carry a code; anything else (a bug, a driver error)
    is masked so that no stack trace, query or Cypher ever reaches a client."""
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return False
    return not (error.extensions or {}).get("code")


class ErrorCodes(SchemaExtension):
    """Every error leaves with a machine-readable code. Ours carry one and masked ones
    get INTERNAL; the rest are about the document itself (a syntax error, an unknown
    field, a value outside its enum, a limit exceeded), so VALIDATION. It must be listed
    before Masked: extensions finish in reverse order, and an error given a code before
    masking would no longer be masked."""

    def on_operation(self) -> Iterator[None]:
        yield
        for error in getattr(self.execution_context.result, "errors", None) or []:
            if not (error.extensions or {}).get("code"):
                error.extensions = {**(error.extensions or {}), "code": "VALIDATION"}


class Masked(MaskErrors):
    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        masked = super().anonymise_error(error)
        masked.extensions = {"code": "INTERNAL"}
        return masked


# The rules on a document's depth and aliases, made once: Strawberry's QueryDepthLimiter
# and MaxAliasesLimiter make their rule classes anew for every request they are made for.
SHAPE_RULES: list[type[ASTValidationRule]] = [depth_rule(MAX_DEPTH, None), aliases_rule(MAX_ALIASES)]


class ShapeLimits(AddValidationRules):
    """A document deeper than MAX_DEPTH, or with more than MAX_ALIASES aliases, is refused."""

    def __init__(self) -> None:
        super().__init__(SHAPE_RULES)


def build_schema() -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        mutation=merge_types("Mutation", (Mutation, TypedMutation)),
        types=list(TYPES.values()),
        config=CONFIG,
        extensions=[
            ErrorCodes,
            NamedValueErrors,
            KnownQueries,
            ShapeLimits,
            lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
            CostLimiter,
            lambda: Masked(should_mask_error=_should_mask, error_message=MASKED),
        ],
    )


schema = build_schema()
