"""Mutations: every family, validated like a load, one transaction each, and audited."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.app import Settings
from api.auth import Role
from catalog.vocab import RelType
from graph.backends import StoreConfig, open_store
from graph.store import Direction, Store

from .api_support import Api, make_api
from .conftest import NEO4J_URI
from .hostile import DEEP, LAUGHS


@pytest.fixture
def api(store: Store) -> Api:
    return make_api(store)


CREATE = """mutation($label: String!, $fields: JSON!) { createNode(label: $label, fields: $fields) { id label name
            ... on DataElement { category heldBy { id } } } }"""


def test_create_a_node_with_its_relationships(api: Api) -> None:
    fields = {"id": "student-email", "name": "Student email", "category": "contact", "sensitivity": "pii",
              "subject": "STUDENT", "owners": ["p-registrar"]}
    created = api.data(CREATE, Role.STEWARD, label="DataElement", fields=fields)["createNode"]
    assert created == {"id": "student-email", "label": "DataElement", "name": "Student email",
                       "category": "contact", "heldBy": []}
    assert [e.source for e in api.store.edges("student-email", Direction.IN, [RelType.OWNS])] == ["p-registrar"]


def test_create_reports_validation_errors_with_the_field(api: Api) -> None:
    fields = {"id": "x", "name": "X", "category": "hobbies", "sensitivity": "PII", "subject": "STUDENT"}
    error = api.error(CREATE, Role.STEWARD, label="DataElement", fields=fields)
    assert error["extensions"]["code"] == "VALIDATION" and error["extensions"]["field"] == "category"
    dangling = api.error(CREATE, Role.STEWARD, label="Flow", fields={"id": "f", "from": "sis", "to": "mars"})
    assert dangling["extensions"]["code"] == "VALIDATION" and "mars" in dangling["message"]
    assert api.error(CREATE, Role.STEWARD, label="Planet", fields={"id": "x"})["extensions"]["field"] == "label"
    conflict = api.error(CREATE, Role.STEWARD, label="System", fields={"id": "sis", "name": "S", "kind": "SIS"})
    assert conflict["extensions"]["code"] == "CONFLICT"
    assert api.store.get_node("f") is None and api.store.get_node("x") is None


def test_update_changes_only_the_keys_given(api: Api) -> None:
    query = """mutation($id: ID!, $fields: JSON!) { updateNode(id: $id, fields: $fields) {
               ... on System { hosting kind controls } } }"""
    updated = api.data(query, Role.STEWARD, id="sis", fields={"hosting": "vendor cloud"})["updateNode"]
    assert updated == {"hosting": "vendor cloud", "kind": "SIS",
                       "controls": ["ENCRYPTION_AT_REST", "ENCRYPTION_IN_TRANSIT", "MFA", "AUDIT_LOG"]}
    assert len(api.store.edges("sis", Direction.OUT, [RelType.HOLDS])) == 2  # relationships untouched
    removed = api.data(query, Role.STEWARD, id="sis", fields={"controls": None})["updateNode"]
    assert removed["controls"] is None
    bad = api.error(query, Role.STEWARD, id="sis", fields={"kind": "TOASTER"})
    assert bad["extensions"]["field"] == "kind"
    assert api.error(query, Role.STEWARD, id="nope", fields={})["extensions"]["code"] == "NOT_FOUND"


def test_delete_link_and_unlink(api: Api) -> None:
    link = """mutation($t: String!, $a: ID!, $b: ID!, $p: JSON) { link(type: $t, from: $a, to: $b, props: $p) {
              type from to props } }"""
    made = api.data(link, Role.STEWARD, t="HOLDS", a="acme-app", b="risk-score", p={"since": "2026-02-01"})["link"]
    assert made == {"type": "HOLDS", "from": "acme-app", "to": "risk-score", "props": {"since": "2026-02-01"}}
    wrong = api.error(link, Role.STEWARD, t="HOLDS", a="risk-score", b="acme-app", p=None)
    assert wrong["extensions"]["code"] == "VALIDATION" and "does not link" in wrong["message"]
    bad_prop = api.error(link, Role.STEWARD, t="HOLDS", a="acme-app", b="risk-score", p={"since": "soon"})
    assert bad_prop["extensions"]["code"] == "VALIDATION"
    unlink = 'mutation { unlink(type: "HOLDS", from: "acme-app", to: "risk-score") { type } }'
    assert api.data(unlink, Role.STEWARD)["unlink"] == {"type": "HOLDS"}
    assert api.error(unlink, Role.STEWARD)["extensions"]["code"] == "NOT_FOUND"
    assert api.data('mutation { deleteNode(id: "sis-to-state") }', Role.STEWARD)["deleteNode"] == "sis-to-state"
    assert api.store.get_node("sis-to-state") is None and not api.store.edges("sis-to-state", Direction.BOTH)


def test_load_catalog_is_all_or_nothing(api: Api) -> None:
    good = "mandates:\n  - {id: coppa, name: COPPA, citation: 15 U.S.C. 6501}\n"
    query = "mutation($y: String!) { loadCatalog(yaml: $y) { created updated unchanged } }"
    assert api.data(query, Role.STEWARD, y=good)["loadCatalog"] == {"created": ["coppa"], "updated": [],
                                                                    "unchanged": 0}
    bad = good + "flows:\n  - {id: f2, from: sis, to: nowhere}\n"
    error = api.error(query, Role.STEWARD, y=bad.replace("coppa", "coppa-2"))
    assert error["extensions"]["code"] == "VALIDATION"
    assert error["extensions"]["problems"][0]["line"] == 4
    assert api.store.get_node("coppa-2") is None


def test_every_mutation_is_audited_with_who_when_and_what(api: Api) -> None:
    api.data('mutation { updateNode(id: "sis", fields: {hosting: "on premises"}) { id } }', Role.STEWARD)
    api.data('mutation { link(type: "USED_FOR", from: "acme-app", to: "enrollment") { type } }', Role.STEWARD)
    api.data('mutation { deleteNode(id: "yearbook-release") }', Role.STEWARD)
    changes = api.data('{ changes(since: "2026-06-01") { actor action target before after } }')["changes"]
    assert [(c["actor"], c["action"], c["target"]) for c in changes] == [
        ("steward-token", "update", "sis"), ("steward-token", "link", "USED_FOR:acme-app->enrollment"),
        ("steward-token", "delete", "yearbook-release")]
    assert "hosting" not in changes[0]["before"] and changes[0]["after"]["hosting"] == "on premises"
    assert changes[2]["after"] is None and changes[2]["before"]["name"] == "Yearbook photo release"
    by_node = api.data('{ changes(nodeId: "acme-app", since: "2026-06-01") { action } }')["changes"]
    assert by_node == [{"action": "link"}]


def test_the_audit_trail_survives_a_restart(store: Store, tmp_path: Path) -> None:
    api = make_api(store)
    api.data('mutation { updateNode(id: "sis", fields: {hosting: "on premises"}) { id } }', Role.STEWARD)
    store.close()
    reopened = open_store(StoreConfig(backend=store.name, store=str(tmp_path / "store"), neo4j_uri=NEO4J_URI))
    try:
        trail = [(c.actor, c.action, c.target) for c in reopened.changes(node_id="sis")]
        assert ("steward-token", "update", "sis") in trail and ("cli", "create", "sis") in trail
    finally:
        reopened.close()


LOAD = "mutation($y: String!) { loadCatalog(yaml: $y) { created } }"


@pytest.mark.parametrize(("document", "expected"), [
    (LAUGHS, "catalog:6: found the alias *a: catalog files may not use anchors"),
    (DEEP, "catalog:1: nested more than 20 levels deep"),
])
def test_load_catalog_refuses_aliases_and_deep_nesting_in_a_short_answer(api: Api, document: str,
                                                                       expected: str) -> None:
    before = api.store.count_nodes()
    response = api.client.post("/graphql", json={"query": LOAD, "variables": {"y": document}},
                               headers={"Authorization": f"Bearer {api.tokens[Role.STEWARD]}"})
    assert response.status_code == 200 and len(response.content) < 1000
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "VALIDATION" and expected in error["message"]
    assert api.store.count_nodes() == before


def test_load_catalog_applies_the_file_size_cap(store: Store) -> None:
    api = make_api(store, Settings(max_file_size=1000))
    small = "mandates:\n  - {id: coppa, name: COPPA, citation: 15 U.S.C. 6501}\n"
    error = api.error(LOAD, Role.STEWARD, y=small + "#" * 1000)
    assert error["extensions"]["code"] == "VALIDATION"
    assert error["extensions"]["problems"] == [{
        "file": "catalog", "line": None, "key": "",
        "message": f"{len(small) + 1000:,} bytes is more than the 1,000 bytes a catalog file may have "
                   "(set --max-file-size or STEWARD_MAX_FILE_SIZE to allow more)"}]
    assert api.store.get_node("coppa") is None
    assert api.data(LOAD, Role.STEWARD, y=small)["loadCatalog"] == {"created": ["coppa"]}


def test_a_long_id_is_quoted_in_part_in_every_answer(api: Api) -> None:
    long = "x" * 100_000
    for query in ('mutation($y: ID!) { deleteNode(id: $y) }',
                  'mutation($y: ID!) { unlink(type: "HOLDS", from: $y, to: $y) { type } }',
                  'mutation($y: ID!) { updateNode(id: $y, fields: {}) { id } }'):
        response = api.client.post("/graphql", json={"query": query, "variables": {"y": long}},
                                   headers={"Authorization": f"Bearer {api.tokens[Role.STEWARD]}"})
        assert response.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"
        assert len(response.content) < 1000, query


def test_a_stale_expected_version_is_refused_with_the_current_one(api: Api) -> None:
    read = '{ node(id: "sis") { version } }'
    assert api.data(read)["node"]["version"] == api.data(read, Role.PUBLIC)["node"]["version"] == 1
    update = """mutation($v: Int) { updateSystem(id: "sis", patch: {hosting: "cloud"}, expectedVersion: $v) {
                version hosting } }"""
    assert api.data(update, Role.STEWARD, v=1)["updateSystem"] == {"version": 2, "hosting": "cloud"}
    stale = [update, 'mutation($v: Int) { updateNode(id: "sis", fields: {hosting: "x"}, expectedVersion: $v) { id } }',
             'mutation($v: Int) { deleteSystem(id: "sis", expectedVersion: $v) }',
             'mutation($v: Int) { deleteNode(id: "sis", expectedVersion: $v) }']
    for query in stale:
        error = api.error(query, Role.STEWARD, v=1)
        assert error["extensions"] == {"code": "CONFLICT", "currentVersion": 2}
        assert "'sis' is at version 2" in error["message"]
    trail = api.data('{ changes(nodeId: "sis", since: "2000-01-01") { action version } }')["changes"]
    assert [c for c in trail if c["action"] == "update"] == [{"action": "update", "version": 2}] == trail[-1:]
    assert api.data(update, Role.STEWARD)["updateSystem"]["version"] == 2  # unchanged: no new version
    assert api.data('mutation { deleteNode(id: "sis", expectedVersion: 2) }', Role.STEWARD) == {"deleteNode": "sis"}
    assert api.store.get_node("sis") is None
