"""Running corpus entries through the real chart and the offline brain, and scoring them.

Each entry is said exactly as in a call: a `ChartLoop` at the entry's office status,
the earlier turns replayed as if understood (their events fired on the chart, the
history the brain would have seen), then the utterance through the brain. What the
chart accepted during that one utterance is the outcome:

- the **label** taken is the first accepted event other than `provide_details` (for
  `request`, its intent); else `provide_details` if details were accepted; else `none`;
- a **fact** is recalled when the caller's record holds it after the utterance (a
  carrier: when an accepted event carried it, or the record's carrier matches);
- a **spurious fact** is a detail the brain recorded that the caller did not state.

Facts compare as the chart stores them: names and business names as lowercase
words (punctuation dropped, "&" as "and", a leading "The" ignored for a business
name), phone numbers as digits (a leading US "1" ignored), spellings as letters,
carriers by name with "Insurance" dropped (either may be the start of the other:
"Tower Hill" matches "Tower Hill PL").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from statecharts import Refusal, Say, parse_arguments, question_text
from tests.voiceagent.brain.chart_loop import CLOSED, OPEN, ChartLoop
from tests.voiceagent.brain.corpus.loading import FACTS, INTENT_LABELS, CorpusError, Entry
from voiceagent.brain import AgentSaid, CallerSaid, Handoff, ToolCalled, ToolReturned
from voiceagent.session.tools import LLM_EVENTS

__all__ = [
    "CLOCK",
    "Events",
    "Outcome",
    "Score",
    "label_of",
    "recalled_facts",
    "same_fact",
    "score",
    "situate",
    "spurious_facts",
    "understand",
]

CLOCK: Mapping[str, datetime] = {
    "open": OPEN,
    "lunch": OPEN.replace(hour=12, minute=30),
    "closed": CLOSED,
}
"""The instant each office status is measured at (a Monday)."""

_RECORD_FIELD = {"phone": "phone_number"}
_CARRIER_EVENTS = frozenset({"report_claim", "name_carrier"})


def _words(text: str) -> str:
    """Lowercase words, "&" read as "and", "P.A." as "pa" and "O'Neil" as "oneil"."""
    text = re.sub(r"[.'\u2019]", "", text.casefold().replace("&", " and "))
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def _carrier_key(text: str) -> str:
    key = re.sub(r"[^a-z0-9]", "", text.casefold())
    for suffix in ("insurancecompany", "insurance"):
        if key.endswith(suffix) and len(key) > len(suffix) + 2:
            return key[: -len(suffix)]
    return key


def same_fact(name: str, actual: object, expected: str) -> bool:
    """Whether a recorded value is the fact the caller stated."""
    if actual is None or actual == "":
        return False
    if name == "message":
        return True
    value = str(getattr(actual, "value", actual))
    if name == "phone":
        return _digits(value) == _digits(expected)
    if name == "last_name_spelled":
        return re.sub(r"[^A-Z]", "", value.upper()) == re.sub(r"[^A-Z]", "", expected.upper())
    if name == "carrier":
        got, want = _carrier_key(value), _carrier_key(expected)
        return len(got) >= 3 and (got.startswith(want) or want.startswith(got))
    if name == "business_name":
        return _words(value).removeprefix("the ") == _words(expected).removeprefix("the ")
    return _words(value) == _words(expected)


def _digits(phone: str) -> str:
    """The digits of a number, without a leading US country code."""
    digits = re.sub(r"\D", "", phone)
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits


def label_of(events: Iterable[tuple[str, Mapping[str, str]]]) -> tuple[str, Mapping[str, str]]:
    """The label a turn's accepted events amount to, with the arguments of that event."""
    details: Mapping[str, str] | None = None
    for name, arguments in events:
        if name == "provide_details":
            details = details if details is not None else arguments
            continue
        return (arguments.get("intent", name) if name == "request" else name), arguments
    return ("provide_details", details) if details is not None else ("none", {})


def _replay(loop: ChartLoop, said: str, events: Iterable[tuple[str, Mapping[str, str]]]) -> None:
    loop.history.append(CallerSaid(said))
    for name, arguments in events:
        loop.history.append(ToolCalled(name, dict(arguments)))
        where = loop.call.where()
        loop.call.fire(name, **arguments)
        loop.history.append(ToolReturned(name, ""))
        loop.history.extend(
            AgentSaid(effect.text) for effect in loop.call.take_effects() if isinstance(effect, Say)
        )
        if loop.call.where().split(".")[0] != where.split(".")[0]:
            loop.history.append(Handoff())
    question = None if loop.call.is_terminated else loop.call.pending_question()
    if question is not None:
        asked = question_text(question)
        last = loop.history[-1]
        if not (isinstance(last, AgentSaid) and asked in last.text):
            loop.history.append(AgentSaid(asked))


def situate(entry: Entry) -> ChartLoop:
    """A call in the entry's situation, the caller about to speak; CorpusError if it can't be."""
    loop = ChartLoop(at=CLOCK[entry.at])
    where = f"{entry.part}.yaml:{entry.line}"
    for earlier in entry.before:
        try:
            _replay(loop, earlier.said, earlier.events)
        except Refusal as refusal:
            msg = f"{where}: earlier turn {earlier.said!r} refused: {refusal}"
            raise CorpusError(msg) from None
    question = None if loop.call.is_terminated else loop.call.pending_question()
    if entry.asks is not None and (question is None or question.value != entry.asks):
        raise CorpusError(f"{where}: asks {entry.asks!r} but the chart asks {question}")
    legal = loop.call.allowed_event_names()
    for label in (entry.intent, *entry.also):
        event = "request" if label in INTENT_LABELS else label
        if event != "none" and event not in legal:
            raise CorpusError(f"{where}: {label} is not possible in {loop.call.where()}")
    return loop


