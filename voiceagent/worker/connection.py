"""The room's connection, watched: reconnects logged with their length, a lost caller hung up.

LiveKit reconnects on its own; what the agency needs is to know it happened (a
structured log line with how long the line was down), a caller told to hold on
when a reconnect drags on, and a call whose caller or room is gone ended through
the chart, so its record and any message are kept (audit A5).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import structlog
from livekit import rtc

from voiceagent.worker.room import CALLER_KINDS

__all__ = ["HOLD_ON_LINE", "ConnectionWatch"]

_log = structlog.get_logger(__name__)

HOLD_ON_LINE = "Sorry, the line is breaking up. Please hold on a moment."
"""Said once per long reconnect; it reaches the caller as soon as the line carries sound."""


class ConnectionWatch:
    """Room event handlers for one call.

    Args:
        hold_after: Seconds of reconnecting before the caller is asked to hold on.
        say: Speaks a line to the caller (uninterruptible, outside the transcript).
        caller_left: Ends the call through the chart (`hangup`).
        clock: Monotonic seconds; injected so tests control time.
    """

    def __init__(
        self,
        *,
        hold_after: float,
        say: Callable[[str], None],
        caller_left: Callable[[], None],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._hold_after = hold_after
        self._say = say
        self._caller_left = caller_left
        self._clock = clock
        self._since: float | None = None
        self._hold: asyncio.TimerHandle | None = None
        self.reconnects = 0
        """How many reconnects the call survived."""

    def attach(self, room: rtc.Room) -> None:
        """Register the handlers on the call's room (before it connects)."""
        room.on("reconnecting", self.reconnecting)
        room.on("reconnected", self.reconnected)
        room.on("disconnected", self.disconnected)
        room.on("participant_disconnected", self.participant_disconnected)

    def reconnecting(self) -> None:
        """The room lost its connection and LiveKit is restoring it."""
        self._since = self._clock()
        _log.warning("room reconnecting")
        loop = asyncio.get_running_loop()
        self._hold = loop.call_later(self._hold_after, self._ask_to_hold)

    def reconnected(self) -> None:
        """The connection is back: log how long it was gone."""
        self._cancel_hold()
        if self._since is None:
            return
        self.reconnects += 1
        _log.info("room reconnected", seconds=round(self._clock() - self._since, 3))
        self._since = None

    def disconnected(self, reason: rtc.DisconnectReason.ValueType | None = None) -> None:
        """The room is gone for good: the call cannot go on, end it with its record kept."""
        self._cancel_hold()
        down = None if self._since is None else round(self._clock() - self._since, 3)
        name = rtc.DisconnectReason.Name(reason) if reason is not None else "UNKNOWN_REASON"
        _log.warning("room disconnected", reason=name, seconds_reconnecting=down)
        self._caller_left()

    def participant_disconnected(self, participant: rtc.RemoteParticipant) -> None:
        """The caller hung up (or closed the page): the chart's `hangup`."""
        if participant.kind not in CALLER_KINDS:
            return
        _log.info("caller disconnected", participant_kind=int(participant.kind))
        self._caller_left()

    def _ask_to_hold(self) -> None:
        self._hold = None
        _log.info("caller asked to hold during reconnect", after_seconds=self._hold_after)
        self._say(HOLD_ON_LINE)

    def _cancel_hold(self) -> None:
        if self._hold is not None:
            self._hold.cancel()
            self._hold = None
