"""The offline voice and caller recordings shared by the speech tests.

The models load once per test session (as once per worker process in production);
caller recordings in other formats are made from the shipped ones.
"""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from voiceagent.speech.voice import OfflineVoice, load_offline_voice

RECORDINGS = Path(__file__).resolve().parents[3] / "recordings"
"""The caller recordings shipped in the repository (16 kHz mono)."""


@pytest.fixture(scope="session")
def voice() -> OfflineVoice:
    """The offline voice with its default settings, loaded once for the whole session."""
    return load_offline_voice()


def write_pcm(
    path: Path, samples: np.ndarray, rate: int, channels: int = 1, width: int = 2
) -> Path:
    """Write interleaved integer samples as a PCM WAV file."""
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(width)
        wav.setframerate(rate)
        wav.writeframes(samples.tobytes())
    return path


def recording(name: str) -> tuple[np.ndarray, int]:
    """A shipped recording's samples and rate."""
    with wave.open(str(RECORDINGS / name), "rb") as wav:
        return np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16), wav.getframerate()
