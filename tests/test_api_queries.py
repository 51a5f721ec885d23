"""Queries: nodes, search, lists with filters and pagination, the analyses, DataLoaders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from api.auth import Role
from api.graphql.limits import MAX_ROWS
from api.graphql.schema import build_schema
from catalog.audit import Change
from graph.store import Store

from .api_support import Api, make_api
from .conftest import ROOT


@pytest.fixture
def api(store: Store) -> Api:
    return make_api(store)


def test_printed_schema_is_committed_and_current() -> None:
    committed = (ROOT / "api" / "schema.graphql").read_text()
    assert committed == build_schema().as_str() + "\n", "run: steward graphql-schema > api/schema.graphql"


def test_node_by_id_with_relationships_both_ways(api: Api) -> None:
    data = api.data("""{ node(id: "student-birth-date") { id label name
        ... on DataElement { category sensitivity heldBy { id } retainedUnder { id periodInWords }
                              carriedBy { id } coveredBy { id } derivatives { id } } } }""")
    node = data["node"]
    assert (node["label"], node["category"], node["sensitivity"]) == ("DataElement", "demographic", "PII")
    assert [s["id"] for s in node["heldBy"]] == ["acme-app", "sis", "state-warehouse"]
    assert node["retainedUnder"] == {"id": "five-years-after-exit", "periodInWords": "5 years"}
    assert [f["id"] for f in node["carriedBy"]] == ["sis-to-acme", "sis-to-state"]
    assert node["coveredBy"] == [{"id": "dpa-acme"}] and node["derivatives"] == [{"id": "risk-score"}]
    system = api.data("""{ node(id: "sis") { ... on System { operator { id } holds { element { id } since }
                          flowsOut { id to { id } basis { id label } } } } }""")["node"]
    assert system["operator"] == {"id": "district"}
    assert {"element": {"id": "student-birth-date"}, "since": "2015-07-01"} in system["holds"]
    assert {"id": "sis-to-acme", "to": {"id": "acme-app"}, "basis": [{"id": "dpa-acme", "label": "Agreement"}]} \
        in system["flowsOut"]
    assert api.data('{ node(id: "nothing") { id } }')["node"] is None


def test_search_across_names_and_descriptions(api: Api) -> None:
    found = api.data('{ search(text: "birth") { id label } }')["search"]
    assert {"id": "student-birth-date", "label": "DataElement"} in found
    only = api.data('{ search(text: "acme", labels: [System]) { id } }')["search"]
    assert only == [{"id": "acme-app"}]
    assert api.error('{ search(text: "x", labels: [Spaceship]) { id } }')["extensions"]["code"] == "VALIDATION"


def test_lists_filter_and_paginate(api: Api) -> None:
    first = api.data("{ systems(first: 2) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }")
    page = first["systems"]
    assert page["totalCount"] == 3 and [n["id"] for n in page["nodes"]] == ["acme-app", "sis"]
    assert page["pageInfo"]["hasNextPage"]
    rest = api.data("query($after: String) { systems(first: 2, after: $after) { nodes { id } pageInfo "
                    "{ hasNextPage } } }", after=page["pageInfo"]["endCursor"])["systems"]
    assert [n["id"] for n in rest["nodes"]] == ["state-warehouse"] and not rest["pageInfo"]["hasNextPage"]
    assert api.data('{ elements(sensitivity: SENSITIVE) { nodes { id } } }')["elements"]["nodes"] == [
        {"id": "risk-score"}]
    held = api.data('{ elements(heldBy: "acme-app") { nodes { id } } }')["elements"]["nodes"]
    assert held == [{"id": "student-birth-date"}]
    flows = api.data('{ flows(to: "state-warehouse") { nodes { id } } }')["flows"]["nodes"]
    assert flows == [{"id": "sis-to-state"}]
    assert api.data('{ organizations(kind: COMMITTEE) { nodes { id } } }')["organizations"]["nodes"] == [
        {"id": "data-committee"}]
    assert api.error('{ elements(category: hobbies) { totalCount } }')["extensions"] == {
        "code": "VALIDATION", "field": "category"}
    for field in ("people", "roles", "purposes", "agreements", "consents", "mandates", "retentionRules",
                  "events", "destructions", "trainings", "policies", "incidents"):
        assert api.data(f"{{ {field} {{ totalCount }} }}")[field]["totalCount"] >= 1


def test_the_analyses_as_fields(api: Api) -> None:
    lineage = api.data('{ lineage(id: "student-birth-date", direction: DOWN) { organizations '
                       "systems { totalCount nodes { id operator distance chain { flow } } } "
                       "flows { nodes { flow from to } } "
                       "paths { nodes { hops { flow to } } hasNextPage } } }")["lineage"]
    assert lineage["systems"]["totalCount"] == 3
    assert lineage["organizations"] == ["acme-learning", "district", "state-ed"]
    assert lineage["systems"]["nodes"] == [
        {"id": "sis", "operator": "district", "distance": 0, "chain": []},
        {"id": "acme-app", "operator": "acme-learning", "distance": 1, "chain": [{"flow": "sis-to-acme"}]},
        {"id": "state-warehouse", "operator": "state-ed", "distance": 1, "chain": [{"flow": "sis-to-state"}]}]
    assert {"flow": "sis-to-acme", "from": "sis", "to": "acme-app"} in lineage["flows"]["nodes"]
    assert {"flow": "sis-to-acme", "to": "acme-app"} in [h for p in lineage["paths"]["nodes"] for h in p["hops"]]
    assert lineage["paths"]["hasNextPage"] is False
    owners = api.data('{ responsibility(id: "sis") { accountable parties { id role chain } } }')["responsibility"]
    assert owners["parties"][0] == {"id": "p-registrar", "role": "owner", "chain": ["p-registrar", "data-committee"]}
    deadlines = api.data('{ deadlines(asOf: "2026-09-01", status: [DESTROYED]) { system element } }')
    assert deadlines["deadlines"] == [{"system": "acme-app", "element": "student-birth-date"}]
    findings = api.data('{ findings(asOf: "2026-09-01", principle: "10a") { rule node } }')["findings"]
    assert {"rule": "unowned", "node": "acme-app"} in findings
    assert len(api.data('{ scorecard(asOf: "2026-09-01") { principle checks } }')["scorecard"]) == 11
    blast = api.data('{ blastRadius(incidentId: "inc-2026-01", asOf: "2026-09-01") { systems onwardSystems '
                     "agreements duties { by to dueOn status } } }")["blastRadius"]
    assert blast["systems"] == ["sis"] and blast["onwardSystems"] == ["acme-app", "state-warehouse"]
    assert blast["agreements"] == ["dpa-acme"]  # in force on the day it was discovered
    # The district's own system: it owes families and the state, with no period recorded.
    assert blast["duties"] == [{"by": "district", "to": "FAMILIES", "dueOn": None, "status": "NO_PERIOD"},
                               {"by": "district", "to": "STATE", "dueOn": None, "status": "NO_PERIOD"}]
    assert api.error('{ blastRadius(incidentId: "sis") { systems } }')["extensions"]["code"] == "NOT_FOUND"
    assert api.error('{ lineage(id: "sis", depth: 99) { depth } }')["extensions"]["code"] == "VALIDATION"


def test_lineage_asked_for_the_systems_alone_reads_the_reach_alone(api: Api,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import catalog.lineage

    asked: list[bool] = []
    real = catalog.lineage.lineage

    def spy(*args: object, details: bool = True, **kwargs: object) -> catalog.lineage.Lineage:
        asked.append(details)
        return real(*args, details=details, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(catalog.lineage, "lineage", spy)
    reach = "systems(first: 50) { totalCount hasNextPage endCursor nodes { id direction distance } }"
    answers = [api.data(query)["lineage"] for query in (
        f'{{ lineage(id: "student-birth-date", direction: BOTH) {{ root depth starts {reach} }} }}',
        # Through a fragment, and with the derivations: still the reach alone.
        f'query {{ lineage(id: "student-birth-date", direction: BOTH) {{ ...R derivations {{ element }} }} }} '
        f'fragment R on Lineage {{ root depth starts {reach} }}',
        # An operator, or the flows, need the details.
        f'{{ lineage(id: "student-birth-date", direction: BOTH) {{ root depth starts {reach} organizations }} }}',
        f'{{ lineage(id: "student-birth-date", direction: BOTH) {{ root depth starts {reach} '
        "systems(first: 50) { nodes { chain { flow } } } } }")]
    assert asked == [False, False, True, True]
    systems = [a["systems"] for a in answers]
    assert systems[0]["totalCount"] == 4 and systems[0] == systems[1] == systems[2]
    assert answers[2]["organizations"] == ["acme-learning", "district", "state-ed"]


@pytest.mark.parametrize("query", [
    '{ lineage(id: "sis", direction: SIDEWAYS) { depth } }',
    '{ deadlines(status: [LATE]) { system } }',
    '{ findings(severity: "HIGH") { rule } }',  # an enum value, not a string
    "{ nope }",
    '{ lineage(id: "sis" { depth } }',
])
def test_a_malformed_document_is_refused_with_a_code_and_a_location(api: Api, query: str) -> None:
    error = api.error(query)
    assert error["extensions"]["code"] == "VALIDATION"
    assert error["locations"][0]["line"] == 1


def test_the_analyses_take_their_closed_vocabularies_as_enums(api: Api) -> None:
    found = api.data('{ findings(asOf: "2026-09-01", severity: HIGH) { severity } '
                     'lineage(id: "acme-app", direction: BOTH) { direction systems { nodes { id direction } } '
                     "paths { nodes { direction } } } }")
    assert {f["severity"] for f in found["findings"]} == {"HIGH"}
    assert found["lineage"]["direction"] == "BOTH"
    assert found["lineage"]["systems"]["nodes"] == [{"id": "acme-app", "direction": "DOWN"},
                                                    {"id": "acme-app", "direction": "UP"},
                                                    {"id": "sis", "direction": "UP"}]
    assert {p["direction"] for p in found["lineage"]["paths"]["nodes"]} == {"UP"}  # acme-app only receives


def test_a_list_with_its_neighbours_costs_a_bounded_number_of_round_trips(store: Store, tmp_path: Path) -> None:
    lines = ["organizations:", "  - {id: district, name: D, kind: DISTRICT}", "people:",
             "  - {id: owner, name: O}", "systems:"]
    lines += [f"  - {{id: s-{i}, name: S{i}, kind: SIS, operated_by: district}}" for i in range(12)]
    lines += ["elements:"]
    lines += [f"  - {{id: e-{i}, name: E{i}, category: health, sensitivity: PII, subject: STUDENT, owners: [owner]}}"
              for i in range(60)]
    lines += ["flows:"]
    lines += [f"  - {{id: f-{i}, from: s-{i % 12}, to: s-{(i + 1) % 12}, carries: [e-{i}]}}" for i in range(60)]
    (tmp_path / "wide.yaml").write_text("\n".join(lines) + "\n")
    api = make_api(store, paths=[tmp_path / "wide.yaml"])
    query = "query($n: Int!) { elements(first: $n) { nodes { id carriedBy { id from { id operator { id } } } " \
            "owners { id } } } }"
    api.data("{ __typename }", Role.VIEWER)  # the token's look-up: the server keeps it for the requests below
    costs = []
    for n in (5, 60):
        before = store.round_trips  # type: ignore[attr-defined]
        nodes = api.data(query, Role.VIEWER, n=n)["elements"]["nodes"]
        costs.append(store.round_trips - before)  # type: ignore[attr-defined]
        assert len(nodes) == n and all(node["owners"] == [{"id": "owner"}] for node in nodes)
    assert costs[0] == costs[1] <= 12, costs


def test_the_audit_trail_is_read_a_page_at_a_time_newest_first(api: Api) -> None:
    with api.store.transaction() as tx:
        for day in range(1, 8):
            tx.record_change(Change(f"2026-02-{day:02d}T10:00:00Z", ("ann", "bob")[day % 2], "update", "sis",
                                    ("sis",), None, {"day": day}))
    query = """query ($before: Int, $after: Int, $actor: String, $until: String, $first: Int!) {
      changes(newestFirst: true, first: $first, before: $before, after: $after, actor: $actor, since: "2026-02-01",
              until: $until) { seq at actor } }"""

    def days(page: dict[str, list[dict[str, str]]]) -> list[int]:
        return [int(c["at"][8:10]) for c in page["changes"]]

    newest = api.data(query, first=3)
    assert days(newest) == [7, 6, 5]
    older = api.data(query, first=3, before=newest["changes"][-1]["seq"])
    assert days(older) == [4, 3, 2]
    # `after` pages towards the newest, oldest first: the page newer than `older`.
    newer = api.data(query.replace("newestFirst: true", "newestFirst: false"), first=3,
                     after=older["changes"][0]["seq"])
    assert days(newer) == [5, 6, 7]
    assert days(api.data(query, first=10, actor="bob")) == [7, 5, 3, 1]
    assert days(api.data(query, first=10, until="2026-02-03")) == [2, 1]
    # Everything the view asks for is bounded by the server, whatever the client says.
    assert api.error(query, first=MAX_ROWS + 1)["extensions"]["field"] == "first"
    assert api.run(query, Role.PUBLIC, {"first": 3})["errors"]  # the trail is not public


def test_the_pages_after_the_first_are_cut_from_its_answer_while_the_data_holds(
        api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    """A lineage's later pages come from the answer its first page was cut from (a large
    reach is walked once, not once a page), until a write moves the data version."""
    import catalog.lineage
    from api.graphql.limits import cursor_at, offset_of
    from catalog.records import NodeRecord

    walked: list[str] = []
    real = catalog.lineage.lineage

    def spy(*args: Any, **kwargs: Any) -> catalog.lineage.Lineage:
        walked.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(catalog.lineage, "lineage", spy)
    query = ('query($id: ID!, $after: String) { lineage(id: $id, direction: BOTH) '
             "{ systems(first: 1, after: $after) { totalCount hasNextPage endCursor nodes { id direction } } } }")
    pages, after = [], None
    while True:
        page = api.data(query, id="student-birth-date", after=after)["lineage"]["systems"]
        pages.append(page)
        after = page["endCursor"]
        if not page["hasNextPage"]:
            break
    assert len(pages) == 4 and walked == ["student-birth-date"], "four pages, one walk"
    whole = api.data('{ lineage(id: "student-birth-date", direction: BOTH) { systems(first: 50) { nodes '
                     "{ id direction } } } }")["lineage"]["systems"]["nodes"]
    assert [node for page in pages for node in page["nodes"]] == whole
    walked.clear()

    def second_page(root: str, cursor: str) -> Any:
        return api.data(query, id=root, after=cursor)["lineage"]["systems"]["nodes"]

    # Another lineage's cursor, or one the server no longer keeps, pages by its offset.
    sis_page = api.data(query, id="sis", after=cursor_at(1))["lineage"]["systems"]["nodes"]
    assert second_page("sis", pages[0]["endCursor"]) == sis_page
    assert second_page("student-birth-date", cursor_at(offset_of(pages[0]["endCursor"]), "unknown")) == \
        pages[1]["nodes"]
    assert walked == ["sis", "sis", "student-birth-date"]
    # A write moves the data version: the next page is walked afresh, from the new data.
    sis = api.store.get_node("sis")
    assert sis is not None
    with api.store.transaction() as tx:
        tx.upsert_node(NodeRecord(sis.label, sis.id, {**sis.props, "name": "Renamed"}))
    assert second_page("student-birth-date", pages[0]["endCursor"]) == pages[1]["nodes"]
    assert walked == ["sis", "sis", "student-birth-date", "student-birth-date"]
