"""`voiceagent calls export`: a stored call becomes a scenario that passes, in one command."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.voiceagent.replay.calls import (
    OLDER,
    QUOTE_URBAN,
    REFUSED,
    Recorded,
    add_older_call,
    later_tuesday,
)
from voiceagent.cli.main import main

pytestmark = pytest.mark.cli


def test_an_exported_call_passes_in_the_scenario_runner(
    recorded: Recorded, store_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The file is written and checked; `voiceagent scenarios` passes it; no caller data."""
    out = tmp_path / "regression.yaml"
    call_id = recorded.ids[REFUSED.name]
    status = main(["calls", "export", call_id, "--store", store_file, "--out", str(out)])
    captured = capsys.readouterr()
    assert status == 0
    assert captured.out == f"wrote {out}\n"
    assert captured.err == "checked: the scenario passes with the current chart and agency file\n"
    text = out.read_text()
    assert "Kelly" not in text
    assert "0123" not in text
    assert main(["scenarios", str(out)]) == 0
    assert "1 passed, 0 failed" in capsys.readouterr().out


def test_without_out_the_scenario_is_printed(
    recorded: Recorded, store_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Standard output carries the YAML alone; the check goes to standard error."""
    call_id = recorded.ids[REFUSED.name]
    assert main(["calls", "export", call_id, "--store", store_file]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(f"# Exported from call {call_id}")
    assert "scenarios:" in captured.out


def test_a_scenario_that_does_not_pass_is_said_and_exits_1(
    recorded: Recorded, store_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With an agency file that routes the call elsewhere, the check fails and says why."""
    call_id = recorded.ids[QUOTE_URBAN.name]
    agency = str(later_tuesday(tmp_path))
    status = main(["calls", "export", call_id, "--store", store_file, "--agency", agency])
    err = capsys.readouterr().err
    assert status == 1
    assert err.startswith("voiceagent calls export: the scenario does not pass: outcome ")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["nope", "--store", "{store}"], "no call 'nope' in the store"),
        ([OLDER, "--store", "{store}"], f"call {OLDER} cannot be exported: recorded by an older "),
        (["nope", "--store", "{tmp}/missing.sqlite3"], "no call store at "),
        ([OLDER, "--store", "{store}", "--agency", "{tmp}/bad.toml"], "bad.toml: invalid TOML"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    store_file: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    """An unknown call, an older chart's call, no store, a broken agency file: one line."""
    asyncio.run(add_older_call(store_file))
    (tmp_path / "bad.toml").write_text("[office\n")
    args = [a.replace("{store}", store_file).replace("{tmp}", str(tmp_path)) for a in argv]
    status = main(["calls", "export", *args, "--out", str(tmp_path / "out.yaml")])
    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("voiceagent calls: error: ")
    assert message in captured.err
    assert not (tmp_path / "out.yaml").exists()
