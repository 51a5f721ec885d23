"""Reaching the server: configuration, the driver, and driver errors turned into the
store's own errors, whose messages name the URI and never carry a traceback."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlsplit

import neo4j
from neo4j import exceptions as errors

from graph.store import (
    OutcomeUnknown,
    StoreError,
    StoreTimeout,
    StoreUnavailable,
    check_time_limit,
    note_round_trip,
)

T = TypeVar("T")
Row = Mapping[str, Any]

DEFAULT_URI = "bolt://127.0.0.1:7687"
# A wrong host should fail in seconds, not after the driver's default 30 s.
CONNECTION_TIMEOUT = 10.0
# How long the driver retries a transaction that failed for a passing reason (a deadlock,
# a leader switch, a server that cannot be reached), and waits for a connection from its
# pool. Its defaults (30 s, 60 s) would outlast a server's store timeout (10 s): a request
# during an outage would answer TIMEOUT, late, instead of UNAVAILABLE, early. Retries wait
# about 1 s, then 2 s, ...: 2 s of retrying gives up after about 3 s, three attempts.
RETRY_TIME = 2.0
ACQUISITION_TIMEOUT = CONNECTION_TIMEOUT
SCHEMES = frozenset({"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"})


@dataclass(frozen=True)
class Neo4jConfig:
    uri: str = DEFAULT_URI
    user: str = "neo4j"
    password: str | None = field(default=None, repr=False)  # None: the server has auth off
    database: str | None = None  # None: the user's home database
    # Seconds a transaction may run before the server ends it (None: the server's own
    # setting), so that a query nobody waits for any more does not run on in the database.
    timeout: float | None = None


class Tx:
    """A managed transaction that counts its queries as round trips."""

    def __init__(self, tx: neo4j.ManagedTransaction, conn: Connection) -> None:
        self._tx = tx
        self._conn = conn

    def run(self, query: str, **params: Any) -> list[Row]:
        self._conn.count_trip()
        return [record.data() for record in self._tx.run(query, params)]


class Connection:
    """One driver for the life of a store; every query goes through here."""

    def __init__(self, config: Neo4jConfig) -> None:
        self.config = config
        self.round_trips = 0
        _check_scheme(config.uri)
        auth = None if config.password is None else neo4j.basic_auth(config.user, config.password)
        try:
            self.driver = neo4j.GraphDatabase.driver(
                config.uri, auth=auth, connection_timeout=CONNECTION_TIMEOUT,
                connection_acquisition_timeout=ACQUISITION_TIMEOUT, max_transaction_retry_time=RETRY_TIME,
                # "No such label/property yet" is what an empty catalog looks like, not a
                # problem; other notifications (deprecations) still reach the log.
                notifications_disabled_classifications=["UNRECOGNIZED"])
        except (ValueError, errors.ConfigurationError) as exc:
            raise StoreUnavailable(f"{config.uri!r} is not a Neo4j URI: {exc}") from exc
        try:
            # Fails fast, where the first query would retry for up to 30 s.
            with translated(config):
                self.driver.verify_connectivity()
        except BaseException:
            self.driver.close()
            raise

    def count_trip(self) -> None:
        self.round_trips += 1
        note_round_trip()

    def read(self, query: str, **params: Any) -> list[Row]:
        """One query as an auto-commit transaction in a read session: one round trip, where
        a managed transaction takes two (its BEGIN goes with the query, its COMMIT after),
        which was a quarter of a small request's time. The driver retries only managed
        transactions: what it would retry, a failure for a passing reason, is retried
        here alike, for as long."""
        return self._read(query, params, _rows)

    def read_values(self, query: str, **params: Any) -> list[tuple[Any, ...]]:
        """`read`, each row the tuple of its values in the order the query returns them,
        as the driver decodes them: for answers of scalars, lists and maps only (no node,
        relationship or path), hundreds of thousands of rows, where making a dict of each
        and looking at every value again was a second of a state's deadlines."""
        # The whole answer is asked for at once: the server sends it while the driver
        # decodes, rather than waiting for the driver to ask for each thousand rows.
        return self._read(query, params, lambda _keys, records: [tuple(record) for record in records], fetch_size=-1)

    def _read(self, query: str, params: dict[str, Any],
              convert: Callable[[Sequence[str], list[neo4j.Record]], T], fetch_size: int = 1000) -> T:
        started, delay = time.monotonic(), 1.0
        while True:
            check_time_limit()
            self.count_trip()
            try:
                with self.driver.session(database=self.config.database, default_access_mode=neo4j.READ_ACCESS,
                                         bookmark_manager=self.driver.execute_query_bookmark_manager,
                                         fetch_size=fetch_size) as session:
                    result = session.run(neo4j.Query(query, timeout=self.config.timeout), params)
                    keys, records = result.keys(), list(result)
                return convert(keys, records)
            except (errors.Neo4jError, errors.DriverError) as exc:
                if not exc.is_retryable() or time.monotonic() - started >= RETRY_TIME:
                    raise explain(exc, self.config) from exc
            time.sleep(delay)
            delay *= 2

    def write(self, query: str, **params: Any) -> list[Row]:
        """One query in its own write transaction (schema changes, clearing)."""
        check_time_limit()
        self.count_trip()
        with translated(self.config):
            result = self.driver.execute_query(neo4j.Query(query, timeout=self.config.timeout), params,
                                               routing_=neo4j.RoutingControl.WRITE, database_=self.config.database)
        return _rows(result.keys, result.records)

    def transaction(self, work: Callable[[Tx], T]) -> T:
        """Run `work` in one managed write transaction; the driver retries transient errors,
        so `work` must only read what it was given."""
        committing = False

        def attempt(tx: neo4j.ManagedTransaction) -> T:
            nonlocal committing
            done = work(Tx(tx, self))
            committing = True  # the driver sends COMMIT next
            return done

        timed = neo4j.unit_of_work(timeout=self.config.timeout)(attempt)
        try:
            with translated(self.config), self.driver.session(
                    database=self.config.database,
                    # The bookmark manager execute_query uses, so that reads see this commit.
                    bookmark_manager=self.driver.execute_query_bookmark_manager) as session:
                return session.execute_write(timed)
        except StoreUnavailable as exc:
            # Once a COMMIT was sent, a server that stops may have saved it and still failed
            # the answer (the driver then retries, and fails to connect): not a refusal.
            if committing and not isinstance(exc, OutcomeUnknown):
                raise incomplete(self.config.uri) from exc
            raise

    def close(self) -> None:
        self.driver.close()


