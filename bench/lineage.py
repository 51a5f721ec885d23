"""Downstream lineage against a raw baseline on the same graph, on either backend.

    .venv/bin/python bench/lineage.py --store DIR            an embedded store
    .venv/bin/python bench/lineage.py --neo4j-uri bolt://...  a Neo4j server

For the widest element (the one the most flows carry) and a seeded sample of elements,
each asked `runs` times after a warm-up, it times `catalog.lineage.lineage` through the
Python API and a baseline that answers the same question, from the same starts through
the same flows, with nothing of Steward in between: a plain networkx breadth-first search
over the embedded store's graph, or the hand-written Cypher frontier query below sent
through the driver. `measure` returns p50 and p95 of each and their ratios, and checks
that both reached the same systems. It only reads, except with `--serve`: then it also
times the GraphQL query over HTTP against a `steward serve` of the same store, with a
VIEWER token it creates there.

Another suite may call `measure(store, elements)` (and `measure_http`) directly."""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from catalog.lineage import Lineage, lineage  # noqa: E402
from catalog.view import Direction  # noqa: E402
from catalog.vocab import Label, RelType  # noqa: E402
from graph.backends import StoreConfig, open_store  # noqa: E402
from graph.store import Store  # noqa: E402

DEPTH = 10
SAMPLE = 100
RUNS = 3

# The baseline on Neo4j: what a developer writing Cypher by hand for this one question
# would send, in its fastest form found. The elements are the one asked and those derived
# from it; the starts, where it is collected, or held without arriving by a flow that
# carries it (else every holder); then Neo4j's breadth-first search (`ANY SHORTEST`)
# grows a frontier from them through the flows that carry one of the elements, each
# system once, at its shortest distance.
CYPHER_BASELINE = """
MATCH (root:Steward {id: $element})
WITH root, [root] + COLLECT { MATCH (root)<-[:DERIVED_FROM]-+(d) RETURN DISTINCT d } AS wanted,
     [(s)-[:COLLECTS]->(root) | s] AS collectors, [(s)-[:HOLDS]->(root) | s] AS holders
WITH wanted, holders, collectors + [h IN holders WHERE NOT EXISTS { (h)<-[:TO]-()-[:CARRIES]->(root) }] AS origins
WITH origins, holders, COLLECT { UNWIND wanted AS e MATCH (e)<-[:CARRIES]-(f) RETURN DISTINCT f } AS carriers
UNWIND CASE WHEN size(origins) > 0 THEN origins ELSE holders END AS s
WITH DISTINCT s, carriers
MATCH ANY SHORTEST (s) ((a)<-[:FROM]-(f)-[:TO]->(b) WHERE f IN carriers)* (x)
WHERE size(f) <= $depth
RETURN x.id AS system, min(size(f)) AS distance
"""


def elements_of(store: Store) -> list[str]:
    return sorted(n.id for n in store.find_nodes(Label.DATA_ELEMENT))


def widest(store: Store) -> str:
    """The element the most flows carry (ties: the smallest id)."""
    carried = Counter(e.target for e in store.edges(None, Direction.OUT, [RelType.CARRIES]))
    return min(carried, key=lambda e: (-carried[e], e))


def sample(store: Store, count: int = SAMPLE, seed: int = 13) -> list[str]:
    found = elements_of(store)
    return sorted(random.Random(seed).sample(found, min(count, len(found))))


