"""The call store over SQLAlchemy Core: one implementation for SQLite and PostgreSQL.

All database work runs, in submission order, on one dedicated thread: the event
loop never blocks on the database, and operations never interleave inside one
another's transactions. A timed-out operation is abandoned by its caller but still
finishes (or fails) on that thread before the next one starts, so a timeout can
never leave a connection shared mid-transaction. The schema is migrated on first
use (`voiceagent/store/migrate.py`).

With a journal, a write the database cannot take (it is unreachable, or too slow)
goes to the journal on disk instead, and every later write follows it there until
the journal has been moved into the database, so the call's steps keep their order.
The journal is retried on the next write or outbox pass once `journal_retry`
seconds have passed.
"""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import datetime
from typing import Any, Literal, Self, TypeVar

import structlog
from sqlalchemy import Executable, Row, func, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from statecharts import Message, Outcome
from voiceagent.store import records, writes
from voiceagent.store.claims import LeasedClaim, lease_next
from voiceagent.store.journal import Journal
from voiceagent.store.migrate import schema_revision, upgrade
from voiceagent.store.port import (
    CallEvent,
    CallMetric,
    CallRecordRow,
    Delivery,
    DeliveryClaim,
    MessageListing,
    StoredMessage,
    Utterance,
)
from voiceagent.store.schema import calls, events, messages, metrics, outbox, transcript

__all__ = ["UNREACHABLE", "SqlCallStore"]

_T = TypeVar("_T")
_log = structlog.get_logger(__name__)

UNREACHABLE = (OperationalError, InterfaceError, PoolTimeout, TimeoutError)
"""Errors that mean "the database is not answering", as opposed to a refused write."""


