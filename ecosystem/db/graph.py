"""The one access layer between Python and Neo4j.

One driver per process; every query is loaded by name from `cypher/` and run in a managed
transaction (`execute_read` / `execute_write`, which retry transient errors), returning plain
dicts. Callers turn those into dataclasses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from neo4j import Driver, GraphDatabase, ManagedTransaction, Session
from neo4j.api import BookmarkManager
from neo4j.exceptions import AuthError, ClientError, ServiceUnavailable, SessionExpired

from ecosystem.db import queries, version

Row = dict[str, Any]
T = TypeVar("T")

# The map's version as read once while held (`hold_version`: a request), by graph: every kept
# result a page shows would otherwise read it again, and each read is a round trip.
_HELD: ContextVar[dict[int, str | None] | None] = ContextVar("ecosystem_map_version",
                                                              default=None)


def hold_version() -> None:
    """From now until `release_version()` (in this thread: one request), each graph reads
    the map's version once, so a page that shows several kept results reads it once. A
    write through the graph forgets it: what is read after a write reads it again."""
    _HELD.set({})


def release_version() -> None:
    _HELD.set(None)


@contextmanager
def one_version() -> Iterator[None]:
    """`hold_version()` for the block."""
    hold_version()
    try:
        yield
    finally:
        release_version()


class DatabaseUnavailable(RuntimeError):
    """Neo4j cannot be reached; the message says what to do."""


@dataclass
class WriteStats:
    nodes_created: int = 0
    relationships_created: int = 0
    properties_set: int = 0
    nodes_deleted: int = 0
    relationships_deleted: int = 0
    rows: list[Row] = field(default_factory=list)
    step_rows: list[list[Row]] = field(default_factory=list)  # rows of each query, in order

    def add(self, other: WriteStats) -> None:
        self.nodes_created += other.nodes_created
        self.relationships_created += other.relationships_created
        self.properties_set += other.properties_set
        self.nodes_deleted += other.nodes_deleted
        self.relationships_deleted += other.relationships_deleted
        self.rows.extend(other.rows)
        self.step_rows.append(other.rows)


class WriteAborted(RuntimeError):
    """A step of `Graph.write_all` returned `abort: true`: nothing of it was written."""

    def __init__(self, step: str) -> None:
        super().__init__(f"{step} refused the write")
        self.step = step


class Tx:
    """One write transaction, for work that must read and then write atomically: named
    queries only. The work may run more than once (transient errors are retried), so it
    must do nothing outside the transaction."""

    def __init__(self, tx: ManagedTransaction) -> None:
        self._tx = tx
        self._bumped = False

    def run(self, name: str, **params: Any) -> list[Row]:
        if not self._bumped and not version.quiet(name):
            self._tx.run(queries.load(version.BUMP)).consume()
            self._bumped = True
        return [dict(r) for r in self._tx.run(queries.load(name), params)]


class Graph:
    """Runs named queries against one database."""

    def __init__(self, driver: Driver, database: str | None = None) -> None:
        self.driver = driver
        self.database = database
        # Causal consistency within the process: every session starts after the last write
        # any session of this process committed, so on a cluster a read sent to a follower
        # waits until it has that write (a page after an edit shows the edit).
        self.bookmarks: BookmarkManager = GraphDatabase.bookmark_manager()

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ping(self) -> None:
        try:
            self.driver.verify_connectivity()
        except AuthError as e:
            raise DatabaseUnavailable(f"Neo4j refused the credentials: {e.message}") from None
        except (ServiceUnavailable, SessionExpired, OSError) as e:
            raise DatabaseUnavailable(f"Neo4j cannot be reached: {e}") from None

    def _session(self) -> Session:
        return self.driver.session(database=self.database, bookmark_manager=self.bookmarks)

    def map_version(self) -> str | None:
        """The map's version: a new one after every write that changes the map (see
        ecosystem/db/version.py); None before the first."""
        held = _HELD.get()
        if held is not None and id(self) in held:
            return held[id(self)]
        rows = self.read(version.READ)
        token = rows[0]["token"] if rows else None
        if held is not None:
            held[id(self)] = token
        return token

    def _forget_version(self) -> None:
        held = _HELD.get()
        if held is not None:
            held.pop(id(self), None)

    def read(self, name: str, **params: Any) -> list[Row]:
        text = queries.load(name)

        def work(tx: ManagedTransaction) -> list[Row]:
            return [dict(r) for r in tx.run(text, params)]

        with _unavailable_as_error(self.database), self._session() as s:
            return s.execute_read(work)

    def write(self, name: str, **params: Any) -> WriteStats:
        return self.write_all([(name, params)])

    def write_all(self, steps: Sequence[tuple[str, Mapping[str, Any]]]) -> WriteStats:
        """Run several named queries in one transaction: all take effect or none. A step
        whose first row says `abort: true` (a check) rolls the whole transaction back and
        raises WriteAborted."""
        loaded = [(n, queries.load(n), dict(p)) for n, p in steps]
        bump = queries.load(version.BUMP) if version.changes_map(n for n, _ in steps) else None

        def work(tx: ManagedTransaction) -> WriteStats:
            if bump is not None:
                tx.run(bump).consume()
            total = WriteStats()
            for name, text, params in loaded:
                result = tx.run(text, params)
                rows = [dict(r) for r in result]
                if rows and rows[0].get("abort") is True:
                    raise WriteAborted(name)
                c = result.consume().counters
                total.add(WriteStats(c.nodes_created, c.relationships_created, c.properties_set,
                                     c.nodes_deleted, c.relationships_deleted, rows))
            return total

        try:
            with _unavailable_as_error(self.database), self._session() as s:
                return s.execute_write(work)
        finally:
            self._forget_version()

    def transact(self, work: Callable[[Tx], T]) -> T:
        """Run `work` in one managed write transaction and return what it returns."""
        try:
            with _unavailable_as_error(self.database), self._session() as s:
                return s.execute_write(lambda tx: work(Tx(tx)))
        finally:
            self._forget_version()

    def write_batches(self, name: str, rows: Sequence[Row], batch_size: int = 5000,
                      on_batch: Any = None, **params: Any) -> WriteStats:
        """UNWIND `$rows` in batches; each batch is its own transaction."""
        total = WriteStats()
        for chunk in chunks(rows, batch_size):
            total.add(self.write(name, rows=chunk, **params))
            if on_batch is not None:
                on_batch(len(chunk))
        return total

    def rehearse(self, name: str, **params: Any) -> None:
        """Run a named write and roll it back: Neo4j plans it and reads what it touches, and
        nothing is written (the warm start, for the writes the pages make: the audit log).
        An explicit transaction, as a managed one cannot be made to roll back quietly."""
        with _unavailable_as_error(self.database), self._session() as s:
            tx = s.begin_transaction()
            try:
                tx.run(queries.load(name), params).consume()
            finally:
                tx.rollback()

    def run_autocommit(self, name: str, **params: Any) -> None:
        """For `CALL {...} IN TRANSACTIONS`, which needs an auto-commit transaction."""
        with _unavailable_as_error(self.database), self._session() as s:
            s.run(queries.load(name), params).consume()
        self._forget_version()
        if not version.quiet(name):
            self.write_all([(version.BUMP, {})])

    def run_schema(self, name: str) -> None:
        """Schema statements cannot share a transaction with writes; run each on its own."""
        with _unavailable_as_error(self.database), self._session() as s:
            for stmt in queries.statements(name):
                s.run(stmt).consume()


def chunks(rows: Sequence[Any], size: int) -> Iterator[list[Any]]:
    """`rows` in lists of at most `size`."""
    for i in range(0, len(rows), size):
        yield list(rows[i : i + size])


@contextmanager
def _unavailable_as_error(database: str | None) -> Iterator[None]:
    try:
        yield
    except (ServiceUnavailable, SessionExpired, ConnectionError):
        raise DatabaseUnavailable(
            "Neo4j cannot be reached. Check that it is running (`ecosystem db status`)."
        ) from None
    except ClientError as e:
        # A mistyped NEO4J_DATABASE would otherwise be a driver traceback on the first query.
        if e.code != "Neo.ClientError.Database.DatabaseNotFound":
            raise
        raise DatabaseUnavailable(
            f"Neo4j has no database called {database!r}. Check NEO4J_DATABASE, or leave it "
            "unset to use the server's default database."
        ) from None