def _nx_reach(store: Store) -> Callable[[str, int], dict[str, int]]:
    """The plain networkx breadth-first search over the embedded store's own graph."""
    from graph.embedded.store import EmbeddedStore

    assert isinstance(store, EmbeddedStore)
    g = store.memory.g
    pred, succ = g.pred, g.succ

    def reach(element: str, depth: int) -> dict[str, int]:
        wanted = {element} | {d for d in _derived(pred, element)}
        collectors = {s for s, keys in pred[element].items() if RelType.COLLECTS in keys}
        holders = {s for s, keys in pred[element].items() if RelType.HOLDS in keys}
        received = {t for f, keys in pred[element].items() if RelType.CARRIES in keys
                    for t, k in succ[f].items() if RelType.TO in k}
        starts = collectors | (holders - received) or holders
        distance = dict.fromkeys(starts, 0)
        frontier = list(starts)
        for level in range(1, depth + 1):
            nxt = []
            for system in frontier:
                for flow, keys in pred[system].items():
                    if RelType.FROM not in keys:
                        continue
                    out = succ[flow]
                    if not any(e in out and RelType.CARRIES in out[e] for e in wanted):
                        continue
                    for target, k in out.items():
                        if RelType.TO in k and target not in distance:
                            distance[target] = level
                            nxt.append(target)
            frontier = nxt
        return distance

    return reach


def _derived(pred: Any, element: str) -> set[str]:
    seen, stack = set(), [element]
    while stack:
        for source, keys in pred[stack.pop()].items():
            if RelType.DERIVED_FROM in keys and source not in seen:
                seen.add(source)
                stack.append(source)
    return seen


def _cypher_reach(store: Store) -> Callable[[str, int], dict[str, int]]:
    from graph.neo4j import Neo4jStore

    assert isinstance(store, Neo4jStore)
    driver, database = store.conn.driver, store.conn.config.database

    def reach(element: str, depth: int) -> dict[str, int]:
        records, _, _ = driver.execute_query(CYPHER_BASELINE, element=element, depth=depth,
                                             routing_="r", database_=database)
        return {r["system"]: r["distance"] for r in records}

    return reach


def baseline(store: Store) -> Callable[[str, int], dict[str, int]]:
    return _nx_reach(store) if store.name == "embedded" else _cypher_reach(store)


def reached(result: Lineage) -> set[str]:
    return {r.system for way in result.reach for r in way.systems}


def _times(work: Callable[[], object], runs: int) -> list[float]:
    work()  # warm-up: the first query of a kind is planned, caches fill
    found = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        found.append(time.perf_counter() - started)
    return found


def _summary(seconds: list[float]) -> dict[str, float]:
    ordered = sorted(seconds)
    return {"p50_ms": statistics.median(ordered) * 1000,
            "p95_ms": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000}


def _steward_query(store: Store) -> Callable[[str, int], object] | None:
    """Steward's own lineage query sent straight through the driver (Neo4j only): the
    time the database and the driver take, without the Python that builds the answer."""
    if store.name != "neo4j":
        return None
    from graph.neo4j import Neo4jStore
    from graph.neo4j.lineage import QUERIES

    assert isinstance(store, Neo4jStore)
    driver, database = store.conn.driver, store.conn.config.database

    def run(element: str, depth: int) -> object:
        return driver.execute_query(QUERIES[("down",)], root=element, depth=depth, routing_="r", database_=database)

    return run


def measure(store: Store, elements: list[str], depth: int = DEPTH, runs: int = RUNS) -> dict[str, Any]:
    """Downstream lineage of each element through the Python API and through the raw
    baseline: p50 and p95 over every run, the ratios, and the elements for which both
    did not reach the same systems (none, when all is well). On Neo4j also Steward's own
    query alone, through the driver."""
    raw, own = baseline(store), _steward_query(store)
    ours: list[float] = []
    theirs: list[float] = []
    query: list[float] = []
    differ = []
    for element in elements:
        ours += _times(lambda e=element: lineage(store, e, "down", depth), runs)  # type: ignore[misc]
        theirs += _times(lambda e=element: raw(e, depth), runs)  # type: ignore[misc]
        if own is not None:
            query += _times(lambda e=element: own(e, depth), runs)  # type: ignore[misc]
        if reached(lineage(store, element, "down", depth)) != set(raw(element, depth)):
            differ.append(element)
    steward, base = _summary(ours), _summary(theirs)
    report = {"backend": store.name, "elements": len(elements), "depth": depth, "runs": runs,
              "steward": steward, "baseline": base,
              "ratio_p50": steward["p50_ms"] / base["p50_ms"], "ratio_p95": steward["p95_ms"] / base["p95_ms"],
              "differ": differ}
    if query:
        report["steward_query"] = _summary(query)
    return report


