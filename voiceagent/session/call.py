"""One call: the chart, the orchestrator and a LiveKit `AgentSession`, wired together.

The same wiring serves a console call, a scripted simulation, the tests and (with
a room, speech and real telephony) production: only the ports and the models
passed in differ.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import structlog
from livekit.agents import AgentSession, RunResult, llm, stt, tts, vad
from livekit.agents.types import NOT_GIVEN
from livekit.agents.voice.events import (
    AgentStateChangedEvent,
    ConversationItemAddedEvent,
    ErrorEvent,
    UserStateChangedEvent,
)
from livekit.agents.voice.room_io import RoomOptions
from livekit.agents.voice.turn import TurnHandlingOptions

from statecharts import AgencyConfig, Reception
from voiceagent.session.orchestrator import Orchestrator
from voiceagent.session.silence import SilenceWatch
from voiceagent.session.turn_watch import TurnWatch
from voiceagent.session.waits import first_of
from voiceagent.session.watchdog import REPLY_BOUND, CallStalledError, Debt
from voiceagent.store.port import SETUP_METRICS, CallStore
from voiceagent.telephony.port import TelephonyPort

__all__ = [
    "TEXT_ONLY",
    "USER_AWAY_SECONDS",
    "CallRun",
    "Line",
    "Speech",
    "brain_name",
    "new_call",
]

USER_AWAY_SECONDS = 12.5
"""Silence before the receptionist checks the caller is still there (agency round 4)."""
ON_HOLD_STATES = frozenset({"transfer", "after_hours.voicemail"})
"""States in which the caller is on hold, so silence is not a reason to check in."""
READY_TIMEOUT = 30.0
"""Longest wait for the greeting to be said before the caller's first turn is taken.

The reply watchdog ends a stalled call long before this (two of its bounds); this
only bounds a session so wedged that even ending the call cannot finish."""
_log = structlog.get_logger(__name__)
MAX_TOOL_STEPS = 6
"""One caller turn may carry several facts (intent, type, name, phone): room for each."""


def brain_name(brain: llm.LLM[Any]) -> str:
    """How a call's record names the brain in the LLM seat ("local/offline-brain")."""
    return f"{brain.provider}/{brain.model}"


@dataclass(frozen=True, slots=True)
class Speech:
    """The session's ears and voice; all None is a text-only call (console, tests)."""

    stt: stt.STT[Any] | None = None
    tts: tts.TTS[Any] | None = None
    vad: vad.VAD | None = None
    turn_handling: TurnHandlingOptions | None = None
    """LiveKit's grouped turn options; None means no turn detection (text turns)."""


