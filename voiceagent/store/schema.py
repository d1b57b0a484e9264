"""The call store's tables, one declaration for SQLite and PostgreSQL.

The migrations in `voiceagent/store/migrations/` build exactly these tables (a test
compares the two on both backends); the store's queries are written against them
with SQLAlchemy Core, so one set of queries serves both databases.

Two column types hide the backends' differences. An instant is a `timestamptz` in
PostgreSQL and fixed-width ISO-8601 text in UTC in SQLite (so text order is time
order, and files written before the migration tool keep their values). JSON is
`jsonb` in PostgreSQL and text in SQLite.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.types import TypeEngine

__all__ = [
    "Instant",
    "JsonText",
    "calls",
    "dumps",
    "events",
    "messages",
    "metadata",
    "metrics",
    "outbox",
    "transcript",
]


def dumps(value: object) -> str:
    """JSON as the store writes it: stable key order, enums and dates as their text."""
    return json.dumps(value, default=str, ensure_ascii=False, sort_keys=True)


class Instant(TypeDecorator[datetime]):
    """A moment in time, always read back as an aware datetime in UTC.

    Naive datetimes are taken as UTC: the shell's clock is `datetime.now(UTC)`.
    """

    impl = String(32)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        """`timestamptz` in PostgreSQL, ISO text elsewhere."""
        if dialect.name == "postgresql":
            return dialect.type_descriptor(postgresql.TIMESTAMP(timezone=True))
        return dialect.type_descriptor(String(32))

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        """UTC, and fixed-width text where the column is text."""
        if value is None:
            return None
        moment = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        if dialect.name == "postgresql":
            return moment
        return moment.isoformat(timespec="microseconds")

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        """An aware datetime in UTC."""
        if value is None:
            return None
        if isinstance(value, str):
            return datetime.fromisoformat(value).astimezone(UTC)
        assert isinstance(value, datetime)
        return value.astimezone(UTC)


class JsonText(TypeDecorator[Any]):
    """A JSON value: `jsonb` in PostgreSQL, text (as `dumps` writes it) elsewhere."""

    impl = Text
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        """`jsonb` in PostgreSQL, text elsewhere."""
        if dialect.name == "postgresql":
            return dialect.type_descriptor(postgresql.JSONB())
        return dialect.type_descriptor(Text())

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        """Text for SQLite; plain JSON values (enums as text) for `jsonb`."""
        if value is None:
            return None
        text = dumps(value)
        return json.loads(text) if dialect.name == "postgresql" else text

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        """The decoded value."""
        return json.loads(value) if isinstance(value, str) else value


_ID = BigInteger().with_variant(Integer, "sqlite")
"""Row ids: `bigint` identity in PostgreSQL; SQLite's rowid alias needs INTEGER."""

metadata = MetaData()

calls = Table(
    "calls",
    metadata,
    Column("call_id", Text, primary_key=True),
    Column("agency", Text),
    Column("room", Text),
    Column("started_at", Instant),
    Column("office_time", Instant),
    Column("caller_number", Text),
    Column("finished_at", Instant),
    Column("outcome", Text),
    Column("outcome_target", JsonText),
    Column("caller", JsonText, nullable=False, server_default="{}"),
    Column("path", JsonText, nullable=False, server_default="[]"),
    Index("calls_by_start", "started_at"),
)
"""One row a call: opened when it starts, closed with its outcome when it ends.

`started_at` is when the call reached us; `office_time` is the instant the chart
took as "now" for the agency's hours (the same in production, set by `--at` in a
console call), which a replay needs to route the call as it was routed.
"""

events = Table(
    "events",
    metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("call_id", Text, nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("at", Instant, nullable=False),
    Column("name", Text, nullable=False),
    Column("arguments", JsonText, nullable=False),
    Column("states", JsonText, nullable=False),
    Index("events_by_call", "call_id", "seq", unique=True),
    sqlite_autoincrement=True,
)
"""Every chart event with its arguments and the states it left the chart in.

`seq` orders a call's events and transcript lines together, and makes a replayed
journal entry harmless (the second insert of the same step is skipped). Events and
messages have no foreign key to `calls`: a message must be kept even when the
call's start could not be recorded.
"""

transcript = Table(
    "transcript",
    metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("call_id", Text, nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("at", Instant, nullable=False),
    Column("speaker", Text, nullable=False),
    Column("text", Text, nullable=False),
    Index("transcript_by_call", "call_id", "seq", unique=True),
    sqlite_autoincrement=True,
)
"""What the caller and the receptionist said, in order, between the chart's events."""

metrics = Table(
    "metrics",
    metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("call_id", Text, nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("at", Instant, nullable=False),
    Column("kind", Text, nullable=False),
    Column("figures", JsonText, nullable=False),
    Index("metrics_by_call", "call_id", "seq", unique=True),
    sqlite_autoincrement=True,
)
"""Per-call figures: each turn's latency, model usage, watchdog events."""

messages = Table(
    "messages",
    metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("key", Text, nullable=False),
    Column("call_id", Text, nullable=False),
    Column("at", Instant, nullable=False),
    Column("kind", Text, nullable=False),
    Column("urgency", Text, nullable=False, server_default="normal"),
    Column("target_kind", Text),
    Column("target_name", Text),
    Column("target_spoken_name", Text),
    Column("target_extension", Text),
    Column("target_group", Text),
    Column("target_reason", Text),
    Column("caller_name", Text),
    Column("phone_number", Text),
    Column("insurance_type", Text),
    Column("identifier", Text),
    Column("intent", Text),
    Column("text", Text, nullable=False),
    Column("notes", Text, nullable=False),
    Index("messages_by_key", "key", unique=True),
    Index("messages_by_call", "call_id", "id"),
    Index("messages_by_time", "at"),
    sqlite_autoincrement=True,
)
"""Every message and callback request; `key` is its idempotency key for staff."""

outbox = Table(
    "outbox",
    metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("message_id", _ID, ForeignKey("messages.id"), nullable=False, unique=True),
    Column("created_at", Instant, nullable=False),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("rejections", Integer, nullable=False, server_default="0"),
    Column("next_attempt_at", Instant, nullable=False),
    Column("last_attempt_at", Instant),
    Column("last_error", Text),
    Column("delivered_at", Instant),
    Column("parked_at", Instant),
    sqlite_autoincrement=True,
)
"""One row a message still owed to (or already given to) staff."""

Index(
    "outbox_pending",
    outbox.c.next_attempt_at,
    sqlite_where=outbox.c.delivered_at.is_(None) & outbox.c.parked_at.is_(None),
    postgresql_where=outbox.c.delivered_at.is_(None) & outbox.c.parked_at.is_(None),
)
