"""Lineage through flows and DERIVED_FROM: the reach each way, with depth limits and
cycles, and the paths through it on request, a page at a time, on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog import paths as paths_module
from catalog.lineage import Basis, Found, Lineage, NativeLineage, find, lineage
from catalog.paths import path_page
from catalog.view import Snapshot, UnknownNode
from graph.embedded.store import EmbeddedStore
from graph.loading import load_paths
from graph.store import Store

from .conftest import SEEDS
from .helpers import dense, load_text

CATALOG = """
organizations:
  - {id: district, name: District, kind: DISTRICT}
  - {id: vendor, name: Vendor, kind: SERVICE_PROVIDER}
  - {id: state, name: State, kind: STATE_AGENCY}
purposes:
  - {id: teach, name: Teaching, category: INSTRUCTION}
  - {id: report, name: Reporting, category: REPORTING}
mandates:
  - {id: state-law, name: State law, citation: "Ed. Code 1"}
agreements:
  - {id: dpa, kind: DPA, with: vendor}
elements:
  - {id: attendance, name: Attendance, category: attendance, sensitivity: PII, subject: STUDENT}
  - {id: grades, name: Grades, category: grades, sensitivity: PII, subject: STUDENT}
  - {id: risk, name: Risk score, category: derived, sensitivity: SENSITIVE, subject: STUDENT,
     derived_from: [{element: attendance, transform: model v2}]}
systems:
  - {id: sis, name: SIS, kind: SIS, operated_by: district, collects: [attendance, grades],
     holds: [{element: attendance}, {element: grades}]}
  - {id: warehouse, name: Warehouse, kind: WAREHOUSE, operated_by: district,
     holds: [{element: attendance}, {element: risk}]}
  - {id: app, name: App, kind: APPLICATION, operated_by: vendor, holds: [{element: risk}]}
  - {id: state-db, name: State DB, kind: WAREHOUSE, operated_by: state, holds: [{element: attendance}]}
  - {id: gradebook, name: Gradebook, kind: LMS, operated_by: district, holds: [{element: grades}]}
flows:
  - {id: sis-to-warehouse, from: sis, to: warehouse, carries: [attendance], for: [report], method: SFTP}
  - {id: warehouse-to-app, from: warehouse, to: app, carries: [risk], for: [teach], under: [dpa], method: API}
  - {id: warehouse-to-state, from: warehouse, to: state-db, carries: [attendance], for: [report],
     under: [state-law], method: SFTP}
  - {id: sis-to-gradebook, from: sis, to: gradebook, carries: [grades], for: [teach], method: API}
  - {id: gradebook-to-sis, from: gradebook, to: sis, carries: [grades], for: [teach], method: API}
"""
# An element collected in two systems, the first sending it to the second, and beyond.
TWO_ORIGINS = """
elements:
  - {id: x, name: X, category: demographic, sensitivity: PII, subject: STUDENT}
systems:
  - {id: s1, name: S1, kind: SIS, collects: [x], holds: [{element: x}]}
  - {id: s2, name: S2, kind: SIS, collects: [x], holds: [{element: x}]}
  - {id: s3, name: S3, kind: SIS, holds: [{element: x}]}
  - {id: s4, name: S4, kind: SIS, holds: [{element: x}]}
flows:
  - {id: f12, from: s1, to: s2, carries: [x]}
  - {id: f23, from: s2, to: s3, carries: [x]}
  - {id: f24, from: s2, to: s4, carries: [x]}
  - {id: f24b, from: s2, to: s4, carries: [x]}
