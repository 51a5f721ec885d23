"""Who is asking, and how often: resolves the bearer token to a principal for the
request, and applies a per-token rate limit (a token bucket per principal)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import anyio
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from api.auth import AuthError, Principal, authenticate
from graph.store import Store, StoreTimeout, StoreUnavailable

UNAVAILABLE = "the store is unavailable; nothing was read or written; try again shortly"


class RateLimiter:
    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.clock = clock
        self.buckets: dict[str, tuple[float, float]] = {}
        self.lock = threading.Lock()

    def allow(self, key: str) -> bool:
        with self.lock:
            now = self.clock()
            tokens, last = self.buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            allowed = tokens >= 1.0
            self.buckets[key] = (tokens - 1.0 if allowed else tokens, now)
            return allowed


class AuthMiddleware:
    def __init__(self, app: ASGIApp, store: Store, limiter: RateLimiter, paths: tuple[str, ...]) -> None:
        self.app, self.store, self.limiter, self.paths = app, store, limiter, paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.paths):
            await self.app(scope, receive, send)
            return
        header = dict(scope.get("headers", [])).get(b"authorization")
        try:
            # A token's look-up is a store read (a round trip on Neo4j): never on the event loop.
            principal = await anyio.to_thread.run_sync(
                authenticate, self.store, header.decode("latin-1") if header else None)
        except AuthError as exc:
            await _error(401, str(exc), "UNAUTHENTICATED")(scope, receive, send)
            return
        except StoreUnavailable:
            # A token cannot be checked without the store: refused, as every request would be.
            await _error(503, UNAVAILABLE, "UNAVAILABLE")(scope, receive, send)
            return
        except StoreTimeout:
            await _error(503, "the store did not answer in time; nothing was read or written; try again",
                         "TIMEOUT")(scope, receive, send)
            return
        key = principal.name if principal.role else f"ip:{(scope.get('client') or ('?',))[0]}"
        if not self.limiter.allow(key):
            await _error(429, "rate limit exceeded; slow down", "RATE_LIMITED")(scope, receive, send)
            return
        scope.setdefault("state", {})["principal"] = principal
        await self.app(scope, receive, send)


def principal_of(scope: Scope) -> Principal:
    from api.auth import ANONYMOUS

    return scope.get("state", {}).get("principal", ANONYMOUS)  # type: ignore[no-any-return]


def _error(status: int, message: str, code: str) -> JSONResponse:
    return JSONResponse({"errors": [{"message": message, "extensions": {"code": code}}]}, status_code=status)
