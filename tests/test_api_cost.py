"""The query cost limit: how a document is priced, the budget of each role, and the page
sizes that bound every list the answer can hold."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import GraphQLList, GraphQLNonNull, get_named_type, is_composite_type, parse

from api.auth import Role
from api.graphql.cost import query_cost
from api.graphql.limits import (
    BUDGETS,
    CATALOG_COST,
    LINKS_PAGE,
    MAX_PAGE,
    MAX_ROWS,
    REACH_PAGE,
    ROWS_PAGE,
    SIZE,
    WALK_COST,
)
from api.graphql.schema import build_schema
from graph.store import Store

from .api_support import Api, make_api

SCHEMA = build_schema()
ROLES = [Role.PUBLIC, Role.VIEWER, Role.STEWARD, Role.ADMIN]


@pytest.fixture
def api(store: Store) -> Api:
    return make_api(store)


def cost(document: str, **variables: Any) -> int:
    return query_cost(SCHEMA._schema, parse(document), None, variables)


def test_a_list_multiplies_what_is_under_it_by_its_page() -> None:
    # elements: 1 + nodes: 3 x (1 + id 1 + heldBy: 4 x (1 + id 1 + name 1))
    assert cost("{ elements(first: 3) { nodes { id heldBy(first: 4) { id name } } } }") == 1 + 3 * (2 + 4 * 3)
    # A relationship list without `first` counts its default page.
    assert cost('{ node(id: "sis") { ... on System { elements { id } } } }') == 1 + LINKS_PAGE * 2
    # Lists nest: each level multiplies.
    assert cost("{ elements(first: 2) { nodes { heldBy(first: 3) { elements(first: 4) { id } } } } }") == \
        1 + 2 * (1 + 3 * (1 + 4 * 2))


def test_fragments_inline_fragments_and_directives_are_counted_as_execution_follows_them() -> None:
    plain = "{ elements(first: 3) { nodes { id heldBy(first: 4) { id name } } } }"
    named = "{ elements(first: 3) { nodes { ...E } } } fragment E on DataElement { id heldBy(first: 4) { ...S } } " \
            "fragment S on System { id name }"
    assert cost(named) == cost(plain)
    # A field that may be one of several types costs what the dearest of them costs.
    assert cost('{ node(id: "x") { ... on System { elements(first: 2) { id } } '
                "... on DataElement { heldBy(first: 5) { id } } } }") == 1 + 5 * 2
    assert cost('{ node(id: "x") { ... on Node { id } } }') == 1 + 1
    skipped = "query($s: Boolean!) { elements(first: 3) { nodes @include(if: $s) { id } } }"
    assert (cost(skipped, s=False), cost(skipped, s=True)) == (1, 1 + 3 * 2)
    # Two fields under one response key merge into one, as in the answer.
    assert cost("{ a: elements(first: 2) { nodes { id } } a: elements(first: 2) { nodes { name } } }") == 1 + 2 * 3


def test_variables_and_their_defaults_are_resolved() -> None:
    query = "query($n: Int!) { elements(first: $n) { nodes { id } } }"
    assert (cost(query, n=7), cost(query, n=400)) == (1 + 7 * 2, 1 + 400 * 2)
    assert cost("query($n: Int = 9) { elements(first: $n) { nodes { id } } }") == 1 + 9 * 2


def test_analyses_cost_their_work_and_their_bounded_rows() -> None:
    assert cost("{ deadlines(first: 2) { system element } }") == CATALOG_COST + 2 * 3
    assert cost("{ findings { rule } }") == CATALOG_COST + ROWS_PAGE * 2
    # A lineage path, and a system's chain, hold at most `depth` hops; a page of paths is an object.
    assert cost('{ lineage(id: "x", depth: 3) { paths(first: 2) { nodes { hops { flow } } } } }') == \
        WALK_COST + 1 + 1 + 2 * (1 + 3 * 2)
    assert cost('{ lineage(id: "x", depth: 4) { systems(first: 5) { nodes { id chain { flow } } } '
                'flows { totalCount nodes { flow } } } }') == \
        WALK_COST + 1 + 1 + 5 * (1 + 1 + 4 * 2) + 1 + 1 + REACH_PAGE * 2
    assert cost("{ __schema { types { name fields { name } } } __typename }") == 0


def _object_fields() -> list[tuple[str, str, Any]]:
    return [(type_.name, name, field) for type_ in SCHEMA._schema.type_map.values()
            if not type_.name.startswith("__") and is_composite_type(type_) and hasattr(type_, "fields")
            for name, field in type_.fields.items()]


def _bounded_above(type_name: str, argument: str, seen: frozenset[str] = frozenset()) -> bool:
    """Whether every way to reach `type_name` passes a field with that argument."""
    incoming = [(owner, field) for owner, _, field in _object_fields() if get_named_type(field.type).name == type_name]
    return bool(incoming) and type_name not in seen and all(
        argument in field.args or _bounded_above(owner, argument, seen | {type_name}) for owner, field in incoming)


def test_every_list_of_objects_in_the_schema_has_a_bound() -> None:
    """A new list field must say how long it can be, or the cost limit would guess."""
    unbounded = []
    for owner, name, field in _object_fields():
        inner = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
        if not isinstance(inner, GraphQLList) or not is_composite_type(get_named_type(inner)):
            continue
        size = getattr(field.extensions.get("strawberry-definition"), "metadata", {}).get(SIZE)
        by_argument = isinstance(size, str) and (size in field.args or _bounded_above(owner, size))
        if not (isinstance(size, int) or by_argument):
            unbounded.append(f"{owner}.{name}")
    assert unbounded == []


def test_a_nested_list_bomb_is_refused_before_anything_runs(api: Api) -> None:
    query = "{ elements(first: 1) { nodes { heldBy { elements { heldBy { id } } } } } }"
    before = api.store.round_trips  # type: ignore[attr-defined]
    body = api.run(query, Role.PUBLIC)
    assert api.store.round_trips == before  # type: ignore[attr-defined]
    error, = body["errors"]
    expected, limit = cost(query), BUDGETS[Role.PUBLIC]
    assert body["data"] is None and expected > limit
    assert error["extensions"] == {"code": "VALIDATION", "cost": expected, "limit": limit}
    assert f"{expected:,}" in error["message"] and f"{limit:,}" in error["message"]


def test_a_query_sent_again_is_priced_again_and_only_valid_texts_are_remembered(api: Api) -> None:
    from api.graphql import known

    query = "query($n: Int!, $h: Int!) { elements(first: $n) { nodes { id heldBy(first: $h) { id } } } }"
    small = api.run(query, Role.VIEWER, {"n": 2, "h": 2})
    assert not small.get("errors") and len(small["data"]["elements"]["nodes"]) == 2
    # The same text, now known valid, with variables that make it cost too much.
    big = api.run(query, Role.VIEWER, {"n": MAX_PAGE, "h": MAX_PAGE})
    assert cost(query, n=MAX_PAGE, h=MAX_PAGE) > BUDGETS[Role.VIEWER]
    assert big["data"] is None and big["errors"][0]["extensions"]["code"] == "VALIDATION"
    assert big["errors"][0]["extensions"]["limit"] == BUDGETS[Role.VIEWER]
    assert any(key[1] == query for key in known.KnownQueries._valid)
    # An invalid text is refused each time it is sent, and never remembered.
    bad = "{ elements { nodes { nope } } }"
    for _ in range(2):
        assert api.error(bad, Role.PUBLIC)["extensions"]["code"] == "VALIDATION"
    unparsable = "{ elements { nodes { id } }"
    for _ in range(2):
        assert api.error(unparsable, Role.PUBLIC)["extensions"]["code"] == "VALIDATION"
    assert not any(key[1] in (bad, unparsable) for key in known.KnownQueries._valid)
    # However many texts are sent, as many as KNOWN are remembered.
    for i in range(known.KNOWN + 10):
        api.run(f"{{ a{i}: elements(first: 1) {{ totalCount }} }}", Role.PUBLIC)
    assert len(known.KnownQueries._valid) == known.KNOWN and known._parsed.cache_info().currsize <= known.KNOWN


def _near(budget: int) -> str:
    """A document that costs a little less than `budget`."""
    held = (budget - 1) // (2 * MAX_PAGE) - 1
    return f"{{ elements(first: {MAX_PAGE}) {{ nodes {{ id heldBy(first: {held}) {{ id }} }} }} }}"


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.name)
def test_each_role_has_its_budget(api: Api, role: Role) -> None:
    assert [BUDGETS[r] for r in ROLES] == sorted(BUDGETS.values()) and len(set(BUDGETS.values())) == 4
    for other in ROLES:
        query = _near(BUDGETS[other])
        assert BUDGETS[other] * 0.9 < cost(query) <= BUDGETS[other]
        body = api.run(query, role)
        if role >= other:
            assert not body.get("errors"), body["errors"]
        else:
            assert body["errors"][0]["extensions"]["limit"] == BUDGETS[role]


def test_relationship_lists_take_a_page(api: Api) -> None:
    query = 'query($n: Int!) { node(id: "student-birth-date") { ... on DataElement { heldBy(first: $n) { id } ' \
            "holdings(first: $n) { system { id } } } } }"
    node = api.data(query, n=2)["node"]
    assert node["heldBy"] == [{"id": "acme-app"}, {"id": "sis"}]
    assert node["holdings"] == [{"system": {"id": "acme-app"}}, {"system": {"id": "sis"}}]
    assert len(api.data(query, n=MAX_PAGE)["node"]["heldBy"]) == 3
    for wrong in (0, MAX_PAGE + 1):
        assert api.error(query, n=wrong)["extensions"] == {"code": "VALIDATION", "field": "first"}


def test_the_lists_of_the_analyses_take_a_page(api: Api) -> None:
    data = api.data('{ deadlines(asOf: "2026-09-01", first: 1) { system } findings(asOf: "2026-09-01", first: 2) '
                    '{ rule } lineage(id: "sis") { systems(first: 2) { totalCount nodes { id } hasNextPage endCursor } '
                    'flows(first: 1) { totalCount nodes { flow } } '
                    'paths(first: 1) { nodes { hops { flow } } hasNextPage endCursor } } '
                    'search(text: "e", first: 2) { id } }')
    assert (len(data["deadlines"]), len(data["findings"]), len(data["search"])) == (1, 2, 2)
    lineage = data["lineage"]
    assert (lineage["systems"]["totalCount"], lineage["flows"]["totalCount"]) == (3, 2)
    assert [n["id"] for n in lineage["systems"]["nodes"]] == ["sis", "acme-app"] and lineage["systems"]["hasNextPage"]
    assert lineage["flows"]["nodes"] == [{"flow": "sis-to-acme"}]
    assert len(lineage["paths"]["nodes"]) == 1 and lineage["paths"]["hasNextPage"]
    rest = api.data('query($systems: String, $paths: String) { lineage(id: "sis") { '
                    'systems(first: 2, after: $systems) { nodes { id } hasNextPage } '
                    'paths(first: 5, after: $paths) { nodes { hops { flow } } hasNextPage } } }',
                    systems=lineage["systems"]["endCursor"], paths=lineage["paths"]["endCursor"])["lineage"]
    assert rest["systems"] == {"nodes": [{"id": "state-warehouse"}], "hasNextPage": False}
    assert rest["paths"]["nodes"] == [{"hops": [{"flow": "sis-to-state"}]}] and not rest["paths"]["hasNextPage"]
    assert api.error('{ lineage(id: "sis") { paths(after: "nope") { hasNextPage } } }')["extensions"] == {
        "code": "VALIDATION", "field": "after"}
    for query in ('{ deadlines(first: 0) { system } }', f'{{ findings(first: {MAX_ROWS + 1}) {{ rule }} }}',
                  f'{{ changes(first: {MAX_ROWS + 1}) {{ seq }} }}', '{ search(text: "e", first: -1) { id } }',
                  '{ lineage(id: "sis") { paths(first: 0) { hasNextPage } } }',
                  '{ lineage(id: "sis") { systems(first: 501) { id } } }'):
        assert api.error(query)["extensions"]["code"] == "VALIDATION", query
