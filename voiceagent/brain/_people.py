"""People in what a caller says: their own name, the person they ask for, who a message is for.

"Sam Rubin, 818-555-1234" is the caller; "is brad around" asks for Brad; "have
Louis call me back" is a message for Louis; "Jamal, J A M A L" spells a first
name and "Omar, O M A R, Haddad, H A D D A D" spells both. Names are told from
phrases by the way they are introduced ("my name is", "this is", "it's", "…
here", a name leading a phone number), by capitals where the transcript has
them, and by knowing common given names where it does not (`_given_names`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from statecharts import words_to_digits
from voiceagent.brain._entities import NUMBER_WORD, is_carrier, looks_like_business
from voiceagent.brain._given_names import GIVEN_NAMES
from voiceagent.brain._lexicon import INJECTION_WORDS, NOT_NAMES

__all__ = [
    "CallerName",
    "asks_about_someone",
    "caller_name",
    "lone_name",
    "message_for",
    "name_words",
    "requested_person",
]

_NAME_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['.\-])*")


def _latin(word: str) -> bool:
    """Latin letters only (accents allowed): names reach us through an English transcriber."""
    plain = unicodedata.normalize("NFKD", word)
    return all(c.isascii() or unicodedata.combining(c) for c in plain)


def _tidy(word: str) -> str:
    word = word.strip(".'-")
    return word[:1].upper() + word[1:] if word.islower() else word


def name_words(text: str, *, capitalised: bool, limit: int = 3) -> tuple[str, ...]:
    """Up to `limit` name-like words at the start of `text`, stopping at the first non-name."""
    words: list[str] = []
    position = 0
    for match in _NAME_TOKEN.finditer(text):
        if text[position : match.start()].strip():
            break  # punctuation before the first word, or between two: no (more) name
        word = match.group(0)
        key = word.casefold().strip(".'-")
        if key in NOT_NAMES or len(key) > 24 or (capitalised and not word[0].isupper()):
            break
        if key.startswith(("i'", "i\u2019")) or not _latin(word):
            break  # "I'd", "I'll": the next sentence, not a name
        if not words and len(key) < 2:
            break
        words.append(_tidy(word))
        position = match.end()
        if len(words) == limit or (word.endswith(".") and len(key) > 1):
            break  # the limit, or a full stop after a word (not an initial): the name ends
    if any(w.casefold() in INJECTION_WORDS for w in words) or is_carrier(" ".join(words)):
        return ()
    return tuple(words)


def _given(word: str) -> bool:
    return word.casefold() in GIVEN_NAMES


def _named(text: str, start: int, *, given_only: bool = False) -> tuple[str, ...]:
    """The name at `start`: words led by a common given name, or capitalised words.

    Capitalised words that carry a business word ("Acme Landscaping") are no name.
    """
    words = name_words(text[start:], capitalised=False)
    if not words or looks_like_business(words):
        return ()
    if _given(words[0]) or (not given_only and text[start : start + 1].isupper()):
        return words
    return ()


# The caller's own name ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CallerName:
    """The caller's name as they gave it, and the spelling of their last name."""

    first: str | None = None
    last: str | None = None
    spelled: str | None = None


_FIRST_INTRO = re.compile(
    r"(?<![\w'])(?=[mf])(?:my\s+)?first\s+name(?:\s+is|'s)?\s+", re.IGNORECASE
)
_LAST_INTRO = re.compile(
    r"(?<![\w'])(?=[mtlsf])(?:my\s+|the\s+)?(?:last\s+name|surname|family\s+name)(?:\s+is|'s)?\s+",
    re.IGNORECASE,
)
_FULL_INTRO = re.compile(
    r"(?<![\w'])(?=[mnt])(?:my\s+name\s+is|my\s+name's|name's|the\s+name\s+is|my\s+name)\s+",
    re.IGNORECASE,
)
_SELF_INTRO = re.compile(r"(?<![\w'])(?=[ti])(?:this\s+is|i'm|i\s+am)\s+", re.IGNORECASE)
"""Introductions that are also ordinary phrases ("this is urgent", "I'm with Chase"):
the name after them must be capitalised or a common given name."""
_ITS = re.compile(r"(?<![\w'])(?=i)(?:it's|it\s+is)\s+", re.IGNORECASE)
""""It's…" introduces a name only when a common given name follows: "it's State Farm",
"it's Acme Landscaping" are answers of another kind."""
_LEAD_IN = re.compile(
    r"^(?:(?:um+|uh+|er|so|yeah|yes|yep|sure|ok|okay|oh|well|hi|hey|hello|good\s+morning"
    r"|good\s+afternoon)\b[\s,.!]*)*",
    re.IGNORECASE,
)
_AFTER_LEADING = re.compile(
    r"^\s*(?:$|[,.;!?]|(?:here|from|with|at|of|calling|and)\b)", re.IGNORECASE
)
"""What may follow a name that leads the utterance: the end, a comma, "here", "from…"."""
_HERE = re.compile(r"^\s*here\b", re.IGNORECASE)
_PREVIOUS_WORD = re.compile(r"([^\W\d_][\w'\-]*)[\s,.:;-]*$")


