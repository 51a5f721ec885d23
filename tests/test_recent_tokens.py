"""A client's token is looked up in the store once, then taken for a few seconds without
a look-up (`api.auth.RecentTokens`); a revocation in this process ends that at once, and
one in another process at most that many seconds later."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from api.app import Settings, create_app
from api.auth import Principal, RecentTokens, Role, digest, revoke_token
from catalog.audit import Token
from graph.store import Store

from .api_support import Api, make_api

TYPENAME = {"query": "{ __typename }"}


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def counting_look_ups(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the store's tokens are read, from now on."""
    reads = [0]
    tokens = store.tokens

    def counted() -> list[Token]:
        reads[0] += 1
        return tokens()

    monkeypatch.setattr(store, "tokens", counted)
    return reads


def ask(api: Api, header: str | None) -> Any:
    return api.client.post("/graphql", json=TYPENAME, headers={"Authorization": header} if header else {})


def bearer(api: Api, role: Role) -> str:
    return f"Bearer {api.tokens[role]}"


def test_a_token_is_looked_up_once_then_taken_for_its_seconds(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    api = make_api(store, Settings(token_cache_seconds=60))
    reads = counting_look_ups(store, monkeypatch)
    for _ in range(3):
        assert ask(api, bearer(api, Role.VIEWER)).status_code == 200
    assert reads == [1]
    me = api.data("{ me { role tokenName } }", Role.STEWARD)["me"]
    assert me == {"role": "STEWARD", "tokenName": "steward-token"}
    assert reads == [2]  # each token is its own entry


def test_no_token_and_unknown_tokens_are_never_kept(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    api = make_api(store, Settings(token_cache_seconds=60))
    reads = counting_look_ups(store, monkeypatch)
    assert ask(api, None).status_code == 200
    assert reads == [0]  # PUBLIC needs no look-up
    for _ in range(2):
        refused = ask(api, "Bearer stw_not-a-token")
        assert refused.status_code == 401 and refused.json()["errors"][0]["message"] == "unknown or revoked token"
    assert reads == [2]
    malformed = ask(api, "Token abc")
    assert malformed.status_code == 401
    assert "expected an Authorization header of the form 'Bearer <token>'" in malformed.json()["errors"][0]["message"]


def test_a_revocation_in_this_process_is_refused_at_once(store: Store) -> None:
    api = make_api(store, Settings(token_cache_seconds=60))
    assert ask(api, bearer(api, Role.VIEWER)).status_code == 200
    api.data('mutation { revokeToken(name: "viewer-token") }', Role.ADMIN)
    assert ask(api, bearer(api, Role.VIEWER)).status_code == 401
    # And through the function the CLI calls, in the same process.
    assert ask(api, bearer(api, Role.STEWARD)).status_code == 200
    assert revoke_token(store, "steward-token", "2026-02-01T00:00:00Z")
    assert ask(api, bearer(api, Role.STEWARD)).status_code == 401


def test_a_revocation_elsewhere_is_the_price_of_the_seconds(store: Store) -> None:
    """Revoked in the store behind the servers' backs, as another process would: a server
    keeping tokens for 60 s still takes it; one keeping none refuses it at once."""
    keeping = make_api(store, Settings(token_cache_seconds=60))
    checking = TestClient(create_app(store, Settings(token_cache_seconds=0)))
    header = {"Authorization": bearer(keeping, Role.VIEWER)}
    for client in (keeping.client, checking):
        assert client.post("/graphql", json=TYPENAME, headers=header).status_code == 200
    assert store.revoke_token("viewer-token", "2026-02-01T00:00:00Z", None)
    assert keeping.client.post("/graphql", json=TYPENAME, headers=header).status_code == 200
    assert checking.post("/graphql", json=TYPENAME, headers=header).status_code == 401


def test_a_kept_token_expires_after_its_seconds() -> None:
    clock, who = Clock(), Principal("nightly", Role.VIEWER)
    recent = RecentTokens(5, clock=clock)
    recent.keep(digest("s"), who, recent.ticket())
    clock.now += 4.9
    assert recent.get(digest("s")) == who
    clock.now += 0.1  # five seconds from the look-up
    assert recent.get(digest("s")) is None


def test_what_a_look_up_found_before_a_revocation_is_not_kept() -> None:
    """A look-up that read the store before a revocation must not put the token back."""
    recent, who = RecentTokens(60, clock=Clock()), Principal("nightly", Role.VIEWER)
    ticket = recent.ticket()
    recent.forget()
    recent.keep(digest("s"), who, ticket)
    assert recent.get(digest("s")) is None
    recent.keep(digest("s"), who, recent.ticket())
    assert recent.get(digest("s")) == who


def test_the_kept_tokens_are_bounded_and_zero_seconds_keeps_none() -> None:
    recent = RecentTokens(60, size=2, clock=Clock())
    for name in ("a", "b", "c"):
        recent.keep(digest(name), Principal(name, Role.VIEWER), recent.ticket())
    assert [recent.get(digest(n)) is not None for n in ("a", "b", "c")] == [False, True, True]
    none = RecentTokens(0, clock=Clock())
    none.keep(digest("a"), Principal("a", Role.VIEWER), none.ticket())
    assert none.get(digest("a")) is None
