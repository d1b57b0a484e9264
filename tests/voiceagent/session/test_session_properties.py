"""Generated callers through the real session, judged by the reference model.

Hypothesis builds callers from small phrase grammars: an intake intent said one
of several ways, the line of business, a name on an alpha boundary, a spelled
last name (sometimes misheard on its first letter), a phone number in digits or
words, a business name with or without a prefix ("The", "Law Offices of",
"Theater"), and optionally an hours question in the middle of the intake, a
correction from personal to business, and one silence. Each caller runs through
the real `AgentSession` with the offline brain, at an instant in any office
status (open, lunch, closed, weekend, holiday, a minute either side of opening,
lunch and closing), and the call must:

(a) never fire an event the chart forbids (no "is not possible" refusal);
(b) end where agency.md says (`tests.reference`, never the chart itself): a
    transfer to whom, or a message (a callback at lunch) for whom, holding the
    facts the caller gave;
(c) never ask again for a field the caller's record already holds;
(d) never say an acknowledgement or transfer line twice;
(e) read as a good call to the transcript check (issue 12 section 5): no finding
    of any kind.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from livekit.agents import ToolError, llm

from statecharts import (
    ONCE_PER_CALL,
    QUESTION_FIELDS,
    AgencyConfig,
    InsuranceLine,
    Intent,
    Message,
    MessageKind,
    OutcomeKind,
    RecordMessage,
    Say,
    question_text,
)
from tests.reference.calendar import Status, status
from tests.reference.outcomes import Agency, Ending, Need, ending
from tests.reference.outcomes import Caller as ReferenceCaller
from tests.reference.strategies import BOUNDARY_LAST_NAMES
from tests.statecharts.scenario_calls import AGENCIES, addressee_of
from voiceagent.brain import OfflineBrain
from voiceagent.scripted.simulate import call_report
from voiceagent.scripted.transcript_check import SETTLED, check_report
from voiceagent.session.call import CallRun, new_call
from voiceagent.store.sqlite import SqliteCallStore
from voiceagent.telephony.console import ConsoleTelephony

pytestmark = pytest.mark.property

OPEN = datetime(2026, 11, 24, 10, 0)
"""Tuesday 10:00 Eastern: open, so a complete intake is a live transfer."""
INSTANTS = (
    OPEN,
    datetime(2026, 11, 23, 9, 0),  # Monday, the opening minute
    datetime(2026, 11, 27, 16, 59),  # the Friday after Thanksgiving, a minute before closing
    datetime(2026, 11, 24, 12, 0),  # lunch starts
    datetime(2026, 11, 24, 12, 59),  # lunch, its last minute
    datetime(2026, 11, 24, 13, 0),  # open again
    datetime(2026, 11, 24, 8, 59),  # a minute before opening
    datetime(2026, 11, 24, 17, 0),  # closing time: closed
    datetime(2026, 11, 24, 19, 30),  # evening
    datetime(2026, 11, 28, 11, 0),  # Saturday
    datetime(2026, 11, 26, 10, 0),  # Thanksgiving
    datetime(2026, 7, 3, 10, 0),  # Independence Day observed (the 4th is a Saturday)
    datetime(2026, 3, 9, 9, 30),  # the Monday after spring forward
)
"""An instant in every office status, and a minute either side of each boundary."""


def agency() -> AgencyConfig:
    """The default agency, looked up per call so a planted bug reaches the session too."""
    return AGENCIES[Agency()]


# --- the phrase grammars ------------------------------------------------------------------------

INTENT_PHRASES: dict[Intent, tuple[str, ...]] = {
    Intent.NEW_QUOTE: (
        "I need a quote",
        "I'm looking for insurance",
        "I want to get a quote",
        "I'm shopping for insurance",
        "I'd like to start a policy",
    ),
    Intent.MAKE_PAYMENT: (
        "I need to make a payment",
        "I want to pay my bill",
        "I need a copy of my declarations page",
        "I need my insurance cards",
    ),
    Intent.MAKE_CHANGE: (
        "I need to make a change to my policy",
        "I need to add a driver",
        "I want to update my address",
    ),
    Intent.CANCELLATION: (
        "I want to cancel my policy",
        "I'm calling to cancel",
        "I found cheaper insurance elsewhere",
    ),
    Intent.COVERAGE_RATE_QUESTIONS: (
        "I have a coverage question",
        "why did my premium go up",
        "I have a question about my coverage",
    ),
    Intent.POLICY_REVIEW_RENEWAL: (
        "I'd like a policy review",
        "my policy is coming up for renewal",
        "I'd like an annual review",
    ),
    Intent.SOMETHING_ELSE: (
        "I have a question about my account",
        "I need help with something",
    ),
}
"""Several phrasings of each intake intent (agency.md section 3), none naming a line."""
TYPE_PHRASES = {
    InsuranceLine.PERSONAL: ("it's for my car", "it's for my home"),
    InsuranceLine.BUSINESS: ("it's for my company",),
}
CORRECTION = "actually it's for my business"
FIRST_NAMES = ("Maria", "John", "Ann", "Tom", "Sam", "Dana")
LAST_NAMES = BOUNDARY_LAST_NAMES
"""A last name on each side of every alpha boundary (A/B, G/H, L/M, M/N, Z)."""
NAME_FORMS = ("my name is {first} {last}", "this is {first} {last}", "{first} {last}")
INTRO = "Hi, this is {first} {last}."
"""The name said before the need, in the caller's first words."""
BUSINESSES = (
    "Acme Plumbing",
    "Zephyr Industries",
    "The Great Plumbing Company",
    "Law Offices of Wilson",
    "Theater Company of Orlando",
    "Bright Bakery",
    "Lakeside Dental",
    "Magnolia Builders",
    "The Magnolia Inn",
    "Nash Farms",
    "Law office of Garcia",
    "Thermo King Services",
    "Harbor Marine",
)
BUSINESS_FORMS = ("the business is {}",)
BUSINESS_ANSWER_FORMS = ("the business is {}", "it's called {}", "{}")
"""Ways to name the business when it was just asked for."""
DIGRESSIONS = ("what are your hours?", "where are you located?", "when do you open?")
MESSAGES = ("I'd like to go over my options, please.", "Please reach me tomorrow morning.")
DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
SILENCE = None
"""A turn in which the caller says nothing until the silence check-in."""


