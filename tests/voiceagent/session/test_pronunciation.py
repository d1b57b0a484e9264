"""Names are respelled only on their way to speech synthesis, never in the transcript."""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator
from typing import Any

import pytest
from livekit.agents import Agent

from statecharts import default_agency
from tests.voiceagent.session.session_driver import call_at
from voiceagent.session.adapters import StateAdapter, pronounced

pytestmark = pytest.mark.session

AGENCY = default_agency()


async def _pieces(*pieces: str) -> AsyncIterator[str]:
    for piece in pieces:
        yield piece


async def _collect(text: AsyncIterable[str]) -> list[str]:
    return [piece async for piece in text]


async def test_a_name_split_across_pieces_is_respelled() -> None:
    """An LLM's tokens may split "Levine"; the stream still says "Leveen"."""
    pieces = await _collect(
        pronounced(_pieces("Harry Lev", "ine Insur", "ance, ask for Lou", "is"), AGENCY)
    )
    assert "".join(pieces) == "Harry Leveen Insurance, ask for Lewis"


async def test_whole_words_pass_on_before_the_stream_ends() -> None:
    """Text up to the last space is passed on at once, so speech is not delayed to the end."""
    stream = pronounced(_pieces("Thanks for calling ", "Harry"), AGENCY)
    assert await anext(stream) == "Thanks for calling "
    assert await anext(stream) == "Harry"


async def test_the_adapter_voice_hook_speaks_pronounced_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`tts_node` hands LiveKit's TTS the text with the names respelled."""
    heard: list[str] = []

    async def default_tts_node(agent: Agent, text: AsyncIterable[str], settings: Any) -> Any:
        heard.extend(await _collect(text))

    monkeypatch.setattr(Agent.default, "tts_node", default_tts_node)
    async with call_at() as call:
        adapter = call.run.session.current_agent
        assert isinstance(adapter, StateAdapter)
        await adapter.tts_node(_pieces("Thanks for calling Harry Levine Insurance."), None)
        assert "".join(heard) == "Thanks for calling Harry Leveen Insurance."
