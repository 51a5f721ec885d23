"""The answers of whole-catalog analyses (deadlines, findings, the scorecard), kept while
the data version they were computed at holds.

Twenty committee members opening the same overview ask for the same deadlines: computed
once, the answer is handed to each until a write moves the data version. Callers that
arrive while an answer is being computed wait for it rather than compute it again."""

from __future__ import annotations

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
