"""A recorded call as replay, diagrams and export read it: from the store or a JSON file.

The store keeps each call's record, its events (with arguments and the chart's
configuration after each) and its transcript in one timeline, and its setup (the
brain, whether numbers were read back). `simulate --json` prints the same call as
one object, without the timeline's order. Both become a `RecordedCall`.

The caller's side of a call is what a replay feeds in again: what the caller said
and the events of the line itself (silence, hang-up: `LINE_EVENTS`). Everything
else was the receptionist's doing (the brain's tool calls, the orchestrator's
reactions) and is worked out afresh.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from voiceagent.scripted.turns import LINE_EVENTS, Turn
from voiceagent.store.port import SETUP_METRICS, CallEvent, CallRecordRow, CallStore, Utterance

__all__ = [
    "CALLER",
    "RecordedCall",
    "RecordedError",
    "RecordedEvent",
    "Said",
    "from_json",
    "from_store",
    "is_caller_side",
    "outcome_text",
]

CALLER = "caller"
"""The transcript's speaker for the caller (the receptionist is "agent")."""
_LINE_EVENTS = frozenset(LINE_EVENTS.values())
_MARKERS = {event: marker for marker, event in LINE_EVENTS.items()}


class RecordedError(ValueError):
    """A recorded call that cannot be read: one line naming the call and the problem."""


@dataclass(frozen=True, slots=True)
class RecordedEvent:
    """One chart event as recorded."""

    name: str
    arguments: Mapping[str, Any]
    configuration: tuple[str, ...] | None = None
    """The chart's active states after it (None where the source does not keep them)."""


@dataclass(frozen=True, slots=True)
class Said:
    """One transcript line."""

    speaker: str
    text: str


@dataclass(frozen=True, slots=True)
class RecordedCall:
    """Everything a replay or a diagram needs of one call."""

    call_id: str
    office_time: datetime | None
    """The chart's "now" for the office's hours (`--at`); None if never recorded."""
    caller_number: str | None
    brain: str | None
    """The brain in the LLM seat ("local/offline-brain"); None if never recorded."""
    phone_read_back: bool
    outcome: Mapping[str, Any] | None
    """`{"kind": ..., "target": {"name", "extension", "group"} | None}`; None if unfinished."""
    path: tuple[str, ...]
    timeline: tuple[RecordedEvent | Said, ...]
    """Events and lines in the order they happened (events only, from a JSON file)."""
    agency: str | None = None
    caller: Mapping[str, Any] = field(default_factory=dict)
    """The caller's record at the end (names, number, business, ...)."""

    @property
    def events(self) -> list[RecordedEvent]:
        """The chart events, in order."""
        return [item for item in self.timeline if isinstance(item, RecordedEvent)]

    def caller_side(self) -> list[Turn]:
        """What the caller did, in order: their words, and the line's own events."""
        turns = []
        for item in self.timeline:
            if isinstance(item, Said) and item.speaker == CALLER:
                turns.append(Turn(item.text))
            elif isinstance(item, RecordedEvent) and item.name in _LINE_EVENTS:
                turns.append(Turn(_MARKERS[item.name], item.name))
        return turns

    def states(self) -> set[str]:
        """Every state the record names: the path, and each event's configuration."""
        named = set(self.path)
        for event in self.events:
            named.update(event.configuration or ())
        return named


def is_caller_side(item: RecordedEvent | Said) -> bool:
    """Whether a timeline item is the caller's doing (their words, or the line's event)."""
    if isinstance(item, Said):
        return item.speaker == CALLER
    return item.name in _LINE_EVENTS


def outcome_text(outcome: Mapping[str, Any] | None) -> str:
    """An outcome in words: "transfer to Brad (7007)", "message", "unfinished"."""
    if outcome is None:
        return "unfinished"
    target = outcome.get("target") or {}
    name = target.get("name")
    if not name:
        return str(outcome["kind"])
    extension = target.get("extension")
    return f"{outcome['kind']} to {name}" + (f" ({extension})" if extension else "")


def _outcome(row: CallRecordRow) -> dict[str, Any] | None:
    if row.outcome is None:
        return None
    target = row.outcome.target
    return {"kind": row.outcome.kind.value, "target": target.as_dict() if target else None}


async def from_store(store: CallStore, call_id: str) -> RecordedCall:
    """One call from the store, or `RecordedError` if the store has nothing of it."""
    row = await store.get_call(call_id)
    timeline = await store.call_timeline(call_id)
    if row is None and not timeline:
        msg = f"no call {call_id!r} in the store"
        raise RecordedError(msg)
    setup: Mapping[str, Any] = {}
    for metric in await store.call_metrics(call_id):
        if metric.kind == SETUP_METRICS:
            setup = metric.figures
    return RecordedCall(
        call_id=call_id,
        office_time=row.office_time if row else None,
        caller_number=row.caller_number if row else None,
        brain=setup.get("brain"),
        phone_read_back=bool(setup.get("phone_read_back", False)),
        outcome=_outcome(row) if row else None,
        path=row.path if row else (),
        timeline=tuple(_item(step) for step in timeline),
        agency=row.agency if row else None,
        caller=row.caller if row else {},
    )


def _item(step: CallEvent | Utterance) -> RecordedEvent | Said:
    if isinstance(step, Utterance):
        return Said(step.speaker, step.text)
    return RecordedEvent(step.name, step.arguments, tuple(step.states))


def from_json(path: Path) -> RecordedCall:
    """A call printed by `simulate --json` (or `call --json`), or `RecordedError`."""
    try:
        data = json.loads(path.read_text())
    except OSError as error:
        msg = f"cannot read {path}: {error.strerror or error}"
        raise RecordedError(msg) from None
    except ValueError as error:
        msg = f"{path} is not JSON: {error}"
        raise RecordedError(msg) from None
    if not isinstance(data, Mapping) or not isinstance(data.get("events"), list):
        msg = f"{path} is not a call printed by `voiceagent simulate --json` (no events)"
        raise RecordedError(msg)
    at = data.get("at")
    if not isinstance(at, str):
        msg = (
            f"{path} has no office time ('at'): it was printed by an older version; "
            "run `voiceagent simulate --json` again"
        )
        raise RecordedError(msg)
    try:
        office_time = datetime.fromisoformat(at)
    except ValueError:
        msg = f"{path}: 'at' {at!r} is not an ISO-8601 time"
        raise RecordedError(msg) from None
    events = tuple(_json_event(path, raw) for raw in data["events"])
    return RecordedCall(
        call_id=path.name,
        office_time=office_time,
        caller_number=data.get("caller_number"),
        brain=data.get("brain"),
        phone_read_back=bool(data.get("phone_read_back", False)),
        outcome=data.get("outcome"),
        path=tuple(data.get("states") or ()),
        timeline=events,
        caller=data.get("caller") or {},
    )


def _json_event(path: Path, raw: object) -> RecordedEvent:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("name"), str):
        msg = f"{path}: an event without a name: {raw!r}"
        raise RecordedError(msg)
    arguments = raw.get("args") or {}
    if not isinstance(arguments, Mapping):
        msg = f"{path}: event {raw['name']!r} has arguments that are not a mapping"
        raise RecordedError(msg)
    return RecordedEvent(str(raw["name"]), dict(arguments))
