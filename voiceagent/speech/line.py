"""A phone line with no audio device: the caller's recordings in, the agent's voice captured.

`CallerLine` is the session's audio input. Like a real line it never goes quiet
in the digital sense: it sends 20 ms frames at real-time pace (the VAD and the
endpointing timers run on the wall clock), silence unless a turn is playing.
`AgentRecorder` is the session's audio output: it keeps every frame the
receptionist speaks and reports each segment played as soon as it is flushed, so
the call moves on without waiting for the audio to be heard in real time.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from livekit import rtc
from livekit.agents import io

__all__ = ["AgentRecorder", "AgentSegment", "CallerLine", "speech_end"]

FRAME_SECONDS = 0.02
_GAP_SECONDS = 0.4
"""Silence between the receptionist's segments in the recording."""
_VOICED_RMS = 300.0
"""A 20 ms frame louder than this (16-bit RMS) holds speech, for timing the end of a turn."""

Samples = np.ndarray[Any, np.dtype[np.int16]]


def speech_end(samples: Samples, rate: int) -> float:
    """Seconds into `samples` where the last voiced 20 ms frame ends (0.0 for silence)."""
    size = round(rate * FRAME_SECONDS)
    frames = len(samples) // size
    if frames == 0:
        return 0.0
    blocks = samples[: frames * size].astype(np.float64).reshape(frames, size)
    loud = np.flatnonzero(np.sqrt((blocks**2).mean(axis=1)) > _VOICED_RMS)
    return float((loud[-1] + 1) * FRAME_SECONDS) if len(loud) else 0.0


class CallerLine(io.AudioInput):
    """The caller's side of the line: silence, and recorded turns played on request."""

    def __init__(self, rate: int) -> None:
        super().__init__(label="caller-line")
        self._rate = rate
        self._size = round(rate * FRAME_SECONDS)
        self._silence = np.zeros(self._size, dtype=np.int16)
        self._pending: Samples | None = None
        self._position = 0
        self._played: asyncio.Future[float] | None = None
        self._next_at: float | None = None

    async def play(self, samples: Samples) -> float:
        """Play one turn; return the wall time (`time.time()`) its last frame was sent."""
        if self._played is not None:
            msg = "a turn is already playing"
            raise RuntimeError(msg)
        self._played = asyncio.get_running_loop().create_future()
        self._pending, self._position = samples, 0
        try:
            return await self._played
        finally:
            self._played = None

    async def __anext__(self) -> rtc.AudioFrame:
        now = time.monotonic()
        if self._next_at is None or self._next_at < now - 1.0:
            self._next_at = now  # first frame, or the loop fell far behind: do not burst
        delay = self._next_at - now
        if delay > 0:
            await asyncio.sleep(delay)
        self._next_at += FRAME_SECONDS
        return rtc.AudioFrame(self._next_chunk().tobytes(), self._rate, 1, self._size)

    def _next_chunk(self) -> Samples:
        pending = self._pending
        if pending is None:
            return self._silence
        chunk = pending[self._position : self._position + self._size]
        self._position += self._size
        if self._position >= len(pending):
            self._pending = None
            if self._played is not None and not self._played.done():
                self._played.set_result(time.time())
        if len(chunk) < self._size:
            chunk = np.concatenate([chunk, self._silence[: self._size - len(chunk)]])
        return chunk


@dataclass(slots=True)
class AgentSegment:
    """One stretch of the receptionist's speech."""

    first_frame_at: float
    """Wall time (`time.time()`) the first frame of it reached the line."""
    frames: list[rtc.AudioFrame] = field(default_factory=list)


class AgentRecorder(io.AudioOutput):
    """The receptionist's side of the line: every frame kept, segment by segment."""

    def __init__(self, rate: int) -> None:
        super().__init__(
            label="agent-recorder",
            capabilities=io.AudioOutputCapabilities(pause=False),
            sample_rate=rate,
        )
        self._rate = rate
        self.segments: list[AgentSegment] = []
        self._current: AgentSegment | None = None

    async def capture_frame(self, frame: rtc.AudioFrame) -> None:
        """Keep a frame of the current segment (starting one if needed)."""
        await super().capture_frame(frame)
        if self._current is None:
            self._current = AgentSegment(first_frame_at=time.time())
            self.segments.append(self._current)
            self.on_playback_started(created_at=self._current.first_frame_at)
        self._current.frames.append(frame)

    def flush(self) -> None:
        """The segment is complete: report it played whole."""
        super().flush()
        self._finish(interrupted=False)

    def clear_buffer(self) -> None:
        """The segment was cut short (the caller spoke over it)."""
        self._finish(interrupted=True)

    def _finish(self, *, interrupted: bool) -> None:
        segment, self._current = self._current, None
        if segment is not None:
            played = sum(frame.duration for frame in segment.frames)
            self.on_playback_finished(playback_position=played, interrupted=interrupted)

    def recording(self) -> Samples:
        """Everything said, segment after segment, with a short pause between them."""
        gap = np.zeros(round(self._rate * _GAP_SECONDS), dtype=np.int16)
        parts: list[Samples] = []
        for segment in self.segments:
            if parts:
                parts.append(gap)
            parts.extend(np.frombuffer(f.data, dtype=np.int16) for f in segment.frames)
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int16)
