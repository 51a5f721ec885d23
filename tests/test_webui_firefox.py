"""The web UI in Firefox (Debian's firefox-esr) against `steward serve` on the example
district: every view's deep link renders its content from the catalog, a visitor
searches for an element and opens it, and a steward signs in and opens a curation form;
with no console error, page error (a Content-Security-Policy violation is one) or
refused request anywhere, and no view wider than a 1280x720 screen.

Playwright drives only a Firefox of its own build, which cannot be downloaded here; a
stock Firefox speaks WebDriver BiDi, which puppeteer-core (a devDependency of ui/)
drives. tests/firefox_walk.mjs walks the views once in one browser and prints what each
showed as JSON; the tests below assert on it, one test a view."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from .browser_support import FIREFOX
from .conftest import ROOT, SEEDS
from .webui_support import served

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WALK = ROOT / "tests" / "firefox_walk.mjs"
PUPPETEER = ROOT / "ui" / "node_modules" / "puppeteer-core" / "package.json"
WALK_SECONDS = 600  # only catches a hang
AS_OF = "2026-09-01"
INCIDENT = "inc-2025-11-schoolcall-misdirected-calls"
Seen = dict[str, Any]


def scorecard(seen: Seen) -> None:
    assert len(seen["items"]) >= 8, seen["items"]
    assert any(row.startswith("6. Share only under an agreement") for row in seen["items"])
    assert "Recent changes" in seen["text"] and "129" in seen["text"]  # the district's element count


def search(seen: Seen) -> None:
    assert "DataElement (6)" in seen["items"], seen["items"]
    assert "Daily attendance status" in seen["text"]


def node(seen: Seen) -> None:
    assert seen["heading"] == "Student Information System"
    assert "Keystone" in seen["text"] and any(kind.startswith("holds (") for kind in seen["items"]), seen["items"]


def lineage(seen: Seen) -> None:
    providers = sorted(p.removesuffix("provider").strip() for p in seen["items"] if p.endswith("provider"))
    assert providers == ["Chalkboard Classroom Inc.", "Pathfinder College & Career Inc."], seen["items"]
    assert "not in force" in seen["text"]  # the Chalkboard agreement expired in 2023


def owners(seen: Seen) -> None:
    assert any(row.startswith("owner") and "Priya Natarajan" in row for row in seen["items"]), seen["items"]
    assert "data-committee" in seen["text"]  # the chain up to the committee


def deadlines(seen: Seen) -> None:
    assert seen["items"] and set(seen["items"]) == {"Overdue"}, seen["items"]


def findings(seen: Seen) -> None:
    assert seen["items"] and {row.split(".")[0] for row in seen["items"]} == {"6"}, seen["items"]


def incident(seen: Seen) -> None:
    assert "Systems affected (1)" in seen["items"] and "Providers (2)" in seen["items"], seen["items"]
    assert "schoolcall-notify" in seen["text"] and "Notice duties" in seen["text"]


def changes(seen: Seen) -> None:
    assert len(seen["items"]) == 50 and "create-token" in seen["items"], seen["items"][:5]  # the newest page


def sign_in(seen: Seen) -> None:
    assert "You are signed in as clerk, a STEWARD token, for this browser session" in seen["text"]


def explorer(seen: Seen) -> None:
    shown = re.search(r"(\d+) nodes and (\d+) relationships shown", seen["text"])
    assert shown and int(shown[1]) > 1 and int(shown[2]) > 0, seen["text"][:500]
    assert {"System", "DataElement"} <= {label.strip() for label in seen["items"]}, seen["items"]


def unowned(seen: Seen) -> None:
    assert seen["items"], seen["text"][:500]


def curation(seen: Seen) -> None:
    forms = {"New data element", "New system", "New flow", "New agreement", "New retention rule"}
    assert forms <= set(seen["items"]), seen["items"]


def missing(seen: Seen) -> None:
    assert "no node" in seen["text"]


# Each view's deep link, the element that says it has drawn, the elements whose text it
# reports, and what they must show of the example district.
VIEWS: list[tuple[str, str, str, Callable[[Seen], None]]] = [
    (f"/?asOf={AS_OF}", "table.scorecard", "table.scorecard tbody tr", scorecard),
    ("/search?q=attendance", "ul.hits", "section.group h2", search),
    ("/node/sis", "dl.properties", "dl.relationships dt", node),
    (f"/lineage/student-email?direction=down&depth=5&asOf={AS_OF}", ".graph canvas", "ul.providers li", lineage),
    ("/owners/sis", "table tbody tr", "table tbody tr", owners),
    (f"/deadlines?asOf={AS_OF}&status=OVERDUE", ".table tbody tr", ".table tbody tr .status", deadlines),
    ("/findings?principle=6", "table tbody tr", "table tbody tr td:first-child", findings),
    (f"/incidents/{INCIDENT}", "dl.relationships", "dl.relationships dt", incident),
    ("/changes", "table tbody tr", ".scroll > table > tbody > tr > td:nth-child(3)", changes),
    ("/sign-in", "#token", "", sign_in),
    ("/explore?from=sis", ".graph canvas", "fieldset.filters label.check", explorer),
    ("/owners", "table tbody tr", "table tbody tr", unowned),
    ("/curate", "ul.hits", "ul.hits a", curation),
    ("/node/no-such-node", "p.empty", "", missing),
]


@pytest.fixture(scope="module")
def walk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Every step of the walk, by name."""
    if not FIREFOX.exists():
        pytest.fail(f"{FIREFOX} is missing: `bash tools/setup-system.sh` installs it (`make test` runs it), "
                    "or deselect with -m 'not browser'")
    if not PUPPETEER.exists():
        pytest.fail(f"{PUPPETEER} is missing: run `cd ui && npm ci` (make does)")
    with served(tmp_path_factory.mktemp("district") / "store", SEEDS) as (base, token):
        config = {"base": base, "token": token, "firefox": str(FIREFOX),
                  "views": [[path, ready, items] for path, ready, items, _ in VIEWS]}
        done = subprocess.run(["node", str(WALK)], input=json.dumps(config), capture_output=True, text=True,
                              timeout=WALK_SECONDS, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-4000:]
    result = json.loads(done.stdout)
    print(f"{result['version']}: launched in {result['launchedMs']} ms, walked in {result['totalMs']} ms")
    yield {step["name"]: step for step in result["steps"]}


