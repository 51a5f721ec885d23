"""The reliability tests run short in `make test` and long in `make soak` (STEWARD_SOAK=1).

A test asks `scaled(short, long)` for its size (clients, seconds, kills, outages) and so
is one test with two lengths, never two tests that can drift apart."""

from __future__ import annotations

import os
from typing import TypeVar

import pytest

T = TypeVar("T")

SOAK = os.environ.get("STEWARD_SOAK") == "1"


def scaled(short: T, long: T) -> T:
    """`long` under `make soak`, `short` otherwise."""
    return long if SOAK else short


def record(capsys: pytest.CaptureFixture[str], line: str) -> None:
    """A test's figures, shown whether it passes or not: `make soak`'s record."""
    with capsys.disabled():
        print(f"\n{line}")
