"""The conversation as the brain sees it: plain turns, and a digest of the current one.

LiveKit's chat history is translated into these small value types (in `_llm.py`),
so the policy is pure and tests build histories by hand. `Recent` answers the
questions every step of a turn asks: what did the caller last say, which tools
were already called for it (never call one twice), did anything succeed, did
anything fail and why.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

__all__ = [
    "AgentSaid",
    "CallerSaid",
    "Handoff",
    "Recent",
    "ToolCalled",
    "ToolReturned",
    "Turn",
    "call_key",
]

_EMPTY: Mapping[str, object] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class CallerSaid:
    """The caller's words (a user message)."""

    text: str


@dataclass(frozen=True, slots=True)
class AgentSaid:
    """The receptionist's words: the brain's own, or a line the orchestrator spoke."""

    text: str


@dataclass(frozen=True, slots=True)
class ToolCalled:
    """A tool call (a chart event) with its arguments."""

    name: str
    arguments: Mapping[str, object] = field(default_factory=lambda: _EMPTY)


@dataclass(frozen=True, slots=True)
class ToolReturned:
    """A tool's result; an error carries the chart's reason in `output`."""

    name: str
    output: str = ""
    is_error: bool = False


@dataclass(frozen=True, slots=True)
class Handoff:
    """Another adapter took over (its on_enter asks for a reply with the same history)."""


Turn = CallerSaid | AgentSaid | ToolCalled | ToolReturned | Handoff


def call_key(name: str, arguments: Mapping[str, object]) -> str:
    """A comparable identity for a call: the same tool with the same arguments."""
    return name + json.dumps(
        {k: str(v) for k, v in arguments.items() if v is not None}, sort_keys=True
    )


@dataclass(frozen=True, slots=True)
class Recent:
    """What happened since the caller last spoke (and what they said)."""

    caller: str | None
    """The caller's last utterance, or None before the caller has said anything."""
    made: frozenset[str]
    """`call_key`s of the calls already made for that utterance, refused or not."""
    succeeded: bool
    """Some call for it was accepted, or the agent changed: the question asked then may
    no longer be the current one."""
    errors: tuple[str, ...]
    """Reasons of the refused calls, oldest first."""
    last_is_error: bool
    """The very last turn is a refusal: the brain must say something about it."""
    agent_lines: tuple[str, ...]
    """What the receptionist said since (scripted lines included)."""
    before: tuple[str, ...]
    """What the receptionist said between the caller's previous words and these (the
    question these words answer)."""
    accepted_now: frozenset[str]
    """Names of the calls accepted since the caller spoke."""
    handed_off: bool
    """Another adapter took over since the caller spoke: it cannot see the call that
    caused the takeover, which used the utterance's intent."""
    history_calls: tuple[tuple[str, Mapping[str, object], bool], ...]
    """Every call in the whole conversation: (name, arguments, accepted)."""
    sent: Mapping[str, str]
    """Caller facts accepted by `provide_details` since the caller spoke."""

    @classmethod
    def of(cls, history: Sequence[Turn]) -> Recent:
        """Digest `history` in one backward and one forward pass."""
        start = len(history)
        for index in range(len(history) - 1, -1, -1):
            if isinstance(history[index], CallerSaid):
                start = index
                break
        caller_turn = history[start] if start < len(history) else None
        caller = caller_turn.text if isinstance(caller_turn, CallerSaid) else None
        since = history[start + 1 :] if caller is not None else history
        previous = start - 1
        while previous >= 0 and not isinstance(history[previous], CallerSaid):
            previous -= 1
        said_before = [
            t.text
            for t in history[previous + 1 : start]
            if isinstance(t, AgentSaid) and t.text and caller is not None
        ]
        before = tuple(said_before)
        made: set[str] = set()
        errors: list[str] = []
        succeeded = False
        lines: list[str] = []
        handed_off = False
        for turn in since:
            if isinstance(turn, ToolCalled):
                made.add(call_key(turn.name, turn.arguments))
            elif isinstance(turn, ToolReturned):
                if turn.is_error:
                    errors.append(turn.output)
                else:
                    succeeded = True
            elif isinstance(turn, Handoff):
                succeeded = handed_off = True
            elif isinstance(turn, AgentSaid) and turn.text:
                lines.append(turn.text)
        last = history[-1] if history else None
        since_calls = _calls(since)
        sent = {
            key: str(value)
            for name, args, ok in since_calls
            if ok and name == "provide_details"
            for key, value in args.items()
        }
        return cls(
            caller=caller,
            made=frozenset(made),
            succeeded=succeeded,
            errors=tuple(errors),
            last_is_error=isinstance(last, ToolReturned) and last.is_error,
            agent_lines=tuple(lines),
            before=before,
            history_calls=_calls(history),
            sent=MappingProxyType(sent),
            accepted_now=frozenset(name for name, _, ok in since_calls if ok),
            handed_off=handed_off,
        )

    @property
    def said_before(self) -> str:
        """`before` as one text."""
        return " ".join(self.before)

    def accepted(self, name: str) -> list[Mapping[str, object]]:
        """Arguments of every accepted call to `name` in the whole conversation."""
        return [args for called, args, ok in self.history_calls if called == name and ok]


def _calls(history: Sequence[Turn]) -> tuple[tuple[str, Mapping[str, object], bool], ...]:
    """Pair each call with its result (results follow their calls, in order)."""
    pending: list[ToolCalled] = []
    out: list[tuple[str, Mapping[str, object], bool]] = []
    for turn in history:
        if isinstance(turn, ToolCalled):
            pending.append(turn)
        elif isinstance(turn, ToolReturned):
            index = next((i for i, c in enumerate(pending) if c.name == turn.name), 0)
            if pending:
                call = pending.pop(index)
                out.append((call.name, call.arguments, not turn.is_error))
    out.extend((call.name, call.arguments, True) for call in pending)
    return tuple(out)
