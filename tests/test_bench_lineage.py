"""The lineage benchmark runs, at a tiny size, and its baselines answer what Steward does."""

from __future__ import annotations

import importlib
from pathlib import Path

from graph.loading import load_paths
from graph.store import Store

from .conftest import SEEDS

bench = importlib.import_module("bench.lineage")


def test_the_benchmark_measures_against_a_baseline_that_reaches_the_same_systems(store: Store, tmp_path: Path) -> None:
    load_paths(store, [SEEDS], now="2026-09-01T00:00:00Z")
    elements, widest = bench.sample(store, 5), bench.widest(store)
    assert len(elements) == 5 and widest in bench.elements_of(store)
    report = bench.measure(store, [widest, *elements], runs=1)
    assert report["differ"] == [] and report["elements"] == 6
    assert report["steward"]["p50_ms"] > 0 and report["baseline"]["p95_ms"] >= report["baseline"]["p50_ms"]
    assert ("steward_query" in report) == (store.name == "neo4j")