TEXT_ONLY = Speech()
"""A call with no audio: caller turns arrive as text."""


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the transcript."""

    speaker: str
    """"agent" or "caller"."""
    text: str


@dataclass(slots=True)
class CallRun:
    """A call in progress: its session, orchestrator and transcript."""

    session: AgentSession[Orchestrator]
    orchestrator: Orchestrator
    transcript: list[Line] = field(default_factory=list)
    silence: SilenceWatch | None = None
    setup: dict[str, object] = field(default_factory=dict)
    """Stored with the call as it starts (`SETUP_METRICS`)."""
    turns: TurnWatch | None = None
    """Reports caller turns that gave the chart nothing it could use."""
    wordless: list[tuple[int, str]] = field(default_factory=list)
    """Caller turns with no words, each with the number of transcript lines said before
    it: "silence" (the away timeout passed) or "nothing heard" (a turn with no words in
    it). Each is a turn the caller took, so what is said after it answers that turn."""

    @property
    def chart(self) -> Reception:
        """The call's chart."""
        return self.orchestrator.chart

    @property
    def ended(self) -> bool:
        """Whether the call is over."""
        return bool(self.chart.is_terminated)

    async def start(
        self, *, room: Any = None, room_options: RoomOptions | None = None, wait_ready: bool = True
    ) -> None:
        """Start the session on the greeting adapter; by default wait until it has greeted.

        A room-connected worker passes `wait_ready=False`: it must connect to the room
        (after `session.start`, audit A1) before the greeting can be heard.
        """
        first = await self.orchestrator.begin(self.session)
        await _kept(
            self.orchestrator.store.record_metrics(
                self.orchestrator.call_id, self.orchestrator.clock(), SETUP_METRICS, self.setup
            ),
            "call setup not stored",
        )
        if room is None:
            await self.session.start(first)
        else:
            await self.session.start(first, room=room, room_options=room_options or NOT_GIVEN)
        self.orchestrator.session_started()
        if wait_ready:
            await self.ready()

    async def ready(self) -> None:
        """Wait until the greeting is said and the first listening adapter is live.

        A call the watchdog had to end is ready too: it is over, with its outcome.

        Raises:
            CallStalledError: Neither happened within `READY_TIMEOUT` seconds.
        """
        orchestrator = self.orchestrator
        try:
            async with asyncio.timeout(READY_TIMEOUT):
                await first_of(orchestrator.ready.wait(), orchestrator.finished.wait())
        except TimeoutError:
            raise CallStalledError(orchestrator.stall(READY_TIMEOUT)) from None
        await orchestrator.wait_idle()

    async def say(self, text: str) -> None:
        """One caller turn, run to completion: tools, handoffs, background work, the reply.

        Like a caller on the line, the script waits for the reply it is owed: if it is
        late, the watchdog's holding line and retry come before the next turn. The
        turn stops being waited for when the call ends meanwhile (the watchdog may end
        a stalled one), so a wedged session never holds the caller's script; an error
        that ended the call (through the chart's error path) is the call's end, not
        the script's error.
        """
        if self.ended:
            return
        orchestrator = self.orchestrator
        result: RunResult[None] = self.session.run(user_input=text)
        turn = asyncio.ensure_future(result)
        await first_of(orchestrator.finished.wait(), keep=turn)
        await orchestrator.wait_idle()
        if turn.done() and not self.ended:
            turn.result()  # an error the call survived is the caller's script's to see
        # A turn that gave the chart nothing is answered by the chart (it pays the reply).
        await self.turn_ended()
        owed = orchestrator.watchdog.owes(Debt.REPLY) is not None
        if owed:
            await first_of(orchestrator.watchdog.paid(Debt.REPLY), orchestrator.finished.wait())
        retried = orchestrator.rescue.retrying
        if retried:
            # a rescue's fresh reply runs its tools in the background (LiveKit's idle
            # wait does not count them): the turn is answered when they are done
            await first_of(orchestrator.rescue.retries_done(), orchestrator.finished.wait())
        if owed or retried:
            await orchestrator.wait_idle()

    async def turn_ended(self) -> None:
        """The reply to a text turn is done: the chart hears if the turn gave it nothing."""
        if self.turns is not None and not self.ended:
            await self.turns.turn_ended()
            await self.orchestrator.wait_idle()

    async def shell_event(self, event: str) -> None:
        """An event from the line rather than from speech: silence, hang-up."""
        if event == "caller_away_timeout":
            await self.caller_silent()
            return
        await self.orchestrator.fire(event)
        await self.orchestrator.wait_idle()

    async def caller_silent(self) -> None:
        """The caller said nothing for the away timeout: the chart checks in, or ends."""
        self.wordless.append((len(self.transcript), "silence"))
        await self.orchestrator.fire("caller_away_timeout")
        await self.orchestrator.wait_idle()

    async def close(self) -> None:
        """Hang up if the caller is still on the line, and close the session."""
        if self.silence is not None:
            await self.silence.close()
        if self.turns is not None:
            await self.turns.close()
        if not self.ended:
            await self.shell_event("hangup")
        await self.orchestrator.wait_idle()
        await self.orchestrator.watchdog.close()
        await self.session.aclose()


async def _kept(write: Awaitable[None], failure: str = "transcript line not stored") -> None:
    """A record's write: a store failure is logged, and the call goes on."""
    try:
        await write
    except Exception as error:  # the call must not fail for want of a transcript line
        _log.warning(failure, error_type=type(error).__name__)


