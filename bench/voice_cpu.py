"""CPU time of the offline voice's two models, per turn: what latency costs on an idle machine.

Wall-clock latency on a shared machine measures the neighbours as much as the
code. The CPU the models spend per turn does not: Piper's CPU to its first
sentence is measured in its own thread (one ONNX thread, the caller's); Whisper
computes in CTranslate2's own threads, so its CPU is the whole process's CPU
while it transcribes (an upper bound: the VAD and the event loop run meanwhile).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

from voiceagent.speech.voice import OfflineVoice

_LOCK = threading.Lock()


class CpuMeter:
    """Wraps the voice's engines to record their thread CPU time per call."""

    def __init__(self) -> None:
        self.stt: list[float] = []
        """CPU seconds per transcription."""
        self.tts_first: list[float] = []
        """CPU seconds to Piper's first sentence."""

    def attach(self, voice: OfflineVoice) -> None:
        """Wrap the shared engines of `voice` (for the whole process)."""
        transcribe = voice.whisper.transcribe
        sentences = voice.piper.sentences

        def timed_transcribe(audio: Any) -> str:
            start = time.process_time()
            text = transcribe(audio)
            with _LOCK:
                self.stt.append(time.process_time() - start)
            return text

        def timed_sentences(text: str) -> Iterator[bytes]:
            start = time.thread_time()
            first = True
            for chunk in sentences(text):
                if first:
                    with _LOCK:
                        self.tts_first.append(time.thread_time() - start)
                    first = False
                yield chunk

        voice.whisper.transcribe = timed_transcribe  # type: ignore[method-assign]
        voice.piper.sentences = timed_sentences  # type: ignore[method-assign]
