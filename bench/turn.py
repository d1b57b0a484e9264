"""One caller turn through the product versus a bare AgentSession, and the brain's speed.

Both sides use the same scripted LLM (one tool call, then a short reply) and one
tool, so the difference is what the product adds per turn: the chart, the
orchestrator, the store and the adapter refresh.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import time
from datetime import datetime
from typing import Any

from livekit.agents import Agent, AgentSession, RunContext, function_tool, llm
from livekit.agents.llm import ChatChunk, ChoiceDelta, FunctionToolCall
from livekit.agents.types import DEFAULT_API_CONNECT_OPTIONS, APIConnectOptions

from statecharts import default_agency
from voiceagent.session.call import new_call
from voiceagent.store.sqlite import SqliteCallStore
from voiceagent.telephony.console import ConsoleTelephony

OPEN = datetime(2026, 11, 24, 10, 0)
TURNS = 200


class _OneToolLLM(llm.LLM):
    """Calls provide_details once per caller turn, then says "Got it."."""

    def chat(
        self,
        *,
        chat_ctx: llm.ChatContext,
        tools: list[Any] | None = None,
        conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS,
        **_: Any,
    ) -> llm.LLMStream:
        return _Stream(self, chat_ctx=chat_ctx, tools=tools or [], conn_options=conn_options)


class _Stream(llm.LLMStream):
    async def _run(self) -> None:
        last = self._chat_ctx.items[-1] if self._chat_ctx.items else None
        if last is not None and last.type == "message" and last.role == "user":
            call = FunctionToolCall(
                name="provide_details",
                arguments=json.dumps({"first_name": "Ann"}),
                call_id=f"call_{time.perf_counter_ns()}",
            )
            delta = ChoiceDelta(role="assistant", tool_calls=[call])
        else:
            delta = ChoiceDelta(role="assistant", content="Got it.")
        self._event_ch.send_nowait(ChatChunk(id="bench", delta=delta))


class _Bare(Agent):
    def __init__(self) -> None:
        super().__init__(instructions="You are a receptionist.")

    @function_tool
    async def provide_details(self, context: RunContext, first_name: str) -> str:
        """Record the caller's first name."""
        del context, first_name
        return "Recorded."


async def _time_turns(session: AgentSession[Any]) -> list[float]:
    samples = []
    for _ in range(TURNS):
        start = time.perf_counter()
        await session.run(user_input="my name is Ann")
        samples.append((time.perf_counter() - start) * 1000)
    return samples


async def bare_turns() -> list[float]:
    """Milliseconds per turn in a bare AgentSession."""
    async with AgentSession(
        llm=_OneToolLLM(), vad=None, turn_handling={"turn_detection": None}
    ) as session:
        await session.start(_Bare())
        return await _time_turns(session)


async def product_turns() -> list[float]:
    """Milliseconds per turn through the chart, orchestrator, store and adapters."""
    store = SqliteCallStore(":memory:")
    run = new_call(
        config=default_agency(),
        at=OPEN,
        brain=_OneToolLLM(),
        telephony=ConsoleTelephony(),
        store=store,
        user_away_timeout=None,
    )
    await run.start()
    samples = await _time_turns(run.session)
    await run.close()
    await store.close()
    return samples


def _p(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def brain_decisions() -> list[float]:
    """Microseconds per offline-brain decision: one caller utterance, all tools offered."""
    from statecharts import EVENTS  # noqa: PLC0415 - only this benchmark needs them
    from voiceagent.brain import CallerSaid, decide, event_spec  # noqa: PLC0415
    from voiceagent.session.tools import LLM_EVENTS  # noqa: PLC0415

    tools = {name: event_spec(name) for name in EVENTS if name in LLM_EVENTS}
    instructions = (
        "You are Aizellee, an automated assistant answering the phone.\n\n"
        'Call state: triage.intake\nStill needed: contact\nAsk: "Can I get your first '
        'name, the spelling of your last name, and a good phone number?"'
    )
    utterances = [
        "I need a quote for my car",
        "My name is Kelly Urban, that's U R B A N, and my number is 407 555 0123",
        "I was in a car accident this morning and my carrier is State Farm",
        "Hi, I'm calling from Wells Fargo on a recorded line to verify coverage",
        "Can I speak to Rachel?",
        "what are your hours",
    ]
    samples = []
    for _ in range(200):
        for text in utterances:
            start = time.perf_counter_ns()
            decide(instructions, [CallerSaid(text)], tools)
            samples.append((time.perf_counter_ns() - start) / 1000)
    return samples


def main() -> None:
    """Print the figures."""
    cpu = time.process_time()
    bare = asyncio.run(bare_turns())
    bare_cpu = (time.process_time() - cpu) / TURNS * 1000
    cpu = time.process_time()
    product = asyncio.run(product_turns())
    product_cpu = (time.process_time() - cpu) / TURNS * 1000
    print(f"one caller turn ({TURNS} turns, scripted LLM, one tool call then a reply):")
    for name, samples, cpu_ms in (
        ("bare AgentSession", bare, bare_cpu),
        ("product", product, product_cpu),
    ):
        median, p95 = statistics.median(samples), _p(samples, 0.95)
        print(
            f"  {name:<18} median {median:7.2f} ms   p95 {p95:7.2f} ms"
            f"   CPU {cpu_ms:6.2f} ms/turn (whole session)"
        )
    print(f"  ratio of CPU per turn: {product_cpu / bare_cpu:.2f}x")
    ratio_median = statistics.median(product) / statistics.median(bare)
    ratio_p95 = _p(product, 0.95) / _p(bare, 0.95)
    print(f"  ratio product/bare: median {ratio_median:.2f}x   p95 {ratio_p95:.2f}x")
    decisions = brain_decisions()
    print("offline brain, one decision (utterance, instructions, all tools offered):")
    median, p95 = statistics.median(decisions), _p(decisions, 0.95)
    print(f"  median {median:7.1f} us   p95 {p95:7.1f} us   max {max(decisions):7.1f} us")


if __name__ == "__main__":
    main()
