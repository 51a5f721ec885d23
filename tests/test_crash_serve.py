"""`steward serve` killed with SIGKILL while clients stream mutations, on both backends,
then started again on the same store: every acknowledged mutation is there, one that was
not acknowledged is there wholly or not at all, and replaying the audit trail gives
exactly the stored nodes and relationships."""

from __future__ import annotations

import signal
import threading
import time
from dataclasses import dataclass, field, replace
from itertools import count
from pathlib import Path
from typing import Any

import pytest

from catalog.audit import Change
from catalog.relations import declared_types
from catalog.vocab import Label, RelType
from graph.loading import edge_key
from graph.store import Direction, Store

from .conftest import DATA
from .soak import record, scaled
from .writers_support import BACKEND_PARAMS, Client, Unanswered, prepare, reading, serving, store_options

KILLS = scaled(2, 6)
ACKNOWLEDGED_PER_RUN = scaled(30, 40)  # the kill comes once this many more are acknowledged
CLIENTS = 4
SYSTEM, OWNER = "sis", "p-registrar"

CREATE = """mutation($id: String!) { createDataElement(input: {id: $id, name: "Crash test element",
  category: health, sensitivity: PII, subject: STUDENT, owners: ["p-registrar"]}) { id } }"""
UPDATE = 'mutation($id: ID!) { updateDataElement(id: $id, patch: {description: "updated"}) { id } }'
LINK = 'mutation($id: ID!) { linkHolds(from: "sis", to: $id) { from } }'
DELETE = "mutation($id: ID!) { deleteDataElement(id: $id) }"


@dataclass(frozen=True)
class Element:
    """What the test knows of one element: whether it exists, its description, whether
    the system holds it (it is owned from its creation on, in the same mutation)."""

    exists: bool = False
    description: str | None = None
    held: bool = False


def applied(state: Element, op: str) -> Element:
    if op == "create":
        return Element(exists=True)
    if op == "update":
        return replace(state, description="updated")
    if op == "link":
        return replace(state, held=True)
    return Element()


def ops(n: int) -> list[str]:
    return ["create", "update", "link", *(["delete"] if n % 3 == 2 else [])]


@dataclass
class Stream:
    """One client's elements: their state after its acknowledged mutations, and the one
    mutation (if any) whose answer never came."""

    prefix: str
    known: dict[str, Element] = field(default_factory=dict)
    unknown: tuple[str, str] | None = None
    acknowledged: int = 0
    failure: BaseException | None = None

    def run(self, client: Client, acknowledged: threading.Semaphore) -> None:
        try:
            self._run(client, acknowledged)
        except BaseException as exc:  # the test's own thread reports it
            self.failure = exc

    def _run(self, client: Client, acknowledged: threading.Semaphore) -> None:
        queries = {"create": CREATE, "update": UPDATE, "link": LINK, "delete": DELETE}
        for n in count():
            node_id = f"{self.prefix}-{n}"
            for op in ops(n):
                try:
                    body = client.post(queries[op], id=node_id)
                except Unanswered:
                    self.unknown = (node_id, op)
                    return
                assert not body.get("errors"), body["errors"]
                self.known[node_id] = applied(self.known.get(node_id, Element()), op)
                self.acknowledged += 1
                acknowledged.release()


def stored(store: Store, node_ids: list[str]) -> dict[str, Element]:
    nodes = store.get_nodes(node_ids)
    held = {e.target for e in store.edges(SYSTEM, Direction.OUT, [RelType.HOLDS])}
    owned = {e.target for e in store.edges(OWNER, Direction.OUT, [RelType.OWNS])}
    found = {}
    for node_id in node_ids:
        node = nodes.get(node_id)
        assert (node is not None) == (node_id in owned), f"{node_id} and its OWNS relationship came apart"
        found[node_id] = Element(node is not None, node.get("description") if node else None, node_id in held)
    return found


