"""Whisper hears the shipped recordings; Piper speaks at the line's rate; one load a process."""

from __future__ import annotations

import numpy as np
import pytest
from livekit import rtc

from tests.voiceagent.speech.conftest import recording
from voiceagent.speech.piper import PiperTTS
from voiceagent.speech.voice import OfflineVoice, load_offline_voice
from voiceagent.speech.whisper import WhisperSTT, to_whisper_input, without_repeats

pytestmark = pytest.mark.speech


def test_the_voice_loads_once_per_process(voice: OfflineVoice) -> None:
    """Loading again with the same settings returns the same models."""
    assert load_offline_voice() is voice
    assert voice.load_seconds > 0


def test_each_call_gets_its_own_stt_and_tts_over_shared_models(voice: OfflineVoice) -> None:
    """Two calls' speech objects differ, their engines are the same."""
    first, second = voice.speech(), voice.speech()
    assert first.stt is not second.stt
    assert isinstance(first.stt, WhisperSTT)
    assert isinstance(first.tts, PiperTTS)
    assert isinstance(second.tts, PiperTTS)
    assert first.tts.engine is second.tts.engine
    assert first.vad is second.vad
    assert first.turn_handling is not None


async def test_whisper_hears_a_shipped_recording(voice: OfflineVoice) -> None:
    """The claim recording is transcribed word for word through the LiveKit STT interface."""
    samples, rate = recording("claim-3.wav")
    frame = rtc.AudioFrame(samples.tobytes(), rate, 1, len(samples))
    event = await WhisperSTT(voice.whisper).recognize([frame])
    assert event.alternatives[0].text.lower().rstrip(".") in {
        "that's all. thank you",
        "that's all, thank you",
    }


def test_whisper_hears_nothing_in_silence(voice: OfflineVoice) -> None:
    """A second of silence holds no words."""
    assert voice.whisper.transcribe(np.zeros(16_000, dtype=np.float32)) == ""


def test_whisper_input_is_16k_mono_from_any_frame() -> None:
    """A 48 kHz stereo frame becomes 16 kHz mono floats in [-1, 1]."""
    stereo = np.full(4800 * 2, 16384, dtype=np.int16)
    audio = to_whisper_input(rtc.AudioFrame(stereo.tobytes(), 48_000, 2, 4800))
    assert audio.dtype == np.float32
    assert len(audio) == pytest.approx(1600, abs=20)
    assert float(np.median(audio)) == pytest.approx(0.5, abs=0.01)


@pytest.mark.parametrize(
    ("heard", "kept"),
    [
        ("It's progressive. It's progressive.", "It's progressive."),
        ("Yes, that's right. Yes, that's right. Yes, that's", "Yes, that's right. Yes, that's"),
        ("No. No, it's not.", "No. No, it's not."),
        ("", ""),
    ],
)
def test_a_sentence_repeated_back_to_back_is_kept_once(heard: str, kept: str) -> None:
    """A short-window decoding slip that repeats a sentence is dropped; other words stay."""
    assert without_repeats(heard) == kept


async def test_piper_speaks_at_the_line_rate(voice: OfflineVoice) -> None:
    """Piper's 22.05 kHz is resampled to the line's 16 kHz, and Whisper understands it."""
    tts = PiperTTS(voice.piper, sample_rate=16_000)
    frames = [event.frame async for event in tts.synthesize("Thank you for calling.")]
    assert {frame.sample_rate for frame in frames} == {16_000}
    audio = rtc.combine_audio_frames(frames)
    assert 0.8 < audio.duration < 3.0
    heard = voice.whisper.transcribe(to_whisper_input(audio))
    assert "thank you for calling" in heard.lower()
