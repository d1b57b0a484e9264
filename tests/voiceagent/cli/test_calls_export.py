"""`voiceagent calls export`: a stored call becomes a scenario that passes, in one command."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.voiceagent.replay.calls import QUOTE_URBAN, REFUSED, Recorded, later_tuesday
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


def test_an_unknown_call_is_one_line_and_exit_2(
    store_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """No call by that id: one clear line."""
    assert main(["calls", "export", "nope", "--store", store_file]) == 2
    captured = capsys.readouterr()
    assert captured.err == "voiceagent calls: error: no call 'nope' in the store\n"
