"""Whole-catalog work runs with the cyclic garbage collector paused, and leaves it as it
found it: nested, across threads, and when the work fails."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from catalog.bulk import collector_paused
from catalog.deadlines import compute_deadlines
from catalog.findings import run_checks
from catalog.source import Problems
from catalog.view import Snapshot
from graph.embedded.store import EmbeddedStore
from graph.loading import load_paths, read_catalog

from .conftest import SEEDS


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The generation of each collection the collector starts while the test runs."""
    started: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.enable()
    gc.callbacks.append(seen)
    yield started
    gc.callbacks.remove(seen)
    gc.enable()


def test_the_collector_is_paused_inside_and_runs_again_after() -> None:
    gc.enable()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled(), "the outer work is still running"
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("the work failed")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_works_of_several_threads_resume_it_when_the_last_ends() -> None:
    gc.enable()
    inside, leave = threading.Barrier(2), threading.Event()
    paused_after_first: list[bool] = []

    def first() -> None:
        with collector_paused():
            inside.wait()
        paused_after_first.append(not gc.isenabled())
        leave.set()

    def second() -> None:
        with collector_paused():
            inside.wait()
            leave.wait(timeout=10)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert paused_after_first == [True] and gc.isenabled()


def test_reading_and_analysing_a_catalog_leaves_the_collector_idle(collections: list[int], tmp_path: Path) -> None:
    """Each work may start one collection, when it ends and the collector resumes; the
    same work unpaused starts dozens."""
    store = EmbeddedStore(tmp_path / "store", in_memory=False)
    load_paths(store, [SEEDS], now="2026-09-01T00:00:00Z")
    as_of = date(2026, 9, 1)

    def started(work: Callable[[], object]) -> int:
        gc.collect()
        collections.clear()
        work()
        return len(collections)

    assert started(lambda: read_catalog.__wrapped__([SEEDS], Problems())) > 10  # type: ignore[attr-defined]
    assert started(lambda: read_catalog([SEEDS], Problems())) <= 1
    # A store keeps its snapshot: each is read by a store opened afresh.
    fresh = [EmbeddedStore(tmp_path / "store", in_memory=False) for _ in range(2)]
    assert started(lambda: Snapshot(fresh[0].find_nodes(), fresh[0].edges())) > 10
    assert started(lambda: Snapshot.of(fresh[1])) <= 1  # the store's snapshot, built paused
    snapshot = Snapshot.of(fresh[1])
    assert started(lambda: compute_deadlines(snapshot, as_of)) <= 1
    assert started(lambda: run_checks(snapshot, as_of)) <= 1
    for opened in (store, *fresh):
        opened.close()


def test_a_snapshot_handed_out_again_leaves_the_collector_running(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A server hands its store's snapshot to most requests: only building it pauses the
    collector, so that those requests' own garbage is collected as usual."""
    store = EmbeddedStore(tmp_path / "store", in_memory=False)
    load_paths(store, [SEEDS], now="2026-09-01T00:00:00Z")
    pauses: list[str] = []
    pause = gc.disable

    def counted() -> None:
        pauses.append("paused")
        pause()
    monkeypatch.setattr(gc, "disable", counted)
    built = Snapshot.of(store)
    assert pauses == ["paused"]
    assert Snapshot.of(store) is built and pauses == ["paused"]
    store.close()


def test_what_the_work_kept_skips_the_young_collections(collections: list[int]) -> None:
    """It goes to the oldest generation when the work ends: the next young collections
    do not look at it again, and a full collection still frees a cycle made inside."""
    import weakref

    class Node:
        def __init__(self) -> None:
            self.other: Node | None = None

    gc.collect()
    with collector_paused():
        kept = [[index] for index in range(50_000)]
        first, second = Node(), Node()
        first.other, second.other = second, first
        gone = weakref.ref(first)
        del first, second
    assert gc.get_count()[0] < 50, "the young generation starts empty again"
    assert gone() is not None, "a cycle waits for a full collection"
    collections.clear()
    more = [[index] for index in range(5_000)]  # enough allocations for a young collection
    assert collections and 2 not in collections
    gc.collect()
    assert gone() is None, "and the full collection frees it"
    assert len(kept) == 50_000 and len(more) == 5_000


def test_objects_frozen_on_purpose_stay_frozen() -> None:
    gc.enable()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collector_paused():
            kept = [[index] for index in range(1_000)]
        assert gc.get_freeze_count() == frozen and len(kept) == 1_000
    finally:
        gc.unfreeze()


def test_a_warmed_server_graph_is_counted_by_one_full_collection(collections: list[int], tmp_path: Path) -> None:
    """`steward serve` warms its store before it listens: one full collection follows the
    graph's build, so that the collector's first look at all of it is not left for a
    later request. A command's store builds nothing and collects nothing; nor does a
    rebuild on read, or a warm-up while other paused work is under way."""
    load_paths(EmbeddedStore(tmp_path / "store"), [SEEDS], now="2026-09-01T00:00:00Z")
    server, command = EmbeddedStore(tmp_path / "store"), EmbeddedStore(tmp_path / "store", in_memory=False)

    def full_collections(work: Callable[[], object]) -> int:
        collections.clear()
        work()
        return collections.count(2)

    assert full_collections(server.warm) == 1
    assert full_collections(command.warm) == 0
    reading = EmbeddedStore(tmp_path / "store")
    assert full_collections(lambda: reading.memory) == 0
    with collector_paused():
        busy = EmbeddedStore(tmp_path / "store")
        assert full_collections(busy.warm) == 0
    for store in (server, command, reading, busy):
        store.close()
