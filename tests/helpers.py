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