def _letters(word: str) -> str:
    return re.sub(r"[^A-Za-z]", "", unicodedata.normalize("NFKD", word)).upper()


def caller_name(
    text: str, leftover: str, spellings: Sequence[tuple[str, tuple[int, int]]], *, with_value: bool
) -> CallerName:
    """The caller's name from an introduction, or from a name leading a number or a spelling.

    Args:
        text: The utterance as said.
        leftover: The utterance with its phone number and spellings blanked out.
        spellings: Every spelling in it, with where it was said.
        with_value: A phone number or a spelling was said with it, so a name that leads
            the utterance is the caller's ("Sam Rubin, 818-555-1234").
    """
    first = last = None
    for match in _FULL_INTRO.finditer(leftover):
        words = name_words(leftover[match.end() :], capitalised=False)
        if words:
            first, last = words[0], (words[-1] if len(words) > 1 else None)
            break
    if first is None:
        for pattern in (_SELF_INTRO, _ITS):
            for match in pattern.finditer(leftover):
                words = _named(leftover, match.end(), given_only=pattern is _ITS)
                if words:
                    first, last = words[0], (words[-1] if len(words) > 1 else None)
                    break
            if first is not None:
                break
    if first is None:
        lead = _LEAD_IN.match(leftover)
        start = lead.end() if lead else 0
        words = _named(leftover, start)
        end = _end_of(leftover, start, words)
        after = leftover[end:]
        if words and (_HERE.match(after) or (with_value and _AFTER_LEADING.match(after))):
            first, last = words[0], (words[-1] if len(words) > 1 else None)
    explicit_first = _FIRST_INTRO.search(leftover)
    if explicit_first:
        words = name_words(leftover[explicit_first.end() :], capitalised=False, limit=1)
        first = words[0] if words else first
    explicit_last = _LAST_INTRO.search(leftover)
    if explicit_last:
        words = name_words(leftover[explicit_last.end() :], capitalised=False, limit=2)
        last = words[-1] if words else last
    return _with_spelling(text, first, last, spellings)


def _end_of(text: str, start: int, words: tuple[str, ...]) -> int:
    """Where the name `words` found at `start` ends in `text`."""
    position = start
    for word in words:
        found = text.lower().find(word.lower(), position)
        if found < 0:
            return position
        position = found + len(word)
    return position


def _with_spelling(
    text: str, first: str | None, last: str | None, spellings: Sequence[tuple[str, tuple[int, int]]]
) -> CallerName:
    """Which name each spelling spells: the word said just before it, when it matches.

    A spelling of the first name ("Jamal, J A M A L") is not the last name's; a
    spelling that follows the word it spells names that word the last name.
    """
    spelled = None
    for letters, (start, _end) in spellings:
        before = _PREVIOUS_WORD.search(text[max(0, start - 40) : start])
        word = before.group(1) if before else ""
        if word and _letters(word) == letters:
            if first and _letters(first) == letters and last is None and not _given(first):
                first, last = None, first  # "Urban, U R B A N": a last name, spelled
            elif first and _letters(first) == letters:
                continue
            spelled = letters
            last = last or _tidy(word)
        elif first and _letters(first) == letters and last is None:
            continue
        elif spelled is None:
            spelled = letters
    return CallerName(first, last, spelled)


# The person the caller asks for ----------------------------------------------------------

_STRONG = re.compile(
    r"\b(?:(?:speak|speaking|spoke|talk|talking|talked|chat|chatting)\s+(?:to|with)"
    r"|(?:put|patch)\s+me\s+(?:through\s+)?to|transfer\s+me\s+(?:over\s+)?to"
    r"|connect\s+me\s+(?:to|with)|reach(?!\s+out)|get\s+a\s*hold\s+of|get\s+in\s+touch\s+with"
    r"|returning\s+(?:a|the|her|his|their)\s+call\s+from)\s+"
    r"(?:(?:the|your|my|our)\s+)?(?:(?:office\s+|general\s+|operations\s+)?manager|supervisor|owner"
    r"|agent|rep|representative|account\s+(?:manager|executive)|producer)?\s*"
)
"""Phrases after which any name-like word is the person asked for."""
_IS_THERE = re.compile(
    r"\bis\s+(?=(?:[a-z][\w'.]*\s+){1,3}?(?:there|in|available|around|free|back|working"
    r"|off\s+the\s+phone|in\s+the\s+office)\b)"
)
_WEAK = re.compile(
    r"\b(?:i\s+need|i\s+want|looking\s+for|calling\s+for|trying\s+to\s+reach|i'm\s+after"
    r"|i'd\s+like|i\s+would\s+like|may\s+i\s+have|can\s+i\s+get|could\s+i\s+get|ask\s+for"
    r"|asking\s+for|(?:what|how)\s+about|(?:my|our)\s+(?:account\s+(?:manager|executive|rep)|agent"
    r"|rep|representative|producer|contact)\s+is|(?:call|voicemail|message|email)\s+from"
    r"|(?:extension|ext)\s+(?:for|of)|(?:working|dealing|worked|dealt)\s+with)\s+"
    r"|^(?:(?:hi|hey|hello|yes|yeah)\s*,?\s+)*(?=[a-z][\w'.]*(?:\s+[a-z][\w'.]*)?'s\s+extension\b)"
    r"|^(?:(?:hi|hey|hello|yes|yeah)\s*,?\s+)*(?=[a-z][\w'.]*(?:\s+[a-z][\w'.]*){0,2}"
    r"(?:\s+or\s+[a-z][\w'.]*)?,?\s+(?:please|or)\b)"
)
"""Phrases after which only a common given name (or a capitalised one) is a person:
"I need Kevin", "Julie please"; "looking for commercial insurance" is not."""
_EXTENSION = re.compile(
    rf"\b(?:extension|ext\.?|x)\s*((?:\d|\b{NUMBER_WORD}\b)(?:[\s,\-]*(?:\d|\b{NUMBER_WORD}\b))*)"
    rf"|\b(?:to|with|dial)\s+((?:\b{NUMBER_WORD}\b[\s,\-]*){{3,6}})",
    re.IGNORECASE,
)
_RETURNING = re.compile(
    r"\breturning\s+([a-z][\w']*?)(?:'s)?\s+call\b"
    r"|^(?:(?:hi|hey|hello|yes|yeah)\s*,?\s+)*([a-z][\w']*)\s+(?:called|left|emailed|texted|sent"
    r"|quoted|helped|gave)\s+me\b"
)


