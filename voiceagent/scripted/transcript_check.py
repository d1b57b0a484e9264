"""A transcript check: what a caller would notice at once, found in a call's report.

Runs over `simulate --json` reports (the scenario suite, generated calls) and finds:

- a "didn't catch" with no caller turn since the receptionist last spoke;
- two questions from the receptionist with no caller turn between them;
- text unfit for speech in a receptionist's line (parentheses, slashes,
  ampersands, dashes used as ranges);
- a sentence of more than a few words said again in the same turn or the next;
- an apology for a connection that was never attempted (no transfer was dialled
  and failed before it).

Each finding names the line it is about, so a failing test points at the words. A
caller line with no words is a silence the caller let pass (the away timeout): a
turn they took, so the receptionist's check-in after it answers it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from voiceagent.telephony.port import NO_DESTINATION

__all__ = ["SETTLED", "Finding", "FindingKind", "check_report", "check_transcript"]

REPEAT_MIN_WORDS = 4
"""A sentence of at least this many words must not be said again in the same or next turn."""

_DIDNT_CATCH = re.compile(r"\bdid(?:n'?t| not) (?:quite )?(?:catch|get|hear)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_UNSPEAKABLE = {
    "parentheses": re.compile(r"[()\[\]]"),
    "a slash": re.compile(r"/"),
    "an ampersand": re.compile(r"&"),
    "a dash used as a range": re.compile(
        rf"(?:\d|\b{_DAY})\s*[-\u2013\u2014]\s*(?:\d|{_DAY}\b)|\s[-\u2013\u2014]\s", re.IGNORECASE
    ),
}
_APOLOGY = re.compile(
    r"\b(?:was(?:n'?t| not)|could(?:n'?t| not)|(?:am|was) unable to|(?:am|was) not able to)"
    r"\s+(?:able\s+to\s+)?(?:connect|reach|transfer|get (?:you )?through)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z0-9']+")


class FindingKind(StrEnum):
    """What is wrong, as the issue names it."""

    DIDNT_CATCH_UNPROMPTED = "didnt_catch_unprompted"
    """ "I didn't catch that" when the caller said nothing since the receptionist spoke."""
    TWO_QUESTIONS = "two_questions"
    """A second question before the caller could answer the first."""
    UNSPEAKABLE = "unspeakable"
    """Text written for the eye: parentheses, slashes, ampersands, dashes as ranges."""
    REPEATED_SENTENCE = "repeated_sentence"
    """The same sentence again in the same turn or the next one."""
    FALSE_APOLOGY = "false_apology"
    """An apology for a failed connection when no transfer was dialled and failed."""


SETTLED: frozenset[FindingKind] = frozenset(FindingKind)
"""The kinds no call may have: every kind (issue 12 section 5). The scenario suite and
the generated calls fail on any finding of these."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing wrong in a transcript."""

    kind: FindingKind
    line: int
    """Index of the offending line in the transcript."""
    text: str
    """The offending line."""
    detail: str
    """What is wrong with it, in words."""

    def __str__(self) -> str:
        return f"{self.kind.value} at line {self.line}: {self.detail}: {self.text!r}"


@dataclass(frozen=True, slots=True)
class _Line:
    index: int
    speaker: str
    text: str


def check_report(report: Mapping[str, Any]) -> list[Finding]:
    """Every finding in a `simulate --json` report (its transcript and its events)."""
    transcript = [(t["speaker"], t["text"]) for t in report["transcript"]]
    return check_transcript(transcript, report.get("events", ()))


def check_transcript(
    transcript: Sequence[tuple[str, str]], events: Sequence[Mapping[str, Any]] = ()
) -> list[Finding]:
    """Every finding in a transcript of (speaker, text), "agent" or "caller".

    `events` are the call's chart events (`name`, `args`): they tell which transfers
    were dialled and failed.
    """
    lines = [_Line(i, speaker, text) for i, (speaker, text) in enumerate(transcript)]
    agent = [line for line in lines if line.speaker == "agent"]
    findings = [
        *_didnt_catch(lines),
        *_two_questions(lines),
        *(f for line in agent for f in _unspeakable(line)),
        *_repeats(lines),
        *_false_apologies(agent, events),
    ]
    return sorted(findings, key=lambda f: (f.line, f.kind.value))


def _didnt_catch(lines: Sequence[_Line]) -> Iterator[Finding]:
    caller_since = False  # whether the caller spoke since the receptionist last did
    for line in lines:
        if line.speaker == "caller":
            caller_since = True
            continue
        if _DIDNT_CATCH.search(line.text) and not caller_since:
            yield Finding(
                FindingKind.DIDNT_CATCH_UNPROMPTED,
                line.index,
                line.text,
                "says it did not catch something, but the caller said nothing since it spoke",
            )
        caller_since = False


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text.strip()) if s.strip()]


def _two_questions(lines: Sequence[_Line]) -> Iterator[Finding]:
    asked: str | None = None
    for line in lines:
        if line.speaker == "caller":
            asked = None
            continue
        for sentence in _sentences(line.text):
            if not sentence.endswith("?"):
                continue
            if asked is not None:
                yield Finding(
                    FindingKind.TWO_QUESTIONS,
                    line.index,
                    line.text,
                    f"asks {sentence!r} before the caller answered {asked!r}",
                )
            asked = sentence


def _unspeakable(line: _Line) -> Iterator[Finding]:
    for what, pattern in _UNSPEAKABLE.items():
        match = pattern.search(line.text)
        if match is not None:
            yield Finding(
                FindingKind.UNSPEAKABLE, line.index, line.text, f"has {what}: {match.group(0)!r}"
            )


def _normal(sentence: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(sentence.lower()))


def _repeats(lines: Sequence[_Line]) -> Iterator[Finding]:
    """A long-enough sentence said again in the same turn, or in the turn after."""
    previous: set[tuple[str, ...]] = set()
    current: set[tuple[str, ...]] = set()
    in_turn = False  # the agent has spoken since the caller last did
    for line in lines:
        if line.speaker == "caller":
            in_turn = False
            continue
        if not in_turn:
            previous, current, in_turn = current, set(), True
        for sentence in _sentences(line.text):
            words = _normal(sentence)
            if len(words) < REPEAT_MIN_WORDS:
                continue
            if words in current or words in previous:
                when = "in the same turn" if words in current else "in the turn before"
                yield Finding(
                    FindingKind.REPEATED_SENTENCE,
                    line.index,
                    line.text,
                    f"says {sentence!r} again, already said {when}",
                )
            current.add(words)


def _false_apologies(
    agent: Sequence[_Line], events: Sequence[Mapping[str, Any]]
) -> Iterator[Finding]:
    dialled_failures = sum(
        1
        for event in events
        if event.get("name") == "transfer_failed"
        and (event.get("args") or {}).get("reason") != NO_DESTINATION
    )
    apologies = [line for line in agent if _APOLOGY.search(line.text)]
    for line in apologies[dialled_failures:]:
        yield Finding(
            FindingKind.FALSE_APOLOGY,
            line.index,
            line.text,
            "apologises for a connection, but no transfer was dialled and failed",
        )
