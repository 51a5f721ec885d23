"""The Neo4j store's native traversals give exactly what the Python walks give.

Each native method is compared with the reference in `catalog/` run over a snapshot of
the same database (a snapshot has no native methods, so the analyses walk it in Python),
on a small catalog with cycles, derivations and an aggregate, and on the example district."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from catalog import blast, deadlines, lineage
from catalog.deadlines.binding import binding_feeds
from catalog.view import Snapshot
from catalog.vocab import Label, RelType
from graph.loading import load_paths
from graph.neo4j import Neo4jStore

from .conftest import SEEDS
from .helpers import load_text

pytestmark = pytest.mark.neo4j

AS_OF = date(2026, 9, 1)
EXEMPT = ["AGGREGATE", "DEIDENTIFIED"]

# sis <-> lms and sis <-> warehouse are cycles; warehouse is reached two ways; rank and
# averages are derived from marks, and averages is an aggregate (exempt from binding).
CATALOG = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
  - {id: vendor, name: Vendor, kind: SERVICE_PROVIDER}
elements:
  - {id: marks, name: Marks, category: grades, sensitivity: PII, subject: STUDENT}
  - {id: rank, name: Rank, category: derived, sensitivity: SENSITIVE, subject: STUDENT,
     derived_from: [{element: marks, transform: sort}]}
  - {id: averages, name: Averages, category: derived, sensitivity: AGGREGATE, subject: STUDENT,
     derived_from: [{element: marks, transform: mean}]}
systems:
  - {id: sis, name: SIS, kind: SIS, operated_by: district, collects: [marks],
     holds: [{element: marks}, {element: rank}]}
  - {id: lms, name: LMS, kind: LMS, operated_by: district, holds: [{element: marks}]}
  - {id: warehouse, name: Warehouse, kind: WAREHOUSE, operated_by: district,
     holds: [{element: marks}, {element: rank}, {element: averages}]}
  - {id: app, name: App, kind: APPLICATION, operated_by: vendor, holds: [{element: rank}, {element: marks}]}
  - {id: portal, name: Portal, kind: REPORTING, operated_by: district,
     holds: [{element: averages}, {element: marks}]}
flows:
  - {id: sis-to-lms, from: sis, to: lms, carries: [marks]}
  - {id: lms-to-sis, from: lms, to: sis, carries: [marks]}
  - {id: lms-to-warehouse, from: lms, to: warehouse, carries: [marks]}
  - {id: sis-to-warehouse, from: sis, to: warehouse, carries: [marks, rank]}
  - {id: warehouse-to-sis, from: warehouse, to: sis, carries: [rank]}
  - {id: warehouse-to-app, from: warehouse, to: app, carries: [rank, marks]}
  - {id: warehouse-to-portal, from: warehouse, to: portal, carries: [averages, marks]}
  - {id: app-to-portal, from: app, to: portal, carries: [marks]}
"""
SYSTEMS = ["app", "lms", "portal", "sis", "warehouse"]
# The same, with a state system that receives under a law alone from the portal, and
# under an agreement beside the law from the LMS.
WITH_STATE = (CATALOG + """
  - {id: portal-to-state, from: portal, to: state, carries: [marks], under: [reporting-law]}
  - {id: lms-to-state, from: lms, to: state, carries: [marks], under: [reporting-law, dpa-state]}
mandates:
  - {id: reporting-law, name: Reporting law, citation: Ed. Code 1}
agreements:
  - {id: dpa-state, kind: MOU, with: vendor}
""").replace("systems:", """systems:
  - {id: state, name: State, kind: WAREHOUSE, holds: [{element: marks}]}""")
ELEMENTS = ["averages", "marks", "rank"]
# Own deadlines of the rows (system, element, cohort or ""), as compute_deadlines passes them.
OWN = {("sis", "marks", ""): "2030-06-13", ("lms", "marks", ""): "2028-01-01",
       ("warehouse", "marks", ""): "2031-01-01", ("app", "marks", ""): "2035-01-01",
       ("portal", "marks", ""): "2040-01-01", ("sis", "rank", ""): "2030-06-13",
       ("warehouse", "rank", ""): "2029-01-01", ("app", "rank", ""): "2032-01-01",
       ("warehouse", "averages", ""): "2027-01-01", ("portal", "averages", ""): "2036-01-01"}
COHORTS = {("sis", "marks", "2019-2020"): "2025-06-12", ("sis", "marks", "2020-2021"): "2026-06-11",
           ("lms", "marks", "2020-2021"): "2026-01-01", ("warehouse", "marks", ""): "2031-01-01"}


@pytest.fixture
def small(neo4j: Neo4jStore, tmp_path: Path) -> Neo4jStore:
    load_text(neo4j, tmp_path, CATALOG)
    return neo4j