def new_call(
    *,
    config: AgencyConfig,
    at: datetime,
    brain: llm.LLM[Any],
    telephony: TelephonyPort,
    store: CallStore,
    caller_number: str | None = None,
    clock: Callable[[], datetime] | None = None,
    user_away_timeout: float | None = USER_AWAY_SECONDS,
    call_id: str | None = None,
    speech: Speech = TEXT_ONLY,
    reply_bound: float = REPLY_BOUND,
) -> CallRun:
    """Wire one call (chart, orchestrator, session, silence watch, transcript), not started.

    `reply_bound` is the reply watchdog's bound: seconds a caller owed a reply may
    wait in silence before the holding line (and as long again before the call is
    ended safely).
    """
    # A spoken call reads the caller's number back: speech recognition mishears digits.
    chart = Reception(
        config, at, caller_number=caller_number, read_back_phone=speech.stt is not None
    )
    orchestrator = Orchestrator(
        chart=chart,
        telephony=telephony,
        store=store,
        call_id=call_id or uuid.uuid4().hex,
        clock=clock or (lambda: datetime.now(UTC)),
        agency=config.office.name,
        reply_bound=reply_bound,
    )
    session: AgentSession[Orchestrator] = AgentSession(
        llm=brain,
        stt=speech.stt or NOT_GIVEN,
        tts=speech.tts or NOT_GIVEN,
        vad=speech.vad,
        turn_handling=speech.turn_handling or {"turn_detection": None},
        userdata=orchestrator,
        user_away_timeout=user_away_timeout,
        max_tool_steps=MAX_TOOL_STEPS,
    )
    run = CallRun(
        session=session,
        orchestrator=orchestrator,
        setup={"brain": brain_name(brain), "phone_read_back": chart.read_back_phone},
    )

    silence = SilenceWatch(
        run.caller_silent,
        timeout=user_away_timeout or USER_AWAY_SECONDS,
        on_hold=lambda: run.chart.where() in ON_HOLD_STATES,
        ended=lambda: run.ended,
    )
    run.silence = silence
    turns = TurnWatch(
        accepted=lambda: orchestrator.accepted_events,
        fire=lambda: orchestrator.fire("caller_unclear"),
        listening=lambda: "caller_unclear" in run.chart.allowed_event_names(),
        settle=orchestrator.wait_idle,
    )
    run.turns = turns

    def on_item(event: ConversationItemAddedEvent) -> None:
        item = event.item
        if isinstance(item, llm.ChatMessage) and item.role == "user":
            turns.caller_spoke()  # even an empty turn is a turn the caller took
            if not item.text_content:
                run.wordless.append((len(run.transcript), "nothing heard"))
        if isinstance(item, llm.ChatMessage) and item.text_content:
            if item.role == "user":
                silence.caller_spoke()
                if run.chart.where() not in ON_HOLD_STATES:
                    orchestrator.caller_turn()
            elif item.role == "assistant":
                orchestrator.rescue.line_said(item.text_content)
                run.chart.heard_agent(item.text_content)  # which question was put, in what words
            if item.role in ("assistant", "user"):
                speaker = "agent" if item.role == "assistant" else "caller"
                run.transcript.append(Line(speaker, item.text_content))
                # Stored in order with the chart's events (the line's place is taken now);
                # tracked by the orchestrator, so the call does not close before it is written.
                line = store.record_utterance(
                    orchestrator.call_id, orchestrator.clock(), speaker, item.text_content
                )
                orchestrator._background(_kept(line))

    def on_user_state(event: UserStateChangedEvent) -> None:
        if event.new_state == "away":
            silence.caller_away()

    def on_error(event: ErrorEvent) -> None:
        # A recoverable error is the framework's to retry; a fatal one ends the call
        # through the chart, which stores a callback message and says goodbye.
        if getattr(event.error, "recoverable", False) or run.ended:
            return
        error = event.error if isinstance(event.error, Exception) else RuntimeError(event.error)
        orchestrator.fail_soon(error)

    def on_agent_state(event: AgentStateChangedEvent) -> None:
        if event.new_state == "speaking":
            orchestrator.rescue.speech_started(session.current_speech)
        # Live speech only: a text turn's end is known to `CallRun.say`.
        elif event.new_state == "listening" and speech.stt is not None:
            turns.agent_listening()

    session.on("error", on_error)
    session.on("conversation_item_added", on_item)
    session.on("user_state_changed", on_user_state)
    session.on("agent_state_changed", on_agent_state)
    return run
