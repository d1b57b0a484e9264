"""Per-turn latency and usage figures, and the maximum-length timer."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from livekit.agents import llm
from livekit.agents.voice.events import ConversationItemAddedEvent

from voiceagent.store.sqlite import SqliteCallStore
from voiceagent.worker.limits import CallTimer
from voiceagent.worker.metrics import CallFigures, turn_figures

pytestmark = pytest.mark.unit

AT = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)


def test_a_turn_joins_the_callers_and_the_replys_timings() -> None:
    """End of utterance and transcription from the caller; first token and byte from the reply."""
    caller = {"end_of_turn_delay": 0.41, "transcription_delay": 0.12, "started_speaking_at": 5.0}
    reply = {"llm_node_ttft": 0.3, "tts_node_ttfb": 0.2, "llm_metadata": {"model": "x"}}
    assert turn_figures(caller, reply) == {
        "end_of_utterance_delay": 0.41,
        "transcription_delay": 0.12,
        "llm_first_token": 0.3,
        "tts_first_byte": 0.2,
    }
    assert turn_figures(None, {"llm_node_ttft": 0.001}) == {"llm_first_token": 0.001}


def _added(role: str, metrics: dict[str, float]) -> ConversationItemAddedEvent:
    message = llm.ChatMessage(role=role, content=["text"])  # type: ignore[arg-type]
    message.metrics = metrics  # type: ignore[typeddict-item]
    return ConversationItemAddedEvent(item=message)


async def test_turns_are_saved_with_the_call() -> None:
    """Each reply with timings becomes one "turn" figure in the store; text never does."""
    store = SqliteCallStore(":memory:")
    figures = CallFigures(store, "call-1", lambda: AT)
    figures._on_item(_added("user", {"end_of_turn_delay": 0.5}))
    figures._on_item(_added("assistant", {"llm_node_ttft": 0.25}))
    figures._on_item(_added("assistant", {}))  # no timings: nothing saved
    await figures.flush()
    (saved,) = await store.call_metrics("call-1")
    assert saved.kind == "turn"
    assert saved.figures == {"turn": 1, "end_of_utterance_delay": 0.5, "llm_first_token": 0.25}
    await store.close()


async def test_the_timer_fires_once_after_the_limit() -> None:
    """The maximum-length timer fires its event once the call has lasted long enough."""
    fired: list[str] = []

    async def fire() -> None:
        fired.append("call_time_limit")

    timer = CallTimer(0.05, fire, ended=lambda: False)
    timer.start()
    await asyncio.sleep(0.2)
    await timer.stop()
    assert fired == ["call_time_limit"]
    assert timer.fired


async def test_the_timer_is_silent_for_a_call_that_ended_or_stopped() -> None:
    """An ended call, or a timer stopped in time, fires nothing."""
    fired: list[str] = []

    async def fire() -> None:
        fired.append("x")

    ended = CallTimer(0.01, fire, ended=lambda: True)
    ended.start()
    stopped = CallTimer(10, fire, ended=lambda: False)
    stopped.start()
    await asyncio.sleep(0.05)
    await stopped.stop()
    await ended.stop()
    assert fired == []
