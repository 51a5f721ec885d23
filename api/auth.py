"""Roles, API tokens and calendar feeds. A secret is shown once, at creation; the store
keeps only its SHA-256 digest, so a leaked database leaks no usable token or feed.

A feed's secret opens its calendar (`/deadlines.ics?key=...`) and nothing else: it is
stored beside the tokens, under the FEED role that no request is ever authenticated with."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import secrets
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum

from catalog.audit import Change, Token
from catalog.source import CatalogError, Location, Problem
from graph.loading import now_utc
from graph.store import Store

PREFIX = "stw_"
FEED_PREFIX = "stf_"
FEED = "FEED"  # the stored role of a feed's secret: no Role, so it authenticates nothing
FEED_NAME = "feed:"  # feeds' stored names, apart from the tokens' own
MAX_NAME = 100


class Role(IntEnum):
    """Ordered: each role may do what the ones below it may."""

    PUBLIC = 0
    VIEWER = 1
    STEWARD = 2
    ADMIN = 3

    @classmethod
    def parse(cls, text: str) -> Role:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"expected one of {', '.join(r.name for r in cls)}, got {text!r}") from None


@dataclass(frozen=True)
class Principal:
    name: str
    role: Role


ANONYMOUS = Principal("anonymous", Role.PUBLIC)


class AuthError(Exception):
    """The request carried a token that is unknown or revoked."""


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def check_token_request(name: str, role: Role | None) -> str:
    """The token's (or, without a role, the feed's) name as it will be stored; a name that
    would garble a log line or an audit record, or a token for the role every anonymous
    client already has, is refused."""
    clean = name.strip()
    problems = []
    if clean.startswith(FEED_NAME):
        problems.append(("name", f"a name may not start with {FEED_NAME!r}: feeds are stored under it"))
    elif not clean:
        problems.append(("name", "a token needs a name: who or what it is for"))
    elif len(clean) > MAX_NAME:
        problems.append(("name", f"a token name has at most {MAX_NAME} characters, got {len(clean)}"))
    elif not clean.isprintable():
        problems.append(("name", "a token name may hold only printable characters (no control characters)"))
    if role == Role.PUBLIC:
        problems.append(("role", "PUBLIC needs no token: anyone without one is PUBLIC; "
                                 "choose VIEWER, STEWARD or ADMIN"))
    if problems:
        raise CatalogError([Problem(Location("input", None, key), message) for key, message in problems])
    return clean


def _issue(store: Store, stored: str, role: str, kind: str, prefix: str, now: str | None, actor: str) -> str:
    """Store a new secret's digest and return the secret: the only time it is ever seen.
    The audit trail records who created it, never the secret or its hash."""
    at = now or now_utc()
    secret = prefix + secrets.token_urlsafe(32)
    change = Change(at, actor, f"create-{kind}", f"{kind}:{stored.removeprefix(FEED_NAME)}", (), None,
                    {"name": stored.removeprefix(FEED_NAME), "role": role})
    store.save_token(Token(stored, role, digest(secret), at), change)
    return secret


def _revoke(store: Store, stored: str, kind: str, now: str | None, actor: str) -> bool:
    at = now or now_utc()
    name = stored.removeprefix(FEED_NAME)
    change = Change(at, actor, f"revoke-{kind}", f"{kind}:{name}", (), None, {"name": name, "revoked_at": at})
    revoked = store.revoke_token(stored, at, change)
    if revoked:
        for recent in list(_LIVE):
            recent.forget()
    return revoked


def create_token(store: Store, name: str, role: Role, now: str | None = None, actor: str = "cli") -> str:
    """Store a new token and return its secret."""
    return _issue(store, check_token_request(name, role), role.name, "token", PREFIX, now, actor)


def revoke_token(store: Store, name: str, now: str | None = None, actor: str = "cli") -> bool:
    """Revoke an active token by name; False when there is none. Audited like creation."""
    return not name.startswith(FEED_NAME) and _revoke(store, name, "token", now, actor)


def api_tokens(store: Store) -> list[Token]:
    return [t for t in store.tokens() if t.role != FEED]


def create_feed(store: Store, name: str, now: str | None = None, actor: str = "cli") -> str:
    """Store a new deadline feed and return its secret, which its URL carries."""
    return _issue(store, FEED_NAME + check_token_request(name, None), FEED, "feed", FEED_PREFIX, now, actor)


def revoke_feed(store: Store, name: str, now: str | None = None, actor: str = "cli") -> bool:
    """Revoke an active feed by name; False when there is none. Its URL answers 404 from then on."""
    return _revoke(store, FEED_NAME + name.strip(), "feed", now, actor)


def feeds(store: Store) -> list[Token]:
    """The feeds, under their own names."""
    return [dataclasses.replace(t, name=t.name.removeprefix(FEED_NAME)) for t in store.tokens() if t.role == FEED]


def feed_of(store: Store, secret: str) -> Token | None:
    """The active feed whose secret this is, if any."""
    return _holder(store, digest(secret), lambda t: t.role == FEED)


def _holder(store: Store, wanted: str, kind: Callable[[Token], bool]) -> Token | None:
    for token in store.tokens():
        if kind(token) and token.active and hmac.compare_digest(token.digest, wanted):
            return token
    return None


class RecentTokens:
    """The principals of the tokens found in the store in the last `seconds`, by digest,
    so that a client's every request does not look its token up again: on Neo4j that is
    a round trip, the larger part of a small request's time.

    The price: a token revoked by another process (the CLI, another server) is still
    taken for at most `seconds`. A revocation in this process forgets every token at
    once. Only tokens found are kept, so a new token works at its first request, and
    an unknown one is looked up (and counted by the rate limit) every time. 0 keeps none."""

    def __init__(self, seconds: float, size: int = 4096, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds, self.size, self.clock = seconds, size, clock
        self._found: OrderedDict[str, tuple[Principal, float]] = OrderedDict()  # digest -> (who, until)
        self._lock = threading.Lock()
        self._generation = 0  # moved on by every revocation
        _LIVE.add(self)

    def get(self, wanted: str) -> Principal | None:
        with self._lock:
            found = self._found.get(wanted)
            if found is None or self.clock() >= found[1]:
                self._found.pop(wanted, None)
                return None
            return found[0]

    def ticket(self) -> tuple[int, float]:
        """Taken before a look-up: what it finds is kept only if no revocation came since,
        and only until `seconds` after the look-up began."""
        with self._lock:
            return self._generation, self.clock()

    def keep(self, wanted: str, principal: Principal, ticket: tuple[int, float]) -> None:
        generation, began = ticket
        with self._lock:
            if self.seconds <= 0 or generation != self._generation:
                return
            self._found[wanted] = (principal, began + self.seconds)
            self._found.move_to_end(wanted)
            while len(self._found) > self.size:
                self._found.popitem(last=False)

    def forget(self) -> None:
        with self._lock:
            self._generation += 1
            self._found.clear()


# Every RecentTokens of this process, for a revocation to reach.
_LIVE: weakref.WeakSet[RecentTokens] = weakref.WeakSet()


def _bearer(authorization: str | None) -> str | None:
    """The secret of an `Authorization: Bearer ...` header; None without a header."""
    if not authorization:
        return None
    scheme, _, secret = authorization.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise AuthError("expected an Authorization header of the form 'Bearer <token>'")
    return secret.strip()


def remembered(recent: RecentTokens, authorization: str | None) -> Principal | None:
    """The principal when it needs no look-up (no header, or a token found lately); None
    when the store must be asked (`authenticate`)."""
    try:
        secret = _bearer(authorization)
    except AuthError:
        return None  # authenticate says what is wrong
    return ANONYMOUS if secret is None else recent.get(digest(secret))


def authenticate(store: Store, authorization: str | None, recent: RecentTokens | None = None) -> Principal:
    """The principal behind an `Authorization: Bearer ...` header; no header is PUBLIC."""
    secret = _bearer(authorization)
    if secret is None:
        return ANONYMOUS
    wanted = digest(secret)
    ticket = recent.ticket() if recent is not None else (0, 0.0)
    token = _holder(store, wanted, lambda t: t.role != FEED)
    if token is None:
        raise AuthError("unknown or revoked token")
    principal = Principal(token.name, Role[token.role])
    if recent is not None:
        recent.keep(wanted, principal, ticket)
    return principal
