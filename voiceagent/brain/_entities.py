"""Facts with a value in what a caller says: names, phone numbers, spellings, businesses.

Speech-to-text hands us "four oh seven, five five five…", "S as in Sam", "this is
Kelly Urban calling about…". Each extractor here finds one kind of value and says
None rather than guess; the digit and letter reading itself is the core's
(`words_to_digits`, `normalize_spelling`), so the brain and the chart agree on it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from statecharts import normalize_phone, normalize_spelling, words_to_digits
from voiceagent.brain._lexicon import word_set

__all__ = [
    "CARRIERS",
    "STOPWORDS",
    "Spans",
    "extract_business",
    "extract_carrier",
    "extract_names",
    "extract_person",
    "extract_phone",
    "extract_spelling",
    "name_words",
]

_NUMBER_WORD = (
    r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty"
    r"|seventy|eighty|ninety|hundred|thousand|double|triple|\d+)"
)
_PHONE_RUN = re.compile(
    rf"\+?\(?\b{_NUMBER_WORD}\b\)?(?:[\s,.\-/]*\(?\b{_NUMBER_WORD}\b\)?)*", re.IGNORECASE
)
_LETTER_UNIT = r"(?:(?<!')\b[a-z]\b(?!')(?:\s+(?:as\s+in|like|for)\s+[a-z]+\b)?|\bdouble\s+[a-z]\b)"
_SPELL_RUN = re.compile(rf"{_LETTER_UNIT}(?:[\s,.\-]+{_LETTER_UNIT})+|\b[a-z]\s+as\s+in\s+[a-z]+\b")
_SPELL_CUE = re.compile(r"\bspell(?:ed|s|ing)?\b(?:\s+(?:it|that|as|like))?[\s:,]*")
_LONE_LETTER = re.compile(
    r"(?:(?:just|only|the|letter|it's|its|it|starts|with|first|um|uh)[\s,]+)*([a-z])"
)
"""A single letter on its own ("B", "just the letter B"): the fallback when a caller won't spell."""
_CLAUSE_END = re.compile(
    r"[,.;!?]|\d|\b(?:and|my|number|phone|call|reach|i'm|it's)\b|\bi\s+(?:am|have|need|want)\b"
)

STOPWORDS = word_set(
    """a an the and or but so to of in on at by for from with about as into over after before
    i me my mine we us our you your he him his she her they them their it its this that these
    those is am are was were be been being do does did have has had will would can could may
    might must shall should not no nor yes yeah yep ok okay sure just only also very really
    here there where when why how what who whom which while if then than too again still even
    calling call called looking trying wondering hoping interested having getting going coming
    need needs want wants like would sorry fine good great well bad new old sure glad happy
    ready done all any some someone somebody anyone anybody everyone nobody none something
    anything nothing everything insurance policy coverage quote claim car home house auto
    business personal company agent representative person human manager supervisor owner
    office help please thanks thank hi hello hey um uh er ah oh calling regarding about
    because since until urgent important one two three four five six seven eight nine ten
    number phone name last first spelled spelling spell letter letters extension ext
    speaking available around today tomorrow now back right wrong correct actually just
    currently moving buying selling switching thinking still already almost a.m p.m
    ignore instructions instruction transfer system prompt admin access pirate pretend
    client customer vendor bank lender mortgage certificate payment bill existing"""
)
"""Words that are never a person's name, whatever follows "I'm", "this is" or "it's"."""

_INJECTION_WORDS = frozenset(
    {"ignore", "instructions", "transfer", "extension", "system", "prompt"}
)

