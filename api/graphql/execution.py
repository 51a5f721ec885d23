"""Where a GraphQL request runs, and for how long.

Each execution runs in a thread of its own, on an event loop of its own: the server's
loop only reads requests and writes answers, so the resolvers of a heavy query never
hold up /healthz or another request.

A request has a time limit that stops its work, not only its answer. At the deadline the
execution is cancelled on its loop: the resolvers it awaits are cancelled and none is
scheduled again (Strawberry's DataLoaders drop a batch whose every caller is gone), and
store calls in flight are left to their worker threads, each bounded by the store
timeout, and on Neo4j by the transaction timeout, which ends the query in the server.
The client gets a TIMEOUT error."""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

import anyio
from graphql import GraphQLError
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.graphql.workers import Workers

T = TypeVar("T")
LATE = 1.0  # seconds the whole request may take beyond its execution's deadline


def timed_out(seconds: float) -> GraphQLError:
    return GraphQLError(f"the request took more than {seconds:g} s and was stopped", extensions={"code": "TIMEOUT"})


class TimeLimit:
    """ASGI: a request's deadline, `seconds` after it starts, left in the scope for its
    execution to keep; the whole request, from reading its body to sending its answer,
    is cut a moment after it."""

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app, self.seconds = app, seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            started = True
            limit.deadline = math.inf  # an answer on its way is never cut short
            await send(message)

        scope.setdefault("state", {})["deadline"] = time.monotonic() + self.seconds
        # The execution stops at the deadline and answers TIMEOUT itself; this limit, a
        # moment later, answers for a request that could not (still queued, or reading).
        with anyio.move_on_after(self.seconds + LATE) as limit:
            await self.app(scope, receive, watched)
        if limit.cancelled_caught and not started:
            body = {"data": None, "errors": [timed_out(self.seconds).formatted]}
            await JSONResponse(body)(scope, receive, send)


def deadline_of(scope: Scope) -> float:
    """The request's deadline on `time.monotonic()`'s clock (none outside a TimeLimit)."""
    deadline: float = scope.get("state", {}).get("deadline", math.inf)
    return deadline


async def run_apart(workers: Workers, deadline: float, execute: Callable[[], Awaitable[T]],
                    on_timeout: Callable[[], T]) -> T:
    """`execute()` on an event loop of its own in a worker thread, cancelled there at the
    deadline (then `on_timeout()` is the answer)."""

    async def until_deadline() -> T:
        try:
            with anyio.fail_after(deadline - time.monotonic()):
                return await execute()
        except TimeoutError:
            return on_timeout()

    # Waiting here needs no limit of its own: the thread answers by the deadline, and the
    # request's TimeLimit cancels the wait if it could not.
    return await workers.run(lambda: _run_here(until_deadline()), math.inf)


_threads = threading.local()


def _run_here(work: Coroutine[Any, Any, T]) -> T:
    """`asyncio.run(work)` on this thread's own event loop, made once and kept: making
    and closing a loop for every request cost about 0.1 ms, a twentieth of a small
    request. As with `asyncio.run`, nothing of one execution is left for the next: the
    tasks it did not await are cancelled."""
    loop: asyncio.AbstractEventLoop | None = getattr(_threads, "loop", None)
    if loop is None:
        loop = _threads.loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(work)
    finally:
        leftover = asyncio.all_tasks(loop)
        for task in leftover:
            task.cancel()
        if leftover:
            loop.run_until_complete(asyncio.gather(*leftover, return_exceptions=True))
