"""The rate limiter keeps a bucket per client, and a bounded number of them: a client that
changes its key at every request (an anonymous one on ever new addresses) neither grows
them without end nor frees a real client from its limit."""

from __future__ import annotations

import secrets
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.app import Settings, create_app
from api.auth import Role
from api.middleware.auth import RateLimiter
from graph.store import Store

from .api_support import make_api
from .soak import scaled

BOUND = 10_000  # the limiter's default bound


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.reliability
def test_rotating_keys_leave_the_buckets_bounded_and_a_real_client_limited() -> None:
    clock = Clock()  # still: nobody's bucket refills during the run
    limiter = RateLimiter(60, clock)
    real = []
    rotations = scaled(100_000, 1_000_000)
    for i in range(rotations):
        limiter.allow(f"ip:10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}/{i}")
        if i % 50 == 0:
            real.append(limiter.allow("nightly-export"))
        assert len(limiter.buckets) <= BOUND
    # The real client had its 60 requests, and no more, however many keys went by.
    assert real.count(True) == 60 and len(real) == rotations // 50
    assert real[:60] == [True] * 60


def test_refilled_buckets_are_forgotten_before_a_limited_client() -> None:
    clock = Clock()
    limiter = RateLimiter(60, clock, max_clients=3)
    assert all(limiter.allow("drained") for _ in range(60))
    assert not limiter.allow("drained")
    limiter.allow("brief")
    clock.now = 2.0  # "brief" has refilled; "drained" has two requests back
    limiter.allow("other")
    limiter.allow("newcomer")  # at the bound: "brief" goes, not the least recently used "drained"
    assert "brief" not in limiter.buckets and len(limiter.buckets) == 3
    assert [limiter.allow("drained") for _ in range(3)] == [True, True, False]


def test_past_the_bound_the_least_recently_used_go() -> None:
    limiter = RateLimiter(60, Clock(), max_clients=10)
    for i in range(10):
        limiter.allow(f"client-{i}")
    limiter.allow("client-0")  # used again: now the most recent
    limiter.allow("client-10")
    assert "client-0" in limiter.buckets and "client-1" not in limiter.buckets
    assert len(limiter.buckets) <= 10


class _CountingTokens:
    """A store that counts its token look-ups."""

    def __init__(self, inner: Store) -> None:
        self.inner, self.lookups = inner, 0

    def __getattr__(self, name: str) -> Any:
        if name == "tokens":
            self.lookups += 1
        return getattr(self.inner, name)


def test_guessing_tokens_is_rate_limited_too(store: Store) -> None:
    """An address that keeps sending unknown tokens runs out of attempts like any client,
    and its refused attempts stop costing a look-up in the store."""
    api = make_api(store)
    counting = _CountingTokens(store)
    app = create_app(counting, Settings(rate_per_minute=5))  # type: ignore[arg-type]
    guesser = TestClient(app, client=("203.0.113.7", 50000))
    statuses = [guesser.post("/graphql", json={"query": "{ __typename }"},
                             headers={"Authorization": f"Bearer stw_{secrets.token_urlsafe(32)}"}).status_code
                for _ in range(20)]
    assert statuses == [401] * 5 + [429] * 15
    assert counting.lookups == 5
    # A real token from another address is not held back by those guesses.
    other = TestClient(app, client=("198.51.100.2", 50000))
    assert other.post("/graphql", json={"query": "{ __typename }"},
                      headers={"Authorization": f"Bearer {api.tokens[Role.VIEWER]}"}).status_code == 200
