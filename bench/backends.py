"""Figures for the two backends: Neo4j start-up, loading the example district, lineage,
deadlines and check, each the median of a few runs, with the ratio neo4j/embedded.

    .venv/bin/python bench/backends.py --start-server 7699
        starts a throwaway Neo4j on that port (timing a start on an empty data folder and
        a restart on the loaded one), measures against it, then stops it
    .venv/bin/python bench/backends.py --neo4j-uri bolt://127.0.0.1:7687
        measures against a running server: this EMPTIES its database

Loads are `steward load seeds/` in a child process, as a user runs it, each into a
fresh store or an emptied database; the analyses run in this process on open stores,
after one run that is not counted."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from catalog.deadlines import compute_deadlines  # noqa: E402
from catalog.findings import run_checks, scorecard  # noqa: E402
from catalog.lineage import lineage  # noqa: E402
from catalog.view import Snapshot  # noqa: E402
from graph.backends import StoreConfig, open_store  # noqa: E402
from graph.neo4j import Neo4jStore  # noqa: E402
from graph.store import Store  # noqa: E402

SEEDS = ROOT / "seeds"
NEO4J_SH = ROOT / "tools" / "neo4j" / "neo4j.sh"
AS_OF = date(2026, 9, 1)
Row = tuple[str, float | None, float | None]  # what, embedded seconds, neo4j seconds


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def median(runs: int, work: Callable[[], object]) -> float:
    work()  # warm-up, not counted: the first query of a kind is planned, and a new JVM is cold
    return statistics.median(timed(work) for _ in range(runs))


@contextmanager
def throwaway_server(port: int, rows: list[Row]) -> Iterator[str]:
    """A Neo4j of our own in a temporary folder; its start-up times go into `rows`."""
    with tempfile.TemporaryDirectory(prefix="steward-bench-neo4j-") as home:
        env = {**os.environ, "STEWARD_NEO4J_HOME": home, "STEWARD_NEO4J_PORT": str(port)}

        def script(verb: str) -> None:
            subprocess.run(["bash", str(NEO4J_SH), verb], env=env, check=True, capture_output=True)

        try:
            rows.append(("neo4j start-up, empty data folder", None, timed(lambda: script("start"))))
            yield f"bolt://127.0.0.1:{port}"
            script("stop")
            rows.insert(1, ("neo4j start-up, district loaded", None, timed(lambda: script("start"))))
        finally:
            script("stop")


def cli_load(options: list[str]) -> float:
    """`steward load seeds/` as a user runs it: a new process, start to finish."""
    command = [sys.executable, "-m", "api.cli", *options, "load", "--quiet", str(SEEDS)]
    return timed(lambda: subprocess.run(command, cwd=ROOT, check=True, capture_output=True))


def load_times(uri: str, runs: int, scratch: Path) -> tuple[float, float, Path]:
    """Median load on each backend, every run into a fresh store or an emptied database."""
    embedded, neo4j, folder = [], [], scratch
    for run in range(runs):
        folder = scratch / f"store-{run}"
        embedded.append(cli_load(["--backend", "embedded", "--store", str(folder)]))
        emptied = open_store(StoreConfig(backend="neo4j", neo4j_uri=uri))
        assert isinstance(emptied, Neo4jStore)
        emptied.clear()
        emptied.close()
        neo4j.append(cli_load(["--backend", "neo4j", "--neo4j-uri", uri]))
    return statistics.median(embedded), statistics.median(neo4j), folder


def check(store: Store) -> None:
    snap = Snapshot.of(store)  # as `steward check` does
    run_checks(snap, AS_OF)
    scorecard(snap, AS_OF)


def analyses(embedded: Store, neo4j: Store, runs: int) -> list[Row]:
    measures: list[tuple[str, Callable[[Store], object]]] = [
        ("lineage student-attendance-daily, both", lambda s: lineage(s, "student-attendance-daily", "both")),
        ("lineage sis, both", lambda s: lineage(s, "sis", "both")),
        ("deadlines", lambda s: compute_deadlines(s, AS_OF)),
        ("check", check),
    ]
    return [(what, median(runs, partial(work, embedded)), median(runs, partial(work, neo4j)))
            for what, work in measures]


def table(rows: list[Row], runs: int) -> str:
    def cell(seconds: float | None) -> str:
        return "-" if seconds is None else f"{seconds * 1000:,.0f} ms"

    lines = [f"{'measure (median of ' + str(runs) + ')':<42} {'embedded':>10} {'neo4j':>10} {'neo4j/emb':>10}"]
    for what, embedded, neo4j in rows:
        ratio = f"{neo4j / embedded:.1f}x" if embedded and neo4j else "-"
        lines.append(f"{what:<42} {cell(embedded):>10} {cell(neo4j):>10} {ratio:>10}")
    return "\n".join(lines)


def measure(uri: str, runs: int, rows: list[Row]) -> None:
    with tempfile.TemporaryDirectory(prefix="steward-bench-") as scratch:
        embedded_load, neo4j_load, folder = load_times(uri, runs, Path(scratch))
        rows.append(("steward load seeds/ (new process)", embedded_load, neo4j_load))
        embedded = open_store(StoreConfig(backend="embedded", store=str(folder)))
        neo4j = open_store(StoreConfig(backend="neo4j", neo4j_uri=uri))
        try:
            rows += analyses(embedded, neo4j, runs)
        finally:
            embedded.close()
            neo4j.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--start-server", type=int, metavar="PORT", help="start a throwaway Neo4j on this port")
    where.add_argument("--neo4j-uri", help="a running Neo4j whose database may be emptied")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (default 5)")
    args = parser.parse_args()
    rows: list[Row] = []
    if args.start_server:
        with throwaway_server(args.start_server, rows) as uri:
            measure(uri, args.runs, rows)
    else:
        measure(args.neo4j_uri, args.runs, rows)
    print(table(rows, args.runs))


if __name__ == "__main__":
    main()
