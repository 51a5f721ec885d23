"""Shared by the rule tests: a catalog written inline, parsed and validated as a load
would, held in memory (no store), and the checks run on it as of a fixed date.

The rules are pure functions of the graph: they are tested here, fast and on every
case; the store contract and the parity suite prove the backends give them the same graph."""

from __future__ import annotations

import textwrap
from datetime import date

from catalog.findings import Finding, run_checks
from catalog.source import CatalogError, Problems
from catalog.validate import validate
from catalog.view import Snapshot
from graph.loading import parse_document
from graph.yaml_source import parse_text

# Every rule test runs as of this date; nothing depends on today's.
AS_OF = date(2026, 9, 1)


def view_of(text: str) -> Snapshot:
    """The graph a load of `text` would write, validated the same way, in memory."""
    problems = Problems()
    name = "catalog.yaml"
    parsed = parse_document(parse_text(textwrap.dedent(text), name, problems), name, problems)
    if problems:
        raise CatalogError(problems.sorted())
    batch = validate(parsed, lambda _: None, [], problems)
    return Snapshot(batch.nodes, batch.edges)


def findings(text: str, rule: str, as_of: date = AS_OF) -> list[Finding]:
    """The findings of one rule on the catalog `text`, in run_checks order."""
    return [f for f in run_checks(view_of(text), as_of) if f.rule == rule]


def fired(text: str, rule: str, as_of: date = AS_OF) -> list[tuple[str, str]]:
    """The (rule, node) pairs one rule yields, one per finding, sorted by node."""
    return [(f.rule, f.node) for f in findings(text, rule, as_of)]
