from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.backends import StoreConfig, open_store
from graph.store import Store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"
BACKENDS = ["embedded"]


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store of each backend; the contract suite runs once per backend."""
    opened = open_store(StoreConfig(backend=request.param, store=str(tmp_path / "store")))
    yield opened
    opened.close()


@pytest.fixture
def write_yaml(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write catalog files into a fresh folder and return the folder."""
    folder = tmp_path / "catalog"
    folder.mkdir()

    def write(name: str, text: str) -> Path:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        return path

    write.folder = folder  # type: ignore[attr-defined]
    return write
