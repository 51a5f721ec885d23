"""Blocking calls off the event loop, in a small pool of daemon threads.

anyio's worker threads are not daemons: a store call that a request has stopped waiting
for (its time ran out) would run on, and at SIGTERM hold the process up until it ended.
These threads never do: a call abandoned by its request is abandoned with the process,
which the stores are built for (SQLite rolls back an unfinished write; Neo4j ends the
transaction of a closed connection)."""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

import anyio

from graph.store import time_limit

T = TypeVar("T")
Job = tuple[Callable[[], Any], asyncio.AbstractEventLoop, "asyncio.Future[Any]"]


class Workers:
    def __init__(self, size: int = 16) -> None:
        self.size = size
        self._jobs: queue.SimpleQueue[Job] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._threads = 0
        self._idle = 0

    async def run(self, fn: Callable[[], T], timeout: float) -> T:
        """`fn()` in a worker thread; TimeoutError when it has not returned in `timeout`
        seconds (it runs on, unobserved). Queueing for a free thread counts."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._submit((partial(_limited, fn, timeout), loop, future))
        with anyio.fail_after(timeout):
            return await future

    def _submit(self, job: Job) -> None:
        with self._lock:
            if self._idle == 0 and self._threads < self.size:
                self._threads += 1
                threading.Thread(target=self._work, name="steward-worker", daemon=True).start()
            self._jobs.put(job)

    def _work(self) -> None:
        while True:
            with self._lock:
                self._idle += 1
            fn, loop, future = self._jobs.get()
            with self._lock:
                self._idle -= 1
            if future.cancelled():  # its request gave up while it waited
                continue
            try:
                outcome: tuple[bool, Any] = (True, fn())
            except BaseException as exc:  # handed to the waiting request, raised there
                outcome = (False, exc)
            with contextlib.suppress(RuntimeError):  # the loop has closed: nobody waits any more
                loop.call_soon_threadsafe(_settle, future, outcome)


def _limited(fn: Callable[[], T], timeout: float) -> T:
    """`fn()` whose store reads stop at the time limit: the work itself ends, not only the wait."""
    with time_limit(timeout):
        return fn()


def _settle(future: asyncio.Future[Any], outcome: tuple[bool, Any]) -> None:
    if future.done():
        return
    ok, value = outcome
    if ok:
        future.set_result(value)
    else:
        future.set_exception(value)
