"""The call commands as a user runs them: call, simulate and scenarios."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from voiceagent.cli.main import main

pytestmark = pytest.mark.cli

ROOT = Path(__file__).resolve().parents[3]
OPEN = "2026-11-24T10:00"
QUOTE = "I need a quote for my car\nMy name is Kelly Urban, U R B A N, 407 555 0123\n"


def _simulate_json(tmp_path: Path, text: str, *extra: str, capsys: pytest.CaptureFixture[str]):
    script = tmp_path / "call.txt"
    script.write_text(text)
    assert main(["simulate", "--at", OPEN, "--json", *extra, str(script)]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1, "exactly one JSON object on one line"
    return json.loads(out)


def test_simulate_json_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`simulate --json` prints one object: the call, its error, what it takes to follow it."""
    report = _simulate_json(tmp_path, QUOTE, capsys=capsys)
    assert set(report) == {
        "at", "caller_number", "phone_read_back", "brain",
        "states", "outcome", "caller", "transcript", "events", "error",
    }  # fmt: skip
    assert report["error"] is None
    assert report["at"] == "2026-11-24T10:00:00-05:00"
    assert report["brain"] == "local/offline-brain"
    assert report["phone_read_back"] is False
    assert report["states"][0] == "greeting"
    assert report["states"][-1] == "ended"
    assert report["outcome"] == {
        "kind": "transfer",
        "target": {"name": "Brad", "extension": "7007", "group": None},
    }
    assert report["caller"] == {
        "first_name": "Kelly",
        "last_name": "Urban",
        "phone": "4075550123",
        "insurance_type": "personal",
        "business_name": None,
        "last_name_spelled": "URBAN",
        "intent": "new_quote",
    }
    speakers = {line["speaker"] for line in report["transcript"]}
    assert speakers == {"agent", "caller"}
    requests = [event for event in report["events"] if event["name"] == "request"]
    assert [event["args"]["intent"] for event in requests] == ["new_quote"]


def test_simulate_keeps_the_call_in_a_store_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`simulate --store FILE` keeps the call there, to be listed, drawn and replayed."""
    monkeypatch.delenv("VOICEAGENT_STORE", raising=False)
    store = str(tmp_path / "calls.sqlite3")
    report = _simulate_json(tmp_path, QUOTE, "--store", store, capsys=capsys)
    assert main(["calls", "--store", store, "--json"]) == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert listed["outcome"] == report["outcome"]
    assert listed["path"] == report["states"]


def test_simulate_ring_group_target(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A ring group target has its group set and a null extension."""
    text = "I need to make a payment\npersonal\nAnn Lee, L E E, 407 555 0000\n"
    report = _simulate_json(tmp_path, text, capsys=capsys)
    assert report["outcome"]["target"] == {
        "name": "Virtual Assistant Team",
        "extension": None,
        "group": "VA",
    }


def test_simulate_hangs_up_after_the_last_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """After the script's last line the caller hangs up; comments and blanks are skipped."""
    report = _simulate_json(
        tmp_path, "# a caller who only asks\n\nWhat are your hours?\n", capsys=capsys
    )
    assert report["states"][-1] == "ended"
    assert report["outcome"] == {"kind": "hung_up", "target": None}
    assert [e["name"] for e in report["events"]][-1] == "hangup"


