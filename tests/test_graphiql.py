"""GraphiQL's page at /graphql loads only files that Steward serves itself, from the npm
packages the set-up installs, and says how to install them when they are missing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from starlette.testclient import TestClient

import api.graphiql
from api.app import create_app
from graph.store import Store

from .conftest import open_test_store

HTML = {"Accept": "text/html"}


class References(HTMLParser):
    """The URLs a page makes the browser fetch: scripts, stylesheets, icons, images."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []  # (kind, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("src"):
            self.found.append(("script", values["src"] or ""))
        elif tag == "link" and values.get("href"):
            self.found.append((values.get("rel") or "link", values["href"] or ""))
        elif tag in ("img", "iframe", "source") and values.get("src"):
            self.found.append((tag, values["src"] or ""))


def references(page: str) -> list[tuple[str, str]]:
    parser = References()
    parser.feed(page)
    return parser.found


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_test_store("embedded", tmp_path / "store")
    yield opened
    opened.close()


@pytest.fixture
def client(store: Store) -> TestClient:
    return TestClient(create_app(store))


def test_the_page_references_no_absolute_url(client: TestClient) -> None:
    response = client.get("/graphql", headers=HTML)
    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]
    found = references(response.text)
    assert {kind for kind, _ in found} >= {"script", "stylesheet"}
    assert not re.search(r"https?:|//[a-z]", response.text, re.IGNORECASE), response.text
    for _, url in found:
        assert not urlsplit(url).netloc and urlsplit(url).scheme in ("", "data"), url


def test_every_file_the_page_references_is_served_with_its_type(client: TestClient) -> None:
    page = client.get("/graphql", headers=HTML)
    expected = {"script": "text/javascript", "stylesheet": "text/css"}
    fetched = []
    for kind, url in references(page.text):
        if url.startswith("data:"):
            continue
        path = urljoin("http://testserver/graphql", url)
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].split(";")[0] == expected[kind], path
        assert len(response.content) > 50, path
        fetched.append(urlsplit(path).path)
    assert {"/graphiql/react.js", "/graphiql/react-dom.js", "/graphiql/graphiql.js",
            "/graphiql/graphiql.css"} <= set(fetched)


def test_the_policy_forbids_other_origins_and_inline_script(client: TestClient) -> None:
    policy = client.get("/graphql", headers=HTML).headers["content-security-policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert directives["connect-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"


def test_missing_packages_get_a_page_that_says_how_to_install_them(
        client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api.graphiql, "NODE_MODULES", tmp_path / "empty")
    response = client.get("/graphql", headers=HTML)
    assert response.status_code == 503
    assert "<code>make run</code>" in response.text
    assert "<code>cd ui &amp;&amp; npm ci</code>" in response.text
    assert "ui/node_modules/graphiql/graphiql.min.js" in response.text
    asset = client.get("/graphiql/graphiql.js")
    assert asset.status_code == 404 and "npm ci" in asset.text
    # The API itself does not need them.
    answer = client.post("/graphql", json={"query": "{ __typename }"})
    assert answer.json() == {"data": {"__typename": "Query"}}


def test_only_the_listed_files_are_served(client: TestClient) -> None:
    for path in ("/graphiql/package.json", "/graphiql/..%2Fpackage.json", "/graphiql/react",
                 "/graphiql/graphiql.min.js.map"):
        assert client.get(path).status_code == 404, path
