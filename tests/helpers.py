"""Small builders shared by the analysis tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

from graph.loading import load_paths
from graph.store import Store


def load_text(store: Store, folder: Path, text: str, name: str = "catalog.yaml") -> Store:
    """Load one catalog file written inline in a test."""
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    load_paths(store, [path], now="2026-01-01T00:00:00Z")
    return store


def dense(path: Path, systems: int) -> Path:
    """A catalog file of systems that each send an element, x, to every other: the simple
    paths of flows from one of them number (systems - 1)!, too many to list."""
    ids = [f"s{i}" for i in range(systems)]
    lines = ["elements:", "  - {id: x, name: X, category: demographic, sensitivity: PII, subject: STUDENT}",
             "systems:", *(f"  - {{id: {s}, name: {s}, kind: APPLICATION, holds: [{{element: x}}]}}" for s in ids),
             "flows:", *(f"  - {{id: f-{a}-{b}, name: F, from: {a}, to: {b}, carries: [x]}}"
                         for a in ids for b in ids if a != b)]
    path.write_text("\n".join(lines) + "\n")
    return path
