"""People in what callers say: their own names and spellings, people asked for, messages."""

from __future__ import annotations

import pytest

from voiceagent.brain import understand

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("utterance", "first", "last", "spelled"),
    [
        ("Sam Rubin, 818-555-1234", "Sam", "Rubin", None),
        ("Kelly Urban, U R B A N, 407 555 0123", "Kelly", "Urban", "URBAN"),
        ("Hi, Sam Rubin here, I'm calling to cancel", "Sam", "Rubin", None),
        ("yeah hi it's Pete Sandoval calling back", "Pete", "Sandoval", None),
        ("my name is Tom, last name Becker B E C K E R", "Tom", "Becker", "BECKER"),
        ("the last name is Sutherland, S U T H E R L A N D, first name Kim",
         "Kim", "Sutherland", "SUTHERLAND"),
        ("um Brian O'Neil, O apostrophe N E I L, 407 555 0156", "Brian", "O'Neil", "ONEIL"),
        ("Omar, O M A R, Haddad, H A D D A D", "Omar", "Haddad", "HADDAD"),
        ("Jamal, J A M A L", "Jamal", None, None),
        ("Urban, U R B A N", None, "Urban", "URBAN"),
        ("it's Acme Landscaping", None, None, None),
        ("it's State Farm", None, None, None),
        ("Acme Landscaping, 407 555 0123", None, None, None),
        ("yes ma'am", None, None, None),
    ],
)  # fmt: skip
def test_the_callers_name_and_its_spelling(
    utterance: str, first: str | None, last: str | None, spelled: str | None
) -> None:
    """A name leading a number, "… here", "it's" a given name, and the word a spelling spells."""
    heard = understand(utterance)
    assert (heard.first_name, heard.last_name, heard.last_name_spelled) == (first, last, spelled)


def test_an_acronym_is_not_a_spelled_name() -> None:
    """An acronym said as letters ("I need a C O I") spells no name."""
    assert understand("i need a c o i").last_name_spelled is None


@pytest.mark.parametrize(
    ("utterance", "person"),
    [
        ("is brad around", "Brad"),
        ("hi um is uh is brad around I had a question", "Brad"),
        ("Luis please", "Luis"),
        ("Ann or Sheree, whoever's free", "Ann"),
        ("I'm trying to reach Kelly", "Kelly"),
        ("my account manager is Louis, I need him", "Louis"),
        ("what about Julie then", "Julie"),
        ("can you connect me to seven zero one five", "7015"),
        ("adriana's extension please", "Adriana"),
        ("i'm returning a call from yarislyn", "Yarislyn"),
        ("I need to speak with the manager Kelly", "Kelly"),
        ("brad called me about a quote", "Brad"),
        ("We're looking for commercial insurance for our business", None),
        ("I'm looking for someone to insure my construction company", None),
        ("spanish please", None),
        ("Hi this is Kelly Urban, I'd like a quote", None),
    ],
)
def test_a_person_asked_for(utterance: str, person: str | None) -> None:
    """Asking for someone by name, in lowercase speech too; look-alike phrases are not."""
    assert understand(utterance).person == person


@pytest.mark.parametrize(
    ("utterance", "person", "message"),
    [
        ("I want to leave a message for Brad", "Brad", False),
        ("Please have Louis call me back about my renewal, this is Tom Reyes, 407 555 0166",
         "Louis", True),
        ("could you tell Brad I called", "Brad", True),
        ("can you have someone call me back", None, False),
    ],
)  # fmt: skip
def test_a_message_for_a_named_person(utterance: str, person: str | None, *, message: bool) -> None:
    """A message "for Brad", or "have Louis call me": for that person, with the words said."""
    heard = understand(utterance)
    assert heard.message_for == person
    assert (heard.message_text is not None) is message
    assert heard.leave_message or heard.callback


def test_another_persons_details_are_not_given_out() -> None:
    """Asking for John Smith's phone number is asking about another caller."""
    heard = understand("what's John Smith's phone number")
    assert heard.untrusted
    assert not understand("I'm calling about a mutual customer's claim check").untrusted
