"""Reading a caller's recording and writing the receptionist's, as WAV files.

A caller's turn may come at any rate and with any number of channels (a phone
line's 8 kHz, a laptop's 48 kHz stereo): it is mixed to mono and resampled to
the rate the call listens at, never refused for its format. What cannot be read
as PCM WAV is an `AudioFileError` whose message names the file and the problem.
"""

from __future__ import annotations

import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from livekit import rtc

__all__ = [
    "LISTEN_RATE",
    "AudioFileError",
    "CallerTurn",
    "read_turn",
    "resample",
    "write_wav",
]

LISTEN_RATE = 16_000
"""The rate a call listens at: caller turns are resampled to it."""
_MAX_SECONDS = 300.0
"""Longest caller turn taken: five minutes is not one turn of a phone call."""
_WIDTHS = {1: np.uint8, 2: np.int16, 4: np.int32}

Samples = np.ndarray[Any, np.dtype[np.int16]]


class AudioFileError(ValueError):
    """A caller recording that cannot be played, with the reason in words."""


@dataclass(frozen=True, slots=True)
class CallerTurn:
    """One caller turn, ready to play: 16-bit mono samples at `LISTEN_RATE`."""

    path: Path
    samples: Samples
    original_rate: int
    original_channels: int

    @property
    def seconds(self) -> float:
        """How long the turn lasts."""
        return len(self.samples) / LISTEN_RATE


def read_turn(path: Path) -> CallerTurn:
    """Read a PCM WAV file as one caller turn (mixed to mono, resampled to 16 kHz)."""
    try:
        with wave.open(str(path), "rb") as wav:
            rate, channels, width = wav.getframerate(), wav.getnchannels(), wav.getsampwidth()
            count = wav.getnframes()
            if rate <= 0 or channels <= 0:
                msg = f"{path}: a WAV file with no sample rate or no channels"
                raise AudioFileError(msg)
            if count / rate > _MAX_SECONDS:
                msg = f"{path}: {count / rate:.0f} s is too long for one caller turn (at most 300)"
                raise AudioFileError(msg)
            raw = wav.readframes(count)
    except FileNotFoundError:
        msg = f"{path}: no such file"
        raise AudioFileError(msg) from None
    except IsADirectoryError:
        msg = f"{path}: is a directory, not a WAV file"
        raise AudioFileError(msg) from None
    except (wave.Error, EOFError) as error:
        msg = f"{path}: not a PCM WAV file ({str(error) or 'truncated'})"
        raise AudioFileError(msg) from None
    except OSError as error:
        msg = f"{path}: cannot read it ({error.strerror or error})"
        raise AudioFileError(msg) from None
    mono = _mono_int16(raw, width, channels, path)
    if len(mono) == 0:
        msg = f"{path}: holds no audio"
        raise AudioFileError(msg)
    return CallerTurn(path, resample(mono, rate, LISTEN_RATE), rate, channels)


def _mono_int16(raw: bytes, width: int, channels: int, path: Path) -> Samples:
    if width == 3:  # 24-bit: widen each sample to 32 bits
        bytes3 = np.frombuffer(raw[: len(raw) // 3 * 3], dtype=np.uint8).reshape(-1, 3)
        padded = np.zeros((len(bytes3), 4), dtype=np.uint8)
        padded[:, 1:] = bytes3
        data = padded.view("<i4").reshape(-1).astype(np.float64) / 65536.0
    elif width in _WIDTHS:
        data = np.frombuffer(raw[: len(raw) // width * width], dtype=_WIDTHS[width]).astype(
            np.float64
        )
        if width == 1:
            data = (data - 128.0) * 256.0
        elif width == 4:
            data = data / 65536.0
    else:
        msg = f"{path}: {width * 8}-bit samples are not supported (8, 16, 24 or 32)"
        raise AudioFileError(msg)
    usable = len(data) // channels * channels
    mono = data[:usable].reshape(-1, channels).mean(axis=1)
    samples: Samples = np.clip(np.round(mono), -32768, 32767).astype(np.int16)
    return samples


def resample(samples: Samples, rate: int, to: int) -> Samples:
    """16-bit mono samples at `rate`, resampled to `to`."""
    if rate == to:
        return samples
    resampler = rtc.AudioResampler(input_rate=rate, output_rate=to, num_channels=1)
    frame = rtc.AudioFrame(samples.tobytes(), rate, 1, len(samples))
    out = [*resampler.push(frame), *resampler.flush()]
    parts = [np.frombuffer(f.data, dtype=np.int16) for f in out] or [samples[:0]]
    joined: Samples = np.concatenate(parts)
    return joined


def write_wav(path: Path, samples: Samples, rate: int) -> None:
    """Write 16-bit mono samples as a WAV file."""
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(samples.astype(np.int16).tobytes())
