"""What the shell must do when the chart moves, as plain data.

The chart never speaks, dials or writes: on entering a state it appends effects
to a queue, and the orchestrator in `voiceagent/` drains the queue in order and
carries them out. Order matters: a message is recorded before the caller is told
it was taken, and the call ends only after the last line is spoken.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from statecharts._caller import Intent

__all__ = [
    "Effect",
    "EndCall",
    "Message",
    "MessageKind",
    "Outcome",
    "OutcomeKind",
    "RecordMessage",
    "Say",
    "Target",
    "TargetKind",
    "Transfer",
    "TransferToVoicemail",
]


class TargetKind(StrEnum):
    """Who a call or a message is routed to."""

    PERSON = "person"
    GROUP = "group"
    OFFICE = "office"
    """Nobody in particular: the general mailbox, when no rule names a person."""


@dataclass(frozen=True, slots=True)
class Target:
    """A routing decision: a person, a ring group, or the office as a whole."""

    kind: TargetKind
    name: str
    """Canonical name of the person, or the group's display name."""
    spoken_name: str
    """How the receptionist names it in a sentence, as written ("Louis", "our team").

    Pronunciation hints ("Lewis") are applied only to text sent to speech synthesis."""
    extension: str | None = None
    group: str | None = None
    """Ring-group key, when the target is a group."""
    destination: str | None = None
    """Where a live transfer dials; None when nothing is configured."""
    voicemail: str | None = None
    """Where a voicemail transfer dials; None when nothing is configured."""
    reason: str = ""
    """Why routing chose it: "primary", "alternate_sales", "ring_group", ..."""

    def as_dict(self) -> dict[str, str | None]:
        """The target as the JSON contract names it."""
        return {"name": self.name, "extension": self.extension, "group": self.group}


class OutcomeKind(StrEnum):
    """How a call ended."""

    TRANSFER = "transfer"
    VOICEMAIL = "voicemail"
    MESSAGE = "message"
    ANSWERED = "answered"
    HUNG_UP = "hung_up"
    UNRESOLVED = "unresolved"
    """The call ended before the caller could be helped (not understood, an error, the
    time limit) and left nothing to call back on: they were told how to reach us."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of a call, recorded when it ends."""

    kind: OutcomeKind
    target: Target | None = None


class MessageKind(StrEnum):
    """Why a message was taken."""

    MESSAGE = "message"
    """After hours, or for someone who can't be transferred to."""
    CALLBACK = "callback"
    """At lunch, or a claims callback: someone calls the caller back."""
    TRANSFER_FAILED = "transfer_failed"
    ERROR = "error"
    """The call ended on an internal error; staff should call back."""
    DROPPED_CALL = "dropped_call"
    """The caller hung up or went silent after saying what they needed and how to reach
    them, before being transferred, answered or given a message: call them back."""


@dataclass(frozen=True, slots=True)
class Message:
    """A message for staff: stored durably before the caller hears it was taken."""

    kind: MessageKind
    for_target: Target | None
    caller_name: str | None
    phone_number: str | None
    insurance_type: str | None
    identifier: str | None
    intent: Intent | None
    text: str
    notes: str


@dataclass(frozen=True, slots=True)
class Say:
    """Speak a scripted line exactly as written."""

    line: str
    """The line's id (a `Line` value), so tests and records can name it."""
    text: str
    interruptible: bool = True


@dataclass(frozen=True, slots=True)
class Transfer:
    """Transfer the caller live to a person or ring group."""

    target: Target


@dataclass(frozen=True, slots=True)
class TransferToVoicemail:
    """Transfer the caller to a voicemail box."""

    target: Target


@dataclass(frozen=True, slots=True)
class RecordMessage:
    """Store a message durably (and queue it for delivery to staff)."""

    message: Message


@dataclass(frozen=True, slots=True)
class EndCall:
    """End the call once everything queued before it has been said."""

    outcome: Outcome


Effect = Say | Transfer | TransferToVoicemail | RecordMessage | EndCall
