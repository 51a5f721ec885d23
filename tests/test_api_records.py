"""The records work through GraphQL: deadlines per holding and cohort with their filters,
findings that list their elements, and legal holds and access requests, which only
staff may read."""

from __future__ import annotations

import pytest

from api.auth import Role
from graph.store import Store

from .api_support import Api, make_api
from .conftest import SEEDS


@pytest.fixture
def api(store: Store) -> Api:
    return make_api(store, paths=[SEEDS])


def test_deadlines_by_cohort_with_filters(api: Api) -> None:
    rows = api.data('{ deadlines(asOf: "2026-09-01", system: ["sis"], element: ["student-attendance-daily"], '
                    'first: 50) { cohort status dueOn eligibleOn destroyedBy heldBy '
                    'candidates { rule trigger cohort dueOn } } }')["deadlines"]
    by_cohort = {r["cohort"]: r for r in rows}
    assert by_cohort["2019-2020"]["status"] == "DESTROYED"
    assert by_cohort["2019-2020"]["destroyedBy"] == "purge-2019-2020-sis"
    assert by_cohort["2021-2022"]["status"] == "ON_HOLD"
    assert by_cohort["2021-2022"]["heldBy"] == ["request-2026-08-transcript-copy"]
    assert by_cohort["2022-2023"] == {**by_cohort["2022-2023"], "status": "SCHEDULED", "dueOn": "2028-06-09"}
    assert {c["rule"] for c in by_cohort["2022-2023"]["candidates"]} == {"il-temporary-record"}
    held = api.data('{ deadlines(asOf: "2026-09-01", status: [ON_HOLD], cohort: ["2020-2021"], first: 100) '
                    '{ system heldBy } }')["deadlines"]
    assert held and {r["system"] for r in held} == {"iep-system"}
    assert {h for r in held for h in r["heldBy"]} == {"hold-2026-mendez-litigation"}
    permanent = api.data('{ deadlines(asOf: "2026-09-01", system: ["sis"], element: ["student-birth-date"]) '
                         '{ cohort dueOn eligibleOn } }')["deadlines"]
    assert {"cohort": "class-of-2025", "dueOn": None, "eligibleOn": "2085-05-31"} in permanent


def test_findings_list_their_elements_and_the_scorecard_words_each_principle(api: Api) -> None:
    found = api.data('{ findings(asOf: "2030-07-01", principle: "7") { rule node elements count } }')["findings"]
    overdue = [f for f in found if f["rule"] == "destruction-overdue"]
    assert len({(f["node"]) for f in overdue}) > 10
    assert all(f["count"] == len(f["elements"]) >= 1 for f in overdue)
    assert max(f["count"] for f in overdue) > 20
    card = api.data('{ scorecard(asOf: "2026-09-01") { principle title findings } }')["scorecard"]
    assert card[0]["principle"] == "1-3" and "support learning" in card[0]["title"]


def test_holds_and_requests_are_for_staff_only(api: Api) -> None:
    query = ("{ legalHolds(first: 10) { nodes { id placedOn cohorts systems { id } } } "
             'accessRequests(concerns: "sis", first: 10) { nodes { id kind receivedOn answeredOn cohort } } }')
    data = api.data(query)
    assert data["legalHolds"]["nodes"] == [{"id": "hold-2026-mendez-litigation", "placedOn": "2026-04-10",
                                            "cohorts": ["2020-2021"], "systems": [{"id": "iep-system"}]}]
    assert [r["id"] for r in data["accessRequests"]["nodes"]] == ["request-2026-08-transcript-copy"]
    assert api.error(query, Role.PUBLIC)["extensions"]["code"] == "FORBIDDEN"
    hidden = '{ node(id: "hold-2026-mendez-litigation") { id } n2: node(id: "request-2026-08-transcript-copy") { id } }'
    assert api.data(hidden, Role.PUBLIC) == {"node": None, "n2": None}
    sis = api.data('{ node(id: "sis") { ... on System { accessRequests { id } legalHolds { id } } } }', Role.PUBLIC)
    assert sis == {"node": {"accessRequests": [], "legalHolds": []}}
