"""What an anonymous (PUBLIC) client can learn from the list filters: nothing about a
node it may not see. A filter naming a hidden node answers exactly as one naming an id
that does not exist, for every filter argument of every list field, found from the
schema so that a filter added later is covered too."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from graphql import GraphQLNamedType, GraphQLNonNull, GraphQLObjectType, GraphQLScalarType

from api.app import Settings
from api.auth import Role
from api.graphql.schema import build_schema
from catalog import visibility
from graph.store import Store

from .api_support import Api, make_api
from .conftest import BACKENDS, SEEDS, open_test_store

MADE_UP = "no-such-node-anywhere"
ALIASES_PER_REQUEST = 25


def _named(type_: Any) -> GraphQLNamedType:
    while hasattr(type_, "of_type"):
        type_ = type_.of_type
    return type_  # type: ignore[no-any-return]


def id_filters() -> list[tuple[str, str]]:
    """(list field, argument) for every text argument of every paginated list of Query:
    each may name a node (or a vocabulary word, which must not tell ids apart either)."""
    query = build_schema()._schema.query_type
    assert query is not None
    found = []
    for name, field in query.fields.items():
        returned = _named(field.type)
        if not (isinstance(returned, GraphQLObjectType) and "totalCount" in returned.fields):
            continue
        for arg_name, arg in field.args.items():
            type_ = arg.type.of_type if isinstance(arg.type, GraphQLNonNull) else arg.type
            if isinstance(type_, GraphQLScalarType) and type_.name in ("String", "ID") and arg_name != "after":
                found.append((name, arg_name))
    return sorted(found)


FILTERS = id_filters()


@pytest.fixture(scope="module", params=[pytest.param(b, marks=[pytest.mark.neo4j] if b == "neo4j" else [])
                                        for b in BACKENDS])
def api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    """The example district on each backend, loaded once: these tests only read."""
    store = open_test_store(request.param, tmp_path_factory.mktemp("public-store"))
    # Thousands of requests from one client: far above the production rate limit.
    yield make_api(store, Settings(rate_per_minute=1_000_000), paths=[SEEDS])
    store.close()


def hidden_ids(store: Store) -> list[str]:
    return sorted(n.id for n in store.find_nodes() if not visibility.is_public(n))


def answers(api: Api, field: str, arg: str, ids: list[str], role: Role) -> dict[str, str]:
    """What each id answers when given to `field(arg: id)`, with the id itself blanked
    out of messages, as canonical JSON text."""
    result: dict[str, str] = {}
    for start in range(0, len(ids), ALIASES_PER_REQUEST):
        chunk = ids[start:start + ALIASES_PER_REQUEST]
        body = _ask(api, field, arg, chunk, role)
        if body.get("data") is None and len(chunk) > 1:
            # One failed field nulls the whole answer (the lists are non-null): ask one by one.
            for value in chunk:
                result |= answers(api, field, arg, [value], role)
            continue
        for i, value in enumerate(chunk):
            errors = [{"message": e["message"].replace(value, "<id>"), "code": e.get("extensions", {}).get("code")}
                      for e in body.get("errors") or [] if e.get("path", [None])[0] == f"a{i}"]
            data = (body.get("data") or {}).get(f"a{i}")
            result[value] = json.dumps({"data": data, "errors": errors}, sort_keys=True)
    return result


def _ask(api: Api, field: str, arg: str, ids: list[str], role: Role) -> dict[str, Any]:
    parts = [f'a{i}: {field}({arg}: {json.dumps(value)}, first: 5) {{ totalCount nodes {{ id }} }}'
             for i, value in enumerate(ids)]
    return api.run("{ " + " ".join(parts) + " }", role)


def test_every_list_filter_is_found() -> None:
    # The generated list is what the next test walks: it must hold the filters that
    # leaked, and grow when the schema does.
    assert {("systems", "holds"), ("flows", "carries"), ("elements", "heldBy"), ("agreements", "provider"),
            ("people", "role")} <= set(FILTERS)


@pytest.mark.parametrize(("field", "arg"), FILTERS, ids=[f"{f}.{a}" for f, a in FILTERS])
def test_a_hidden_id_answers_as_a_made_up_one(api: Api, field: str, arg: str) -> None:
    hidden = hidden_ids(api.store)
    assert "staff-salary" in hidden and "hr-system" not in hidden
    got = answers(api, field, arg, [MADE_UP, *hidden], Role.PUBLIC)
    baseline = got.pop(MADE_UP)
    differ = sorted(i for i, text in got.items() if text != baseline)
    assert not differ, f"PUBLIC can tell these hidden ids from a made-up one through {field}({arg}:): {differ[:10]}"


def test_the_same_filters_do_tell_a_viewer(api: Api) -> None:
    """The comparison above can fail: for a VIEWER, hidden ids do answer differently."""
    got = answers(api, "systems", "holds", [MADE_UP, "staff-salary"], Role.VIEWER)
    assert got["staff-salary"] != got[MADE_UP]
    assert '"hr-system"' in got["staff-salary"]
