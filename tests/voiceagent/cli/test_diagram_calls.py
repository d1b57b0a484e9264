"""`voiceagent diagram --call/--heat/--scenarios/--ledger`: calls and tests drawn on the chart."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from statecharts import Reception
from statecharts._diagram_chart import Story
from tests.voiceagent.replay.calls import (
    OLDER,
    QUOTE_URBAN,
    Recorded,
    add_older_call,
    later_tuesday,
)
from voiceagent.cli import progress
from voiceagent.cli.main import main

from .test_diagram import needs_dot

pytestmark = pytest.mark.cli


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_a_stored_call_is_drawn_with_its_steps_numbered(
    recorded: Recorded, store_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The call's edges carry step numbers; the legend lists each step and how it ended."""
    call_id = recorded.ids[QUOTE_URBAN.name]
    status, out, _ = run(
        capsys, "diagram", "--call", call_id, "--store", store_file, "--format", "dot"
    )
    assert status == 0
    assert f"Call {call_id}, Tue 24 Nov 2026 10:00 at the office" in out
    assert 'label="greeted\\nstep 1"' in out
    assert "7. transfer connected: Transfer → Ended" in out
    assert "the call ended here: transfer to Brad (7007)" in out


def test_a_simulate_json_file_is_drawn_the_same_way(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`simulate --json` output draws as a path, step by step in a detail view."""
    script = tmp_path / "claim.txt"
    script.write_text("I have a claim\nState Farm\n")
    assert main(["simulate", "--at", "2026-11-24T19:30", "--json", str(script)]) == 0
    (tmp_path / "claim.json").write_text(capsys.readouterr().out)
    status, out, _ = run(
        capsys, "diagram", "--call", str(tmp_path / "claim.json"), "--state", "claims"
    )
    assert status == 0
    assert "flowchart LR" in out
    assert "2. report claim: Listening → Carrier question" in out
    assert "3. name carrier: Carrier question → Carrier given" in out


def test_the_heat_map_counts_the_stored_calls_on_each_edge(
    store_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every call was greeted; edges no call took are dashed; a legend keys the colours."""
    status, out, _ = run(capsys, "diagram", "--heat", "--store", store_file, "--format", "dot")
    assert status == 0
    assert "Stored calls: 5" in out
    assert 'label="greeted\\n5 calls"' in out
    assert "no call took it (dashed grey)" in out
    (spanish,) = [line for line in out.splitlines() if 'id="e-triage-_ended"' in line]
    assert 'style="dashed"' in spanish


def test_calls_the_chart_cannot_follow_at_all_are_counted_in_a_note(
    store_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A call from an older chart is not drawn, and the legend says so."""
    asyncio.run(add_older_call(store_file))
    status, out, _ = run(capsys, "diagram", "--heat", "--store", store_file, "--format", "dot")
    assert status == 0
    assert "Stored calls: 6" in out
    assert 'label="greeted\\n5 calls"' in out
    assert "1 call could not be followed at all (older chart, or no office time)." in out


def test_reading_many_calls_shows_progress_on_standard_error(
    store_file: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The heat map's calls are counted off on stderr as each is read and followed."""
    monkeypatch.setattr(progress, "_PLAIN_FROM", 1)  # five calls count as many
    status, out, err = run(capsys, "diagram", "--heat", "--store", store_file)
    assert status == 0
    assert out.startswith("%%{init")
    assert err.splitlines() == [f"reading calls: {n} of 5" for n in range(1, 6)]


@pytest.mark.parametrize(
    ("name", "start"), [("call.dot", b"digraph"), ("call.mmd", b"%%{init"), ("call.txt", b"%%")]
)
def test_the_format_follows_the_output_files_name(
    store_file: str, tmp_path: Path, name: str, start: bytes
) -> None:
    """`--out call.dot` writes DOT, `.mmd` Mermaid, anything else Mermaid as before."""
    out = tmp_path / name
    assert main(["diagram", "--heat", "--store", store_file, "--out", str(out)]) == 0
    assert out.read_bytes().startswith(start)


def test_calls_another_agency_file_cannot_follow_are_drawn_as_far_as_they_go(
    store_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Opening later on Tuesday, the morning quotes follow the chart only in part: said so."""
    agency = str(later_tuesday(tmp_path))
    status, out, _ = run(
        capsys, "diagram", "--heat", "--store", store_file, "--agency", agency, "--format", "dot"
    )
    assert status == 0
    assert "3 of the calls are drawn only as far as the current chart and agency file" in out


def test_the_scenario_suite_is_drawn_as_a_heat_map(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--scenarios` counts scenarios, not calls."""
    suite = tmp_path / "suite.yaml"
    suite.write_text(
        "scenarios:\n"
        "- {name: quote, at: 2026-11-24T10:00, turns: [I need a quote for my car], expect: {}}\n"
        "- {name: claim, at: 2026-11-24T19:30, turns: [I have a claim], expect: {}}\n"
    )
    status, out, err = run(capsys, "diagram", "--scenarios", str(suite), "--format", "dot")
    assert status == 0
    assert out.startswith("digraph")  # the diagram alone: the calls' log lines are not in it
    assert "call started" not in out + err
    assert f"The scenarios in {suite}: 2" in out
    assert 'label="greeted\\n2 scenarios"' in out
    assert 'label="report claim\\n1 scenario"' in out


def test_the_test_suites_ledger_is_drawn_green_and_red(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Asserted transitions are green; the rest red and dashed; the title counts them."""
    greeted = next(t.key for t in Story.of(Reception).transitions if t.events == ("greeted",))
    ledger = tmp_path / "ledger.json"
    ledger.write_text(json.dumps({"asserted": [greeted], "declared": 88, "whole_run": False}))
    status, out, _ = run(capsys, "diagram", "--ledger", str(ledger), "--format", "dot")
    assert status == 0
    assert "Transitions the tests asserted: 1 of 88" in out
    assert "The ledger is from a partial run" in out
    (line,) = [line for line in out.splitlines() if 'id="e-greeting-_triage"' in line]
    assert 'color="#2b8a3e"' in line


@needs_dot
def test_the_heat_map_renders_as_png(
    store_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Graphviz renders the overlay: a PNG file, as `--out`'s name asks."""
    out = tmp_path / "heat.png"
    status, _, _ = run(capsys, "diagram", "--heat", "--store", store_file, "--out", str(out))
    assert status == 0
    assert out.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--call", "nope", "--store", "{store}"], "no call 'nope' in the store"),
        (["--call", OLDER, "--store", "{store}"], "recorded by an older chart"),
        (["--call", "{tmp}/missing.json"], "cannot read"),
        (["--heat", "--store", "{tmp}/missing.sqlite3"], "no call store at"),
        (["--heat", "--store", "{store}", "--since", "2099-01-01"], "no calls in the store since"),
        (["--since", "7d"], "--since picks the calls of --heat"),
        (["--store", "{store}"], "--store is where --call and --heat find calls"),
        (["--agency", "{tmp}/bad.toml"], "--agency is the file calls are followed with"),
        (["--ledger", "{tmp}/missing.json"], "cannot read the ledger"),
        (["--call", "{store}", "--agency", "{tmp}/bad.toml"], "bad.toml"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    store_file: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    """Unknown calls, older charts, missing stores or files: one line each, exit 2."""
    asyncio.run(add_older_call(store_file))
    (tmp_path / "bad.toml").write_text("[office\n")
    args = [a.replace("{store}", store_file).replace("{tmp}", str(tmp_path)) for a in argv]
    status, out, err = run(capsys, "diagram", *args)
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert message in err
