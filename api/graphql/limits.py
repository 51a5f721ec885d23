"""Every limit that keeps one request from taking the server down, in one place: the
shape of a document (depth, aliases, tokens), the pages of its lists, and what a query
may cost for each role (see `api.graphql.cost` for how the cost is counted)."""

from __future__ import annotations

import base64
from typing import Any

from graphql import GraphQLError

from api.auth import Role

MAX_DEPTH = 12
MAX_ALIASES = 30
MAX_TOKENS = 4000

MAX_PAGE = 500
"""The largest `first` of a list of nodes: the top-level lists, relationship lists, search."""
LINKS_PAGE = 100
"""A relationship list's page when `first` is not given: more than any node of the example
district has of one relationship, so that nothing is cut short there."""
MAX_ROWS = 5000
"""The largest `first` of an analysis's flat rows: deadlines, findings, the audit trail."""
ROWS_PAGE = 500
"""Their page when `first` is not given."""
PATHS_PAGE = 20
"""Lineage paths listed when `first` is not given."""
REACH_PAGE = 100
"""Lineage's systems and flows listed when `first` is not given."""

CATALOG_COST = 5_000
"""What an analysis of the whole catalog costs besides its answer (deadlines, findings,
the scorecard): a tenth of a second on the example district, as long as a few thousand
objects in an answer take."""
WALK_COST = 500
"""What a walk from one node (lineage, responsibility, blast radius) or a search costs."""
BUDGETS: dict[Role, int] = {
    Role.PUBLIC: 10_000,
    Role.VIEWER: 50_000,
    Role.STEWARD: 100_000,
    Role.ADMIN: 200_000,
}
"""The highest cost of one query, per role: anonymous clients get the smallest."""


def bad_input(message: str, field: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": "VALIDATION", "field": field})


def page_size(first: int, maximum: int = MAX_PAGE) -> int:
    """`first` when it is a page this API serves, else a VALIDATION error."""
    if not 0 < first <= maximum:
        raise bad_input(f"first must be between 1 and {maximum}", "first")
    return first


def offset_of(after: str | None) -> int:
    """Where a page starts: just past the cursor `after` of the page before it."""
    return _cursor(after)[0] if after else 0


def continuation_of(after: str | None) -> str | None:
    """The token of the answer the page before came from, if its cursor carries one."""
    return _cursor(after)[1] if after else None


def _cursor(after: str) -> tuple[int, str | None]:
    try:
        offset, _, token = base64.urlsafe_b64decode(after.encode()).decode().removeprefix("offset:").partition(":")
        return int(offset), token or None
    except ValueError:
        raise bad_input("not a cursor returned by this API", "after") from None


def cursor_at(offset: int, continuation: str | None = None) -> str:
    """A page's cursor: where the next one starts, and the token of the answer it was cut
    from (`graph.results.Continuations`), if kept."""
    text = f"offset:{offset}" + (f":{continuation}" if continuation else "")
    return base64.urlsafe_b64encode(text.encode()).decode()


SIZE = "steward.size"
COST = "steward.cost"


def priced(size: int | str | None = None, work: int = 0) -> dict[str, Any]:
    """Field metadata for the cost of a query. `size` bounds a list: the most items it can
    hold, or the name of the argument that bounds it (the field's own, or that of the
    nearest field above it that has one, as a connection's `first` bounds its `nodes`).
    `work` is what the field's own work costs besides its answer."""
    return {SIZE: size, COST: work}
