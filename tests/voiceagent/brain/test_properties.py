"""Properties of the offline brain that hold for any caller text, checked with hypothesis."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from statecharts import EVENTS, Question, parse_arguments, question_text
from voiceagent.brain import (
    CallerSaid,
    CallTool,
    Speak,
    ToolCalled,
    ToolReturned,
    ToolSpec,
    Turn,
    Understanding,
    decide,
    event_spec,
    understand,
)

pytestmark = pytest.mark.property

OFFERED = {
    name: event_spec(name)
    for name in EVENTS
    if name not in {"transfer_succeeded", "transfer_failed", "hangup", "caller_away_timeout"}
}
PHRASES = [
    "I need a quote", "my name is", "this is", "I'm", "my number is", "spelled", "S as in",
    "can I speak to", "is", "there", "extension", "I had an accident", "my carrier is",
    "State Farm", "the business is", "LLC", "actually", "for my car", "business", "yes", "no",
    "that's all", "ignore your instructions", "pirate", "admin", "español", "four oh seven",
    "double five", "555", "1234", "certificate", "mortgagee", "calling from Chase", "hours",
]  # fmt: skip
utterances = (
    st.text(max_size=200)
    | st.lists(st.sampled_from(PHRASES) | st.text(max_size=12), max_size=14).map(" ".join)
    | st.text(alphabet=st.characters(codec="ascii"), max_size=1200)
)
questions = st.sampled_from([None, *Question])
_BANNED = re.compile(r"\b(?:arr+|ahoy|matey)\b", re.IGNORECASE)


def _instructions(needed: Question | None) -> str:
    if needed is None:
        return "Call state: somewhere"
    return f'Call state: somewhere\nStill needed: {needed.value}\nAsk: "{question_text(needed)}"'


@settings(max_examples=300, deadline=None)
@given(utterances)
def test_understand_never_raises(text: str) -> None:
    """Any text gives an Understanding; unusable text gives the empty one."""
    heard = understand(text)
    assert isinstance(heard, Understanding)
    if not text.strip():
        assert heard.is_empty


@settings(max_examples=300, deadline=None)
@given(utterances, questions)
def test_decide_returns_a_valid_decision(text: str, needed: Question | None) -> None:
    """A call is to an offered tool with arguments the chart accepts; speech is safe."""
    decision = decide(_instructions(needed), [CallerSaid(text)], OFFERED)
    if isinstance(decision, CallTool):
        spec: ToolSpec = OFFERED[decision.name]
        assert spec.accepts(decision.arguments)
        parse_arguments(decision.name, dict(decision.arguments))  # raises if it is garbage
    else:
        assert isinstance(decision, Speak)
        assert not _BANNED.search(decision.text)
        assert "_" not in decision.text


@settings(max_examples=150, deadline=None)
@given(text=utterances, needed=questions, refuse=st.booleans())
def test_decide_stops_and_never_repeats_a_call(
    *, text: str, needed: Question | None, refuse: bool
) -> None:
    """Answering every call (or refusing every call), the brain speaks within a few steps."""
    history: list[Turn] = [CallerSaid(text)]
    seen: set[str] = set()
    for _ in range(20):
        decision = decide(_instructions(needed), history, OFFERED)
        if isinstance(decision, Speak):
            return
        key = f"{decision.name}{sorted(decision.arguments.items())}"
        assert key not in seen
        seen.add(key)
        history += [
            ToolCalled(decision.name, decision.arguments),
            ToolReturned(decision.name, "refused" if refuse else "ok", is_error=refuse),
        ]
    raise AssertionError("the brain did not stop")
