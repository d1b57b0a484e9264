"""Room options, noise cancellation per caller, the caller's number, and turn options."""

from __future__ import annotations

import pytest
from livekit import rtc
from livekit.agents import room_io
from livekit.agents.voice.room_io.types import NoiseCancellationParams
from livekit.plugins import noise_cancellation

from tests.voiceagent.worker.job import CALLER_NUMBER, participant
from voiceagent.brain import OfflineBrain
from voiceagent.session.call import Speech
from voiceagent.worker import entry, prewarm
from voiceagent.worker.providers import build_pipeline
from voiceagent.worker.room import caller_number, noise_cancellation_for, room_options
from voiceagent.worker.settings import TurnSettings, WorkerSettings
from voiceagent.worker.turns import turn_handling

pytestmark = pytest.mark.unit

BOTH_KINDS = [
    rtc.ParticipantKind.PARTICIPANT_KIND_SIP,
    rtc.ParticipantKind.PARTICIPANT_KIND_STANDARD,
]


def _model(options: rtc.NoiseCancellationOptions) -> str:
    return str(options.options["modelPath"])


def test_a_phone_caller_gets_the_telephony_model() -> None:
    """A SIP caller's audio is cleaned with BVCTelephony (audit A3)."""
    chosen = noise_cancellation_for(NoiseCancellationParams(participant(sip=True), None))  # type: ignore[arg-type]
    assert _model(chosen) == _model(noise_cancellation.BVCTelephony())


def test_a_browser_caller_gets_the_standard_model() -> None:
    """Anyone else's audio is cleaned with BVC."""
    chosen = noise_cancellation_for(NoiseCancellationParams(participant(sip=False), None))  # type: ignore[arg-type]
    assert _model(chosen) == _model(noise_cancellation.BVC())
    assert _model(chosen) != _model(noise_cancellation.BVCTelephony())


def test_spoken_room_options_are_all_explicit() -> None:
    """Audio in with the per-caller selector, audio out, close on disconnect, delete, kinds."""
    options = room_options(spoken=True)
    assert isinstance(options.audio_input, room_io.AudioInputOptions)
    assert options.audio_input.noise_cancellation is noise_cancellation_for
    assert options.audio_output is True
    assert options.text_input is True
    assert options.text_output is True
    assert options.video_input is False
    assert options.participant_kinds == BOTH_KINDS
    assert options.close_on_disconnect is True
    assert options.delete_room_on_close is True


def test_a_call_without_speech_is_a_text_call_in_the_room() -> None:
    """With the offline brain alone, audio is off and text carries the call."""
    options = room_options(spoken=False)
    assert options.audio_input is False
    assert options.audio_output is False
    assert options.text_input is True
    assert options.close_on_disconnect is True
    assert options.delete_room_on_close is True


@pytest.mark.parametrize(
    ("who", "number"),
    [
        (participant(sip=True), CALLER_NUMBER),
        (participant(sip=True, number=None), None),
        (participant(sip=True, number="  "), None),
        (participant(sip=False, number=CALLER_NUMBER), None),
        (None, None),
    ],
)
def test_the_caller_number_comes_from_a_sip_participant(
    who: rtc.RemoteParticipant | None, number: str | None
) -> None:
    """Only a SIP caller's `sip.phoneNumber` counts as the caller's number."""
    assert caller_number(who) == number


def test_turn_options_carry_the_settings() -> None:
    """Endpointing, interruption, resume and preemptive generation come from the settings."""
    options = turn_handling(TurnSettings(), "vad")
    assert options["turn_detection"] == "vad"
    assert options["endpointing"] == {"mode": "fixed", "min_delay": 0.3, "max_delay": 1.5}
    assert options["interruption"]["min_duration"] == 0.3
    assert options["interruption"]["false_interruption_timeout"] == 1.5
    assert options["interruption"]["resume_false_interruption"] is True
    assert options["preemptive_generation"] == {"enabled": True}
    tuned = turn_handling(
        TurnSettings(min_endpointing_delay=0.5, preemptive_generation=False), None
    )
    assert tuned["endpointing"]["min_delay"] == 0.5
    assert tuned["preemptive_generation"] == {"enabled": False}


def test_the_local_pipeline_speaks_with_the_offline_voice(monkeypatch: pytest.MonkeyPatch) -> None:
    """With `local`, prewarm loads the offline voice and each call gets its ears and voice."""
    speech = Speech(turn_handling={"turn_detection": "vad"})

    class Voice:
        def speech(self) -> Speech:
            return speech

    loaded: list[object] = []

    def load(voice_settings: object) -> Voice:
        loaded.append(voice_settings)
        return Voice()

    monkeypatch.setattr(prewarm, "load_offline_voice", load)
    settings = WorkerSettings(providers={"pipeline": "local"}, turn={"detector": "vad"})
    state = prewarm.prepare(settings)
    assert loaded == [settings.speech]
    pipeline = build_pipeline(settings, brain=OfflineBrain(), vad=state.vad)
    assert entry._speech(pipeline, state) is speech
