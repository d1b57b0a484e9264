"""The speech and language models of a call, each behind a fallback chain.

With LiveKit Inference (agency.md §6): speech-to-text AssemblyAI universal-streaming
then Deepgram nova-3; the LLM seat gpt-4.1, then gpt-4.1-mini, then the offline
brain, so a cloud outage never drops a call; text-to-speech Cartesia sonic-3 in the
primary voice, then the backup voice. Without credentials the offline brain holds
the LLM seat alone and there is no cloud speech.

Inference objects raise at construction without a key, so the models come from a
`ModelFactory`: LiveKit Inference in production, fakes in tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from livekit.agents import inference, llm, stt, tts, vad

from voiceagent.worker.settings import ProviderSettings, WorkerSettings

__all__ = [
    "InferenceModels",
    "ModelFactory",
    "Pipeline",
    "build_pipeline",
]


class ModelFactory(Protocol):
    """Makes one cloud model by its LiveKit Inference name."""

    def stt(self, model: str, *, language: str, options: dict[str, Any]) -> stt.STT[Any]:
        """A speech-to-text model."""
        ...

    def llm(self, model: str) -> llm.LLM[Any]:
        """A language model."""
        ...

    def tts(self, model: str, *, voice: str, speed: float) -> tts.TTS[Any]:
        """A text-to-speech model in one voice."""
        ...


class InferenceModels:
    """LiveKit Inference models, authenticated with the worker's LiveKit key and secret."""

    def __init__(self, api_key: str, api_secret: str) -> None:
        self._key = api_key
        self._secret = api_secret

    def stt(self, model: str, *, language: str, options: dict[str, Any]) -> stt.STT[Any]:
        """An Inference STT; provider options travel in `extra_kwargs` (agency.md §6)."""
        return inference.STT(
            model,  # any Inference name; the server validates it
            language=language,
            api_key=self._key,
            api_secret=self._secret,
            extra_kwargs=options,
        )

    def llm(self, model: str) -> llm.LLM[Any]:
        """An Inference LLM."""
        return inference.LLM(model, api_key=self._key, api_secret=self._secret)

    def tts(self, model: str, *, voice: str, speed: float) -> tts.TTS[Any]:
        """An Inference TTS in one voice at the agency's speed."""
        return inference.TTS(
            model,  # any Inference name; the server validates it
            voice=voice,
            api_key=self._key,
            api_secret=self._secret,
            extra_kwargs={"speed": speed},
        )


@dataclass(frozen=True, slots=True)
class Pipeline:
    """What fills each seat of a call's session."""

    llm: llm.LLM[Any]
    stt: stt.STT[Any] | None = None
    tts: tts.TTS[Any] | None = None

    @property
    def spoken(self) -> bool:
        """Whether the call has ears and a voice (else it is a text call)."""
        return self.stt is not None and self.tts is not None


def stt_options(model: str, settings: ProviderSettings) -> dict[str, Any]:
    """Provider options for one STT model: AssemblyAI's end-of-turn tuning, else none."""
    if model.startswith("assemblyai/"):
        return {
            "end_of_turn_confidence_threshold": settings.end_of_turn_confidence,
            "min_end_of_turn_silence_when_confident": settings.min_end_of_turn_silence_ms,
            "max_turn_silence": settings.max_turn_silence_ms,
        }
    return {}


def build_pipeline(
    settings: WorkerSettings,
    *,
    brain: llm.LLM[Any],
    vad: vad.VAD | None,
    models: ModelFactory | None = None,
) -> Pipeline:
    """The call's models: Inference chains ending in the offline brain, or the brain alone.

    Args:
        settings: The worker's settings (`providers` picks the models).
        brain: The offline brain, always the last LLM of the chain.
        vad: The prewarmed VAD, which lets a non-streaming STT fall back too.
        models: Where cloud models come from; LiveKit Inference by default.
    """
    if not settings.uses_inference:
        return Pipeline(llm=brain)
    factory = _factory(settings, models)
    chosen = settings.providers
    ears = [
        factory.stt(m, language=chosen.stt_language, options=stt_options(m, chosen))
        for m in chosen.stt_models
    ]
    seat = [factory.llm(m) for m in chosen.llm_models]
    voices = [
        factory.tts(chosen.tts_model, voice=v, speed=chosen.tts_speed) for v in chosen.tts_voices
    ]
    return Pipeline(
        llm=llm.FallbackAdapter([*seat, brain]),
        stt=stt.FallbackAdapter(ears, vad=vad),
        tts=tts.FallbackAdapter(voices),
    )


def _factory(settings: WorkerSettings, models: ModelFactory | None) -> ModelFactory:
    if models is not None:
        return models
    key, secret = settings.livekit_api_key, settings.livekit_api_secret
    assert key is not None  # uses_inference checked both
    assert secret is not None
    return InferenceModels(key, secret.get_secret_value())