@pytest.fixture
def district(neo4j: Neo4jStore) -> Neo4jStore:
    load_paths(neo4j, [SEEDS], now="2026-09-01T00:00:00Z")
    return neo4j


def test_the_neo4j_store_answers_natively_and_a_snapshot_does_not(neo4j: Neo4jStore) -> None:
    assert isinstance(neo4j, lineage.NativeLineage)
    assert isinstance(neo4j, blast.NativeReach)
    assert isinstance(neo4j, deadlines.NativeBinding)
    plain = Snapshot.of(neo4j)
    assert not isinstance(plain, lineage.NativeLineage | blast.NativeReach | deadlines.NativeBinding)


# Lineage


def _reach(found: lineage.Found | None, way: int = 0) -> dict[str, int]:
    assert found is not None
    return dict(found.walks[way].distances)


def test_the_walk_goes_level_by_level_and_enters_each_system_once(small: Neo4jStore) -> None:
    assert _reach(small.lineage_walks("sis", ("down",), 0)) == {"sis": 0}
    assert _reach(small.lineage_walks("sis", ("down",), 1)) == {"sis": 0, "lms": 1, "warehouse": 1}
    # Back to the SIS (lms-to-sis, warehouse-to-sis) closes a cycle: the SIS stays at 0.
    found = small.lineage_walks("sis", ("down",), 10**9)
    assert _reach(found) == {"sis": 0, "lms": 1, "warehouse": 1, "app": 2, "portal": 2}
    assert found is not None and [h.flow for h in found.walks[0].flows] == [
        "app-to-portal", "lms-to-sis", "lms-to-warehouse", "sis-to-lms", "sis-to-warehouse", "warehouse-to-app",
        "warehouse-to-portal", "warehouse-to-sis"]


def test_the_walk_follows_only_flows_that_carry_the_element_or_its_relatives(small: Neo4jStore) -> None:
    # Averages go from the warehouse to the portal only; up, they come from marks, which
    # the warehouse receives from the SIS and the LMS.
    assert _reach(small.lineage_walks("averages", ("down",), 10)) == {"warehouse": 0, "portal": 1}
    assert _reach(small.lineage_walks("averages", ("up",), 10)) == {"warehouse": 0, "sis": 1, "lms": 1}
    # Rank arrives by a flow everywhere it is held: then it starts in every holder.
    assert _reach(small.lineage_walks("rank", ("down",), 10)) == {"sis": 0, "warehouse": 0, "app": 0}
    found = small.lineage_walks("averages", ("down", "up"), 10)
    assert found is not None and found.frame.starts == ("warehouse",)
    assert [d.element for d in found.frame.up] == ["averages"] and found.frame.down == ()
    assert small.lineage_walks("nowhere", ("down",), 10) is None


def test_the_walks_equal_the_python_walks(small: Neo4jStore) -> None:
    plain = Snapshot.of(small)
    for root in SYSTEMS + ELEMENTS:
        for ways in (("down",), ("up",), ("down", "up")):
            for depth in range(0, 6):
                expected = lineage.find(plain, root, ways, depth)
                assert small.lineage_walks(root, ways, depth) == expected, (root, ways, depth)
                reach = lineage.find(plain, root, ways, depth, details=False)
                assert small.lineage_walks(root, ways, depth, details=False) == reach, (root, ways, depth)
                assert reach is not None and expected is not None
                assert [w.distances for w in reach.walks] == [w.distances for w in expected.walks]
    with pytest.raises(ValueError, match="down, up or both"):
        small.lineage_walks("sis", ("sideways",), 3)  # type: ignore[arg-type]


def test_lineage_is_the_same_natively_and_in_python(small: Neo4jStore) -> None:
    plain = Snapshot.of(small)
    for root in SYSTEMS + ELEMENTS:
        for direction in ("down", "up", "both"):
            for depth in (1, 2, 10):
                native = lineage.lineage(small, root, direction, depth, paths=100).as_dict()
                assert native == lineage.lineage(plain, root, direction, depth, paths=100).as_dict(), \
                    (root, direction, depth)
    marks = lineage.lineage(small, "marks", "down", paths=100)
    assert marks.elements == ("averages", "marks", "rank")  # DERIVED_FROM followed
    assert marks.paths is not None
    assert ["warehouse-to-portal"] in [[h.flow for h in p.hops][-1:] for p in marks.paths.paths]


# Blast reach


