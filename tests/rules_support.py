"""Shared by the rule tests: load one inline catalog, run the checks as of a fixed date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from catalog.findings import Finding, run_checks
from graph.store import Store

from .helpers import load_text

# Every rule test runs as of this date; nothing depends on today's.
AS_OF = date(2026, 9, 1)


def findings(store: Store, folder: Path, text: str, rule: str, as_of: date = AS_OF) -> list[Finding]:
    """The findings of one rule on the catalog `text`, in run_checks order."""
    load_text(store, folder, text)
    return [f for f in run_checks(store, as_of) if f.rule == rule]


def fired(store: Store, folder: Path, text: str, rule: str, as_of: date = AS_OF) -> list[tuple[str, str]]:
    """The (rule, node) pairs one rule yields, one per finding, sorted by node."""
    return [(f.rule, f.node) for f in findings(store, folder, text, rule, as_of)]
