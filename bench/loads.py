"""Load throughput: `steward load` of a generated catalog against the raw database
writing the same rows.

The rows are the nodes and relationships `steward load` stored, read back from the
embedded store (the same on both backends). The baselines write them with nothing of
Steward in the way:
- embedded: SQLite `executemany` into the store's own tables (same indexes, same
  pragmas: WAL, synchronous=FULL, foreign keys), in one transaction;
- Neo4j: the driver's `UNWIND $rows` with minimal Cypher (CREATE nodes; MATCH both ends
  by id and CREATE each relationship), 10,000 rows per transaction, with a uniqueness
  constraint on the id (without one, matching the ends is a label scan)."""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any

from bench import raw
from bench.processes import run_measured
from catalog.vocab import Label, RelType
from graph.embedded.durable import DB_FILE, Durable, encode

# Every load is stamped with the same time, so reruns write the same rows.
STAMP = "2026-09-01T00:00:00Z"
CHUNK = 10_000


@dataclass(frozen=True)
class Rows:
    nodes: list[tuple[str, str, dict[str, Any]]]  # id, label, props
    edges: list[tuple[str, str, str, dict[str, Any]]]  # type, source, target, props


@dataclass(frozen=True)
class LoadRun:
    seconds: float
    peak_rss_mb: float
    phases: dict[str, float]
    nodes: int
    relationships: int


def steward_load(catalog: Path, store_options: list[str], phases_file: Path) -> LoadRun:
    """`steward load` of the catalog in a new process, start to exit, with its phases."""
    command = [sys.executable, "-m", "bench.load_phases", str(phases_file), *store_options,
               "load", "--json", "--at", STAMP, str(catalog)]
    done, stdout = run_measured(command)
    report = json.loads(stdout)
    phases = json.loads(phases_file.read_text(encoding="utf-8"))
    phases["startup"] = done.seconds - phases.pop("command")
    return LoadRun(done.seconds, done.peak_rss_mb, phases, report["created"], report["edges_added"])


def stored_rows(store_folder: Path) -> Rows:
    """What an embedded store holds, as plain rows (its audit trail left out)."""
    conn = sqlite3.connect(store_folder / DB_FILE)
    try:
        nodes = [(i, label, json.loads(props)) for i, label, props in
                 conn.execute("SELECT id, label, props FROM nodes ORDER BY label, id")]
        edges = [(t, s, d, json.loads(props)) for t, s, d, props in
                 conn.execute("SELECT type, source, target, props FROM edges ORDER BY type, source, target")]
    finally:
        conn.close()
    return Rows(nodes, edges)


def sqlite_executemany(rows: Rows, folder: Path) -> float:
    """Seconds to write the rows into a fresh database with the store's schema."""
    durable = Durable(folder)  # creates the tables, indexes and pragmas; not timed
    conn = durable.conn
    try:
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO nodes(id, label, props) VALUES (?, ?, ?)",
                         ((i, label, encode(props)) for i, label, props in rows.nodes))
        conn.executemany("INSERT INTO edges(type, source, target, props) VALUES (?, ?, ?, ?)",
                         ((t, s, d, encode(props)) for t, s, d, props in rows.edges))
        conn.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        durable.close()


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]


def neo4j_unwind(rows: Rows, uri: str) -> float:
    """Seconds to write the rows into an empty Neo4j database through the driver."""
    with raw.driver(uri) as driver:
        driver.execute_query("CREATE CONSTRAINT raw_id IF NOT EXISTS FOR (n:Steward) REQUIRE n.id IS UNIQUE")
        driver.execute_query("CALL db.awaitIndexes(300)")
        started = time.perf_counter()
        for label, group in groupby(rows.nodes, key=lambda row: row[1]):
            cypher = f"UNWIND $rows AS row CREATE (n:Steward:`{Label(label).value}`) SET n = row.props"
            for chunk in _chunks([{"props": {**props, "id": i}} for i, _, props in group]):
                driver.execute_query(cypher, rows=chunk)
        for type_, edge_group in groupby(rows.edges, key=lambda row: row[0]):
            cypher = (f"UNWIND $rows AS row MATCH (a:Steward {{id: row.source}}) MATCH (b:Steward {{id: row.target}}) "
                      f"CREATE (a)-[r:`{RelType(type_).value}`]->(b) SET r = row.props")
            for chunk in _chunks([{"source": s, "target": d, "props": props} for _, s, d, props in edge_group]):
                driver.execute_query(cypher, rows=chunk)
        return time.perf_counter() - started
