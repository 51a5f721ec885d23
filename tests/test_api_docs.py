"""Every GraphQL example of docs/api.md runs without error on the example district."""

from __future__ import annotations

import re

import pytest

from api.auth import Role
from graph.store import Store

from .api_support import make_api
from .conftest import ROOT, SEEDS

EXAMPLES = re.findall(r"```graphql\n(.*?)```", (ROOT / "docs" / "api.md").read_text(), re.S)


def example_of(field: str) -> str:
    """The page's first example that asks for `field`."""
    return next(e for e in EXAMPLES if re.match(rf"\s*(mutation\s*)?{{\s*{field}\(", e))


def test_the_page_has_an_example_per_task() -> None:
    assert len(EXAMPLES) >= 5


def test_every_example_runs(store: Store) -> None:
    api = make_api(store, paths=[SEEDS])
    for example in EXAMPLES:
        data = api.data(example, Role.STEWARD)
        assert data and all(value is not None for value in data.values()), example
    lineage = api.data(example_of("lineage"), Role.VIEWER)["lineage"]
    assert lineage["paths"]["nodes"] and "schoolcall-messaging" in lineage["organizations"]
    assert {"id": "warehouse", "operator": "district", "distance": 1, "chain": [{"flow": "sis-to-warehouse-nightly"}]} \
        in lineage["systems"]["nodes"]
    due = api.data(example_of("deadlines"), Role.VIEWER)["deadlines"]
    assert {d["status"] for d in due} == {"DUE", "OVERDUE"}


@pytest.mark.parametrize("index", range(len(EXAMPLES)))
def test_examples_parse_against_the_schema(index: int) -> None:
    from graphql import parse, validate

    from api.graphql.schema import build_schema

    assert validate(build_schema()._schema, parse(EXAMPLES[index])) == []
