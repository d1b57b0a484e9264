"""Taking one delivery at a time: a lease in SQLite, a row lock in PostgreSQL.

Two workers must never both deliver one message. SQLite has no row locks: a claim
pushes the row's next attempt to the end of a lease, inside a write transaction
that only one process can hold, and a worker that dies mid-attempt simply lets the
lease lapse. PostgreSQL locks the row for the whole attempt (`FOR UPDATE SKIP
LOCKED`: other workers pass over it to the next due row, never wait for it); the
lock goes with the connection, so a killed worker frees its rows at once, and
`idle_in_transaction_session_timeout` frees them from a worker that hangs.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Update, update
from sqlalchemy.engine import Connection, Engine

from voiceagent.store import records
from voiceagent.store.port import Delivery
from voiceagent.store.schema import outbox

if TYPE_CHECKING:
    from voiceagent.store.sql import SqlCallStore

__all__ = ["LeasedClaim", "LockedClaim", "lease_next", "lock_next"]


def _due(now: datetime) -> Any:
    pending = outbox.c.delivered_at.is_(None) & outbox.c.parked_at.is_(None)
    return pending & (outbox.c.next_attempt_at <= now)


def _next_due(now: datetime) -> Any:
    return (
        records.select_deliveries()
        .where(_due(now))
        .order_by(outbox.c.next_attempt_at, outbox.c.id)
        .limit(1)
    )


def lease_next(conn: Connection, now: datetime, lease_until: datetime) -> Delivery | None:
    """Take the next due delivery until `lease_until` (inside the caller's write transaction)."""
    row = conn.execute(_next_due(now)).first()
    if row is None:
        return None
    conn.execute(update(outbox).where(outbox.c.id == row.id).values(next_attempt_at=lease_until))
    return records.delivery(row)


def lock_next(
    engine: Engine, now: datetime, lease_until: datetime
) -> tuple[Connection, Delivery] | None:
    """Lock the next due delivery no one else holds, on a connection of its own.

    The transaction stays open until the claim is settled or released; if the
    worker goes quiet for longer than the lease, PostgreSQL ends it.
    """
    conn = engine.connect()
    try:
        conn.begin()
        idle_ms = max(1000, int((lease_until - now).total_seconds() * 1000))
        conn.exec_driver_sql(f"SET LOCAL idle_in_transaction_session_timeout = {idle_ms:d}")
        statement = _next_due(now).with_for_update(skip_locked=True, of=outbox)
        row = conn.execute(statement).first()
        if row is None:
            conn.rollback()
            conn.close()
            return None
        return conn, records.delivery(row)
    except BaseException:
        conn.close()
        raise


def delivered(delivery_id: int, at: datetime) -> Update:
    """Staff has the message."""
    return (
        update(outbox)
        .where(outbox.c.id == delivery_id)
        .values(delivered_at=at, last_attempt_at=at, attempts=outbox.c.attempts + 1)
    )


def failed(
    delivery_id: int, at: datetime, error: str, retry_at: datetime, *, rejected: bool
) -> Update:
    """One more failed attempt; the next at `retry_at`."""
    return (
        update(outbox)
        .where(outbox.c.id == delivery_id)
        .values(
            attempts=outbox.c.attempts + 1,
            rejections=outbox.c.rejections + (1 if rejected else 0),
            last_attempt_at=at,
            last_error=error,
            next_attempt_at=retry_at,
        )
    )


def parked(delivery_id: int, at: datetime, error: str) -> Update:
    """Refused once too often: out of the queue, shown to the operator."""
    return (
        update(outbox)
        .where(outbox.c.id == delivery_id)
        .values(
            attempts=outbox.c.attempts + 1,
            rejections=outbox.c.rejections + 1,
            last_attempt_at=at,
            last_error=error,
            parked_at=at,
        )
    )


class LeasedClaim:
    """A SQLite claim: each settlement is a transaction of its own."""

    def __init__(self, store: SqlCallStore, delivery: Delivery) -> None:
        self._store = store
        self._delivery = delivery

    @property
    def delivery(self) -> Delivery:
        """The delivery taken."""
        return self._delivery

    async def delivered(self, at: datetime) -> None:
        """Staff received the message."""
        await self._store.execute(delivered(self._delivery.id, at))

    async def failed(
        self, at: datetime, error: str, retry_at: datetime, *, rejected: bool = False
    ) -> None:
        """The attempt failed; try again at `retry_at`."""
        await self._store.execute(failed(self._delivery.id, at, error, retry_at, rejected=rejected))

    async def parked(self, at: datetime, error: str) -> None:
        """Stop trying; show it to the operator."""
        await self._store.execute(parked(self._delivery.id, at, error))


class LockedClaim:
    """A PostgreSQL claim: the row stays locked until the settlement commits."""

    def __init__(self, store: SqlCallStore, conn: Connection, delivery: Delivery) -> None:
        self._store = store
        self._conn = conn
        self._delivery = delivery
        self.settled = False

    @property
    def delivery(self) -> Delivery:
        """The delivery taken."""
        return self._delivery

    async def delivered(self, at: datetime) -> None:
        """Staff received the message."""
        await self._settle(delivered(self._delivery.id, at))

    async def failed(
        self, at: datetime, error: str, retry_at: datetime, *, rejected: bool = False
    ) -> None:
        """The attempt failed; try again at `retry_at`."""
        await self._settle(failed(self._delivery.id, at, error, retry_at, rejected=rejected))

    async def parked(self, at: datetime, error: str) -> None:
        """Stop trying; show it to the operator."""
        await self._settle(parked(self._delivery.id, at, error))

    def release(self) -> None:
        """Give the row back unchanged (on the store's thread)."""
        try:
            self._conn.rollback()
        finally:
            self._conn.close()

    async def _settle(self, statement: Update) -> None:
        conn = self._conn

        def settle() -> None:
            try:
                conn.execute(statement)
                conn.commit()
            finally:
                conn.close()

        self.settled = True
        await self._store.run(settle)
