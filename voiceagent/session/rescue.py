"""The orchestrator's answers to the reply watchdog: a holding line, a retry, a safe end.

The watchdog (`watchdog.py`) only keeps time. This is what the call does when it
finds the caller waiting: say the holding line (which never counts as the reply
itself) and try again — the handoff made once more, or a fresh reply — and, as the
last resort, cut off whatever is wedged and end the call through the chart's error
path. Every rescue is recorded in the call's figures as a "watchdog" event.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from typing import TYPE_CHECKING

import structlog
from livekit.agents.voice import SpeechHandle

from voiceagent.errors import describe
from voiceagent.session.watchdog import (
    HOLDING_LINE,
    CallStalledError,
    Debt,
    Overdue,
    ReplyWatchdog,
)

if TYPE_CHECKING:
    from voiceagent.session.orchestrator import Orchestrator

__all__ = ["Rescue"]

_log = structlog.get_logger(__name__)


class Rescue:
    """Keeps the watchdog informed of one call, and rescues the call when it is late."""

    def __init__(self, orchestrator: Orchestrator, *, bound: float) -> None:
        self._orchestrator = orchestrator
        self._holding: set[str] = set()
        """Ids of the holding lines said: they never count as the reply the caller is owed."""
        self._log = _log.bind(call_id=orchestrator.call_id)
        self._retries: list[SpeechHandle] = []
        """The fresh replies asked for: each runs on in the background, tools and all."""
        self.watchdog = ReplyWatchdog(
            bound=bound,
            retry=self._retry,
            give_up=self._give_up,
            record=self._record,
            call_id=orchestrator.call_id,
        )

    def speech_started(self, speech: SpeechHandle | None) -> None:
        """The receptionist began to speak: unless it is the holding line, the reply is here."""
        if speech is None or speech.id not in self._holding:
            self.watchdog.met(Debt.REPLY)

    def line_said(self, text: str) -> None:
        """A line of the receptionist's reached the transcript: unless the holding line, a reply.

        LiveKit does not always pass through "speaking" (an output that never plays a
        frame goes from thinking to listening), so a line said counts as well.
        """
        if text != HOLDING_LINE:
            self.watchdog.met(Debt.REPLY)

    async def _retry(self, debt: Debt, reason: str) -> Overdue:
        """A debt is late: say the holding line and try again (never wait for playout)."""
        session = self._orchestrator.session
        speech = session.current_speech
        if debt is Debt.REPLY and speech is not None and not speech.done():
            return Overdue.STILL_SPEAKING  # a holding line would only queue behind it
        try:
            self._holding.add(session.say(HOLDING_LINE).id)
        except RuntimeError as error:  # between activities: the retry matters more
            self._log.warning("holding line not said", error=describe(error))
        try:
            if debt is Debt.HANDOFF:
                self._log.warning("handoff retried", after=reason)
                self._orchestrator.hand_off_again()
            else:
                self._log.warning("reply retried", after=reason)
                # the live adapter's instructions stay: the last chart event made them
                # current, and an update now would read as another adapter taking over
                self._retries.append(session.generate_reply())
        except RuntimeError as error:  # the session is closing or between activities
            self._log.warning("retry not possible", error=describe(error))
        return Overdue.HOLDING_LINE

    @property
    def retrying(self) -> bool:
        """A fresh reply asked for may still be running."""
        return bool(self._retries)

    async def retries_done(self) -> None:
        """Wait until every fresh reply asked for has finished, its tools and their replies too.

        LiveKit's idle wait does not count a reply whose tools still run in the background,
        so a caller's script waits on the retries themselves before its next turn.
        """
        while self._retries:
            await self._retries.pop(0).wait_for_playout()

    async def _give_up(self, stalled: CallStalledError) -> None:
        """The last resort: cut off whatever is wedged, so the apology is heard, and end."""
        with contextlib.suppress(RuntimeError):
            self._orchestrator.session.interrupt(force=True)
        await self._orchestrator.fail(stalled)

    async def _record(self, figures: Mapping[str, object]) -> None:
        orchestrator = self._orchestrator
        await orchestrator.store.record_metrics(
            orchestrator.call_id, orchestrator.clock(), "watchdog", figures
        )
