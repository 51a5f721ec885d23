"""Whole-catalog analyses are computed once per data version and shared by every request."""

from __future__ import annotations

import threading
from typing import Any

import pytest

import catalog.deadlines
from api.auth import Role
from graph.results import ResultCache
from graph.store import Store

from .api_support import make_api


class Version:
    def __init__(self) -> None:
        self.value = 1

    def __call__(self) -> int:
        return self.value


def test_an_answer_is_kept_until_the_data_version_moves() -> None:
    version, calls = Version(), []
    cache = ResultCache(version)
    compute = lambda: calls.append(1) or len(calls)  # noqa: E731
    assert cache.get("k", compute) == 1 and cache.get("k", compute) == 1
    version.value = 2
    assert cache.get("k", compute) == 2
    assert cache.get("other", compute) == 3


def test_callers_arriving_during_a_computation_wait_for_it() -> None:
    started, release, calls = threading.Event(), threading.Event(), []

    def slow() -> str:
        calls.append(1)
        started.set()
        release.wait(10)
        return "answer"

    cache = ResultCache(Version())
    answers: list[str] = []
    threads = [threading.Thread(target=lambda: answers.append(cache.get("k", slow))) for _ in range(8)]
    threads[0].start()
    started.wait(10)
    for t in threads[1:]:
        t.start()
    release.set()
    for t in threads:
        t.join(10)
    assert answers == ["answer"] * 8 and len(calls) == 1


def test_the_cache_keeps_at_most_its_size() -> None:
    cache = ResultCache(Version(), size=4)
    for day in range(1000):
        cache.get(("deadlines", day), lambda: [0] * 100)
    assert len(cache._answers) == 4 and cache.computed == 1000


DEADLINES = "query($asOf: Date!) { deadlines(asOf: $asOf, first: 5000) { system element status } }"


def test_the_api_computes_deadlines_once_per_data_version(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    api = make_api(store)
    real, calls = catalog.deadlines.compute_deadlines, []

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[1:])
        return real(*args, **kwargs)

    monkeypatch.setattr(catalog.deadlines, "compute_deadlines", counted)
    first = api.data(DEADLINES, asOf="2030-07-01")["deadlines"]
    assert api.data(DEADLINES, asOf="2030-07-01")["deadlines"] == first and len(calls) == 1
    api.data(DEADLINES, asOf="2026-09-01")
    assert len(calls) == 2  # another day is another answer

    held = first[0]
    api.data("mutation($id: ID!) { deleteNode(id: $id) }", Role.STEWARD, id=held["system"])
    after = api.data(DEADLINES, asOf="2030-07-01")["deadlines"]
    assert len(calls) == 3
    assert held["system"] not in {row["system"] for row in after}
