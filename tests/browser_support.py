"""Debian's Chromium, driven by Playwright, for the browser tests: never a browser that
Playwright downloads (this machine and CI reach no browser download site). `make test`
installs it when missing (tools/setup-system.sh), and Debian's Firefox, which
tests/firefox_walk.mjs drives (tests/test_webui_firefox.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FIREFOX = Path("/usr/bin/firefox-esr")
AXE = Path(__file__).resolve().parent.parent / "ui" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@contextmanager
def chromium() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `bash tools/setup-system.sh` installs it (`make test` runs it), "
                    "or deselect with -m 'not browser'")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()
