"""Claims told as what happened, and what only looks like one (supposed, asked, denied)."""

from __future__ import annotations

import pytest

from statecharts import Intent
from voiceagent.brain import understand
from voiceagent.brain._frames import read_frames

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    "story",
    [
        # something struck something
        "so yesterday I was driving on I-4 and some guy merged right into me",
        "this lady comes flying around the corner and hits my back door",
        "a tree came down on my car in the storm",
        "I backed into a pole at the grocery store",
        "somebody hit my parked car and drove off",
        "i slid on the wet road and went into a ditch",
        # weather and ground
        "the wind blew a bunch of shingles off my roof",
        "we had hail last night",
        "lightning hit the house",
        "we found a sinkhole in the backyard",
        # water
        "my roof is leaking after the storm",
        "the water heater burst and flooded the garage",
        "there's water coming up through the floor",
        # fire, theft, vandals
        "we had a kitchen fire",
        "I came home and the back door was kicked in and the TV is gone",
        "vandals spray painted our storefront",
        # someone hurt
        "a customer tripped over a box in our shop",
        "an employee got hurt at work today",
        "my dog bit the neighbor's kid",
        # damaged
        "my boat got damaged at the marina",
        "there's a big dent in my door",
    ],
)
def test_a_situation_is_a_claim(story: str) -> None:
    """Storms, leaks, fallen trees, fender benders, theft, someone hurt: a claim."""
    assert understand(story).intent is Intent.CLAIMS


@pytest.mark.parametrize(
    ("utterance", "intent"),
    [
        ("does my policy cover water damage from a leak", Intent.COVERAGE_RATE_QUESTIONS),
        ("does our policy cover a tree falling on the house", Intent.COVERAGE_RATE_QUESTIONS),
        ("am I covered if someone rear ends me", Intent.COVERAGE_RATE_QUESTIONS),
        ("is my jewelry covered if it's stolen", Intent.COVERAGE_RATE_QUESTIONS),
        ("if a hurricane hits what's my deductible", Intent.COVERAGE_RATE_QUESTIONS),
        ("my rate went up and I didn't file any claims", Intent.COVERAGE_RATE_QUESTIONS),
        ("I need a letter saying I haven't had any claims", Intent.SOMETHING_ELSE),
        ("I'm not calling about a claim, I need a quote", Intent.NEW_QUOTE),
        ("I had an accident two years ago and need a quote", Intent.NEW_QUOTE),
    ],
)
def test_what_is_only_asked_supposed_or_denied_is_no_claim(utterance: str, intent: Intent) -> None:
    """A question about a leak, a supposed hurricane, "no claims": not a claim."""
    assert understand(utterance).intent is intent


def test_what_happened_beside_a_question_is_still_a_claim() -> None:
    """A story told before a coverage question is still a claim: the tree did fall."""
    assert understand("a tree fell on my house, is that covered?").intent is Intent.CLAIMS


def test_frames_blank_only_the_asked_about_clause() -> None:
    """The question's clause is blanked; the story before it stays readable."""
    frames = read_frames("a tree fell on my house, is that covered?")
    assert frames.happened.strip(" ,?") == "a tree fell on my house"
    assert frames.asks_about_cover


def test_asking_what_the_agency_covers_is_not_a_coverage_question() -> None:
    """Asking what the agency covers, or a price, is not asking what one's policy covers."""
    assert not read_frames("do you guys cover boats").asks_about_cover
    assert not read_frames("what would it cost to cover my house").asks_about_cover


def test_what_the_caller_is_not_after_is_blanked() -> None:
    """What the caller is not after ("I don't want to cancel") is not read."""
    frames = read_frames("i don't want to cancel, i want to lower my payment")
    assert "cancel" not in frames.affirmed
