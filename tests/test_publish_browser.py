"""The published pages in a real browser: axe-core finds no serious or critical
accessibility violation, the pages fit a phone's width, print drops the menus, and
hostile values in the catalog run nothing.

Debian's Chromium (tools/system-packages) driven by Playwright; axe-core from the npm
registry (`cd ui && npm ci`). Deselect with `-m "not browser"` where neither is
installed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from api.inventory import build_site, write_site

from .browser_support import AXE
from .publish_support import AS_OF, hostile_store, publish, seeded_store

pytestmark = pytest.mark.browser

PAGES = ["inventory.html", "inventory/org-keystone-student-systems.html", "inventory/student.html"]


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    write_site(publish(seeded_store(tmp_path_factory.mktemp("browser-store"))), out)
    return out


def open_page(browser: Any, site_dir: Path, path: str, width: int = 1280) -> Any:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto((site_dir / path).as_uri())
    return page


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_serious_or_critical_violation(browser: Any, site_dir: Path, path: str, width: int) -> None:
    page = open_page(browser, site_dir, path, width)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    page.close()
    serious = [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"][:3]])
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, serious
    assert len(result["passes"]) > 20  # axe really ran its rules


@pytest.mark.parametrize("path", PAGES)
def test_pages_fit_a_phone_screen(browser: Any, site_dir: Path, path: str) -> None:
    page = open_page(browser, site_dir, path, width=360)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    page.close()
    assert overflow <= 0


def test_print_hides_the_menu_and_spells_out_links(browser: Any, site_dir: Path) -> None:
    page = open_page(browser, site_dir, "inventory/org-pathfinder-ccr.html")
    page.emulate_media(media="print")
    menu = page.evaluate("() => getComputedStyle(document.querySelector('nav.pages')).display")
    after = page.evaluate("() => getComputedStyle(document.querySelector('main a[href^=\"http\"]'), '::after')"
                          ".content")
    page.close()
    assert menu == "none" and "https://" in after


def test_the_skip_link_moves_focus_to_the_content(browser: Any, site_dir: Path) -> None:
    page = open_page(browser, site_dir, "inventory.html")
    page.keyboard.press("Tab")
    first = page.evaluate("() => document.activeElement.textContent")
    page.keyboard.press("Enter")
    focused = page.evaluate("() => document.activeElement.id")
    page.close()
    assert first == "Skip to main content" and focused == "main"


def test_hostile_values_run_nothing_and_link_nowhere_else(browser: Any, tmp_path: Path) -> None:
    site = build_site(hostile_store(tmp_path / "store"), AS_OF)
    write_site(site, tmp_path / "site")
    dialogs: list[str] = []  # an alert() that ran
    for path in (p for p in site if p.endswith(".html")):
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto((tmp_path / "site" / path).as_uri())
        found = page.evaluate("() => ({protocols: [...document.links].map(a => a.protocol), "
                              "scripts: document.scripts.length, images: document.images.length})")
        page.close()
        # The browser's own reading of every href: nothing but the web, e-mail and the site's files.
        assert set(found["protocols"]) <= {"http:", "https:", "mailto:", "file:"}, (path, found)
        assert found["scripts"] == found["images"] == 0 and not dialogs, (path, found, dialogs)
