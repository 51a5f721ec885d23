"""Who is asking, and how often: resolves the bearer token to a principal for the
request, and applies a per-token rate limit (a token bucket per principal)."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

import anyio
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from api.auth import AuthError, Principal, RecentTokens, authenticate, remembered
from graph.store import Store, StoreTimeout, StoreUnavailable

UNAVAILABLE = "the store is unavailable; nothing was read or written; try again shortly"


class RateLimiter:
    """A token bucket per client, for at most `max_clients` clients at once. A client
    that changes its key at every request (an anonymous one on many addresses) would
    otherwise grow the buckets without end; past the bound, the buckets that have refilled
    go first (forgetting one changes nothing), then the least recently used."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic,
                 max_clients: int = 10_000) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.clock = clock
        self.max_clients = max_clients
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # least recently used first
        self.lock = threading.Lock()

    def allow(self, key: str) -> bool:
        with self.lock:
            now = self.clock()
            if key in self.buckets:
                self.buckets.move_to_end(key)
            elif len(self.buckets) >= self.max_clients:
                self._make_room(now)
            tokens, last = self.buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            allowed = tokens >= 1.0
            self.buckets[key] = (tokens - 1.0 if allowed else tokens, now)
            return allowed

    def spent(self, key: str) -> bool:
        """Whether `key` has no request left now (asking takes none)."""
        with self.lock:
            if key not in self.buckets:
                return False
            tokens, last = self.buckets[key]
            return tokens + (self.clock() - last) * self.rate < 1.0

    def _make_room(self, now: float) -> None:
        # A sweep costs a pass over every bucket: it makes room for a tenth of the bound at
        # once, so that a client rotating keys pays for it once every so many requests.
        for key, (tokens, last) in list(self.buckets.items()):
            if tokens + (now - last) * self.rate >= self.capacity:
                del self.buckets[key]
        while len(self.buckets) > self.max_clients - max(1, self.max_clients // 10):
            self.buckets.popitem(last=False)


class AuthMiddleware:
    def __init__(self, app: ASGIApp, store: Store, limiter: RateLimiter, paths: tuple[str, ...],
                 recent: RecentTokens) -> None:
        self.app, self.store, self.limiter, self.paths, self.recent = app, store, limiter, paths, recent

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.paths):
            await self.app(scope, receive, send)
            return
        raw = dict(scope.get("headers", [])).get(b"authorization")
        header = raw.decode("latin-1") if raw else None
        address = f"ip:{(scope.get('client') or ('?',))[0]}"
        # Unknown tokens count against their address, before the look-up: guessing tokens
        # is limited like any request, and a refused guess costs the store nothing.
        if header and self.limiter.spent("unknown-token:" + address):
            await _error(429, "rate limit exceeded; slow down", "RATE_LIMITED")(scope, receive, send)
            return
        try:
            principal = remembered(self.recent, header)
            if principal is None:
                # A token's look-up is a store read (a round trip on Neo4j): never on the event loop.
                principal = await anyio.to_thread.run_sync(authenticate, self.store, header, self.recent)
        except AuthError as exc:
            self.limiter.allow("unknown-token:" + address)
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
        key = principal.name if principal.role else address
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
