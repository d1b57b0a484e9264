"""The turn watch: a caller turn that gave the chart nothing is reported, once, at its end."""

from __future__ import annotations

import asyncio

import pytest

from voiceagent.session.turn_watch import TurnWatch

from .session_driver import call_at

pytestmark = pytest.mark.session


class Fakes:
    """The watch's collaborators: an event counter, a listening flag, a record of reports."""

    def __init__(self) -> None:
        self.accepted = 0
        self.listening = True
        self.fired = 0
        self.settled = asyncio.Event()
        self.settled.set()

    async def fire(self) -> None:
        self.fired += 1

    async def settle(self) -> None:
        await self.settled.wait()

    def watch(self) -> TurnWatch:
        return TurnWatch(
            accepted=lambda: self.accepted,
            fire=self.fire,
            listening=lambda: self.listening,
            settle=self.settle,
        )


async def test_a_turn_with_no_accepted_event_is_reported_once() -> None:
    """Nothing accepted: one report at the end of the turn, and none for a second end."""
    fakes = Fakes()
    watch = fakes.watch()
    watch.caller_spoke()
    await watch.turn_ended()
    await watch.turn_ended()
    assert fakes.fired == 1


async def test_a_turn_with_an_accepted_event_is_not_reported() -> None:
    """An event accepted during the turn: the chart already heard something it could use."""
    fakes = Fakes()
    watch = fakes.watch()
    watch.caller_spoke()
    fakes.accepted += 1
    await watch.turn_ended()
    assert fakes.fired == 0


async def test_no_report_when_the_chart_is_not_listening() -> None:
    """On hold for a transfer, or after the end: the caller's words are nobody's turn."""
    fakes = Fakes()
    fakes.listening = False
    watch = fakes.watch()
    watch.caller_spoke()
    await watch.turn_ended()
    assert fakes.fired == 0


async def test_no_turn_no_report() -> None:
    """The agent finishing a line it said on its own is not the end of a caller turn."""
    fakes = Fakes()
    watch = fakes.watch()
    await watch.turn_ended()
    watch.agent_listening()
    await watch.close()
    assert fakes.fired == 0


async def test_live_speech_reports_once_the_reply_has_settled() -> None:
    """Live speech: back to listening ends the turn, but only after the work it started."""
    fakes = Fakes()
    fakes.settled.clear()
    watch = fakes.watch()
    watch.caller_spoke()
    watch.agent_listening()
    await asyncio.sleep(0)
    assert fakes.fired == 0
    fakes.settled.set()
    await watch.close()
    assert fakes.fired == 1


async def test_live_speech_skips_a_turn_the_caller_talked_over() -> None:
    """The caller spoke again before the reply settled: only the newer turn counts."""
    fakes = Fakes()
    fakes.settled.clear()
    watch = fakes.watch()
    watch.caller_spoke()
    watch.agent_listening()
    watch.caller_spoke()
    fakes.accepted += 1  # the newer turn is understood
    fakes.settled.set()
    await watch.close()
    await watch.turn_ended()
    assert fakes.fired == 0


async def test_a_real_call_hears_the_chart_after_an_unusable_turn() -> None:
    """Through the session: gibberish gets the chart's clarifying question, then the intake."""
    async with call_at() as call:
        await call.turn("blorf zibble wop")
        assert call.replied_after.startswith(
            "Sorry, I didn't quite catch that. Is it about a quote"
        )
        assert call.run.chart.event_log[-1][0] == "caller_unclear"
        await call.turn("%%%")
        assert call.run.chart.where() == "triage.intake"
        assert call.replied_after.startswith("Let me get you to someone who can help.")
