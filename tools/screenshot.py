"""Take a PNG screenshot of a published page with Debian's Chromium, driven by Playwright.

    .venv/bin/steward --store /tmp/example publish /tmp/site --as-of 2026-09-01
    .venv/bin/python tools/screenshot.py /tmp/site/inventory.html docs/inventory-index.png

The browser is the system's (`apt-get install chromium`), never one Playwright downloads:
this machine and CI reach no browser download site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def screenshot(page_file: Path, out: Path, width: int, height: int, full_page: bool) -> None:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(page_file.resolve().as_uri())
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out), full_page=full_page)
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path, help="the HTML file to open, e.g. SITE/inventory.html")
    parser.add_argument("out", type=Path, help="the PNG to write")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--full-page", action="store_true", help="the whole page, not just the first screen")
    args = parser.parse_args(argv)
    if not args.page.is_file():
        parser.error(f"no such page: {args.page}")
    if not Path(CHROMIUM).exists():
        print(f"screenshot: {CHROMIUM} is missing; install it with `apt-get install chromium`", file=sys.stderr)
        return 2
    screenshot(args.page, args.out, args.width, args.height, args.full_page)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
