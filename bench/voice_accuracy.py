"""Whisper tiny.en against base on phone numbers: exact digits, and the CPU each costs.

Twenty numbers (a fixed seed) are spoken by the packaged Piper voice the way
callers say them ("four oh seven, five five five, zero one two three"), at
16 kHz and after a round trip through 8 kHz (a phone line), and transcribed by
each model with the short encoder window the product uses and with Whisper's
full 30 s window. A number counts only if every digit is right.
"""

from __future__ import annotations

import random
import re
import statistics
import time

import numpy as np
from piper.config import SynthesisConfig

from statecharts import phone_read_back, words_to_digits
from voiceagent.speech.models import piper_voice_files, whisper_model_dir
from voiceagent.speech.piper import PiperEngine
from voiceagent.speech.settings import SpeechSettings
from voiceagent.speech.wavfile import resample
from voiceagent.speech.whisper import WhisperEngine

NUMBERS = 20


def numbers(count: int = NUMBERS) -> list[str]:
    """Ten-digit numbers with Orlando's area codes, the same every run."""
    rng = random.Random(7)
    return [
        rng.choice(["407", "321", "689"]) + f"{rng.randrange(200, 1000)}{rng.randrange(10_000):04d}"
        for _ in range(count)
    ]


def spoken(engine: PiperEngine, digits: str, *, phone_line: bool) -> np.ndarray:
    """The caller saying "My number is ..." as float32 at 16 kHz."""
    text = f"My number is {phone_read_back(digits)}."
    pcm = b"".join(c.audio_int16_bytes for c in engine.voice.synthesize(text, SynthesisConfig()))
    audio = np.frombuffer(pcm, dtype=np.int16)
    if phone_line:
        audio = resample(resample(audio, engine.sample_rate, 8000), 8000, 16_000)
    else:
        audio = resample(audio, engine.sample_rate, 16_000)
    return audio.astype(np.float32) / 32768.0


def digits_heard(text: str) -> str:
    """Every digit in a transcript, spelled-out numbers included."""
    return re.sub(r"\D", "", words_to_digits(text))


def main() -> None:
    """Print exact-number accuracy and CPU per transcription for each model and window."""
    piper = PiperEngine(piper_voice_files(SpeechSettings()))
    wanted = numbers()
    clips = {line: [spoken(piper, n, phone_line=line) for n in wanted] for line in (False, True)}
    print(f"phone numbers heard exactly ({NUMBERS} numbers said digit by digit by Piper):")
    for model in ("tiny.en", "base"):
        directory = whisper_model_dir(SpeechSettings(stt_model=model))
        for window in (10.0, 30.0):
            whisper = WhisperEngine(directory, name=model, window=window)
            for line, audio in clips.items():
                right, cpu = 0, []
                for digits, clip in zip(wanted, audio, strict=True):
                    start = time.process_time()
                    heard = whisper.transcribe(clip)
                    cpu.append(time.process_time() - start)
                    right += digits_heard(heard) == digits
                print(
                    f"  {model:<8} window {window:4.0f} s  {'8 kHz line' if line else '16 kHz':<10}"
                    f"  {right:>2}/{NUMBERS} exact  CPU {statistics.median(cpu):.3f} s/turn"
                )


if __name__ == "__main__":
    main()
