"""`neighbours`: what the graph explorer adds when it expands many nodes at once, in a
bounded number of store round trips, as far as the caller may see. On both backends."""

from __future__ import annotations

from typing import Any

import pytest

from api.auth import Role
from graph.store import Store

from .api_support import Api, make_api

QUERY = """query($ids: [ID!]!, $types: [RelType!], $first: Int! = 1000) {
  neighbours(ids: $ids, types: $types, first: $first) {
    nodes { id label name sensitivity } edges { source type target } complete } }"""


@pytest.fixture
def api(store: Store) -> Api:
    return make_api(store)


def edges(found: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {(e["source"], e["type"], e["target"]) for e in found["edges"]}


def test_the_neighbours_of_many_nodes_both_ways_in_two_store_round_trips(
        api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    edges_for = api.store.edges_for
    monkeypatch.setattr(api.store, "edges_for", lambda ids, *a, **k: calls.append(len(list(ids))) or
                        edges_for(ids, *a, **k))
    found = api.data(QUERY, ids=["sis", "acme-app", "student-birth-date"])["neighbours"]
    assert calls == [3, 3]  # one batch out, one in: never a query per node
    ids = [n["id"] for n in found["nodes"]]
    assert ids[:3] == ["acme-app", "sis", "student-birth-date"]  # those asked, then the rest by id
    assert ids[3:] == sorted(ids[3:]) and len(ids) == len(set(ids))
    assert {("district", "OPERATES", "sis"), ("sis", "HOLDS", "student-birth-date"),
            ("sis-to-acme", "TO", "acme-app"), ("sis-to-acme", "FROM", "sis"),
            ("dpa-acme", "COVERS", "student-birth-date"), ("p-registrar", "OWNS", "sis")} <= edges(found)
    assert {e for e in edges(found) if "student-birth-date" in e and "sis" in e} \
        == {("sis", "HOLDS", "student-birth-date"), ("sis", "COLLECTS", "student-birth-date")}  # each once
    element = next(n for n in found["nodes"] if n["id"] == "student-birth-date")
    assert element == {"id": "student-birth-date", "label": "DataElement", "name": "Birth date", "sensitivity": "PII"}
    assert found["complete"] is True
    assert all(e["source"] in ids and e["target"] in ids for e in found["edges"])


def test_neighbours_follow_only_the_types_asked_and_stop_at_first(api: Api) -> None:
    operated = api.data(QUERY, ids=["sis", "acme-app"], types=["OPERATES"])["neighbours"]
    assert edges(operated) == {("district", "OPERATES", "sis"), ("acme-learning", "OPERATES", "acme-app")}
    assert [n["id"] for n in operated["nodes"]] == ["acme-app", "sis", "acme-learning", "district"]
    cut = api.data(QUERY, ids=["sis"], first=2)["neighbours"]
    assert len(cut["edges"]) == 2 and cut["complete"] is False
    assert {n["id"] for n in cut["nodes"]} == {"sis"} | {end for e in edges(cut) for end in (e[0], e[2])}


def test_a_public_caller_gets_only_the_public_neighbours(api: Api) -> None:
    public = api.data(QUERY, Role.PUBLIC, ids=["sis", "p-registrar"])["neighbours"]
    assert "p-registrar" not in {n["id"] for n in public["nodes"]}  # staff are not public, asked or not
    assert not any("p-registrar" in e or e[1] == "OWNS" for e in edges(public))
    assert ("district", "OPERATES", "sis") in edges(public)
    viewer = api.data(QUERY, Role.VIEWER, ids=["sis", "p-registrar"])["neighbours"]
    assert ("p-registrar", "OWNS", "sis") in edges(viewer)


def test_neighbours_refuses_no_ids_and_too_many(api: Api) -> None:
    assert api.error(QUERY, ids=[])["extensions"] == {"code": "VALIDATION", "field": "ids"}
    assert api.error(QUERY, ids=[f"n{i}" for i in range(501)])["extensions"]["code"] == "VALIDATION"
    assert api.error(QUERY, ids=["sis"], first=0)["extensions"]["code"] == "VALIDATION"
