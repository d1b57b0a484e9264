"""Spoken calls end to end: caller recordings in, the receptionist's voice out.

Each call runs through a real `AgentSession` with the offline voice (VAD, turn
detection, Whisper, the chart, the brain, Piper) at real-time pace. What the
receptionist said is then transcribed back from its audio and compared with
the transcript: the voice says what the call says.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from statecharts import default_agency
from tests.voiceagent.speech.conftest import RECORDINGS, write_pcm
from voiceagent.cli.main import main
from voiceagent.scripted.simulate import call_report
from voiceagent.speech.spoken_call import SpokenCall, run_spoken_call
from voiceagent.speech.voice import OfflineVoice
from voiceagent.speech.wavfile import read_turn

pytestmark = pytest.mark.slow

AFTER_HOURS = "2026-11-24T19:30"
"""A Tuesday evening: the office is closed."""
OFFICE_HOURS = datetime(2026, 11, 24, 10, 0)
"""A Tuesday morning: the office is open."""


def words(text: str) -> set[str]:
    """The words of three letters or more, lower-cased (digits and names vary in ASR)."""
    return set(re.findall(r"[a-z']{3,}", text.lower()))


def overlap(said: str, heard: str) -> float:
    """The share of the transcript's words found in what was heard back."""
    expected = words(said)
    return len(expected & words(heard)) / len(expected)


def heard_back(voice: OfflineVoice, audio: np.ndarray) -> str:
    """The receptionist's recording transcribed with the call's own Whisper."""
    return voice.whisper.transcribe(audio.astype(np.float32) / 32768.0)


def agent_lines(report: dict) -> str:
    return " ".join(line["text"] for line in report["transcript"] if line["speaker"] == "agent")


def test_claim_after_hours_gets_the_carrier_line_and_ends(
    tmp_path: Path, voice: OfflineVoice, capsys: pytest.CaptureFixture[str]
) -> None:
    """After hours, a spoken claim reaches the carrier's 24/7 line and a goodbye (the CLI)."""
    out = tmp_path / "agent.wav"
    turns = [str(RECORDINGS / f"claim-{n}.wav") for n in (1, 2, 3)]
    argv = ["call", "--audio", *turns, "--out", str(out), "--at", AFTER_HOURS, "--json"]
    assert main([*argv, "--store", str(tmp_path / "calls.sqlite3")]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {
        "at", "caller_number", "phone_read_back", "brain",
        "states", "outcome", "caller", "transcript", "events", "error",
    }  # fmt: skip
    assert report["error"] is None
    assert report["phone_read_back"] is True
    assert report["states"] == [
        "greeting",
        "triage",
        "triage.listening",
        "claims",
        "claims.carrier_question",
        "claims.carrier_given",
        "ended",
    ]
    assert report["outcome"] == {"kind": "answered", "target": None}
    assert report["caller"]["intent"] == "claims"
    assert {"name": "name_carrier", "args": {"carrier": "progressive"}} in [
        {"name": e["name"], "args": {k: v.lower() for k, v in e["args"].items()}}
        for e in report["events"]
    ]
    said = agent_lines(report)
    assert "8 0 0, 2 7 4, 4 4 9 9" in said  # Progressive's claims line, digit by digit
    recording = read_turn(out)
    assert recording.original_rate == 16_000
    assert overlap(said, heard_back(voice, recording.samples)) >= 0.7


async def test_personal_quote_in_office_hours_reads_the_number_back_and_transfers(
    voice: OfflineVoice,
) -> None:
    """A spoken quote: intake, the number read back and confirmed, then Brad (M-Z new business)."""
    turns = [read_turn(RECORDINGS / f"quote-{n}.wav") for n in (1, 2, 3, 4)]
    call: SpokenCall = await run_spoken_call(default_agency(), OFFICE_HOURS, turns, voice)
    report = call_report(call.run)
    assert report["outcome"]["kind"] == "transfer"
    assert report["outcome"]["target"]["name"] == "Brad"
    assert report["caller"]["phone"] == "4073126490"
    assert report["caller"]["first_name"] == "Kelly"
    assert report["caller"]["insurance_type"] == "personal"
    assert [e["name"] for e in report["events"]].count("confirm_phone") == 1
    said = agent_lines(report)
    assert "four oh seven, three one two, six four nine oh. Is that right?" in said
    assert all(turn.heard for turn in call.turns), "every caller turn was heard"
    assert call.unplayed == []
    assert call.agent_audio is not None
    assert overlap(said, heard_back(voice, call.agent_audio)) >= 0.7


async def test_noise_then_silence_gets_the_check_in_then_the_end_of_the_call(
    tmp_path: Path, voice: OfflineVoice
) -> None:
    """Noise is not a caller's words; silence after it brings the check-in, then goodbye."""
    rng = np.random.default_rng(7)
    noise = (rng.normal(0, 1500, 32_000)).astype(np.int16)
    silence = np.zeros(16_000, dtype=np.int16)
    turns = [
        read_turn(write_pcm(tmp_path / "noise.wav", noise, 16_000)),
        read_turn(write_pcm(tmp_path / "silence.wav", silence, 16_000)),
    ]
    call = await run_spoken_call(
        default_agency(), OFFICE_HOURS, turns, voice, user_away_timeout=2.0
    )
    report = call_report(call.run)
    assert report["outcome"] == {"kind": "hung_up", "target": None}
    assert report["states"][-1] == "ended"
    said = agent_lines(report)
    assert "Just checking in." in said
    assert "It seems we got disconnected." in said
    caller = [line for line in report["transcript"] if line["speaker"] == "caller"]
    assert [line.get("note") for line in caller] == ["silence", "silence"]  # noise: no turn
