"""The offline voice for a process: models loaded once, a fresh `Speech` for each call.

A worker loads the voice in its prewarm hook; a spoken call from files and the
tests load it the same way. Loading is cached per process and per settings, so
every call of a process shares one Whisper model, one Piper voice and one VAD.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from livekit.agents import inference, vad
from livekit.agents.voice.turn import TurnDetectionMode, TurnHandlingOptions
from livekit.plugins import silero  # plugins register on the main thread, at import

from voiceagent.session.call import Speech
from voiceagent.speech.models import piper_voice_files, whisper_model_dir
from voiceagent.speech.piper import PiperEngine, PiperTTS
from voiceagent.speech.settings import SpeechSettings
from voiceagent.speech.whisper import WhisperEngine, WhisperSTT

__all__ = ["OfflineVoice", "load_offline_voice"]

_LOCK = threading.Lock()
_LOADED: dict[SpeechSettings, OfflineVoice] = {}


@dataclass(frozen=True, slots=True)
class OfflineVoice:
    """The process's speech models, and how each call is given its ears and voice."""

    settings: SpeechSettings
    whisper: WhisperEngine
    piper: PiperEngine
    vad: vad.VAD
    load_seconds: float
    """How long loading every model took (the worker's prewarm figure)."""

    def speech(self) -> Speech:
        """One call's speech: its own STT and TTS objects over the shared models."""
        s = self.settings
        detector: TurnDetectionMode = (
            inference.TurnDetector(version="v1-mini") if s.turn_detection == "model" else "vad"
        )
        turns: TurnHandlingOptions = {
            "turn_detection": detector,
            "endpointing": {
                "min_delay": s.min_endpointing_delay,
                "max_delay": s.max_endpointing_delay,
            },
            "interruption": {"mode": "vad"},  # the adaptive detector is a cloud model
            "preemptive_generation": {"enabled": False},  # the brain answers in microseconds
        }
        return Speech(
            stt=WhisperSTT(self.whisper),
            tts=PiperTTS(self.piper, sample_rate=s.line_sample_rate),
            vad=self.vad,
            turn_handling=turns,
        )


def load_offline_voice(settings: SpeechSettings | None = None) -> OfflineVoice:
    """The offline voice for `settings`, loaded on first use and shared afterwards.

    Raises:
        VoiceNotInstalledError: a model is not on this machine (the `voice` extra is
            missing, or a configured path holds no model).
    """
    settings = settings or SpeechSettings()
    with _LOCK:
        voice = _LOADED.get(settings)
        if voice is None:
            voice = _load(settings)
            _LOADED[settings] = voice
        return voice


def _load(settings: SpeechSettings) -> OfflineVoice:
    started = time.perf_counter()
    whisper = WhisperEngine(
        whisper_model_dir(settings),
        name=settings.stt_model,
        threads=settings.stt_threads,
        beam_size=settings.stt_beam_size,
        window=settings.stt_window,
    )
    piper = PiperEngine(piper_voice_files(settings))
    vad = silero.VAD.load(min_silence_duration=settings.vad_min_silence)
    return OfflineVoice(
        settings=settings,
        whisper=whisper,
        piper=piper,
        vad=vad,
        load_seconds=time.perf_counter() - started,
    )
