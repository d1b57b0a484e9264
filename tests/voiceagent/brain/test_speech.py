"""Speech as transcribed, made plain: fillers, stutters, false starts, informal spellings."""

from __future__ import annotations

import pytest

from voiceagent.brain._speech import plain

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("um I need uh a quote", "i need a quote"),
        ("hmm, let me think", "let me think"),
        ("uh-huh", "uh-huh"),
    ],
)
def test_fillers_are_dropped(said: str, meant: str) -> None:
    """Sounds that carry no meaning go; "uh-huh", which is a yes, stays."""
    assert plain(said) == meant


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("I need to can- I mean change my policy", "i need to change my policy"),
        ("my phone, I mean my car, got broken into", "my car, got broken into"),
        ("it's for my house or rather my condo", "it's for my condo"),
    ],
)
def test_a_false_start_gives_way_to_its_correction(said: str, meant: str) -> None:
    """A broken-off word and what "I mean" replaces are not read."""
    assert plain(said) == meant


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("does uh does my car insurance cover towing", "does my car insurance cover towing"),
        ("is is brad around", "is brad around"),
        ("I need to pay my um my auto bill", "i need to pay my auto bill"),
    ],
)
def test_stutters_are_said_once(said: str, meant: str) -> None:
    """A word or a few words said twice in a row count once."""
    assert plain(said) == meant


def test_digits_and_letters_are_never_collapsed() -> None:
    """Digits ("five five five") and letters ("l l") are values, not stutters."""
    assert plain("four oh seven five five five") == "four oh seven five five five"
    assert plain("k e l l y") == "k e l l y"


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("I wanna cancel", "i want to cancel"),
        ("are y'all open", "are you open"),
        ("theres water everywhere", "there's water everywhere"),
        ("im calling about my bill", "i'm calling about my bill"),
        ("I need my ID card", "i need my id card"),
    ],
)
def test_informal_spellings_are_read_as_usual(said: str, meant: str) -> None:
    """Transcribers' "wanna", "y'all", "theres" read as the usual words; "ID" stays an ID."""
    assert plain(said) == meant
