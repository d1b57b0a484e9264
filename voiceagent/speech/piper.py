"""Text-to-speech with Piper, as a LiveKit `tts.TTS`, resampled to the line's rate.

Piper speaks a sentence at a time; each sentence's audio is pushed as soon as it
is ready, so the caller hears the first words while the rest is synthesized. The
voice's ONNX session is loaded once per process and shared by every call.
Pronunciations (the agency's spoken names) are applied before text reaches here,
by the speech adapters; this class says exactly what it is given.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from livekit import rtc
from livekit.agents import APIConnectOptions, tts
from livekit.agents.types import DEFAULT_API_CONNECT_OPTIONS
from livekit.agents.utils import shortuuid

if TYPE_CHECKING:
    from piper import PiperVoice

    from voiceagent.speech.models import PiperVoiceFiles

__all__ = ["PiperEngine", "PiperTTS"]

_DONE = object()
"""Marks the end of a synthesis on the queue between Piper's thread and the loop."""


class PiperEngine:
    """A Piper voice's ONNX session, loaded once per process; it never downloads anything."""

    def __init__(self, files: PiperVoiceFiles, *, threads: int = 1) -> None:
        import onnxruntime  # noqa: PLC0415 - an optional extra
        from piper import PiperVoice  # noqa: PLC0415
        from piper.config import PiperConfig  # noqa: PLC0415

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        config = PiperConfig.from_dict(json.loads(files.config.read_text(encoding="utf-8")))
        session = onnxruntime.InferenceSession(
            str(files.model), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self.voice: PiperVoice = PiperVoice(config=config, session=session)
        """Piper's own voice object (for tools that synthesize outside a call)."""
        self.name = files.model.stem
        """The voice's name ("en_US-joe-medium")."""

    @property
    def sample_rate(self) -> int:
        """The rate the voice synthesizes at."""
        return int(self.voice.config.sample_rate)

    def sentences(self, text: str) -> Iterator[bytes]:
        """16-bit mono PCM at the voice's own rate, one sentence at a time (blocking)."""
        for chunk in self.voice.synthesize(text):
            yield chunk.audio_int16_bytes


class PiperTTS(tts.TTS[Any]):
    """One call's text-to-speech over the shared Piper engine, at the line's rate."""

    def __init__(self, engine: PiperEngine, *, sample_rate: int) -> None:
        super().__init__(
            capabilities=tts.TTSCapabilities(streaming=False),
            sample_rate=sample_rate,
            num_channels=1,
        )
        self.engine = engine

    @property
    def model(self) -> str:
        """The voice's name ("piper-en_US-joe-medium")."""
        return f"piper-{self.engine.name}"

    @property
    def provider(self) -> str:
        """Where the voice runs."""
        return "piper"

    def synthesize(
        self, text: str, *, conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS
    ) -> tts.ChunkedStream:
        """Speak `text`: audio at the line's rate, pushed sentence by sentence."""
        return _PiperStream(tts=self, input_text=text, conn_options=conn_options)


class _PiperStream(tts.ChunkedStream):
    async def _run(self, output_emitter: tts.AudioEmitter) -> None:
        voice = self._tts
        assert isinstance(voice, PiperTTS)
        engine, rate = voice.engine, voice.sample_rate
        output_emitter.initialize(
            request_id=shortuuid(), sample_rate=rate, num_channels=1, mime_type="audio/pcm"
        )
        resampler = (
            rtc.AudioResampler(input_rate=engine.sample_rate, output_rate=rate, num_channels=1)
            if engine.sample_rate != rate
            else None
        )
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[object] = asyncio.Queue()

        def produce() -> None:
            try:
                for pcm in engine.sentences(self._input_text):
                    loop.call_soon_threadsafe(queue.put_nowait, pcm)
            finally:
                loop.call_soon_threadsafe(queue.put_nowait, _DONE)

        worker = loop.run_in_executor(None, produce)
        while (item := await queue.get()) is not _DONE:
            assert isinstance(item, bytes)
            for pcm in _resampled(resampler, item, engine.sample_rate):
                output_emitter.push(pcm)
        await worker  # re-raises an error Piper hit
        if resampler is not None:
            for frame in resampler.flush():
                output_emitter.push(bytes(frame.data))
        output_emitter.flush()


def _resampled(resampler: rtc.AudioResampler | None, pcm: bytes, rate: int) -> list[bytes]:
    if resampler is None:
        return [pcm]
    frame = rtc.AudioFrame(pcm, rate, 1, len(pcm) // 2)
    return [bytes(out.data) for out in resampler.push(frame) if len(out.data)]
