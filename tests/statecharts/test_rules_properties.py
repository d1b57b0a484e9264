"""Properties of the agency's rules that hold for any input, checked with hypothesis."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from statecharts._agency import AlphaSplit, InsuranceLine
from statecharts._carriers import find_carrier
from statecharts._loading import default_agency
from statecharts._masking import mask_phone
from statecharts._routing import alpha_split_owner, routing_letter
from statecharts._text import normalize_phone, normalize_spelling, words_to_digits

pytestmark = pytest.mark.property

AGENCY = default_agency()
PREFIX_FIRST_WORDS = {prefix.split()[0].casefold() for prefix in AGENCY.alpha_prefixes}
DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")

names = st.text() | st.sampled_from(["The", "Law office of", "Law offices of"]).flatmap(
    lambda prefix: st.text().map(lambda rest: f"{prefix} {rest}")
)


@given(names)
def test_routing_letter_is_one_character(name: str) -> None:
    """Any name gives exactly one character: uppercase, or the first non-space one as is."""
    letter = routing_letter(name, AGENCY.alpha_prefixes)
    assert len(letter) == 1
    stripped = name.strip()
    if not stripped:
        assert letter == "A"
    else:
        assert letter == letter.upper() or letter in stripped


@given(st.text())
def test_routing_letter_without_prefix_is_first_character(name: str) -> None:
    """A name that starts with no prefix word routes on its own first character."""
    words = name.split()
    if words and words[0].casefold() not in PREFIX_FIRST_WORDS:
        first = words[0][0]
        expected = first.upper() if len(first.upper()) == 1 else first
        assert routing_letter(name, AGENCY.alpha_prefixes) == expected


@given(st.sampled_from(string.ascii_uppercase), st.sampled_from(list(AlphaSplit)))
def test_every_letter_has_exactly_one_owner(letter: str, split: AlphaSplit) -> None:
    """Each letter A-Z belongs to exactly one active person in each alpha split."""
    owners = [
        member
        for member in AGENCY.staff
        if member.alpha_split is split
        and member.alpha_range is not None
        and member.alpha_range.covers(letter)
    ]
    assert len(owners) == 1
    assert alpha_split_owner(AGENCY, split, letter) is owners[0]
    assert alpha_split_owner(AGENCY, split, letter.lower()) is owners[0]


@given(st.text())
def test_normalize_phone_is_none_or_ten_to_fifteen_digits(text: str) -> None:
    """A normalised phone is None or 10-15 ASCII digits taken from the input."""
    phone = normalize_phone(text)
    if phone is not None:
        assert re.fullmatch(r"[0-9]{10,15}", phone)
        assert phone == "".join(char for char in text if char in string.digits)


@given(
    st.text(alphabet=string.digits, min_size=10, max_size=15),
    st.sampled_from(["", " ", "-", ".", ") ", " - "]),
)
def test_normalize_phone_ignores_punctuation(digits: str, separator: str) -> None:
    """However a valid number is punctuated, it normalises to its digits."""
    written = separator.join([digits[:3], digits[3:6], digits[6:]])
    assert normalize_phone(f"({written}") == digits


@given(st.text())
def test_normalize_spelling_is_only_a_to_z(text: str) -> None:
    """Whatever speech-to-text produced, a spelling is uppercase A-Z only."""
    assert re.fullmatch(r"[A-Z]*", normalize_spelling(text))


@given(st.text(alphabet=string.ascii_letters, min_size=1))
def test_spelled_letters_round_trip(letters: str) -> None:
    """Letters said one by one come back as the same letters, uppercased."""
    assert normalize_spelling(" ".join(letters)) == letters.upper()


@given(st.text(alphabet=string.digits))
def test_digit_words_round_trip(digits: str) -> None:
    """Digits said as words come back as the same digits."""
    spoken = " ".join(DIGIT_WORDS[int(digit)] for digit in digits)
    assert words_to_digits(spoken) == digits


@given(st.text(), st.sampled_from([None, *InsuranceLine]))
def test_find_carrier_never_invents(query: str, line: InsuranceLine | None) -> None:
    """Any query gives a configured carrier or none, and a number only with one carrier."""
    match = find_carrier(AGENCY, query, line)
    assert set(match.candidates) <= set(AGENCY.carriers)
    if match.carrier is not None:
        assert match.carrier in AGENCY.carriers
        assert not match.needs_line


@given(st.text())
def test_mask_phone_reveals_at_most_four_characters(phone: str) -> None:
    """A masked phone shows no more than its last four characters."""
    masked = mask_phone(phone)
    assert masked == "***" or masked == "***-***-" + phone[-4:]
