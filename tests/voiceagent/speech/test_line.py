"""The simulated phone line: caller turns at real-time pace, the agent's voice kept."""

from __future__ import annotations

import asyncio
import time

import numpy as np
import pytest
from livekit import rtc

from voiceagent.speech.line import AgentRecorder, CallerLine, speech_end

pytestmark = pytest.mark.unit


async def test_the_line_sends_silence_until_a_turn_plays_then_the_turn() -> None:
    """20 ms frames of silence, then the turn's samples, then silence again."""
    line = CallerLine(16_000)
    first = await line.__anext__()
    assert first.samples_per_channel == 320
    assert not np.frombuffer(first.data, dtype=np.int16).any()
    turn = np.full(700, 1000, dtype=np.int16)  # 43.75 ms: three frames, the last padded
    played = asyncio.ensure_future(line.play(turn))
    await asyncio.sleep(0)
    frames = [np.frombuffer((await line.__anext__()).data, dtype=np.int16) for _ in range(4)]
    assert [int(f.astype(bool).sum()) for f in frames] == [320, 320, 60, 0]
    assert played.done()
    assert played.result() == pytest.approx(time.time(), abs=1.0)


async def test_the_line_keeps_real_time_pace() -> None:
    """Fifty frames take about a second, as on a real line."""
    line = CallerLine(16_000)
    started = time.monotonic()
    for _ in range(50):
        await line.__anext__()
    assert time.monotonic() - started >= 0.9


async def test_only_one_turn_plays_at_a_time() -> None:
    """A second turn while one plays is a mistake in the caller's script."""
    line = CallerLine(16_000)
    first = asyncio.ensure_future(line.play(np.ones(320, dtype=np.int16)))
    await asyncio.sleep(0)
    with pytest.raises(RuntimeError, match="already playing"):
        await line.play(np.ones(320, dtype=np.int16))
    await line.__anext__()
    await first


def test_speech_end_is_the_end_of_the_last_loud_frame() -> None:
    """Trailing silence does not count as speech; silence alone ends at zero."""
    loud = np.full(16_000, 3000, dtype=np.int16)
    samples = np.concatenate([loud, np.zeros(8000, dtype=np.int16)])
    assert speech_end(samples, 16_000) == pytest.approx(1.0)
    assert speech_end(np.zeros(16_000, dtype=np.int16), 16_000) == 0.0


async def test_the_recorder_keeps_segments_and_reports_them_played() -> None:
    """Each flushed segment is kept and reported played at once, whole."""
    recorder = AgentRecorder(16_000)
    finished: list[tuple[float, bool]] = []
    recorder.on(
        "playback_finished", lambda ev: finished.append((ev.playback_position, ev.interrupted))
    )
    frame = rtc.AudioFrame(np.ones(1600, dtype=np.int16).tobytes(), 16_000, 1, 1600)
    await recorder.capture_frame(frame)
    await recorder.capture_frame(frame)
    recorder.flush()
    await recorder.capture_frame(frame)
    recorder.clear_buffer()
    assert [len(segment.frames) for segment in recorder.segments] == [2, 1]
    assert finished == [(pytest.approx(0.2), False), (pytest.approx(0.1), True)]
    recording = recorder.recording()
    assert len(recording) == 1600 * 3 + 6400  # 0.4 s between the two segments
