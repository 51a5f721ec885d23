"""The server caps glibc's malloc arenas, unless the environment already chose."""

from __future__ import annotations

import pytest

from api.memory import cap_malloc_arenas


def test_the_arenas_are_capped_under_glibc() -> None:
    assert cap_malloc_arenas() is True


def test_an_explicit_malloc_arena_max_is_left_to_glibc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert cap_malloc_arenas() is False
