"""`steward serve` in a subprocess, and a small HTTP client for it (and for the peer).

The client keeps one connection open (HTTP keep-alive) per thread, so that a figure
measures the server, not connection set-up. The server runs with a rate limit no
client reaches and long time limits: a slow answer is measured, not refused."""

from __future__ import annotations

import http.client
import json
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.processes import Finished, Measured, free_port, steward_command

TIME_LIMIT = 600.0  # seconds a store call may take in the suite's server


class HttpError(RuntimeError):
    pass


class Client:
    def __init__(self, base: str, token: str | None = None, timeout: float = TIME_LIMIT + 60) -> None:
        parts = urlsplit(base)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.token, self.timeout = token, timeout
        self.conn: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        sent = {**(headers or {}), **({"Authorization": f"Bearer {self.token}"} if self.token else {})}
        for attempt in (1, 2):  # a kept-alive connection the server closed is opened again, once
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=body, headers=sent)
                response = self.conn.getresponse()
                return response.status, response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def graphql(self, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        status, body = self.request("POST", "/graphql", json.dumps({"query": query, "variables": variables}).encode(),
                                    {"Content-Type": "application/json"})
        answer = json.loads(body) if body else {}
        if status != 200 or answer.get("errors"):
            raise HttpError(f"GraphQL answered {status}: {str(answer.get('errors') or body[:500])[:500]}")
        data: dict[str, Any] = answer["data"]
        return data

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def wait_ready(client: Client, path: str, proc: Measured, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if client.request("GET", path)[0] == 200:
                return
        except OSError:
            client.close()
        if not proc.running():
            raise RuntimeError(f"the server exited: {log.read_text(errors='replace')[-2000:]}")
        time.sleep(0.2)
    raise RuntimeError(f"the server did not answer {path} within {timeout:.0f} s")


class StewardServer:
    """`steward serve` on a free port; `stop()` gives its peak memory over its life."""

    def __init__(self, store_options: list[str], log: Path, ready_timeout: float = 1800) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log
        command = [*steward_command(), *store_options, "serve", "--port", str(self.port),
                   "--rate-limit", "1000000000", "--store-timeout", str(TIME_LIMIT),
                   "--request-timeout", str(TIME_LIMIT + 30)]
        started = time.perf_counter()
        with log.open("wb") as out:
            self.proc = Measured(command, out, out)
        probe = Client(self.base)
        try:
            wait_ready(probe, "/healthz", self.proc, log, ready_timeout)
        except BaseException:
            self.stop()
            raise
        finally:
            probe.close()
        self.ready_seconds = time.perf_counter() - started

    def round_trips(self, token: str) -> float:
        """steward_store_round_trips_total, read from /metrics with a VIEWER token."""
        client = Client(self.base, token)
        status, body = client.request("GET", "/metrics")
        client.close()
        if status != 200:
            raise HttpError(f"/metrics answered {status}")
        for line in body.decode().splitlines():
            if line.startswith("steward_store_round_trips_total "):
                return float(line.split()[1])
        raise HttpError("/metrics has no steward_store_round_trips_total")

    def stop(self) -> Finished:
        """Its end, with its peak memory over its whole life."""
        return self.proc.stop()
