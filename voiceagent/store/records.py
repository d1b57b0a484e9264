"""From the store's rows back to the records the port speaks: calls, steps, messages."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, Select, select

from statecharts import Intent, Message, MessageKind, Outcome, OutcomeKind, Target, TargetKind
from voiceagent.store.port import (
    CallEvent,
    CallMetric,
    CallRecordRow,
    Delivery,
    DeliveryState,
    StoredMessage,
    Utterance,
)
from voiceagent.store.schema import messages, outbox

__all__ = [
    "call_record",
    "delivery",
    "delivery_state",
    "event",
    "metric",
    "select_deliveries",
    "select_messages",
    "stored_message",
    "utterance",
]


def select_messages() -> Select[Any]:
    """Every message column, the id labelled `message_id`."""
    return select(messages.c.id.label("message_id"), *messages.c[1:])


def select_deliveries() -> Select[Any]:
    """Outbox rows joined with their messages."""
    return select(
        outbox.c.id,
        outbox.c.attempts,
        outbox.c.rejections,
        outbox.c.next_attempt_at,
        messages.c.id.label("message_id"),
        *messages.c[1:],
    ).join(messages, messages.c.id == outbox.c.message_id)


def stored_message(row: Row[Any]) -> StoredMessage:
    """A message row (from `select_messages`) as the port's record."""
    values = row._mapping
    target = None
    if values["target_kind"] is not None:
        target = Target(
            kind=TargetKind(values["target_kind"]), name=values["target_name"],
            spoken_name=values["target_spoken_name"], extension=values["target_extension"],
            group=values["target_group"], reason=values["target_reason"],
        )  # fmt: skip
    message = Message(
        kind=MessageKind(values["kind"]), for_target=target, caller_name=values["caller_name"],
        phone_number=values["phone_number"], insurance_type=values["insurance_type"],
        identifier=values["identifier"], text=values["text"], notes=values["notes"],
        intent=Intent(values["intent"]) if values["intent"] else None,
    )  # fmt: skip
    return StoredMessage(
        id=values["message_id"],
        call_id=values["call_id"],
        at=values["at"],
        message=message,
        key=values["key"],
        urgency="high" if values["urgency"] == "high" else "normal",
    )


def delivery(row: Row[Any]) -> Delivery:
    """An outbox row (from `select_deliveries`) as the port's record."""
    values = row._mapping
    return Delivery(
        id=values["id"],
        attempts=values["attempts"],
        next_attempt_at=values["next_attempt_at"],
        message=stored_message(row),
        rejections=values["rejections"],
    )


def delivery_state(row: Row[Any]) -> DeliveryState | None:
    """The delivery columns of a message listing (`o_`-prefixed), or None without a row."""
    values = row._mapping
    if values["o_id"] is None:
        return None
    status: Any = "pending"
    if values["o_delivered_at"] is not None:
        status = "delivered"
    elif values["o_parked_at"] is not None:
        status = "parked"
    return DeliveryState(
        status=status,
        attempts=values["o_attempts"],
        rejections=values["o_rejections"],
        next_attempt_at=values["o_next_attempt_at"],
        last_error=values["o_last_error"],
        delivered_at=values["o_delivered_at"],
        parked_at=values["o_parked_at"],
    )


def call_record(row: Row[Any]) -> CallRecordRow:
    """A calls row as the port's record."""
    values = row._mapping
    outcome = None
    if values["outcome"] is not None:
        target = values["outcome_target"]
        if target is not None:
            target = Target(**{**target, "kind": TargetKind(target["kind"])})
        outcome = Outcome(OutcomeKind(values["outcome"]), target)
    return CallRecordRow(
        call_id=values["call_id"],
        agency=values["agency"],
        started_at=values["started_at"],
        caller_number=values["caller_number"],
        finished_at=values["finished_at"],
        outcome=outcome,
        caller=values["caller"] or {},
        path=tuple(values["path"] or ()),
        room=values["room"],
        office_time=values["office_time"],
    )


def event(row: Row[Any]) -> CallEvent:
    """An events row as the port's record."""
    values = row._mapping
    return CallEvent(
        id=values["id"],
        call_id=values["call_id"],
        at=values["at"],
        name=values["name"],
        arguments=values["arguments"],
        states=tuple(values["states"]),
        seq=values["seq"],
    )


def utterance(row: Row[Any]) -> Utterance:
    """A transcript row as the port's record."""
    values = row._mapping
    return Utterance(
        id=values["id"],
        call_id=values["call_id"],
        at=values["at"],
        speaker=values["speaker"],
        text=values["text"],
        seq=values["seq"],
    )


def metric(row: Row[Any]) -> CallMetric:
    """A metrics row as the port's record."""
    values = row._mapping
    return CallMetric(
        id=values["id"],
        call_id=values["call_id"],
        at=values["at"],
        kind=values["kind"],
        figures=values["figures"],
    )
