"""Silence on the line: a check-in, then the end of the call; never while on hold."""

from __future__ import annotations

import asyncio
from datetime import datetime

import pytest

from statecharts import default_agency
from voiceagent.brain import OfflineBrain
from voiceagent.session.call import new_call
from voiceagent.session.silence import SilenceWatch
from voiceagent.store.sqlite import SqliteCallStore
from voiceagent.telephony.console import ConsoleTelephony

pytestmark = pytest.mark.unit

TICK = 0.05


class Line:
    """A fake line: counts the silence events the watch fires."""

    def __init__(self) -> None:
        self.fired = 0
        self.on_hold = False
        self.ended = False

    async def fire(self) -> None:
        self.fired += 1

    def watch(self) -> SilenceWatch:
        return SilenceWatch(
            self.fire, timeout=TICK, on_hold=lambda: self.on_hold, ended=lambda: self.ended
        )


async def test_silence_checks_in_then_fires_again() -> None:
    """A silent caller gets a check-in, and the silence going on fires a second event."""
    line = Line()
    watch = line.watch()
    watch.caller_away()
    await asyncio.sleep(TICK * 4)
    assert line.fired == 2
    await watch.close()


async def test_speaking_after_the_check_in_cancels_the_follow_up() -> None:
    """A caller who speaks after the check-in is not cut off."""
    line = Line()
    watch = line.watch()
    watch.caller_away()
    await asyncio.sleep(TICK / 5)
    watch.caller_spoke()
    await asyncio.sleep(TICK * 4)
    assert line.fired == 1
    await watch.close()


@pytest.mark.parametrize("holding", [True, False])
async def test_no_check_in_while_on_hold(holding: bool) -> None:
    """Silence while holding for a transfer or voicemail fires nothing; otherwise it does."""
    line = Line()
    line.on_hold = holding
    watch = line.watch()
    watch.caller_away()
    await asyncio.sleep(TICK * 4)
    assert line.fired == (0 if holding else 2)
    await watch.close()


async def test_an_ended_call_is_left_alone() -> None:
    """Once the call has ended, silence fires nothing."""
    line = Line()
    line.ended = True
    watch = line.watch()
    watch.caller_away()
    await asyncio.sleep(TICK * 2)
    assert line.fired == 0


async def test_a_silent_caller_is_checked_on_then_the_call_ends() -> None:
    """Through a real session: 'are you still there?', then goodbye and the end of the call."""
    store = SqliteCallStore(":memory:")
    run = new_call(
        config=default_agency(),
        at=datetime(2026, 11, 24, 10, 0),
        brain=OfflineBrain(),
        telephony=ConsoleTelephony(),
        store=store,
        user_away_timeout=0.2,
    )
    await run.start()
    for _ in range(40):
        if run.ended:
            break
        await asyncio.sleep(0.1)
    await run.close()
    await store.close()
    said = [line.text for line in run.transcript if line.speaker == "agent"]
    assert any(text.startswith("Just checking in.") for text in said)
    assert "got disconnected" in said[-1]
    assert run.chart.outcome is not None
    assert run.chart.outcome.kind.value == "hung_up"
