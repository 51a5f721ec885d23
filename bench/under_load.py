"""Under load: the element-detail question (an element with its holders, flows,
purposes, owners and stewards) asked by 20 concurrent clients for a fixed time.

Steward answers it through GraphQL over HTTP (`steward serve`, keep-alive connections);
the baseline answers it straight from the database with the same concurrency: one
Cypher query through the driver on Neo4j, look-ups in a networkx graph of the same
store on the embedded backend. Store round trips per request come from the server's
/metrics, read before and after."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import neo4j
import networkx as nx

from bench.serving import Client
from bench.stats import percentile

CLIENTS = 20
PAGE = 500  # every list in full, up to the API's largest page

ELEMENT_DETAIL = f"""query($id: ID!) {{ node(id: $id) {{ ... on DataElement {{
  id name category sensitivity subject
  heldBy(first: {PAGE}) {{ id name kind }}
  carriedBy(first: {PAGE}) {{ id name method }}
  usedFor(first: {PAGE}) {{ id name }}
  requiredBy(first: {PAGE}) {{ id name }}
  owners(first: {PAGE}) {{ id }}
  stewards(first: {PAGE}) {{ id name }}
}} }} }}"""

ELEMENT_DETAIL_CYPHER = f"""
MATCH (e:DataElement {{id: $id}})
RETURN e {{.id, .name, .category, .sensitivity, .subject}} AS element,
  COLLECT {{ MATCH (s:System)-[:HOLDS]->(e) RETURN s {{.id, .name, .kind}} ORDER BY s.id LIMIT {PAGE} }} AS heldBy,
  COLLECT {{ MATCH (f:Flow)-[:CARRIES]->(e) RETURN f {{.id, .name, .method}} ORDER BY f.id LIMIT {PAGE} }} AS carriedBy,
  COLLECT {{ MATCH (e)-[:USED_FOR]->(p:Purpose) RETURN p {{.id, .name}} ORDER BY p.id LIMIT {PAGE} }} AS usedFor,
  COLLECT {{ MATCH (p:Purpose)-[:REQUIRES]->(e) RETURN p {{.id, .name}} ORDER BY p.id LIMIT {PAGE} }} AS requiredBy,
  COLLECT {{ MATCH (o)-[:OWNS]->(e) RETURN o.id ORDER BY o.id LIMIT {PAGE} }} AS owners,
  COLLECT {{ MATCH (p:Person)-[:STEWARDS]->(e) RETURN p {{.id, .name}} ORDER BY p.id LIMIT {PAGE} }} AS stewards
"""


@dataclass(frozen=True)
class Window:
    requests: int
    seconds: float
    latencies: list[float]
    errors: int

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds

    @property
    def p95(self) -> float:
        return percentile(self.latencies, 0.95) if self.latencies else float("nan")


def hammer(make_worker: Callable[[], Callable[[str], object]], elements: list[str], seconds: float,
           clients: int = CLIENTS) -> Window:
    """`clients` threads each asking about the elements in turn until `seconds` pass."""
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    workers = [make_worker() for _ in range(clients)]
    start = threading.Barrier(clients + 1)
    stop_at = [0.0]

    def run(index: int) -> None:
        ask, mine, turn = workers[index], latencies[index], index
        start.wait()
        while True:
            began = time.perf_counter()
            if began >= stop_at[0]:
                close = getattr(ask, "close", None)
                if close is not None:
                    close()
                return
            try:
                ask(elements[turn % len(elements)])
            except Exception:  # counted, and the window goes on: a failure is a figure too
                errors[index] += 1
            else:
                mine.append(time.perf_counter() - began)
            turn += clients

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    stop_at[0] = began + seconds
    start.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    done = [x for per in latencies for x in per]
    return Window(len(done), elapsed, done, sum(errors))


class _GraphqlAsker:
    """One client's kept-alive connection, closed when its window ends."""

    def __init__(self, base: str, token: str) -> None:
        self.client = Client(base, token)

    def __call__(self, element: str) -> object:
        return self.client.graphql(ELEMENT_DETAIL, {"id": element})

    def close(self) -> None:
        self.client.close()


def graphql_worker(base: str, token: str) -> Callable[[], Callable[[str], object]]:
    return lambda: _GraphqlAsker(base, token)


def cypher_worker(driver: neo4j.Driver) -> Callable[[], Callable[[str], object]]:
    def make() -> Callable[[str], object]:
        return lambda element: driver.execute_query(ELEMENT_DETAIL_CYPHER, {"id": element},
                                                    routing_=neo4j.RoutingControl.READ).records

    return make


def networkx_detail(graph: nx.MultiDiGraph, element: str) -> dict[str, Any]:
    def ends(pairs: list[tuple[str, str]]) -> list[dict[str, Any]]:
        return sorted(({"id": n, **graph.nodes[n]} for n, _ in pairs), key=lambda d: d["id"])[:PAGE]

    incoming = [(s, k) for s, _, k in graph.in_edges(element, keys=True)]
    outgoing = [(t, k) for _, t, k in graph.out_edges(element, keys=True)]
    return {"element": {"id": element, **graph.nodes[element]},
            "heldBy": ends([(s, k) for s, k in incoming if k == "HOLDS"]),
            "carriedBy": ends([(s, k) for s, k in incoming if k == "CARRIES"]),
            "usedFor": ends([(t, k) for t, k in outgoing if k == "USED_FOR"]),
            "requiredBy": ends([(s, k) for s, k in incoming if k == "REQUIRES"]),
            "owners": sorted(s for s, k in incoming if k == "OWNS")[:PAGE],
            "stewards": ends([(s, k) for s, k in incoming if k == "STEWARDS"])}


def networkx_worker(graph: nx.MultiDiGraph) -> Callable[[], Callable[[str], object]]:
    return lambda: (lambda element: networkx_detail(graph, element))