def _spaced(letters: str) -> str:
    return " ".join(letters)


def _dashed(letters: str) -> str:
    return "that's " + "-".join(letters)


def _commas(letters: str) -> str:
    return "it's spelled " + ", ".join(letters)


SPELLINGS: tuple[Callable[[str], str], ...] = (_spaced, _dashed, _commas)


def _phone_forms(digits: str, *, oh: bool) -> tuple[str, ...]:
    area, exchange, line = digits[:3], digits[3:6], digits[6:]
    words = " ".join("oh" if d == "0" and oh else DIGIT_WORDS[int(d)] for d in digits)
    return (
        f"{area}-{exchange}-{line}",
        f"{area} {exchange} {line}",
        f"({area}) {exchange}-{line}",
        words,
    )


PHONE_LEADS = ("{}", "my number is {}", "you can reach me at {}")


@dataclass(frozen=True, slots=True)
class Caller:
    """A generated caller: the facts they hold, and the turns in which they say them."""

    at: datetime
    intent: Intent
    line: InsuranceLine
    """The line of business, after any correction."""
    first: str
    last: str
    spelled: bool
    spelling: str
    """The letters spelled (the last name's, or misheard on the first letter)."""
    phone: str
    """Ten digits."""
    business: str | None
    message: str
    turns: tuple[str | None, ...]
    """What the caller says, turn by turn; `SILENCE` is a silent turn."""

    def facts(self) -> dict[str, str]:
        """The facts as `provide_details` takes them, all at once."""
        facts = {
            "insurance_type": self.line.value,
            "first_name": self.first,
            "last_name": self.last,
            "phone": self.phone,
        }
        if self.spelled:
            facts["last_name_spelled"] = self.spelling
        if self.business is not None:
            facts["business_name"] = self.business
        return facts


