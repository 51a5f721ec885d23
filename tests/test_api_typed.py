"""The typed mutations: one family per label and per relationship type, generated from the
model, validated like the generic ones, all or nothing, for stewards only."""

from __future__ import annotations

from typing import Any

import pytest
from strawberry.utils.str_converters import to_camel_case

from api.auth import Role
from api.graphql.limits import BUDGETS
from catalog.model import NODE_TYPES
from catalog.parse import allowed_keys
from catalog.relations import RELATIONS
from catalog.vocab import Label, RelType
from graph.store import Direction, Store

from .api_support import Api, make_api


@pytest.fixture
def api(store: Store) -> Api:
    return make_api(store)


def _written(api: Api) -> tuple[int, int, int]:
    """What a refused mutation must leave as it was: nodes, relationships, audit records."""
    nodes = sum(len(api.store.find_nodes(label)) for label in Label)
    edges = sum(len(api.store.edges(n.id, Direction.OUT)) for label in Label for n in api.store.find_nodes(label))
    return nodes, edges, len(api.store.changes())


CREATE_ELEMENT = """mutation($input: DataElementInput!) { createDataElement(input: $input) {
    id label category sensitivity subject public retainedUnder { id } usedFor { id } stewards { id } } }"""


def test_create_takes_enums_dates_and_relationships_and_is_audited(api: Api) -> None:
    given = {"id": "student-email", "name": "Student email", "category": "contact", "sensitivity": "PII",
             "subject": "STUDENT", "retainedUnder": "five-years-after-exit", "usedFor": ["enrollment"],
             "stewards": ["p-registrar"]}
    made = api.data(CREATE_ELEMENT, Role.STEWARD, input=given)["createDataElement"]
    assert made == {"id": "student-email", "label": "DataElement", "category": "contact", "sensitivity": "PII",
                    "subject": "STUDENT", "public": False, "retainedUnder": {"id": "five-years-after-exit"},
                    "usedFor": [{"id": "enrollment"}], "stewards": [{"id": "p-registrar"}]}
    last = api.store.changes()[-1]
    assert (last.actor, last.action, last.target) == ("steward-token", "create", "student-email")
    query = """mutation($input: AgreementInput!) { createAgreement(input: $input) { id expiresOn kind
               provider { id } } }"""
    agreement = {"id": "dpa-2", "kind": "NDPA", "with": "acme-learning", "expiresOn": "2027-06-30"}
    assert api.data(query, Role.STEWARD, input=agreement)["createAgreement"] == {
        "id": "dpa-2", "expiresOn": "2027-06-30", "kind": "NDPA", "provider": {"id": "acme-learning"}}


def test_relationships_with_properties_are_typed_references(api: Api) -> None:
    query = """mutation($input: SystemInput!) { createSystem(input: $input) { id
               holds { element { id } since retentionRule } } }"""
    given = {"id": "lms", "name": "LMS", "kind": "APPLICATION",
             "holds": [{"element": "risk-score", "since": "2025-09-01", "retentionRule": "five-years-after-exit"}]}
    assert api.data(query, Role.STEWARD, input=given)["createSystem"]["holds"] == [
        {"element": {"id": "risk-score"}, "since": "2025-09-01", "retentionRule": "five-years-after-exit"}]


def test_a_refused_create_writes_nothing_and_names_the_field(api: Api) -> None:
    before = _written(api)
    rule = """mutation($input: RetentionRuleInput!) { createRetentionRule(input: $input) { id } }"""
    bad_period = api.error(rule, Role.STEWARD, input={"id": "r", "name": "R", "trigger": "WITHDRAWAL",
                                                      "action": "DESTROY", "period": "soon"})
    assert bad_period["extensions"]["code"] == "VALIDATION" and bad_period["extensions"]["field"] == "input.period"
    assert bad_period["extensions"]["problems"][0]["key"] == "input.period"
    flow = """mutation($input: FlowInput!) { createFlow(input: $input) { id } }"""
    dangling = api.error(flow, Role.STEWARD, input={"id": "f", "from": "sis", "to": "mars"})
    assert dangling["extensions"]["code"] == "VALIDATION" and "mars" in dangling["message"]
    nested = api.error("""mutation($input: PersonInput!) { createPerson(input: $input) { id } }""", Role.STEWARD,
                       input={"id": "p", "name": "P", "completed": [{"training": "nope", "on": "2026-01-01"}]})
    assert nested["extensions"]["field"].startswith("input.completed[0]"), nested
    conflict = api.error(CREATE_ELEMENT, Role.STEWARD, input={"id": "sis", "name": "S", "category": "contact",
                                                              "sensitivity": "PII", "subject": "STUDENT"})
    assert conflict["extensions"]["code"] == "CONFLICT"
    assert _written(api) == before


