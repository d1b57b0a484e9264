"""The call store in one SQLite file (or in memory): the embedded default.

WAL journaling with `synchronous=FULL`, so a committed message survives a power
cut; every transaction is `BEGIN IMMEDIATE`, so two processes sharing a file
queue for the write lock instead of failing halfway through a transaction.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import URL, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool

from voiceagent.store.journal import Journal
from voiceagent.store.location import MEMORY
from voiceagent.store.sql import SqlCallStore

__all__ = ["SqliteCallStore"]


class SqliteCallStore(SqlCallStore):
    """A `CallStore` in one SQLite file, or `":memory:"`.

    Args:
        path: The database file, created with its schema on first use.
        timeout: Seconds any one operation may take, queueing included (audit A6).
        journal: Where writes wait if the file cannot be written (see `SqlCallStore`).
    """

    def __init__(
        self, path: str | Path, *, timeout: float = 5.0, journal: Journal | None = None
    ) -> None:
        super().__init__(timeout=timeout, journal=journal)
        self.path = str(path)

    def _make_engine(self) -> Engine:
        memory = self.path == MEMORY
        engine = create_engine(
            URL.create("sqlite", database=None if memory else self.path),
            connect_args={"timeout": self._timeout, "check_same_thread": False},
            poolclass=StaticPool if memory else None,
        )
        event.listen(engine, "connect", _configure)
        event.listen(engine, "begin", _begin_immediate)
        return engine


def _configure(dbapi_connection: Any, _record: object) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself, instead of the driver's
    # own deferred BEGIN, so that every transaction takes the write lock up front.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _begin_immediate(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")
