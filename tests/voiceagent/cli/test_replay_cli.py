"""`voiceagent replay`: which stored calls would end differently, for people and for scripts."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from tests.voiceagent.replay.calls import (
    AGENCY,
    OLDER,
    QUOTE_URBAN,
    REFUSED,
    Recorded,
    add_older_call,
    moved_split,
)
from voiceagent.cli import progress
from voiceagent.cli.main import main

pytestmark = pytest.mark.cli


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_nothing_changes_with_the_same_agency_file(
    store_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every call ends the same: said so, exit 0."""
    status, out, err = run(capsys, "replay", "--store", store_file)
    assert status == 0
    assert out.splitlines() == [
        "none of the 5 calls would end differently with the shipped agency file",
        "5 calls end the same.",
    ]
    assert err == ""


def test_a_moved_split_names_exactly_the_calls_it_moves(
    recorded: Recorded, store_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The table lists the two calls on U, what they did and would do, and where they part."""
    agency = str(moved_split(tmp_path))
    status, out, _ = run(capsys, "replay", "--store", store_file, "--agency", agency)
    assert status == 1
    lines = out.splitlines()
    assert lines[0] == f"2 calls of 5 would end differently with {agency}:"
    assert lines[1].split() == [
        "CALL",
        "ID",
        "OFFICE",
        "TIME",
        "WAS",
        "NOW",
        "WHERE",
        "THE",
        "PATHS",
        "PART",
    ]
    rows = {line.split()[0]: line for line in lines[2:4]}
    assert set(rows) == {recorded.ids[QUOTE_URBAN.name], recorded.ids[REFUSED.name]}
    urban = rows[recorded.ids[QUOTE_URBAN.name]]
    assert "Tue 24 Nov 2026 10:00" in urban
    assert "transfer to Brad (7007)  transfer to Rachel Moreno (7010)" in urban
    assert "after caller turn 2 (provide_details)" in urban
    assert lines[-1] == "3 calls end the same."


def test_accept_exits_zero_and_json_is_one_object_for_scripts(
    store_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--json` prints every call's verdict and a summary; `--accept` makes a change fine."""
    agency = str(moved_split(tmp_path))
    status, out, _ = run(
        capsys, "replay", "--store", store_file, "--agency", agency, "--json", "--accept"
    )
    assert status == 0
    report = json.loads(out)
    assert report["summary"] == {"replayed": 5, "same": 3, "changed": 2, "not_replayable": 0}
    changed = [c for c in report["calls"] if c["status"] == "changed"]
    # a moved split parts after the caller's details: the chart alone settles both calls
    assert {c["replayed_by"] for c in changed} == {"chart"}
    assert changed[0]["parts"]["caller_turn"] == 2
    assert changed[0]["replayed"]["target"]["name"] == "Rachel Moreno"


def test_a_call_from_an_older_chart_is_listed_and_the_answer_is_not_nothing_changes(
    store_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A call through a state the chart no longer has: one line with the reason, exit 1."""
    asyncio.run(add_older_call(store_file))
    status, out, err = run(capsys, "replay", "--store", store_file)
    assert status == 1
    lines = out.splitlines()
    assert lines[0] == (
        "none of the 5 calls replayed would end differently with the shipped agency file"
    )
    assert lines[1] == "1 call cannot be replayed:"
    (row,) = [line for line in lines if line.startswith(OLDER)]
    assert "recorded by an older chart: it passed through lunch_line" in row
    assert lines[-1] == "5 calls end the same."
    assert "Traceback" not in err
    assert main(["replay", "--store", store_file, "--accept"]) == 0


def test_a_moved_split_counts_only_the_calls_replayed(
    store_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With a call that cannot be replayed, the changed ones are out of those that were."""
    asyncio.run(add_older_call(store_file))
    agency = str(moved_split(tmp_path))
    status, out, _ = run(capsys, "replay", "--store", store_file, "--agency", agency)
    assert status == 1
    assert out.splitlines()[0] == f"2 calls of 5 replayed would end differently with {agency}:"


def test_no_calls_since_a_date_is_said_with_the_date(
    store_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Nothing to replay: said, naming the date, and nothing changes (exit 0)."""
    status, out, _ = run(capsys, "replay", "--store", store_file, "--since", "2099-01-01")
    assert status == 0
    assert out == "no calls in the store since 2099-01-01 to replay\n"


def test_many_calls_show_their_progress_on_standard_error(
    store_file: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Progress goes to stderr (here plain lines, as from a pipe); stdout is the table alone."""
    monkeypatch.setattr(progress, "_PLAIN_FROM", 1)  # five calls count as many
    status, out, err = run(capsys, "replay", "--store", store_file)
    assert status == 0
    assert err.splitlines() == [f"replaying calls: {n} of 5" for n in range(1, 6)]
    assert out.splitlines()[-1] == "5 calls end the same."


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--store", "{tmp}/missing.sqlite3"], "no call store at"),
        (["--agency", "{tmp}/bad.toml"], "bad.toml: invalid TOML"),
        (["--agency", "{tmp}/missing.toml"], "cannot read agency file"),
        (["--agency", "{tmp}/no_timezone.toml"], "office.timezone: required field is missing"),
        (["--since", "yesterday"], "--since 'yesterday' is neither"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    store_file: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    """A missing store, a broken or invalid agency file, a bad date: one line, no traceback."""
    (tmp_path / "bad.toml").write_text("[office\n")
    shipped = AGENCY.read_text()
    assert 'timezone = "America/New_York"\n' in shipped
    (tmp_path / "no_timezone.toml").write_text(
        shipped.replace('timezone = "America/New_York"\n', "")
    )
    args = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    store = [] if "--store" in args else ["--store", store_file]
    status, out, err = run(capsys, "replay", *store, *args)
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("voiceagent replay: error: ")
    assert message in err