class SqlCallStore:
    """A `CallStore` on one SQLAlchemy engine; subclasses make the engine.

    Args:
        timeout: Seconds any one operation may take, queueing included (audit A6).
        journal: Where writes wait while the database is out of reach; None to
            let such a write fail (an in-memory store has nothing to fall back to).
        journal_retry: Seconds between attempts to move the journal in.
    """

    def __init__(
        self, *, timeout: float, journal: Journal | None = None, journal_retry: float = 5.0
    ) -> None:
        self._timeout = timeout
        self._journal = journal
        self._journal_retry = journal_retry
        self._last_drain = -float("inf")
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="call-store")
        self._engine: Engine | None = None
        self._migrated = False
        self._writing = asyncio.Lock()

    def _make_engine(self) -> Engine:
        raise NotImplementedError

    # --- lifecycle -----------------------------------------------------------------------------
    async def __aenter__(self) -> Self:
        await self.open()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def open(self) -> None:
        """Connect and migrate now (rather than on first use), then move in any journal."""
        await self.run(self._ready)
        await self.move_journal(force=True)

    async def close(self) -> None:
        """Close the database; the store cannot be used afterwards."""

        def close() -> None:
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None

        try:
            await self.run(close)
        finally:
            self._executor.shutdown(wait=False)

    async def schema_version(self) -> str | None:
        """The database's migration revision."""
        return await self.run(lambda: _with_connection(self._ready(), schema_revision))

    # --- writes ---------------------------------------------------------------------------------
    async def start_call(
        self,
        call_id: str,
        started_at: datetime,
        caller_number: str | None,
        agency: str,
        *,
        room: str | None = None,
        office_time: datetime | None = None,
    ) -> None:
        """Open the call's record (again, harmlessly, if it already exists)."""
        write = writes.call_started(
            call_id, started_at, caller_number, agency, room=room, office_time=office_time
        )
        await self._submit(write)

    async def record_event(
        self,
        call_id: str,
        at: datetime,
        name: str,
        arguments: Mapping[str, object],
        states: Sequence[str],
    ) -> None:
        """Append one chart event to the call's trace."""
        await self._submit(writes.event_recorded(call_id, at, name, arguments, states))

    def record_utterance(
        self, call_id: str, at: datetime, speaker: str, text: str
    ) -> Awaitable[None]:
        """Append one transcript line, its place in the call taken now (see the port)."""
        return self._submit(writes.utterance_recorded(call_id, at, speaker, text))

    async def record_metrics(
        self, call_id: str, at: datetime, kind: str, figures: Mapping[str, object]
    ) -> None:
        """Append figures about the call (a turn's latency, model usage, a watchdog event)."""
        await self._submit(writes.metrics_recorded(call_id, at, kind, figures))

    async def record_message(self, call_id: str, at: datetime, message: Message) -> str:
        """Store the message and its outbox row in one durable transaction; return its key.

        With the database out of reach the message is fsynced to the journal before
        this returns, so the caller is never told of a message that is not on disk.
        """
        write = writes.message_recorded(call_id, at, message)
        await self._submit(write)
        return str(write.values["key"])

    async def finish_call(
        self,
        call_id: str,
        at: datetime,
        outcome: Outcome,
        caller: Mapping[str, object],
        path: Sequence[str],
    ) -> None:
        """Close the call's record; creates it if its start was never recorded."""
        await self._submit(writes.call_finished(call_id, at, outcome, caller, path))

    async def execute(self, statement: Executable) -> None:
        """Run one statement in a transaction of its own."""
        await self._transaction(lambda conn: conn.execute(statement))

    async def _submit(self, write: writes.Write) -> None:
        journal = self._journal
        if journal is None:
            await self._transaction(lambda conn: writes.apply_write(conn, write))
            return
        async with self._writing:
            if await self._journal_empty():
                try:
                    await self._transaction(lambda conn: writes.apply_write(conn, write))
                    return
                except UNREACHABLE as error:
                    self._last_drain = time.monotonic()
                    _log.warning(
                        "store unreachable, writing to the journal",
                        op=write.op,
                        error_type=type(error).__name__,
                    )
            await asyncio.to_thread(journal.append, write)
            _log.info("write journaled", op=write.op, call_id=write.values.get("call_id"))

    # --- the journal ----------------------------------------------------------------------------
    async def move_journal(self, *, force: bool = False) -> int:
        """Move waiting journal entries into the database, in order; return how many moved.

        Unless `force`d, tries at most once every `journal_retry` seconds. Stops at
        the first entry the database cannot take for want of a connection; an entry
        it refuses outright is set aside (kept on disk) so the rest can go in.
        """
        journal = self._journal
        if journal is None or not journal.pending():
            return 0
        if not force and time.monotonic() - self._last_drain < self._journal_retry:
            return 0
        self._last_drain = time.monotonic()
        moved = 0
        for entry in await asyncio.to_thread(journal.entries):
            try:
                await self._transaction(functools.partial(writes.apply_write, write=entry.write))
            except UNREACHABLE as error:
                _log.warning("journal not moved yet", error_type=type(error).__name__)
                break
            except SQLAlchemyError as error:
                journal.set_aside(entry, type(error).__name__)
                continue
            journal.remove(entry)
            moved += 1
        if moved:
            _log.info("journal moved to the database", entries=moved)
        return moved

    async def _journal_empty(self) -> bool:
        if self._journal is None or not self._journal.pending():
            return True
        await self.move_journal()
        return not self._journal.pending()

    # --- the outbox -----------------------------------------------------------------------------
    async def pending_deliveries(self, due_at: datetime | None = None) -> list[Delivery]:
        """Undelivered, unparked outbox rows, soonest due first."""
        statement = records.select_deliveries().where(
            outbox.c.delivered_at.is_(None), outbox.c.parked_at.is_(None)
        )
        if due_at is not None:
            statement = statement.where(outbox.c.next_attempt_at <= due_at)
        statement = statement.order_by(outbox.c.next_attempt_at, outbox.c.id)
        return [records.delivery(row) for row in await self._rows(statement)]

    def claim_delivery(
        self, now: datetime, lease_until: datetime
    ) -> AbstractAsyncContextManager[DeliveryClaim | None]:
        """Take the next due delivery until `lease_until` (see `voiceagent/store/claims.py`)."""
        return self._lease(now, lease_until)

    @asynccontextmanager
    async def _lease(
        self, now: datetime, lease_until: datetime
    ) -> AsyncIterator[LeasedClaim | None]:
        await self.move_journal()
        taken = await self._transaction(lambda conn: lease_next(conn, now, lease_until))
        yield None if taken is None else LeasedClaim(self, taken)

    async def requeue_delivery(self, key: str, at: datetime) -> bool:
        """Offer an undelivered message to staff again from `at`, its refusals forgotten."""
        message = select(messages.c.id).where(messages.c.key == key).scalar_subquery()
        statement = (
            update(outbox)
            .where(outbox.c.message_id == message, outbox.c.delivered_at.is_(None))
            .values(parked_at=None, rejections=0, next_attempt_at=at)
        )
        changed = await self._transaction(lambda conn: conn.execute(statement).rowcount)
        return bool(changed)

    # --- reads ----------------------------------------------------------------------------------
    async def get_call(self, call_id: str) -> CallRecordRow | None:
        """The call's record, or None if nothing was recorded for it."""
        rows = await self._rows(select(calls).where(calls.c.call_id == call_id))
        return records.call_record(rows[0]) if rows else None

    async def list_messages(self, call_id: str | None = None) -> list[StoredMessage]:
        """Messages in the order taken, for one call or for all calls."""
        statement = records.select_messages().order_by(messages.c.id)
        if call_id is not None:
            statement = statement.where(messages.c.call_id == call_id)
        return [records.stored_message(row) for row in await self._rows(statement)]

    async def call_events(self, call_id: str) -> list[CallEvent]:
        """The call's event trace, in order."""
        statement = select(events).where(events.c.call_id == call_id).order_by(events.c.seq)
        return [records.event(row) for row in await self._rows(statement)]

    async def call_transcript(self, call_id: str) -> list[Utterance]:
        """The call's transcript, in order."""
        statement = (
            select(transcript).where(transcript.c.call_id == call_id).order_by(transcript.c.seq)
        )
        return [records.utterance(row) for row in await self._rows(statement)]

    async def call_timeline(self, call_id: str) -> list[CallEvent | Utterance]:
        """The call's events and transcript lines, interleaved as they happened."""
        steps: list[CallEvent | Utterance] = [
            *await self.call_events(call_id),
            *await self.call_transcript(call_id),
        ]
        return sorted(steps, key=lambda step: step.seq)

    async def call_metrics(self, call_id: str) -> list[CallMetric]:
        """The call's figures, in the order they were recorded."""
        statement = select(metrics).where(metrics.c.call_id == call_id).order_by(metrics.c.seq)
        return [records.metric(row) for row in await self._rows(statement)]

    async def recent_calls(
        self, since: datetime | None = None, limit: int | None = None
    ) -> list[CallRecordRow]:
        """Calls newest first, by start (or, never started, by end)."""
        when = func.coalesce(calls.c.started_at, calls.c.finished_at)
        statement = select(calls).order_by(when.desc(), calls.c.call_id).limit(limit)
        if since is not None:
            statement = statement.where(when >= since)
        return [records.call_record(row) for row in await self._rows(statement)]

    async def recent_messages(
        self,
        since: datetime | None = None,
        limit: int | None = None,
        status: Literal["pending", "delivered", "parked"] | None = None,
    ) -> list[MessageListing]:
        """Messages newest first, with where each stands with staff; only `status` if given."""
        delivery = [column.label(f"o_{column.name}") for column in outbox.c]
        statement = (
            records.select_messages()
            .add_columns(*delivery)
            .outerjoin(outbox, outbox.c.message_id == messages.c.id)
            .order_by(messages.c.at.desc(), messages.c.id.desc())
            .limit(limit)
        )
        if since is not None:
            statement = statement.where(messages.c.at >= since)
        if status == "delivered":
            statement = statement.where(outbox.c.delivered_at.is_not(None))
        elif status == "parked":
            statement = statement.where(outbox.c.parked_at.is_not(None))
        elif status == "pending":
            statement = statement.where(
                outbox.c.id.is_not(None),
                outbox.c.delivered_at.is_(None),
                outbox.c.parked_at.is_(None),
            )
        return [
            MessageListing(records.stored_message(row), records.delivery_state(row))
            for row in await self._rows(statement)
        ]

    # --- the thread -----------------------------------------------------------------------------
    async def run(self, work: Callable[[], _T], on_late: Callable[[_T], None] | None = None) -> _T:
        """Run `work` on the store's thread within the timeout.

        Past the timeout the caller gets `TimeoutError`, and `on_late` (if given)
        receives the result should the work still finish, to release what it holds.
        """
        future: Future[_T] = self._executor.submit(work)
        try:
            async with asyncio.timeout(self._timeout):
                return await asyncio.wrap_future(future)
        except TimeoutError:
            if on_late is not None:
                future.add_done_callback(lambda done: _late(done, on_late))
            raise

    async def _transaction(self, work: Callable[[Connection], _T]) -> _T:
        def transaction() -> _T:
            with self._ready().begin() as conn:
                return work(conn)

        return await self.run(transaction)

    async def _rows(self, statement: Executable) -> list[Row[Any]]:
        return await self.run(
            lambda: _with_connection(self._ready(), lambda c: list(c.execute(statement)))
        )

    def _ready(self) -> Engine:
        """The engine, made and the schema migrated on first use (on the store's thread)."""
        if self._engine is None:
            self._engine = self._make_engine()
        if not self._migrated:
            with self._engine.begin() as conn:
                upgrade(conn)
            self._migrated = True
        return self._engine


def _with_connection(engine: Engine, work: Callable[[Connection], _T]) -> _T:
    with engine.connect() as conn:
        return work(conn)


def _late(done: Future[_T], on_late: Callable[[_T], None]) -> None:
    if not done.cancelled() and done.exception() is None:
        on_late(done.result())
