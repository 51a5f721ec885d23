"""Sustained load: 20 users ask `steward serve` over HTTP what the web UI, the stewards and
the public ask (bench/load.py, also a command: `python -m bench.load`), and every answer is
right, every acknowledged write is in the audit trail, the server's memory does not climb
and it still answers /healthz at the end.

`make test` runs the example district for 15 s on each backend; `make soak` runs it for
2 minutes, and the synthetic state of 50 districts for 2 minutes on the embedded store.
Each run prints a line of figures (requests, p95, errors, memory) for the record."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import load, load_mix
from bench.parts import Where

from .conftest import NEO4J_URI, SEEDS, open_test_store
from .soak import scaled

USERS = 20
SECONDS = scaled(15.0, 120.0)
DISTRICTS = 50


def loaded(backend: str, catalog: Path, folder: Path) -> tuple[Where, float]:
    """The catalog in an emptied store, loaded by `steward load` as a user loads it, and
    the seconds that took."""
    open_test_store(backend, folder).close()  # empties the Neo4j database; fails (never skips) without one
    where = Where(backend, str(folder) if backend == "embedded" else NEO4J_URI)
    return where, load.load(catalog, where)


CASES = [pytest.param("embedded", "seeds", id="embedded-seeds"),
         pytest.param("neo4j", "seeds", id="neo4j-seeds", marks=pytest.mark.neo4j)]
# Under `make soak` also the state of 50 districts, on the embedded store only: on Neo4j its
# load and run would take the soak past its 15 minutes.
CASES += scaled([], [pytest.param("embedded", "state", id=f"embedded-{DISTRICTS}-districts")])


@pytest.mark.slow
@pytest.mark.reliability
@pytest.mark.parametrize(("backend", "catalog"), CASES)
def test_users_under_load_get_right_answers_and_the_server_keeps_its_memory(
        backend: str, catalog: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = SEEDS if catalog == "seeds" else load.generate(DISTRICTS, tmp_path / "state")
    where, load_seconds = loaded(backend, source, tmp_path / "store")
    mix = "district" if catalog == "seeds" else "state"
    result = load.run(where, USERS, SECONDS, tmp_path / "serve.log", mix)
    print(result.table())
    with capsys.disabled():  # the line for the record, shown whether the test passes or not
        name = "example district" if catalog == "seeds" else f"{DISTRICTS} districts (loaded in {load_seconds:.0f} s)"
        print(f"\n{result.summary(f'load, {backend}, {name}')}")

    asked = {s.kind for s in result.warmup + result.samples}
    assert {"element", "lineage", "search", "governance", "deadlines", "findings", "inventory",
            "inventory.json"} <= asked, asked
    assert {s.role for s in result.samples} == {"viewer", "public", "steward"}
    assert not result.errors, [f"{s.kind}/{s.role}: {s.problem}" for s in result.errors[:10]]
    if mix == "district":  # every steward writes at least once, in the warm-up
        assert result.writes >= USERS // 10
    # Every write the server acknowledged is in the audit trail, once.
    assert result.writes_recorded == result.writes
    second, last = result.memory()
    assert result.memory_stable(), (f"RSS grew from a median of {second:.0f} MB in the second quarter to "
                                    f"{last:.0f} MB in the last (allowed: {result.memory_allowance():.0f} MB): "
                                    f"{[round(m) for m in result.rss_mb]}")
    assert result.healthy_after


# The checks themselves, on made-up figures: each can fail.

def result(rss: list[float], samples: list[load.Sample] | None = None) -> load.Result:
    return load.Result(users=1, seconds=1.0, samples=samples or [], warmup=[], rss_ready_mb=rss[0], rss_mb=rss,
                       cpu_seconds=0.0, healthy_after=True, writes_recorded=0)


def test_memory_that_climbs_through_the_run_is_caught_and_memory_that_wanders_is_not() -> None:
    climbing = [100.0 + 2 * second for second in range(60)]  # 2 MB a second: a leak
    assert not result(climbing).memory_stable()
    wandering = [1000.0 + (40 if second % 7 == 0 else 0) - (25 if second % 5 == 0 else 0) for second in range(60)]
    assert result(wandering).memory_stable()
    stepped = [100.0] * 30 + [112.0] * 30  # a new thread's arena, once
    assert result(stepped).memory_stable()


def test_a_wrong_answer_is_an_error_even_with_status_200() -> None:
    request = load_mix.graphql("element", "node.graphql", "NodePage", {"id": "sis"})
    assert load_mix.outcome(request, 200, b'{"data": {"node": {"id": "sis"}}}') is None
    assert "GraphQL errors" in str(load_mix.outcome(request, 200, b'{"data": null, "errors": [{"message": "x"}]}'))
    assert "answered" in str(load_mix.outcome(request, 200, b'{"data": {"node": null}}'))  # not visible to its asker
    assert "HTTP 429" in str(load_mix.outcome(request, 429, b"slow down"))
    write = load_mix.graphql("write", "curation.graphql", "UpdateDataElement", {"id": "x", "patch": {}})
    assert "the write answered" in str(load_mix.outcome(write, 200, b'{"data": {"updateDataElement": null}}'))
    page = load_mix.Request("inventory", "GET", "/inventory")
    assert load_mix.outcome(page, 200, b"<html>") is None and load_mix.outcome(page, 200, b"") == "an empty page"


def test_an_operation_of_the_ui_is_sent_with_the_fragments_it_uses_and_no_other() -> None:
    page = load_mix.ui_operation("node.graphql", "NodePage")
    assert page.startswith("query NodePage") and "fragment Ref on Node" in page and "NodeGovernance" not in page
    assert "fragment" not in load_mix.ui_operation("node.graphql", "NodeDeadlines")
    with pytest.raises(KeyError, match="no operation"):
        load_mix.ui_operation("node.graphql", "Nothing")
