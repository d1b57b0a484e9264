"""A fatal error in the LLM seat ends the call safely, with a callback message stored."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

import pytest
from livekit.agents import llm
from livekit.agents.types import DEFAULT_API_CONNECT_OPTIONS, APIConnectOptions

from statecharts import MessageKind, OutcomeKind, default_agency
from voiceagent.session.call import new_call
from voiceagent.store.sqlite import SqliteCallStore
from voiceagent.telephony.console import ConsoleTelephony

pytestmark = pytest.mark.session


class BrokenLLM(llm.LLM):
    """An LLM whose every answer fails with an error the framework cannot recover from."""

    def chat(
        self,
        *,
        chat_ctx: llm.ChatContext,
        tools: list[Any] | None = None,
        conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS,
        **_: Any,
    ) -> llm.LLMStream:
        return _Broken(self, chat_ctx=chat_ctx, tools=tools or [], conn_options=conn_options)


class _Broken(llm.LLMStream):
    async def _run(self) -> None:
        raise RuntimeError("the model is down")


async def test_a_fatal_llm_error_ends_the_call_with_a_message() -> None:
    """The caller hears an apology, a callback message is stored, and the call ends."""
    store = SqliteCallStore(":memory:")
    telephony = ConsoleTelephony()
    run = new_call(
        config=default_agency(),
        at=datetime(2026, 11, 24, 10, 0),
        brain=BrokenLLM(),
        telephony=telephony,
        store=store,
        user_away_timeout=None,
    )
    await run.start()
    try:
        await run.say("I need a quote for my car")  # the model is first asked here
        for _ in range(50):
            if run.ended:
                break
            await asyncio.sleep(0.1)
        assert run.ended
        await run.orchestrator.wait_idle()
        assert run.chart.outcome is not None
        assert run.chart.outcome.kind is OutcomeKind.MESSAGE
        messages = await store.list_messages(run.orchestrator.call_id)
        assert [m.message.kind for m in messages] == [MessageKind.ERROR]
        said = [line.text for line in run.transcript if line.speaker == "agent"]
        assert "something went wrong on my end" in said[-1]
        assert telephony.hung_up
    finally:
        await run.close()
        await store.close()


async def test_a_session_closed_under_the_call_still_stores_the_message_and_ends() -> None:
    """The apology cannot be said any more; the message after it is stored all the same."""
    store = SqliteCallStore(":memory:")
    telephony = ConsoleTelephony()
    run = new_call(
        config=default_agency(),
        at=datetime(2026, 11, 24, 10, 0),
        brain=BrokenLLM(),
        telephony=telephony,
        store=store,
        user_away_timeout=None,
    )
    await run.start()
    try:
        await run.session.aclose()  # LiveKit closed the session; the chart never ended
        await run.orchestrator.fail(RuntimeError("the room went away"))
        await run.orchestrator.wait_idle()
        messages = await store.list_messages(run.orchestrator.call_id)
        record = await store.get_call(run.orchestrator.call_id)
    finally:
        await run.close()
        await store.close()
    assert [m.message.kind for m in messages] == [MessageKind.ERROR]
    assert record is not None
    assert record.finished_at is not None
    assert telephony.hung_up
    assert run.orchestrator.failure == "the room went away"
