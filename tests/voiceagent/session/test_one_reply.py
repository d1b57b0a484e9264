"""One reply per caller turn: a handoff's adapter never asks again what the line before it asked.

Issue 12's examples, through the real session: a new adapter was built from a copy of
the old one's history taken before the step's lines were spoken, so its own reply
asked the carrier question again, or said "Sorry, I didn't catch that" about words the
chart had already used.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from livekit.agents import llm

from statecharts import Question, question_text
from tests.voiceagent.session.session_driver import Call, call_at

pytestmark = pytest.mark.session


def reply_to(call: Call) -> str:
    """Everything the receptionist said since the caller's last words (a handoff's reply too)."""
    lines = call.run.transcript
    last_caller = max(i for i, line in enumerate(lines) if line.speaker == "caller")
    return " ".join(line.text for line in lines[last_caller + 1 :])


CLOSED = datetime(2026, 11, 24, 19, 30)
"""Tuesday 19:30 Eastern: after hours."""
OPEN = datetime(2026, 11, 24, 10, 0)


async def test_a_claim_after_hours_asks_for_the_carrier_once() -> None:
    """The claims line asks who the carrier is; the claims adapter does not ask it again."""
    async with call_at(CLOSED) as call:
        await call.turn("Someone broke into my house")
        reply = reply_to(call)
    assert reply.count("Do you know who your insurance carrier is?") == 1
    assert reply.endswith("Do you know who your insurance carrier is?")


async def test_after_the_login_question_nothing_is_said_until_the_caller_answers() -> None:
    """A new certificate's answer ends with its own question: no reply follows it."""
    async with call_at(OPEN) as call:
        await call.turn("I need a certificate of insurance")
        await call.turn("It's a new request")
        reply = reply_to(call)
    assert reply.endswith("Do you know your login, or do you need it resent?")
    assert "catch" not in reply


async def test_words_the_chart_used_are_never_called_unheard_after_a_handoff() -> None:
    """After hours, the reason for a person becomes a message: the next question, no apology."""
    async with call_at(CLOSED) as call:
        await call.turn("Is Kelly there?")
        await call.turn("about a billing question")
        reply = reply_to(call)
    assert "catch" not in reply
    assert reply.endswith(question_text(Question.CONTACT))


async def test_a_new_adapter_hears_the_lines_said_just_before_it() -> None:
    """The claims adapter's history holds the empathy and carrier lines the caller heard."""
    async with call_at(CLOSED) as call:
        await call.turn("I need to report a claim")
        agent = call.run.session.current_agent
        lines = [
            item.text_content or ""
            for item in agent.chat_ctx.items
            if isinstance(item, llm.ChatMessage) and item.role == "assistant"
        ]
    assert agent.__class__.__name__ == "ClaimsAdapter"
    assert any("hope everyone is okay" in line for line in lines)
    assert any(line.endswith("Do you know who your insurance carrier is?") for line in lines)
