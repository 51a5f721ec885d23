"""Prometheus metrics, written by prometheus-client: each request's latency by route,
method and status class; the store calls GraphQL makes, by operation; the store's round
trips, per GraphQL request and in all; and the process itself.

Each app has a registry of its own, never the library's global one: a process that
builds several apps (the tests do) would otherwise register the same names twice."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    GCCollector,
    Histogram,
    PlatformCollector,
    ProcessCollector,
    generate_latest,
)
from prometheus_client.core import CounterMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_TYPE = CONTENT_TYPE_LATEST
SECONDS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
TRIPS = (0, 1, 2, 3, 5, 10, 20, 50, 100, 250)
# A method is a label; a client may send any word as one, and must not mint label values.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
UNMATCHED = "unmatched"


class _RoundTrips(Collector):
    """The store's own count of the queries it has sent since it was opened."""

    def __init__(self, read: Callable[[], int]) -> None:
        self.read = read

    def collect(self) -> Iterator[Metric]:
        family = CounterMetricFamily("steward_store_round_trips", "Queries sent to the store since it was opened.")
        family.add_metric([], self.read())
        yield family


class Metrics:
    def __init__(self, round_trips: Callable[[], int]) -> None:
        self.registry = CollectorRegistry()
        self.requests = Histogram("steward_request_seconds", "HTTP request latency by route template, method and "
                                  "status class.", ["route", "method", "status"], buckets=SECONDS,
                                  registry=self.registry)
        self.store_calls = Histogram("steward_store_call_seconds", "Latency of the store calls GraphQL makes, by "
                                     "operation.", ["operation"], buckets=SECONDS, registry=self.registry)
        self.trips = Histogram("steward_request_round_trips", "Store round trips made by one GraphQL request.",
                               buckets=TRIPS, registry=self.registry)
        ProcessCollector(registry=self.registry)
        PlatformCollector(registry=self.registry)
        GCCollector(registry=self.registry)
        self.registry.register(_RoundTrips(round_trips))

    def request(self, route: str, method: str, status: int, seconds: float) -> None:
        method = method if method in METHODS else "other"
        self.requests.labels(route, method, f"{status // 100}xx").observe(seconds)

    def store_call(self, operation: str, seconds: float) -> None:
        self.store_calls.labels(operation).observe(seconds)

    def request_trips(self, count: int) -> None:
        self.trips.observe(count)

    def render(self) -> bytes:
        return generate_latest(self.registry)


def route_of(routes: Sequence[BaseRoute], scope: Scope) -> str:
    """A bounded label: the template of the route that answers this path (`/inventory/{page:path}`),
    never the raw path with its ids."""
    for route in routes:
        match, _ = route.matches(scope)
        if match != Match.NONE:
            return str(getattr(route, "path", UNMATCHED))
    return UNMATCHED


class MetricsMiddleware:
    def __init__(self, app: ASGIApp, metrics: Metrics, routes: Sequence[BaseRoute]) -> None:
        self.app, self.metrics, self.routes = app, metrics, routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        route, start, status = route_of(self.routes, scope), time.perf_counter(), 500

        async def capture(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, capture)
        finally:
            self.metrics.request(route, scope["method"], status, time.perf_counter() - start)
