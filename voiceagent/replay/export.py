"""From a stored call to a scenario: a reported problem becomes a regression test.

`voiceagent calls export CALL_ID` writes the scenario YAML that `voiceagent
scenarios` reads: the call's office time, the caller's side of the call (their
words, silences, hang-up) with personal data replaced by stand-ins that route the
same way (`standins.py`), and what the call did as the expectations (outcome,
target, the states it went through). Whoever files the problem edits the
expectations to what the call should have done.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import yaml

from statecharts import AgencyConfig, office_moment
from voiceagent.logs import PII_FIELDS
from voiceagent.replay.follow import unfollowable
from voiceagent.replay.recorded import (
    RecordedCall,
    RecordedError,
    RecordedEvent,
    Said,
    is_caller_side,
    outcome_text,
)
from voiceagent.replay.standins import KEPT_FIELDS, stand_ins
from voiceagent.scripted.scenario_files import Scenario, parse_scenario
from voiceagent.scripted.turns import LINE_EVENTS
from voiceagent.telephony.port import CONNECTED_EVENT, FAILED_EVENT, NO_DESTINATION

__all__ = ["export_scenario", "scenario_of"]

_MARKERS = {event: marker for marker, event in LINE_EVENTS.items()}


def _kept_by_turn(call: RecordedCall) -> dict[int, list[str]]:
    """Per caller turn, the values said in it that are not personal data (a staff name)."""
    kept: dict[int, list[str]] = {}
    turn = 0
    for item in call.timeline:
        if is_caller_side(item):
            turn += 1
        elif isinstance(item, RecordedEvent):
            kept.setdefault(turn, []).extend(
                str(v) for k, v in item.arguments.items() if k in KEPT_FIELDS
            )
    return kept


def _transfers_failed(call: RecordedCall) -> bool:
    """Whether the line refused the first transfer it was asked to make."""
    for event in call.events:
        if event.name in (CONNECTED_EVENT, FAILED_EVENT):
            if event.arguments.get("reason") == NO_DESTINATION:
                continue
            return event.name == FAILED_EVENT
    return False


def scenario_of(call: RecordedCall, config: AgencyConfig) -> dict[str, Any]:
    """The call as one scenario (a mapping, as the YAML holds it), personal data replaced."""
    if call.outcome is None:
        msg = f"call {call.call_id} never ended (or its end was not recorded): nothing to expect"
        raise RecordedError(msg)
    if call.office_time is None:
        msg = f"call {call.call_id} has no office time in its record: a scenario needs one"
        raise RecordedError(msg)
    older = unfollowable(call)
    if older is not None:  # its states could never be expected of the current chart
        msg = f"call {call.call_id} cannot be exported: {older}"
        raise RecordedError(msg)
    standins = stand_ins(
        (e.arguments for e in call.events),
        config,
        personal=PII_FIELDS,
        caller_number=call.caller_number,
    )
    kept = _kept_by_turn(call)
    turns, turn = [], 0
    for item in call.timeline:
        if not is_caller_side(item):
            continue
        turn += 1
        if isinstance(item, Said):
            # The events a turn led to come after it: what they keep is said in it.
            turns.append(standins.apply(item.text, keep=kept.get(turn, ())))
        else:
            turns.append(_MARKERS[item.name])
    at = office_moment(config.office, call.office_time).local.replace(tzinfo=None)
    scenario: dict[str, Any] = {
        "name": f"call {call.call_id}: {outcome_text(call.outcome)}",
        "at": at.isoformat(timespec="minutes"),
    }
    if standins.caller_number:
        scenario["caller_number"] = standins.caller_number
    if _transfers_failed(call):
        scenario["transfers_fail"] = True
    scenario["turns"] = turns
    scenario["expect"] = _expectations(call.outcome, call.path)
    return scenario


def _expectations(outcome: Mapping[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    expect: dict[str, Any] = {"outcome": outcome["kind"]}
    target = outcome.get("target")
    expect["target"] = (
        None if target is None else {k: v for k, v in target.items() if v is not None}
    )
    expect["states"] = list(path)
    return expect


def export_scenario(
    call: RecordedCall, config: AgencyConfig, *, today: date | None = None
) -> tuple[str, Scenario]:
    """The scenario file's text for one call, and the scenario as the runner reads it."""
    scenario = scenario_of(call, config)
    when = f" on {today.isoformat()}" if today else ""
    spoken = (
        "# It was a spoken call (its number was read back); the scenario runs it as text.\n"
        if call.phone_read_back
        else ""
    )
    header = (
        f"# Exported from call {call.call_id} by `voiceagent calls export`{when}.\n"
        "# The caller's personal data is replaced by stand-ins that route the same way\n"
        "# (the same first letters, a fictional phone number). The expectations are what\n"
        "# the call did: edit them to what it should have done, then keep the file with\n"
        "# the scenario suite.\n"
        f"{spoken}"
    )
    body = yaml.safe_dump({"scenarios": [scenario]}, sort_keys=False, allow_unicode=True, width=100)
    return header + body, parse_scenario(scenario, f"call {call.call_id}")
