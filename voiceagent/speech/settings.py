"""Settings of the offline voice, read from the environment (`VOICEAGENT_...`).

The worker's settings compose these; a spoken call from files reads them too.
Every model has a default that ships inside a package of the `voice` extra, so
nothing is ever downloaded: a path setting only points at another local copy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["PACKAGED_WHISPER_MODELS", "SpeechSettings"]

PACKAGED_WHISPER_MODELS = ("tiny.en", "base")
"""Whisper models that ship inside the `voice` extra's packages."""


class SpeechSettings(BaseSettings):
    """How the receptionist hears and speaks on a call with the offline voice."""

    model_config = SettingsConfigDict(env_prefix="VOICEAGENT_", extra="ignore", frozen=True)

    stt_model: str = Field(
        default="tiny.en",
        description=(
            "The Whisper model: 'tiny.en' (fast; may drop a repeated digit), 'base' (exact "
            "digits, about twice the CPU), or the path of a CTranslate2 Whisper model directory"
        ),
    )
    stt_threads: int = Field(default=1, ge=1, le=16, description="CPU threads per transcription")
    stt_beam_size: int = Field(default=1, ge=1, le=10, description="Whisper beam size")
    stt_window: float = Field(
        default=10.0,
        ge=5.0,
        le=30.0,
        description=(
            "Seconds of audio Whisper's encoder sees for a short turn (30 is Whisper's own "
            "window; 10 gives the same words for phone turns at a quarter of the CPU)"
        ),
    )
    model_cache_dir: Path = Field(
        default=Path.home() / ".cache" / "statechart-receptionist",
        description="Where the packaged Whisper base model is joined from its two parts, once",
    )
    tts_voice: Path | None = Field(
        default=None,
        description="A Piper voice (.onnx, its .onnx.json beside it); default: the packaged joe",
    )
    line_sample_rate: int = Field(
        default=16_000,
        ge=8_000,
        le=48_000,
        description="The rate the receptionist's voice is resampled to for the line",
    )
    turn_detection: Literal["vad", "model"] = Field(
        default="vad",
        description=(
            "'vad': end the turn on silence (then the transcript); 'model': LiveKit's local "
            "end-of-turn model as well, which waits up to max_endpointing_delay when it judges "
            "the caller unfinished (measured: +0.35 s median, +0.7 s p95, see performance.md)"
        ),
    )
    vad_min_silence: float = Field(
        default=0.35, ge=0.1, le=2.0, description="Silence (s) that ends a stretch of speech"
    )
    min_endpointing_delay: float = Field(
        default=0.3, ge=0.0, le=5.0, description="Least wait (s) after speech before replying"
    )
    max_endpointing_delay: float = Field(
        default=2.5, ge=0.5, le=10.0, description="Longest wait (s) when the turn seems unfinished"
    )
