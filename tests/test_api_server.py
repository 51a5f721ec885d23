"""`steward serve` in a subprocess, driven over HTTP by a real GraphQL client."""

from __future__ import annotations

import json
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from gql import Client, gql
from gql.transport.httpx import HTTPXTransport

from .api_support import STEWARD, served
from .conftest import DATA


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, str]]:
    store = ["--store", str(tmp_path / "store")]
    subprocess.run([*STEWARD, *store, "load", "-q", str(DATA / "design-example.yaml")], check=True)
    created = subprocess.run([*STEWARD, *store, "token", "create", "--role", "steward", "--name", "ci", "--json"],
                             check=True, capture_output=True, text=True)
    with served(store) as base:
        yield base, json.loads(created.stdout)["token"]


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
