"""The per-request context: who is asking, the store, and DataLoaders that batch every
look-up of a request into a bounded number of store round trips."""

from __future__ import annotations

import inspect
import threading
import time
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, TypeVar

from graphql import GraphQLError
from strawberry.dataloader import DataLoader

from api.auth import Principal
from api.graphql.workers import Workers
from api.middleware.auth import UNAVAILABLE
from api.permissions import readable, readable_edge
from catalog.records import EdgeRecord, NodeRecord
from catalog.view import Direction, Snapshot
from catalog.vocab import RelType
from graph.results import Continuations, ResultCache
from graph.store import OutcomeUnknown, Store, StoreTimeout, StoreUnavailable, counting_round_trips
from graph.yaml_source import MAX_FILE_SIZE

T = TypeVar("T")
EdgeKey = tuple[str, Direction, RelType]


def unavailable(exc: StoreUnavailable) -> GraphQLError:
    """The error for a store that cannot be reached; the message names no address: anyone
    may read it."""
    if isinstance(exc, OutcomeUnknown):
        message = ("the store went away while the change was being saved: it may or may not have been "
                   "saved; look before sending it again")
    else:
        message = UNAVAILABLE
    return GraphQLError(message, extensions={"code": "UNAVAILABLE"})


class Context:
    def __init__(self, store: Store, principal: Principal, workers: Workers, timeout: float = 10.0,
                 max_file_size: int = MAX_FILE_SIZE, observe: Callable[[str, float], None] | None = None,
                 results: ResultCache | None = None, continuations: Continuations | None = None) -> None:
        self.store = store
        self.results = results or ResultCache(store.data_version)
        self.continuations = continuations or Continuations(store.data_version)
        self.principal = principal
        self.workers = workers
        self.timeout = timeout
        self.max_file_size = max_file_size
        self.observe = observe or (lambda operation, seconds: None)
        self.round_trips = 0  # the store's, for this request's calls; added to from worker threads
        self._lock = threading.Lock()
        self.node_loader: DataLoader[str, NodeRecord | None] = DataLoader(load_fn=self._load_nodes)
        self.edge_loader: DataLoader[EdgeKey, list[EdgeRecord]] = DataLoader(load_fn=self._load_edges)
        self._snapshot: Snapshot | None = None

    @property
    def role(self) -> Any:
        return self.principal.role

    async def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a (blocking) store call in a worker thread, bounded by the timeout."""
        try:
            return await self.workers.run(partial(self._measured, _operation(fn), partial(fn, *args, **kwargs)),
                                          self.timeout)
        except (TimeoutError, StoreTimeout):
            raise GraphQLError(f"the store did not answer within {self.timeout:g} s",
                               extensions={"code": "TIMEOUT"}) from None
        except StoreUnavailable as exc:
            raise unavailable(exc) from None


    async def shared(self, fn: Callable[..., T], *args: Any) -> T:
        """A whole-catalog analysis, computed once per data version for every request (see
        graph/results.py): the arguments after the first (the store or its snapshot) are
        its key."""
        name = _operation(fn)
        key, compute = (name, *args[1:]), partial(fn, *args)

        def answer() -> T:
            return self.results.get(key, compute)
        answer.__qualname__ = name
        return await self.call(answer)

    def _measured(self, operation: str, work: Callable[[], T]) -> T:
        """In the worker thread: the call's time and its round trips, for the metrics."""
        start = time.perf_counter()
        with counting_round_trips() as trips:
            try:
                return work()
            finally:
                self.observe(operation, time.perf_counter() - start)
                with self._lock:
                    self.round_trips += trips.count

    async def snapshot(self) -> Snapshot:
        """The whole graph as of this request (the store's shared snapshot), read once: the
        fields that judge each of many flows read it without another round trip."""
        if self._snapshot is None:
            self._snapshot = await self.call(Snapshot.of, self.store)
        return self._snapshot

    async def _load_nodes(self, ids: Sequence[str]) -> list[NodeRecord | None]:
        found = await self.call(self.store.get_nodes, list(ids))
        return [found.get(i) for i in ids]

    async def _load_edges(self, keys: Sequence[EdgeKey]) -> list[list[EdgeRecord]]:
        groups: dict[tuple[Direction, RelType], list[str]] = {}
        for node_id, direction, type_ in keys:
            groups.setdefault((direction, type_), []).append(node_id)
        by_key: dict[EdgeKey, list[EdgeRecord]] = {}
        for (direction, type_), ids in groups.items():
            for edge in await self.call(self.store.edges_for, ids, direction, [type_]):
                owner = edge.source if direction == Direction.OUT else edge.target
                by_key.setdefault((owner, direction, type_), []).append(edge)
        return [by_key.get(k, []) for k in keys]

    async def node(self, node_id: str) -> NodeRecord | None:
        return readable(self.role, await self.node_loader.load(node_id))

    async def nodes(self, ids: Sequence[str]) -> list[NodeRecord]:
        found = await self.node_loader.load_many(list(ids))
        return [n for n in (readable(self.role, f) for f in found) if n is not None]

    async def links(self, node_id: str, type_: RelType, direction: Direction) -> list[tuple[EdgeRecord, NodeRecord]]:
        """Each relationship of a type from a node, with the node at its other end, as far
        as this principal may see them."""
        edges = await self.edge_loader.load((node_id, direction, type_))
        others = [e.target if direction == Direction.OUT else e.source for e in edges]
        raw = await self.node_loader.load_many([node_id, *others])
        known = {n.id: n for n in raw if n is not None}
        result = []
        for edge, other in zip(edges, others, strict=True):
            shown = readable_edge(self.role, edge, known)
            node = readable(self.role, known.get(other))
            if shown is not None and node is not None:
                result.append((shown, node))
        return result

    async def related(self, node_id: str, type_: RelType, direction: Direction) -> list[NodeRecord]:
        return [node for _, node in await self.links(node_id, type_, direction)]


def _operation(fn: Callable[..., Any]) -> str:
    """A store call's name for the metrics: the method (`get_nodes`, whichever backend's),
    or the function that calls the store (`Snapshot.of`, `create_node`)."""
    return fn.__name__ if inspect.ismethod(fn) else getattr(fn, "__qualname__", type(fn).__name__)
