"""The parts of the suite run at every size: loading, whole-catalog work, and the cold
command line with its memory. Each measures Steward and its baseline in the same run and
checks that both gave the same answer: a mismatch raises `Mismatch`, it is never a figure.
Each returns plain dicts, as they go into bench/results/latest.json."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import raw, whole
from bench.loads import Rows, neo4j_unwind, sqlite_executemany, steward_load, stored_rows
from bench.processes import Finished, Neo4jServer, run_measured, steward_command
from bench.stats import Budget, Figure, rate, series, timed
from catalog.view import Direction
from catalog.vocab import RelType
from graph.backends import StoreConfig, open_store
from graph.embedded.durable import DB_FILE
from graph.store import Store


class Mismatch(RuntimeError):
    """Steward and a baseline (or the peer, or the other backend) answered differently."""


def same(what: str, ours: object, theirs: object) -> None:
    if ours != theirs:
        raise Mismatch(f"{what}: Steward answered {str(ours)[:300]}, the baseline {str(theirs)[:300]}")


@dataclass(frozen=True)
class Where:
    """A loaded store: an embedded store's folder or a Neo4j server's URI."""

    backend: str
    location: str

    @property
    def options(self) -> list[str]:
        """The `steward` options that open it."""
        flag = "--store" if self.backend == "embedded" else "--neo4j-uri"
        return ["--backend", self.backend, flag, self.location]

    def open(self, in_memory: bool = True) -> Store:
        """A store as `steward serve` opens it, or (`in_memory=False`) as a one-shot command does."""
        if self.backend == "embedded":
            return open_store(StoreConfig(backend="embedded", store=self.location, in_memory=in_memory))
        return open_store(StoreConfig(backend="neo4j", neo4j_uri=self.location))


# Load throughput.

def _load_figures(nodes: int, relationships: int, steward: list[float], baseline: list[float]) -> dict[str, Any]:
    ours, theirs = rate(nodes + relationships, steward), rate(nodes + relationships, baseline)
    return {"nodes": nodes, "relationships": relationships,
            "steward_per_s": ours.as_dict(), "baseline_per_s": theirs.as_dict(), "ratio": ours.ratio(theirs)}


def load_embedded(catalog: Path, scratch: Path, budget: Budget) -> tuple[dict[str, Any], Where, Rows]:
    """`steward load` into fresh stores, then SQLite executemany of the rows it stored."""
    runs, folder = [], scratch / "embedded"
    for run in series(lambda: _fresh_embedded_load(catalog, folder, scratch), budget):
        runs.append(run)
    rows = stored_rows(folder)
    same("embedded load: nodes, relationships", (runs[-1].nodes, runs[-1].relationships),
         (len(rows.nodes), len(rows.edges)))
    raw = scratch / "raw-sqlite"

    def baseline() -> float:
        shutil.rmtree(raw, ignore_errors=True)
        return sqlite_executemany(rows, raw)

    base = series(baseline, budget.scaled(0.5))
    shutil.rmtree(raw, ignore_errors=True)
    report = _load_figures(len(rows.nodes), len(rows.edges), [r.seconds for r in runs], base)
    report |= {"peak_rss_mb": max(r.peak_rss_mb for r in runs), "phases": _phases([r.phases for r in runs])}
    return report, Where("embedded", str(folder)), rows


def _fresh_embedded_load(catalog: Path, folder: Path, scratch: Path) -> Any:
    shutil.rmtree(folder, ignore_errors=True)
    return steward_load(catalog, ["--backend", "embedded", "--store", str(folder)], scratch / "phases.json")


def load_neo4j(catalog: Path, rows: Rows, server: Neo4jTarget, scratch: Path, budget: Budget,
               ) -> tuple[dict[str, Any], Where]:
    """The driver's UNWIND of the same rows into an emptied database, then `steward load`
    into an emptied database; the last load stays for the other parts."""
    def baseline() -> float:
        uri = server.fresh()
        seconds = neo4j_unwind(rows, uri)
        same("neo4j baseline load: nodes, relationships", neo4j_counts(uri), (len(rows.nodes), len(rows.edges)))
        return seconds

    base = series(baseline, budget.scaled(0.5))
    runs = series(lambda: steward_load(catalog, ["--backend", "neo4j", "--neo4j-uri", server.fresh()],
                                       scratch / "phases.json"), budget)
    same("neo4j load: nodes, relationships", neo4j_counts(server.uri), (len(rows.nodes), len(rows.edges)))
    report = _load_figures(len(rows.nodes), len(rows.edges), [r.seconds for r in runs], base)
    report |= {"peak_rss_mb": max(r.peak_rss_mb for r in runs), "phases": _phases([r.phases for r in runs])}
    return report, Where("neo4j", server.uri)


def embedded_counts(where: Where) -> tuple[int, int]:
    """Nodes and relationships of the catalog in an embedded store."""
    conn = sqlite3.connect(f"file:{where.location}/{DB_FILE}?mode=ro", uri=True)
    try:
        nodes, edges = (int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in ("nodes", "edges"))
        return nodes, edges
    finally:
        conn.close()


def neo4j_counts(uri: str) -> tuple[int, int]:
    """Nodes and relationships of the catalog in a Neo4j database (Steward's metadata left out)."""
    with raw.driver(uri) as driver:
        nodes = driver.execute_query("MATCH (n:Steward) RETURN count(n) AS c").records[0]["c"]
        rels = driver.execute_query("MATCH (:Steward)-[r]->(:Steward) RETURN count(r) AS c").records[0]["c"]
    return int(nodes), int(rels)


def _phases(runs: list[dict[str, float]]) -> dict[str, float]:
    """The median of each phase over the runs, in seconds."""
    return {name: Figure.of([r.get(name, 0.0) for r in runs]).median for name in runs[0]}


class Neo4jTarget:
    """Where the Neo4j parts run: a server of the suite's own, emptied by restarting it on
    a new data folder, or a server the caller gave, emptied by deleting everything."""

    def __init__(self, server: Neo4jServer | None, uri: str | None) -> None:
        self.server, self.given = server, uri
        self.restarts: list[float] = []

    @property
    def uri(self) -> str:
        return self.server.uri if self.server is not None else str(self.given)

    def fresh(self) -> str:
        if self.server is not None:
            seconds, uri = timed(self.server.fresh)
            self.restarts.append(seconds)
            return uri
        store = Where("neo4j", self.uri).open()
        try:
            store.clear()  # type: ignore[attr-defined]
        finally:
            store.close()
        return self.uri


# Whole-catalog work.

def whole_catalog(where: Where, budget: Budget, smaller: Where | None = None) -> dict[str, Any]:
    """Deadlines, findings and publish, each run in a process of its own on the store
    opened as a command opens it (`bench.whole`): seconds, and the size of each answer.
    On Neo4j, one untimed run goes first: the first run after a load pays for the
    server's cold page cache and query plans (several times a warm run), which the
    timed runs do not; `cold_s` keeps what it took.

    With `smaller` (a copy of the store at the previous size), each run is paired with a
    run on it, just before: the growth between the sizes is then read from runs made in
    the same minutes. A machine that slows down over a long suite slows both alike,
    where runs minutes apart, one size after the other, take the drift for growth."""
    return {name: _whole_one(name, where, budget, smaller) for name in whole.WORK}


def _whole_one(name: str, where: Where, budget: Budget, smaller: Where | None) -> dict[str, Any]:
    answers: list[int] = []
    usage: list[dict[str, float]] = []
    cold = _run_whole(name, where, answers, []) if where.backend == "neo4j" else None
    before: list[float] = []
    answered_before: list[int] = []

    def measure() -> float:
        if smaller is not None:
            before.append(_run_whole(name, smaller, answered_before, []))
        return _run_whole(name, where, answers, usage)

    seconds = series(measure, budget)
    for found in (answers, answered_before):
        if len(set(found)) > 1:
            raise Mismatch(f"{name} answered {sorted(set(found))} items on the same store")
    report: dict[str, Any] = {"seconds": Figure.of(seconds).as_dict(), "answer": answers[0], "cold_s": cold,
                              "usage": usage}
    if before:
        pairs = zip(seconds, before, strict=True)
        report["paired"] = {"smaller_seconds": Figure.of(before).as_dict(), "smaller_answer": answered_before[0],
                            "growth": Figure.of(seconds).ratio(Figure.of(before)),
                            "pair_growth": [ours / theirs for ours, theirs in pairs]}
    return report


def _run_whole(work: str, where: Where, answers: list[int], usage: list[dict[str, float]]) -> float:
    """One run in a process of its own; `usage` is given its CPU times and page faults."""
    done = subprocess.run([sys.executable, "-m", "bench.whole", where.backend, where.location, work],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{work} on {where.backend} failed: {done.stderr.strip()[-2000:]}")
    found = json.loads(done.stdout)
    answers.append(int(found["answer"]))
    usage.append({key: found[key] for key in ("user_s", "system_s", "minor_faults")})
    return float(found["seconds"])


# The cold command line and its memory.

def widest(store: Store) -> str:
    """The element the most flows carry (ties: the smallest id): the largest lineage."""
    carried: dict[str, int] = {}
    for edge in store.edges(None, Direction.OUT, [RelType.CARRIES]):
        carried[edge.target] = carried.get(edge.target, 0) + 1
    return min(carried, key=lambda e: (-carried[e], e))


def _raw_command(where: Where, verb: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "bench.raw", where.backend, where.location, verb, *args]


def _runs(command: list[str], budget: Budget) -> tuple[list[Finished], str]:
    outputs: list[str] = []

    def once() -> Finished:
        done, out = run_measured(command)
        outputs.append(out)
        return done

    return series(once, budget), outputs[-1]


def _figures(steward: list[Finished], baseline: list[Finished]) -> dict[str, Any]:
    ours, theirs = Figure.of([r.seconds for r in steward]), Figure.of([r.seconds for r in baseline])
    return {"steward_s": ours.as_dict(), "baseline_s": theirs.as_dict(), "ratio": ours.ratio(theirs),
            "steward_peak_mb": max(r.peak_rss_mb for r in steward),
            "baseline_peak_mb": max(r.peak_rss_mb for r in baseline)}


def cold_cli(where: Where, element: str, budget: Budget) -> dict[str, Any]:
    """`steward lineage ELEMENT --json` and `steward show ELEMENT --json`, each a new
    process, against a process that answers the same from the database alone."""
    steward = [*steward_command(), *where.options]
    lineage_runs, out = _runs([*steward, "lineage", element, "--json"], budget)
    raw_runs, raw_out = _runs(_raw_command(where, "lineage", element), budget)
    reached = sorted({s["id"] for way in json.loads(out)["reach"] for s in way["systems"]})
    same(f"{where.backend} steward lineage {element}", reached, json.loads(raw_out))
    show_runs, out = _runs([*steward, "show", element, "--json"], budget)
    raw_show_runs, raw_out = _runs(_raw_command(where, "show", element), budget)
    shown = _shown(json.loads(out))
    same(f"{where.backend} steward show {element}", shown, _raw_shown(json.loads(raw_out)))
    return {"element": element, "lineage": {**_figures(lineage_runs, raw_runs), "answer": len(reached)},
            "show": {**_figures(show_runs, raw_show_runs), "answer": len(shown)}}


def _shown(answer: dict[str, Any]) -> list[tuple[str, bool, str]]:
    return sorted((r["type"], r["direction"] == "out", r["other"]) for r in answer["relationships"])


def _raw_shown(answer: Any) -> list[tuple[str, bool, str]]:
    rels = answer["relationships"] if isinstance(answer, dict) else answer[0]["rels"]
    return sorted((r["type"], bool(r["out"]), r["other"]) for r in rels if r["type"] is not None)


def held_in_memory(where: Where) -> float:
    """Peak memory of a process holding the whole embedded store in a networkx graph."""
    done, _ = run_measured(_raw_command(where, "hold"))
    return done.peak_rss_mb
