"""From a stored call to a scenario that passes, with the caller's personal data replaced."""

from __future__ import annotations

import dataclasses

import pytest
import yaml

from statecharts import default_agency
from tests.voiceagent.replay.calls import QUOTE_URBAN, REFUSED, SILENT, Recorded
from voiceagent.replay.export import export_scenario, scenario_of
from voiceagent.replay.recorded import RecordedCall, RecordedError, from_store
from voiceagent.scripted.scenarios import run_scenario
from voiceagent.store.location import connect_store

pytestmark = pytest.mark.session


@pytest.fixture
async def calls(recorded: Recorded) -> dict[str, RecordedCall]:
    store = await connect_store(str(recorded.master), must_exist=True)
    async with store:
        return {name: await from_store(store, call_id) for name, call_id in recorded.ids.items()}


async def test_every_recorded_call_exports_to_a_scenario_that_passes(
    calls: dict[str, RecordedCall],
) -> None:
    """Stand-ins keep the routing: each exported call does what the recorded one did."""
    for name, call in calls.items():
        text, scenario = export_scenario(call, default_agency())
        result = await run_scenario(default_agency(), scenario)
        assert result.passed, f"{name}: {result.failures}\n{text}"


def test_the_callers_personal_data_is_replaced(calls: dict[str, RecordedCall]) -> None:
    """No name, spelling or number the caller gave survives; the rest of the words do."""
    scenario = scenario_of(calls[REFUSED.name], default_agency())
    said = " ".join(scenario["turns"])
    for secret in ("Kelly", "Urban", "U R B A N", "0123", "0188"):
        assert secret not in said
    assert scenario["turns"][0] == "I need a quote for my car"
    assert scenario["caller_number"].startswith("+1407555")
    assert scenario["caller_number"] != REFUSED.caller_number
    assert scenario["transfers_fail"] is True


def test_the_expectations_are_what_the_call_did(calls: dict[str, RecordedCall]) -> None:
    """Outcome, target and every state, at the call's office time."""
    call = calls[QUOTE_URBAN.name]
    scenario = scenario_of(call, default_agency())
    assert scenario["at"] == "2026-11-24T10:00"
    assert scenario["expect"] == {
        "outcome": "transfer",
        "target": {"name": "Brad", "extension": "7007"},
        "states": list(call.path),
    }


def test_silences_and_hang_ups_are_written_as_script_markers(
    calls: dict[str, RecordedCall],
) -> None:
    """The line's events become the markers a scenario's turns use."""
    scenario = scenario_of(calls[SILENT.name], default_agency())
    assert scenario["turns"][0] == "<silence>"
    assert scenario["turns"][-1] == "<hangup>"


def test_the_file_says_where_it_came_from_and_reads_back(calls: dict[str, RecordedCall]) -> None:
    """A comment names the call and what to do with the file; the YAML is one scenario."""
    call = calls[QUOTE_URBAN.name]
    text, _ = export_scenario(call, default_agency())
    assert text.startswith(f"# Exported from call {call.call_id}")
    assert "edit them to what it should have done" in text
    assert yaml.safe_load(text)["scenarios"][0]["expect"]["outcome"] == "transfer"


def test_a_call_that_never_ended_cannot_be_exported(calls: dict[str, RecordedCall]) -> None:
    """With no outcome there is nothing to expect: one clear error."""
    unfinished = dataclasses.replace(calls[QUOTE_URBAN.name], outcome=None)
    with pytest.raises(RecordedError, match="never ended"):
        scenario_of(unfinished, default_agency())
