"""Prometheus metrics: requests, latency, errors, and the store's round trips."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests: Counter[tuple[str, str, int]] = Counter()
        self.errors: Counter[str] = Counter()
        self.buckets: Counter[float] = Counter()
        self.latency_sum = 0.0
        self.latency_count = 0

    def observe(self, method: str, path: str, status: int, seconds: float) -> None:
        with self.lock:
            self.requests[(method, path, status)] += 1
            if status >= 500:
                self.errors[path] += 1
            self.latency_sum += seconds
            self.latency_count += 1
            for bound in BUCKETS:
                if seconds <= bound:
                    self.buckets[bound] += 1

    def render(self, round_trips: int) -> str:
        lines = ["# HELP steward_requests_total HTTP requests by method, path and status.",
                 "# TYPE steward_requests_total counter"]
        with self.lock:
            for (method, path, status), count in sorted(self.requests.items()):
                lines.append(f'steward_requests_total{{method="{method}",path="{path}",status="{status}"}} {count}')
            lines += ["# HELP steward_request_errors_total Requests answered with a server error.",
                      "# TYPE steward_request_errors_total counter"]
            lines += [f'steward_request_errors_total{{path="{p}"}} {c}' for p, c in sorted(self.errors.items())]
            lines += ["# HELP steward_request_seconds Request latency.", "# TYPE steward_request_seconds histogram"]
            lines += [f'steward_request_seconds_bucket{{le="{b}"}} {self.buckets[b]}' for b in BUCKETS]
            lines += [f'steward_request_seconds_bucket{{le="+Inf"}} {self.latency_count}',
                      f"steward_request_seconds_sum {self.latency_sum:.6f}",
                      f"steward_request_seconds_count {self.latency_count}"]
        lines += ["# HELP steward_store_round_trips_total Calls made to the store.",
                  "# TYPE steward_store_round_trips_total counter", f"steward_store_round_trips_total {round_trips}"]
        return "\n".join(lines) + "\n"


class MetricsMiddleware:
    def __init__(self, app: ASGIApp, metrics: Metrics, route_of: Callable[[str], str]) -> None:
        self.app, self.metrics, self.route_of = app, metrics, route_of

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start, status = time.perf_counter(), 500

        async def capture(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, capture)
        finally:
            self.metrics.observe(scope["method"], self.route_of(scope["path"]), status, time.perf_counter() - start)
