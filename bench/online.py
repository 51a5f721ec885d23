"""The parts of the suite run at the largest size: lineage (through the Python API and
through GraphQL over HTTP), the element-detail question under load, the memory of
`steward serve`, and the peer. Every answer is checked against the baseline's: a
mismatch raises `Mismatch`."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench import peer, questions, raw, under_load
from bench.parts import Mismatch, Where, same
from bench.processes import Finished
from bench.questions import Question, Reach
from bench.serving import Client, StewardServer
from bench.stats import Figure, percentile
from graph.store import Store

PAGE = 500  # the API's largest page


def _latency(seconds: list[float]) -> dict[str, Any]:
    return {"p50_ms": Figure.of(seconds).median * 1000, "p95_ms": percentile(seconds, 0.95) * 1000,
            "min_ms": min(seconds) * 1000, "max_ms": max(seconds) * 1000, "calls": len(seconds)}


def _compare(name: str, ours: list[float], base: list[float]) -> dict[str, Any]:
    a, b = _latency(ours), _latency(base)
    return {name: a, "baseline": b, "ratio_p50": a["p50_ms"] / b["p50_ms"], "ratio_p95": a["p95_ms"] / b["p95_ms"]}


def _ask(methods: dict[str, Callable[[Question], Reach]], asked: list[Question], runs: int,
         ) -> dict[str, list[float]]:
    """Each question of each method `runs` times after one untimed call, whose answer is
    checked against the first method's (the baseline's)."""
    seconds: dict[str, list[float]] = {name: [] for name in methods}
    for question in asked:
        answers = {name: ask(question) for name, ask in methods.items()}  # warm-up, and the check
        first, *_ = answers
        for name, answer in answers.items():
            if answer != answers[first]:
                raise Mismatch(f"{question.kind} {question.root}: {name} reached {len(answer)} systems, "
                               f"{first} {len(answers[first])}: {sorted(answer ^ answers[first])[:10]}")
        for name, ask in methods.items():
            for _ in range(runs):
                started = time.perf_counter()
                ask(question)
                seconds[name].append(time.perf_counter() - started)
    return seconds


def baseline_reach(where: Where) -> tuple[Callable[[Question], Reach], Callable[[], None]]:
    """The raw baseline of lineage for a store, and how to release what it holds."""
    if where.backend == "embedded":
        graph = questions.read_graph(Path(where.location))
        return (lambda q: questions.networkx_reach(graph, q)), (lambda: None)
    driver = raw.driver(where.location)
    return (lambda q: questions.cypher_reach(driver, q)), driver.close


def lineage_in_process(where: Where, store: Store, asked: list[Question], runs: int) -> dict[str, Any]:
    """Steward's `catalog.lineage.lineage` against the raw baseline, in this process."""
    raw, release = baseline_reach(where)
    try:
        seconds = _ask({"baseline": raw, "steward": lambda q: questions.steward_reach(store, q)}, asked, runs)
    finally:
        release()
    return {"questions": len(asked), "runs": runs, **_compare("steward", seconds["steward"], seconds["baseline"])}


def graphql_reach(client: Client, question: Question) -> Reach:
    """Every system of the reach, a page of PAGE at a time (all pages make the answer)."""
    found: set[str] = set()
    after: str | None = None
    while True:
        data = client.graphql(questions.LINEAGE_QUERY, {"id": question.root, "depth": question.depth,
                                                        "first": PAGE, "after": after})
        page = data["lineage"]["systems"]
        found.update(node["id"] for node in page["nodes"])
        if not page["hasNextPage"]:
            return frozenset(found)
        after = page["endCursor"]


def lineage_over_http(where: Where, client: Client, asked: list[Question], runs: int) -> dict[str, Any]:
    raw, release = baseline_reach(where)
    try:
        seconds = _ask({"baseline": raw, "graphql": lambda q: graphql_reach(client, q)}, asked, runs)
    finally:
        release()
    return {"questions": len(asked), "runs": runs, **_compare("graphql", seconds["graphql"], seconds["baseline"])}


@contextmanager
def serving(where: Where, log: Path) -> Iterator[tuple[StewardServer, str, list[Finished]]]:
    """`steward serve` of the store with a VIEWER token; its end (with its peak memory)
    is appended to the list when the context closes."""
    from api.auth import Role, create_token

    store = where.open()
    try:
        token = create_token(store, f"bench-{time.time_ns()}", Role.VIEWER)
    finally:
        store.close()
    server = StewardServer(where.options, log)
    ended: list[Finished] = []
    try:
        yield server, token, ended
    finally:
        ended.append(server.stop())


def _detail_ids(answer: dict[str, Any]) -> dict[str, list[str]]:
    return {key: sorted(item if isinstance(item, str) else item["id"] for item in answer[key])
            for key in ("heldBy", "carriedBy", "usedFor", "requiredBy", "owners", "stewards")}


