"""Where a piece of catalog input came from, and what is wrong with it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import Any

# How much of a bad value a message quotes: enough to find it, never the whole of a value
# that may be megabytes long (or, through nested lists, far larger once written out).
EXCERPT_CHARS = 60
_ITEMS = 4
_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_<>-]{1,60}$")


def excerpt(value: object, limit: int = EXCERPT_CHARS) -> str:
    """A value as a message quotes it: whole when short; else its start, an ellipsis and
    its length. Never writes out more than a few items of a list or mapping."""
    if isinstance(value, str):
        shown = repr(value[:limit])
        return shown if len(value) <= limit else f"{shown}… ({len(value):,} characters)"
    text = _brief(value, depth=2)
    return text if len(text) <= limit else f"{text[:limit]}…"


def key_name(key: object) -> str:
    """A key as a message names it: as is when it is a plain name, else quoted and cut
    short, so that a key can neither fill a message nor forge a new line in it."""
    return key if isinstance(key, str) and _PLAIN_KEY.match(key) else excerpt(key)


def _brief(value: object, depth: int) -> str:
    if isinstance(value, str):
        return repr(value[:EXCERPT_CHARS]) + ("…" if len(value) > EXCERPT_CHARS else "")
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        # str() of an int of more than 4,300 digits raises; its size is what matters.
        return f"a whole number of about {int(value.bit_length() * 0.30103)} digits"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        shown = islice(value.items(), _ITEMS if depth > 0 else 0)
        return _enclose("{", [f"{_brief(k, 0)}: {_brief(v, depth - 1)}" for k, v in shown], len(value), "}")
    if isinstance(value, list | tuple | set | frozenset):
        items = [_brief(v, depth - 1) for v in islice(value, _ITEMS if depth > 0 else 0)]
        return _enclose("[", items, len(value), "]")
    return repr(value)[:EXCERPT_CHARS]


def _enclose(opening: str, shown: list[str], count: int, closing: str) -> str:
    return opening + ", ".join(shown + (["…"] if count > len(shown) else [])) + closing


class SourceMapping(dict[str, Any]):
    """A mapping read from a file that remembers the line of itself and of each key."""

    def __init__(self, *args: Any, line: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.line = line
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int | None:
        return self.key_lines.get(key, self.line)


class SourceList(list[Any]):
    """A list read from a file that remembers the line of each item."""

    def __init__(self, *args: Any, line: int | None = None) -> None:
        super().__init__(*args)
        self.line = line
        self.item_lines: list[int] = []

    def line_of(self, index: int) -> int | None:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


@dataclass(frozen=True, order=True)
class Location:
    file: str = "<input>"
    line: int | None = None
    path: str = ""

    def child(self, key: str | int, line: int | None = None) -> Location:
        name = str(key) if isinstance(key, int) else key_name(key)
        step = f"[{name}]" if isinstance(key, int) else (f".{name}" if self.path else name)
        return Location(self.file, line if line is not None else self.line, self.path + step)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.path}" if self.path else where


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input: where, and what was expected."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        loc = self.location
        return {"file": loc.file, "line": loc.line, "key": loc.path, "message": self.message}


@dataclass
class Problems:
    """Collects every problem of a load, so that all are reported at once."""

    items: list[Problem] = field(default_factory=list)
    # Ids of nodes rejected for their own problems: references to them are not
    # reported again as unknown ids.
    rejected: dict[str, Any] = field(default_factory=dict)

    def add(self, location: Location, message: str) -> None:
        self.items.append(Problem(location, message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def sorted(self) -> list[Problem]:
        return sorted(self.items, key=lambda p: (p.location.file, p.location.line or 0, p.message))


class CatalogError(Exception):
    """Raised with every problem found, when input cannot be accepted as a whole."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} problem(s):\n{lines}{more}")
