"""`steward serve` in a subprocess, driven over HTTP by a real GraphQL client."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from gql import Client, gql
from gql.transport.httpx import HTTPXTransport

from .conftest import DATA

STEWARD = [sys.executable, "-m", "api.cli"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, str]]:
    store = ["--store", str(tmp_path / "store")]
    subprocess.run([*STEWARD, *store, "load", "-q", str(DATA / "design-example.yaml")], check=True)
    created = subprocess.run([*STEWARD, *store, "token", "create", "--role", "steward", "--name", "ci", "--json"],
                             check=True, capture_output=True, text=True)
    token = json.loads(created.stdout)["token"]
    port = free_port()
    proc = subprocess.Popen([*STEWARD, *store, "serve", "--port", str(port)], stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.1)
        yield base, token
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        assert proc.stderr is not None
        proc.stderr.close()


@pytest.mark.slow
def test_a_graphql_client_introspects_queries_and_mutates(server: tuple[str, str]) -> None:
    base, token = server
    transport = HTTPXTransport(url=f"{base}/graphql", headers={"Authorization": f"Bearer {token}"})
    with Client(transport=transport, fetch_schema_from_transport=True) as session:
        assert session.client.schema is not None
        assert {"DataElement", "System", "Flow", "Agreement"} <= set(session.client.schema.type_map)
        result = session.execute(gql('{ node(id: "sis") { name ... on System { holds { element { id } } } } }'))
        assert result["node"]["name"] == "Student Information System"
        changed = session.execute(gql('mutation { updateNode(id: "sis", fields: {hosting: "district"}) { id } }'))
        assert changed == {"updateNode": {"id": "sis"}}
        trail = session.execute(gql('{ changes(nodeId: "sis", since: "2000-01-01") { actor action } }'))
        assert {"actor": "ci", "action": "update"} in trail["changes"]
    with urllib.request.urlopen(f"{base}/readyz", timeout=5) as response:
        assert json.loads(response.read())["status"] == "ready"
