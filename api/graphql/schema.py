"""The schema: Query and Mutation, the node types, and the protective limits."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors, MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter

from api.graphql.mutation import Mutation
from api.graphql.nodes import TYPES
from api.graphql.query import Query

MAX_DEPTH = 12
MAX_ALIASES = 30
MAX_TOKENS = 4000


def _should_mask(error: GraphQLError) -> bool:
    """Errors we raised on purpose carry a code; anything else (a bug, a driver error)
    is masked so that no stack trace, query or Cypher ever reaches a client."""
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return False
    return not (error.extensions or {}).get("code")


def build_schema() -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        types=list(TYPES.values()),
        extensions=[
            lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
            lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
            lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
            lambda: MaskErrors(should_mask_error=_should_mask, error_message="internal error"),
        ],
    )


schema = build_schema()
