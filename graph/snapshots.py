"""The snapshot of a store's graph, built once per data version and shared.

The checks, the deadlines, the scorecard, GraphQL's analyses and the live inventory all
read the whole graph; a store keeps the last snapshot it built and hands it out again
for as long as its data version has not moved."""

from __future__ import annotations

import threading
from collections.abc import Callable

from catalog.bulk import collector_paused
from catalog.view import Snapshot


class SnapshotCache:
    def __init__(self, version: Callable[[], int], build: Callable[[], Snapshot]) -> None:
        self._version, self._build = version, build
        self._built: tuple[int, Snapshot] | None = None
        # One build at a time: callers that arrive during a build wait for it rather
        # than read the whole graph again.
        self._lock = threading.Lock()
        self.builds = 0

    def get(self) -> Snapshot:
        with self._lock:
            # The version is read before the graph: a write in between is read again on
            # the next call, never kept under the version it changed.
            version = self._version()
            if self._built is None or self._built[0] != version:
                # Only the build pauses the collector: the requests that are handed the
                # snapshot (most of a server's) leave it to collect their own garbage.
                with collector_paused():
                    self._built = (version, self._build())
                self.builds += 1
            return self._built[1]

    def clear(self) -> None:
        """Let the snapshot go (a store that closes): freed at once, not when the
        collector next looks, which at a state's size was seconds of someone else's time."""
        with self._lock:
            self._built = None
