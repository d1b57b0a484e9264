"""Who a caller goes to, from agency.md sections 0 and 2.

Each function answers one question the agency's rules answer: which letter a
name routes on, who owns a letter, who takes a personal new quote at a given
minute, which Spanish speaker is free, and who a spoken name means.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import time

from tests.reference.facts import (
    ALIASES,
    BILINGUAL_ORDER,
    ESCALATION,
    PREFIXES,
    STAFF,
    Person,
    Split,
    person,
)

__all__ = [
    "Lookup",
    "bilingual",
    "business_letter",
    "lookup",
    "new_quote_person",
    "owner",
    "personal_letter",
]


def business_letter(name: str) -> str:
    """The letter a business name routes on.

    Skip one prefix ("The", "Law office of", "Law offices of"), only as whole
    words and case-insensitively, then take the first character of the next word.
    A name that is only a prefix routes on the prefix's first letter ("The" is T),
    and a blank name on "A". Letters are uppercased; digits and symbols are kept.
    """
    words = name.split()
    if not words:
        return "A"
    lowered = [word.casefold() for word in words]
    rest = words
    for prefix in sorted(PREFIXES, key=len, reverse=True):
        if tuple(lowered[: len(prefix)]) == prefix and len(words) > len(prefix):
            rest = words[len(prefix) :]
            break
    first = rest[0][0]
    upper = first.upper()
    return upper if len(upper) == 1 else first


def personal_letter(last_name: str | None, spelled: str | None) -> str:
    """The letter a personal-lines caller routes on.

    The first letter of the spelled last name; when it differs from the first
    letter of the last name the caller said, the said name wins (the spelling is
    taken to be misheard). Nothing at all gives "A".
    """
    said = (last_name or "").strip()
    if spelled and said and said[0].upper() != spelled[0].upper():
        return said[0].upper()
    if spelled:
        return spelled[0].upper()
    return said[0].upper() if said else "A"


def owner(split: Split, letter: str) -> Person | None:
    """Who owns `letter` in `split`; nobody owns a digit, a symbol or an accented letter."""
    if letter not in string.ascii_uppercase:
        return None
    owners = [member for member in STAFF if member.split is split and letter in member.letters]
    assert len(owners) == 1, f"agency.md gives {letter} one owner in {split}"
    return owners[0]


def _reachable(member: Person | None, moment: time) -> bool:
    return member is not None and member.may_be_transferred_to and member.free_at(moment)


def new_quote_person(letter: str, moment: time) -> Person | None:
    """Who takes a personal new quote at `moment`: the fallback chain of section 2.

    1. the sales agent for the letter; 2. the other sales agent; 3. the personal
    lines account executive for the letter; 4. management, Julie L. then Kelly U.;
    5. nobody (a message is taken).
    """
    primary = owner(Split.PERSONAL_NEW, letter)
    other = [m for m in STAFF if m.split is Split.PERSONAL_NEW and m is not primary]
    chain = [
        primary,
        *other,
        owner(Split.PERSONAL_EXISTING, letter),
        *(person(name) for name in ESCALATION),
    ]
    return next((member for member in chain if _reachable(member, moment)), None)


def bilingual(moment: time) -> Person | None:
    """The first Spanish speaker free at `moment`, in section 2's order."""
    return next(
        (person(name) for name in BILINGUAL_ORDER if _reachable(person(name), moment)), None
    )


@dataclass(frozen=True)
class Lookup:
    """Who a spoken name means: one person, several to choose from, or nobody."""

    people: tuple[Person, ...]

    @property
    def found(self) -> Person | None:
        """The one person meant, or None."""
        return self.people[0] if len(self.people) == 1 else None

    @property
    def ambiguous(self) -> bool:
        """Two or more people fit: the receptionist asks which one."""
        return len(self.people) > 1


def lookup(query: str) -> Lookup:
    """Who a caller means by `query` (section 2, "Specific-person requests").

    An extension exactly; then, case-insensitively and trimmed, in three passes,
    the first that finds anyone deciding: a full name or alias exactly, a name
    starting with the query, a query starting with a first name and a space. A
    single word that begins two people's first names ("Rachel", "Rach") always
    asks which one, even when it is one person's whole name.
    """
    text = " ".join(query.split())
    if not text:
        return Lookup(())
    by_extension = [m for m in STAFF if m.extension == text]
    if by_extension:
        return Lookup(tuple(by_extension))
    key = text.lower()
    if " " not in key:
        namesakes = [m for m in STAFF if m.name.split()[0].lower().startswith(key)]
        if len(namesakes) > 1:
            return Lookup(tuple(namesakes))
    alias = ALIASES.get(key)
    passes = (
        [m for m in STAFF if m.name.lower() == key or m.name == alias],
        [m for m in STAFF if m.name.lower().startswith(key)],
        [m for m in STAFF if key.startswith(m.name.split()[0].lower() + " ")],
    )
    for found in passes:
        if found:
            return Lookup(tuple(found))
    return Lookup(())
