"""Where a replay parts from its recording: the first event or words that differ."""

from __future__ import annotations

import pytest

from voiceagent.replay.parting import Walk, WalkEvent, parting

pytestmark = pytest.mark.unit

LISTENING = ("call", "triage", "listening")
INTAKE = ("call", "triage", "intake")
MESSAGE = ("call", "after_hours", "taking_message")


def _walk(*events: tuple[str, tuple[str, ...], int], lines=None) -> Walk:
    return Walk([WalkEvent(*e) for e in events], dict(lines or {}))


def test_the_same_walk_never_parts() -> None:
    """Identical events and words: no parting."""
    walk = _walk(("greeted", LISTENING, 0), ("request", INTAKE, 1), lines={1: ["Got it."]})
    assert parting(walk, walk, replay_lines_complete=True) is None


def test_the_first_event_leading_elsewhere_is_where_they_part() -> None:
    """The event, the caller turn before it, and where each side went."""
    was = _walk(("greeted", LISTENING, 0), ("request", INTAKE, 1))
    now = _walk(("greeted", LISTENING, 0), ("request", MESSAGE, 1))
    parts = parting(was, now, replay_lines_complete=True)
    assert parts is not None
    assert parts.index == 1
    assert parts.text == (
        "after caller turn 1 (request): was triage.intake, now after_hours.taking_message"
    )


def test_another_event_names_both() -> None:
    """A different event at the same place names both events."""
    was = _walk(("greeted", LISTENING, 0), ("request", INTAKE, 1))
    now = _walk(("greeted", LISTENING, 0), ("leave_message", MESSAGE, 1))
    parts = parting(was, now, replay_lines_complete=True)
    assert parts is not None
    assert parts.was == "request to triage.intake"
    assert parts.now == "leave_message to after_hours.taking_message"


def test_a_call_that_ends_sooner_parts_where_it_ends() -> None:
    """Events the replay never reaches read as the call having ended."""
    was = _walk(("greeted", LISTENING, 0), ("request", INTAKE, 1))
    now = _walk(("greeted", LISTENING, 0))
    parts = parting(was, now, replay_lines_complete=True)
    assert parts is not None
    assert parts.now == "nothing more (the call had ended)"


def test_other_words_after_a_turn_part_the_calls() -> None:
    """The same states with other words said part the calls at that caller turn."""
    was = _walk(("greeted", LISTENING, 0), ("request", INTAKE, 2), lines={2: ["Hi Brad"]})
    now = _walk(("greeted", LISTENING, 0), ("request", INTAKE, 2), lines={2: ["Hi Rachel"]})
    parts = parting(was, now, replay_lines_complete=True)
    assert parts is not None
    assert parts.words
    assert parts.text == (
        "after caller turn 2 (request): the same states, other words said to the caller"
    )


def test_the_charts_own_lines_need_only_appear_among_what_was_said() -> None:
    """Replayed on the chart alone, the brain's own words are missing, and that is no parting."""
    was = _walk(("greeted", LISTENING, 0), lines={0: ["Hello", "How can I help?"]})
    now = _walk(("greeted", LISTENING, 0), lines={0: ["How can I help?"]})
    assert parting(was, now, replay_lines_complete=False) is None
    assert parting(was, now, replay_lines_complete=True) is not None