def test_reach_goes_level_by_level_along_flows_carrying_the_element(small: Neo4jStore) -> None:
    assert small.downstream_reach({"marks": ["lms"]}, 0) == (["lms"], [])
    assert small.downstream_reach({"marks": ["lms"]}, 1) == (["lms", "sis", "warehouse"],
                                                             ["lms-to-sis", "lms-to-warehouse"])
    # Rank leaves the SIS only for the warehouse, and from there for the app and back; the
    # app sends the portal marks, not rank.
    assert small.downstream_reach({"rank": ["sis"]}, 10) == (
        ["app", "sis", "warehouse"], ["sis-to-warehouse", "warehouse-to-app", "warehouse-to-sis"])
    assert small.downstream_reach({"rank": ["lms"]}, 10) == (["lms"], [])
    assert small.downstream_reach({"marks": ["portal"]}, 10) == (["portal"], [])
    # A start or an element that is not in the graph: the starts are reached all the same,
    # as the Python walk has it.
    assert small.downstream_reach({"marks": ["nowhere", "app"]}, 2) == (["app", "nowhere", "portal"],
                                                                        ["app-to-portal"])
    assert small.downstream_reach({"ghost": ["sis"]}, 3) == (["sis"], [])
    assert small.downstream_reach({}, 3) == ([], [])


def test_reach_equals_the_python_walk(small: Neo4jStore) -> None:
    plain = Snapshot.of(small)
    for element in [*ELEMENTS, "ghost"]:
        for starts in [[s] for s in SYSTEMS] + [["app", "lms"], SYSTEMS, []]:
            for depth in range(0, 6):
                walks = {element: starts}
                expected = blast.downstream_reach(plain, walks, depth)
                assert small.downstream_reach(walks, depth) == expected, (walks, depth)
    walks = {"rank": ["sis"], "averages": ["warehouse"], "marks": ["app"]}
    for depth in range(0, 4):
        assert small.downstream_reach(walks, depth) == blast.downstream_reach(plain, walks, depth)


# Deadline binding


def test_binding_reaches_two_hops_and_breaks_ties_by_system(small: Neo4jStore) -> None:
    one, two = small.upstream_bounds(OWN, EXEMPT, 1), small.upstream_bounds(OWN, EXEMPT, 2)
    assert one[("app", "marks", "")] == ("2031-01-01", "warehouse")
    assert two[("app", "marks", "")] == ("2028-01-01", "lms")  # lms -> warehouse -> app
    assert two[("sis", "marks", "")] == ("2028-01-01", "lms")  # around the cycle, never itself
    tie = small.upstream_bounds(OWN | {("sis", "marks", ""): "2028-01-01"}, EXEMPT, 2)
    assert tie[("warehouse", "marks", "")] == ("2028-01-01", "lms")  # lms and sis tie: smaller id
    assert small.upstream_bounds({}, EXEMPT, 10) == {}
    assert small.upstream_bounds(OWN, EXEMPT, 0) == {}


def test_binding_keeps_cohorts_apart_and_stops_where_a_law_hands_custody_over(neo4j: Neo4jStore,
                                                                              tmp_path: Path) -> None:
    small = load_text(neo4j, tmp_path, WITH_STATE)
    assert isinstance(small, Neo4jStore)
    plain = Snapshot.of(small)
    for own in (COHORTS, {("portal", "marks", ""): "2030-01-01"}):
        assert small.upstream_bounds(own, EXEMPT, 10) == deadlines.upstream_bounds(plain, own, frozenset(EXEMPT), 10)
    found = small.upstream_bounds(COHORTS, EXEMPT, 10)
    assert found[("warehouse", "marks", "2019-2020")] == ("2025-06-12", "sis")
    assert found[("warehouse", "marks", "2020-2021")] == ("2026-01-01", "lms")
    # The state receives under the law alone from the portal, and also from the LMS under
    # an agreement beside the law: only that second flow binds.
    assert found[("state", "marks", "2020-2021")] == ("2026-01-01", "lms")
    assert ("state", "marks", "") not in small.upstream_bounds({("portal", "marks", ""): "2030-01-01"}, EXEMPT, 10)


def test_a_law_hands_over_custody_only_of_the_elements_it_names(neo4j: Neo4jStore, tmp_path: Path) -> None:
    scoped = WITH_STATE.replace("citation: Ed. Code 1}", "citation: Ed. Code 1, covers: [rank]}").replace(
        "carries: [marks], under: [reporting-law]}", "carries: [marks, rank], under: [reporting-law]}")
    small = load_text(neo4j, tmp_path, scoped)
    assert isinstance(small, Neo4jStore)
    own = {("portal", "marks", ""): "2030-01-01", ("portal", "rank", ""): "2031-01-01"}
    found = small.upstream_bounds(own, EXEMPT, 10)
    assert found == deadlines.upstream_bounds(Snapshot.of(small), own, frozenset(EXEMPT), 10)
    # The law names the rank: the state keeps it as its own. The marks no law required.
    assert found[("state", "marks", "")] == ("2030-01-01", "portal")
    assert ("state", "rank", "") not in found


