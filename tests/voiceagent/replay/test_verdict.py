"""Replaying recorded calls with an agency file: on the chart alone, or through a session."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from statecharts import default_agency, load_agency
from tests.voiceagent.replay.calls import (
    CLAIM,
    QUOTE_LEE,
    QUOTE_URBAN,
    REFUSED,
    SCRIPTS,
    SILENT,
    Recorded,
    later_tuesday,
    moved_split,
)
from voiceagent.brain import OfflineBrain
from voiceagent.replay.recorded import RecordedCall, RecordedEvent, from_store, outcome_text
from voiceagent.replay.runner import replay_call, replay_stored
from voiceagent.replay.verdict import OFFLINE_BRAIN, Verdict
from voiceagent.session.call import brain_name
from voiceagent.store.location import connect_store

pytestmark = pytest.mark.session


async def _calls(recorded: Recorded) -> dict[str, RecordedCall]:
    store = await connect_store(str(recorded.master), must_exist=True)
    async with store:
        return {name: await from_store(store, call_id) for name, call_id in recorded.ids.items()}


@pytest.fixture
async def calls(recorded: Recorded) -> dict[str, RecordedCall]:
    return await _calls(recorded)


async def test_with_the_same_agency_every_call_ends_the_same_on_the_chart_alone(
    recorded: Recorded,
) -> None:
    """No call changes, and none needs a session to say so."""
    store = await connect_store(str(recorded.master), must_exist=True)
    async with store:
        verdicts = await replay_stored(store, default_agency())
    assert [v.status for v in verdicts] == ["same"] * len(SCRIPTS)
    assert {v.via for v in verdicts} == {"chart"}
    assert all(v.parting is None for v in verdicts)


async def test_a_moved_split_changes_exactly_the_calls_it_moves(
    calls: dict[str, RecordedCall], tmp_path: Path
) -> None:
    """Urban's calls go to Rachel Moreno now; Lee's, the claim and the silent call do not."""
    moved = load_agency(moved_split(tmp_path))
    verdicts = {name: await replay_call(call, moved) for name, call in calls.items()}
    changed = {name for name, v in verdicts.items() if v.status == "changed"}
    assert changed == {QUOTE_URBAN.name, REFUSED.name}
    urban = verdicts[QUOTE_URBAN.name]
    assert outcome_text(urban.recorded) == "transfer to Brad (7007)"
    assert outcome_text(urban.replayed) == "transfer to Rachel Moreno (7010)"
    assert urban.via == "chart"
    assert urban.parting is not None
    assert urban.parting.text == (
        "after caller turn 2 (provide_details): the same states, other words said to the caller"
    )
    refused = verdicts[REFUSED.name]
    # the message is what the caller already said: no answer of the brain's comes after the
    # parting, so the chart alone settles it (issue 11 §3)
    assert refused.via == "chart"
    assert outcome_text(refused.replayed) == "message to Rachel Moreno (7010)"
    assert verdicts[QUOTE_LEE.name].status == "same"


async def test_the_chart_alone_agrees_with_whole_sessions(
    calls: dict[str, RecordedCall], tmp_path: Path
) -> None:
    """Replaying every call through a session gives the chart-first verdicts."""
    moved = load_agency(moved_split(tmp_path))
    for name in (QUOTE_URBAN.name, QUOTE_LEE.name, SILENT.name):
        quick = await replay_call(calls[name], moved)
        exact = await replay_call(calls[name], moved, through_session=True)
        assert exact.via == "session"
        assert (exact.status, exact.replayed) == (quick.status, quick.replayed), name


async def test_another_brains_call_stands_where_the_chart_settles_it(
    calls: dict[str, RecordedCall], tmp_path: Path
) -> None:
    """A cloud model's call is judged on the chart until its answers would be needed."""
    moved = load_agency(moved_split(tmp_path))
    cloud = {n: dataclasses.replace(c, brain="openai/gpt-4.1") for n, c in calls.items()}
    settled = await replay_call(cloud[QUOTE_URBAN.name], moved)
    assert settled.status == "changed"
    later = load_agency(later_tuesday(tmp_path))  # parts at the greeting, before any answer
    stuck = await replay_call(cloud[QUOTE_URBAN.name], later)
    assert stuck.status == "not replayable"
    assert stuck.reason is not None
    assert stuck.reason.startswith("recorded with openai/gpt-4.1: only the offline brain")
    assert "the replay parts from it" in stuck.reason


async def test_a_spoken_call_cannot_be_replayed_as_text_past_the_parting(
    calls: dict[str, RecordedCall], tmp_path: Path
) -> None:
    """A call whose number was read back needs the read-back a text session does not do."""
    moved = load_agency(moved_split(tmp_path))
    spoken = dataclasses.replace(calls[REFUSED.name], phone_read_back=True)
    verdict = await replay_call(spoken, moved)
    assert verdict.status == "not replayable"
    assert "a spoken call" in (verdict.reason or "")


def _unreplayable(verdict: Verdict, reason: str) -> None:
    assert verdict.status == "not replayable"
    assert reason in (verdict.reason or "")


async def test_calls_no_replay_can_start_are_listed_with_the_reason(
    calls: dict[str, RecordedCall],
) -> None:
    """An older chart's states, no office time, or no end: each named, none skipped."""
    claim = calls[CLAIM.name]
    older = dataclasses.replace(claim, path=(*claim.path[:-1], "claims.old_step", "ended"))
    _unreplayable(await replay_call(older, default_agency()), "claims.old_step")
    timeless = dataclasses.replace(claim, office_time=None)
    _unreplayable(await replay_call(timeless, default_agency()), "no office time")
    unfinished = dataclasses.replace(claim, outcome=None)
    _unreplayable(await replay_call(unfinished, default_agency()), "never ended")


async def test_a_call_ended_by_a_shell_failure_is_not_replayed_through_a_session(
    calls: dict[str, RecordedCall], tmp_path: Path
) -> None:
    """A failure of the shell cannot be repeated: past the parting, no replay."""
    later = load_agency(later_tuesday(tmp_path))  # parts at the greeting
    urban = calls[QUOTE_URBAN.name]
    failed = dataclasses.replace(
        urban, timeline=(*urban.timeline, RecordedEvent("error", {}, ("ended",)))
    )
    verdict = await replay_call(failed, later)
    _unreplayable(verdict, "a failure of the shell (error)")


async def test_opening_later_sends_the_morning_quotes_elsewhere_through_sessions(
    calls: dict[str, RecordedCall], tmp_path: Path
) -> None:
    """At 10:00 the office is now closed: the quotes end as messages, found by sessions."""
    later = load_agency(later_tuesday(tmp_path))
    verdicts = {name: await replay_call(call, later) for name, call in calls.items()}
    changed = {name for name, v in verdicts.items() if v.status == "changed"}
    assert changed == {QUOTE_URBAN.name, QUOTE_LEE.name, REFUSED.name}
    urban = verdicts[QUOTE_URBAN.name]
    assert urban.via == "session"
    assert urban.replayed is not None
    assert urban.replayed["kind"] != "transfer"
    assert urban.parting is not None
    assert urban.parting.turn == 0, "the greeting already says the office is closed"


def test_the_offline_brain_is_named_as_a_calls_record_names_it() -> None:
    """The name replay looks for is the one a call with the offline brain records."""
    assert brain_name(OfflineBrain()) == OFFLINE_BRAIN
