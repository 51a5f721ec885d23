"""Where a piece of catalog input came from, and what is wrong with it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
        step = f"[{key}]" if isinstance(key, int) else (f".{key}" if self.path else key)
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