def baseline_detail(where: Where) -> tuple[Callable[[], Callable[[str], object]], Callable[[str], dict[str, Any]],
                                           Callable[[], None]]:
    """The baseline's worker factory, its answer for the check, and its release."""
    if where.backend == "embedded":
        graph = questions.read_graph(Path(where.location))
        return under_load.networkx_worker(graph), (lambda e: under_load.networkx_detail(graph, e)), lambda: None
    driver = raw.driver(where.location, max_connection_pool_size=under_load.CLIENTS * 2)

    def detail(element: str) -> dict[str, Any]:
        record = driver.execute_query(under_load.ELEMENT_DETAIL_CYPHER, {"id": element}).records[0]
        return dict(record.data())

    return under_load.cypher_worker(driver), detail, driver.close


def element_detail(where: Where, server: StewardServer, token: str, elements: list[str], seconds: float,
                   ) -> dict[str, Any]:
    """The element-detail question from 20 clients, Steward over HTTP and the baseline,
    each for `seconds`; store round trips per request, under load and one by one."""
    make, detail, release = baseline_detail(where)
    try:
        client = Client(server.base, token)
        # Reading /metrics costs round trips of its own (its token is looked up): what two
        # reads in a row differ by is taken off every difference below.
        first = server.round_trips(token)
        own = server.round_trips(token) - first
        per_request = []
        for element in elements:  # the check, and round trips request by request
            before = server.round_trips(token)
            answer = client.graphql(under_load.ELEMENT_DETAIL, {"id": element})["node"]
            per_request.append(server.round_trips(token) - before - own)
            same(f"{where.backend} element detail {element}", _detail_ids(answer), _detail_ids(detail(element)))
        client.close()
        before = server.round_trips(token)
        ours = under_load.hammer(under_load.graphql_worker(server.base, token), elements, seconds)
        trips = server.round_trips(token) - before - own
        theirs = under_load.hammer(make, elements, seconds)
    finally:
        release()
    if ours.errors or theirs.errors:
        raise Mismatch(f"under load: {ours.errors} Steward requests and {theirs.errors} baseline requests failed")
    return {"clients": under_load.CLIENTS, "seconds": seconds,
            "steward": _window(ours), "baseline": _window(theirs),
            "ratio_throughput": ours.throughput / theirs.throughput, "ratio_p95": ours.p95 / theirs.p95,
            "round_trips_per_request": trips / max(1, ours.requests),
            "round_trips_one_by_one": {"min": min(per_request), "max": max(per_request)}}


def _window(window: under_load.Window) -> dict[str, Any]:
    return {"requests": window.requests, "throughput_per_s": window.throughput, "p95_ms": window.p95 * 1000,
            "p50_ms": percentile(window.latencies, 0.5) * 1000}


def warm_requests(server: StewardServer, token: str, element: str) -> None:
    """What a user's first requests make a server read: a lineage and an element's detail."""
    client = Client(server.base, token)
    graphql_reach(client, Question(element, "element"))
    client.graphql(under_load.ELEMENT_DETAIL, {"id": element})
    client.close()


def peer_lineage(where: Where, server: StewardServer, token: str, asked: list[Question], runs: int,
                 progress: Callable[[str], None], scratch: Path) -> dict[str, Any]:
    """System lineage: Amundsen's metadata service over the same Neo4j, Steward's GraphQL,
    and the hand-written Cypher, each answer checked against the Cypher's."""
    python = peer.ensure_venv(progress)
    with raw.driver(where.location) as driver:
        written, graph_s = _timed_pairs(lambda: peer.write_graph(driver))
        progress(f"peer graph written: {written[0]} tables, {written[1]} lineage pairs in {graph_s:.1f} s")
        amundsen = peer.Amundsen(python, where.location, scratch / "amundsen.log")
        client = Client(server.base, token)
        try:
            seconds = _ask({"baseline": lambda q: questions.cypher_reach(driver, q),
                            "graphql": lambda q: graphql_reach(client, q), "amundsen": amundsen.reach}, asked, runs)
        finally:
            client.close()
            amundsen.close()
    steward, theirs, base = (_latency(seconds[k]) for k in ("graphql", "amundsen", "baseline"))
    return {"questions": len(asked), "runs": runs, "graph_seconds": graph_s,
            "tables": written[0], "lineage_pairs": written[1],
            "graphql": steward, "amundsen": theirs, "baseline": base,
            "graphql_over_amundsen_p50": steward["p50_ms"] / theirs["p50_ms"],
            "graphql_over_baseline_p50": steward["p50_ms"] / base["p50_ms"],
            "amundsen_over_baseline_p50": theirs["p50_ms"] / base["p50_ms"]}


def _timed_pairs(work: Callable[[], tuple[int, int]]) -> tuple[tuple[int, int], float]:
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started

