"""The store interface every backend implements, split by area.

Readers return the shared records of `catalog.records`; writes happen only inside a
transaction, which commits as a whole or leaves the store as it was."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Protocol

from catalog.audit import Change, Token
from catalog.records import EdgeRecord, NodeRecord
from catalog.view import Direction
from catalog.vocab import Label, RelType

SCHEMA_VERSION = 1
__all__ = ["SCHEMA_VERSION", "Direction", "NodeReader", "Step", "Store", "StoreError", "StoreUnavailable",
           "Versioned"]


class StoreError(Exception):
    """A store could not do what was asked; the message says why, for a person."""


class StoreUnavailable(StoreError):
    """The store cannot be reached at all (a server down, a folder unreadable)."""


class OutcomeUnknown(StoreUnavailable):
    """The store went away while a write was committing: it may or may not have been saved."""


class StoreTimeout(StoreError):
    """The store ended a query that ran past its time limit."""


# The time limit of the work running in this thread (a request's store call): every read
# checks it, so a long walk over the graph stops at the limit instead of running on
# unobserved after its request has given up.
_time_limit: ContextVar[float | None] = ContextVar("steward_time_limit", default=None)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Reads in this block raise StoreTimeout once `seconds` have passed."""
    token = _time_limit.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _time_limit.reset(token)


def check_time_limit() -> None:
    limit = _time_limit.get()
    if limit is not None and time.monotonic() > limit:
        raise StoreTimeout("the time limit of this request's store call passed")


@dataclass(frozen=True)
class Step:
    """One node reached by a traversal, how far away, and the edge that led there."""

    node: NodeRecord
    depth: int
    via: EdgeRecord | None


class NodeReader(Protocol):
    def get_node(self, node_id: str) -> NodeRecord | None: ...

    def get_nodes(self, ids: Iterable[str]) -> dict[str, NodeRecord]: ...

    def find_nodes(self, label: Label | None = None,
                   where: Mapping[str, Any] | None = None) -> list[NodeRecord]: ...

    def count_nodes(self) -> dict[Label, int]: ...


class EdgeReader(Protocol):
    def edges(self, node_id: str | None = None, direction: Direction = Direction.OUT,
              types: Iterable[RelType] | None = None) -> list[EdgeRecord]: ...

    def edges_for(self, node_ids: Iterable[str], direction: Direction = Direction.OUT,
                  types: Iterable[RelType] | None = None) -> list[EdgeRecord]:
        """The edges of many nodes in one round trip (what DataLoaders batch into)."""
        ...

    def count_edges(self) -> dict[RelType, int]: ...


class Traversal(Protocol):
    def neighbours(self, node_id: str, direction: Direction = Direction.BOTH,
                   types: Iterable[RelType] | None = None) -> list[NodeRecord]: ...

    def traverse(self, start: str, direction: Direction = Direction.OUT,
                 types: Iterable[RelType] | None = None, max_depth: int = 10) -> list[Step]: ...


class Versioned(Protocol):
    def data_version(self) -> int:
        """A number that changes with every committed write to the graph (nodes,
        relationships, an import; not tokens), the same for every store object open on
        the same data, and cheap to read: what a cache of anything built from the graph
        keys on."""
        ...


class Writer(Protocol):
    def upsert_node(self, node: NodeRecord) -> None: ...

    def delete_node(self, node_id: str) -> None: ...

    def upsert_edge(self, edge: EdgeRecord) -> None: ...

    def delete_edge(self, type_: RelType, source: str, target: str) -> None: ...

    def record_change(self, change: Change) -> None: ...


class AuditReader(Protocol):
    def changes(self, since: str | None = None, node_id: str | None = None,
                limit: int = 1000) -> list[Change]: ...


class TokenStore(Protocol):
    """API tokens, stored by the SHA-256 digest of their secret only. A change given with
    a write is recorded in the audit trail in the same transaction (a revocation's only
    when a token was revoked)."""

    def save_token(self, token: Token, change: Change | None = None) -> None: ...

    def tokens(self) -> list[Token]: ...

    def revoke_token(self, name: str, at: str, change: Change | None = None) -> bool: ...


class Store(NodeReader, EdgeReader, Traversal, AuditReader, TokenStore, Versioned, Protocol):
    """A whole backend: the readers, plus transactions and lifecycle."""

    name: str

    def transaction(self) -> AbstractContextManager[Writer]: ...

    def schema_version(self) -> int: ...

    def close(self) -> None: ...


def sorted_nodes(store: NodeReader) -> Iterator[NodeRecord]:
    yield from sorted(store.find_nodes(), key=lambda n: (n.label.value, n.id))


def sorted_edges(store: EdgeReader) -> Iterator[EdgeRecord]:
    yield from sorted(store.edges(), key=lambda e: (e.type.value, e.source, e.target))
