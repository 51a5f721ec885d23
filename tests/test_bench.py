"""The benchmark suite runs, once, at a tiny size, on both backends and against the peer,
and every method it measures reached the same answers as its baseline (the suite stops
with Mismatch otherwise). Its figures are not asserted: only their shape."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from api.cli import cli
from bench import growth, online, parts, peer, questions, report
from bench.__main__ import main
from bench.loads import stored_rows
from bench.stats import Budget
from bench.suite import Settings, run

from .conftest import NEO4J_URI

# The peer needs its own virtualenv (amundsen-metadata pins the neo4j driver 4.4, which
# this project's cannot hold). `make test` creates it; a bare pytest, which installs
# nothing, leaves the peer out rather than reach for the network.
PEER = peer.VENV.joinpath(".installed-" + peer.PACKAGE.replace("==", "-")).exists()
TINY = Settings(sizes=(1, 2), sample=3, lineage_runs=1, window=0.5, budget=Budget(1, 1, 0.0),
                load_budget=Budget(1, 1, 0.0), peer=PEER, neo4j_uri=NEO4J_URI)


def _positive(figure: dict[str, Any]) -> None:
    assert figure["runs"] >= 1 and 0 < figure["min"] <= figure["median"] <= figure["max"]


@pytest.fixture(scope="module")
def results() -> dict[str, Any]:
    return run(TINY, lambda _message: None)


@pytest.mark.neo4j
@pytest.mark.slow
def test_every_part_ran_on_both_backends_at_every_size(results: dict[str, Any]) -> None:
    assert sorted(results["sizes"]) == ["1", "2"]
    first = results["sizes"]["1"]
    assert first["embedded"]["load"]["nodes"] == first["neo4j"]["load"]["nodes"] == first["nodes"] > 0
    assert first["embedded"]["load"]["relationships"] == first["neo4j"]["load"]["relationships"] > 0
    for backend in ("embedded", "neo4j"):
        _positive(first[backend]["load"]["steward_per_s"])
        _positive(first[backend]["load"]["baseline_per_s"])
        assert {"read", "validate", "write", "startup"} <= set(first[backend]["load"]["phases"])
        # The second size grew the first's store by the district it adds, to the same
        # counts on both backends (the suite checks them against each other).
        grown = results["sizes"]["2"][backend]["grow"]
        assert grown["after_districts"] == 1 and grown["seconds"] > 0
        assert first["nodes"] + grown["nodes_added"] == results["sizes"]["2"]["nodes"]
        assert first["relationships"] + grown["relationships_added"] == results["sizes"]["2"]["relationships"]
        for size in ("1", "2"):
            mine = results["sizes"][size][backend]
            assert set(mine["whole"]) == {"deadlines", "findings", "publish"}
            assert all(w["answer"] > 0 for w in mine["whole"].values())
            assert all((w["cold_s"] is not None) == (backend == "neo4j") for w in mine["whole"].values())
            # Each timed run, in a process of its own, reports where its time went.
            # (a tiny catalog's work may take less than the kernel's accounting tick: at least 0)
            assert all(len(w["usage"]) == w["seconds"]["runs"]
                       and all(min(u["user_s"], u["system_s"], u["minor_faults"]) >= 0 for u in w["usage"])
                       for w in mine["whole"].values())
            assert mine["cli"]["lineage"]["answer"] > 0 and mine["cli"]["show"]["answer"] > 0
            assert 0 < mine["cli"]["lineage"]["steward_peak_mb"] < 4096 and mine["serve_peak_mb"] > 0
    # From the second size on, the embedded runs are paired with runs on a copy of the
    # store as it was at the size before: the same answers as that size gave.
    for work, mine in results["sizes"]["2"]["embedded"]["whole"].items():
        paired = mine["paired"]
        assert paired["smaller_answer"] == first["embedded"]["whole"][work]["answer"]
        assert paired["smaller_answer"] < mine["answer"] or work == "publish"  # the site's files: as many
        assert paired["smaller_seconds"]["runs"] == mine["seconds"]["runs"] == len(paired["pair_growth"])
        assert paired["growth"] > 0
    assert all("paired" not in w for w in first["embedded"]["whole"].values())
    assert all("paired" not in w for w in results["sizes"]["2"]["neo4j"]["whole"].values())
    # Twice the districts, more to load and more to answer.
    assert results["sizes"]["2"]["nodes"] > first["nodes"]


def test_growing_a_store_size_by_size_stores_what_loading_the_largest_size_does(tmp_path: Path) -> None:
    """The steps the suite loads one after the other give the catalog `steward generate`
    writes for the larger size, row for row."""
    def steward(*args: str) -> None:
        result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
        assert result.exit_code == 0, result.output

    def load(folders: list[Path], store: Path) -> tuple[list[Any], list[Any]]:
        for folder in folders:
            steward("--store", str(store), "load", "--at", "2026-09-01T00:00:00Z", str(folder))
        rows = stored_rows(store)
        return rows.nodes, rows.edges

    for name in ("whole", "split"):
        steward("generate", "--districts", "3", "--seed", "7", str(tmp_path / name))
    steps = growth.split(tmp_path / "split", [1, 3], tmp_path / "steps")
    assert sorted(p.name for p in (steps[3] / "districts").iterdir()) == ["d0002.yaml", "d0003.yaml"]
    grown = load([steps[1], steps[3]], tmp_path / "grown")
    assert grown == load([tmp_path / "whole"], tmp_path / "at-once") and len(grown[0]) > 0


@pytest.mark.neo4j
@pytest.mark.slow
def test_the_largest_size_has_lineage_load_and_the_peer(results: dict[str, Any]) -> None:
    at = results["sizes"]["2"]
    assert "lineage_python" not in results["sizes"]["1"]["embedded"]
    for backend in ("embedded", "neo4j"):
        lineage, http, load = at[backend]["lineage_python"], at[backend]["lineage_http"], at[backend]["under_load"]
        assert lineage["steward"]["calls"] == lineage["baseline"]["calls"] == 3
        assert lineage["ratio_p50"] > 0 and http["graphql"]["p95_ms"] >= http["graphql"]["p50_ms"] > 0
        assert load["steward"]["requests"] > 0 and load["baseline"]["requests"] > 0
        # The element-detail query costs the same round trips whatever its lists hold.
        assert load["round_trips_one_by_one"]["min"] == load["round_trips_one_by_one"]["max"] > 0
        assert math.isclose(load["round_trips_per_request"], load["round_trips_one_by_one"]["max"], rel_tol=0.2)
    if PEER:
        assert at["neo4j"]["peer"]["amundsen"]["calls"] == 3 and at["neo4j"]["peer"]["tables"] > 0
    else:
        assert "peer" not in at["neo4j"]


@pytest.mark.neo4j
@pytest.mark.slow
def test_the_tables_are_written_between_the_markers(results: dict[str, Any], tmp_path: Path) -> None:
    page = tmp_path / "benchmarks.md"
    page.write_text(f"# Before\n{report.BEGIN}\nLAST RUN'S TABLES\n{report.END}\nafter\n", encoding="utf-8")
    report.write(page, results)
    text = page.read_text(encoding="utf-8")
    assert text.startswith("# Before\n") and text.endswith(f"{report.END}\nafter\n")
    assert "LAST RUN'S TABLES" not in text
    assert "### Load throughput" in text and "| 2 | neo4j |" in text and results["machine"]["cpu"] in text
    assert ("Amundsen 3.13" in text) == PEER
    assert "| growth | growth, runs paired | growth of the CPU time in user mode |" in text
    page.write_text("no markers", encoding="utf-8")
    with pytest.raises(ValueError, match="no markers"):
        report.write(page, results)


def test_a_baseline_that_answers_otherwise_stops_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from graph.loading import load_paths

    from .conftest import SEEDS

    where = parts.Where("embedded", str(tmp_path / "store"))
    store = where.open()
    try:
        load_paths(store, [SEEDS], now="2026-09-01T00:00:00Z")
        asked = [questions.Question(parts.widest(store), "element")]
        assert online.lineage_in_process(where, store, asked, 1)["steward"]["calls"] == 1
        honest = questions.networkx_reach
        monkeypatch.setattr(questions, "networkx_reach", lambda graph, q: honest(graph, q) - {min(honest(graph, q))})
        with pytest.raises(parts.Mismatch, match="reached"):
            online.lineage_in_process(where, store, asked, 1)
    finally:
        store.close()


def test_the_command_line_teaches_and_refuses_bad_sizes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    shown = capsys.readouterr().out
    assert "--sizes" in shown and "--quick" in shown and "EMPTIES" in shown and "bench/results/latest.json" in shown
    with pytest.raises(SystemExit) as exited:
        main(["--sizes", "50,zero"])
    assert exited.value.code == 2 and "--sizes takes district counts" in capsys.readouterr().err
    json.dumps(TINY.describe())  # the settings go into the results as they are