Events = tuple[tuple[str, Mapping[str, str]], ...]
"""Accepted events with their arguments, in order."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one entry: the label taken, the facts recalled, the extras recorded."""

    entry: Entry
    label: str
    arguments: Mapping[str, str]
    events: Events
    recalled: Mapping[str, bool]
    spurious: tuple[str, ...]
    reply: str

    @property
    def understood(self) -> bool:
        """The label is right."""
        return self.entry.accepts(self.label)

    @property
    def arguments_right(self) -> bool:
        """The label is right and so are its key arguments."""
        if not self.understood:
            return False
        return all(
            _words(str(self.arguments.get(name, ""))) in {_words(value) for value in values}
            for name, values in self.entry.args.items()
        )


def recalled_facts(entry: Entry, loop: ChartLoop, events: Events) -> dict[str, bool]:
    """Per stated fact (not `~`), whether the call holds it after the utterance."""
    record = loop.call.record
    recalled = {}
    for name, expected in entry.facts.items():
        if expected is None:
            continue
        if name == "carrier":
            given = [record.carrier]
            given += [args.get("carrier") for event, args in events if event in _CARRIER_EVENTS]
            recalled[name] = any(same_fact(name, value, expected) for value in given)
        else:
            actual = getattr(record, _RECORD_FIELD.get(name, name))
            recalled[name] = same_fact(name, actual, expected)
    return recalled


def spurious_facts(entry: Entry, events: Events) -> tuple[str, ...]:
    """Details the accepted events recorded that the entry does not state, as `name=value`."""
    extras = []
    for event, arguments in events:
        if event == "provide_details":
            given = parse_arguments(event, arguments)
        elif event in _CARRIER_EVENTS and arguments.get("carrier"):
            given = {"carrier": arguments["carrier"]}
        else:
            continue
        for name, value in given.items():
            if name == "message" or name not in FACTS:
                continue
            expected = entry.facts.get(name, "")
            if expected is not None and not (expected and same_fact(name, value, expected)):
                extras.append(f"{name}={value}")
    return tuple(extras)


def understand(entry: Entry, loop: ChartLoop | None = None) -> Outcome:
    """Say the entry's utterance in its situation and see what the chart took from it.

    `loop` is the entry's situation when the caller already made it (`situate`). Only
    the events a caller turn can fire count: an event the shell adds after the turn
    (for silence, or a turn the chart did not understand) is not the brain's label.
    """
    loop = situate(entry) if loop is None else loop
    start = len(loop.fired)
    reply = loop.say(entry.say)
    events = tuple(
        (name, dict(arguments)) for name, arguments in loop.fired[start:] if name in LLM_EVENTS
    )
    label, arguments = label_of(events)
    return Outcome(
        entry=entry,
        label=label,
        arguments=arguments,
        events=events,
        recalled=recalled_facts(entry, loop, events),
        spurious=spurious_facts(entry, events),
        reply=reply,
    )


@dataclass
class Score:
    """Figures over a set of outcomes."""

    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def intent_accuracy(self) -> float:
        """Share of utterances whose single label was right."""
        return _share(sum(o.understood for o in self.outcomes), len(self.outcomes))

    @property
    def argument_accuracy(self) -> float:
        """Share of utterances with key arguments whose label and arguments were right."""
        with_args = [o for o in self.outcomes if o.entry.args]
        return _share(sum(o.arguments_right for o in with_args), len(with_args))

    def fact_counts(self) -> dict[str, tuple[int, int]]:
        """Per fact: (recalled, stated)."""
        counts: dict[str, list[int]] = {name: [0, 0] for name in FACTS}
        for outcome in self.outcomes:
            for name, ok in outcome.recalled.items():
                counts[name][0] += ok
                counts[name][1] += 1
        return {name: (got, total) for name, (got, total) in counts.items() if total}

    @property
    def fact_recall(self) -> float:
        """Share of stated facts that were recorded."""
        counts = self.fact_counts().values()
        return _share(sum(got for got, _ in counts), sum(total for _, total in counts))

    @property
    def spurious_facts(self) -> int:
        """Details recorded that the caller never stated."""
        return sum(len(o.spurious) for o in self.outcomes)

    def by_label(self) -> dict[str, tuple[int, int]]:
        """Per true label: (understood, utterances)."""
        counts: dict[str, list[int]] = {}
        for outcome in self.outcomes:
            row = counts.setdefault(outcome.entry.intent, [0, 0])
            row[0] += outcome.understood
            row[1] += 1
        return {label: (got, total) for label, (got, total) in sorted(counts.items())}

    def confusion(self) -> dict[str, Counter[str]]:
        """Per true label, what the utterances were taken as."""
        table: dict[str, Counter[str]] = {}
        for outcome in self.outcomes:
            taken = outcome.entry.intent if outcome.understood else outcome.label
            table.setdefault(outcome.entry.intent, Counter())[taken] += 1
        return dict(sorted(table.items()))

    def failures(self) -> list[Outcome]:
        """Outcomes with a wrong label, a missed fact or a spurious one."""
        return [
            o
            for o in self.outcomes
            if not o.understood or not all(o.recalled.values()) or o.spurious
        ]


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def score(entries: Iterable[Entry]) -> Score:
    """Run every entry and collect the figures."""
    return Score([understand(entry) for entry in entries])