def test_simulate_reads_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`simulate -` reads the caller's turns from standard input."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("What are your hours?\nthat's all\n"))
    assert main(["simulate", "--at", OPEN, "--json", "-"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["outcome"]["kind"] == "answered"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--at", "yesterday"], "is not an ISO-8601"),
        (["--at", OPEN, "/no/such/file.txt"], "cannot read"),
        (["--at", OPEN, "--caller-number", "4075550123", "-"], "E.164"),
    ],
)
def test_simulate_bad_input_is_one_line_and_exit_two(
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad --at, an unreadable file or a bad caller number: exit 2 with one line."""
    assert main(["simulate", *arguments]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert message in err


def test_simulate_json_reports_a_failed_call_as_one_failed_call(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A call that breaks mid-way is one JSON object saying why, as far as it went; exit 1."""

    async def broken_turn(self: object, text: str) -> None:
        raise RuntimeError  # no message at all, as a bare timeout has none

    monkeypatch.setattr("voiceagent.session.call.CallRun.say", broken_turn)
    script = tmp_path / "call.txt"
    script.write_text(QUOTE)
    assert main(["simulate", "--at", OPEN, "--json", str(script)]) == 1
    out = capsys.readouterr().out
    assert out.count("\n") == 1, "exactly one JSON object on one line"
    report = json.loads(out)
    assert report["error"].startswith("RuntimeError at tests/voiceagent/cli/test_cli_calls.py")
    assert report["states"][:2] == ["greeting", "triage"]
    assert report["states"][-1] == "ended"
    assert report["transcript"][0]["text"].startswith("Thank you for calling")


def test_an_error_without_a_message_is_named_by_its_type_and_place(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bare TimeoutError is not a usage error and never prints an empty message."""

    async def stalls(*args: object, **kwargs: object) -> None:
        raise TimeoutError

    monkeypatch.setattr("voiceagent.scripted.simulate.run_script", stalls)
    monkeypatch.setattr("sys.stdin", io.StringIO("hello\n"))
    assert main(["simulate", "--at", OPEN, "-"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("voiceagent simulate: error: TimeoutError at ")
    assert err.rstrip().endswith("in stalls")  # where it was raised


def test_simulate_prints_the_call_for_people(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --json, simulate prints the transcript, the states and the outcome."""
    script = tmp_path / "call.txt"
    script.write_text(QUOTE)
    assert main(["simulate", "--at", OPEN, str(script)]) == 0
    out = capsys.readouterr().out
    assert "Aizellee: Thank you for calling Harry Levine Insurance" in out
    assert "Caller: I need a quote for my car" in out
    assert "[outcome: transfer to Brad]" in out


def test_call_reads_piped_turns_and_ends(tmp_path: Path) -> None:
    """`voiceagent call` (the README's first command) holds a call from piped input."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "voiceagent",
            "call",
            "--at",
            "2026-11-24T19:30",
            "--store",
            str(tmp_path / "calls.sqlite3"),
        ],
        input="What are your hours?\nthat's all, thanks\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert "Aizellee: Thank you for calling Harry Levine Insurance" in done.stdout
    assert "We're closed right now" in done.stdout
    assert "seventy-two oh eight West Sand Lake Road" in done.stdout
    assert "[call ended: answered]" in done.stdout
    assert (tmp_path / "calls.sqlite3").exists()


def test_scenarios_table_and_exit_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`scenarios` prints a pass/fail table and exits 1 when any scenario fails."""
    good = tmp_path / "good.yaml"
    good.write_text(
        "name: hours\nat: 2026-11-24T10:00\nturns: ['What are your hours?', 'that is all']\n"
        "expect: {outcome: answered, said: [nine to five Eastern]}\n"
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "name: wrong on purpose\nat: 2026-11-24T10:00\nturns: ['What are your hours?']\n"
        "expect: {outcome: transfer}\n"
    )
    assert main(["scenarios", str(good)]) == 0
    assert "1 passed, 0 failed" in capsys.readouterr().out
    assert main(["scenarios", str(good), str(bad)]) == 1
    out = capsys.readouterr().out
    assert "FAIL: outcome hung_up, expected transfer" in out


def test_scenario_file_errors_name_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A scenario file with a missing clock fails with its path and the problem."""
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: no clock\nturns: [hello]\n")
    assert main(["scenarios", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "broken.yaml" in err
    assert "'at'" in err


def test_another_agency_file_is_used(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--agency loads another agency's file: its persona greets the caller."""
    shipped = (ROOT / "statecharts" / "agencies" / "harry_levine.toml").read_text()
    assert 'name = "Aizellee"' in shipped
    other = tmp_path / "agency.toml"
    other.write_text(shipped.replace('name = "Aizellee"', 'name = "Willow"', 1))
    script = tmp_path / "call.txt"
    script.write_text("What are your hours?\n")
    assert main(["simulate", "--agency", str(other), "--at", OPEN, "--json", str(script)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert "I'm Willow, an automated assistant" in report["transcript"][0]["text"]


def test_a_bad_agency_file_names_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad agency file stops the command with the file, the field and the problem."""
    shipped = (ROOT / "statecharts" / "agencies" / "harry_levine.toml").read_text()
    bad = tmp_path / "agency.toml"
    bad.write_text(shipped.replace('timezone = "America/New_York"', 'timezone = "Mars/Base"', 1))
    assert main(["simulate", "--agency", str(bad), "--at", OPEN, "-"]) == 2
    err = capsys.readouterr().err
    assert "agency.toml" in err
    assert "timezone" in err
