"""The live inventory: built once per version of the catalog and served from memory until
a write (by this process or another) or the date changes; its links never follow the
request's Host header."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from api.inventory import routes, site
from api.inventory.routes import make_routes
from catalog.records import NodeRecord
from graph.embedded.store import EmbeddedStore
from graph.loading import load_paths

from .conftest import DATA
from .publish_support import AS_OF, NOW

PAGES = ["/inventory", "/inventory.html", "/inventory.csv", "/inventory.json", "/data.json",
         "/inventory/student.html", "/inventory/org-acme-learning.html"]


class Counting:
    """Counts the sites built, and how often the whole graph is read: once per data
    version, the store's snapshot being shared by every build of that version."""

    def __init__(self, store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch) -> None:
        self.store, self.builds = store, 0
        build = site.build_site

        def counted(*args: Any) -> Any:
            self.builds += 1
            return build(*args)

        monkeypatch.setattr(routes, "build_site", counted)

    @property
    def reads(self) -> int:
        return self.store.snapshots.builds


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    opened = EmbeddedStore(tmp_path / "store")
    load_paths(opened, [DATA / "design-example.yaml"], now=NOW)
    yield opened
    opened.close()


def rename(store: EmbeddedStore, node_id: str, name: str) -> None:
    node = store.get_node(node_id)
    assert node is not None
    with store.transaction() as tx:
        tx.upsert_node(NodeRecord(node.label, node.id, {**node.props, "name": name}))


def test_the_site_is_built_once_per_data_version_and_date(store: EmbeddedStore,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    source, today = Counting(store, monkeypatch), [AS_OF]
    app = Starlette(routes=make_routes(store, lambda: today[0]))
    with TestClient(app) as client, ThreadPoolExecutor(max_workers=30) as pool:
        first = list(pool.map(lambda i: client.get(PAGES[i % len(PAGES)]), range(30)))
        assert [r.status_code for r in first] == [200] * 30 and source.builds == 1
        assert len({r.content for r in first if r.url.path == "/inventory"}) == 1
        assert all(client.get(page).status_code == 200 for page in PAGES) and source.builds == 1
        rename(store, "student-birth-date", "Date of birth")  # a write: built again, once
        assert "Date of birth" in client.get("/inventory").text and source.builds == 2
        assert "Date of birth" in client.get("/inventory.csv").text and source.builds == 2
        today[0] = date(2026, 9, 2)  # another day: built again
        assert source.reads == 2  # the graph as it is after the write, read once
        assert "As of 2026-09-02" in client.get("/inventory").text and source.builds == 3
        assert source.reads == 2  # the same graph: read no more
        other = EmbeddedStore(store.folder)  # another process's write
        rename(other, "student-birth-date", "Birthday")
        other.close()
        assert "Birthday" in client.get("/inventory").text and source.builds == 4 and source.reads == 3


def test_a_catalog_that_cannot_be_published_says_why(tmp_path: Path) -> None:
    empty = EmbeddedStore(tmp_path / "empty")
    with TestClient(Starlette(routes=make_routes(empty, lambda: AS_OF))) as client:
        response = client.get("/inventory")
    empty.close()
    assert response.status_code == 503 and "no organization to publish for" in response.text


@pytest.mark.parametrize("base_url", [None, "https://example.org/privacy/"])
def test_data_json_never_follows_the_host_header(store: EmbeddedStore, base_url: str | None) -> None:
    with TestClient(Starlette(routes=make_routes(store, lambda: AS_OF, base_url))) as client:
        bodies = [client.get(path, headers={"Host": "evil.example"}).text for path in PAGES]
        data = json.loads(client.get("/data.json", headers={"Host": "evil.example",
                                                            "X-Forwarded-Host": "evil.example"}).text)
    assert not [b for b in bodies if "evil.example" in b]
    downloads = sorted(d["downloadURL"] for d in data["dataset"][0]["distribution"])
    assert downloads == [f"{base_url or ''}{name}" for name in ("inventory.csv", "inventory.html", "inventory.json")]


# --- against a real server --------------------------------------------------------------------

STEWARD = [sys.executable, "-m", "api.cli"]


def get(url: str, host: str | None = None) -> bytes:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return bytes(response.read())


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, list[str]]]:
    store = ["--store", str(tmp_path / "store")]
    subprocess.run([*STEWARD, *store, "load", "-q", str(DATA / "design-example.yaml")], check=True)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    proc = subprocess.Popen([*STEWARD, *store, "serve", "--port", str(port)], stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                get(f"{base}/healthz")
                break
            except OSError:
                time.sleep(0.1)
        yield base, store
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.slow
def test_a_load_beside_a_running_server_is_published_at_once(served: tuple[str, list[str]],
                                                              tmp_path: Path) -> None:
    base, store = served
    before = get(f"{base}/inventory.json")
    assert get(f"{base}/inventory.json") == before and b"Date of birth" not in before
    changed = tmp_path / "edited" / "design-example.yaml"  # the same file, edited
    changed.parent.mkdir()
    changed.write_text((DATA / "design-example.yaml").read_text().replace("name: Birth date", "name: Date of birth"))
    subprocess.run([*STEWARD, *store, "load", "-q", str(changed)], check=True)
    after = json.loads(get(f"{base}/inventory.json"))
    assert [e["name"] for e in after["elements"] if e["id"] == "student-birth-date"] == ["Date of birth"]
    assert b"evil.example" not in get(f"{base}/data.json", host="evil.example")