@st.composite
def callers(draw: st.DrawFn) -> Caller:
    """A caller from the grammars, with the intake's turns in a natural order."""
    at = draw(st.sampled_from(INSTANTS))
    intent = draw(st.sampled_from(list(INTENT_PHRASES)))
    opening = draw(st.sampled_from(INTENT_PHRASES[intent]))
    line = draw(st.sampled_from(list(InsuranceLine)))
    corrected = line is InsuranceLine.BUSINESS and draw(st.booleans())
    said_line = InsuranceLine.PERSONAL if corrected else line
    type_phrase = draw(st.sampled_from(TYPE_PHRASES[said_line]))
    first, last = draw(st.sampled_from(FIRST_NAMES)), draw(st.sampled_from(LAST_NAMES))
    business = draw(st.sampled_from(BUSINESSES)) if line is InsuranceLine.BUSINESS else None
    spelled = line is InsuranceLine.PERSONAL or draw(st.booleans())
    misheard = draw(st.sampled_from("ABGHLMNZ")) if draw(st.booleans()) else last[0].upper()
    spelling = misheard + last[1:].upper()
    digits = (
        draw(st.sampled_from(("407", "321", "689"))) + "555" + f"{draw(st.integers(0, 9999)):04d}"
    )
    phone = draw(st.sampled_from(_phone_forms(digits, oh=draw(st.booleans()))))

    facts: list[str] = []
    if draw(st.booleans()):
        opening = f"{opening}, {type_phrase}"
    else:
        facts.append(type_phrase)
    if corrected:
        facts += [CORRECTION, draw(st.sampled_from(BUSINESS_FORMS)).format(business)]
    if draw(st.booleans()):
        facts.append(draw(st.sampled_from(NAME_FORMS)).format(first=first, last=last))
    else:  # the name in the opening: "Hi, this is Kelly Urban." (agency.md section 3)
        opening = f"{INTRO.format(first=first, last=last)} {opening}"
    if spelled:
        facts.append(draw(st.sampled_from(SPELLINGS))(spelling))
    facts.append(draw(st.sampled_from(PHONE_LEADS)).format(phone))
    if business is not None and not corrected:
        facts.append(draw(st.sampled_from(BUSINESS_ANSWER_FORMS)).format(business))

    turns: list[str | None] = [opening, *facts]
    # Interruptions land after the opening and before the fact that completes the intake.
    if draw(st.booleans()):
        turns.insert(draw(st.integers(1, len(turns) - 1)), draw(st.sampled_from(DIGRESSIONS)))
    if draw(st.booleans()):
        turns.insert(draw(st.integers(1, len(turns) - 1)), SILENCE)
    message = draw(st.sampled_from(MESSAGES))
    if status(at) is not Status.OPEN:
        turns.append(message)
    return Caller(
        at, intent, line, first, last, spelled, spelling, digits, business, message, tuple(turns)
    )


NAME_BEFORE_THE_NEED = Caller(
    at=OPEN,
    intent=Intent.POLICY_REVIEW_RENEWAL,
    line=InsuranceLine.PERSONAL,
    first="Maria",
    last="Urban",
    spelled=True,
    spelling="URBAN",
    phone="4075550000",
    business=None,
    message=MESSAGES[0],
    turns=("Hi, this is Maria Urban. I'd like a policy review", "it's for my car", "U R B A N",
           "407-555-0000"),
)  # fmt: skip
"""Always tried: the name in the opening, then a sentence starting "I'd" (U goes to Louis)."""


# --- running a caller ----------------------------------------------------------------------------


@dataclass
class Observed:
    """What one call did, as seen from outside the session."""

    run: CallRun
    refusals: list[str] = field(default_factory=list)
    """Every refusal a tool met, as "event: reason"."""
    asked: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    """Each line the receptionist said, with the record's filled fields at that moment."""
    lines: list[str] = field(default_factory=list)
    """The id of every scripted line the orchestrator spoke after the greeting."""
    messages: list[Message] = field(default_factory=list)
    """Every message the chart asked the shell to store, in order."""

    def story(self) -> str:
        """The call as a transcript, for failure messages."""
        return "\n".join(f"{line.speaker}: {line.text}" for line in self.run.transcript)


def _watch(run: CallRun, seen: Observed) -> None:
    """Spy on the call: refusals met by tools, lines said, scripted lines taken."""
    orchestrator = run.orchestrator
    fire_from_tool = orchestrator.fire_from_tool
    take_effects = run.chart.take_effects

    async def refusal_spy(event: str, **arguments: object) -> str | None:
        try:
            return await fire_from_tool(event, **arguments)
        except ToolError as error:
            seen.refusals.append(f"{event}: {error}")
            raise

    def effects_spy() -> list[Any]:
        effects = take_effects()
        seen.lines += [effect.line for effect in effects if isinstance(effect, Say)]
        seen.messages += [e.message for e in effects if isinstance(e, RecordMessage)]
        return effects

    def on_item(event: Any) -> None:
        item = event.item
        if isinstance(item, llm.ChatMessage) and item.role == "assistant" and item.text_content:
            seen.asked.append((item.text_content, run.chart.record.collected()))

    orchestrator.fire_from_tool = refusal_spy  # type: ignore[method-assign]
    run.chart.take_effects = effects_spy  # type: ignore[method-assign]
    run.session.on("conversation_item_added", on_item)


