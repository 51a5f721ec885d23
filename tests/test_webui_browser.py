"""The web UI in Debian's Chromium against `steward serve` on the example district: each
view renders without a console error (a Content-Security-Policy violation is one) and
without a serious or critical axe-core violation, and the committee's tasks work end to
end. The overview, lineage and deadlines views are saved as screenshots into docs/."""

from __future__ import annotations

import json
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from .browser_support import chromium
from .conftest import ROOT, SEEDS
from .test_api_server import STEWARD, free_port

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE = ROOT / "ui" / "node_modules" / "axe-core" / "axe.min.js"
DOCS = ROOT / "docs"
WAIT_MS = 60_000  # only catches a hang
AS_OF = "2026-09-01"
RED = "rgb(176, 0, 32)"  # --bad in ui/src/styles.css


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The example district served by `steward serve`, and a STEWARD token named clerk."""
    if not (ROOT / "ui" / "dist" / "index.html").is_file():
        pytest.fail("ui/dist is not built: `make ui` (make test does), or `cd ui && npm ci && npm run build`")
    store = ["--store", str(tmp_path_factory.mktemp("district") / "store")]
    subprocess.run([*STEWARD, *store, "load", "-q", str(SEEDS)], check=True)
    created = subprocess.run([*STEWARD, *store, "token", "create", "--role", "steward", "--name", "clerk", "--json"],
                             check=True, capture_output=True, text=True)
    port = free_port()
    proc = subprocess.Popen([*STEWARD, *store, "serve", "--port", str(port)], stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        yield base, json.loads(created.stdout)["token"]
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `cd ui && npm ci` (make does)")
    with chromium() as launched:
        yield launched


class View:
    """A page that records every console error; `close` fails the test if there was one."""

    def __init__(self, browser: Any, base: str, token: str | None = None, zoom: float = 1.0) -> None:
        self.base, self.errors = base, []
        self.context = browser.new_context(viewport={"width": 1280, "height": 720}, device_scale_factor=zoom)
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

    def screenshot(self, name: str) -> None:
        self.page.screenshot(path=str(DOCS / name))

    def close(self) -> None:
        self.context.close()
        assert not self.errors, self.errors


VIEWS = [
    ("/?asOf=2026-09-01", "table.scorecard"), ("/search?q=attendance", "ul.hits"), ("/node/sis", "dl.properties"),
    (f"/lineage/student-first-name?direction=down&depth=5&asOf={AS_OF}", ".graph canvas"),
    (f"/deadlines?asOf={AS_OF}", "table tbody tr"), ("/findings?principle=6", "table tbody tr"),
    ("/owners/sis", "table"), ("/incidents/inc-2025-11-schoolcall-misdirected-calls", "dl.relationships"),
    ("/changes", "main h1"), ("/explore?from=sis", ".graph canvas"), ("/curate/edit/student-attendance-daily", "form"),
    ("/sign-in", "#token"), ("/node/no-such-node", "p.empty"),
]


@pytest.mark.parametrize(("path", "ready"), VIEWS)
def test_each_view_renders_without_errors_or_serious_accessibility_violations(
        district: tuple[str, str], browser: Any, path: str, ready: str) -> None:
    base, token = district
    view = View(browser, base, token)
    view.goto(path, ready)
    view.axe()
    assert view.page.locator("main h1").inner_text().strip()
    view.close()


def test_search_finds_an_element_and_opens_it(district: tuple[str, str], browser: Any) -> None:
    base, _ = district
    view = View(browser, base)  # PUBLIC: the element is public
    page = view.goto("/search")
    page.fill("#q", "attendance")  # type-ahead: no submit
    page.wait_for_selector("section.group h2:has-text('DataElement')", timeout=WAIT_MS)
    assert "q=attendance" in page.url
    page.click("a[href='/node/student-attendance-daily']")
    page.wait_for_url(f"{base}/node/student-attendance-daily", timeout=WAIT_MS)
    view.settle("dl.properties")
    assert page.locator("main h1").inner_text() == "Daily attendance status"
    assert page.locator("dl.relationships a[href='/node/sis']").first.inner_text() == "Student Information System"
    view.close()


def test_lineage_shows_the_providers_reached_and_an_expired_basis_in_red(
        district: tuple[str, str], browser: Any) -> None:
    base, token = district
    view = View(browser, base, token)
    page = view.goto(f"/lineage/student-email?direction=down&depth=5&asOf={AS_OF}", "table tbody tr")
    providers = sorted(p.removesuffix("provider").strip() for p in page.locator("ul.providers li").all_inner_texts()
                       if p.endswith("provider"))
    assert providers == ["Chalkboard Classroom Inc.", "Pathfinder College & Career Inc."], providers
    assert "Riverside Unified School District" in page.locator("ul.providers").inner_text()  # reached, not a provider
    # The Chalkboard DPA expired in 2023: its flow is red, and says so.
    row = page.locator("tr:has(a[href='/node/sis-to-chalkboard'])")
    assert "basis-expired" in (row.get_attribute("class") or "")
    assert "not in force" in row.inner_text()
    expired = row.locator(".unsound-text").first
    assert expired.evaluate("e => getComputedStyle(e).color") == RED
    # A flow inside the district needs no basis and is not red.
    internal = page.locator("tr:has(a[href='/node/sis-to-identity-students'])")
    assert "none needed" in internal.inner_text() and "basis-" not in (internal.get_attribute("class") or "")
    assert page.locator(".graph canvas").count() > 0
    view.screenshot("ui-lineage.png")
    view.close()


def test_deadlines_show_an_overdue_row_in_red_with_its_explanation(district: tuple[str, str], browser: Any) -> None:
    base, token = district
    view = View(browser, base, token)
    page = view.goto(f"/deadlines?asOf={AS_OF}", "table tbody tr")
    view.screenshot("ui-deadlines.png")
    page.select_option("#status", "OVERDUE")
    page.wait_for_url(f"**/deadlines?asOf={AS_OF}&status=OVERDUE", timeout=WAIT_MS)
    view.settle("table tbody tr")
    rows = page.locator("table tbody tr")
    assert rows.count() > 0
    first = rows.first
    assert first.get_attribute("class") == "row-OVERDUE"
    assert first.locator(".status").evaluate("e => getComputedStyle(e).backgroundColor") == RED
    assert first.locator(".status").inner_text() == "Overdue"
    explanation = first.locator(".explanation").inner_text()
    assert "due" in explanation and len(explanation) > 40, explanation
    statuses = set(page.locator("table tbody tr .status").all_inner_texts())
    assert statuses == {"Overdue"}, statuses
    view.close()


def test_a_finding_leads_to_its_node(district: tuple[str, str], browser: Any) -> None:
    base, token = district
    view = View(browser, base, token)
    page = view.goto("/findings?principle=6", "table tbody tr")
    principles = {t.split(".")[0] for t in page.locator("table tbody tr td:first-child").all_inner_texts()}
    assert principles == {"6"}, principles
    link = page.locator("table tbody tr td:nth-child(3) a").first
    target = link.inner_text()
    link.click()
    page.wait_for_url(f"{base}/node/{target}", timeout=WAIT_MS)
    view.settle("dl.properties")
    view.settle("section.panel h2:has-text('Findings')")
    assert target in page.locator("p.kind").inner_text()
    assert "Principle 6" in page.locator("section.panel:has(h2:has-text('Findings'))").inner_text()
    view.close()


def test_a_steward_sees_a_validation_error_then_the_saved_change_in_the_audit_trail(
        district: tuple[str, str], browser: Any) -> None:
    base, token = district
    view = View(browser, base, token)
    page = view.goto("/node/student-attendance-daily", "dl.properties")
    page.click("a:has-text('Edit')")
    view.settle("form.curation")
    page.fill("#field-sensitivity", "TOP-SECRET")
    page.click("form.curation button[type=submit]")
    error = page.wait_for_selector("#field-sensitivity-error", timeout=WAIT_MS)
    assert "expected one of" in error.inner_text() and "TOP-SECRET" in error.inner_text()
    assert page.get_attribute("#field-sensitivity", "aria-invalid") == "true"
    page.fill("#field-sensitivity", "SENSITIVE")
    page.fill("#field-definition", "Present or absent on each school day, with the reason.")
    page.click("form.curation button[type=submit]")
    saved = page.wait_for_selector("section.saved", timeout=WAIT_MS).inner_text()
    assert "clerk updated student-attendance-daily" in saved
    assert "Present or absent on each school day" in saved and "SENSITIVE" in saved
    view.goto("/changes", "table tbody tr")
    newest = page.locator("table tbody tr").first.inner_text()
    assert "clerk" in newest and "student-attendance-daily" in newest and "SENSITIVE" in newest
    view.close()


def test_a_public_visitor_reaches_no_curation_screen_and_no_private_node(
        district: tuple[str, str], browser: Any) -> None:
    base, _ = district
    view = View(browser, base)
    for path in ("/curate", "/curate/edit/student-attendance-daily", "/curate/new/System"):
        page = view.goto(path)
        assert page.locator("form").count() == 0, path
        assert "STEWARD tokens" in page.locator("main").inner_text()
    page = view.goto("/node/p-registrar", "p.empty")  # a person: staff are not public
    assert "no node" in page.locator("main").inner_text()
    page = view.goto("/node/student-attendance-daily", "dl.properties")
    assert page.locator("a:has-text('Edit')").count() == 0
    assert "PUBLIC" in page.locator("header").inner_text()
    view.close()


def test_the_overview_reads_at_150_percent_zoom(district: tuple[str, str], browser: Any) -> None:
    base, token = district
    view = View(browser, base, token)
    page = view.goto(f"/?asOf={AS_OF}", "table.scorecard")
    assert page.locator("table.scorecard tbody tr").count() >= 8
    assert "129" in page.locator("dl.counts").inner_text()
    view.screenshot("ui-overview.png")
    page.evaluate("() => { document.documentElement.style.zoom = '1.5'; }")
    # At 150%, nothing is wider than the window: the layout wraps instead.
    width = page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert width
    view.close()
