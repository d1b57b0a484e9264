"""A whole call leaves its record: what was said, interleaved with the chart's events, in order."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from statecharts import default_agency
from voiceagent.brain import OfflineBrain
from voiceagent.session.call import new_call
from voiceagent.store.port import Utterance
from voiceagent.store.sqlite import SqliteCallStore
from voiceagent.telephony.console import ConsoleTelephony

pytestmark = pytest.mark.session


async def test_a_call_stores_its_transcript_between_its_events() -> None:
    """Caller and agent lines, a silence and the hang-up come back in the order they happened."""
    store = SqliteCallStore(":memory:")
    run = new_call(
        config=default_agency(),
        at=datetime(2026, 11, 24, 19, 30),
        brain=OfflineBrain(),
        telephony=ConsoleTelephony(),
        store=store,
        user_away_timeout=None,
    )
    try:
        await run.start()
        await run.say("What are your hours?")
        await run.shell_event("caller_away_timeout")
        await run.close()
        call_id = run.orchestrator.call_id
        timeline = await store.call_timeline(call_id)
        record = await store.get_call(call_id)
        transcript = await store.call_transcript(call_id)
    finally:
        await store.close()

    assert record is not None
    # The chart's "now": 19:30 on the office's wall clock (Eastern), kept as an instant.
    assert record.office_time == datetime(2026, 11, 25, 0, 30, tzinfo=UTC)
    assert [(line.speaker, line.text) for line in transcript] == [
        (line.speaker, line.text) for line in run.transcript
    ]
    steps = [
        f"{s.speaker}: {s.text[:24]}" if isinstance(s, Utterance) else s.name for s in timeline
    ]
    # A caller's line is stored as it is heard, before the events it leads to; the
    # receptionist's once it has been said, after the event that chose it.
    assert steps == [
        "greeted",
        "agent: Thank you for calling Ha",
        "caller: What are your hours?",
        "ask_hours",
        "agent: We're open Monday throug",
        "caller_away_timeout",
        "agent: Just checking in. Is it ",
        "hangup",
    ]
