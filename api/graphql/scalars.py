"""The Date scalar: an ISO 8601 calendar date, `YYYY-MM-DD`, for every date the API
reads or writes. Only that form is taken: the basic (`20260630`), week and ordinal forms
that Python also parses would read as typos on a form, so they are refused."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.schema.config import StrawberryConfig
from strawberry.types.scalar import ScalarDefinition

from catalog.source import excerpt

_CALENDAR_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_calendar_date(value: Any) -> date:
    """The date `value` writes, or a GraphQLError saying what was expected (graphql-core
    reports it with the value's location, and the field is named where it is reported)."""
    if isinstance(value, str) and _CALENDAR_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise GraphQLError(f"expected a calendar date as YYYY-MM-DD (ISO 8601), such as 2026-06-30, got {excerpt(value)}")


def _serialize(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else parse_calendar_date(value).isoformat()


DATE: ScalarDefinition = strawberry.scalar(
    name="Date", description="An ISO 8601 calendar date: YYYY-MM-DD, such as 2026-06-30.",
    serialize=_serialize, parse_value=parse_calendar_date)

CONFIG = StrawberryConfig(scalar_map={date: DATE})