def clean(step: dict[str, Any]) -> Seen:
    """What the step saw, once it is known that nothing failed or was logged on the way."""
    assert step["failure"] is None, (step["name"], step["failure"])
    assert step["problems"] == [], (step["name"], step["problems"])
    return dict(step["seen"])


@pytest.mark.parametrize(("path", "check"), [(path, check) for path, _, _, check in VIEWS])
def test_each_view_shows_the_district_without_errors(walk: dict[str, Any], path: str,
                                                     check: Callable[[Seen], None]) -> None:
    seen = clean(walk[path])
    assert seen["url"] == path and seen["heading"] and seen["title"].endswith(" · Steward"), seen
    assert seen["who"] == "Signed in as clerk (STEWARD) · Sign out"  # the staff's views, not the PUBLIC notes
    assert not seen["wide"], "runs off the side at 1280x720"  # wide tables scroll in their own box
    check(seen)


def test_a_visitor_searches_for_an_element_and_opens_it(walk: dict[str, Any]) -> None:
    seen = clean(walk["search and open"])
    results, opened = seen["results"], seen["opened"]
    assert results["url"] == "/search?q=attendance" and "DataElement (6)" in results["items"], results
    assert results["who"] == "PUBLIC · Sign in"
    assert opened["url"] == "/node/student-attendance-daily"
    assert opened["heading"] == "Daily attendance status"
    assert "Student Information System" in opened["items"], opened["items"]


def test_a_steward_signs_in_and_opens_a_curation_form(walk: dict[str, Any]) -> None:
    seen = clean(walk["sign in and curate"])
    assert seen["signedIn"]["url"] == "/" and seen["signedIn"]["who"] == "Signed in as clerk (STEWARD) · Sign out"
    form = seen["form"]
    assert form["url"] == "/curate/edit/student-attendance-daily" and form["heading"] == "Edit student-attendance-daily"
    assert form["fields"]["name"] == "Daily attendance status"
    assert form["fields"]["sensitivity"] == "PII" and form["fields"]["retained_under"] == "il-temporary-record"
    assert "Sensitivity (required)" in form["items"], form["items"]


def test_the_walk_hears_what_firefox_reports(walk: dict[str, Any]) -> None:
    """The other tests' empty lists of problems mean something: an inline script the
    page's policy refuses, and an error thrown in the page, both reach the walk."""
    step = walk["control"]
    assert step["failure"] is None and step["seen"] == {"inlineRan": False}
    problems = "\n".join(step["problems"])
    assert "Content-Security-Policy" in problems and "thrown on purpose" in problems, step["problems"]
