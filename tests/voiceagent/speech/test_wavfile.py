"""Caller recordings in any PCM format are played, never refused for their format."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.voiceagent.speech.conftest import recording, write_pcm
from voiceagent.speech.wavfile import LISTEN_RATE, AudioFileError, read_turn, resample, write_wav

pytestmark = pytest.mark.unit


def tone(seconds: float, rate: int, amplitude: int = 8000) -> np.ndarray:
    """A 440 Hz tone as 16-bit samples."""
    t = np.arange(round(seconds * rate)) / rate
    return (amplitude * np.sin(2 * np.pi * 440 * t)).astype(np.int16)


def test_a_16k_mono_recording_is_played_as_it_is(tmp_path: Path) -> None:
    """16 kHz mono 16-bit is the listening format: samples pass through unchanged."""
    samples, rate = recording("claim-2.wav")
    turn = read_turn(write_pcm(tmp_path / "a.wav", samples, rate))
    assert rate == LISTEN_RATE
    assert np.array_equal(turn.samples, samples)
    assert (turn.original_rate, turn.original_channels) == (16_000, 1)


@pytest.mark.parametrize("rate", [8_000, 22_050, 44_100, 48_000])
def test_other_rates_are_resampled_to_16k(tmp_path: Path, rate: int) -> None:
    """A phone line's 8 kHz or a laptop's 48 kHz becomes 16 kHz of the same length."""
    turn = read_turn(write_pcm(tmp_path / "a.wav", tone(1.5, rate), rate))
    assert turn.original_rate == rate
    assert turn.seconds == pytest.approx(1.5, abs=0.02)
    assert np.abs(turn.samples).max() > 4000  # the tone survived


def test_stereo_is_mixed_to_mono(tmp_path: Path) -> None:
    """Two channels are averaged: a tone on the left only comes out at half level."""
    left = tone(1.0, 16_000)
    stereo = np.stack([left, np.zeros_like(left)], axis=1).reshape(-1)
    turn = read_turn(write_pcm(tmp_path / "a.wav", stereo, 16_000, channels=2))
    assert turn.original_channels == 2
    assert turn.seconds == pytest.approx(1.0, abs=0.01)
    assert np.abs(turn.samples).max() == pytest.approx(4000, abs=50)


@pytest.mark.parametrize("width", [1, 3, 4])
def test_8_24_and_32_bit_samples_are_read(tmp_path: Path, width: int) -> None:
    """Every PCM width a WAV file may hold is scaled to 16 bits."""
    level = tone(0.5, 16_000).astype(np.int64)
    if width == 1:
        raw = (level // 256 + 128).astype(np.uint8).tobytes()
    elif width == 3:
        wide = (level * 65536).astype("<i4").tobytes()  # its top three bytes: 24-bit
        raw = b"".join(wide[i + 1 : i + 4] for i in range(0, len(wide), 4))
    else:
        raw = (level * 65536).astype("<i4").tobytes()
    path = tmp_path / "a.wav"
    write_pcm(path, np.frombuffer(raw, dtype=np.uint8), 16_000, width=width)
    turn = read_turn(path)
    assert np.abs(turn.samples.astype(int) - tone(0.5, 16_000)).max() <= 256


def test_a_missing_file_is_one_clear_error(tmp_path: Path) -> None:
    """A path that is not there names itself and says so."""
    with pytest.raises(AudioFileError, match=r"nope\.wav: no such file"):
        read_turn(tmp_path / "nope.wav")


def test_a_file_that_is_not_a_wav_is_one_clear_error(tmp_path: Path) -> None:
    """Text, MP3 or anything else is "not a PCM WAV file"."""
    path = tmp_path / "notes.wav"
    path.write_text("this is not audio")
    with pytest.raises(AudioFileError, match="not a PCM WAV file"):
        read_turn(path)


def test_a_directory_is_one_clear_error(tmp_path: Path) -> None:
    """A directory given as a turn is refused by name."""
    with pytest.raises(AudioFileError, match="is a directory"):
        read_turn(tmp_path)


def test_an_empty_recording_is_one_clear_error(tmp_path: Path) -> None:
    """A WAV file with no samples holds no turn."""
    path = write_pcm(tmp_path / "empty.wav", np.zeros(0, dtype=np.int16), 16_000)
    with pytest.raises(AudioFileError, match="holds no audio"):
        read_turn(path)


def test_written_wav_reads_back_the_same(tmp_path: Path) -> None:
    """`write_wav` writes 16-bit mono that `read_turn` reads back unchanged."""
    samples = tone(0.3, 16_000)
    write_wav(tmp_path / "out.wav", samples, 16_000)
    assert np.array_equal(read_turn(tmp_path / "out.wav").samples, samples)


def test_resample_keeps_the_duration() -> None:
    """22.05 kHz (Piper's rate) to 16 kHz keeps a second a second."""
    assert len(resample(tone(1.0, 22_050), 22_050, 16_000)) == pytest.approx(16_000, abs=40)
