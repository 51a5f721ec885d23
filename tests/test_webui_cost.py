"""Every query the web UI sends fits the cost budget of the least role that sends it.

The budgets bound the work a query may ask for (api/graphql/limits.py); a view whose
query costs more than its reader's budget answers only a VALIDATION error. The web UI's
operations are read from its sources, so a view that grows past the budget fails here."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import OperationDefinitionNode, OperationType, parse

from api.auth import Role
from api.graphql.cost import query_cost
from api.graphql.limits import BUDGETS
from api.graphql.schema import build_schema

QUERIES = Path(__file__).resolve().parent.parent / "ui" / "src" / "queries"
SCHEMA = build_schema()._schema
# Curation's reads come before a STEWARD's forms; every other view is for readers.
STEWARD_ONLY = {"curation.graphql"}


def _operations() -> list[tuple[str, str]]:
    found = []
    for path in sorted(QUERIES.glob("*.graphql")):
        for definition in parse(path.read_text()).definitions:
            if isinstance(definition, OperationDefinitionNode) and definition.operation == OperationType.QUERY:
                assert definition.name is not None, f"{path.name}: every operation of the UI has a name"
                found.append((path.name, definition.name.value))
    return found


def test_the_ui_has_queries_to_check() -> None:
    assert {"Deadlines", "Findings", "NodePage"} <= {name for _, name in _operations()}


@pytest.mark.parametrize(("file", "operation"), _operations())
def test_each_ui_query_fits_its_readers_budget(file: str, operation: str) -> None:
    role = Role.STEWARD if file in STEWARD_ONLY else Role.VIEWER
    document = parse((QUERIES / file).read_text())
    cost = query_cost(SCHEMA, document, operation, {})
    assert cost <= BUDGETS[role], f"{file} {operation} costs {cost}, over the {role.name} budget of {BUDGETS[role]}"
