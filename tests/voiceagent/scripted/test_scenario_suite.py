"""The shipped scenario suite: every intent in every office status, as real calls."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from statecharts import default_agency
from tests.voiceagent.log_privacy import raw_personal_data
from voiceagent.logs import configure_logging
from voiceagent.scripted.scenario_files import Scenario, load_scenarios
from voiceagent.scripted.scenarios import run_scenario
from voiceagent.scripted.transcript_check import SETTLED, check_report

pytestmark = pytest.mark.session

SUITE = Path(__file__).resolve().parents[3] / "scenarios" / "harry_levine.yaml"
SCENARIOS = load_scenarios(SUITE)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
async def test_scenario(scenario: Scenario) -> None:
    """The call meets every expectation, reads as a good call, and logs no raw caller data."""
    logs = io.StringIO()
    configure_logging(json=True, level="DEBUG", stream=logs)
    result = await run_scenario(default_agency(), scenario)
    story = "\n".join(f"{t['speaker']}: {t['text']}" for t in result.report["transcript"])
    assert result.passed, "\n".join(result.failures) + "\n" + story
    findings = [f for f in check_report(result.report) if f.kind in SETTLED]
    assert findings == [], "\n".join(map(str, findings)) + "\n" + story
    output = logs.getvalue()
    assert '"event": "call ended"' in output  # the logs were captured
    caller = result.report["caller"]
    assert raw_personal_data(output, caller, [scenario.caller_number], default_agency()) == []


def test_the_suite_covers_every_office_status() -> None:
    """The suite has scenarios open, at lunch, closed, on a holiday and at the weekend."""
    prefixes = {s.name.split(":")[0] for s in SCENARIOS}
    assert {"open", "lunch", "closed", "holiday", "weekend"} <= prefixes
