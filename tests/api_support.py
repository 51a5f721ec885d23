"""Shared set-up for the API tests: an app over a loaded store, and a token per role."""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from starlette.testclient import TestClient

from api.app import Settings, create_app
from api.auth import Role, create_token
from graph.loading import load_paths
from graph.store import Store

from .conftest import DATA


@dataclass
class Api:
    client: TestClient
    store: Store
    tokens: dict[Role, str]

    def run(self, query: str, role: Role = Role.VIEWER, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.tokens[role]}"} if role != Role.PUBLIC else {}
        response = self.client.post("/graphql", json={"query": query, "variables": variables or {}},
                                    headers=headers)
        assert response.status_code == 200, response.text
        return response.json()  # type: ignore[no-any-return]

    def data(self, query: str, role: Role = Role.VIEWER, **variables: Any) -> Any:
        body = self.run(query, role, variables)
        assert not body.get("errors"), body["errors"]
        return body["data"]

    def error(self, query: str, role: Role = Role.VIEWER, **variables: Any) -> dict[str, Any]:
        body = self.run(query, role, variables)
        assert body.get("errors"), body
        return body["errors"][0]  # type: ignore[no-any-return]


def make_api(store: Store, settings: Settings | None = None, paths: list[Any] | None = None,
             today: Callable[[], date] = date.today) -> Api:
    load_paths(store, paths or [DATA / "design-example.yaml"], now="2026-01-01T00:00:00Z")
    tokens = {role: create_token(store, f"{role.name.lower()}-token", role, "2026-01-01T00:00:00Z")
              for role in (Role.VIEWER, Role.STEWARD, Role.ADMIN)}
    tokens[Role.PUBLIC] = ""
    return Api(TestClient(create_app(store, settings, today)), store, tokens)


STEWARD = [sys.executable, "-m", "api.cli"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def served(store_args: list[str], *serve_args: str, log: Path | None = None) -> Iterator[str]:
    """`steward STORE_ARGS serve` in a subprocess, once /healthz answers: its base URL.
    Its stderr goes to `log` (a file, never a pipe nobody reads, which would fill and
    stop the server). Stopped with SIGTERM at the end."""
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        yield from _serve([*STEWARD, *store_args, "serve", "--port", str(port), *serve_args], port,
                          log or Path(folder) / "serve.log")


def _serve(command: list[str], port: int, log: Path) -> Iterator[str]:
    with log.open("w") as err:
        proc = subprocess.Popen(command, stderr=err, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                assert proc.poll() is None, log.read_text()
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)
