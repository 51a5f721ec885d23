"""The answers of whole-catalog analyses (deadlines, findings, the scorecard), kept while
the data version they were computed at holds.

Twenty committee members opening the same overview ask for the same deadlines: computed
once, the answer is handed to each until a write moves the data version. Callers that
arrive while an answer is being computed wait for it rather than compute it again."""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class ResultCache:
    def __init__(self, version: Callable[[], int], size: int = 32) -> None:
        self._version, self._size = version, size
        self._answers: OrderedDict[Hashable, tuple[int, Any]] = OrderedDict()
        self._lock = threading.Lock()
        # Callers of the same key take turns; a fixed set of gates, so that keys a client
        # invents (any date) cannot grow it.
        self._gates = [threading.Lock() for _ in range(16)]
        self.computed = 0

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The answer for `key` at the current data version, computed at most once per
        version (the answer is shared: callers must not change it)."""
        with self._gates[hash(key) % len(self._gates)]:
            # Read before computing: a write in between is computed again on the next
            # call, never kept under the version it changed.
            version = self._version()
            with self._lock:
                kept = self._answers.get(key)
                if kept is not None and kept[0] == version:
                    self._answers.move_to_end(key)
                    return kept[1]  # type: ignore[no-any-return]
            answer = compute()
            with self._lock:
                self.computed += 1
                self._answers[key] = (version, answer)
                self._answers.move_to_end(key)
                while len(self._answers) > self._size:
                    self._answers.popitem(last=False)
            return answer


class Continuations:
    """Answers kept for the pages after the first, each under a token its cursors carry.

    A lineage of 700 systems takes two pages at the largest page size, and each cost 30 to
    45 ms when computed afresh. A later page is cut from the answer its first page came
    from, for as long as the data version holds; once the version moves, the caller
    computes afresh, as it always did before. The token is the client's own, so no other
    request is ever handed an answer it did not start. The version is read just after
    the answer was computed, so a write in between can only make the later pages agree
    with the first one."""

    def __init__(self, version: Callable[[], int], size: int = 64) -> None:
        self._version, self._size = version, size
        self._kept: OrderedDict[str, tuple[Hashable, int, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def keep(self, key: Hashable, answer: Any) -> str:
        """A new token for `answer`, to `key` (what was asked)."""
        token = secrets.token_urlsafe(12)
        version = self._version()
        with self._lock:
            self._kept[token] = (key, version, answer)
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)
        return token

    def get(self, token: str, key: Hashable) -> Any | None:
        """The answer kept under `token` for `key`, if the data version has not moved."""
        with self._lock:
            kept = self._kept.get(token)
        if kept is None or kept[0] != key:
            return None
        if self._version() != kept[1]:
            with self._lock:
                self._kept.pop(token, None)
            return None
        return kept[2]