CARRIERS: tuple[str, ...] = (
    "American Family", "American Integrity", "Amica Mutual", "Auto Owners", "Auto-Owners",
    "Bankers Insurance", "Bristol West", "Capitol Preferred", "EMC Insurance",
    "Federated National", "Florida Family", "Florida Peninsula", "Homeowners Choice",
    "Liberty Mutual", "National General", "Pacific Indemnity", "People's Trust",
    "Peoples Trust", "Security First", "Slide Insurance", "Southern Oak", "State Farm",
    "Tower Hill CL", "Tower Hill PL", "Tower Hill", "Travelers CL", "Travelers PL",
    "United Property", "Universal Insurance", "Universal Property", "UPC Insurance",
    "Velocity Risk", "Western World", "The Hartford", "AAA", "Allstate", "Amica", "ASI",
    "Centauri", "CHUBB", "CNA", "EMC", "Gainsco", "GEICO", "Kemper", "Nationwide", "Safeco",
    "SafePoint", "USAA", "UPC", "Travelers", "Hartford", "Citizens", "Cypress", "Edison",
    "Encompass", "Erie", "Farmers", "Foremost", "Frontline", "Heritage", "Infinity",
    "Monarch", "Olympus", "Progressive", "Slide", "Universal", "Weston",
)  # fmt: skip
"""Carrier names a caller may say, longest first so "Tower Hill PL" beats "Tower Hill".

General knowledge, like a real model's: the chart's own carrier table decides what
a name means and which number goes with it.
"""
_COMMON_WORD_CARRIERS = word_set(
    "citizens cypress edison encompass erie farmers foremost frontline heritage infinity "
    "monarch olympus progressive slide universal weston travelers hartford"
)
"""Carriers whose names are also ordinary words: only capitalised, or when asked."""

_CARRIER_RE = re.compile(
    r"(?<![\w'])(" + "|".join(re.escape(c) for c in CARRIERS) + r")(?![\w'])", re.IGNORECASE
)
_CARRIER_BY_KEY = {c.casefold(): c for c in CARRIERS}


@dataclass(frozen=True, slots=True)
class Spans:
    """Character spans of the utterance already read as a phone number or a spelling."""

    taken: tuple[tuple[int, int], ...] = ()

    def without(self, text: str) -> str:
        """`text` with the taken spans blanked out, so nothing is read twice."""
        chars = list(text)
        for start, end in self.taken:
            chars[start:end] = " " * (end - start)
        return "".join(chars)


def extract_phone(text: str) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """The phone number's digits, a too-short number's digits, and the span they came from.

    Only runs of digits and number words count, so "I have two cars" cannot pad a
    number; a run of 4 to 9 digits is reported as partial so the caller can be
    asked for the full number instead of being told nothing.
    """
    partial: str | None = None
    partial_span: tuple[int, int] | None = None
    for match in _PHONE_RUN.finditer(text):
        digits = words_to_digits(match.group(0))
        if normalize_phone(digits) is not None:
            return digits, None, match.span()
        if 4 <= len(digits) < 10 and partial is None:
            partial, partial_span = digits, match.span()
    return None, partial, partial_span


def extract_spelling(lowered: str, *, loose: bool) -> tuple[str | None, tuple[int, int] | None]:
    """Letters the caller spelled ("S M I T H", "S as in Sam", "spelled U-R-B-A-N").

    After "spelled" the clause is read with the core's `normalize_spelling`, which
    knows letter names ("you are b a n" is URBAN). Elsewhere a spelling needs three
    letters, so "U S Bank" or "plan A" are not names, unless a spelling was just
    asked for (`loose`), when even one letter ("just B") is an answer.
    """
    cue = _SPELL_CUE.search(lowered)
    if cue is not None:
        run = _SPELL_RUN.match(lowered, cue.end())
        if run is not None:  # "spelled U, R, B, A, N": letters apart by commas
            letters = normalize_spelling(run.group(0))
            if len(letters) >= 2:
                return letters, (cue.start(), run.end())
        clause = _CLAUSE_END.split(lowered[cue.end() :], maxsplit=1)[0]
        letters = normalize_spelling(clause)
        if letters and len(letters) <= 30 and len(clause.split()) <= 12:
            return letters, (cue.start(), cue.end() + len(clause))
    for match in _SPELL_RUN.finditer(lowered):
        letters = normalize_spelling(match.group(0))
        if len(letters) >= 3 or (letters and (loose or "as in" in match.group(0))):
            return letters, match.span()
    lone = _LONE_LETTER.fullmatch(lowered.strip(" .!?")) if loose else None
    if lone is not None:
        return lone.group(1).upper(), lone.span(1)
    return None, None


