"""What the publishing tests share: the example district as published, and readers of
the published HTML."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from api.inventory import build_site
from graph.embedded.store import EmbeddedStore
from graph.loading import load_paths

from .conftest import SEEDS

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
