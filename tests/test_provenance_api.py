"""Where nodes are defined, through the API and the command line: what each mutation
records, `loadCatalog(replace:)`, who may read `definedIn`, `steward load --replace` and
`steward show`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from api.auth import Role
from graph.loading import load_paths
from graph.store import Direction, Store

from .api_support import Api, make_api
from .conftest import DATA
from .test_cli import run

EXAMPLE = DATA / "design-example.yaml"
LOAD = "mutation($y: String!, $r: Boolean!) { loadCatalog(yaml: $y, replace: $r) { created updated unchanged } }"
SIS_AGAIN = "systems:\n  - {id: sis, name: SIS, kind: SIS, operated_by: district}\n"
DEFINED = '{ node(id: "ID") { id definedIn } }'


@pytest.fixture
def api(store: Store) -> Api:
    return make_api(store)


def defined(api: Api, node_id: str, role: Role = Role.VIEWER) -> object:
    return api.data(DEFINED.replace("ID", node_id), role)["node"]["definedIn"]


def test_staff_read_where_a_node_is_defined_and_the_public_never_does(api: Api) -> None:
    assert defined(api, "sis") == "file:design-example.yaml"
    assert defined(api, "sis", Role.STEWARD) == "file:design-example.yaml"
    for public in ("sis", "district", "student-birth-date"):  # nodes the public may read
        assert defined(api, public, Role.PUBLIC) is None
    listed = api.data("{ systems { nodes { definedIn } } }", Role.PUBLIC)["systems"]["nodes"]
    assert listed and all(item["definedIn"] is None for item in listed)


def test_a_node_created_through_the_api_records_its_token(api: Api) -> None:
    query = "mutation($f: JSON!) { createNode(label: \"Mandate\", fields: $f) { definedIn } }"
    made = api.data(query, Role.STEWARD, f={"id": "coppa", "name": "COPPA", "citation": "15 U.S.C. 6501"})
    assert made["createNode"]["definedIn"] == "api:steward-token"


def test_an_update_through_the_api_keeps_the_file_and_the_trail_names_the_token(api: Api) -> None:
    query = ('mutation { updateNode(id: "sis", fields: {hosting: "vendor cloud"}) '
             '{ definedIn ... on System { hosting } } }')
    assert api.data(query, Role.STEWARD)["updateNode"] == {"definedIn": "file:design-example.yaml",
                                                           "hosting": "vendor cloud"}
    change = api.store.changes(node_id="sis")[-1]
    assert (change.actor, change.action) == ("steward-token", "update")
    assert change.after is not None and change.after["defined_in"] == "file:design-example.yaml"
    # The file still defines the node: its next load brings back what it says.
    report = load_paths(api.store, [EXAMPLE], now="2026-03-01T00:00:00Z")
    assert report.updated == ["sis"]
    sis = api.store.get_node("sis")
    assert sis is not None and sis.get("hosting") is None


def test_load_catalog_refuses_a_node_of_a_file_unless_it_replaces(api: Api) -> None:
    before = api.store.edges("sis", Direction.OUT)
    error = api.error(LOAD, Role.STEWARD, y="mandates:\n  - {id: coppa, name: C, citation: X}\n" + SIS_AGAIN, r=False)
    assert error["extensions"]["code"] == "VALIDATION"
    assert error["extensions"]["problems"] == [{
        "file": "catalog", "line": 4, "key": "systems[0].id",
        "message": "`sis` is already defined in `design-example.yaml`; pass replace: true to redefine it from here"}]
    assert api.store.get_node("coppa") is None and api.store.edges("sis", Direction.OUT) == before

    assert api.data(LOAD, Role.STEWARD, y=SIS_AGAIN, r=True)["loadCatalog"]["updated"] == ["sis"]
    assert defined(api, "sis") == "api:steward-token"
    assert api.store.edges("sis", Direction.OUT) == []  # its holdings went with the file's definition
    # The same document again from the same token is the same definition: nothing changes.
    assert api.data(LOAD, Role.STEWARD, y=SIS_AGAIN, r=False)["loadCatalog"] == {
        "created": [], "updated": [], "unchanged": 1}
    admin = api.error(LOAD, Role.ADMIN, y=SIS_AGAIN, r=False)  # another token is another source
    assert "already defined through the API, by the token `steward-token`" in admin["message"]


def test_the_command_line_refuses_replaces_and_shows_where_a_node_is_defined(tmp_path: Path) -> None:
    store = tmp_path / "store"
    other = tmp_path / "other.yaml"
    other.write_text(SIS_AGAIN)
    assert run(store, "load", str(EXAMPLE))[0] == 0
    code, out, _ = run(store, "show", "sis")
    assert out.splitlines()[:2] == ["System sis", "defined in `design-example.yaml`"]

    code, out, err = run(store, "load", str(other))
    assert code == 2 and "nothing was written" in err
    assert f"{other}:2: systems[0].id: `sis` is already defined in `design-example.yaml`; pass --replace " \
           "to redefine it from here" in err
    code, out, _ = run(store, "load", "--replace", str(other))
    assert code == 0 and "1 updated" in out
    code, out, _ = run(store, "show", "sis", "--json")
    data = json.loads(out)
    assert data["defined_in"] == "file:other.yaml" and "defined_in" not in data["props"]