QUERY = ("query($id: ID!, $depth: Int!) { lineage(id: $id, direction: DOWN, depth: $depth) "
         "{ organizations systems(first: 500) { totalCount nodes { id operator distance } } } }")


def measure_http(base_url: str, token: str, elements: list[str], query: str = QUERY, depth: int = DEPTH,
                 runs: int = RUNS) -> dict[str, Any]:
    """The same question as GraphQL over HTTP: p50 and p95 of whole requests."""
    def post(element: str) -> None:
        body = json.dumps({"query": query, "variables": {"id": element, "depth": depth}}).encode()
        request = urllib.request.Request(f"{base_url}/graphql", data=body, headers={
            "Content-Type": "application/json", "Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(request, timeout=120) as response:
            answer = json.loads(response.read())
        if answer.get("errors"):
            raise RuntimeError(f"{element}: {answer['errors']}")

    seconds: list[float] = []
    for element in elements:
        seconds += _times(lambda e=element: post(e), runs)  # type: ignore[misc]
    return {"elements": len(elements), "depth": depth, "runs": runs, "graphql": _summary(seconds)}


@contextmanager
def serving(options: list[str]) -> Iterator[tuple[str, str]]:
    """`steward serve` of a store in a child process, and a VIEWER token for it."""
    from api.auth import Role, create_token

    config = _config(options)
    store = open_store(config)
    try:
        token = create_token(store, f"bench-{time.time_ns()}", Role.VIEWER)
    finally:
        store.close()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "api.cli", *options, "serve", "--port", str(port),
               "--rate-limit", "1000000", "--store-timeout", "120"]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                with urllib.request.urlopen(f"{base}/readyz", timeout=5):
                    break
            except OSError:
                time.sleep(0.1)
        yield base, token
    finally:
        server.terminate()
        server.wait(30)


def _config(options: list[str]) -> StoreConfig:
    values = dict(zip(options[::2], options[1::2], strict=True))
    if "--neo4j-uri" in values:
        return StoreConfig(backend="neo4j", neo4j_uri=values["--neo4j-uri"])
    return StoreConfig(backend="embedded", store=values["--store"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--store", help="an embedded store's folder")
    where.add_argument("--neo4j-uri", help="a Neo4j server holding the catalog")
    parser.add_argument("--sample", type=int, default=SAMPLE, help=f"elements sampled (default {SAMPLE})")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"runs per element (default {RUNS})")
    parser.add_argument("--depth", type=int, default=DEPTH)
    parser.add_argument("--serve", action="store_true", help="also time GraphQL over HTTP")
    parser.add_argument("--query", default=QUERY, help="the GraphQL query sent with --serve")
    args = parser.parse_args()
    options = ["--neo4j-uri", args.neo4j_uri] if args.neo4j_uri else ["--store", args.store]
    if args.neo4j_uri:
        options = ["--backend", "neo4j", *options]
    store = open_store(_config(options[-2:]))
    try:
        wide, sampled = widest(store), sample(store, args.sample)
        report: dict[str, Any] = {"widest": {"element": wide, **measure(store, [wide], args.depth, args.runs)},
                                  "sample": measure(store, sampled, args.depth, args.runs)}
    finally:
        store.close()
    if args.serve:
        with serving(options) as (base, token):
            report["http_widest"] = measure_http(base, token, [wide], args.query, args.depth, args.runs)
            report["http_sample"] = measure_http(base, token, sampled, args.query, args.depth, args.runs)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
