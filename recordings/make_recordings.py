"""Make the caller recordings in this folder with the offline voice's Piper (nothing downloaded).

Run `uv run python recordings/make_recordings.py` to remake them. Each turn is
16 kHz mono 16-bit, spoken a little slower than the receptionist (a caller on
the phone), so the shipped files stay small and any machine can rebuild them.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from piper.config import SynthesisConfig

from voiceagent.speech.models import piper_voice_files
from voiceagent.speech.piper import PiperEngine
from voiceagent.speech.settings import SpeechSettings
from voiceagent.speech.wavfile import LISTEN_RATE, resample, write_wav

HERE = Path(__file__).resolve().parent

TURNS: dict[str, str] = {
    # A claim after hours: the carrier's 24/7 line, then goodbye.
    "claim-1": "Hi, I need to report a claim. A tree fell on my car last night.",
    "claim-2": "It's Progressive.",
    "claim-3": "That's all, thank you.",
    # A personal quote during office hours: the intake, the number read back, a transfer.
    "quote-1": "Hi, I'd like a quote for my car insurance.",
    "quote-2": "My name is Kelly Thompson. T, H, O, M, P, S, O, N.",
    "quote-3": "My number is four oh seven, three one two, six four nine oh.",
    "quote-4": "Yes, that's right.",
    # A caller who hears their number read back wrong.
    "no": "No, that's not right.",
}
"""Each recording's words, by file name."""

_CALLER = SynthesisConfig(length_scale=1.1)
"""A little slower than the receptionist, as people speak on the phone."""


def main() -> None:
    """Synthesize every turn and write it beside this script."""
    engine = PiperEngine(piper_voice_files(SpeechSettings()))
    for name, text in TURNS.items():
        pcm = b"".join(chunk.audio_int16_bytes for chunk in engine.voice.synthesize(text, _CALLER))
        samples = resample(np.frombuffer(pcm, dtype=np.int16), engine.sample_rate, LISTEN_RATE)
        write_wav(HERE / f"{name}.wav", samples, LISTEN_RATE)
        print(f"{name}.wav  {len(samples) / LISTEN_RATE:4.1f} s  {text}")


if __name__ == "__main__":
    main()
