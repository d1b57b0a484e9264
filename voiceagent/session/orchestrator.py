"""The orchestrator: the only code that acts on the session.

It follows the chart. After every event it drains the chart's effects in order —
speaks scripted lines once (uninterruptible where the caller must hear them
whole), stores messages before the caller is told they were taken, starts
transfers after the transfer line has played, ends the call after the last line —
and swaps the active speech adapter when the chart enters another top-level
state. Tools and prompts never do any of this.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Coroutine, Mapping
from datetime import datetime
from typing import Any

import structlog
from livekit.agents import AgentSession, ToolError, llm
from livekit.agents.voice import SpeechHandle
from livekit.agents.voice.agent_activity import ActivityClosedError

from statecharts import (
    EndCall,
    Outcome,
    OutcomeKind,
    Reception,
    RecordMessage,
    Refusal,
    Say,
    Target,
    Transfer,
    TransferToVoicemail,
    office_moment,
)
from statecharts._script import SELF_CONTAINED
from voiceagent.session.adapters import ADAPTERS, StateAdapter
from voiceagent.session.prompts import facts_block, instructions_for
from voiceagent.session.tools import LLM_EVENTS, tools_for
from voiceagent.store.port import CallStore
from voiceagent.telephony.port import TelephonyPort

__all__ = ["Orchestrator"]

_log = structlog.get_logger(__name__)
_SETTLE_TIMEOUT = 30.0
"""Longest wait for a handoff to finish before background work speaks."""


class Orchestrator:
    """Carries out what the chart decides, for one call."""

    def __init__(
        self,
        *,
        chart: Reception,
        telephony: TelephonyPort,
        store: CallStore,
        call_id: str,
        clock: Callable[[], datetime],
        agency: str,
    ) -> None:
        self.chart = chart
        self.telephony = telephony
        self.store = store
        self.call_id = call_id
        self.clock = clock
        self.agency = agency
        self.finished = asyncio.Event()
        """Set once the call has ended and its record is closed."""
        self.ready = asyncio.Event()
        """Set once the greeting is said and the first listening adapter is live."""
        self._settled = asyncio.Event()
        """Clear while a handoff is under way: the next caller turn waits for it."""
        self._settled.set()
        self._session: AgentSession[Any] | None = None
        self._adapter_state = "greeting"
        self._last_speech: SpeechHandle | None = None
        self._asked_already = False
        self._said: list[str] = []
        """Lines said since the last event was handled (the greeting, before `greeted`)."""
        self._tasks: set[asyncio.Task[None]] = set()
        self._log = _log.bind(call_id=call_id)
        self.accepted_events = 0
        """Chart events accepted from the model's tools (the turn watch reads it)."""

    # --- lifecycle -----------------------------------------------------------------------------
    @property
    def session(self) -> AgentSession[Any]:
        """The LiveKit session this call runs in."""
        if self._session is None:
            msg = "the orchestrator is not attached to a session yet"
            raise RuntimeError(msg)
        return self._session

    async def begin(self, session: AgentSession[Any]) -> StateAdapter:
        """Open the call's record and return the first adapter to start the session with."""
        self._session = session
        await self.store.start_call(
            self.call_id,
            self.clock(),
            self.chart.record.caller_number,
            self.agency,
            office_time=office_moment(self.chart.config.office, self.chart.now).local,
        )
        self._log.info("call started", states=list(self.chart.path))
        return self._adapter("greeting", chat_ctx=None)

    async def adapter_entered(self, adapter: StateAdapter) -> None:
        """An adapter is live: greet, ask what is still needed, or stay silent."""
        if adapter.state == "greeting":
            self._background(self._greet())
            return
        if adapter.state == "transfer" or self.chart.is_terminated:
            self.ready.set()
            self._settled.set()
            return
        # Work started from `on_enter` runs in a task of its own: a handoff made from
        # inside `on_enter` itself can wait forever (seen with 1.8.9, second session of
        # a process), and the reply is still awaited there.
        self._background(self._reply(adapter))

    async def _greet(self) -> None:
        await self._apply()
        await self.fire("greeted")

    async def _reply(self, adapter: StateAdapter) -> None:
        try:
            handle = self.session.generate_reply()
            await handle
            if handle.exception() is not None:
                self._log.warning("reply failed", error=repr(handle.exception()))
        finally:
            self.ready.set()
            if self.session.current_agent is adapter:
                self._settled.set()  # no newer handoff started while this one replied

    async def wait_idle(self, timeout: float = 30.0) -> None:
        """Wait for background work (handoffs, transfers, the end of the call) to settle."""
        async with asyncio.timeout(timeout):
            while self._tasks or not (self._settled.is_set() or self.finished.is_set()):
                if self._tasks:
                    await asyncio.gather(*list(self._tasks), return_exceptions=True)
                else:
                    await _first(self._settled.wait(), self.finished.wait())
            if not self.finished.is_set():
                with contextlib.suppress(ActivityClosedError):
                    await self.session.wait_for_idle()

    # --- events ---------------------------------------------------------------------------------
    async def fire_from_tool(self, event: str, **arguments: object) -> str | None:
        """A tool's event: refused ones become a `ToolError` carrying the chart's reason."""
        if event not in LLM_EVENTS:
            msg = f"{event} is not something the receptionist can do here"
            raise ToolError(msg)
        try:
            entered = self.chart.fire(event, **arguments)
        except Refusal as refusal:
            self._log.info("event refused", chart_event=event, arguments=sorted(arguments))
            raise ToolError(str(refusal)) from None
        self.accepted_events += 1
        return await self._after(event, arguments, entered)

    async def fire(self, event: str, **arguments: object) -> None:
        """A shell event (greeted, transfer results, silence, hang-up); refusals are logged."""
        try:
            entered = self.chart.fire(event, **arguments)
        except Refusal:
            self._log.info("event refused", chart_event=event, arguments=sorted(arguments))
            return
        await self._after(event, arguments, entered)

    def fail_soon(self, error: Exception) -> None:
        """`fail`, from a callback that cannot await: tracked, so `wait_idle` waits for it."""
        self._background(self.fail(error))

    async def fail(self, error: Exception) -> None:
        """A fatal error in the shell: the chart ends the call safely, message recorded."""
        self._log.error("call failed", error=repr(error))
        entered = self.chart.fail(error)
        await self._after("error", {}, entered)

    async def _after(
        self, event: str, arguments: Mapping[str, object], entered: list[str]
    ) -> str | None:
        clean = {k: v for k, v in arguments.items() if v is not None}
        self._log.info("chart event", chart_event=event, entered=entered)
        await self.store.record_event(
            self.call_id, self.clock(), event, clean, list(self.chart.configuration_values)
        )
        await self._apply()
        said, self._said = self._said, []
        self._asked_already = any(line in SELF_CONTAINED for line in said)
        if self.chart.is_terminated:
            return None
        top = self.chart.where().split(".")[0]
        if top != self._adapter_state:
            self._handoff(top)
            return None
        await self._refresh(self.session.current_agent)
        if self._asked_already:
            return None
        question = self.chart.pending_question()
        return "Recorded." if question is None else "Recorded. " + self._facts()

    # --- effects --------------------------------------------------------------------------------
    async def _apply(self) -> None:
        for effect in self.chart.take_effects():
            if isinstance(effect, Say):
                self._said.append(effect.line)
                self._last_speech = self.session.say(
                    effect.text, allow_interruptions=effect.interruptible
                )
            elif isinstance(effect, RecordMessage):
                stored = await self.store.record_message(self.call_id, self.clock(), effect.message)
                self._log.info("message stored", message_id=stored, kind=effect.message.kind.value)
            elif isinstance(effect, Transfer | TransferToVoicemail):
                voicemail = isinstance(effect, TransferToVoicemail)
                self._background(self._transfer(effect.target, voicemail=voicemail))
            elif isinstance(effect, EndCall):
                self._background(self._end())

    def _background(self, work: Any) -> None:
        task: asyncio.Task[None] = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _played(self) -> None:
        speech = self._last_speech
        if speech is not None and not speech.done():
            await speech.wait_for_playout()

    async def _quiet(self) -> None:
        """Wait until no handoff is under way, so speech lands on the live adapter."""
        async with asyncio.timeout(_SETTLE_TIMEOUT):
            await self._settled.wait()
        with contextlib.suppress(ActivityClosedError, RuntimeError):
            await self.session.wait_for_idle()

    async def _transfer(self, target: Target, *, voicemail: bool) -> None:
        await self._quiet()
        await self._played()
        self._log.info(
            "transfer requested",
            to=target.name,
            extension=target.extension,
            group=target.group,
            voicemail=voicemail,
        )
        dial = self.telephony.transfer_to_voicemail if voicemail else self.telephony.transfer
        result = await dial(target)
        if result.connected:
            await self.fire("transfer_succeeded")
        else:
            self._log.warning("transfer failed", to=target.name, reason=result.reason)
            await self.fire("transfer_failed", reason=result.reason)

    async def _end(self) -> None:
        await self._played()
        outcome = self.chart.outcome or Outcome(OutcomeKind.HUNG_UP)
        await self.store.finish_call(
            self.call_id,
            self.clock(),
            outcome,
            self.chart.record.snapshot(),
            list(self.chart.path),
        )
        await self.telephony.hang_up()
        self._log.info("call ended", outcome=outcome.kind.value, path=list(self.chart.path))
        self.finished.set()
        self.session.shutdown(drain=True)

    # --- adapters -------------------------------------------------------------------------------
    def _adapter(self, state: str, chat_ctx: llm.ChatContext | None) -> StateAdapter:
        return ADAPTERS[state](
            self,
            instructions=self._instructions(state),
            tools=list(tools_for(self.chart.allowed_event_names())),
            chat_ctx=chat_ctx,
        )

    def _facts(self, *, asked_already: bool = False) -> str:
        chart = self.chart
        return facts_block(
            chart.where(),
            chart.pending_question(),
            chart.record,
            asked_already=asked_already,
            ask=chart.ask_text(),
        )

    def _instructions(self, state: str) -> str:
        facts = self._facts(asked_already=self._asked_already)
        return instructions_for(self.chart.config, state, facts)

    def _handoff(self, state: str) -> None:
        previous = self.session.current_agent
        self._adapter_state = state
        self._settled.clear()
        self._log.info("handoff", to=state)
        self.session.update_agent(self._adapter(state, chat_ctx=previous.chat_ctx.copy()))

    async def _refresh(self, agent: Any) -> None:
        if isinstance(agent, StateAdapter):
            await agent.update_instructions(self._instructions(agent.state))
            await agent.update_tools(list(tools_for(self.chart.allowed_event_names())))


async def _first(*waits: Coroutine[Any, Any, object]) -> None:
    """Wait until the first of several waits is done; cancel the rest."""
    tasks = [asyncio.ensure_future(w) for w in waits]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()
