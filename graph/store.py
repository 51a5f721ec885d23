"""The store interface every backend implements, split by area.

Readers return the shared records of `catalog.records`; writes happen only inside a
transaction, which commits as a whole or leaves the store as it was."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from catalog.audit import Change, Token
from catalog.records import EdgeRecord, NodeRecord
from catalog.view import Direction
from catalog.vocab import Label, RelType

SCHEMA_VERSION = 2
__all__ = ["SCHEMA_VERSION", "Direction", "NodeReader", "Step", "Store", "StoreError", "StoreUnavailable",
           "VersionConflict", "Versioned"]


class StoreError(Exception):
    """A store could not do what was asked; the message says why, for a person."""


class StoreUnavailable(StoreError):
    """The store cannot be reached at all (a server down, a folder unreadable)."""


class VersionConflict(StoreError):
    """A write expected a node at one version and found another: nothing was written."""

    def __init__(self, node_id: str, expected: int, actual: int) -> None:
        self.node_id, self.expected, self.actual = node_id, expected, actual
        found = "does not exist" if actual == 0 else f"is at version {actual}"
        wanted = "not to exist" if expected == 0 else f"at version {expected}"
        super().__init__(f"node {node_id!r} {found}; the change expected it {wanted}: "
                         "read it again and reapply the change")


T = TypeVar("T")
# How often a change is read and applied again when another writer got to its node first.
ATTEMPTS = 25


def retrying(change: Callable[[], T], attempts: int = ATTEMPTS) -> T:
    """`change()`, which reads what it changes and writes it only over the versions it
    read; read and applied again, after a short random pause, while another writer gets
    there first. The last VersionConflict is raised after `attempts`."""
    attempt = 1
    while True:
        try:
            return change()
        except VersionConflict:
            if attempt >= attempts:
                raise
        # A random pause, growing: writers that crossed do not cross again in step.
        time.sleep(random.uniform(0, 0.005 * attempt))
        attempt += 1


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


# The round trips of the work running in this thread, counted for whoever asked (a
# request's metrics): the store's own total mixes every thread's.
_trips: ContextVar[Trips | None] = ContextVar("steward_round_trips", default=None)


@dataclass
class Trips:
    count: int = 0
    # A request's work may send queries from two threads at once (the deadlines do).
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)


@contextmanager
def counting_round_trips() -> Iterator[Trips]:
    """Counts the queries the store sends for the work in this block."""
    trips = Trips()
    token = _trips.set(trips)
    try:
        yield trips
    finally:
        _trips.reset(token)


def note_round_trip() -> None:
    """A backend calls this for each query it sends."""
    trips = _trips.get()
    if trips is not None:
        with trips.lock:
            trips.count += 1


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
    """`expected`, when given, is the version the stored node must have when the
    transaction commits (0: no such node); checked and written atomically, so that two
    writers who read the same version cannot both write. Otherwise VersionConflict."""

    def upsert_node(self, node: NodeRecord, expected: int | None = None) -> None: ...

    def delete_node(self, node_id: str, expected: int | None = None) -> None: ...

    def upsert_edge(self, edge: EdgeRecord) -> None: ...

    def delete_edge(self, type_: RelType, source: str, target: str) -> None: ...

    def record_change(self, change: Change) -> None: ...


class AuditReader(Protocol):
    def changes(self, since: str | None = None, node_id: str | None = None, limit: int = 1000, *,
                until: str | None = None, actor: str | None = None, after: int | None = None,
                before: int | None = None, newest: bool = False) -> list[Change]:
        """At most `limit` entries of the audit trail, oldest first: those at or after
        `since` and before `until` (timestamps compared as text), naming `node_id`, by
        `actor`, with a `seq` above `after` and below `before` (a page's cursors). With
        `newest`, the limit keeps the newest of them rather than the oldest."""
        ...


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

    def warm(self) -> None:
        """Build now what the first reads would otherwise build on demand (the embedded
        store's graph in memory, then one full collection so that the collector counts
        it): a server calls it before it takes requests."""

    def close(self) -> None: ...


def sorted_nodes(store: NodeReader) -> Iterator[NodeRecord]:
    yield from sorted(store.find_nodes(), key=lambda n: (n.label.value, n.id))


def sorted_edges(store: EdgeReader) -> Iterator[EdgeRecord]:
    yield from sorted(store.edges(), key=lambda e: (e.type.value, e.source, e.target))
