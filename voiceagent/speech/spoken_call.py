"""A spoken call from recordings: the caller's turns in, the receptionist's voice out.

The call runs through the real `AgentSession` with the offline voice (VAD, turn
detection, Whisper, the chart, the brain, Piper): only the line is simulated.
Each caller turn is played once the receptionist has finished speaking. When the
turns run out and the call is still on, the line stays open in silence, as a
phone does: the receptionist checks in, then ends the call.
"""

from __future__ import annotations

import asyncio
import contextvars
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

import structlog
from livekit.agents import llm
from livekit.agents.voice.events import ConversationItemAddedEvent

from statecharts import AgencyConfig
from voiceagent.brain import OfflineBrain
from voiceagent.session.call import USER_AWAY_SECONDS, CallRun, new_call
from voiceagent.speech.line import AgentRecorder, CallerLine, Samples, speech_end
from voiceagent.speech.voice import OfflineVoice
from voiceagent.speech.wavfile import LISTEN_RATE, CallerTurn
from voiceagent.store.port import CallStore
from voiceagent.store.sqlite import SqliteCallStore
from voiceagent.telephony.console import ConsoleTelephony

__all__ = ["PlayedTurn", "SpokenCall", "run_spoken_call"]

_log = structlog.get_logger(__name__)

HEARD_TIMEOUT = 8.0
"""Longest wait, after a turn was played, for the receptionist to take it as a turn.
Longer than the longest endpointing delay plus a slow transcription; a turn not
taken by then (silence, noise) was not heard, and the next one plays."""
QUIET_SECONDS = 0.3
"""The receptionist counts as finished once nothing moved for this long."""
SILENCE_LIMIT = 10.0
"""Longest the line stays open in silence after the last turn, beyond the two silence
timeouts (check-in, then goodbye) that end a call whose caller said nothing more."""


@dataclass(frozen=True, slots=True)
class PlayedTurn:
    """What became of one caller turn."""

    path: str
    speech_ended_at: float
    """Wall time the caller's last voiced frame was sent (their speech ended)."""
    heard: str | None
    """What the receptionist heard (None: nothing was taken as a turn)."""
    answered_at: float | None = None
    """Wall time of the receptionist's first audio frame after it, if it answered."""


@dataclass(slots=True)
class SpokenCall:
    """A finished spoken call: the call itself, the turns, and the receptionist's audio."""

    run: CallRun
    turns: list[PlayedTurn] = field(default_factory=list)
    unplayed: list[str] = field(default_factory=list)
    """Turns never played because the call had already ended."""
    agent_audio: Samples | None = None
    sample_rate: int = LISTEN_RATE


async def run_spoken_call(
    config: AgencyConfig,
    at: datetime,
    turns: Sequence[CallerTurn],
    voice: OfflineVoice,
    *,
    store: CallStore | None = None,
    caller_number: str | None = None,
    user_away_timeout: float = USER_AWAY_SECONDS,
    observe: Callable[[CallRun], None] | None = None,
) -> SpokenCall:
    """Play `turns` into a call and return it once it has ended.

    `observe` is given the call before it starts (benchmarks attach their timers).
    Runs in a task with an empty context, like `run_script`: LiveKit keeps the
    active agent in context variables, which must not leak from one call to the next.
    """
    call = _spoken_call(
        config,
        at,
        turns,
        voice,
        store=store,
        caller_number=caller_number,
        user_away_timeout=user_away_timeout,
        observe=observe,
    )
    return await asyncio.create_task(call, context=contextvars.Context())


async def _spoken_call(
    config: AgencyConfig,
    at: datetime,
    turns: Sequence[CallerTurn],
    voice: OfflineVoice,
    *,
    store: CallStore | None,
    caller_number: str | None,
    user_away_timeout: float,
    observe: Callable[[CallRun], None] | None,
) -> SpokenCall:
    own_store = SqliteCallStore(":memory:") if store is None else None
    call_store: CallStore = store or own_store  # type: ignore[assignment] # one is set
    rate = voice.settings.line_sample_rate
    run = new_call(
        config=config,
        at=at,
        brain=OfflineBrain(),
        telephony=ConsoleTelephony(),
        store=call_store,
        caller_number=caller_number,
        user_away_timeout=user_away_timeout,
        speech=voice.speech(),
    )
    line, recorder = CallerLine(LISTEN_RATE), AgentRecorder(rate)
    run.session.input.audio = line
    run.session.output.audio = recorder
    heard: list[str] = []

    def on_item(event: ConversationItemAddedEvent) -> None:
        item = event.item
        if isinstance(item, llm.ChatMessage) and item.role == "user":
            heard.append(item.text_content or "")

    run.session.on("conversation_item_added", on_item)
    if observe is not None:
        observe(run)
    spoken = SpokenCall(run=run, sample_rate=rate)
    try:
        await run.start()
        for number, turn in enumerate(turns):
            await _finished_speaking(run)
            if run.ended:
                spoken.unplayed = [str(t.path) for t in turns[number:]]
                break
            spoken.turns.append(await _play(run, line, turn, heard))
        await _until_ended(run, limit=SILENCE_LIMIT + 2 * user_away_timeout)
    finally:
        await run.close()
        if own_store is not None:
            await own_store.close()
    starts = [segment.first_frame_at for segment in recorder.segments]
    spoken.turns = [
        replace(turn, answered_at=next((t for t in starts if t > turn.speech_ended_at), None))
        for turn in spoken.turns
    ]
    spoken.agent_audio = recorder.recording()
    return spoken


async def _play(run: CallRun, line: CallerLine, turn: CallerTurn, heard: list[str]) -> PlayedTurn:
    before_heard = len(heard)
    started = time.time()
    await line.play(turn.samples)
    ended_at = started + speech_end(turn.samples, LISTEN_RATE)
    _log.info("caller turn played", turn=str(turn.path), seconds=round(turn.seconds, 2))
    deadline = time.monotonic() + HEARD_TIMEOUT
    while len(heard) == before_heard and not run.ended and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    taken = heard[before_heard] if len(heard) > before_heard else None
    await _finished_speaking(run)
    return PlayedTurn(str(turn.path), ended_at, taken)


async def _finished_speaking(run: CallRun) -> None:
    """Wait until the receptionist has said everything it is going to say for now."""
    session = run.session
    quiet_since: float | None = None
    while not run.ended:
        await run.orchestrator.wait_idle()
        busy = session.agent_state in ("thinking", "speaking") or session.user_state == "speaking"
        now = time.monotonic()
        if busy:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = now
        elif now - quiet_since >= QUIET_SECONDS:
            return
        await asyncio.sleep(0.05)


async def _until_ended(run: CallRun, *, limit: float) -> None:
    """Keep the line open in silence until the call ends (the silence check-in ends it)."""
    deadline = time.monotonic() + limit
    while not run.ended and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    if run.ended:
        await run.orchestrator.wait_idle()
