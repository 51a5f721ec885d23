"""The HTTP layer around GraphQL: malformed bodies, security headers, who may read
/metrics, tokens' names and their audit trail, and, against a real `steward serve`,
the rate limit's idea of a client and clients too slow to send their body."""

from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from api.app import Settings, create_app
from api.auth import Role
from api.inventory import build_site
from catalog.view import Snapshot
from graph.store import Store

from .api_support import STEWARD, Api, free_port, make_api
from .conftest import DATA

MALFORMED = {
    "a JSON string": b'"hello"',
    "JSON null": b"null",
    "a number": b"42",
    "nested 100,000 deep": b"[" * 100_000 + b"]" * 100_000,
    "objects nested 100,000 deep": b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
    "cut short": b'{"query": "{ node(id: \\"sis\\") { id } }"',
    "an integer of 5,000 digits": b'{"query": ' + b"9" * 5000 + b"}",
    "not UTF-8": b'{"query": "\xff\xfe"}',
}


@pytest.fixture
def api(store: Store) -> Api:
    return make_api(store)


@pytest.mark.parametrize("body", MALFORMED.values(), ids=list(MALFORMED))
def test_a_malformed_body_is_a_400_with_a_code(api: Api, body: bytes) -> None:
    client = TestClient(api.client.app, raise_server_exceptions=False)
    response = client.post("/graphql", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400, response.text
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


def test_malformed_variables_in_a_get_are_a_400(api: Api) -> None:
    client = TestClient(api.client.app, raise_server_exceptions=False)
    response = client.get("/graphql", params={"query": "{ __typename }", "variables": '"x"'})
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


def html_paths(store: Store) -> list[str]:
    """Every path the server answers with HTML: GraphiQL and each inventory page."""
    pages = [path for path in build_site(Snapshot.of(store), date(2026, 9, 1)) if path.endswith(".html")]
    return ["/graphql", "/inventory", *(f"/{p}" for p in pages if p != "index.html")]


def test_every_html_route_sends_the_security_headers(api: Api) -> None:
    paths = html_paths(api.store)
    assert len(paths) > 5
    for path in paths:
        response = api.client.get(path, headers={"accept": "text/html"})
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html"), path
        policy = response.headers.get("content-security-policy", "")
        assert "frame-ancestors 'none'" in policy, path
        assert "default-src" in policy, path
        assert response.headers.get("x-content-type-options") == "nosniff", path
        assert response.headers.get("referrer-policy") == "no-referrer", path


def test_the_inventory_may_load_no_script(api: Api) -> None:
    policy = api.client.get("/inventory").headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy


def test_metrics_need_a_token_unless_made_public(store: Store) -> None:
    api = make_api(store)
    anonymous = api.client.get("/metrics")
    assert anonymous.status_code == 401
    assert anonymous.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    viewer = api.client.get("/metrics", headers={"Authorization": f"Bearer {api.tokens[Role.VIEWER]}"})
    assert viewer.status_code == 200 and "# TYPE steward_request_seconds histogram" in viewer.text
    public = TestClient(create_app(store, Settings(metrics_public=True))).get("/metrics")
    assert public.status_code == 200 and "# TYPE steward_request_seconds histogram" in public.text


BAD_NAMES = {"empty": "  ", "a control character": "ci\x1b[31m", "a newline": "ci\nforged: yes",
             "101 characters": "x" * 101}
CREATE = "mutation($name: String!, $level: String!) { createToken(name: $name, role: $level) { name } }"


@pytest.mark.parametrize("name", BAD_NAMES.values(), ids=list(BAD_NAMES))
def test_a_bad_token_name_is_refused(api: Api, name: str) -> None:
    error = api.error(CREATE, Role.ADMIN, name=name, level="VIEWER")
    assert error["extensions"]["code"] == "VALIDATION"
    assert error["extensions"]["field"] == "name"
    assert not [t for t in api.store.tokens() if t.name.strip() == name.strip()]


def test_a_public_token_is_refused(api: Api) -> None:
    error = api.error(CREATE, Role.ADMIN, name="anyone", level="PUBLIC")
    assert error["extensions"]["code"] == "VALIDATION" and "PUBLIC needs no token" in error["message"]
    assert "anyone" not in [t.name for t in api.store.tokens()]


def test_token_names_are_checked_on_the_command_line_too(tmp_path: Path) -> None:
    result = subprocess.run([*STEWARD, "--store", str(tmp_path / "s"), "token", "create", "--role", "viewer",
                             "--name", "x" * 101], capture_output=True, text=True)
    assert result.returncode == 2
    assert "at most 100 characters" in result.stderr


def test_creating_and_revoking_tokens_is_audited(api: Api) -> None:
    created = api.data(CREATE, Role.ADMIN, name="  nightly export ", level="VIEWER")
    assert created == {"createToken": {"name": "nightly export"}}
    assert api.data('mutation { revokeToken(name: "nightly export") }', Role.ADMIN) == {"revokeToken": True}
    trail = [c for c in api.store.changes() if c.target == "token:nightly export"]
    assert [(c.actor, c.action) for c in trail] == [("admin-token", "create-token"), ("admin-token", "revoke-token")]
    assert trail[0].after == {"name": "nightly export", "role": "VIEWER"}
    digest = next(t.digest for t in api.store.tokens() if t.name == "nightly export")
    assert digest not in json.dumps([c.as_dict() for c in api.store.changes()])


def test_a_revocation_that_revokes_nothing_records_nothing(api: Api) -> None:
    before = len(api.store.changes())
    assert api.error('mutation { revokeToken(name: "nobody") }', Role.ADMIN)["extensions"]["code"] == "NOT_FOUND"
    assert len(api.store.changes()) == before


# Against a real server ------------------------------------------------------------------


@contextmanager
def serving(tmp_path: Path, *options: str) -> Iterator[tuple[str, int]]:
    store = ["--store", str(tmp_path / "store")]
    subprocess.run([*STEWARD, *store, "load", "-q", str(DATA / "design-example.yaml")], check=True)
    port = free_port()
    proc = subprocess.Popen([*STEWARD, *store, "serve", "--port", str(port), *options],
                            stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}", port
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _status(url: str, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, data=b'{"query": "{ __typename }"}',
                                     headers={"content-type": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.mark.slow
def test_a_forged_forwarded_address_does_not_escape_the_rate_limit(tmp_path: Path) -> None:
    with serving(tmp_path, "--rate-limit", "5") as (base, _):
        statuses = [_status(f"{base}/graphql", {"X-Forwarded-For": f"203.0.113.{i}"}) for i in range(12)]
    assert statuses[:5] == [200] * 5
    assert 429 in statuses[5:], statuses


@pytest.mark.slow
def test_clients_that_stall_their_body_are_dropped(tmp_path: Path) -> None:
    with serving(tmp_path, "--read-timeout", "1") as (_, port):
        stalled = []
        for _ in range(50):
            sock = socket.create_connection(("127.0.0.1", port), timeout=30)
            sock.sendall(b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Content-Length: 1000\r\n\r\n{\"query\": ")
            stalled.append(sock)
        answers = []
        for sock in stalled:
            with sock:
                received = b""
                try:
                    while chunk := sock.recv(4096):  # until the server closes the connection
                        received += chunk
                except TimeoutError:
                    received += b"<still open after 30 s>"
                answers.append(received)
    assert all(a.startswith(b"HTTP/1.1 408") and b"REQUEST_TIMEOUT" in a for a in answers), answers[0]
