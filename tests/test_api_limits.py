"""`steward serve` in a subprocess under the heaviest load a client can send: queries over
their cost budget are refused at once, the heaviest ones within it leave /healthz
answered, SIGTERM ends the server during them, and on Neo4j a transaction past the store
timeout is ended by the database itself."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from graphql import parse
from starlette.testclient import TestClient

from api.app import Settings, create_app
from api.auth import Role, create_token
from api.graphql.cost import query_cost
from api.graphql.limits import BUDGETS
from api.graphql.schema import build_schema
from graph.embedded.store import EmbeddedStore
from graph.loading import load_paths
from graph.neo4j import Neo4jStore

from .api_support import STEWARD, free_port
from .conftest import NEO4J_URI, SEEDS
from .helpers import dense

pytestmark = pytest.mark.slow

# The query of the report: 121 bytes, within the depth limit, sent without a token.
BOMB = ("{ elements(first:1) { nodes { heldBy { elements { heldBy { elements { heldBy { elements { heldBy { id } } } "
        "} } } } } } }")
FIELDS = "id name definition category sensitivity subject standardRef public updatedAt description"


SCHEMA = build_schema()._schema


def _aliases(template: str, count: int = 30) -> str:
    return "{ " + " ".join(f"a{i}: {template}" for i in range(count)) + " }"


def _filled(role: Role, template: str) -> tuple[Role, str]:
    """As many aliases of `template` as the role's budget allows (the alias limit is 30)."""
    return role, _aliases(template, min(30, BUDGETS[role] // query_cost(SCHEMA, parse(f"{{ {template} }}"))))


def _heaviest() -> list[tuple[Role, str]]:
    """The dearest documents each budget still allows, on the example district: many
    aliased pages, nested lists, and the analyses (cheap to price, slow to compute),
    with 400 paths through the tangle, whose paths are too many to ever list."""
    documents = [
        _filled(Role.PUBLIC, f"elements(first: 30) {{ nodes {{ {FIELDS} }} }}"),
        (Role.PUBLIC, "{ systems(first: 25) { nodes { elements(first: 79) { id name heldBy(first: 1) { id } } } } }"),
        (Role.VIEWER, "{ systems(first: 25) { nodes { elements(first: 100) { id heldBy(first: 8) { id } } } } }"),
        _filled(Role.VIEWER, 'scorecard(asOf: "2026-09-01") { principle checks high medium low }'),
        _filled(Role.VIEWER, 'deadlines(asOf: "2026-09-01", first: 400) { system element status }'),
        _filled(Role.VIEWER, 'findings(asOf: "2026-09-01") { rule node message }'),
        (Role.VIEWER, '{ lineage(id: "x", depth: 50) { paths(first: 400) { nodes { hops { flow } } } } }'),
    ]
    for role, document in documents:
        assert BUDGETS[role] * 0.8 < query_cost(SCHEMA, parse(document)) <= BUDGETS[role], document
    return documents


def _post(base: str, query: str, token: str | None = None, timeout: float = 60) -> dict[str, Any]:
    headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
    request = urllib.request.Request(f"{base}/graphql", data=json.dumps({"query": query}).encode(), headers=headers)
    with urllib.request.urlopen(request, timeout=timeout) as response:
        assert response.status == 200
        return json.loads(response.read())  # type: ignore[no-any-return]


def _healthz(base: str) -> int | str:
    """The status of /healthz, or why it did not answer within 5 s (which only a hang takes)."""
    try:
        with urllib.request.urlopen(f"{base}/healthz", timeout=5) as response:
            return int(response.status)
    except OSError as exc:
        return repr(exc)


def _rss_mb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS"))) // 1024


@contextmanager
def _serving(*args: str, options: tuple[str, ...] = ()) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """`steward ARGS serve OPTIONS` on a free port, until it answers /healthz; killed at the end
    if it has not exited by then. No rate limit: the load comes from one address."""
    port = free_port()
    with tempfile.TemporaryFile("w+") as log:  # not a pipe: a full pipe would stall the server
        proc = subprocess.Popen([*STEWARD, *args, "serve", *options, "--port", str(port),
                                 "--rate-limit", "1000000"],
                                stderr=log, text=True)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(150):
                if _healthz(base) == 200:
                    break
                if proc.poll() is not None:
                    log.seek(0)
                    pytest.fail(f"the server did not start: {log.read()}")
                time.sleep(0.1)
            yield proc, base
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait()


@pytest.fixture
def district(tmp_path: Path) -> tuple[list[str], str]:
    """The example district with a tangle of flows beside it, in an embedded store, and a
    VIEWER token for it."""
    store = ["--store", str(tmp_path / "store")]
    subprocess.run([*STEWARD, *store, "load", "-q", str(SEEDS), str(dense(tmp_path / "dense.yaml", 9))], check=True)
    created = subprocess.run([*STEWARD, *store, "token", "create", "--role", "viewer", "--name", "load", "--json"],
                             check=True, capture_output=True, text=True)
    return store, json.loads(created.stdout)["token"]


class _Load:
    """Threads that each send one document again and again until stopped."""

    def __init__(self, base: str, token: str, documents: list[tuple[Role, str]]) -> None:
        self.stop = threading.Event()
        self.answers: list[list[dict[str, Any]]] = [[] for _ in documents]
        self.threads = [threading.Thread(target=self._send, daemon=True,
                                         args=(base, token if role > Role.PUBLIC else None, document, i))
                        for i, (role, document) in enumerate(documents)]
        for thread in self.threads:
            thread.start()

    def _send(self, base: str, token: str | None, document: str, index: int) -> None:
        while not self.stop.is_set():
            try:
                self.answers[index].append(_post(base, document, token))
            except (OSError, ValueError):  # the server went away (SIGTERM), or hung and we gave up
                return

    def finish(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)


def test_the_121_byte_query_is_refused_at_once(district: tuple[list[str], str]) -> None:
    store, _ = district
    assert len(BOMB.encode()) == 121
    with _serving(*store) as (proc, base):
        body = _post(base, BOMB, timeout=30)
        error, = body["errors"]
        assert body["data"] is None and error["extensions"]["code"] == "VALIDATION"
        assert error["extensions"]["limit"] == BUDGETS[Role.PUBLIC] < error["extensions"]["cost"]
        assert _healthz(base) == 200
        assert _rss_mb(proc.pid) < 300  # it was 3.8 GB after six minutes


def test_healthz_answers_while_the_heaviest_queries_run(district: tuple[list[str], str]) -> None:
    store, token = district
    documents = [*_heaviest(), (Role.PUBLIC, BOMB)]
    with _serving(*store) as (_, base):
        load = _Load(base, token, documents + documents)  # each twice, in parallel
        time.sleep(1.0)
        health = []
        for _ in range(10):
            health.append(_healthz(base))
            time.sleep(0.5)
        load.finish()
    assert health == [200] * 10
    for (_, document), answers in zip(documents * 2, load.answers, strict=True):
        assert answers, f"no answer to {document[:60]}"
        # Within its budget a document is answered, or stopped by the time limit; never refused.
        codes = {e["extensions"]["code"] for a in answers for e in a.get("errors") or []}
        assert codes <= ({"VALIDATION"} if document == BOMB else {"TIMEOUT"}), (document[:60], codes)


def test_sigterm_ends_the_server_during_the_heaviest_queries(district: tuple[list[str], str]) -> None:
    store, token = district
    # Time enough for the heaviest documents to be still running at SIGTERM.
    with _serving(*store, options=("--store-timeout", "100", "--request-timeout", "120")) as (proc, base):
        load = _Load(base, token, [*_heaviest(), (Role.PUBLIC, BOMB)])
        time.sleep(1.0)  # every request is in flight
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pytest.fail("the server did not end within 15 s of SIGTERM")
        finally:
            load.finish()


def test_a_call_abandoned_by_its_request_does_not_keep_the_process_alive() -> None:
    """A blocking call that timed out runs on in its thread; the process still ends."""
    code = ("import asyncio, time\n"
            "from api.graphql.workers import Workers\n"
            "async def main():\n"
            "    try:\n"
            "        await Workers(1).run(lambda: time.sleep(600), 0.1)\n"
            "    except TimeoutError:\n"
            "        print('timed out')\n"
            "asyncio.run(main())\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert done.stdout == "timed out\n" and done.returncode == 0


@pytest.mark.neo4j
def test_neo4j_ends_a_transaction_past_the_store_timeout(neo4j: Neo4jStore, tmp_path: Path) -> None:
    """A change that waits on a lock another writer holds is ended by the database once
    the store timeout passes, rather than waiting on after its request has given up."""
    load_paths(neo4j, [dense(tmp_path / "dense.yaml", 3)], now="2026-01-01T00:00:00Z")
    token = create_token(neo4j, "steward", Role.STEWARD, "2026-01-01T00:00:00Z")
    update = 'mutation { updateNode(id: "s0", fields: {name: "Renamed"}) { id } }'
    with _serving("--backend", "neo4j", "--neo4j-uri", NEO4J_URI, options=("--store-timeout", "1")) as (_, base), \
            neo4j.conn.driver.session() as session:
        lock = session.begin_transaction()
        lock.run("MATCH (n:Steward {id: 's0'}) SET n.name = n.name").consume()
        answer: list[dict[str, Any]] = []
        request = threading.Thread(target=lambda: answer.append(_post(base, update, token)))
        request.start()
        blocked = []
        for _ in range(20):
            blocked = _blocked(neo4j)
            if blocked:
                break
            time.sleep(0.1)
        assert blocked, "the change never waited on the lock"
        request.join(timeout=30)
        assert answer and answer[0]["errors"][0]["extensions"]["code"] == "TIMEOUT"
        # The database ends it while the lock is still held (without a transaction
        # timeout it would wait as long as the lock is held).
        for _ in range(40):
            if not _blocked(neo4j):
                break
            time.sleep(0.5)
        assert _blocked(neo4j) == []
        lock.rollback()
    assert neo4j.get_node("s0").name == "s0"  # type: ignore[union-attr]


def _blocked(neo4j: Neo4jStore) -> list[str]:
    rows = neo4j.conn.read("SHOW TRANSACTIONS YIELD status, currentQuery RETURN status, currentQuery")
    return [r["currentQuery"] for r in rows if r["status"].startswith("Blocked")]


class _SlowReads(EmbeddedStore):
    """The embedded store with a pause before each read of relationships."""

    def edges(self, *args: Any, **kwargs: Any) -> Any:
        time.sleep(0.05)
        return super().edges(*args, **kwargs)

    def edges_for(self, *args: Any, **kwargs: Any) -> Any:
        time.sleep(0.25)
        return super().edges_for(*args, **kwargs)


def chain(path: Path, systems: int) -> Path:
    """Systems in a line, each sending element x to the next: a walk of `systems` levels."""
    ids = [f"s{i}" for i in range(systems)]
    lines = ["elements:", "  - {id: x, name: X, category: demographic, sensitivity: PII, subject: STUDENT}",
             "systems:", *(f"  - {{id: {s}, name: {s}, kind: APPLICATION, holds: [{{element: x}}]}}" for s in ids),
             "flows:", *(f"  - {{id: f-{a}-{b}, name: F, from: {a}, to: {b}, carries: [x]}}"
                         for a, b in pairwise(ids))]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_an_embedded_walk_stops_at_the_time_limit(tmp_path: Path) -> None:
    """The embedded store answers the blast radius level by level, a read or three each;
    every read checks the call's time limit, so a walk its request gave up on ends instead
    of running on. Ten levels of slow reads take about 8 s: far past the 2 s limit."""
    store = _SlowReads(tmp_path / "store")
    incident = tmp_path / "incident.yaml"
    incident.write_text("incidents:\n  - {id: inc, name: Inc, discovered_on: 2026-01-01, status: OPEN, "
                        "severity: HIGH, affects: [s0]}\n")
    load_paths(store, [chain(tmp_path / "chain.yaml", 12), incident], now="2026-01-01T00:00:00Z")
    token = create_token(store, "walker", Role.VIEWER, "2026-01-01T00:00:00Z")
    settings = Settings(store_timeout=0.5, request_timeout=2.0)
    with TestClient(create_app(store, settings)) as client:
        body = client.post("/graphql", json={"query": '{ blastRadius(incidentId: "inc") { systems } }'},
                           headers={"Authorization": f"Bearer {token}"}).json()
        assert body["errors"][0]["extensions"]["code"] == "TIMEOUT"
        reads = store.round_trips
        for _ in range(20):  # the walk in flight stops at its next read
            time.sleep(0.25)
            if store.round_trips == reads:
                break
            reads = store.round_trips
        time.sleep(1.0)
        assert store.round_trips == reads, "the abandoned walk is still reading the store"
