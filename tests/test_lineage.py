"""Lineage through flows and DERIVED_FROM, with depth limits and cycles."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.lineage import lineage
from catalog.view import UnknownNode
from graph.store import Store

from .helpers import load_text

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


def hops(result, way: str = "down") -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[h.flow for h in path] for w, path in result.paths if w == way]


def test_element_downstream_follows_its_flows_and_what_is_derived_from_it(store: Store, tmp_path: Path) -> None:
    result = lineage(load_text(store, tmp_path, CATALOG), "attendance", "down")
    assert hops(result) == [["sis-to-warehouse", "warehouse-to-app"], ["sis-to-warehouse", "warehouse-to-state"]]
    assert result.elements == ("attendance", "risk")
    assert result.derivations == (("risk", "attendance", "model v2"),)
    first = result.paths[0][1][1]
    assert (first.source, first.target, first.target_operator) == ("warehouse", "app", "vendor")
    assert (first.method, first.purposes, first.bases) == ("API", ("teach",), (("dpa", "Agreement"),))
    assert first.carries == ("risk",)
    assert dict(result.systems)["state-db"] == "state"


def test_element_lineage_ignores_flows_that_do_not_carry_it(store: Store, tmp_path: Path) -> None:
    result = lineage(load_text(store, tmp_path, CATALOG), "grades", "down")
    assert hops(result) == [["sis-to-gradebook"]]  # the flow back to sis closes a cycle


def test_upstream_through_derived_from(store: Store, tmp_path: Path) -> None:
    result = lineage(load_text(store, tmp_path, CATALOG), "risk", "up")
    # The score originates in the warehouse, from attendance that came from the SIS.
    assert hops(result, "up") == [["sis-to-warehouse"]]
    assert result.elements == ("attendance", "risk")
    assert lineage(store, "attendance", "up").paths == ()  # collected in the SIS: nothing upstream


def test_system_lineage_both_ways_with_depth(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, CATALOG)
    result = lineage(store, "warehouse", "both")
    assert hops(result, "down") == [["warehouse-to-app"], ["warehouse-to-state"]]
    assert hops(result, "up") == [["gradebook-to-sis", "sis-to-warehouse"]]  # contains the shorter one
    shallow = lineage(store, "sis", "down", depth=1)
    assert hops(shallow) == [["sis-to-gradebook"], ["sis-to-warehouse"]]


def test_a_cycle_ends_the_path_instead_of_looping(store: Store, tmp_path: Path) -> None:
    result = lineage(load_text(store, tmp_path, CATALOG), "gradebook", "down", depth=50)
    assert hops(result) == [["gradebook-to-sis", "sis-to-warehouse", "warehouse-to-app"],
                            ["gradebook-to-sis", "sis-to-warehouse", "warehouse-to-state"]]


def test_unknown_root(store: Store, tmp_path: Path) -> None:
    load_text(store, tmp_path, CATALOG)
    with pytest.raises(UnknownNode, match="no data element or system"):
        lineage(store, "dpa")
