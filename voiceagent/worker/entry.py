"""The entry point LiveKit runs for every call, in the order the audit asks (A1, A4, A5).

Per call: the shutdown callback and the room's event handlers are registered first,
then the session starts on the room with every room option explicit, then the job
connects. Only then is the caller met: their number (a SIP caller's
`sip.phoneNumber`) pre-fills the caller record and tells the line whether
transfers are dialled. The maximum call length, the caller's silence, a caller who
hangs up and a room that is lost all end the call through the chart; the shutdown
callback closes the record and flushes the outbox inside LiveKit's shutdown window.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import structlog
from livekit import api as lk
from livekit import rtc
from livekit.agents import AgentSession, JobContext, llm

from statecharts import AgencyConfig, CallerRecord, Outcome, OutcomeKind
from voiceagent.brain import OfflineBrain
from voiceagent.session.call import CallRun, Speech, new_call
from voiceagent.telephony.hold import RoomHoldMusic
from voiceagent.telephony.line import CallLine
from voiceagent.telephony.sip import SipTelephony
from voiceagent.telephony.warm import TaskFactory, WarmTransfer, livekit_warm_transfer
from voiceagent.telephony.warm import wants_warm_transfer as _wants_warm
from voiceagent.worker.connection import ConnectionWatch
from voiceagent.worker.limits import CallTimer
from voiceagent.worker.metrics import CallFigures
from voiceagent.worker.prewarm import Prewarmed, prewarmed
from voiceagent.worker.providers import ModelFactory, Pipeline, build_pipeline
from voiceagent.worker.records import Records, RecordsOpener, open_records
from voiceagent.worker.room import CALLER_KINDS, caller_number, room_options
from voiceagent.worker.settings import WorkerSettings
from voiceagent.worker.turns import turn_handling

__all__ = ["Answered", "Seams", "answer", "entrypoint"]

_log = structlog.get_logger(__name__)

_CLOSE_SHARE = 0.6
"""The share of the shutdown budget the call has to end through the chart."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Seams:
    """What a test swaps out; production uses the defaults."""

    open_records: RecordsOpener = open_records
    models: ModelFactory | None = None
    brain: Callable[[], llm.LLM[Any]] = OfflineBrain
    api: Callable[[JobContext], lk.LiveKitAPI] = lambda ctx: ctx.api
    warm_task: TaskFactory = livekit_warm_transfer
    clock: Callable[[], datetime] = _utc_now


@dataclass(slots=True)
class Answered:
    """One call being answered, with the parts a test looks at."""

    run: CallRun
    line: CallLine
    watch: ConnectionWatch
    timer: CallTimer
    figures: CallFigures
    records: Records
    steps: list[str] = field(default_factory=list)
    """The lifecycle steps in the order they ran (the audit's order, checked by tests)."""
    finished: asyncio.Event = field(default_factory=asyncio.Event)
    """Set once the shutdown callback has closed the record and flushed the outbox."""
    tasks: set[asyncio.Task[Any]] = field(default_factory=set)
    meeting: asyncio.Task[None] | None = None
    """Waits for the caller to join; cancelled at shutdown if they never did."""

    def spawn(self, work: Awaitable[Any]) -> None:
        """Run work the finaliser will wait for."""
        task = asyncio.ensure_future(work)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)


async def entrypoint(ctx: JobContext) -> None:
    """LiveKit's per-call entry: answer with the process's prewarmed state."""
    await answer(ctx, prewarmed(ctx.proc))


async def answer(ctx: JobContext, state: Prewarmed, seams: Seams = Seams()) -> Answered:
    """Answer one call in the job's room; returns once the session is live and connected."""
    settings, config = state.settings, state.config
    call_id = uuid.uuid4().hex
    fields = {"call_id": call_id, "room": ctx.room.name, "job": ctx.job.id}
    structlog.contextvars.bind_contextvars(**fields)
    stack = contextlib.AsyncExitStack()
    records = await stack.enter_async_context(seams.open_records(settings))
    pipeline = build_pipeline(settings, brain=seams.brain(), vad=state.vad, models=seams.models)

    # The line and the watch act on the call, which exists only once they are made:
    # they reach it through `call`, bound below before anything can fire.
    line = _call_line(
        ctx, settings, seams, session=lambda: call.run.session, record=lambda: call.run.chart.record
    )
    run = new_call(
        config=_with_destinations(config, settings),
        at=seams.clock(),
        brain=pipeline.llm,
        telephony=line,
        store=records.store,
        clock=seams.clock,
        user_away_timeout=settings.turn.user_away_timeout,
        reply_bound=settings.call.reply_bound_seconds,
        call_id=call_id,
        speech=_speech(pipeline, state),
    )
    call = Answered(
        run=run,
        line=line,
        watch=ConnectionWatch(
            hold_after=settings.call.reconnect_hold_seconds,
            say=lambda text: _say_aside(run, text),
            caller_left=lambda: _hang_up_soon(call),
        ),
        timer=CallTimer(
            settings.call.max_minutes * 60,
            lambda: run.shell_event("call_time_limit"),
            ended=lambda: run.ended,
        ),
        figures=CallFigures(records.store, call_id, seams.clock),
        records=records,
    )
    call.figures.attach(run.session)
    run.session.on("close", lambda _event: _hang_up_soon(call))

    async def finalise(reason: str) -> None:
        with structlog.contextvars.bound_contextvars(**fields):
            await _finalise(call, reason, settings.worker.shutdown_seconds, stack)

    # 1. Shutdown callback and room event handlers, before anything can happen.
    ctx.add_shutdown_callback(finalise)
    call.watch.attach(ctx.room)
    call.steps.append("handlers registered")
    # 2. The session starts on the room, every room option explicit.
    spoken = run.session.stt is not None and run.session.tts is not None
    await run.start(room=ctx.room, room_options=room_options(spoken=spoken), wait_ready=False)
    call.steps.append("session started")
    # 3. Only now the job connects.
    await ctx.connect()
    call.steps.append("connected")
    call.timer.start()
    call.meeting = asyncio.create_task(_meet_caller(ctx, call), name="meet_caller")
    _log.info("call answered", spoken=spoken, agent_name=config.persona.name)
    return call


