"""Shared set-up for the web UI's browser tests: `steward serve` over a loaded store in a
subprocess, and a page that records console errors and runs axe-core."""

from __future__ import annotations

import json
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from .api_support import STEWARD, free_port
from .browser_support import AXE
from .conftest import ROOT

WAIT_MS = 60_000  # only catches a hang


@contextmanager
def served(store: Path, catalog: Path, start_seconds: float = 30) -> Iterator[tuple[str, str]]:
    """`catalog` loaded into `store` and served by `steward serve`, and a STEWARD token named clerk."""
    if not (ROOT / "ui" / "dist" / "index.html").is_file():
        pytest.fail("ui/dist is not built: `make ui` (make test does), or `cd ui && npm ci && npm run build`")
    where = ["--store", str(store)]
    subprocess.run([*STEWARD, *where, "load", "-q", str(catalog)], check=True)
    created = subprocess.run([*STEWARD, *where, "token", "create", "--role", "steward", "--name", "clerk", "--json"],
                             check=True, capture_output=True, text=True)
    port = free_port()
    proc = subprocess.Popen([*STEWARD, *where, "serve", "--port", str(port)], stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + start_seconds
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        yield base, json.loads(created.stdout)["token"]
    finally:
        proc.terminate()
        proc.wait(timeout=10)


class View:
    """A page that records every console error; `close` fails the test if there was one."""

    def __init__(self, browser: Any, base: str, token: str | None = None, zoom: float = 1.0) -> None:
        self.base, self.errors = base, []
        # Zoomed as a browser zooms: the same screen, fewer CSS pixels, each drawn larger.
        self.context = browser.new_context(viewport={"width": round(1280 / zoom), "height": round(720 / zoom)},
                                           device_scale_factor=zoom, accept_downloads=True)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        if token:
            self.sign_in(token)

    def sign_in(self, token: str) -> None:
        self.goto("/sign-in")
        self.page.fill("#token", token)
        self.page.click("form button[type=submit]")
        self.page.wait_for_url(f"{self.base}/", timeout=WAIT_MS)
        self.page.wait_for_selector("text=Signed in", timeout=WAIT_MS)

    def goto(self, path: str, ready: str = "main h1") -> Any:
        self.page.goto(self.base + path)
        self.settle(ready)
        return self.page

    def settle(self, ready: str = "main h1") -> None:
        self.page.wait_for_selector(ready, timeout=WAIT_MS)
        self.page.wait_for_function("() => !document.querySelector('main [role=status].loading')", timeout=WAIT_MS)

    def axe(self) -> None:
        # Evaluated, not added as a <script>: the page's policy rightly refuses inline script.
        self.page.evaluate(AXE.read_text() + "\n;0")
        result = self.page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        serious = [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"][:3]])
                   for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert not serious, (self.page.url, serious)
        assert len(result["passes"]) > 10  # axe really ran its rules

    def screenshot(self, path: Path) -> None:
        self.page.screenshot(path=str(path))

    def close(self) -> None:
        self.context.close()
        assert not self.errors, self.errors
