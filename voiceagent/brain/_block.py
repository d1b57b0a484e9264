"""The machine-readable block at the end of every adapter's instructions.

Each speech adapter ends its instructions with a few lines a real model reads as
plain English and the offline brain reads as data::

    Call state: triage.intake
    Still needed: phone
    Ask: "And a good phone number to reach you?"
    Known: first_name=Kelly; insurance_type=personal

`Still needed` names a `statecharts.Question` and `Ask` is the exact question
(both absent when nothing is needed); `Known` lists facts the chart already has.
Only the last block counts, so instructions added later win.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from statecharts import Question

__all__ = ["CallState", "read_block"]

_STATE = re.compile(r"^[ \t]*Call state:[ \t]*(\S[^\n]*?)[ \t]*$", re.MULTILINE)
_NEEDED = re.compile(r"^[ \t]*Still needed:[ \t]*(\S[^\n]*?)[ \t]*$", re.MULTILINE)
_ASK = re.compile(r"^[ \t]*Ask:[ \t]*(\S[^\n]*?)[ \t]*$", re.MULTILINE)
_KNOWN = re.compile(r"^[ \t]*Known:[ \t]*(\S[^\n]*?)[ \t]*$", re.MULTILINE)
_QUESTIONS = {q.value: q for q in Question}


@dataclass(frozen=True, slots=True)
class CallState:
    """Where the call is, what the chart still needs, and how to ask for it."""

    state: str | None = None
    """The chart's current leaf, dotted ("triage.intake")."""
    needed: Question | None = None
    ask: str | None = None
    """The exact question to speak, or None when the chart needs nothing now."""
    known: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Caller facts the chart already holds, by field name."""


def _last(pattern: re.Pattern[str], text: str) -> str | None:
    value = None
    for match in pattern.finditer(text):
        value = match.group(1)
    return value


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'\u201c":
        return text[1:-1].strip()
    if len(text) >= 2 and text[0] == "\u201c" and text[-1] == "\u201d":
        return text[1:-1].strip()
    return text


@lru_cache(maxsize=128)
def read_block(instructions: str) -> CallState:
    """The call-state block of `instructions` (its last occurrence), or an empty one.

    Cached: the same instructions are read on every step of a turn.
    """
    start = 0
    for match in _STATE.finditer(instructions):
        start = match.start()
    text = instructions[start:]
    needed_text = _last(_NEEDED, text)
    ask = _last(_ASK, text)
    known_text = _last(_KNOWN, text)
    known: dict[str, str] = {}
    for part in (known_text or "").split(";"):
        key, sep, value = part.partition("=")
        if sep and key.strip() and value.strip():
            known[key.strip()] = value.strip()
    return CallState(
        state=_last(_STATE, text),
        needed=_QUESTIONS.get((needed_text or "").strip().lower()),
        ask=_unquote(ask) or None if ask is not None else None,
        known=MappingProxyType(known),
    )
