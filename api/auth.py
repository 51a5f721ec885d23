"""Roles, API tokens and calendar feeds. A secret is shown once, at creation; the store
keeps only its SHA-256 digest, so a leaked database leaks no usable token or feed.

A feed's secret opens its calendar (`/deadlines.ics?key=...`) and nothing else: it is
stored beside the tokens, under the FEED role that no request is ever authenticated with."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import secrets
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
    return store.revoke_token(stored, at, change)


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
    return _holder(store, secret, lambda t: t.role == FEED)


def _holder(store: Store, secret: str, kind: Callable[[Token], bool]) -> Token | None:
    wanted = digest(secret)
    for token in store.tokens():
        if kind(token) and token.active and hmac.compare_digest(token.digest, wanted):
            return token
    return None


def authenticate(store: Store, authorization: str | None) -> Principal:
    """The principal behind an `Authorization: Bearer ...` header; no header is PUBLIC."""
    if not authorization:
        return ANONYMOUS
    scheme, _, secret = authorization.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise AuthError("expected an Authorization header of the form 'Bearer <token>'")
    token = _holder(store, secret.strip(), lambda t: t.role != FEED)
    if token is None:
        raise AuthError("unknown or revoked token")
    return Principal(token.name, Role[token.role])
