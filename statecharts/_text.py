"""Caller-given text made usable: phone numbers, spelled names, spoken digits.

Everything here arrives through speech-to-text, so it is messy by nature: "(407)
555-0123", "four oh seven…", "S as in Sam", "you are b a n" for U-R-B-A-N. These
functions turn it into the plain values routing and messages need, and say None
rather than guess when a phone number cannot be right.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

__all__ = [
    "normalize_phone",
    "normalize_spelling",
    "phone_last_four",
    "words_to_digits",
]

_PHONE_DIGITS = range(10, 16)
"""A phone number has 10 to 15 digits: 10 for US numbers, up to 15 with a country
code and an extension ("555-123-4567 x123" keeps its extension as digits)."""

_ASCII_DIGITS = frozenset("0123456789")


def normalize_phone(text: str) -> str | None:
    """The digits of a phone number, or None when there cannot be a number in it.

    Every non-digit is dropped, so all the usual ways of writing a number agree;
    only ASCII digits count, so stray characters such as "²" cannot pad it out.
    """
    digits = "".join(char for char in text if char in _ASCII_DIGITS)
    return digits if len(digits) in _PHONE_DIGITS else None


def phone_last_four(phone: str) -> str:
    """The last four digits, which is all the agent ever reads back to confirm a number.

    Fewer than four digits gives whatever digits there are.
    """
    return "".join(char for char in phone if char in _ASCII_DIGITS)[-4:]


# Spelling --------------------------------------------------------------------

_LETTER_NAMES: dict[str, str] = {
    "ay": "A", "eh": "A",
    "bee": "B", "be": "B",
    "see": "C", "sea": "C", "cee": "C",
    "dee": "D",
    "ee": "E",
    "ef": "F", "eff": "F",
    "gee": "G",
    "aitch": "H", "haitch": "H",
    "eye": "I",
    "jay": "J",
    "kay": "K",
    "el": "L", "ell": "L",
    "em": "M",
    "en": "N",
    "oh": "O",
    "pea": "P", "pee": "P",
    "cue": "Q", "queue": "Q",
    "are": "R", "ar": "R",
    "es": "S", "ess": "S",
    "tea": "T", "tee": "T",
    "you": "U", "yew": "U",
    "vee": "V",
    "ex": "X",
    "why": "Y",
    "zee": "Z", "zed": "Z",
}  # fmt: skip
"""How speech-to-text writes letters said aloud: "you are b a n" is U-R-B-A-N."""

_REPEATS = {"double": 2, "triple": 3}
_EXAMPLE_MARKERS = (("as", "in"), ("like",), ("for",))
"""What links a letter to its example word: "S as in Sam", "S like Sam", "S for Sam"."""

_LETTERS_ONLY = re.compile(r"[^A-Za-z]+")


def _ascii_words(text: str) -> list[str]:
    """Lowercase ASCII words; accents are dropped ("José" is jose) and "O'Brien" is one word."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = re.sub(r"['\u2018\u2019`]", "", plain)
    return [word for word in _LETTERS_ONLY.split(plain.lower()) if word]


def _letter(word: str) -> str | None:
    """The letter a single word stands for when spelling, if any."""
    if len(word) == 1:
        return word.upper()
    return _LETTER_NAMES.get(word)


def _example_skip(words: list[str], start: int) -> int:
    """How many words after a letter are "as in Sam" and its example (0 if none)."""
    for marker in _EXAMPLE_MARKERS:
        end = start + len(marker)
        if tuple(words[start:end]) == marker and end < len(words):
            return len(marker) + 1
    return 0


def _spelled(words: list[str]) -> Iterator[tuple[str, bool]]:
    """Each word read as spelling: (letters, certain), or ("", False) for other words.

    `certain` marks unmistakable spelling (a lone letter, "double T", "S as in Sam");
    letter names such as "you" or "kay" are also ordinary words, so alone they are not.
    """
    index = 0
    while index < len(words):
        word = words[index]
        repeat = _REPEATS.get(word)
        following = _letter(words[index + 1]) if index + 1 < len(words) else None
        if repeat is not None and following is not None:
            if words[index + 1] in {"u", "you"} and repeat == 2:
                yield "W", True  # "double-u" is how W is said
            else:
                yield following * repeat, True
            index += 2
            continue
        letter = _letter(word)
        if letter is None:
            yield "", False
            index += 1
            continue
        skip = _example_skip(words, index + 1)
        yield letter, len(word) == 1 or skip > 0
        index += 1 + skip


def normalize_spelling(text: str) -> str:
    """The letters a caller spelled, uppercased: "S M I T H" gives "SMITH".

    Understands how spelling comes out of speech-to-text: letter names ("you are b
    a n" is "URBAN"), "double T", and "S as in Sam". When the text is clearly spelled
    (a lone letter or one of those phrases appears, or several letter names), other
    words are chatter and dropped ("it's S M I T H"). Otherwise the caller said the
    name as a word and its letters are kept ("Kay" stays "KAY"). Only A-Z is returned.
    """
    words = _ascii_words(text)
    readings = list(_spelled(words))
    letter_names = sum(1 for letters, _ in readings if letters)
    spelled = any(certain for _, certain in readings) or letter_names > 1
    if not spelled:
        return "".join(words).upper()
    return "".join(letters for letters, _ in readings)


# Spoken digits -----------------------------------------------------------------

_UNITS = {
    "zero": "0", "oh": "0", "o": "0", "nought": "0",
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9",
}  # fmt: skip
_TEENS = {
    "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
    "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19",
}  # fmt: skip
_TENS = {
    "twenty": "2", "thirty": "3", "forty": "4", "fifty": "5",
    "sixty": "6", "seventy": "7", "eighty": "8", "ninety": "9",
}  # fmt: skip
_ZEROS = {"hundred": "00", "thousand": "000"}
_TOKENS = re.compile(r"[a-z]+|[0-9]")


def _digit(token: str) -> str | None:
    """The single digit a token stands for ("5", "five", "oh"), if any."""
    return token if token.isdecimal() else _UNITS.get(token)


def words_to_digits(text: str) -> str:
    """The digits in spoken or mixed text: "four oh seven, five five five" is "407555".

    Callers read phone numbers the way people do: digit by digit with "oh" for zero,
    "double five", "fifty-five", "eight hundred", or digits mixed with words. Every
    other word is ignored, so "my number is" costs nothing.
    """
    tokens = _TOKENS.findall(text.lower())
    digits: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        following = _digit(tokens[index + 1]) if index + 1 < len(tokens) else None
        if token in _REPEATS and following is not None:
            digits.append(following * _REPEATS[token])
            index += 2
            continue
        if token in _TENS:
            unit = following if following not in {None, "0"} else None
            digits.append(_TENS[token] + (unit or "0"))
            index += 2 if unit else 1
            continue
        digit = _digit(token)
        if digit is not None:
            digits.append(digit)
        elif token in _TEENS:
            digits.append(_TEENS[token])
        elif token in _ZEROS and digits:
            digits.append(_ZEROS[token])
        index += 1
    return "".join(digits)
