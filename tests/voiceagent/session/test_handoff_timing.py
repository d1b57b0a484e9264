"""Handoffs whatever the timing: LiveKit and the orchestrator hand work over in any order.

The stall of issue 13: the greeting's handoff to triage was made while LiveKit was
still finishing `AgentSession.start`, and `update_agent` then only records the agent
without ever starting it; the caller heard the greeting, then silence. A store that
answers at once makes that order certain, where a busy machine made it likely.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import pytest
from livekit.agents.voice import AgentSession

from statecharts import default_agency
from voiceagent.brain import OfflineBrain
from voiceagent.session.call import new_call
from voiceagent.store.sqlite import SqliteCallStore
from voiceagent.telephony.console import ConsoleTelephony

pytestmark = pytest.mark.session

OPEN = datetime(2026, 11, 24, 10, 0)


class InstantStore(SqliteCallStore):
    """A store whose event log answers at once (an in-memory or very fast database)."""

    def __init__(self) -> None:
        super().__init__(":memory:")
        self.events: list[str] = []

    async def record_event(
        self,
        call_id: str,
        at: datetime,
        name: str,
        arguments: Mapping[str, object],
        states: Sequence[str],
    ) -> None:
        """Keep the event in memory: no thread, no wait."""
        self.events.append(name)


async def test_a_greeting_handed_off_before_livekit_finished_starting_reaches_triage() -> None:
    """With an instant store the greeting's handoff beats `start`; triage still takes the call."""
    store = InstantStore()
    run = new_call(
        config=default_agency(),
        at=OPEN,
        brain=OfflineBrain(),
        telephony=ConsoleTelephony(),
        store=store,
        user_away_timeout=None,
    )
    try:
        await run.start()
        assert run.session.current_agent.__class__.__name__ == "TriageAdapter"
        await run.say("I need a quote for my car")
        assert run.chart.where() == "triage.intake"
        said = [line.text for line in run.transcript if line.speaker == "agent"]
        assert said[-1].endswith("?")  # the caller was answered, not left in silence
    finally:
        await run.close()
        await store.close()
    assert store.events[:2] == ["greeted", "request"]


async def test_a_session_start_that_finishes_late_still_hands_off_to_triage(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`start` still busy after the greeting's on_enter (a room connecting): triage takes over."""
    first_activity = AgentSession._update_activity_task  # LiveKit's start and handoff seam

    async def late_start(self: AgentSession[Any], old_task: Any, agent: Any) -> None:
        await first_activity(self, old_task, agent)
        if old_task is None and not self._started:  # the session's first activity
            await asyncio.sleep(0.3)  # whatever `start` still awaits: the room, a busy loop

    monkeypatch.setattr(AgentSession, "_update_activity_task", late_start)
    store = SqliteCallStore(":memory:")
    run = new_call(
        config=default_agency(),
        at=OPEN,
        brain=OfflineBrain(),
        telephony=ConsoleTelephony(),
        store=store,
        user_away_timeout=None,
    )
    try:
        await run.start()
        await run.say("I need a quote for my car")
        assert run.chart.where() == "triage.intake"
        assert run.orchestrator.watchdog.events == 0
    finally:
        await run.close()
        await store.close()
