"""Stand-ins for a caller's personal data that keep the call's routing the same."""

from __future__ import annotations

import string

import pytest

from statecharts import (
    AlphaSplit,
    default_agency,
    normalize_phone,
    normalize_spelling,
    routing_letter,
)
from statecharts._routing import alpha_split_owner
from voiceagent.logs import PII_FIELDS
from voiceagent.replay.standins import (
    UncoveredFieldError,
    business,
    first_name,
    phone,
    stand_ins,
    surname,
)

pytestmark = pytest.mark.unit

CONFIG = default_agency()
PREFIXES = CONFIG.alpha_prefixes


@pytest.mark.parametrize("letter", string.ascii_uppercase)
def test_a_last_name_keeps_its_letter_and_its_owner(letter: str) -> None:
    """Every split owns the stand-in exactly as it owned the caller's name."""
    original = letter + "xample"
    standin = surname(original)
    assert standin[0] == letter
    assert standin != original
    for split in AlphaSplit:
        assert alpha_split_owner(CONFIG, split, standin[0]) == alpha_split_owner(
            CONFIG, split, original[0]
        )


def test_a_stand_in_is_never_the_callers_own_name() -> None:
    """A caller named like the first stand-in for their letter gets the second."""
    assert surname("Abbott") == "Ashby"
    assert surname("Ashby") == "Abbott"


def test_the_same_value_always_gets_the_same_stand_in() -> None:
    """Stand-ins are consistent: across calls and exports, one value, one stand-in."""
    assert surname("Urban") == surname("Urban")
    assert phone("4075550123") == phone("4075550123")


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("The Great Plumbing Company", "The "),
        ("Law Offices of Harry Levine", "Law Offices of "),
        ("Theater Company of Orlando", ""),
        ("Acme Roofing", ""),
        ("123 Industries", ""),
        ("Ginkgo Supply Co", ""),
    ],
)
def test_a_business_keeps_its_routing_letter_and_its_prefix(name: str, kept: str) -> None:
    """Prefixes stay as said ("Theater" is no prefix); the letter after them is kept."""
    standin = business(name, PREFIXES)
    assert routing_letter(standin, PREFIXES) == routing_letter(name, PREFIXES)
    assert standin.startswith(kept)
    assert standin != name


def test_a_first_name_is_no_staff_members() -> None:
    """A caller's first name never becomes a name a staff request could match."""
    staff = {w.casefold() for m in CONFIG.staff for w in (*m.name.split(), *m.aliases)}
    for original in ("Kelly", "Rachel", "Jordan", "Al"):
        standin = first_name(original, staff)
        assert standin.casefold() not in staff
        assert standin.casefold() != original.casefold()


@pytest.mark.parametrize(
    ("original", "fiction"),
    [("4075550123", "407555" + "01"), ("14075550123", "1407555" + "01"), ("442071234567", "")],
)
def test_a_phone_number_is_fictional_and_as_long(original: str, fiction: str) -> None:
    """The stand-in is a valid number of the same length; US ones are 555-01xx."""
    standin = phone(original)
    assert len(standin) == len(original)
    assert normalize_phone(standin) == standin
    assert standin.startswith(fiction)
    assert standin != original


def test_everything_the_caller_said_is_replaced_however_they_said_it() -> None:
    """Names, spellings (letters or letter names), digits (or words), emails, other numbers."""
    found = stand_ins(
        [
            {"intent": "new_quote"},
            {
                "first_name": "Kelly",
                "last_name": "Urban",
                "last_name_spelled": "URBAN",
                "phone": "4075550123",
            },
        ],
        CONFIG,
        personal=PII_FIELDS,
        caller_number="+14075550199",
    )
    text = found.apply(
        "My name is Kelly Urban, that's you are b a n, my number is four oh seven five five "
        "five oh one two three, or 407-555-0199, kelly@mail.com, policy 98765432"
    )
    for secret in ("Kelly", "Urban", "0123", "0199", "kelly@", "98765432"):
        assert secret not in text
    assert "caller@example.com" in text
    spelled = next(s for s in found.spellings.values())
    assert normalize_spelling(spelled)[0] == "U"
    assert found.caller_number is not None
    assert found.caller_number.startswith("+1407555")


def test_a_staff_members_name_the_caller_asked_for_is_kept() -> None:
    """Asking for Rachel by name routes the call: a caller also named Rachel keeps the request."""
    found = stand_ins(
        [{"first_name": "Rachel"}, {"name": "Rachel"}],
        CONFIG,
        personal=PII_FIELDS,
        caller_number=None,
    )
    assert found.apply("Can I talk to Rachel", keep=["Rachel"]) == "Can I talk to Rachel"
    assert "Rachel" not in found.apply("This is Rachel")


def test_personal_data_no_stand_in_covers_stops_the_export() -> None:
    """A new personal-data field is refused rather than exported as said."""
    with pytest.raises(UncoveredFieldError, match="destination"):
        stand_ins([{"destination": "sip:1@x"}], CONFIG, personal=PII_FIELDS, caller_number=None)
