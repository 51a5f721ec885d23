"""The web UI in Debian's Chromium against `steward serve` on the example district: each
view renders without a console error (a Content-Security-Policy violation is one) and
without a serious or critical axe-core violation, and the committee's tasks work end to
end. The overview, lineage and deadlines views are saved as screenshots into docs/."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .api_support import STEWARD
from .conftest import ROOT, SEEDS
from .webui_support import WAIT_MS, View, served

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DOCS = ROOT / "docs"
AS_OF = "2026-09-01"
RED = "rgb(176, 0, 32)"  # --bad in ui/src/styles.css


@pytest.fixture(scope="module")
def district_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("district") / "store"


@pytest.fixture(scope="module")
def district(district_store: Path) -> Iterator[tuple[str, str]]:
    """The example district served by `steward serve`, and a STEWARD token named clerk."""
    with served(district_store, SEEDS) as running:
        yield running


VIEWS = [
    ("/?asOf=2026-09-01", "table.scorecard"), ("/search?q=attendance", "ul.hits"), ("/node/sis", "dl.properties"),
    (f"/lineage/student-first-name?direction=down&depth=5&asOf={AS_OF}", ".graph canvas"),
    (f"/deadlines?asOf={AS_OF}", "table tbody tr"), ("/findings?principle=6", "table tbody tr"),
    ("/owners", "table tbody tr"),
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
    view.screenshot(DOCS / "ui-lineage.png")
    view.close()


def test_deadlines_show_an_overdue_row_in_red_with_its_explanation(district: tuple[str, str], browser: Any) -> None:
    base, token = district
    view = View(browser, base, token)
    page = view.goto(f"/deadlines?asOf={AS_OF}", "table tbody tr")
    view.screenshot(DOCS / "ui-deadlines.png")
    page.select_option("#status", "OVERDUE")
    page.wait_for_url(f"**/deadlines?asOf={AS_OF}&status=OVERDUE", timeout=WAIT_MS)
    view.settle("table tbody tr")
    rows = page.locator(".table tbody tr")  # the table of rows, not the timeline above it
    assert rows.count() > 0
    first = rows.first
    assert first.get_attribute("class") == "row-OVERDUE"
    assert first.locator(".status").evaluate("e => getComputedStyle(e).backgroundColor") == RED
    assert first.locator(".status").inner_text() == "Overdue"
    explanation = first.locator(".explanation").inner_text()
    assert "due" in explanation and len(explanation) > 40, explanation
    statuses = set(page.locator(".table tbody tr .status").all_inner_texts())
    assert statuses == {"Overdue"}, statuses
    with page.expect_download() as download:
        page.click("button:has-text('Download CSV')")
    lines = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "Status,Element,System,Cohort,Due by,Eligible from,Why"
    assert len(lines) == rows.count() + 1 and all(line.startswith("OVERDUE,") for line in lines[1:])
    view.close()


def test_a_finding_leads_to_its_node(district: tuple[str, str], browser: Any) -> None:
    base, token = district
    view = View(browser, base, token)
    page = view.goto("/findings?principle=6", "table tbody tr")
    principles = {t.split(".")[0] for t in page.locator("table tbody tr td:first-child").all_inner_texts()}
    assert principles == {"6"}, principles
    # Printed as an agenda handout: no menus, filters or buttons; the table and what it is of.
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible() and not page.locator("form.filters").is_visible()
    assert not page.locator("button:has-text('Download CSV')").is_visible()
    assert page.locator("table").is_visible() and "principle 6" in page.locator("p.print-only").inner_text()
    page.emulate_media(media="screen")
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
    # A value outside its enum is refused before anything runs, and shown at its field.
    assert "does not exist in 'Sensitivity'" in error.inner_text() and "TOP-SECRET" in error.inner_text()
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


def test_an_error_on_a_field_of_two_words_is_shown_at_that_field(district: tuple[str, str], browser: Any) -> None:
    """The typed mutations name a field in camelCase (`patch.breachNoticeHours`); the
    form's key is the catalog file's (`breach_notice_hours`)."""
    base, token = district
    view = View(browser, base, token)
    page = view.goto("/curate/edit/ndpa-keystone", "form.curation")
    page.fill("#field-breach_notice_hours", "soon")
    page.click("form.curation button[type=submit]")
    error = page.wait_for_selector("#field-breach_notice_hours-error", timeout=WAIT_MS).inner_text()
    assert "soon" in error and "Int" in error
    assert page.get_attribute("#field-breach_notice_hours", "aria-invalid") == "true"
    assert page.locator(".field-error").count() == 1
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


def test_each_role_is_told_who_it_is_and_only_a_steward_is_offered_curation(
        district_store: Path, district: tuple[str, str], browser: Any) -> None:
    base, clerk = district
    created = subprocess.run([*STEWARD, "--store", str(district_store), "token", "create", "--role", "viewer",
                              "--name", "reader", "--json"], check=True, capture_output=True, text=True)
    viewer = View(browser, base, json.loads(created.stdout)["token"])
    page = viewer.goto("/node/student-attendance-daily", "dl.properties")
    assert "Signed in as reader (VIEWER)" in page.locator("header").inner_text()
    viewer.settle("h2:has-text('Who answers for it')")  # a VIEWER reads who answers for it
    assert page.locator("a:has-text('Edit')").count() == 0  # a VIEWER reads, and may not curate
    assert page.locator("header nav a[href='/curate']").count() == 0
    page = viewer.goto("/curate/edit/student-attendance-daily")
    assert page.locator("form").count() == 0
    assert "reader, a VIEWER token" in page.locator("main").inner_text()
    assert "reader" in viewer.goto("/sign-in", "p.who-am-i").locator("p.who-am-i").inner_text()
    viewer.close()
    steward = View(browser, base, clerk)
    page = steward.goto("/node/student-attendance-daily", "a:has-text('Edit')")
    assert page.locator("header nav a[href='/curate']").count() == 1
    assert "clerk, a STEWARD token" in steward.goto("/sign-in", "p.who-am-i").locator("p.who-am-i").inner_text()
    steward.close()
    public = View(browser, base)
    assert "you are PUBLIC" in public.goto("/sign-in", "p.who-am-i").locator("p.who-am-i").inner_text()
    public.close()


def test_the_overview_shows_the_scorecard_and_the_counts(district: tuple[str, str], browser: Any) -> None:
    base, token = district
    view = View(browser, base, token)
    page = view.goto(f"/?asOf={AS_OF}", "table.scorecard")
    assert page.locator("table.scorecard tbody tr").count() >= 8
    assert "129" in page.locator("dl.counts").inner_text()
    view.screenshot(DOCS / "ui-overview.png")
    view.close()


def test_a_steward_creates_a_system_then_deletes_it_after_confirming(district: tuple[str, str], browser: Any) -> None:
    base, token = district
    view = View(browser, base, token)
    page = view.goto("/curate", "a[href='/curate/new/System']")
    page.click("a[href='/curate/new/System']")
    view.settle("form.curation")
    page.fill("#field-id", "Front Office Kiosk")  # not a slug
    page.fill("#field-name", "Front office kiosk")
    page.click("form.curation button[type=submit]")  # a system's kind is required
    assert "required" in page.wait_for_selector("#field-kind-error", timeout=WAIT_MS).inner_text()
    page.fill("#field-kind", "APPLICATION")
    page.click("form.curation button[type=submit]")
    assert "expected a slug" in page.wait_for_selector("#field-id-error", timeout=WAIT_MS).inner_text()
    assert page.locator("#field-kind-error").count() == 0
    page.fill("#field-id", "front-office-kiosk")
    page.click("form.curation button[type=submit]")
    saved = page.wait_for_selector("section.saved", timeout=WAIT_MS).inner_text()
    assert "clerk created front-office-kiosk" in saved
    page.click("section.saved a:has-text('Edit it')")
    view.settle("form.curation")
    page.click("button:has-text('Delete…')")
    dialog = page.wait_for_selector("[role=alertdialog]", timeout=WAIT_MS)
    assert "front-office-kiosk" in dialog.inner_text()
    page.click("button:has-text('Keep it')")  # nothing deleted until confirmed
    assert page.locator("[role=alertdialog]").count() == 0
    page.click("button:has-text('Delete…')")
    page.click("button:has-text('Delete it')")
    page.wait_for_url(f"{base}/changes?node=front-office-kiosk", timeout=WAIT_MS)
    view.settle("table tbody tr")
    actions = page.locator(".scroll > table > tbody > tr > td:nth-child(3)").all_inner_texts()
    assert actions[:2] == ["delete", "create"], actions
    page = view.goto("/node/front-office-kiosk", "p.empty")
    assert "no node" in page.locator("main").inner_text()
    view.close()


def test_the_audit_trail_shows_one_page_and_pages_back_by_a_deep_link(district: tuple[str, str], browser: Any) -> None:
    """The district's trail has thousands of entries: the view shows the newest page, an
    older one by an address that reloads to the same entries, and the way back."""
    base, token = district
    view = View(browser, base, token)
    page = view.goto("/changes", "table tbody tr")
    rows = page.locator(".scroll > table > tbody > tr")
    assert rows.count() == 50, rows.count()  # one page, not the whole trail

    def shown() -> tuple[list[int], list[str]]:
        note = re.fullmatch(r"Entries (\d+) to (\d+), newest first, 50 a page\.",
                            page.locator("p.page-note").inner_text())
        assert note, page.locator("p.page-note").inner_text()
        return [int(note[1]), int(note[2])], rows.all_inner_texts()

    newest, first = shown()
    assert len(first) == 50 and newest[0] > newest[1]
    when = page.locator(".scroll > table > tbody > tr > td:nth-child(1)").all_inner_texts()
    assert when == sorted(when, reverse=True)
    assert page.locator(".scroll table.diff").count() > 0  # each entry keeps its before and after
    assert page.locator("nav.pages a:has-text('Newer')").count() == 0
    page.click("nav.pages a:has-text('Older')")
    page.wait_for_url(f"{base}/changes?before={newest[1]}", timeout=WAIT_MS)
    view.settle("table tbody tr")
    older, second = shown()
    assert older[0] == newest[1] - 1 and len(second) == 50 and second != first
    page.reload()  # the deep link alone brings back the same page
    view.settle("table tbody tr")
    assert shown() == (older, second)
    page.click("nav.pages a:has-text('Newer')")
    page.wait_for_url(f"{base}/changes?after={older[0]}", timeout=WAIT_MS)
    view.settle("table tbody tr")
    assert shown() == (newest, first)
    view.close()


def test_the_keyboard_reaches_every_view_with_a_visible_focus(district: tuple[str, str], browser: Any) -> None:
    base, _ = district
    view = View(browser, base)
    page = view.goto("/search")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip"
    page.keyboard.press("Tab")  # the brand, then the views
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.textContent, "
                            "getComputedStyle(document.activeElement).outlineStyle]")
    assert focused == ["Overview", "solid"], focused
    for _ in range(2):
        page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Deadlines"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/deadlines", timeout=WAIT_MS)
    # The new view's heading takes the focus, so the next Tab starts in it.
    page.wait_for_function("() => document.activeElement.tagName === 'H1'", timeout=WAIT_MS)
    page = view.goto("/search")
    page.focus("#q")
    page.keyboard.type("birth")
    page.wait_for_selector("ul.hits a", timeout=WAIT_MS)
    page.keyboard.press("Tab")  # the search button
    page.keyboard.press("Tab")  # the first result
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/node/**", timeout=WAIT_MS)
    view.settle("dl.properties")
    view.close()


@pytest.mark.parametrize(("path", "ready"), VIEWS)
def test_each_view_reads_at_150_percent_zoom(district: tuple[str, str], browser: Any, path: str, ready: str) -> None:
    """At 150% on a 1280x720 projector, nothing runs off the side: the layout wraps, and
    wide tables scroll inside their own box."""
    base, token = district
    view = View(browser, base, token, zoom=1.5)
    page = view.goto(path, ready)
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), path
    assert page.locator("main h1").is_visible()
    view.close()


def test_a_token_that_is_not_recognised_is_refused_at_sign_in(district: tuple[str, str], browser: Any) -> None:
    base, _ = district
    view = View(browser, base)
    page = view.goto("/sign-in?next=/deadlines")
    page.fill("#token", "stw_not-a-token")
    page.click("form button[type=submit]")
    assert "not recognised" in page.wait_for_selector("#token-error", timeout=WAIT_MS).inner_text()
    assert page.evaluate("() => sessionStorage.length") == 0
    assert "PUBLIC" in page.locator("header").inner_text()
    # The API answers an unknown token 401, which the browser reports as a failed request.
    view.errors = [e for e in view.errors if "401" not in e]
    view.close()
