"""Roles and API tokens. A token's secret is shown once, at creation; the store keeps
only its SHA-256 digest, so a leaked database leaks no usable token."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from enum import IntEnum

from catalog.audit import Change, Token
from catalog.source import CatalogError, Location, Problem
from graph.loading import now_utc
from graph.store import Store

PREFIX = "stw_"
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


def check_token_request(name: str, role: Role) -> str:
    """The token's name as it will be stored; a name that would garble a log line or an
    audit record, or a token for the role every anonymous client already has, is refused."""
    clean = name.strip()
    problems = []
    if not clean:
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


def create_token(store: Store, name: str, role: Role, now: str | None = None, actor: str = "cli") -> str:
    """Store a new token and return its secret: the only time it is ever seen. The audit
    trail records who created it, never the secret or its hash."""
    clean = check_token_request(name, role)
    at = now or now_utc()
    secret = PREFIX + secrets.token_urlsafe(32)
    change = Change(at, actor, "create-token", f"token:{clean}", (), None, {"name": clean, "role": role.name})
    store.save_token(Token(clean, role.name, digest(secret), at), change)
    return secret


def revoke_token(store: Store, name: str, now: str | None = None, actor: str = "cli") -> bool:
    """Revoke an active token by name; False when there is none. Audited like creation."""
    at = now or now_utc()
    change = Change(at, actor, "revoke-token", f"token:{name}", (), None, {"name": name, "revoked_at": at})
    return store.revoke_token(name, at, change)


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
