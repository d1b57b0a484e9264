"""LiveKit's grouped turn options, built from the settings (rationale: docs/latency.md)."""

from __future__ import annotations

from livekit.agents.voice.turn import TurnDetectionMode, TurnHandlingOptions

from voiceagent.worker.settings import TurnSettings

__all__ = ["turn_handling"]


def turn_handling(turn: TurnSettings, detector: TurnDetectionMode | None) -> TurnHandlingOptions:
    """Endpointing, interruption, false-interruption resume and preemptive generation.

    Args:
        turn: The turn settings (agency.md §6 values by default).
        detector: The prewarmed end-of-turn model, "vad", or None for text calls.
    """
    return {
        "turn_detection": detector,
        "endpointing": {
            "mode": "fixed",
            "min_delay": turn.min_endpointing_delay,
            "max_delay": turn.max_endpointing_delay,
        },
        "interruption": {
            "enabled": True,
            "mode": "vad",
            "min_duration": turn.min_interruption_duration,
            "resume_false_interruption": turn.resume_false_interruption,
            "false_interruption_timeout": turn.false_interruption_timeout,
        },
        "preemptive_generation": {"enabled": turn.preemptive_generation},
    }