def _capitalised_in(text: str, word: str) -> bool:
    found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)
    return found is not None and found.group(0)[:1].isupper() and found.start() > 0


def requested_person(text: str, spoken: str) -> str | None:
    """Who the caller asks for: "can I speak to Adriana", "is brad around", "Al please".

    Args:
        text: The utterance as said (its capitals count).
        spoken: The same utterance made plain (`_speech.plain`).
    """
    extension = _EXTENSION.search(spoken)
    if extension:
        digits = words_to_digits(extension.group(1) or extension.group(2))
        if 3 <= len(digits) <= 6:
            return digits
    for pattern, strong in ((_STRONG, True), (_IS_THERE, True), (_WEAK, False)):
        for match in pattern.finditer(spoken):
            words = tuple(
                w.removesuffix("'s") for w in name_words(spoken[match.end() :], capitalised=False)
            )
            if not words:
                continue
            if strong or _given(words[0]) or _capitalised_in(text, words[0]):
                return " ".join(w[:1].upper() + w[1:] for w in words)
    returning = _RETURNING.search(spoken)
    if returning:
        name = returning.group(1) or returning.group(2)
        if name not in NOT_NAMES and (_given(name) or _capitalised_in(text, name)):
            return name.capitalize()
    return None


_SOMEONES = re.compile(
    r"\b([a-z][\w'-]*)\s+[a-z][\w'-]*'s\s+(?:phone|number|address|policy|info|information|coverage"
    r"|email|claim|date\s+of\s+birth|account)\b",
    re.IGNORECASE,
)


def asks_about_someone(text: str) -> bool:
    """Whether the caller asks for another person's details: "what's John Smith's number"."""
    if "'s " not in text:
        return False
    for match in _SOMEONES.finditer(text):
        first = match.group(1)
        if _given(first) or (first[:1].isupper() and first.casefold() not in NOT_NAMES):
            return True
    return False


def lone_name(words: tuple[str, ...]) -> str | None:
    """A reply that is only a common given name ("Adriana", "brad"): who, if asked for help."""
    if len(words) == 1 and _given(words[0]):
        return words[0]
    return None


_MESSAGE_WORDS = 3
"""Words after "a message for Brad" that make a message of their own."""
_MESSAGE_FOR = re.compile(
    r"\b(?:message|voicemail|note)\s+(?:for|to)\s+(?P<a>[a-z][\w'.]*)"
    r"|\b(?:have|get|ask)\s+(?P<b>[a-z][\w'.]*)\s+(?:to\s+)?(?:call|give\s+me\s+a\s+call|ring"
    r"|get\s+back|reach\s+out|contact|email|text)"
    r"|\b(?:tell|let|remind)\s+(?P<c>[a-z][\w'.]*)\s+(?:that|know|i|i'm|we|to|the|my|our|about"
    r"|he|she)\b"
)


def message_for(text: str, spoken: str) -> tuple[str | None, bool]:
    """The person a message or callback is for, and whether the words are the message too.

    "Have Louis call me back about my renewal" is the message itself; "a message for
    Brad" is only the request, unless more follows ("…for Brad, the check is mailed").
    """
    for match in _MESSAGE_FOR.finditer(spoken):
        name = next(group for group in match.groups() if group)
        if name in NOT_NAMES:
            continue
        if match.group("a") or _given(name) or _capitalised_in(text, name):
            rest = spoken[match.end() :].split()
            said = match.group("a") is None or len(rest) >= _MESSAGE_WORDS
            return name.strip(".").capitalize(), said
    return None, False
