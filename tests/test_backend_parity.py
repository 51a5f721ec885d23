"""The example district gives the same answers on both backends: lineage, deadlines,
findings and blast radius, compared whole, through the Python API and through the CLI.

The Neo4j store answers the heavy walks natively (test_native_traversals.py compares
them one by one); here the whole analyses built on them must not differ by a byte."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from click.testing import CliRunner

from api.cli import cli
from catalog.blast import NativeReach, blast_radius
from catalog.deadlines import DeadlineStatus, NativeBinding, compute_deadlines
from catalog.findings import run_checks, scorecard
from catalog.lineage import NativeLineage, lineage
from graph.backends import StoreConfig, open_store
from graph.store import Store

from .conftest import NEO4J_URI, SEEDS, open_test_store

pytestmark = pytest.mark.neo4j

AS_OF = date(2026, 9, 1)
# An element collected in the SIS, the SIS itself, a derived score, an element shared
# with a provider, the warehouse, and the de-identified research extract.
ROOTS = ["student-attendance-daily", "sis", "student-dropout-risk-score", "parent-email", "warehouse",
         "research-extract"]
INCIDENTS = ["inc-2025-11-schoolcall-misdirected-calls", "inc-2026-03-numerix-credential-stuffing"]


@dataclass
class Backend:
    store: Store
    options: list[str]  # the CLI's global options that open the same store

    def cli(self, *args: str) -> str:
        result = CliRunner().invoke(cli, [*self.options, *args])
        assert result.exit_code == 0, result.output
        return result.stdout


@pytest.fixture(scope="module")
def backends(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Backend]]:
    """The seeds loaded by `steward load seeds/` into a fresh store of each backend."""
    folder = tmp_path_factory.mktemp("parity") / "store"
    open_test_store("neo4j", folder).close()  # empties the database, or fails loudly
    options = {"embedded": ["--backend", "embedded", "--store", str(folder)],
               "neo4j": ["--backend", "neo4j", "--neo4j-uri", NEO4J_URI]}
    opened: dict[str, Backend] = {}
    try:
        for name, global_options in options.items():
            loaded = CliRunner().invoke(cli, [*global_options, "load", "--quiet", str(SEEDS)])
            assert loaded.exit_code == 0, loaded.output
            store = open_store(StoreConfig(backend=name, store=str(folder), neo4j_uri=NEO4J_URI))
            opened[name] = Backend(store, global_options)
        yield opened
    finally:
        for backend in opened.values():
            backend.store.close()


def both(backends: dict[str, Backend]) -> tuple[Store, Store]:
    return backends["embedded"].store, backends["neo4j"].store


def test_the_backends_hold_the_same_graph_and_neo4j_walks_it_natively(backends: dict[str, Backend]) -> None:
    embedded, neo4j = both(backends)
    assert embedded.count_nodes() == neo4j.count_nodes()
    assert embedded.count_edges() == neo4j.count_edges()
    assert isinstance(neo4j, NativeLineage) and isinstance(neo4j, NativeReach) and isinstance(neo4j, NativeBinding)


@pytest.mark.parametrize("direction", ["down", "up", "both"])
@pytest.mark.parametrize("root", ROOTS)
def test_lineage_is_the_same(backends: dict[str, Backend], root: str, direction: str) -> None:
    embedded, neo4j = both(backends)
    expected = lineage(embedded, root, direction, paths=500).as_dict()
    assert lineage(neo4j, root, direction, paths=500).as_dict() == expected
    if root == "sis" and direction != "up":  # a real comparison, not two empty answers
        assert len(expected["reach"][0]["systems"]) > 20 and len(expected["paths"]["paths"]) > 30


def test_lineage_at_small_depths_is_the_same(backends: dict[str, Backend]) -> None:
    embedded, neo4j = both(backends)
    for root in ROOTS:
        for depth in (1, 2, 3):
            expected = lineage(embedded, root, "both", depth, paths=100).as_dict()
            assert lineage(neo4j, root, "both", depth, paths=100).as_dict() == expected


def test_deadlines_are_the_same(backends: dict[str, Backend]) -> None:
    embedded, neo4j = both(backends)
    expected = [d.as_dict() for d in compute_deadlines(embedded, AS_OF)]
    assert [d.as_dict() for d in compute_deadlines(neo4j, AS_OF)] == expected
    statuses = [d["status"] for d in expected]
    # As seeds/README.md says: rows by holding and cohort, with purges, holds and minimums.
    counts = {status: statuses.count(status.value) for status in DeadlineStatus}
    assert counts == {DeadlineStatus.SCHEDULED: 666, DeadlineStatus.DESTROYED: 169, DeadlineStatus.ON_HOLD: 66,
                      DeadlineStatus.NO_RULE: 59, DeadlineStatus.DUE: 17, DeadlineStatus.OVERDUE: 23,
                      DeadlineStatus.ELIGIBLE: 0, DeadlineStatus.AWAITING_TRIGGER: 0}
    assert any(d["conflict"] for d in expected)  # planted problem 6, found by binding


def test_findings_are_the_same(backends: dict[str, Backend]) -> None:
    embedded, neo4j = both(backends)
    expected = [f.as_dict() for f in run_checks(embedded, AS_OF)]
    assert [f.as_dict() for f in run_checks(neo4j, AS_OF)] == expected
    # One finding per planted problem of seeds/README.md (30 rows; three rows give two).
    assert len(expected) == 33
    assert scorecard(neo4j, AS_OF) == scorecard(embedded, AS_OF)


@pytest.mark.parametrize("incident", INCIDENTS)
def test_blast_radius_is_the_same(backends: dict[str, Backend], incident: str) -> None:
    embedded, neo4j = both(backends)
    expected = blast_radius(embedded, incident, AS_OF).as_dict()
    assert blast_radius(neo4j, incident, AS_OF).as_dict() == expected
    assert expected["systems"] and expected["elements"] and expected["duties"]


@pytest.mark.parametrize("command", [
    ["check", "--as-of", "2026-09-01", "--json"],
    ["deadlines", "--as-of", "2026-09-01", "--json"],
    ["lineage", "student-attendance-daily", "--direction", "both", "--json"],
    ["lineage", "sis", "--direction", "both", "--paths", "20", "--json"],
    ["lineage", "sis", "--direction", "both", "--paths", "5"],
    ["lineage", "student-dropout-risk-score", "--direction", "both", "--json"],
    *(["blast-radius", incident, "--as-of", "2026-09-01", "--json"] for incident in INCIDENTS),
], ids=lambda command: "-".join(command[:2]))
def test_the_cli_prints_the_same(backends: dict[str, Backend], command: list[str]) -> None:
    expected = backends["embedded"].cli(*command)
    assert backends["neo4j"].cli(*command) == expected
    assert len(expected) > 200


def test_daily_attendance_goes_to_the_warehouse_and_the_call_service(backends: dict[str, Backend]) -> None:
    # Spelled out once, so that parity cannot hide a mistake both backends would share.
    result = lineage(backends["neo4j"].store, "student-attendance-daily", "down", paths=10)
    assert result.paths is not None
    assert [[hop.flow for hop in path.hops] for path in result.paths.paths] == [
        ["sis-to-schoolcall-absences"], ["sis-to-warehouse-nightly"]]
    reach, = result.reach
    assert [(s.system, s.operator, s.distance, s.chain) for s in reach.systems] == [
        ("sis", "district", 0, ()), ("schoolcall-notify", "schoolcall-messaging", 1, ("sis-to-schoolcall-absences",)),
        ("warehouse", "district", 1, ("sis-to-warehouse-nightly",))]
