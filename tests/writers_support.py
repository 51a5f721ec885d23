"""Many clients writing through a real `steward serve`, on either backend: the store it
serves, prepared from the command line, and a small GraphQL client per thread."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from graph.backends import StoreConfig, open_store
from graph.store import Store

from .api_support import STEWARD
from .conftest import NEO4J_URI, open_test_store
from .test_api_limits import _healthz, _serving

BACKEND_PARAMS = [pytest.param("embedded"), pytest.param("neo4j", marks=pytest.mark.neo4j)]
# Generous: a busy machine is slow, not wrong; these catch a hang only.
SERVE_OPTIONS = ("--store-timeout", "120", "--request-timeout", "300")
HTTP_TIMEOUT = 300.0


class Unanswered(Exception):
    """The server gave no answer (it was killed, or the connection broke)."""


def store_options(backend: str, folder: Path) -> list[str]:
    """The `steward` options that open an empty store of `backend` (Neo4j's is wiped)."""
    if backend == "neo4j":
        open_test_store("neo4j", folder).close()
        return ["--backend", "neo4j", "--neo4j-uri", NEO4J_URI]
    return ["--store", str(folder / "store")]


def prepare(options: list[str], *catalogs: Path) -> str:
    """Load the catalogs and return a new STEWARD token's secret."""
    subprocess.run([*STEWARD, *options, "load", "-q", *map(str, catalogs)], check=True)
    created = subprocess.run([*STEWARD, *options, "token", "create", "--role", "steward", "--name", "writer",
                              "--json"], check=True, capture_output=True, text=True)
    return str(json.loads(created.stdout)["token"])


@contextmanager
def serving(options: list[str]) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """`steward serve` on the store, once it answers /healthz: on a busy machine a start
    can take longer than the few seconds `_serving` waits."""
    with _serving(*options, options=SERVE_OPTIONS) as (proc, base):
        deadline = time.monotonic() + 180
        while _healthz(base) != 200:
            assert proc.poll() is None, "the server exited while starting"
            assert time.monotonic() < deadline, f"the server did not answer /healthz: {_healthz(base)}"
            time.sleep(0.2)
        yield proc, base


@contextmanager
def reading(options: list[str]) -> Iterator[Store]:
    """The served store, opened beside the server to check what it holds."""
    if options[0] == "--backend":
        config = StoreConfig(backend="neo4j", neo4j_uri=NEO4J_URI)
    else:
        config = StoreConfig(backend="embedded", store=options[1], in_memory=False)
    store = open_store(config)
    try:
        yield store
    finally:
        store.close()


class Client:
    """One writer's connection to the server."""

    def __init__(self, base: str, token: str) -> None:
        self.http = httpx.Client(base_url=base, timeout=HTTP_TIMEOUT,
                                 headers={"Authorization": f"Bearer {token}"})

    def post(self, query: str, **variables: Any) -> dict[str, Any]:
        """The answer's body; Unanswered when there is none."""
        try:
            response = self.http.post("/graphql", json={"query": query, "variables": variables})
        except httpx.TransportError as exc:
            raise Unanswered(repr(exc)) from exc
        assert response.status_code == 200, response.text
        return response.json()  # type: ignore[no-any-return]

    def data(self, query: str, **variables: Any) -> Any:
        body = self.post(query, **variables)
        assert not body.get("errors"), body["errors"]
        return body["data"]

    def close(self) -> None:
        self.http.close()
