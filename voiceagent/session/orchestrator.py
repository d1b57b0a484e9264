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
from collections.abc import Callable, Mapping
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
from voiceagent.errors import describe
from voiceagent.session.adapters import StateAdapter, adapter_for, chart_facts, refresh
from voiceagent.session.rescue import Rescue
from voiceagent.session.tools import LLM_EVENTS
from voiceagent.session.waits import first_of
from voiceagent.session.watchdog import REPLY_BOUND, CallStalledError, Debt
from voiceagent.store.port import CallStore
from voiceagent.telephony.port import CONNECTED_EVENT, FAILED_EVENT, TelephonyPort

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
        reply_bound: float = REPLY_BOUND,
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
        self._live = asyncio.Event()
        """Set once `AgentSession.start` has returned: only then does a handoff take effect."""
        self._session: AgentSession[Any] | None = None
        self._adapter_state = "greeting"
        self._last_speech: SpeechHandle | None = None
        self._asked_already = False
        """The lines of the last chart step asked the caller something, or closed the moment."""
        self._reply_on_entry = True
        """The adapter being handed the call owes a reply: the step's lines did not ask."""
        self._said: list[Say] = []
        """Lines said since the last event was handled (the greeting, before `greeted`)."""
        self._tasks: set[asyncio.Task[None]] = set()
        self._failing = False
        self.failure: str | None = None
        """What stopped the call, in words, when it ended through `fail`."""
        self._log = _log.bind(call_id=call_id)
        self.accepted_events = 0
        """Chart events accepted from the model's tools (the turn watch reads it)."""
        self.rescue = Rescue(self, bound=reply_bound)
        self.watchdog = self.rescue.watchdog

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

    def session_started(self) -> None:
        """LiveKit has finished starting the session: the greeting is owed, and may go ahead."""
        self._live.set()
        self.watchdog.owe(Debt.REPLY, "the start of the call")

    def caller_turn(self) -> None:
        """The caller finished a turn: a reply is owed (unless the call is over)."""
        if not self.chart.is_terminated:
            self.watchdog.owe(Debt.REPLY, "the caller's turn")

    async def adapter_entered(self, adapter: StateAdapter) -> None:
        """An adapter is live: greet, ask what is still needed, or stay silent."""
        if adapter.state == self._adapter_state:
            self.watchdog.met(Debt.HANDOFF)
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
        reply, self._reply_on_entry = self._reply_on_entry, False  # a retried handoff's
        self._background(self._entered(adapter, reply=reply))  # second entry stays silent

    async def _entered(self, adapter: StateAdapter, *, reply: bool) -> None:
        """A new adapter hears the conversation as the caller did, then speaks if owed.

        The adapter was built, with a copy of the old one's history, in the same chart
        step that queued that step's lines, so the copy holds neither those lines nor
        the call that caused the step: a reply made from it asks again what the line
        just asked, or says it "didn't catch" words the chart already used (issue 12).
        The lines have played by now (LiveKit drains the old adapter before it starts
        this one), and the session's history holds all of it.
        """
        await self._played()
        with contextlib.suppress(RuntimeError):  # the session closed meanwhile
            await adapter.update_chat_ctx(self.session.history.copy())
        if reply:
            self.watchdog.owe(Debt.REPLY, f"the handoff to {adapter.state}")
            await self._reply(adapter)
            return
        # The step's own lines asked the caller something: this adapter waits for the answer.
        self.ready.set()
        if self.session.current_agent is adapter:
            self._settled.set()

    async def _greet(self) -> None:
        # The greeting adapter's `on_enter` runs while `AgentSession.start` is still
        # finishing, and until it has, `update_agent` only records the new agent and
        # never starts it (LiveKit 1.8.9): the handoff to triage that `greeted` makes
        # would be lost and the caller left in silence after the greeting (issue 13).
        await self._live.wait()
        await self._apply()
        await self.fire("greeted")

    async def _reply(self, adapter: StateAdapter) -> None:
        try:
            handle = self.session.generate_reply()
            await handle
            if (error := handle.exception()) is not None:
                self._log.warning("reply failed", error=describe(error))
        finally:
            self.ready.set()
            if self.session.current_agent is adapter:
                self._settled.set()  # no newer handoff started while this one replied

    async def wait_idle(self, timeout: float = 30.0) -> None:
        """Wait for background work (handoffs, transfers, the end of the call) to settle.

        Raises:
            CallStalledError: It did not settle within `timeout` seconds (says what was pending).
        """
        try:
            async with asyncio.timeout(timeout):
                while self._tasks or not (self._settled.is_set() or self.finished.is_set()):
                    if self._tasks:
                        await asyncio.gather(*list(self._tasks), return_exceptions=True)
                    else:
                        await first_of(self._settled.wait(), self.finished.wait())
                if not self.finished.is_set():
                    with contextlib.suppress(ActivityClosedError):
                        await self.session.wait_for_idle()
        except TimeoutError:
            raise CallStalledError(self.stall(timeout)) from None

    def stall(self, waited: float) -> str:
        """Why the call is not moving, in words: what it was waiting for, and how long."""
        pending = self.watchdog.owes(Debt.HANDOFF) or self.watchdog.owes(Debt.REPLY)
        if pending is None and not self._settled.is_set():
            pending = f"the handoff to {self._adapter_state}"
        where = pending or f"{self.chart.where()} ({len(self._tasks)} background tasks)"
        return f"the call did not become ready within {waited:g} s after {where}"

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
        if self.failure is None:
            self.failure = describe(error)
        self._failing = True
        self._log.error("call failed", error=self.failure)
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
        # the chart marks a line that asks its own question (or closes the moment)
        self._asked_already = any(say.line in SELF_CONTAINED for say in said)
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
        return "Recorded." if question is None else "Recorded. " + chart_facts(self.chart)

    # --- effects --------------------------------------------------------------------------------
    async def _apply(self) -> None:
        """Carry out the chart's effects, in order; one that fails never stops the rest.

        A line the session can no longer say (it closed under the call) is logged and
        skipped, so the message after it is still stored and the call still ends; a
        message the store refused is raised once every other effect has been carried out.
        """
        refused: Exception | None = None
        for effect in self.chart.take_effects():
            if isinstance(effect, Say):
                self._said.append(effect)
                try:
                    self._last_speech = self.session.say(
                        effect.text, allow_interruptions=effect.interruptible
                    )
                except RuntimeError as error:  # "AgentSession isn't running" / closing
                    self._log.warning("line not said", line=str(effect.line), error=str(error))
            elif isinstance(effect, RecordMessage):
                try:
                    stored = await self.store.record_message(
                        self.call_id, self.clock(), effect.message
                    )
                except Exception as error:  # raised below, once the call is safe
                    self._log.error("message not stored", error=describe(error))
                    refused = refused or error
                    continue
                self._log.info("message stored", message_id=stored, kind=effect.message.kind.value)
            elif isinstance(effect, Transfer | TransferToVoicemail):
                voicemail = isinstance(effect, TransferToVoicemail)
                self._background(self._transfer(effect.target, voicemail=voicemail))
            elif isinstance(effect, EndCall):
                self._background(self._end())
        if refused is not None:
            raise refused

    def _background(self, work: Any) -> None:
        task: asyncio.Task[None] = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        task.add_done_callback(self._check_background)

    def _check_background(self, task: asyncio.Task[None]) -> None:
        """Background work that fails ends the call safely, rather than leaving it hanging."""
        if task.cancelled() or (error := task.exception()) is None:
            return
        self._log.error("background work failed", error=describe(error))
        if isinstance(error, Exception) and not self._failing and not self.chart.is_terminated:
            self.fail_soon(error)

    async def _played(self) -> None:
        """Wait for the last line to play out, but never past the watchdog's bound."""
        speech = self._last_speech
        if speech is None or speech.done():
            return
        try:
            async with asyncio.timeout(self.watchdog.bound):
                await asyncio.shield(speech.wait_for_playout())
        except TimeoutError:
            self._log.warning("line not played in time", bound_s=self.watchdog.bound)

    async def _quiet(self) -> None:
        """Wait until no handoff is under way, so speech lands on the live adapter.

        Past `_SETTLE_TIMEOUT` the work goes ahead anyway: a transfer made while a
        handoff is stuck still puts the caller through to a person.
        """
        try:
            async with asyncio.timeout(_SETTLE_TIMEOUT):
                await self._settled.wait()
                with contextlib.suppress(ActivityClosedError, RuntimeError):
                    await self.session.wait_for_idle()
        except TimeoutError:
            self._log.warning("handoff not settled", to=self._adapter_state)

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
            await self.fire(CONNECTED_EVENT)
        else:
            self._log.warning("transfer failed", to=target.name, reason=result.reason)
            await self.fire(FAILED_EVENT, reason=result.reason)

    async def _end(self) -> None:
        self.watchdog.stop()
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
        return adapter_for(self, state, asked_already=self._asked_already, chat_ctx=chat_ctx)

    def _handoff(self, state: str) -> None:
        self._adapter_state = state
        self._settled.clear()
        self._log.info("handoff", to=state)
        self._reply_on_entry = not self._asked_already
        self.watchdog.owe(Debt.HANDOFF, f"the handoff to {state}")
        self.hand_off_again()

    def hand_off_again(self) -> None:
        """Hand off to a fresh adapter for the current state, with the conversation so far."""
        previous = self.session.current_agent
        adapter = self._adapter(self._adapter_state, chat_ctx=previous.chat_ctx.copy())
        self.session.update_agent(adapter)

    async def _refresh(self, agent: Any) -> None:
        await refresh(agent, self.chart, asked_already=self._asked_already)