def test_aggregates_are_exempt_from_binding(small: Neo4jStore) -> None:
    assert ("portal", "averages", "") not in small.upstream_bounds(OWN, EXEMPT, 10)
    assert small.upstream_bounds(OWN, [], 10)[("portal", "averages", "")] == ("2027-01-01", "warehouse")


def test_binding_equals_the_python_walk(small: Neo4jStore) -> None:
    plain = Snapshot.of(small)
    for own in (OWN, OWN | {("sis", "marks", ""): "2028-01-01"}, {("lms", "marks", ""): "2029-01-01"}, COHORTS):
        for exempt in (EXEMPT, [], ["SENSITIVE"]):
            for depth in range(0, 5):
                expected = deadlines.upstream_bounds(plain, own, frozenset(exempt), depth)
                assert small.upstream_bounds(own, exempt, depth) == expected, (own, exempt, depth)


# The example district


def test_district_walks_equal_the_python_walks(district: Neo4jStore) -> None:
    plain = Snapshot.of(district)
    roots = [n.id for n in plain.of_label(Label.SYSTEM) + plain.of_label(Label.DATA_ELEMENT)]
    for root in roots:
        for depth in (1, 3, 10):
            expected = lineage.find(plain, root, ("down", "up"), depth)
            assert district.lineage_walks(root, ("down", "up"), depth) == expected, (root, depth)
            reach = district.lineage_walks(root, ("down", "up"), depth, details=False)
            assert reach == lineage.find(plain, root, ("down", "up"), depth, details=False), (root, depth)
            assert reach is not None and expected is not None
            assert [w.distances for w in reach.walks] == [w.distances for w in expected.walks], (root, depth)
    sis = district.lineage_walks("sis", ("down",), 10)
    assert sis is not None and len(sis.walks[0].distances) > 20


def test_district_reach_equals_the_python_walk(district: Neo4jStore) -> None:
    plain = Snapshot.of(district)
    systems = [n.id for n in plain.of_label(Label.SYSTEM)]
    # From where each element is held, and every element from every system at once.
    walks = [{e.id: plain.sources(e.id, RelType.HOLDS)} for e in plain.of_label(Label.DATA_ELEMENT)]
    walks.append({e.id: systems for e in plain.of_label(Label.DATA_ELEMENT)})
    for walk in walks:
        for depth in (1, 2, 10):
            assert district.downstream_reach(walk, depth) == blast.downstream_reach(plain, walk, depth), (walk, depth)
    assert len(district.downstream_reach(walks[-1], 10)[1]) > 30  # a real comparison, not two empty answers


def test_district_binding_equals_the_python_walk(district: Neo4jStore) -> None:
    plain = Snapshot.of(district)
    own = {(d.system, d.element, d.cohort or ""): d.own_due_on.isoformat()
           for d in deadlines.compute_deadlines(plain, AS_OF) if d.own_due_on}
    for exempt in (EXEMPT, []):
        feeds = district.binding_feeds(exempt)
        assert feeds == binding_feeds(plain, frozenset(exempt)) and len(feeds) > 20, exempt
        for depth in (1, 2, 10):
            expected = deadlines.upstream_bounds(plain, own, frozenset(exempt), depth)
            assert district.upstream_bounds(own, exempt, depth) == expected, (exempt, depth)
    # Planted problem 6: the portrait vendor's parent emails are bound by the SIS.
    bounds = district.upstream_bounds(own, EXEMPT, 10)
    assert bounds[("lakeside-ordering", "parent-email", "2024-2025")] == ("2030-06-13", "sis")


def test_an_elements_lineage_costs_one_round_trip_and_two_with_its_details(district: Neo4jStore) -> None:
    element = "student-attendance-daily"
    before = district.round_trips
    reach = lineage.lineage(district, element, "both", details=False)
    assert district.round_trips - before == 1
    full = lineage.lineage(district, element, "both", paths=100)
    assert district.round_trips - before == 1 + 2  # the operators of the systems reached
    assert [[s.system for s in r.systems] for r in reach.reach] == [[s.system for s in r.systems] for r in full.reach]
    assert len(full.reach[0].systems) > 1 and full.reach[0].flows  # downstream, through its flows


def test_district_lineage_costs_one_round_trip_however_many_paths(district: Neo4jStore) -> None:
    # The SIS's lineage reaches dozens of systems through dozens of flows, and dozens of
    # paths run through them; the reach, both ways, is one query, and paths need none.
    before = district.round_trips
    found = lineage.lineage(district, "sis", "both", paths=500)
    assert district.round_trips - before == 1
    assert sum(len(r.flows) for r in found.reach) > 40
    assert found.paths is not None and len(found.paths.paths) > 40
