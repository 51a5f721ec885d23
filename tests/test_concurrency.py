"""Twenty writers updating the same node at once through a real `steward serve`, on both
backends. With `expectedVersion` a stale write is refused with CONFLICT, never applied;
without it, a write that crossed another is read and applied again: no update is lost."""

from __future__ import annotations

import threading
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from catalog.records import version_of
from catalog.vocab import RelType
from graph.store import Direction

from .conftest import DATA
from .soak import record, scaled
from .writers_support import BACKEND_PARAMS, Client, prepare, reading, serving, store_options

WRITERS = 20
ROUNDS = scaled(3, 6)
NODE = "sis"

READ = "query($id: ID!) { node(id: $id) { version } }"
EXPECTING = """mutation($id: ID!, $value: String!, $version: Int!) {
  updateSystem(id: $id, patch: {description: $value}, expectedVersion: $version) { version } }"""
PATCH = "mutation($id: ID!, $patch: SystemPatch!) { updateSystem(id: $id, patch: $patch) { id } }"
LINK = "mutation($from: ID!, $to: ID!) { linkHolds(from: $from, to: $to) { from to } }"
# The keys the property writers own, one each; the other writers each link elements.
KEYS = ("name", "description", "notes", "hosting")


def _in_parallel(work: Callable[[int, Client], None], base: str, token: str) -> None:
    """`work(i, client)` for every writer at once, started together; a writer's failure fails the test."""
    start = threading.Barrier(WRITERS)
    failures: list[BaseException] = []

    def run(i: int) -> None:
        client = Client(base, token)
        try:
            start.wait(timeout=120)
            work(i, client)
        except BaseException as exc:  # reported below, in the test's own thread
            failures.append(exc)
        finally:
            client.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=1800)
    assert not any(t.is_alive() for t in threads), "a writer hung"
    if failures:
        raise failures[0]


@pytest.mark.slow
@pytest.mark.reliability
@pytest.mark.parametrize("backend", BACKEND_PARAMS)
def test_a_stale_expected_version_is_refused_and_never_overwrites(backend: str, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    options = store_options(backend, tmp_path)
    token = prepare(options, DATA / "design-example.yaml")
    with reading(options) as store:
        initial = version_of(store.get_node(NODE))
        first_seq = max((c.seq for c in store.changes(limit=100_000)), default=0)
    written: list[str] = []
    conflicts: list[str] = []

    def writer(i: int, client: Client) -> None:
        for r in range(ROUNDS):
            value = f"writer {i}, round {r}"
            version = client.data(READ, id=NODE)["node"]["version"]
            body = client.post(EXPECTING, id=NODE, value=value, version=version)
            if not body.get("errors"):
                written.append(value)
                continue
            error = body["errors"][0]
            assert error["extensions"]["code"] == "CONFLICT", error
            assert error["extensions"]["currentVersion"] > version
            assert f"is at version {error['extensions']['currentVersion']}" in error["message"]
            conflicts.append(value)

    with serving(options) as (_, base):
        _in_parallel(writer, base, token)
    with reading(options) as store:
        final = version_of(store.get_node(NODE))
        trail = [c for c in store.changes(node_id=NODE, limit=100_000) if c.seq > first_seq]
    attempts = WRITERS * ROUNDS
    record(capsys, f"{backend}: {attempts} attempts, {len(written)} written, {len(conflicts)} CONFLICT, lost 0")
    assert len(written) + len(conflicts) == attempts and written and conflicts
    assert final == initial + len(written)
    # The trail holds exactly the acknowledged writes, one version each, and each was
    # made over the one before it: none was written over a version it had not read.
    assert [c.action for c in trail] == ["update"] * len(written)
    assert [c.version for c in trail] == list(range(initial + 1, final + 1))
    assert sorted(c.after["description"] for c in trail if c.after) == sorted(written)
    for earlier, later in pairwise(trail):
        assert later.before is not None and earlier.after is not None
        assert later.before["description"] == earlier.after["description"]
        assert later.before["version"] == earlier.version


@pytest.mark.slow
@pytest.mark.reliability
@pytest.mark.parametrize("backend", BACKEND_PARAMS)
def test_writes_that_cross_without_an_expected_version_all_survive(backend: str, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Four writers each own a property of the node, sixteen each add the node's HOLDS
    relationships to elements of their own: every write reads and merges the whole
    node, so one applied over a stale read would undo another's."""
    linkers = range(len(KEYS), WRITERS)
    elements = tmp_path / "elements.yaml"
    elements.write_text("elements:\n" + "".join(
        f"  - {{id: c-{i}-{r}, name: C, category: health, sensitivity: PII, subject: STUDENT}}\n"
        for i in linkers for r in range(ROUNDS)))
    options = store_options(backend, tmp_path)
    token = prepare(options, DATA / "design-example.yaml", elements)
    with reading(options) as store:
        initial = version_of(store.get_node(NODE))
    acknowledged: dict[int, list[Any]] = {i: [] for i in range(WRITERS)}
    refused: list[str] = []

    def writer(i: int, client: Client) -> None:
        for r in range(ROUNDS):
            if i < len(KEYS):
                value = f"{KEYS[i]} by writer {i}, round {r}"
                body = client.post(PATCH, id=NODE, patch={KEYS[i]: value})
            else:
                value = f"c-{i}-{r}"
                body = client.post(LINK, **{"from": NODE, "to": value})
            if body.get("errors"):
                assert body["errors"][0]["extensions"]["code"] == "CONFLICT", body["errors"]
                refused.append(value)
            else:
                acknowledged[i].append(value)

    with serving(options) as (_, base):
        _in_parallel(writer, base, token)
    with reading(options) as store:
        node = store.get_node(NODE)
        held = {e.target for e in store.edges(NODE, Direction.OUT, [RelType.HOLDS])}
    assert node is not None
    lost = [acknowledged[i][-1] for i in range(len(KEYS)) if acknowledged[i]
            and node.props.get(KEYS[i]) != acknowledged[i][-1]]
    lost += [element for i in linkers for element in acknowledged[i] if element not in held]
    done = sum(map(len, acknowledged.values()))
    record(capsys, f"{backend}: {WRITERS * ROUNDS} attempts, {done} acknowledged, {len(refused)} refused, "
                   f"lost {len(lost)}")
    assert lost == []
    assert done + len(refused) == WRITERS * ROUNDS
    assert version_of(node) == initial + done  # each acknowledged write moved it once
