"""Every write to the call store as a value, and how it is applied in one transaction.

A write is data (`Write`) before it touches the database, so the same value can be
applied now, or kept in the local journal while the database is out of reach and
applied later. Applying a write twice stores it once: calls are upserted, a call's
steps are unique by `(call_id, seq)`, a message by its key. That makes replaying
the journal safe even when the first attempt did commit after all (a write that
timed out on our side can still finish on the database's).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from statecharts import Message, Outcome
from voiceagent.store.port import message_urgency
from voiceagent.store.schema import calls, events, messages, metrics, outbox, transcript

__all__ = [
    "Write",
    "apply_write",
    "call_finished",
    "call_started",
    "event_recorded",
    "message_recorded",
    "metrics_recorded",
    "utterance_recorded",
]

Op = Literal["start_call", "finish_call", "event", "utterance", "metrics", "message"]


@dataclass(frozen=True, slots=True)
class Write:
    """One write: what it does and its column values (instants as datetimes)."""

    op: Op
    values: dict[str, Any]


class _Steps:
    """Strictly increasing stamps for a call's steps: wall-clock microseconds, never repeated.

    A stamp orders a call's events and transcript lines together. Taken from the
    wall clock (not the call's clock, which tests freeze), and bumped past the last
    one, it keeps submission order within a process and is unique across processes
    in practice, so two writers of one call never collide.
    """

    def __init__(self) -> None:
        self._last = 0

    def next(self) -> int:
        self._last = max(self._last + 1, time.time_ns() // 1000)
        return self._last


_steps = _Steps()


def call_started(
    call_id: str,
    started_at: datetime,
    caller_number: str | None,
    agency: str,
    *,
    room: str | None = None,
    office_time: datetime | None = None,
) -> Write:
    """Open (or re-open) a call's record."""
    return Write(
        "start_call",
        {"call_id": call_id, "agency": agency, "room": room, "started_at": started_at,
         "office_time": office_time, "caller_number": caller_number},
    )  # fmt: skip


def call_finished(
    call_id: str,
    at: datetime,
    outcome: Outcome,
    caller: Mapping[str, object],
    path: Sequence[str],
) -> Write:
    """Close a call's record with its outcome, caller details and path."""
    target = asdict(outcome.target) if outcome.target else None
    return Write(
        "finish_call",
        {"call_id": call_id, "finished_at": at, "outcome": outcome.kind.value,
         "outcome_target": target, "caller": dict(caller), "path": list(path)},
    )  # fmt: skip


def event_recorded(
    call_id: str, at: datetime, name: str, arguments: Mapping[str, object], states: Sequence[str]
) -> Write:
    """One chart event, stamped with its place in the call."""
    return Write(
        "event",
        {"call_id": call_id, "seq": _steps.next(), "at": at, "name": name,
         "arguments": dict(arguments), "states": list(states)},
    )  # fmt: skip


def utterance_recorded(call_id: str, at: datetime, speaker: str, text: str) -> Write:
    """One transcript line, stamped with its place in the call."""
    return Write(
        "utterance",
        {"call_id": call_id, "seq": _steps.next(), "at": at, "speaker": speaker, "text": text},
    )


def metrics_recorded(call_id: str, at: datetime, kind: str, figures: Mapping[str, object]) -> Write:
    """Figures about a call."""
    return Write(
        "metrics",
        {"call_id": call_id, "seq": _steps.next(), "at": at, "kind": kind,
         "figures": dict(figures)},
    )  # fmt: skip


def message_recorded(call_id: str, at: datetime, message: Message) -> Write:
    """A message, with a fresh key that identifies it to staff for good."""
    target = message.for_target
    return Write(
        "message",
        {
            "key": uuid.uuid4().hex, "call_id": call_id, "at": at, "kind": message.kind.value,
            "urgency": message_urgency(message),
            "target_kind": target.kind.value if target else None,
            "target_name": target.name if target else None,
            "target_spoken_name": target.spoken_name if target else None,
            "target_extension": target.extension if target else None,
            "target_group": target.group if target else None,
            "target_reason": target.reason if target else None,
            "caller_name": message.caller_name, "phone_number": message.phone_number,
            "insurance_type": message.insurance_type, "identifier": message.identifier,
            "intent": message.intent.value if message.intent else None,
            "text": message.text, "notes": message.notes,
        },
    )  # fmt: skip


def apply_write(conn: Connection, write: Write) -> None:
    """Apply one write inside the connection's open transaction; a repeat changes nothing."""
    _APPLY[write.op](conn, write.values)


def _insert(conn: Connection, table: Table) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT."""
    module = postgresql if conn.dialect.name == "postgresql" else sqlite
    return module.insert(table)


def _start_call(conn: Connection, values: dict[str, Any]) -> None:
    statement = _insert(conn, calls).values(values)
    update = {name: statement.excluded[name] for name in values if name != "call_id"}
    conn.execute(statement.on_conflict_do_update(index_elements=["call_id"], set_=update))


def _finish_call(conn: Connection, values: dict[str, Any]) -> None:
    _start_call(conn, values)  # the same upsert: a call never started is still closed


def _step(table: Table) -> Callable[[Connection, dict[str, Any]], None]:
    def insert(conn: Connection, values: dict[str, Any]) -> None:
        statement = _insert(conn, table).values(values)
        conn.execute(statement.on_conflict_do_nothing(index_elements=["call_id", "seq"]))

    return insert


def _message(conn: Connection, values: dict[str, Any]) -> None:
    statement = _insert(conn, messages).values(values)
    statement = statement.on_conflict_do_nothing(index_elements=["key"])
    message_id = conn.execute(statement.returning(messages.c.id)).scalar()
    if message_id is None:
        return  # this message is already stored (a replayed journal entry)
    at = values["at"]
    conn.execute(outbox.insert().values(message_id=message_id, created_at=at, next_attempt_at=at))


_APPLY: dict[Op, Callable[[Connection, dict[str, Any]], None]] = {
    "start_call": _start_call,
    "finish_call": _finish_call,
    "event": _step(events),
    "utterance": _step(transcript),
    "metrics": _step(metrics),
    "message": _message,
}