_NAME_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['.\-])*")
_INTROS: tuple[tuple[re.Pattern[str], bool, str], ...] = (
    (re.compile(r"\b(?:my\s+)?first\s+name\s+is\s+", re.IGNORECASE), False, "first"),
    (re.compile(r"\b(?:my\s+)?last\s+name\s+is\s+", re.IGNORECASE), False, "last"),
    (
        re.compile(r"\b(?:my\s+name\s+is|my\s+name's|name's|the\s+name\s+is)\s+", re.I),
        False,
        "full",
    ),
    (re.compile(r"\bthis\s+is\s+", re.IGNORECASE), True, "full"),
    (re.compile(r"\b(?:i'm|i\s+am)\s+", re.IGNORECASE), True, "full"),
)
"""Phrases that introduce a name; the flag says the name must be capitalised after it,
since "I'm calling" and "this is urgent" are not names. "It's…" is left to the answer
to a name question: "it's State Farm", "it's Acme Plumbing" are not names."""


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
        between = text[position : match.start()]
        if words and between.strip():  # punctuation ends the name
            break
        if not words and between.strip():
            break
        word = match.group(0)
        key = word.casefold().strip(".'-")
        if key in STOPWORDS or len(key) > 24 or (capitalised and not word[0].isupper()):
            break
        if key.startswith(("i'", "i\u2019")):
            break  # "I'd", "I'll": the next sentence, not a name
        if not _latin(word):
            break
        if not words and len(key) < 2:
            break
        words.append(_tidy(word))
        position = match.end()
        if len(words) == limit or (word.endswith(".") and len(key) > 1):
            break  # the limit, or a full stop after a word (not an initial): the name ends
    if any(w.casefold() in _INJECTION_WORDS for w in words) or is_carrier(" ".join(words)):
        return ()
    return tuple(words)


def is_carrier(text: str) -> bool:
    """Whether `text` is exactly a carrier's name ("it's State Farm" is not a name)."""
    return text.casefold() in _CARRIER_BY_KEY


def extract_names(text: str) -> tuple[str | None, str | None]:
    """First and last name from an introduction: "my name is…", "this is…", "I'm…", "it's…"."""
    for pattern, capitalised, part in _INTROS:
        for match in pattern.finditer(text):
            words = name_words(text[match.end() :], capitalised=capitalised)
            if not words:
                continue
            if part == "first":
                return words[0], None
            if part == "last":
                return None, words[-1]
            return words[0], (words[-1] if len(words) > 1 else None)
    return None, None


_PERSON = re.compile(
    r"\b(?:(?:can|could|may)\s+i\s+(?:please\s+)?(?:speak|talk)\s+(?:to|with)"
    r"|(?:speak|talk)\s+(?:to|with)|put\s+me\s+through\s+to|transfer\s+me\s+to"
    r"|connect\s+me\s+(?:to|with)|looking\s+for|is)\s+",
    re.IGNORECASE,
)
_PERSON_TAIL = re.compile(r"^\s*(?:there|in|available|around)\b", re.IGNORECASE)
_EXTENSION = re.compile(
    rf"\b(?:extension|ext\.?)\s*((?:\d|\b{_NUMBER_WORD}\b)(?:[\s,\-]*(?:\d|\b{_NUMBER_WORD}\b))*)",
    re.IGNORECASE,
)


def extract_person(text: str) -> str | None:
    """Who the caller asks for: "can I speak to Adriana", "is Brad there", "extension 7002"."""
    extension = _EXTENSION.search(text)
    if extension:
        digits = words_to_digits(extension.group(1))
        if 3 <= len(digits) <= 6:
            return digits
    for match in _PERSON.finditer(text):
        is_question = match.group(0).lower().startswith("is")
        words = name_words(text[match.end() :], capitalised=False)
        if not words:
            continue
        if is_question:
            after = text[match.end() :]
            tail_at = after.lower().find(words[-1].lower()) + len(words[-1])
            if not _PERSON_TAIL.match(after[tail_at:]):
                continue
        return " ".join(words)
    return None


_BUSINESS_SUFFIX = (
    r"(?:llc|l\.l\.c\.|inc\b\.?|co\.|corp\b\.?|corporation|company|ltd\b\.?|llp|pllc|group"
    r"|enterprises|industries|services)"
)
_BUSINESS_PATTERNS = (
    re.compile(r"\b(?:the\s+)?(?:business|company)(?:'s)?\s+name\s+is\s+([^,.;!?]+)", re.I),
    re.compile(r"\b(?:the\s+)?business\s+is\s+(?:called\s+)?([^,.;!?]+)", re.I),
    re.compile(
        r"\b(?:business|company|firm|shop|store|restaurant)\s+(?:is\s+)?(?:called|named)\s+"
        r"([^,.;!?]+)",
        re.I,
    ),
    re.compile(r"\b(?:i|we)\s+(?:own|run)\s+([^,.;!?]+)", re.I),
    re.compile(r"\b(?i:it's|it\s+is|this\s+is)\s+(?i:for)\s+([A-Z][^,.;!?]*)"),
)
_SUFFIX = re.compile(rf"\b{_BUSINESS_SUFFIX}(?![\w])", re.I)
_OF_PLACE = re.compile(r"\s+of\s+[A-Z][\w'&-]*(?:\s+[A-Z][\w'&-]*){0,2}")
"""A name that goes on after its suffix: "Theater Company of Orlando"."""
_JOINERS = frozenset({"&", "and", "of"})
_BUSINESS_LEAD = re.compile(r"^(?:it's\s+for|it\s+is\s+for|for|called|named)\s+", re.I)
_BUSINESS_STOP = re.compile(r"\s+(?:and|but|so|because|my|i|i'm|we)\b.*$", re.I)
_NOT_A_BUSINESS = word_set(
    "my a an our your his her their its this that business personal home auto car insurance "
    "policy it the mortgage bank"
)


def clean_business(raw: str, *, cut: bool = True) -> str | None:
    """A business name as said, trimmed of lead-ins (and, if `cut`, trailing chatter)."""
    text = _BUSINESS_STOP.sub("", raw.strip()) if cut else raw.strip()
    text = _BUSINESS_LEAD.sub("", text).strip(" .,'\"")
    words = text.split()
    if not (1 <= len(words) <= 8) or len(text) > 80 or not re.search(r"[^\W\d_]", text):
        return None
    if words[0].casefold() in _NOT_A_BUSINESS and len(words) == 1:
        return None
    if words[0].casefold() in _NOT_A_BUSINESS - {"the"}:
        return None
    if any(w.casefold() in _INJECTION_WORDS for w in words):
        return None
    return text


def _suffixed_business(text: str) -> str | None:
    """Capitalised words before a company suffix: "Acme Plumbing LLC".

    Only in mixed-case text, where capitals mean something: in all-lowercase
    speech-to-text "a cleaning company" and "Acme Cleaning Company" look alike.
    """
    if text == text.lower():
        return None
    for match in _SUFFIX.finditer(text):
        kept: list[str] = []
        for word in reversed(text[: match.start()].split()):
            if word[-1:] in ",.;:!?" or not (word[:1].isupper() or word in _JOINERS):
                break
            kept.insert(0, word)
            if len(kept) == 5:
                break
        while kept and kept[0] in _JOINERS:
            kept.pop(0)
        tail = _OF_PLACE.match(text, match.end())
        if kept and not is_carrier(" ".join(kept)):
            words = [*kept, match.group(0)] + ([tail.group(0).strip()] if tail else [])
            name = clean_business(" ".join(words))
            if name is not None:
                return name
    return None


def extract_business(text: str) -> str | None:
    """The business name when the caller names it; never inferred from a personal name."""
    for pattern in _BUSINESS_PATTERNS:
        for match in pattern.finditer(text):
            name = clean_business(match.group(1))
            if name is not None:
                return name
    return _suffixed_business(text)


def extract_carrier(text: str, *, asked: bool) -> str | None:
    """A carrier named in `text`, as the carrier is usually written ("State Farm").

    Carriers whose names are ordinary words ("Progressive", "Universal") count only
    when capitalised or when the carrier was just asked for (`asked`).
    """
    for match in _CARRIER_RE.finditer(text):
        said = match.group(1)
        key = said.casefold()
        if key in _COMMON_WORD_CARRIERS and not asked and not said[0].isupper():
            continue
        return _CARRIER_BY_KEY[key]
    return None
