"""The call store: every call's record, event trace and messages, and the staff outbox.

A caller who is told "I've taken your message" must be able to rely on it, so a
message is committed (WAL, `synchronous=FULL`) before `record_message` returns,
and its outbox row is written in the same transaction: the message can never be
stored without being queued for staff, nor queued without being stored
(agency.md §0, "Messages"). The event trace keeps each chart event with its
arguments, so a recorded call can be replayed through a newer chart.

This is the agency's own database: real caller values are stored here; only the
logs mask them. Writes never depend on an earlier write having succeeded: a
message or a finished call is kept even if the call's start was never recorded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from statecharts import Message, Outcome

__all__ = [
    "SCHEMA_VERSION",
    "CallEvent",
    "CallMetric",
    "CallRecordRow",
    "CallStore",
    "Delivery",
    "StoreSchemaError",
    "StoredMessage",
]

SCHEMA_VERSION = 2
"""Kept in `PRAGMA user_version`; bump it with a migration step in `_MIGRATIONS`."""


@dataclass(frozen=True, slots=True)
class CallEvent:
    """One chart event as it happened: enough to replay the call without an LLM."""

    id: int
    call_id: str
    at: datetime
    name: str
    arguments: dict[str, Any]
    states: tuple[str, ...]
    """The chart's configuration after the event."""


@dataclass(frozen=True, slots=True)
class CallMetric:
    """Figures about a call, as they happened: a turn's latency, model usage, a watchdog."""

    id: int
    call_id: str
    at: datetime
    kind: str
    """What the figures are: "turn" (latency), "usage" (model usage), "watchdog", ..."""
    figures: dict[str, Any]


@dataclass(frozen=True, slots=True)
class StoredMessage:
    """A message as stored; `message.for_target` comes back without its dial addresses."""

    id: int
    call_id: str
    at: datetime
    message: Message


@dataclass(frozen=True, slots=True)
class Delivery:
    """An outbox row still owed to staff, with the message it carries."""

    id: int
    attempts: int
    """Failed attempts so far; drives the outbox's backoff."""
    next_attempt_at: datetime
    message: StoredMessage


@dataclass(frozen=True, slots=True)
class CallRecordRow:
    """A call's record; the fields a call fills as it ends are None until then."""

    call_id: str
    agency: str | None
    started_at: datetime | None
    caller_number: str | None
    finished_at: datetime | None
    outcome: Outcome | None
    caller: dict[str, Any]
    path: tuple[str, ...]


class StoreSchemaError(RuntimeError):
    """The database was written by a newer version of the receptionist."""


class CallStore(Protocol):
    """The port through which the shell records calls and feeds the outbox.

    Every method is bounded by a timeout and raises `TimeoutError` past it.
    """

    async def start_call(
        self, call_id: str, started_at: datetime, caller_number: str | None, agency: str
    ) -> None:
        """Open the call's record."""
        ...

    async def record_event(
        self,
        call_id: str,
        at: datetime,
        name: str,
        arguments: Mapping[str, object],
        states: Sequence[str],
    ) -> None:
        """Append one chart event to the call's trace."""
        ...

    async def record_metrics(
        self, call_id: str, at: datetime, kind: str, figures: Mapping[str, object]
    ) -> None:
        """Append figures about the call (a turn's latency, model usage, a watchdog event)."""
        ...

    async def record_message(self, call_id: str, at: datetime, message: Message) -> int:
        """Store a message and queue it for staff, durably, and return its id."""
        ...

    async def finish_call(
        self,
        call_id: str,
        at: datetime,
        outcome: Outcome,
        caller: Mapping[str, object],
        path: Sequence[str],
    ) -> None:
        """Close the call's record with its outcome, caller details and path."""
        ...

    async def pending_deliveries(self, due_at: datetime | None = None) -> list[Delivery]:
        """Undelivered outbox rows, oldest first; only those due by `due_at` if given."""
        ...

    async def claim_delivery(self, delivery_id: int, at: datetime, until: datetime) -> bool:
        """Take a due delivery for one attempt; False if another worker already has it."""
        ...

    async def mark_delivered(self, delivery_id: int, at: datetime) -> None:
        """Record that staff received the message."""
        ...

    async def mark_failed(
        self, delivery_id: int, at: datetime, error: str, next_attempt_at: datetime
    ) -> None:
        """Record a failed attempt and when to try again."""
        ...

    async def get_call(self, call_id: str) -> CallRecordRow | None:
        """The call's record, or None if nothing was recorded for it."""
        ...

    async def list_messages(self, call_id: str | None = None) -> list[StoredMessage]:
        """Messages in the order taken, for one call or all."""
        ...

    async def call_events(self, call_id: str) -> list[CallEvent]:
        """The call's event trace, in order."""
        ...

    async def call_metrics(self, call_id: str) -> list[CallMetric]:
        """The call's figures, in the order they were recorded."""
        ...
