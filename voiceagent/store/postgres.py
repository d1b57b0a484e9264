"""The call store in PostgreSQL: several workers, on several machines, share one database.

Every wait is bounded: connecting (`connect_timeout`), each statement
(`statement_timeout`), waiting for a lock (`lock_timeout`) and taking a pooled
connection. Deliveries are claimed with row locks that skip locked rows, so any
number of workers drain the outbox together and each message goes out once
(`voiceagent/store/claims.py`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import datetime

from sqlalchemy import create_engine, make_url
from sqlalchemy.engine import Connection, Engine

from voiceagent.store.claims import LockedClaim, lock_next
from voiceagent.store.journal import Journal
from voiceagent.store.port import Delivery, DeliveryClaim
from voiceagent.store.schema import dumps
from voiceagent.store.sql import SqlCallStore

__all__ = ["PostgresCallStore"]


class PostgresCallStore(SqlCallStore):
    """A `CallStore` in a PostgreSQL database.

    Args:
        url: `postgresql://user:password@host:port/database` (psycopg 3 drives it).
        timeout: Seconds any one operation may take (audit A6).
        journal: Where writes wait while the database is out of reach.
    """

    def __init__(self, url: str, *, timeout: float = 5.0, journal: Journal | None = None) -> None:
        super().__init__(timeout=timeout, journal=journal)
        self.url = make_url(url).set(drivername="postgresql+psycopg")

    def _make_engine(self) -> Engine:
        limit_ms = max(1, int(self._timeout * 1000))
        return create_engine(
            self.url,
            pool_size=2,
            max_overflow=4,
            pool_timeout=self._timeout,
            pool_pre_ping=True,
            json_serializer=dumps,
            connect_args={
                "connect_timeout": max(1, round(self._timeout)),
                "options": f"-c statement_timeout={limit_ms} -c lock_timeout={limit_ms}",
            },
        )

    def claim_delivery(
        self, now: datetime, lease_until: datetime
    ) -> AbstractAsyncContextManager[DeliveryClaim | None]:
        """Lock the next due delivery no other worker holds, for as long as the attempt."""
        return self._lock(now, lease_until)

    @asynccontextmanager
    async def _lock(
        self, now: datetime, lease_until: datetime
    ) -> AsyncIterator[LockedClaim | None]:
        await self.move_journal()
        held = await self.run(
            lambda: lock_next(self._ready(), now, lease_until), on_late=_release_late
        )
        if held is None:
            yield None
            return
        conn, delivery = held
        claim = LockedClaim(self, conn, delivery)
        try:
            yield claim
        finally:
            if not claim.settled:
                await self.run(claim.release)


def _release_late(held: tuple[Connection, Delivery] | None) -> None:
    """A lock taken after its caller gave up waiting: give it straight back."""
    if held is not None:
        conn = held[0]
        try:
            conn.rollback()
        finally:
            conn.close()
