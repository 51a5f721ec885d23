"""Neo4j goes away while `steward serve` runs against it, and comes back.

While it is away /readyz says so with a 503, GraphQL answers UNAVAILABLE (never a
traceback, never a hang), writes are refused and not acknowledged, and /healthz still
answers; once it is back the same server serves again. Afterwards every acknowledged
write is in the database and no refused one is. The Neo4j server is the test's own, on
a free port: the one the other tests share is never stopped."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.auth import Role, create_token
from bench.processes import Neo4jServer
from graph.loading import load_paths
from graph.neo4j import Neo4jConfig, Neo4jStore

from .api_support import served
from .conftest import DATA
from .soak import record, scaled

NOW = "2026-01-01T00:00:00Z"
HANG = 60.0  # seconds: only a hang takes longer than this to answer
# Seconds a restarted Neo4j may take to answer again: its first queries, on a cold JVM of
# a busy machine, can run past the server's store timeout.
RECOVERY = 300.0
UPDATE = "mutation($id: ID!, $f: JSON!) { updateNode(id: $id, fields: $f) { id } }"
TARGETS = ["sis", "student-birth-date", "risk-score", "acme-app"]

pytestmark = [pytest.mark.neo4j, pytest.mark.slow, pytest.mark.reliability]


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Neo4jServer]:
    server = Neo4jServer(tmp_path / "neo4j", heap="512m", pagecache="32m")
    try:
        server.fresh()
        yield server
    finally:
        server.close()


@dataclass
class Writes:
    """Numbered updates, each answered acknowledged, refused (with its code) or otherwise."""

    acknowledged: list[int] = field(default_factory=list)
    refused: dict[int, str] = field(default_factory=dict)
    timed_out: list[int] = field(default_factory=list)  # TIMEOUT: the store was slow; saved or not
    unexpected: list[Any] = field(default_factory=list)


class Writer(threading.Thread):
    def __init__(self, base: str, token: str) -> None:
        super().__init__(daemon=True)
        self.client = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=HANG)
        self.stop, self.writes = threading.Event(), Writes()

    def run(self) -> None:
        i = 0
        while not self.stop.is_set():
            i += 1
            variables = {"id": TARGETS[i % len(TARGETS)], "f": {"description": f"write {i}"}}
            try:
                response = self.client.post("/graphql", json={"query": UPDATE, "variables": variables})
            except httpx.HTTPError as exc:
                self.writes.unexpected.append((i, repr(exc)))
                continue
            try:
                body = response.json()
            except ValueError:
                self.writes.unexpected.append((i, response.status_code, response.text[:300]))
                continue
            errors = body.get("errors")
            if not errors:
                self.writes.acknowledged.append(i)
            elif response.status_code in (200, 503) and errors[0]["extensions"]["code"] == "UNAVAILABLE":
                self.writes.refused[i] = errors[0]["message"]
            elif response.status_code in (200, 503) and errors[0]["extensions"]["code"] == "TIMEOUT":
                self.writes.timed_out.append(i)
            else:
                self.writes.unexpected.append((i, response.status_code, body))
            time.sleep(0.02)
        self.client.close()


def until(done: Any, what: str, limit: float = HANG) -> None:
    """Wait for `done()`, failing the test (not hanging it) after `limit` seconds."""
    deadline = time.monotonic() + limit
    while not done():
        assert time.monotonic() < deadline, f"still waiting, after {limit:g} s, for {what}"
        time.sleep(0.05)


def timed(call: Any) -> tuple[float, Any]:
    started = time.monotonic()
    result = call()
    return time.monotonic() - started, result


def wait_for(client: httpx.Client, path: str, status: int, limit: float = HANG) -> tuple[float, httpx.Response]:
    """Poll `path` until it answers `status`: how long that took, and the answer."""
    started = time.monotonic()
    while True:
        response = client.get(path)
        if response.status_code == status or time.monotonic() - started > limit:
            return time.monotonic() - started, response
        time.sleep(0.1)


def test_the_server_rides_out_neo4j_going_away(database: Neo4jServer, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    store = Neo4jStore(Neo4jConfig(uri=database.uri))
    load_paths(store, [DATA / "design-example.yaml"], now=NOW)
    token = create_token(store, "writer", Role.STEWARD, NOW)
    store.close()
    figures: dict[str, list[float]] = {"unavailable_s": [], "graphql_s": [], "recovered_s": []}
    outages = scaled(1, 5)
    log = tmp_path / "serve.log"
    with served(["--backend", "neo4j", "--neo4j-uri", database.uri], log=log) as base, \
            httpx.Client(base_url=base, timeout=HANG) as client:
        writer = Writer(base, token)
        writer.start()
        try:
            for _ in range(outages):
                acked = len(writer.writes.acknowledged)
                until(lambda n=acked: len(writer.writes.acknowledged) >= n + 5, "writes to be acknowledged")
                database.stop()
                seconds, ready = wait_for(client, "/readyz", 503)
                assert ready.status_code == 503, ready.text
                assert ready.json()["status"] == "unavailable" and "unavailable" in ready.json()["reason"]
                figures["unavailable_s"].append(seconds)
                seconds, answer = timed(lambda: client.post("/graphql", json={"query": "{ systems { nodes { id } } }"}))
                figures["graphql_s"].append(seconds)
                error = answer.json()["errors"][0]
                assert error["extensions"]["code"] == "UNAVAILABLE", answer.text
                assert "Traceback" not in answer.text and "neo4j" not in error["message"].lower()
                assert client.get("/healthz").status_code == 200
                refused = len(writer.writes.refused)
                until(lambda n=refused: len(writer.writes.refused) >= n + 2, "the writer's writes to be refused")
                database.start()
                seconds, ready = wait_for(client, "/readyz", 200, RECOVERY)
                assert ready.status_code == 200, ready.text
                figures["recovered_s"].append(seconds)
                answer = client.post("/graphql", json={"query": '{ node(id: "sis") { id } }'})
                assert answer.json() == {"data": {"node": {"id": "sis"}}}
            acked = len(writer.writes.acknowledged)
            until(lambda: len(writer.writes.acknowledged) >= acked + 5, "writes to be acknowledged again", RECOVERY)
        finally:
            writer.stop.set()
            writer.join(HANG)
    writes = writer.writes
    assert writes.unexpected == [], log.read_text()[-5000:]
    store = Neo4jStore(Neo4jConfig(uri=database.uri))
    try:
        saved = {int(c.after["description"].split()[1]) for c in store.changes(limit=1_000_000)
                 if c.after and str(c.after.get("description", "")).startswith("write ")}
    finally:
        store.close()
    lost = [i for i in writes.acknowledged if i not in saved]
    unknown = {i for i, message in writes.refused.items() if "may or may not" in message}
    refused_but_saved = [i for i in writes.refused if i in saved and i not in unknown]
    record(capsys, f"outages {outages}; /readyz 503 after {figures['unavailable_s']} s; GraphQL UNAVAILABLE in "
                   f"{figures['graphql_s']} s; recovered {figures['recovered_s']} s after Neo4j was back; writes "
                   f"acknowledged {len(writes.acknowledged)}, refused {len(writes.refused)} (outcome unknown "
                   f"{len(unknown)}), timed out {len(writes.timed_out)}, lost {len(lost)}, refused but saved "
                   f"{len(refused_but_saved)}")
    assert lost == [], log.read_text()[-5000:]
    assert refused_but_saved == [], ({i: writes.refused[i] for i in refused_but_saved}, log.read_text()[-5000:])
    assert len(writes.refused) >= 2 * outages