@pytest.mark.parametrize(("given", "field"), [
    ({"expiresOn": "2026-02-30"}, "input.expiresOn"),
    ({"expiresOn": "20260630"}, "input.expiresOn"),
    ({"kind": "HANDSHAKE"}, "input.kind"),
])
def test_a_bad_value_is_refused_before_anything_runs_with_its_path(api: Api, given: dict[str, Any],
                                                                   field: str) -> None:
    before = _written(api)
    query = "mutation($input: AgreementInput!) { createAgreement(input: $input) { id } }"
    error = api.error(query, Role.STEWARD, input={"id": "a", "kind": "NDPA", "with": "acme-learning", **given})
    assert error["extensions"]["code"] == "VALIDATION" and error["extensions"]["field"] == field
    assert _written(api) == before


def test_a_bad_literal_names_its_path_inside_the_argument(api: Api) -> None:
    query = """mutation { updateSystem(id: "sis", patch: {holds: [{element: "risk-score", since: "someday"}]}) {
               id } }"""
    error = api.error(query, Role.STEWARD)
    assert error["extensions"] == {"code": "VALIDATION", "field": "patch.holds[0].since"}


UPDATE_SYSTEM = """mutation($id: ID!, $patch: SystemPatch!) { updateSystem(id: $id, patch: $patch) {
    hosting kind controls decommissionedOn } }"""


def test_update_changes_what_is_given_and_null_removes(api: Api) -> None:
    updated = api.data(UPDATE_SYSTEM, Role.STEWARD, id="sis", patch={"hosting": "vendor cloud",
                                                                     "decommissionedOn": "2027-01-31"})
    assert updated["updateSystem"] == {"hosting": "vendor cloud", "kind": "SIS", "decommissionedOn": "2027-01-31",
                                       "controls": ["ENCRYPTION_AT_REST", "ENCRYPTION_IN_TRANSIT", "MFA",
                                                    "AUDIT_LOG"]}
    assert len(api.store.edges("sis", Direction.OUT, [RelType.HOLDS])) == 2  # relationships untouched
    removed = api.data(UPDATE_SYSTEM, Role.STEWARD, id="sis", patch={"controls": None})["updateSystem"]
    assert removed["controls"] is None and removed["hosting"] == "vendor cloud"
    last = api.store.changes()[-1]
    assert last.action == "update" and "controls" in (last.before or {}) and "controls" not in (last.after or {})


def test_update_refuses_a_required_field_removed_and_a_node_of_another_label(api: Api) -> None:
    before = _written(api)
    required = api.error(UPDATE_SYSTEM, Role.STEWARD, id="sis", patch={"kind": None})
    assert required["extensions"]["code"] == "VALIDATION" and required["extensions"]["field"] == "patch.kind"
    other = api.error(UPDATE_SYSTEM, Role.STEWARD, id="risk-score", patch={"hosting": "x"})
    assert other["extensions"]["code"] == "NOT_FOUND" and "DataElement" in other["message"]
    gone = api.error('mutation { deleteSystem(id: "risk-score") }', Role.STEWARD)
    assert gone["extensions"]["code"] == "NOT_FOUND"
    assert _written(api) == before


def test_delete_of_its_label(api: Api) -> None:
    assert api.data('mutation { deleteFlow(id: "sis-to-state") }', Role.STEWARD)["deleteFlow"] == "sis-to-state"
    assert api.store.get_node("sis-to-state") is None and not api.store.edges("sis-to-state", Direction.BOTH)


