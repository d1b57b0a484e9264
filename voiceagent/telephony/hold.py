"""Hold audio: what the caller hears while a transfer connects.

A port with two moves (start, stop) so the SIP transfer can be tested with a fake;
`RoomHoldMusic` plays LiveKit's built-in hold music into the call's room. Hold
audio is a courtesy: a failure to start or stop it is logged, never raised, and
never fails the transfer.
"""

from __future__ import annotations

from typing import Any, Protocol

import structlog
from livekit import rtc
from livekit.agents import AgentSession
from livekit.agents.voice.background_audio import (
    AudioConfig,
    BackgroundAudioPlayer,
    BuiltinAudioClip,
    PlayHandle,
)

__all__ = ["HoldAudio", "RoomHoldMusic"]

_log = structlog.get_logger(__name__)

_VOLUME = 0.8


class HoldAudio(Protocol):
    """Something the caller hears while on hold; both moves never raise."""

    async def start(self) -> None:
        """Start playing."""
        ...

    async def stop(self) -> None:
        """Stop playing (safe when not playing)."""
        ...


class RoomHoldMusic:
    """LiveKit's built-in hold music, published into the call's room while a transfer rings.

    It needs a connected room, so it is exercised on a real call only; tests use a
    fake `HoldAudio`.
    """

    def __init__(self, room: rtc.Room, session: AgentSession[Any]) -> None:
        self._room = room
        self._session = session
        self._player: BackgroundAudioPlayer | None = None
        self._playing: PlayHandle | None = None

    async def start(self) -> None:
        """Publish the hold track and loop the music."""
        try:
            if self._player is None:
                self._player = BackgroundAudioPlayer()
                await self._player.start(room=self._room, agent_session=self._session)
            config = AudioConfig(BuiltinAudioClip.HOLD_MUSIC, volume=_VOLUME)
            self._playing = self._player.play(config, loop=True)
        except Exception as error:  # the transfer goes on in silence
            _log.warning("hold music failed to start", error_type=type(error).__name__)

    async def stop(self) -> None:
        """Stop the music and unpublish its track."""
        playing, self._playing = self._playing, None
        player, self._player = self._player, None
        try:
            if playing is not None:
                playing.stop()
            if player is not None:
                await player.aclose()
        except Exception as error:  # the caller has already left the room or is connected
            _log.warning("hold music failed to stop", error_type=type(error).__name__)
