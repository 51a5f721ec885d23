"""The peer: Amundsen's metadata service answering the system lineage questions over
the same Neo4j server as Steward's Neo4j store.

Its graph is written from the catalog in Amundsen's model: a `Table` per system (key
`steward://catalog.systems/<id>`) and, for every pair of systems a flow connects, a
`HAS_DOWNSTREAM` relationship and its `HAS_UPSTREAM` twin, as Amundsen's databuilder
writes lineage. The service (bench/peer_service.py) runs in a virtualenv of its own,
bench/.venv-amundsen, created here on first use."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import neo4j

from bench.processes import ROOT, Measured, free_port
from bench.questions import Question, Reach
from bench.serving import Client, HttpError, wait_ready

VENV = ROOT / "bench" / ".venv-amundsen"
PACKAGE = "amundsen-metadata==3.13.0"  # the Makefile installs the same, with the same stamp
KEY = "steward://catalog.systems/"


def ensure_venv(progress: Any) -> Path:
    """The virtualenv's Python, with Amundsen installed in it (once)."""
    python, stamp = VENV / "bin" / "python", VENV / f".installed-{PACKAGE.replace('==', '-')}"
    if not stamp.exists():
        progress(f"installing {PACKAGE} into {VENV.relative_to(ROOT)} (once)")
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", PACKAGE],
                       check=True)
        stamp.touch()
    return python


def write_graph(driver: neo4j.Driver) -> tuple[int, int]:
    """Amundsen's tables and lineage, from the Steward graph in the same database."""
    driver.execute_query("CREATE CONSTRAINT table_key IF NOT EXISTS FOR (t:Table) REQUIRE t.key IS UNIQUE")
    driver.execute_query("CALL db.awaitIndexes(300)")
    systems = [r["id"] for r in driver.execute_query("MATCH (s:System) RETURN s.id AS id").records]
    pairs = [r.data() for r in driver.execute_query(
        "MATCH (a:System)<-[:FROM]-(:Flow)-[:TO]->(b:System) RETURN DISTINCT a.id AS a, b.id AS b").records]
    driver.execute_query("UNWIND $ids AS id MERGE (t:Table {key: $prefix + id}) "
                         "SET t.name = id, t.is_view = false", ids=systems, prefix=KEY)
    driver.execute_query("UNWIND $pairs AS p MATCH (a:Table {key: $prefix + p.a}) MATCH (b:Table {key: $prefix + p.b}) "
                         "MERGE (a)-[:HAS_DOWNSTREAM]->(b) MERGE (b)-[:HAS_UPSTREAM]->(a)", pairs=pairs, prefix=KEY)
    return len(systems), len(pairs)


class Amundsen:
    """The metadata service on a free port, for as long as the context lasts."""

    def __init__(self, python: Path, bolt_uri: str, log: Path) -> None:
        self.port = free_port()
        self.client = Client(f"http://127.0.0.1:{self.port}")
        with log.open("wb") as out:
            self.proc = Measured([str(python), str(ROOT / "bench" / "peer_service.py"), str(self.port), bolt_uri],
                                 out, out)
        try:
            wait_ready(self.client, "/healthcheck", self.proc, log, 120)
        except BaseException:
            self.close()
            raise

    def reach(self, question: Question) -> Reach:
        """The systems downstream of a system within the depth, the start included (as
        Steward counts it). The body is an empty JSON object: with the Flask and
        werkzeug versions the package installs, its argument parser refuses a GET
        that is not declared JSON."""
        if question.kind != "system":
            raise ValueError("Amundsen's lineage is by table: only system questions have an answer")
        path = f"/table/{KEY}{question.root}/lineage?direction=downstream&depth={question.depth}"
        status, body = self.client.request("GET", path, b"{}", {"Content-Type": "application/json"})
        if status != 200:
            raise HttpError(f"Amundsen answered {status}: {body[:300]!r}")
        found = json.loads(body)["downstream_entities"]
        return frozenset([question.root, *(item["key"].removeprefix(KEY) for item in found)])

    def close(self) -> None:
        self.client.close()
        self.proc.stop(grace=10)
