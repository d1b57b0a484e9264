"""Fake cloud models for the provider chains: each either answers or fails as a cloud would.

A failure is LiveKit's `APIConnectionError`, which the fallback adapters treat as
"try the next one"; an answering fake records what it was asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from livekit import rtc
from livekit.agents import APIConnectionError, llm, stt, tts
from livekit.agents.types import DEFAULT_API_CONNECT_OPTIONS, NOT_GIVEN, APIConnectOptions
from livekit.agents.utils import AudioBuffer

from voiceagent.brain import OfflineBrain

SAMPLE_RATE = 24_000


class CloudLLM(OfflineBrain):
    """A stand-in for a cloud model: decides like the offline brain, under its own name."""

    def __init__(self, name: str, *, down: bool = False) -> None:
        super().__init__()
        self._name = name
        self.down = down
        self.answered = 0

    @property
    def model(self) -> str:
        return self._name

    @property
    def provider(self) -> str:
        return "fake-cloud"

    def chat(self, **kwargs: Any) -> llm.LLMStream:
        if self.down:
            return _Down(
                self,
                chat_ctx=kwargs["chat_ctx"],
                tools=kwargs.get("tools") or [],
                conn_options=kwargs.get("conn_options", DEFAULT_API_CONNECT_OPTIONS),
            )
        self.answered += 1
        return super().chat(**kwargs)


class _Down(llm.LLMStream):
    async def _run(self) -> None:
        raise APIConnectionError("the cloud model is unreachable")


class CloudSTT(stt.STT):
    """A recognizer that hears `text`, or fails."""

    def __init__(self, name: str, *, text: str = "", down: bool = False) -> None:
        super().__init__(capabilities=stt.STTCapabilities(streaming=True, interim_results=False))
        self._name = name
        self._text = text
        self.down = down
        self.heard = 0

    @property
    def model(self) -> str:
        return self._name

    async def _recognize_impl(
        self, buffer: AudioBuffer, *, language: Any = NOT_GIVEN, conn_options: APIConnectOptions
    ) -> stt.SpeechEvent:
        if self.down:
            raise APIConnectionError("the cloud recognizer is unreachable")
        self.heard += 1
        return stt.SpeechEvent(
            type=stt.SpeechEventType.FINAL_TRANSCRIPT,
            alternatives=[stt.SpeechData(language="en", text=self._text)],
        )


class CloudTTS(tts.TTS):
    """A voice that records every text it synthesises, or fails."""

    def __init__(self, voice: str, *, down: bool = False) -> None:
        super().__init__(
            capabilities=tts.TTSCapabilities(streaming=False),
            sample_rate=SAMPLE_RATE,
            num_channels=1,
        )
        self.voice = voice
        self.down = down
        self.spoken: list[str] = []

    @property
    def model(self) -> str:
        return f"fake-voice:{self.voice}"

    def synthesize(
        self, text: str, *, conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS
    ) -> tts.ChunkedStream:
        return _Chunked(tts=self, input_text=text, conn_options=conn_options)


class _Chunked(tts.ChunkedStream):
    async def _run(self, output_emitter: tts.AudioEmitter) -> None:
        voice = self._tts
        assert isinstance(voice, CloudTTS)
        if voice.down:
            raise APIConnectionError("the cloud voice is unreachable")
        voice.spoken.append(self.input_text)
        output_emitter.initialize(
            request_id="fake", sample_rate=SAMPLE_RATE, num_channels=1, mime_type="audio/pcm"
        )
        output_emitter.push(b"\x00\x00" * (SAMPLE_RATE // 100))
        output_emitter.flush()


@dataclass
class FakeModels:
    """A `ModelFactory` of fakes; names listed in `down` fail."""

    down: set[str] = field(default_factory=set)
    heard: str = ""
    made: dict[str, Any] = field(default_factory=dict)

    def stt(self, model: str, *, language: str, options: dict[str, Any]) -> stt.STT:
        made = CloudSTT(model, text=self.heard, down=model in self.down)
        self.made[model] = (made, language, options)
        return made

    def llm(self, model: str) -> llm.LLM:
        made = CloudLLM(model, down=model in self.down)
        self.made[model] = made
        return made

    def tts(self, model: str, *, voice: str, speed: float) -> tts.TTS:
        made = CloudTTS(voice, down=voice in self.down)
        self.made[voice] = (made, model, speed)
        return made


def silence(seconds: float = 0.1) -> rtc.AudioFrame:
    """A frame of silence to recognise."""
    samples = int(16_000 * seconds)
    return rtc.AudioFrame(b"\x00\x00" * samples, 16_000, 1, samples)
