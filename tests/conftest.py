from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from graph.backends import StoreConfig, open_store
from graph.neo4j import Neo4jStore
from graph.store import Store, StoreUnavailable

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"
BACKENDS = ["embedded", "neo4j"]
NEO4J_URI = os.environ.get("STEWARD_TEST_NEO4J_URI", "bolt://127.0.0.1:7687")

# Property-based tests stay bounded: a modest number of examples, no deadline (a store on
# a busy machine is slow, not wrong), nothing saved between runs. Tests that write to a real
# store ask for fewer examples, and reuse one store across them on purpose: a failed load
# must leave it as it was, whatever earlier examples wrote. `make test` draws the same
# examples every run, so that a red run is reproducible and a green one stays green;
# `make fuzz` (STEWARD_FUZZ=1) draws fresh ones, many more of them.
_QUIET = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
settings.register_profile("steward", max_examples=40, deadline=None, database=None,
                          derandomize=True, suppress_health_check=_QUIET)
settings.register_profile("fuzz", max_examples=400, deadline=None, database=None, suppress_health_check=_QUIET)
settings.load_profile("fuzz" if os.environ.get("STEWARD_FUZZ") else "steward")


def open_test_store(backend: str, folder: Path, uri: str = NEO4J_URI) -> Store:
    """An empty store; a Neo4j server that cannot be reached fails the test, never skips it.
    "embedded-on-disk" is the embedded store as a one-shot command opens it: reading
    SQLite rather than a graph in memory."""
    on_disk = backend == "embedded-on-disk"
    try:
        opened = open_store(StoreConfig(backend="embedded" if on_disk else backend, store=str(folder),
                                        neo4j_uri=uri, in_memory=not on_disk))
    except StoreUnavailable as exc:
        problem = str(exc)
    else:
        if isinstance(opened, Neo4jStore):
            opened.clear()
        return opened
    pytest.fail(f"{problem}\nThe Neo4j tests need a server: `make neo4j` starts one, or set "
                "STEWARD_TEST_NEO4J_URI.", pytrace=False)


@pytest.fixture(params=[pytest.param(b, marks=[pytest.mark.neo4j] if b == "neo4j" else [])
                        for b in [*BACKENDS, "embedded-on-disk"]])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store of each backend, and of the embedded one read from disk; the
    contract suite runs once per backend."""
    opened = open_test_store(request.param, tmp_path / "store")
    yield opened
    opened.close()


@pytest.fixture
def neo4j(tmp_path: Path) -> Iterator[Neo4jStore]:
    """An empty Neo4j store, for the tests of what only that backend does."""
    opened = open_test_store("neo4j", tmp_path)
    assert isinstance(opened, Neo4jStore)
    yield opened
    opened.close()


@pytest.fixture
def write_yaml(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write catalog files into a fresh folder and return the folder."""
    folder = tmp_path / "catalog"
    folder.mkdir()

    def write(name: str, text: str) -> Path:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        return path

    write.folder = folder  # type: ignore[attr-defined]
    return write


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, once per test module, for the tests that also run axe-core."""
    from .browser_support import AXE, chromium

    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `cd ui && npm ci` (make does)")
    with chromium() as launched:
        yield launched
