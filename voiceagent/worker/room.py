"""How the call's session joins the room: every room option set on purpose (audit A3).

Noise cancellation is chosen per participant: the telephony-tuned model for a SIP
caller, the standard one otherwise. The session closes when the caller leaves and
deletes the room when it closes, so a SIP leg never lingers; it accepts SIP and
standard participants. A call without cloud speech (the offline brain alone) is a
text call in the room: its audio options are off, its text options on.
"""

from __future__ import annotations

from livekit import rtc
from livekit.agents import room_io
from livekit.agents.voice.room_io.types import NoiseCancellationParams
from livekit.plugins import noise_cancellation

__all__ = [
    "CALLER_KINDS",
    "SIP_NUMBER_ATTRIBUTE",
    "caller_number",
    "is_sip",
    "noise_cancellation_for",
    "room_options",
]

CALLER_KINDS = [
    rtc.ParticipantKind.PARTICIPANT_KIND_SIP,
    rtc.ParticipantKind.PARTICIPANT_KIND_STANDARD,
]
"""Who the session answers: phone callers over SIP, and people in a browser or app."""

SIP_NUMBER_ATTRIBUTE = "sip.phoneNumber"
"""The participant attribute in which LiveKit SIP puts the caller's number."""


def is_sip(participant: rtc.Participant) -> bool:
    """Whether the participant reached the room over SIP (a phone call)."""
    return bool(participant.kind == rtc.ParticipantKind.PARTICIPANT_KIND_SIP)


def noise_cancellation_for(
    params: NoiseCancellationParams,
) -> rtc.NoiseCancellationOptions:
    """BVCTelephony for a phone caller, BVC for everyone else (agency.md §5)."""
    if is_sip(params.participant):
        return noise_cancellation.BVCTelephony()
    return noise_cancellation.BVC()


def room_options(*, spoken: bool) -> room_io.RoomOptions:
    """The call's room options, none left to a default.

    Args:
        spoken: Whether the call has speech-to-text and text-to-speech; without
            them the caller and the receptionist exchange text in the room.
    """
    audio_input: room_io.AudioInputOptions | bool = (
        room_io.AudioInputOptions(noise_cancellation=noise_cancellation_for) if spoken else False
    )
    return room_io.RoomOptions(
        audio_input=audio_input,
        audio_output=spoken,
        text_input=True,
        text_output=True,
        video_input=False,
        participant_kinds=list(CALLER_KINDS),
        close_on_disconnect=True,
        delete_room_on_close=True,
    )


def caller_number(participant: rtc.Participant | None) -> str | None:
    """The caller's number, for a SIP caller whose trunk passed it on; else None."""
    if participant is None or not is_sip(participant):
        return None
    number = participant.attributes.get(SIP_NUMBER_ATTRIBUTE, "").strip()
    return number or None