async def _call(caller: Caller) -> Observed:
    store = SqliteCallStore(":memory:")
    run = new_call(
        config=agency(),
        at=caller.at,
        brain=OfflineBrain(),
        telephony=ConsoleTelephony(),
        store=store,
        user_away_timeout=None,
    )
    await run.start()
    seen = Observed(run)
    _watch(run, seen)
    try:
        for turn in caller.turns:
            if run.ended:
                break
            if turn is SILENCE:
                await run.shell_event("caller_away_timeout")
            else:
                await run.say(turn)
    finally:
        await run.close()
        await store.close()
    return seen


async def run_caller(caller: Caller) -> Observed:
    """Run the caller's call in a fresh context: LiveKit keeps the live agent in one."""
    return await asyncio.create_task(_call(caller), context=contextvars.Context())


def expected(caller: Caller) -> Ending:
    """How agency.md says this caller's call ends (the reference model, not the chart)."""
    facts = ReferenceCaller(
        line=caller.line,
        first=caller.first,
        last=caller.last,
        spelled=caller.spelling if caller.spelled else None,
        business=caller.business,
    )
    return ending(Need(caller.intent), facts, caller.at)


def observed(seen: Observed) -> Ending:
    """How the session's call ended, in the reference's terms."""
    outcome = seen.run.chart.outcome
    assert outcome is not None, "the call has no outcome"
    if outcome.kind is OutcomeKind.MESSAGE:
        assert seen.messages, "the call ended as a message, but none was stored"
        last = seen.messages[-1]
        kind = last.kind is MessageKind.CALLBACK
        return Ending(outcome.kind, addressee_of(last.for_target), callback=kind)
    return Ending(outcome.kind, addressee_of(outcome.target) if outcome.target else None)


# --- the properties ------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(caller=callers())
@example(caller=NAME_BEFORE_THE_NEED)
async def test_generated_callers_end_as_the_rules_say(caller: Caller) -> None:
    """Any caller from the grammars: legal events, agency.md's ending, no repeats."""
    seen = await run_caller(caller)
    run = seen.run
    story = seen.story()
    assert seen.asked, "the spies saw nothing said: the checks below would be vacuous"

    # (a) the adapters only ever fire events the chart allows where it is
    illegal = [r for r in seen.refusals if "is not possible" in r]
    assert illegal == [], story
    history_errors = [
        item.output
        for item in run.session.history.items
        if isinstance(item, llm.FunctionCallOutput) and item.is_error
    ]
    assert not [e for e in history_errors if "is not possible" in e], story

    # (b) the session ends where agency.md says, holding the facts the caller gave
    want = expected(caller)
    got = observed(seen)
    assert got == want, f"ended {got}, the rules give {want} ({'; '.join(want.notes)})\n{story}"
    record = run.chart.record
    assert (record.call_intent, record.insurance_type) == (caller.intent, caller.line), story
    assert (record.first_name, record.last_name) == (caller.first, caller.last), story
    assert record.phone_number == caller.phone, story
    assert record.business_name == caller.business, story
    if caller.spelled:
        assert record.last_name_spelled == caller.spelling, story

    # (c) no question is asked for a field the record already holds
    for text, filled in seen.asked:
        for question, fields in QUESTION_FIELDS.items():
            if question_text(question) in text:
                known = sorted(set(fields) & filled)
                assert not known, f"asked {question.value} with {known} known: {text!r}\n{story}"

    # (d) no acknowledgement or transfer line is said twice
    once = {line.value for line in ONCE_PER_CALL}
    spoken = [line for line in seen.lines if line in once]
    assert len(spoken) == len(set(spoken)), f"{spoken}\n{story}"
    said = [str(line) for line in run.chart.said if line in ONCE_PER_CALL]
    assert len(said) == len(set(said)), f"{said}\n{story}"

    # (e) nothing a caller would notice at once (every kind of finding)
    findings = [f for f in check_report(call_report(run)) if f.kind in SETTLED]
    assert findings == [], "\n".join(map(str, findings)) + "\n" + story