def replayed(changes: list[Change]) -> tuple[dict[str, dict[str, Any]], set[str]]:
    """The nodes (their properties) and relationships (their keys) the audit trail says
    the store holds, folded from its first change to its last."""
    nodes: dict[str, dict[str, Any]] = {}
    labels: dict[str, Label] = {}
    edges: set[str] = set()
    for change in sorted(changes, key=lambda c: c.seq):
        if change.action in ("create", "update"):
            assert change.after is not None
            after = dict(change.after)
            labels[change.target] = Label(after.pop("label"))
            relationships = after.pop("relationships", {"set": [], "removed": []})
            nodes[change.target] = after
            edges = (edges | set(relationships["set"])) - set(relationships["removed"])
        elif change.action == "delete":
            assert change.before is not None
            nodes.pop(change.target)
            edges -= set(change.before["relationships"])
        elif change.action in ("link", "unlink"):
            type_, ends = change.target.split(":", 1)
            source, target = ends.split("->")
            if change.action == "link":
                edges.add(change.target)
            else:
                edges.discard(change.target)
            declaring = source if (RelType(type_), False) in declared_types(labels[source]) else target
            nodes[declaring] = {**nodes[declaring], "updated_at": change.at, "version": change.version}
    return nodes, edges


def check(store: Store, streams: list[Stream]) -> None:
    """What the clients were told, what is stored and what the audit trail says agree."""
    for stream in streams:
        found = stored(store, sorted(stream.known.keys() | ({stream.unknown[0]} if stream.unknown else set())))
        for node_id, state in found.items():
            allowed = [stream.known.get(node_id, Element())]
            if stream.unknown and stream.unknown[0] == node_id:
                allowed.append(applied(allowed[0], stream.unknown[1]))
            assert state in allowed, f"{node_id} is {state}, expected one of {allowed}"
    nodes, edges = replayed(store.changes(limit=1_000_000))
    assert {n.id: dict(n.props) for n in store.find_nodes()} == nodes
    assert {edge_key(*e.key) for e in store.edges()} == edges


def wait_for(done: threading.Semaphore, count: int, streams: list[Stream]) -> None:
    """Until `count` more mutations are acknowledged; a client that stopped says why."""
    deadline = time.monotonic() + 300
    while count:
        if done.acquire(timeout=1):
            count -= 1
            continue
        failures = [s.failure or s.unknown for s in streams if s.failure or s.unknown]
        assert not failures, f"a client stopped before the kill: {failures}"
        assert time.monotonic() < deadline, "the clients stopped getting answers"


@pytest.mark.slow
@pytest.mark.reliability
@pytest.mark.parametrize("backend", BACKEND_PARAMS)
def test_a_killed_server_loses_no_acknowledged_mutation(backend: str, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    options = store_options(backend, tmp_path)
    token = prepare(options, DATA / "design-example.yaml")
    streams: list[Stream] = []
    for kill in range(KILLS):
        run = [Stream(f"k{kill}-c{c}") for c in range(CLIENTS)]
        streams += run
        done = threading.Semaphore(0)
        with serving(options) as (proc, base):
            clients = [Client(base, token) for _ in run]
            threads = [threading.Thread(target=s.run, args=(c, done)) for s, c in zip(run, clients, strict=True)]
            for thread in threads:
                thread.start()
            wait_for(done, ACKNOWLEDGED_PER_RUN, run)
            proc.send_signal(signal.SIGKILL)
            for thread, client in zip(threads, clients, strict=True):
                thread.join(timeout=300)
                client.close()
            assert not any(t.is_alive() for t in threads), "a client hung on a killed server"
            assert [s.failure for s in run] == [None] * CLIENTS
            assert proc.wait(timeout=60) == -signal.SIGKILL
        with serving(options) as (_, base), reading(options) as store:
            check(store, streams)
            client = Client(base, token)  # and the server started again serves and writes
            assert client.data(CREATE, id=f"after-kill-{kill}") == {"createDataElement": {"id": f"after-kill-{kill}"}}
            client.close()
            check(store, streams)
    record(capsys, f"{backend}: {KILLS} kills survived, {sum(s.acknowledged for s in streams)} mutations acknowledged, "
                   f"{sum(s.unknown is not None for s in streams)} unanswered, lost 0")
