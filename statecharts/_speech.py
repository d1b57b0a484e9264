"""Text written the way text-to-speech should say it: names, emails, phone numbers.

A caller cannot see an email address, and TTS reads "hlinsure.com" as a word
nobody can write down. The client asked for the address said naturally, then
spelled letter by letter with commas between letters so the voice paces itself;
phone numbers are read digit by digit in their usual groups.

Names are written as names everywhere a person reads them (the transcript, the
call record, the console) and respelled only on their way to the voice:
`pronounce` applies the agency file's hints ("Levine" said "Leveen", Louis said
"Lewis") and is called on nothing but text bound for speech synthesis.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from statecharts._agency import AgencyConfig

__all__ = [
    "digits_for_speech",
    "email_for_speech",
    "phone_read_back",
    "pronounce",
    "pronunciations",
]

_SPELL_INTRO = "Let me spell that out for you:"
_SYMBOLS = {".": "dot", "_": "underscore", "-": "dash", "+": "plus", "@": "at"}
"""How the symbols that occur in addresses are said."""
_SPOKEN_TLD_MIN = 3
"""A top-level domain of three or more letters ("com", "org") is said as a word;
shorter ones ("us", "uk") are spelled, since "us" said as a word means something else."""

_EXTENSION = re.compile(r"\s*(?:x|ext\.?|extension)\s*(?=\d)", re.IGNORECASE)
_DIGIT_RUNS = re.compile(r"[0-9]+")


def _natural(part: str) -> str:
    """A local part or domain said as words: "john.smith" is "john dot smith"."""
    spoken = "".join(f" {_SYMBOLS[char]} " if char in _SYMBOLS else char for char in part)
    return " ".join(spoken.lower().split())


def _spell(part: str) -> list[str]:
    """A local part or domain label as items to say one by one: letters upper, symbols named."""
    return [_SYMBOLS.get(char, char.upper()) for char in part]


@functools.lru_cache(maxsize=256)
def email_for_speech(email: str) -> str:
    """An email said naturally, then spelled: "info at hlinsure dot com. Let me spell…".

    The spelling uppercases each letter and separates items with commas, with
    "at" between the local part and the domain and "dot" between domain labels;
    a top-level domain such as "com" is said as a word. Empty input gives "", and
    input without "@" is not an email and is returned unchanged.
    """
    if "@" not in email:
        return email
    address = email.strip()
    local, _, domain = address.rpartition("@")
    labels = [label for label in domain.split(".") if label]
    items = _spell(local)
    items.append("at")
    for position, label in enumerate(labels):
        if position:
            items.append("dot")
        last = position == len(labels) - 1
        if last and position and len(label) >= _SPOKEN_TLD_MIN and label.isalpha():
            items.append(label.lower())
        else:
            items.extend(_spell(label))
    natural = f"{_natural(local)} at {_natural(domain)}".strip()
    return f"{natural}. {_SPELL_INTRO} {', '.join(items)}"


def _grouped(digits: str) -> list[str]:
    """Split an unpunctuated number into the groups people say: 3-3-4, with a leading 1."""
    if len(digits) == 10:
        return [digits[:3], digits[3:6], digits[6:]]
    if len(digits) == 11 and digits.startswith("1"):
        return [digits[:1], digits[1:4], digits[4:7], digits[7:]]
    return [digits]


def digits_for_speech(phone: str) -> str:
    """A phone number read digit by digit in its groups, with any extension said as such.

    "800-342-3407 x6050" gives "8 0 0, 3 4 2, 3 4 0 7, extension 6 0 5 0". The
    groups are the ones the number is written with, or 3-3-4 when it has none.
    Input without digits gives "" (there is nothing to say).
    """
    main, *rest = _EXTENSION.split(phone, maxsplit=1)
    extension = rest[0] if rest else ""
    runs = _DIGIT_RUNS.findall(main)
    groups = _grouped(runs[0]) if len(runs) == 1 else runs
    spoken = [" ".join(group) for group in groups]
    extension_digits = "".join(_DIGIT_RUNS.findall(extension))
    if extension_digits:
        spoken.append("extension " + " ".join(extension_digits))
    return ", ".join(spoken)


def pronunciations(config: AgencyConfig) -> dict[str, str]:
    """Each written word the agency file respells for the voice, and how it is said.

    The office's words come from comparing its written and spoken names word by
    word ("Harry Levine Insurance" / "Harry Leveen Insurance" gives "Levine":
    "Leveen"); each staff member with a pronunciation has their first name
    respelled ("Louis": "Lewis").
    """
    office = config.office
    written, spoken = office.name.split(), office.spoken_name.split()
    hints: dict[str, str] = {}
    if len(written) == len(spoken):
        hints.update({w: s for w, s in zip(written, spoken, strict=True) if w != s})
    for member in config.staff:
        if member.pronunciation and member.pronunciation != member.first_name:
            hints[member.first_name] = member.pronunciation
    return hints


def pronounce(text: str, config: AgencyConfig) -> str:
    """Text bound for speech synthesis, with the agency's names respelled as they are said.

    Only whole, capitalised words are respelled, so "Louisiana" and "louis" stay
    as written. Call it on text going to the voice only: a transcript, a record
    or a console line keeps the written name.

    Args:
        text: What the receptionist is about to say, as written.
        config: The agency, whose file carries the pronunciation hints.
    """
    hints = pronunciations(config)
    if not hints:
        return text
    words = "|".join(re.escape(word) for word in sorted(hints, key=len, reverse=True))
    return re.sub(rf"\b(?:{words})\b", lambda match: hints[match.group(0)], text)


_DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def phone_read_back(digits: str) -> str:
    """A caller's number read back in words, in its groups, as a person says it.

    "4075550123" gives "four oh seven, five five five, zero one two three": a 0
    inside a group is "oh", a group that starts with 0 starts with "zero". Words,
    not digits, so the voice cannot read "555" as "five hundred fifty-five".
    """
    plain = "".join(char for char in digits if char.isdigit())
    groups = _grouped(plain) if len(plain) in (10, 11) else [plain]
    spoken = []
    for group in groups:
        words = [
            "oh" if digit == "0" and position else _DIGIT_WORDS[int(digit)]
            for position, digit in enumerate(group)
        ]
        spoken.append(" ".join(words))
    return ", ".join(spoken)
