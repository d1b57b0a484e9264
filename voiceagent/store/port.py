"""The call store: every call's record, event trace, transcript and messages, and the outbox.

A caller who is told "I've taken your message" must be able to rely on it, so a
message is committed before `record_message` returns (or, with the database out of
reach, fsynced to the local journal), and its outbox row is written in the same
transaction: the message can never be stored without being queued for staff, nor
queued without being stored (agency.md §0, "Messages"). The event trace keeps each
chart event with its arguments, and the transcript each line said, in one order, so
a recorded call can be replayed through a newer chart.

This is the agency's own database: real caller values are stored here; only the
logs and the listings (unless asked) mask them. Writes never depend on an earlier
write having succeeded: a message or a finished call is kept even if the call's
start was never recorded.
"""

from __future__ import annotations

from collections.abc import Awaitable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, Protocol

from statecharts import Intent, Message, MessageKind, Outcome

__all__ = [
    "SETUP_METRICS",
    "CallEvent",
    "CallMetric",
    "CallRecordRow",
    "CallStore",
    "Delivery",
    "DeliveryClaim",
    "DeliveryState",
    "MessageListing",
    "StoreSchemaError",
    "StoreUnavailableError",
    "StoredMessage",
    "Urgency",
    "Utterance",
    "message_urgency",
]

Urgency = Literal["high", "normal"]

SETUP_METRICS = "setup"
"""The metrics kind of a call's setup, stored as it starts: which brain sat in the LLM
seat (`brain`, "local/offline-brain") and whether the caller's number was read back
(`phone_read_back`). A replay needs both: only the offline brain's answers can be
given again, and a spoken call's chart asks for a yes to the number where a text
call's does not."""


class StoreSchemaError(RuntimeError):
    """The database was written by a newer version of the receptionist."""


class StoreUnavailableError(RuntimeError):
    """The database cannot be reached (at start: a setting to fix, named in the message)."""


def message_urgency(message: Message) -> Urgency:
    """How soon staff should act: high for a claim, or a call cut short or stranded.

    A claim is someone's loss in progress; an error or a failed transfer means the
    caller expected a person and did not get one. Everything else is normal.
    """
    if message.intent is Intent.CLAIMS:
        return "high"
    if message.kind in (MessageKind.ERROR, MessageKind.TRANSFER_FAILED):
        return "high"
    return "normal"


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
    seq: int = 0
    """Its place among the call's events and transcript lines."""


@dataclass(frozen=True, slots=True)
class Utterance:
    """One line of the call's transcript: who said what, and when."""

    id: int
    call_id: str
    at: datetime
    speaker: str
    """"caller" or "agent"."""
    text: str
    seq: int = 0
    """Its place among the call's events and transcript lines."""


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
    key: str = ""
    """The message's idempotency key: staff's webhook sees the same key on every retry."""
    urgency: Urgency = "normal"


@dataclass(frozen=True, slots=True)
class Delivery:
    """An outbox row still owed to staff, with the message it carries."""

    id: int
    attempts: int
    """Failed attempts so far; drives the outbox's backoff."""
    next_attempt_at: datetime
    message: StoredMessage
    rejections: int = 0
    """How many of those attempts staff's endpoint refused (4xx)."""


@dataclass(frozen=True, slots=True)
class DeliveryState:
    """Where a message stands with staff."""

    status: Literal["pending", "delivered", "parked"]
    attempts: int
    rejections: int
    next_attempt_at: datetime | None
    last_error: str | None
    delivered_at: datetime | None
    parked_at: datetime | None


@dataclass(frozen=True, slots=True)
class MessageListing:
    """A message and its delivery, as `voiceagent messages` shows it."""

    stored: StoredMessage
    delivery: DeliveryState | None
    """None only for a message whose outbox row is missing (never written by this build)."""


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
    room: str | None = None
    office_time: datetime | None = None
    """The instant the chart took as "now" for the agency's hours."""


class DeliveryClaim(Protocol):
    """One delivery taken by one worker, until it is settled one way or another.

    While a claim is held no other worker can take the same delivery: PostgreSQL
    holds the row's lock (a killed worker's lock goes with its connection), SQLite
    a lease that lapses on its own. A claim left unsettled is simply offered again.
    """

    @property
    def delivery(self) -> Delivery:
        """The delivery taken."""
        ...

    async def delivered(self, at: datetime) -> None:
        """Staff received the message: it is never offered again."""
        ...

    async def failed(
        self, at: datetime, error: str, retry_at: datetime, *, rejected: bool = False
    ) -> None:
        """The attempt failed (`rejected`: staff's endpoint refused it); try again at `retry_at`."""
        ...

    async def parked(self, at: datetime, error: str) -> None:
        """Refused too often: stop trying and show it to the operator."""
        ...


class CallStore(Protocol):
    """The port through which the shell records calls and feeds the outbox.

    Every method is bounded by a timeout and raises `TimeoutError` past it.
    """

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
        """Open the call's record.

        Args:
            call_id: The call.
            started_at: When the call reached us.
            caller_number: The caller's number, when the line gives it.
            agency: The agency's name.
            room: The LiveKit room, for a call that has one.
            office_time: The instant the chart takes as "now" for the agency's hours
                (set apart from `started_at` by `--at`), timezone-aware; replaying the
                call needs it.
        """
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

    def record_utterance(
        self, call_id: str, at: datetime, speaker: str, text: str
    ) -> Awaitable[None]:
        """Append one transcript line ("caller" or "agent"), in order with the events.

        The line's place in the call is fixed when this is called, not when the
        result is awaited, so a synchronous callback can hand the write to a task.
        """
        ...

    async def record_metrics(
        self, call_id: str, at: datetime, kind: str, figures: Mapping[str, object]
    ) -> None:
        """Append figures about the call (a turn's latency, model usage, a watchdog event)."""
        ...

    async def record_message(self, call_id: str, at: datetime, message: Message) -> str:
        """Store a message and queue it for staff, durably; return its key."""
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
        """Undelivered, unparked outbox rows, soonest due first; only those due by `due_at`."""
        ...

    def claim_delivery(
        self, now: datetime, lease_until: datetime
    ) -> AbstractAsyncContextManager[DeliveryClaim | None]:
        """Take the next due delivery no other worker holds; None when none is due."""
        ...

    async def requeue_delivery(self, key: str, at: datetime) -> bool:
        """Offer an undelivered message (a parked one, say) to staff again from `at`.

        Its refusals are forgotten, so it gets the full count again. False if no
        undelivered message has that key.
        """
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

    async def call_transcript(self, call_id: str) -> list[Utterance]:
        """The call's transcript, in order."""
        ...

    async def call_timeline(self, call_id: str) -> list[CallEvent | Utterance]:
        """The call's events and transcript lines interleaved as they happened.

        The caller's side of a call (what they said, their silences and hang-up)
        is what a replay feeds through a new chart.
        """
        ...

    async def call_metrics(self, call_id: str) -> list[CallMetric]:
        """The call's figures, in the order they were recorded."""
        ...

    async def recent_calls(
        self, since: datetime | None = None, limit: int | None = None
    ) -> list[CallRecordRow]:
        """Calls newest first, started (or, unstarted, finished) at or after `since`."""
        ...

    async def recent_messages(
        self,
        since: datetime | None = None,
        limit: int | None = None,
        status: Literal["pending", "delivered", "parked"] | None = None,
    ) -> list[MessageListing]:
        """Messages newest first, taken at or after `since`, in `status`, with their delivery."""
        ...

    async def close(self) -> None:
        """Release the database; the store cannot be used afterwards."""
        ...
