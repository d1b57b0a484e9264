"""`voiceagent call --audio`: what a user can get wrong ends in one line and status 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from voiceagent.cli.main import main

pytestmark = pytest.mark.cli

RECORDING = str(Path(__file__).resolve().parents[3] / "recordings" / "no.wav")


def error_line(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    """Run the command, expect status 2, and return its one line on standard error."""
    assert main(["call", *argv]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("voiceagent call: error: ")
    return lines[0]


def test_a_missing_recording(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A turn that is not there is named."""
    line = error_line(capsys, ["--audio", str(tmp_path / "gone.wav"), "--out", "x.wav"])
    assert line.endswith("gone.wav: no such file")


def test_a_recording_that_is_not_a_wav(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A text file given as a turn is "not a PCM WAV file"."""
    notes = tmp_path / "notes.wav"
    notes.write_text("hello")
    line = error_line(capsys, ["--audio", str(notes), "--out", str(tmp_path / "a.wav")])
    assert "notes.wav: not a PCM WAV file" in line


def test_audio_needs_an_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --out there is nowhere to put the receptionist's voice."""
    assert "--audio needs --out" in error_line(capsys, ["--audio", RECORDING])


@pytest.mark.parametrize("argv", [["--out", "agent.wav"], ["--json"]])
def test_out_and_json_belong_to_a_spoken_call(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    """--out or --json on a text call is a mistake, not silently ignored."""
    assert "go with --audio" in error_line(capsys, argv)


def test_an_output_in_a_missing_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The output must be a file in a directory that exists; checked before any call."""
    out = tmp_path / "missing" / "agent.wav"
    line = error_line(capsys, ["--audio", RECORDING, "--out", str(out)])
    assert "not a file in an existing directory" in line


def test_a_bad_clock_is_refused_before_the_audio(capsys: pytest.CaptureFixture[str]) -> None:
    """--at is checked like every other command's."""
    line = error_line(capsys, ["--audio", RECORDING, "--out", "a.wav", "--at", "tomorrow"])
    assert "tomorrow" in line
