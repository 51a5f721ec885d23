"""The web UI as the server serves it: its views' paths answer index.html under a policy
that allows only the page's own files, the API's paths stay the API's, a missing build
says how to make it, and the UI's query types match the committed schema."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from api import webui
from api.app import create_app

from .conftest import ROOT, open_test_store

UI = ROOT / "ui"


@pytest.fixture
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    """An app over an empty store, with a tiny build of its own (the real one may not exist)."""
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text('<!doctype html><title>Steward</title><script type="module" '
                                     'src="/assets/index-abc.js"></script>')
    (dist / "assets" / "index-abc.js").write_text("console.log('ui')")
    monkeypatch.setattr(webui, "DIST", dist)
    monkeypatch.setattr(webui, "INDEX", dist / "index.html")
    return TestClient(create_app(open_test_store("embedded", tmp_path / "store")))


@pytest.mark.parametrize("path", ["/", "/sign-in", "/search?q=birth", "/node/sis", "/node/a/b",
                                  "/lineage/student-birth-date?direction=down&depth=5&asOf=2026-09-01",
                                  "/deadlines?asOf=2026-09-01&status=OVERDUE", "/findings?principle=6",
                                  "/owners/sis", "/incidents/breach-2026", "/changes", "/explore?from=sis",
                                  "/curate", "/curate/edit/sis"])
def test_each_view_path_answers_the_page_under_a_strict_policy(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.text.startswith("<!doctype html>") and "/assets/index-abc.js" in response.text
    policy = response.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response.headers["cache-control"] == "no-cache"
    # The headers every HTML page of Steward carries (api/middleware/security_headers.py).
    assert "frame-ancestors 'none'" in policy and response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_assets_are_served_and_nothing_beside_them(client: TestClient) -> None:
    asset = client.get("/assets/index-abc.js")
    assert asset.status_code == 200 and asset.text == "console.log('ui')"
    assert asset.headers["content-type"].startswith("text/javascript")
    assert "immutable" in asset.headers["cache-control"]
    assert client.get("/assets/missing.js").status_code == 404
    assert client.get("/assets/..%2Findex.html").status_code == 404
    assert client.get("/assets/.hidden").status_code == 404


def test_the_api_paths_are_left_alone(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.post("/graphql", json={"query": "{ __typename }"}).json() == {"data": {"__typename": "Query"}}
    assert client.get("/graphql", headers={"Accept": "text/html"}).text.count("graphiql/graphiql.js") == 1
    assert client.get("/metrics").status_code == 401
    for path in ("/inventory", "/inventory.json", "/graphiql/start.js"):
        assert "/assets/index-abc.js" not in client.get(path).text, path
    assert client.get("/no-such-page").status_code == 404  # not a view: no page for it


def test_a_missing_build_says_how_to_make_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(webui, "INDEX", tmp_path / "absent" / "index.html")
    client = TestClient(create_app(open_test_store("embedded", tmp_path / "store")))
    response = client.get("/deadlines")
    assert response.status_code == 503
    assert "npm ci &amp;&amp; npm run build" in response.text and "make run" in response.text
    assert "ui/dist/index.html" in response.text
    assert "npm run build" in webui.not_built_message()


@pytest.mark.slow
def test_serve_says_at_startup_when_the_ui_is_not_built(tmp_path: Path) -> None:
    """The message comes from the real command, with a build-less copy of the package layout."""
    code = ("import api.webui as w, pathlib, sys; w.INDEX = pathlib.Path(sys.argv[1]); "
            "from api.cli import main; sys.argv = ['steward', '--store', sys.argv[2], 'serve', '--port', '0']; main()")
    proc = subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "none.html"),
                             str(tmp_path / "store")], stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    lines = [proc.stderr.readline() for _ in range(2)]
    proc.terminate()
    proc.wait(timeout=10)
    proc.stderr.close()
    assert "the web UI is not built" in lines[1] and "npm run build" in lines[1], lines


def test_the_query_types_match_the_committed_schema() -> None:
    """graphql-codegen in check mode: it fails when api/schema.graphql or a query of
    ui/src/queries changed and ui/src/generated/graphql.ts was not regenerated."""
    if shutil.which("node") is None or not (UI / "node_modules" / ".bin" / "graphql-codegen").exists():
        pytest.fail("node and ui/node_modules are needed: `cd ui && npm ci` (make does)")
    codegen = UI / "node_modules" / ".bin" / "graphql-codegen"
    result = subprocess.run([str(codegen), "--config", "codegen.yml", "--check"], cwd=UI, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, "ui/src/generated/graphql.ts is stale: run `cd ui && npm run codegen`\n" + \
        result.stdout[-2000:] + result.stderr[-2000:]
