"""Phone numbers, spelled names and spoken digits from speech-to-text (agency.md U22, §2, §4)."""

from __future__ import annotations

import pytest

from statecharts._text import (
    normalize_phone,
    normalize_spelling,
    phone_last_four,
    words_to_digits,
)

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("555-123-4567", "5551234567"),
        ("(555) 123-4567", "5551234567"),
        ("555.123.4567", "5551234567"),
        ("555 123 4567", "5551234567"),
        ("5551234567", "5551234567"),
        ("+1 (555) 123-4567", "15551234567"),
        ("1-555-123-4567", "15551234567"),
        ("555-123-4567 x123", "5551234567123"),
        ("+44 20 7946 0958", "442079460958"),
        ("123456789012345", "123456789012345"),
    ],
)
def test_normalize_phone_valid(text: str, digits: str) -> None:
    """Any 10-15 digit number, however punctuated, normalises to its digits."""
    assert normalize_phone(text) == digits


@pytest.mark.parametrize(
    "text",
    ["123", "", "   ", "---", "()-.", "555-1234", "123456789", "1234567890123456",
     "four oh seven five five five zero one two three", "\u00b2\u00b3" * 6,
     "\u0665" * 10],
)  # fmt: skip
def test_normalize_phone_invalid(text: str) -> None:
    """Too few or too many ASCII digits, symbols only or words give None."""
    assert normalize_phone(text) is None


@pytest.mark.parametrize(
    ("phone", "last_four"),
    [
        ("555-123-4567", "4567"),
        ("5551234567", "4567"),
        ("+1 (407) 555-0123", "0123"),
        ("5551234567123", "7123"),
        ("12", "12"),
        ("", ""),
    ],
)
def test_phone_last_four(phone: str, last_four: str) -> None:
    """The read-back confirms only the last four digits."""
    assert phone_last_four(phone) == last_four


@pytest.mark.parametrize(
    ("text", "spelled"),
    [
        ("S M I T H", "SMITH"),
        ("s m i t h", "SMITH"),
        ("S-M-I-T-H", "SMITH"),
        ("S.M.I.T.H.", "SMITH"),
        ("S, M, I, T, H", "SMITH"),
        ("you are b a n", "URBAN"),
        ("Smith", "SMITH"),
        ("smith", "SMITH"),
        ("O'Brien", "OBRIEN"),
        ("O B R I E N", "OBRIEN"),
        ("Smith-Jones", "SMITHJONES"),
        ("José", "JOSE"),
        ("Kay", "KAY"),
        ("Oh", "OH"),
        ("en gee", "NG"),
        ("K A Y", "KAY"),
        ("S as in Sam, M as in Mary", "SM"),
        ("S as in Sam M as in Mary I T H", "SMITH"),
        ("B like boy, R O W N", "BROWN"),
        ("P for Paul A T E L", "PATEL"),
        ("J as in Jay", "J"),
        ("K like Kay, O H N", "KOHN"),
        ("kay as in kite", "K"),
        ("double T", "TT"),
        ("S M I double T H", "SMITTH"),
        ("B A double R E T T", "BARRETT"),
        ("double you I L S O N", "WILSON"),
        ("double u I L S O N", "WILSON"),
        ("double-u", "W"),
        ("triple A", "AAA"),
        ("it's S M I T H", "SMITH"),
        ("my last name is B R O W N", "BROWN"),
        ("see oh ell ee", "COLE"),
        ("bee are oh", "BRO"),
        ("", ""),
        ("   ", ""),
        ("123", ""),
        ("!?", ""),
    ],
)
def test_normalize_spelling(text: str, spelled: str) -> None:
    """Spelled letters, letter names, "double T" and "S as in Sam" become uppercase A-Z."""
    assert normalize_spelling(text) == spelled


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("four oh seven five five five zero one two three", "4075550123"),
        ("four zero seven", "407"),
        ("four o seven", "407"),
        ("oh", "0"),
        ("zero", "0"),
        ("double five", "55"),
        ("triple zero", "000"),
        ("four oh seven double five five", "407555"),
        ("double 5", "55"),
        ("407 five five five 0123", "4075550123"),
        ("4 0 7", "407"),
        ("Four-Oh-Seven", "407"),
        ("my number is four oh seven", "407"),
        ("fifty-five", "55"),
        ("fifty five", "55"),
        ("four oh seven, twenty one, thirty four", "4072134"),
        ("five five five twenty", "55520"),
        ("twenty", "20"),
        ("twenty zero", "200"),
        ("nineteen", "19"),
        ("eight hundred", "800"),
        ("one eight hundred", "1800"),
        ("hundred", ""),
        ("", ""),
        ("hello there", ""),
    ],
)
def test_words_to_digits(text: str, digits: str) -> None:
    """Spoken digits, "oh", "double", tens and hundreds become digits; other words are ignored."""
    assert words_to_digits(text) == digits


def test_spoken_number_then_phone() -> None:
    """A spoken phone number becomes a valid normalised phone."""
    spoken = "four oh seven, five five five, zero one two three"
    assert normalize_phone(words_to_digits(spoken)) == "4075550123"