def _speech(pipeline: Pipeline, state: Prewarmed) -> Speech:
    """The session's ears and voice: cloud, the offline voice, or none (a text call)."""
    if state.voice is not None and not pipeline.spoken:
        return state.voice.speech()
    return Speech(
        stt=pipeline.stt,
        tts=pipeline.tts,
        vad=state.vad if pipeline.spoken else None,
        turn_handling=turn_handling(
            state.settings.turn, state.detector if pipeline.spoken else None
        ),
    )


def _call_line(
    ctx: JobContext,
    settings: WorkerSettings,
    seams: Seams,
    *,
    session: Callable[[], AgentSession[Any]],
    record: Callable[[], CallerRecord],
) -> CallLine:
    """The call's phone line: cold SIP transfers with hold music, warm ones with a trunk."""
    telephony = settings.telephony
    warm = None
    if telephony.outbound_trunk:
        warm = WarmTransfer(
            session,
            trunk_id=telephony.outbound_trunk,
            ring_seconds=telephony.ring_seconds,
            task=seams.warm_task,
        )

    def sip(caller: rtc.Participant) -> SipTelephony:
        hold = RoomHoldMusic(ctx.room, session()) if telephony.hold_music else None
        return SipTelephony(
            seams.api(ctx),
            ctx.room.name,
            caller.identity,
            ring_seconds=telephony.ring_seconds,
            hold=hold,
        )

    return CallLine(sip=sip, warm=warm, wants_warm=lambda: _wants_warm(record()))


def _with_destinations(config: AgencyConfig, settings: WorkerSettings) -> AgencyConfig:
    """The agency file's transfer templates, overridden by the settings where they are set."""
    overrides = {
        name: value
        for name in ("extension_destination", "voicemail_destination")
        if (value := getattr(settings.telephony, name)) is not None
    }
    if not overrides:
        return config
    return config.model_copy(update={"telephony": config.telephony.model_copy(update=overrides)})


async def _meet_caller(ctx: JobContext, call: Answered) -> None:
    """Wait for the caller; pre-fill their number and tell the line how to reach them."""
    try:
        participant = await ctx.wait_for_participant(kind=list(CALLER_KINDS))
    except RuntimeError as error:  # the room went away before anyone joined
        _log.warning("caller never joined", error_type=type(error).__name__)
        return
    number = caller_number(participant)
    record = call.run.chart.record
    if number is not None and record.caller_number is None:
        record.caller_number = number
    call.line.caller_joined(participant)
    call.steps.append("caller met")
    _log.info("caller met", caller_number=number, on_sip=number is not None)


def _say_aside(run: CallRun, text: str) -> None:
    """A line about the connection, not the conversation: kept out of the chat history."""
    if run.ended:
        return
    with contextlib.suppress(RuntimeError):  # the session is closing: nobody to tell
        run.session.say(text, allow_interruptions=False, add_to_chat_ctx=False)


def _hang_up_soon(call: Answered) -> None:
    """The caller or the room is gone: the chart's `hangup`, unless the call already ended."""
    if call.run.ended:
        return
    call.spawn(call.run.shell_event("hangup"))


async def _finalise(
    call: Answered, reason: str, budget: float, stack: contextlib.AsyncExitStack
) -> None:
    """Close the call's record and flush the outbox within `budget` seconds (audit A4).

    The call itself gets the first part of the budget to end through the chart; if it
    has not (a goodbye that never finishes playing, a stuck handoff), its record is
    closed directly with what the chart knows, so no call is left open in the store.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + budget
    _log.info("call shutting down", reason=reason)
    try:
        await call.timer.stop()
        if call.meeting is not None and not call.meeting.done():
            call.meeting.cancel()
        try:
            async with asyncio.timeout(budget * _CLOSE_SHARE):
                await asyncio.gather(*list(call.tasks), return_exceptions=True)
                await call.run.close()
        except TimeoutError:
            _log.error("call did not end in time", seconds=round(budget * _CLOSE_SHARE, 2))
        async with asyncio.timeout(max(0.1, deadline - loop.time())):
            if not call.run.orchestrator.finished.is_set():
                await _close_record(call)
            await call.figures.save_usage(call.run.session)
            delivered = await call.records.outbox.flush(timeout=max(0.1, deadline - loop.time()))
            _log.info("call record closed", delivered=delivered)
    except TimeoutError:
        _log.error("shutdown window exceeded", budget=budget)
    finally:
        await stack.aclose()
        call.finished.set()


async def _close_record(call: Answered) -> None:
    """Close the record of a call that could not end itself, with the chart's outcome."""
    chart = call.run.chart
    outcome = chart.outcome or Outcome(OutcomeKind.HUNG_UP)
    orchestrator = call.run.orchestrator
    await call.records.store.finish_call(
        orchestrator.call_id,
        orchestrator.clock(),
        outcome,
        chart.record.snapshot(),
        list(chart.path),
    )
    _log.warning("call record closed by the shutdown", outcome=outcome.kind.value)
