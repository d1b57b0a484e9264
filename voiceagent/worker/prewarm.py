"""Prewarm: what every worker process loads once, before its first call (audit A11).

The settings are validated (every bad variable named), the agency file loaded and
checked, the Silero VAD loaded with the configured parameters and the local
end-of-turn model initialised from the weights inside `livekit-local-inference`
(nothing is downloaded); with the `local` pipeline, the offline voice's Whisper and
Piper models too. A process that cannot prewarm never takes a call.
"""

from __future__ import annotations

import gc
import os
import time
from dataclasses import dataclass
from pathlib import Path

import structlog
from livekit.agents import JobExecutorType, JobProcess, inference, vad
from livekit.agents.voice.turn import TurnDetectionMode
from livekit.plugins import silero  # at module level: plugins register on the main thread

from statecharts import AgencyConfig, default_agency, load_agency
from voiceagent.logs import configure_logging
from voiceagent.speech.voice import OfflineVoice, load_offline_voice
from voiceagent.worker.settings import WorkerSettings, load_settings

__all__ = [
    "ENV_FILE_VARIABLE",
    "LOG_JSON_VARIABLE",
    "PREWARMED",
    "Prewarmed",
    "freeze_loaded_heap",
    "prepare",
    "prewarm",
    "prewarmed",
]

_log = structlog.get_logger(__name__)

PREWARMED = "voiceagent.prewarmed"
"""The key of the prewarmed state in `JobProcess.userdata`."""
ENV_FILE_VARIABLE = "VOICEAGENT_ENV_FILE"
"""Set by `voiceagent start --env-file`, so every worker process reads the same file."""
LOG_JSON_VARIABLE = "VOICEAGENT_WORKER__LOG_JSON"
"""Set by `voiceagent start|dev|console` to the log format the command chose."""


@dataclass(frozen=True, slots=True)
class Prewarmed:
    """One process's loaded state, shared by every call it takes."""

    settings: WorkerSettings
    config: AgencyConfig
    vad: vad.VAD
    detector: TurnDetectionMode
    seconds: float
    """How long prewarm took."""
    voice: OfflineVoice | None = None
    """The offline voice's models, loaded once, when calls are spoken locally."""


def settings_from_environment() -> WorkerSettings:
    """The settings as every process of this worker reads them."""
    env_file = os.environ.get(ENV_FILE_VARIABLE)
    return load_settings(Path(env_file) if env_file else None)


def prepare(settings: WorkerSettings) -> Prewarmed:
    """Load the agency, the VAD and the turn detector for these settings."""
    started = time.perf_counter()
    config = load_agency(settings.agency_file) if settings.agency_file else default_agency()
    voice_activity = silero.VAD.load(
        min_silence_duration=settings.vad.min_silence_duration,
        min_speech_duration=settings.vad.min_speech_duration,
        activation_threshold=settings.vad.activation_threshold,
    )
    detector: TurnDetectionMode = "vad"
    if settings.turn.detector == "model":
        import livekit.local_inference as local  # noqa: PLC0415 - a 35 MB native module

        local.init_eot()  # the weights ship inside the wheel: no download
        detector = inference.TurnDetector(version="v1-mini")
    voice = load_offline_voice(settings.speech) if settings.uses_local_voice else None
    seconds = time.perf_counter() - started
    return Prewarmed(settings, config, voice_activity, detector, seconds, voice)


def prewarm(proc: JobProcess) -> None:
    """LiveKit's setup function: validate and load everything, and say how long it took.

    It runs in each of LiveKit's worker processes, so it also configures their logs
    (format and masking as the command chose; LiveKit keeps its own logging).
    """
    settings = settings_from_environment()
    configure_logging(
        json=bool(settings.worker.log_json), level=settings.worker.log_level, stdlib=False
    )
    prewarmed_state = prepare(settings)
    proc.userdata[PREWARMED] = prewarmed_state
    frozen = freeze_loaded_heap(proc)
    _log.info(
        "prewarm done",
        seconds=round(prewarmed_state.seconds, 3),
        agent_name=prewarmed_state.config.persona.name,
        turn_detector=str(getattr(prewarmed_state.detector, "model", prewarmed_state.detector)),
        frozen_objects=frozen,
    )


def freeze_loaded_heap(proc: JobProcess) -> int:
    """Move what prewarm loaded out of the garbage collector's sight; return how many objects.

    A worker process holds the framework, the models and the agency for its whole
    life, hundreds of thousands of objects that the collector's full pass would
    otherwise walk again and again during calls: a pause of tens of milliseconds
    in the middle of a caller's turn. `gc.freeze()` leaves them out of every later
    pass. Only a process of its own is frozen: with LiveKit's thread executor
    (`console`) the heap is the command's, which may still free what it loaded.
    """
    if proc.executor_type is not JobExecutorType.PROCESS:
        return 0
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def prewarmed(proc: JobProcess) -> Prewarmed:
    """The process's prewarmed state, loading it now if the setup function did not run."""
    state = proc.userdata.get(PREWARMED)
    if not isinstance(state, Prewarmed):
        prewarm(proc)
        state = proc.userdata[PREWARMED]
    assert isinstance(state, Prewarmed)
    return state