"""


def reached(result: Lineage, way: str = "down") -> list[tuple[str, str | None, int, tuple[str, ...]]]:
    reach, = (r for r in result.reach if r.way == way)
    return [(s.system, s.operator, s.distance, s.chain) for s in reach.systems]


def followed(result: Lineage, way: str = "down") -> list[str]:
    reach, = (r for r in result.reach if r.way == way)
    return [h.flow for h in reach.flows]


def listed(result: Lineage, way: str = "down") -> list[list[str]]:
    assert result.paths is not None
    return [[h.flow for h in p.hops] for p in result.paths.paths if p.way == way]


@pytest.fixture
def catalog(store: Store, tmp_path: Path) -> Store:
    return load_text(store, tmp_path, CATALOG)


def test_element_downstream_reaches_systems_through_its_flows_and_what_is_derived_from_it(catalog: Store) -> None:
    result = lineage(catalog, "attendance", "down")
    assert (result.elements, result.starts) == (("attendance", "risk"), ("sis",))
    assert [d.as_dict() for d in result.derivations] == [
        {"element": "risk", "derived_from": "attendance", "transform": "model v2"}]
    assert reached(result) == [("sis", "district", 0, ()), ("warehouse", "district", 1, ("sis-to-warehouse",)),
                               ("app", "vendor", 2, ("sis-to-warehouse", "warehouse-to-app")),
                               ("state-db", "state", 2, ("sis-to-warehouse", "warehouse-to-state"))]
    assert followed(result) == ["sis-to-warehouse", "warehouse-to-app", "warehouse-to-state"]
    hop = result.reach[0].hops["warehouse-to-app"]
    assert (hop.source, hop.target, hop.source_operator, hop.target_operator) == ("warehouse", "app", "district",
                                                                                  "vendor")
    assert (hop.method, hop.purposes, hop.bases, hop.carries) == ("API", ("teach",), (Basis("dpa", "Agreement"),),
                                                                  ("risk",))
    assert result.organizations == ("district", "state", "vendor")
    assert result.paths is None  # only on request


def test_element_lineage_ignores_flows_that_do_not_carry_it(catalog: Store) -> None:
    result = lineage(catalog, "grades", "down", paths=10)
    assert reached(result) == [("sis", "district", 0, ()), ("gradebook", "district", 1, ("sis-to-gradebook",))]
    # The flow back to the SIS is followed (it is in the reach) but closes a cycle: no path takes it.
    assert followed(result) == ["gradebook-to-sis", "sis-to-gradebook"]
    assert listed(result) == [["sis-to-gradebook"]]


def test_upstream_through_derived_from(catalog: Store) -> None:
    result = lineage(catalog, "risk", "up", paths=10)
    # The score originates in the warehouse, from attendance that came from the SIS.
    assert result.starts == ("warehouse",)
    assert reached(result, "up") == [("warehouse", "district", 0, ()), ("sis", "district", 1, ("sis-to-warehouse",))]
    assert listed(result, "up") == [["sis-to-warehouse"]]
    assert result.elements == ("attendance", "risk")
    collected = lineage(catalog, "attendance", "up", paths=10)  # collected in the SIS: nothing upstream
    assert reached(collected, "up") == [("sis", "district", 0, ())]
    assert collected.paths is not None and collected.paths.paths == () and not collected.paths.more


def test_system_lineage_both_ways_with_depth(catalog: Store) -> None:
    result = lineage(catalog, "warehouse", "both", paths=10)
    assert [r.way for r in result.reach] == ["down", "up"]
    assert reached(result, "down") == [("warehouse", "district", 0, ()), ("app", "vendor", 1, ("warehouse-to-app",)),
                                       ("state-db", "state", 1, ("warehouse-to-state",))]
    # Upstream, chains run in the order the data moved: from the far system to the root.
    assert reached(result, "up") == [("warehouse", "district", 0, ()), ("sis", "district", 1, ("sis-to-warehouse",)),
                                     ("gradebook", "district", 2, ("gradebook-to-sis", "sis-to-warehouse"))]
    assert listed(result, "down") == [["warehouse-to-app"], ["warehouse-to-state"]]
    assert listed(result, "up") == [["gradebook-to-sis", "sis-to-warehouse"]]
    shallow = lineage(catalog, "sis", "down", depth=1, paths=10)
    assert [s for s, _, _, _ in reached(shallow)] == ["sis", "gradebook", "warehouse"]
    assert followed(shallow) == ["sis-to-gradebook", "sis-to-warehouse"]  # none from a system at the depth
    assert listed(shallow) == [["sis-to-gradebook"], ["sis-to-warehouse"]]


def test_a_cycle_is_walked_once_and_ends_every_path(catalog: Store) -> None:
    result = lineage(catalog, "gradebook", "down", depth=50, paths=10)
    assert [(s, d) for s, _, d, _ in reached(result)] == [("gradebook", 0), ("sis", 1), ("warehouse", 2),
                                                          ("app", 3), ("state-db", 3)]
    assert "sis-to-gradebook" in followed(result)  # back to the start: in the reach, on no path
    assert listed(result) == [["gradebook-to-sis", "sis-to-warehouse", "warehouse-to-app"],
                              ["gradebook-to-sis", "sis-to-warehouse", "warehouse-to-state"]]


def test_chains_take_the_smallest_flow_id_where_ways_tie(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, TWO_ORIGINS)
    result = lineage(store, "s1", "down")
    assert reached(result) == [("s1", None, 0, ()), ("s2", None, 1, ("f12",)), ("s3", None, 2, ("f12", "f23")),
                               ("s4", None, 2, ("f12", "f24"))]  # f24 and f24b both lead there


def test_paths_come_a_page_at_a_time_in_the_order_of_their_flows(catalog: Store) -> None:
    whole = lineage(catalog, "sis", "both", paths=100)
    assert whole.paths is not None and not whole.paths.more
    expected = [(p.way, [h.flow for h in p.hops]) for p in whole.paths.paths]
    assert expected == [("down", ["sis-to-gradebook"]),
                        ("down", ["sis-to-warehouse", "warehouse-to-app"]),
                        ("down", ["sis-to-warehouse", "warehouse-to-state"]),
                        ("up", ["gradebook-to-sis"])]
    pages, after = [], None
    while True:
        page = path_page(whole, 1, after)
        pages += [(p.way, [h.flow for h in p.hops]) for p in page.paths]
        if not page.more:
            break
        after = page.after
    assert pages == expected
    assert lineage(catalog, "sis", "both", paths=2, after=after).paths is not None
    with pytest.raises(ValueError, match="not a cursor"):
        path_page(whole, 1, "bogus")
    with pytest.raises(ValueError, match="first"):
        path_page(whole, 0)


def test_a_path_another_start_runs_through_is_listed_once(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, TWO_ORIGINS)
    result = lineage(store, "x", "down", paths=10)
    assert result.starts == ("s1", "s2")
    # s2's own paths are the ends of s1's: listed as part of those only.
    assert listed(result) == [["f12", "f23"], ["f12", "f24"], ["f12", "f24b"]]
    # One flow deep, s1's path stops at s2, and s2's are paths of their own.
    assert listed(lineage(store, "x", "down", depth=1, paths=10)) == [["f12"], ["f23"], ["f24"], ["f24b"]]


def test_a_dense_catalog_answers_the_reach_at_once_and_pages_paths_without_listing_them_all(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nine systems that each send to every other: 8! = 40,320 paths from one of them,
    and 9 x 8! from all of them as starts of the element. Each page walks as far as its
    own paths go, a few steps back per path."""
    load_paths(store, [dense(tmp_path / "dense.yaml", 9)], now="2026-01-01T00:00:00Z")
    steps = 0
    retreat = paths_module._retreat

    def counted(*args: object) -> None:
        nonlocal steps
        steps += 1
        retreat(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(paths_module, "_retreat", counted)
    before = store.round_trips  # type: ignore[attr-defined]
    result = lineage(store, "s0", "down", depth=50, paths=20)
    # A store read from disk walks level by level, a few indexed queries for each of the
    # reach's two levels; the others answer in one look.
    on_disk = isinstance(store, EmbeddedStore) and not store.in_memory
    assert store.round_trips - before <= (10 if on_disk else 1)  # type: ignore[attr-defined]
    assert reached(result) == [("s0", None, 0, ()), *((f"s{i}", None, 1, (f"f-s0-s{i}",)) for i in range(1, 9))]
    assert len(followed(result)) == 72
    assert result.paths is not None and len(result.paths.paths) == 20 and result.paths.more
    first = [[h.flow for h in p.hops] for p in result.paths.paths]
    assert first[0] == [f"f-s{i}-s{i + 1}" for i in range(8)] and all(len(p) == 8 for p in first)
    assert first == sorted(first)
    after = path_page(result, 20, result.paths.after)
    second = [[h.flow for h in p.hops] for p in after.paths]
    assert after.more and first[-1] < second[0] and second == sorted(second)
    assert steps < 20 * 2 * 8 + 8  # two pages of paths of 8 flows: never the 40,320
    every_start = lineage(store, "x", "down", depth=50, paths=5)
    assert every_start.starts == tuple(f"s{i}" for i in range(9))
    assert every_start.paths is not None and every_start.paths.more and len(every_start.paths.paths) == 5


def test_the_store_walks_natively_and_answers_as_the_python_walk(catalog: Store, tmp_path: Path) -> None:
    assert isinstance(catalog, NativeLineage)
    plain = Snapshot.of(catalog)
    assert not isinstance(plain, NativeLineage)
    load_text(catalog, tmp_path, TWO_ORIGINS, "two.yaml")
    roots = ["attendance", "grades", "risk", "sis", "warehouse", "app", "state-db", "gradebook", "x", "s1", "s2"]
    plain = Snapshot.of(catalog)
    for root in roots:
        for ways in (("down",), ("up",), ("down", "up")):
            for depth in (0, 1, 2, 10):
                assert catalog.lineage_walks(root, ways, depth) == find(plain, root, ways, depth), (root, ways, depth)
                assert_reach_of(catalog.lineage_walks(root, ways, depth, details=False),
                                find(plain, root, ways, depth), (root, ways, depth))
    assert catalog.lineage_walks("dpa", ("down",), 10) is None and find(plain, "dpa", ("down",), 10) is None
    assert catalog.lineage_walks("dpa", ("down",), 10, details=False) is None


def assert_reach_of(reach: Found | None, found: Found | None, where: object) -> None:
    """`reach`, a walk without its details, has the frame and the distances of `found`,
    and neither operators nor flows."""
    assert reach is not None and found is not None, where
    assert reach.frame == found.frame, where
    assert [w.distances for w in reach.walks] == [w.distances for w in found.walks], where
    assert all(not w.operators and not w.flows for w in reach.walks), where


def test_the_reach_alone_is_the_lineage_without_its_details(catalog: Store, tmp_path: Path) -> None:
    load_text(catalog, tmp_path, TWO_ORIGINS, "two.yaml")
    plain = Snapshot.of(catalog)
    for view in (catalog, plain):
        for root in ("attendance", "risk", "sis", "x"):
            full = lineage(view, root, "both", 10)
            reach = lineage(view, root, "both", 10, details=False)
            assert not reach.details and full.details
            assert (reach.starts, reach.elements, reach.derivations) == (full.starts, full.elements, full.derivations)
            assert [[(s.system, s.distance) for s in r.systems] for r in reach.reach] == \
                [[(s.system, s.distance) for s in r.systems] for r in full.reach]
            assert all(s.chain == () and s.operator is None for r in reach.reach for s in r.systems)
            assert reach.organizations == () and all(r.flows == () for r in reach.reach)
    # A reach without its flows has no paths to list: asking is an error, not an empty page.
    with pytest.raises(ValueError, match="ask for its details"):
        lineage(catalog, "sis", "down", 10, paths=5, details=False)
    with pytest.raises(ValueError, match="ask for its details"):
        path_page(lineage(catalog, "sis", details=False), 5)


def test_the_embedded_walk_of_the_district_is_the_python_walk(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    load_paths(store, [SEEDS], now="2026-09-01T00:00:00Z")
    plain = Snapshot.of(store)
    roots = [n.id for n in store.find_nodes() if n.label.value in ("DataElement", "System")]
    assert len(roots) > 100
    for root in roots:
        for depth in (1, 10):
            expected = find(plain, root, ("down", "up"), depth)
            assert store.lineage_walks(root, ("down", "up"), depth) == expected, root
            assert_reach_of(store.lineage_walks(root, ("down", "up"), depth, details=False), expected, root)
    store.close()


def test_unknown_root_and_bad_arguments(catalog: Store) -> None:
    with pytest.raises(UnknownNode, match="no data element or system"):
        lineage(catalog, "dpa")
    with pytest.raises(ValueError, match="direction"):
        lineage(catalog, "sis", "sideways")
    with pytest.raises(ValueError, match="depth"):
        lineage(catalog, "sis", "down", -1)