def test_link_and_unlink_per_relationship_type(api: Api) -> None:
    link = """mutation($a: ID!, $b: ID!, $p: HoldsProps) { linkHolds(from: $a, to: $b, props: $p) {
              type from to props } }"""
    made = api.data(link, Role.STEWARD, a="acme-app", b="risk-score", p={"since": "2026-02-01"})["linkHolds"]
    assert made == {"type": "HOLDS", "from": "acme-app", "to": "risk-score", "props": {"since": "2026-02-01"}}
    before = _written(api)
    wrong = api.error(link, Role.STEWARD, a="risk-score", b="acme-app", p=None)
    assert wrong["extensions"]["code"] == "VALIDATION" and wrong["extensions"]["field"] == "to"
    rule = api.error(link, Role.STEWARD, a="acme-app", b="risk-score", p={"retentionRule": "nope"})
    assert rule["extensions"]["field"] == "props.retentionRule"
    assert _written(api) == before
    plain = 'mutation { linkUsedFor(from: "acme-app", to: "early-warning") { type } }'
    assert api.data(plain, Role.STEWARD) == {"linkUsedFor": {"type": "USED_FOR"}}
    unlink = 'mutation { unlinkHolds(from: "acme-app", to: "risk-score") { type } }'
    assert api.data(unlink, Role.STEWARD)["unlinkHolds"] == {"type": "HOLDS"}
    assert api.error(unlink, Role.STEWARD)["extensions"]["code"] == "NOT_FOUND"
    actions = [c.action for c in api.store.changes()[-3:]]
    assert actions == ["link", "link", "unlink"]


@pytest.mark.parametrize("role", [Role.PUBLIC, Role.VIEWER], ids=lambda r: r.name)
def test_public_and_viewers_cannot_mutate(api: Api, role: Role) -> None:
    before = _written(api)
    given = {"id": "x", "name": "X", "category": "contact", "sensitivity": "PII", "subject": "STUDENT"}
    for query, variables in [(CREATE_ELEMENT, {"input": given}),
                             (UPDATE_SYSTEM, {"id": "sis", "patch": {"hosting": "x"}}),
                             ('mutation { deleteSystem(id: "sis") }', {}),
                             ('mutation { linkUsedFor(from: "acme-app", to: "early-warning") { type } }', {})]:
        error = api.error(query, role, **variables)
        assert error["extensions"]["code"] == "FORBIDDEN", error
    assert _written(api) == before


def test_the_cost_limit_applies_to_a_mutation_before_it_runs(api: Api) -> None:
    before = _written(api)
    query = """mutation { updateSystem(id: "sis", patch: {hosting: "x"}) {
               elements(first: 500) { heldBy(first: 500) { elements(first: 500) { id } } } } }"""
    body = api.run(query, Role.STEWARD)
    assert body["data"] is None and body["errors"][0]["extensions"]["limit"] == BUDGETS[Role.STEWARD]
    assert _written(api) == before


def _introspect(api: Api, name: str) -> list[str]:
    found = api.data('query($n: String!) { __type(name: $n) { inputFields { name } } }', n=name)["__type"]
    return [f["name"] for f in found["inputFields"]]


def test_every_label_and_relationship_type_has_its_mutations_read_off_the_model(api: Api) -> None:
    fields = api.data("{ __type(name: \"Mutation\") { fields { name } } }")["__type"]["fields"]
    names = {f["name"] for f in fields}
    for label in Label:
        assert {f"create{label.value}", f"update{label.value}", f"delete{label.value}"} <= names
        keys = [to_camel_case(k) for k in allowed_keys(label) if k not in NODE_TYPES[label].ALIASES]
        assert _introspect(api, f"{label.value}Input") == keys
        assert _introspect(api, f"{label.value}Patch") == [k for k in keys if k != "id"]
    declared = {spec.type for specs in RELATIONS.values() for spec in specs}
    for type_ in declared:
        camel = "".join(w.capitalize() for w in type_.value.split("_"))
        assert {f"link{camel}", f"unlink{camel}"} <= names