def _check_scheme(uri: str) -> None:
    # The driver also takes http:// (a preview needing aiohttp); Steward speaks Bolt only.
    scheme = urlsplit(uri).scheme
    if scheme not in SCHEMES:
        raise StoreUnavailable(f"{uri!r} is not a Neo4j URI: expected one starting "
                               f"{', '.join(s + '://' for s in sorted(SCHEMES))}")


@contextmanager
def translated(config: Neo4jConfig) -> Iterator[None]:
    """Driver errors become StoreUnavailable (cannot reach or log in) or StoreError."""
    try:
        yield
    except (errors.Neo4jError, errors.DriverError) as exc:
        raise explain(exc, config) from exc


def explain(exc: Exception, config: Neo4jConfig) -> StoreError:
    uri = config.uri
    if isinstance(exc, errors.AuthError):
        return StoreUnavailable(f"authentication failed for Neo4j at {uri} as user {config.user!r}; "
                                "check --neo4j-user and --neo4j-password")
    if isinstance(exc, errors.IncompleteCommit):
        return incomplete(uri)
    if isinstance(exc, errors.ServiceUnavailable | errors.SessionExpired | errors.ConnectionPoolError):
        return StoreUnavailable(f"cannot reach Neo4j at {uri}: {_reason(exc)}; "
                                "is the server running? (`make neo4j` starts a local one)")
    if isinstance(exc, errors.Neo4jError) and exc.code in MEMORY_LIMITS:
        return StoreError(f"Neo4j at {uri} refused a transaction larger than its memory limit "
                          f"({exc.message}); nothing was written. A load is one transaction: load the "
                          "catalog's files in parts, or give the server a larger heap (the limit is 70% of "
                          "it by default; docs/deployment.md, Sizing)")
    if isinstance(exc, errors.TransientError):
        # Still failing once the retries are spent: the database is stopping or starting.
        return StoreUnavailable(f"Neo4j at {uri} cannot serve requests now: {exc.message}")
    if isinstance(exc, errors.Neo4jError):
        if exc.code == "Neo.ClientError.Database.DatabaseNotFound":
            return StoreUnavailable(f"Neo4j at {uri} has no database {config.database!r}")
        if (exc.code or "").startswith("Neo.ClientError.Transaction.TransactionTimedOut"):
            return StoreTimeout(f"Neo4j at {uri} ended a query that ran past the time limit"
                                + (f" of {config.timeout:g} s" if config.timeout else ""))
        return StoreError(f"Neo4j at {uri} refused the request: {exc.message}")
    return StoreError(f"Neo4j at {uri}: {_reason(exc)}")


# The server's limits on the memory of transactions: all of them together
# (`dbms.memory.transaction.total.max`, 70% of the heap by default), and one alone
# (`db.memory.transaction.max`). The first is transient, so the driver retries it first.
MEMORY_LIMITS = frozenset({"Neo.TransientError.General.MemoryPoolOutOfMemoryError",
                           "Neo.ClientError.General.TransactionOutOfMemoryError"})


def incomplete(uri: str) -> OutcomeUnknown:
    return OutcomeUnknown(f"the connection to Neo4j at {uri} was lost while a write was committing: "
                          "it may or may not have been saved")


def _reason(exc: BaseException) -> str:
    """The driver's last line says why ("[Errno 111] Connection refused"); the first
    lines only repeat the address."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    if not lines:
        return type(exc).__name__
    last = lines[-1]
    return last.split("(reason ", 1)[1].rstrip(")") if "(reason " in last else last


def _rows(keys: Sequence[str], records: Iterable[neo4j.Record]) -> list[Row]:
    return [{key: _plain(value) for key, value in zip(keys, record, strict=True)} for record in records]


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    """A value as the driver's `Record.data()` gives it, which checks every item of every
    list against abstract types: most of the time of reading a large answer, such as the
    clocks of every holding of a state. Lists, maps and scalars are taken as they are; a
    node, a relationship or a path as the driver exports it."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is list:
        return [_plain(item) for item in value]
    if kind is dict:
        return {key: _plain(item) for key, item in value.items()}
    return neo4j.Record({"value": value}).data()["value"]  # type: ignore[no-untyped-call]
