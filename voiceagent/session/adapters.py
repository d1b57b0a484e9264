"""Speech adapters: one thin LiveKit `Agent` per top-level chart state.

An adapter talks to the caller and nothing else. Its instructions are a few
sentences of per-state data plus the chart's facts; its tools are exactly the
chart events legal right now (the orchestrator keeps both current as the chart
moves inside the state). It never decides where the call goes: entering an
adapter only tells the orchestrator it is live.

Names are written as names in everything a person reads; only the text on its way
to speech synthesis is respelled as the agency file says it is pronounced
(`StateAdapter.tts_node`), so the transcript says "Harry Levine" while the voice
says "Leveen".
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator
from typing import TYPE_CHECKING, Any, ClassVar

from livekit import rtc
from livekit.agents import Agent, ModelSettings, llm

from statecharts import AgencyConfig, Reception, pronounce
from voiceagent.session.prompts import facts_block, instructions_for
from voiceagent.session.tools import tools_for

if TYPE_CHECKING:
    from voiceagent.session.orchestrator import Orchestrator

__all__ = [
    "ADAPTERS",
    "AfterHoursAdapter",
    "ClaimsAdapter",
    "GreetingAdapter",
    "MortgageeAdapter",
    "StateAdapter",
    "TransferAdapter",
    "TriageAdapter",
    "adapter_for",
    "chart_facts",
    "pronounced",
    "refresh",
]


async def pronounced(text: AsyncIterable[str], config: AgencyConfig) -> AsyncIterator[str]:
    """A stream of text for the voice, with the agency's names respelled as said.

    Text arrives in pieces (an LLM streams tokens), so a name may be split across
    two; each piece is held back to its last whitespace and only whole words are
    respelled and passed on.
    """
    pending = ""
    async for piece in text:
        pending += piece
        cut = max(pending.rfind(" "), pending.rfind("\n")) + 1
        if cut:
            yield pronounce(pending[:cut], config)
            pending = pending[cut:]
    if pending:
        yield pronounce(pending, config)


class StateAdapter(Agent):
    """The speech adapter for one top-level chart state."""

    state: ClassVar[str]

    def __init__(
        self,
        orchestrator: Orchestrator,
        *,
        instructions: str,
        tools: list[llm.Tool | llm.Toolset],
        chat_ctx: llm.ChatContext | None = None,
    ) -> None:
        super().__init__(instructions=instructions, tools=tools, chat_ctx=chat_ctx)
        self._orchestrator = orchestrator

    async def on_enter(self) -> None:
        """Tell the orchestrator this adapter is live (it decides whether to speak)."""
        await self._orchestrator.adapter_entered(self)

    def tts_node(
        self, text: AsyncIterable[str], model_settings: ModelSettings
    ) -> AsyncIterable[rtc.AudioFrame] | Any:
        """LiveKit's TTS text hook: synthesise the text with names said as pronounced."""
        spoken = pronounced(text, self._orchestrator.chart.config)
        return Agent.default.tts_node(self, spoken, model_settings)


class GreetingAdapter(StateAdapter):
    """Greeting: the orchestrator speaks the greeting for the office status."""

    state = "greeting"


class TriageAdapter(StateAdapter):
    """Triage: what the caller needs, and the standard intake."""

    state = "triage"


class ClaimsAdapter(StateAdapter):
    """Claims: the carrier's 24/7 line, or a callback."""

    state = "claims"


class MortgageeAdapter(StateAdapter):
    """Certificates, mortgagee and lienholder requests, bank callers."""

    state = "mortgagee"


class AfterHoursAdapter(StateAdapter):
    """No live transfer possible: voicemail or a message for a callback."""

    state = "after_hours"


class TransferAdapter(StateAdapter):
    """The caller is being transferred: silent."""

    state = "transfer"


ADAPTERS: dict[str, type[StateAdapter]] = {
    adapter.state: adapter
    for adapter in (
        GreetingAdapter,
        TriageAdapter,
        ClaimsAdapter,
        MortgageeAdapter,
        AfterHoursAdapter,
        TransferAdapter,
    )
}
"""The adapter class for each top-level state that talks to the caller."""


def chart_facts(chart: Reception, *, asked_already: bool = False) -> str:
    """The chart's facts as the model reads them (the question left out once asked)."""
    return facts_block(
        chart.where(),
        chart.pending_question(),
        chart.record,
        asked_already=asked_already,
        ask=chart.ask_text(),
    )


def _instructions(chart: Reception, state: str, *, asked_already: bool) -> str:
    facts = chart_facts(chart, asked_already=asked_already)
    return instructions_for(chart.config, state, facts)


def adapter_for(
    orchestrator: Orchestrator,
    state: str,
    *,
    asked_already: bool,
    chat_ctx: llm.ChatContext | None,
) -> StateAdapter:
    """A new adapter for a top-level state, with the chart's instructions and legal events."""
    chart = orchestrator.chart
    return ADAPTERS[state](
        orchestrator,
        instructions=_instructions(chart, state, asked_already=asked_already),
        tools=list(tools_for(chart.allowed_event_names())),
        chat_ctx=chat_ctx,
    )


async def refresh(agent: Any, chart: Reception, *, asked_already: bool) -> None:
    """Bring a live adapter's instructions and tools up to the chart's current state."""
    if isinstance(agent, StateAdapter):
        instructions = _instructions(chart, agent.state, asked_already=asked_already)
        if instructions != agent.instructions:
            await agent.update_instructions(instructions)
        tools = list(tools_for(chart.allowed_event_names()))
        if [tool.id for tool in tools] != [tool.id for tool in agent.tools]:
            # LiveKit rebuilds every tool's schema on an update: only when they change.
            await agent.update_tools(tools)
