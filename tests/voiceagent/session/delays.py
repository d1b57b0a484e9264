"""Injected delays and faults at the seams where the orchestrator and LiveKit hand work over.

A busy worker reorders those hand-overs; these fakes make the reordering happen on
purpose: a slow model (every `generate_reply` and tool step), a slow `on_enter`, a
slow handoff inside LiveKit (`update_agent`'s activity switch), slow speech playout
(the transcript output), slow tool completion, and a loop starved by other work.
Shared by the watchdog tests and the stress test.
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from livekit.agents import llm
from livekit.agents.types import DEFAULT_API_CONNECT_OPTIONS, APIConnectOptions
from livekit.agents.voice import AgentSession
from livekit.agents.voice.io import TextOutput

from voiceagent.brain import OfflineBrain
from voiceagent.brain._llm import OfflineStream
from voiceagent.brain._policy import Speak
from voiceagent.session.adapters import StateAdapter
from voiceagent.session.orchestrator import Orchestrator

Pause = Callable[[], float]
"""Seconds to wait at one seam, drawn anew each time."""


def jitter(most: float, seed: int | None = None) -> Pause:
    """Random pauses up to `most` seconds (seeded for a reproducible run)."""
    rng = random.Random(seed)
    return lambda: rng.random() * most


class SlowBrain(OfflineBrain):
    """The offline brain behind a slow connection: each answer starts after a pause.

    `hang_after_caller` makes the answers to the caller's `n`-th turn never come (a
    wedged model); `lose_after_caller` loses the first words the model says in answer
    to that turn (the reply, lost on the way; its tool calls still come). An empty
    answer that replaces a tool call would not be a lost reply: it is the model
    saying it understood nothing, which the turn watch reports to the chart.
    """

    def __init__(
        self,
        pause: Pause = lambda: 0.0,
        *,
        hang_after_caller: int | None = None,
        lose_after_caller: int | None = None,
    ) -> None:
        super().__init__()
        self.pause = pause
        self.hang_after_caller = hang_after_caller
        self.lose_after_caller = lose_after_caller
        self._lost = False

    def chat(
        self,
        *,
        chat_ctx: llm.ChatContext,
        tools: list[llm.Tool] | None = None,
        conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS,
        tool_choice: Any = None,
        **_: Any,
    ) -> OfflineStream:
        """One answer, after the pause (or never, or empty, as configured)."""
        callers = sum(
            1 for i in chat_ctx.items if isinstance(i, llm.ChatMessage) and i.role == "user"
        )
        hang = callers == self.hang_after_caller
        lose = callers == self.lose_after_caller and not self._lost
        return _SlowStream(
            self,
            chat_ctx=chat_ctx,
            tools=tools or [],
            conn_options=conn_options,
            words_only=tool_choice == "none",
            pause=self.pause(),
            hang=hang,
            lose=lose,
        )


class _SlowStream(OfflineStream):
    def __init__(self, *args: Any, pause: float, hang: bool, lose: bool, **kwargs: Any) -> None:
        self._pause, self._hang, self._lose = pause, hang, lose
        super().__init__(*args, **kwargs)

    async def _run(self) -> None:
        await asyncio.sleep(self._pause)
        if self._hang:
            await asyncio.Event().wait()
        brain = self._llm
        if self._lose and isinstance(brain, SlowBrain) and not brain._lost:
            decision, _ = self._decide()
            if isinstance(decision, Speak) and decision.text:
                brain._lost = True
                return
        await super()._run()


class SlowTranscript(TextOutput):
    """Speech that takes time to play: each piece of text is 'heard' after a pause."""

    def __init__(self, pause: Pause) -> None:
        super().__init__(label="slow-transcript", next_in_chain=None)
        self._pause = pause

    async def capture_text(self, text: str) -> None:
        """Play one piece of text."""
        await asyncio.sleep(self._pause())

    def flush(self) -> None:
        """The end of one line: nothing to do."""


def slow_seams(monkeypatch: pytest.MonkeyPatch, pause: Pause) -> None:
    """Pause at `on_enter`, LiveKit's handoff, speech playout and tool completion, every call."""
    on_enter = StateAdapter.on_enter
    update_activity = AgentSession._update_activity_task  # LiveKit's handoff seam
    fire_from_tool = Orchestrator.fire_from_tool
    session_init = AgentSession.__init__

    def slow_playout(self: AgentSession[Any], *args: Any, **kwargs: Any) -> None:
        session_init(self, *args, **kwargs)
        self.output.transcription = SlowTranscript(pause)

    async def slow_on_enter(self: StateAdapter) -> None:
        await asyncio.sleep(pause())
        await on_enter(self)

    async def slow_update(self: AgentSession[Any], *args: Any, **kwargs: Any) -> None:
        await asyncio.sleep(pause())
        await update_activity(self, *args, **kwargs)

    async def slow_tool(self: Orchestrator, event: str, **arguments: object) -> str | None:
        result = await fire_from_tool(self, event, **arguments)
        await asyncio.sleep(pause())
        return result

    monkeypatch.setattr(StateAdapter, "on_enter", slow_on_enter)
    monkeypatch.setattr(AgentSession, "_update_activity_task", slow_update)
    monkeypatch.setattr(Orchestrator, "fire_from_tool", slow_tool)
    monkeypatch.setattr(AgentSession, "__init__", slow_playout)


@contextmanager
def cpu_contention(threads: int = 1, share: float = 0.5) -> Iterator[None]:
    """Threads that keep the CPU busy (and the GIL contended) `share` of the time."""
    stop = threading.Event()

    def burn() -> None:
        while not stop.is_set():
            until = time.perf_counter() + 0.01 * share
            while time.perf_counter() < until:
                sum(i * i for i in range(200))
            stop.wait(0.01 * (1 - share))

    workers = [threading.Thread(target=burn, daemon=True) for _ in range(threads)]
    for worker in workers:
        worker.start()
    try:
        yield
    finally:
        stop.set()
        for worker in workers:
            worker.join()


async def starve_loop(pause: Pause, until: asyncio.Event) -> None:
    """Block the event loop now and then, as other work on a busy worker does."""
    while not until.is_set():
        await asyncio.sleep(0.005)
        time.sleep(pause())
