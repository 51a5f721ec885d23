"""Roles and API tokens. A token's secret is shown once, at creation; the store keeps
only its SHA-256 digest, so a leaked database leaks no usable token."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from enum import IntEnum

from catalog.audit import Token
from graph.loading import now_utc
from graph.store import Store, StoreError

PREFIX = "stw_"


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


def create_token(store: Store, name: str, role: Role, now: str | None = None) -> str:
    """Store a new token and return its secret: the only time it is ever seen."""
    if not name.strip():
        raise StoreError("a token needs a name")
    secret = PREFIX + secrets.token_urlsafe(32)
    store.save_token(Token(name.strip(), role.name, digest(secret), now or now_utc()))
    return secret


def authenticate(store: Store, authorization: str | None) -> Principal:
    """The principal behind an `Authorization: Bearer ...` header; no header is PUBLIC."""
    if not authorization:
        return ANONYMOUS
    scheme, _, secret = authorization.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise AuthError("expected an Authorization header of the form 'Bearer <token>'")
    wanted = digest(secret.strip())
    for token in store.tokens():
        if token.active and hmac.compare_digest(token.digest, wanted):
            return Principal(token.name, Role[token.role])
    raise AuthError("unknown or revoked token")
