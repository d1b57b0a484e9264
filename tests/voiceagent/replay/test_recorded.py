"""A recorded call as replay, diagrams and export read it: from the store or a JSON file."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.voiceagent.replay.calls import CLAIM, QUOTE_URBAN, SILENT, Recorded
from voiceagent.replay.recorded import (
    RecordedCall,
    RecordedError,
    RecordedEvent,
    Said,
    from_json,
    from_store,
    outcome_text,
)
from voiceagent.scripted.turns import parse_turns
from voiceagent.store.location import connect_store

pytestmark = pytest.mark.session


async def _load(recorded: Recorded, name: str):
    store = await connect_store(str(recorded.master), must_exist=True)
    async with store:
        return await from_store(store, recorded.ids[name])


async def test_a_stored_call_has_what_a_replay_needs(recorded: Recorded) -> None:
    """Office time, brain, outcome, path, and events and words in one timeline."""
    call = await _load(recorded, QUOTE_URBAN.name)
    assert call.office_time == datetime(2026, 11, 24, 15, 0, tzinfo=UTC)  # 10:00 in Orlando
    assert call.brain == "local/offline-brain"
    assert call.phone_read_back is False
    assert outcome_text(call.outcome) == "transfer to Brad (7007)"
    assert call.path[-2:] == ("transfer", "ended")
    assert isinstance(call.timeline[0], RecordedEvent)
    assert call.timeline[0].name == "greeted"
    assert call.events[0].configuration == ("call", "triage", "listening")
    said = [item for item in call.timeline if isinstance(item, Said)]
    assert [s.text for s in said if s.speaker == "caller"] == list(QUOTE_URBAN.turns)


async def test_the_callers_side_is_their_words_and_the_lines_events(recorded: Recorded) -> None:
    """Silence and hang-up come back as the script markers that cause them."""
    call = await _load(recorded, SILENT.name)
    assert [t.text for t in call.caller_side()] == list(SILENT.turns)
    assert [t.line_event for t in call.caller_side()] == [
        "caller_away_timeout",
        None,
        "hangup",
    ]


def test_the_time_limit_is_a_line_event_as_a_script_writes_it() -> None:
    """The worker's time limit comes back as `<time-limit>`, which a script fires again."""
    call = RecordedCall(
        "c1",
        None,
        None,
        None,
        False,
        None,
        (),
        (
            RecordedEvent("greeted", {}),
            Said("caller", "hello"),
            RecordedEvent("call_time_limit", {}),
        ),
    )
    turns = call.caller_side()
    assert [(t.text, t.line_event) for t in turns] == [
        ("hello", None),
        ("<time-limit>", "call_time_limit"),
    ]
    assert parse_turns(["<time-limit>"]) == [turns[1]]


async def test_every_state_the_record_names_is_listed(recorded: Recorded) -> None:
    """The path's dotted states and each event's configuration ids."""
    call = await _load(recorded, CLAIM.name)
    assert {"claims.carrier_given", "carrier_given", "call", "ended"} <= call.states()


async def test_an_unknown_call_id_is_one_clear_error(recorded: Recorded) -> None:
    """A call the store has nothing of is named in the error."""
    store = await connect_store(str(recorded.master), must_exist=True)
    async with store:
        with pytest.raises(RecordedError, match="no call 'nope' in the store"):
            await from_store(store, "nope")


def test_a_simulate_json_file_is_a_recorded_call(tmp_path: Path) -> None:
    """`simulate --json` output has the office time and events a diagram needs."""
    path = tmp_path / "call.json"
    path.write_text(
        json.dumps(
            {
                "at": "2026-11-24T10:00:00-05:00",
                "caller_number": None,
                "phone_read_back": False,
                "brain": "local/offline-brain",
                "states": ["greeting", "triage"],
                "outcome": {"kind": "hung_up", "target": None},
                "caller": {},
                "transcript": [],
                "events": [{"name": "greeted", "args": {}}, {"name": "hangup", "args": {}}],
            }
        )
    )
    call = from_json(path)
    assert call.office_time == datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
    assert [e.name for e in call.events] == ["greeted", "hangup"]
    assert call.call_id == "call.json"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "is not JSON"),
        ('{"states": []}', "no events"),
        ('{"events": []}', "has no office time"),
        ('{"events": [{"args": {}}], "at": "2026-11-24T10:00"}', "an event without a name"),
        ('{"events": [], "at": "tuesday"}', "is not an ISO-8601 time"),
    ],
)
def test_a_json_file_that_is_no_call_is_one_clear_error(
    tmp_path: Path, content: str, message: str
) -> None:
    """Each way a file can fail to be a call says what is wrong with it."""
    path = tmp_path / "call.json"
    path.write_text(content)
    with pytest.raises(RecordedError, match=message):
        from_json(path)


def test_a_missing_json_file_is_one_clear_error(tmp_path: Path) -> None:
    """The error names the file and the reason."""
    with pytest.raises(RecordedError, match=r"cannot read .*: No such file"):
        from_json(tmp_path / "missing.json")
