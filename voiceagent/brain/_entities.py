"""Facts with a value in what a caller says: phone numbers, spellings, businesses, carriers.

Speech-to-text hands us "four oh seven, five five five…", "S as in Sam", "O
apostrophe N E I L", "Orlando Tire and Lube". Each extractor here finds one kind
of value and says None rather than guess (people's names are `_people`'s); the
digit and letter reading itself is the core's (`words_to_digits`,
`normalize_spelling`), so the brain and the chart agree on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from statecharts import normalize_phone, normalize_spelling, words_to_digits
from voiceagent.brain._lexicon import INJECTION_WORDS, word_set

__all__ = [
    "CARRIERS",
    "NUMBER_WORD",
    "Spans",
    "extract_business",
    "extract_carrier",
    "extract_phone",
    "is_carrier",
    "looks_like_business",
    "loose_letters",
    "spellings",
]

NUMBER_WORD = (
    r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty"
    r"|seventy|eighty|ninety|hundred|thousand|double|triple|\d+)"
)
_PHONE_RUN = re.compile(
    rf"\+?\(?\b{NUMBER_WORD}\b\)?(?:[\s,.\-/]*\(?\b{NUMBER_WORD}\b\)?)*", re.IGNORECASE
)
_LETTER_UNIT = r"(?:(?<!')\b[a-z]\b(?!')(?:\s+(?:as\s+in|like|for)\s+[a-z]+\b)?|\bdouble\s+[a-z]\b)"
_SPELL_RUN = re.compile(
    rf"{_LETTER_UNIT}(?:[\s,.\-]+(?:(?:apostrophe|hyphen|dash)[\s,.\-]+)?{_LETTER_UNIT})+"
    r"|\b[a-z]\s+as\s+in\s+[a-z]+\b"
)
_ACRONYMS = word_set("COI ACOI ID VIN LLC DMV BOP HOA ACH PDF USAA ASI UPC CNA EMC AAA DUI GPS")
"""Letters said as a word ("a C O I"), not a name spelled."""
_SPELL_CUE = re.compile(r"\bspell(?:ed|s|ing)?\b(?:\s+(?:it|that|as|like))?[\s:,]*")
_LONE_LETTER = re.compile(
    r"(?:(?:just|only|the|letter|it's|its|it|starts|with|first|um|uh)[\s,]+)*([a-z])"
)
"""A single letter on its own ("B", "just the letter B"): the fallback when a caller won't spell."""
_CLAUSE_END = re.compile(
    r"[,.;!?]|\d|\b(?:and|my|number|phone|call|reach|i'm|it's)\b|\bi\s+(?:am|have|need|want)\b"
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
    r"(?<![\w'])(?=[a-z])(" + "|".join(re.escape(c) for c in CARRIERS) + r")(?![\w'])",
    re.IGNORECASE,
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


def spellings(lowered: str) -> list[tuple[str, tuple[int, int]]]:
    """Every name spelled in the utterance ("S M I T H", "S as in Sam", "spelled U-R-B-A-N").

    After "spelled" the clause is read with the core's `normalize_spelling`, which
    knows letter names ("you are b a n" is URBAN). Elsewhere a spelling needs three
    letters, so "U S Bank" or "plan A" are not names, nor are acronyms ("a C O I").
    """
    found: list[tuple[str, tuple[int, int]]] = []
    cue = _SPELL_CUE.search(lowered)
    cue_span: tuple[int, int] | None = None
    if cue is not None:
        run = _SPELL_RUN.match(lowered, cue.end())
        clause = _CLAUSE_END.split(lowered[cue.end() :], maxsplit=1)[0]
        if run is not None and len(normalize_spelling(run.group(0))) >= 2:
            cue_span = (cue.start(), run.end())  # "spelled U, R, B, A, N": apart by commas
        elif normalize_spelling(clause) and len(clause.split()) <= 12:
            cue_span = (cue.start(), cue.end() + len(clause))
        if cue_span is not None:
            letters = normalize_spelling(lowered[cue.end() : cue_span[1]])
            if letters and len(letters) <= 30:
                found.append((letters, cue_span))
    for match in _SPELL_RUN.finditer(lowered):
        if cue_span is not None and match.start() < cue_span[1] and match.end() > cue_span[0]:
            continue
        letters = normalize_spelling(match.group(0))
        if letters in _ACRONYMS:
            continue
        if len(letters) >= 3 or (letters and "as in" in match.group(0)):
            found.append((letters, match.span()))
    return found


def loose_letters(lowered: str) -> tuple[str | None, tuple[int, int] | None]:
    """Letters too few to be a spelling said unasked: an answer when one was asked for.

    "B E", "just the letter B": a caller who won't spell may give the first letter.
    """
    for match in _SPELL_RUN.finditer(lowered):
        letters = normalize_spelling(match.group(0))
        if letters and letters not in _ACRONYMS:
            return letters, match.span()
    lone = _LONE_LETTER.fullmatch(lowered.strip(" .!?"))
    if lone is not None:
        return lone.group(1).upper(), lone.span(1)
    return None, None


def is_carrier(text: str) -> bool:
    """Whether `text` is exactly a carrier's name ("it's State Farm" is not a name)."""
    return text.casefold() in _CARRIER_BY_KEY


_COMPANY_WORDS = word_set(
    """llc l.l.c. inc inc. co co. corp corp. corporation company ltd ltd. llp pllc pa p.a. group
    enterprises industries services service solutions associates partners brothers bros holdings
    properties realty contracting contractors construction builders landscaping lawn plumbing
    roofing electric electrical hvac heating cooling air pest painting flooring concrete paving
    pools pool cleaning janitorial dental medical clinic pharmacy salon spa barbershop fitness
    gym academy school daycare church ministries bakery cafe grill pizza pizzeria tacos diner
    restaurant bar pub kitchen catering florist farms farm ranch marine motors automotive tire
    lube repair towing trucking transport logistics freight moving storage shop store market
    boutique studio design consulting law firm agency center supply supplies equipment rentals
    apartments homes development designs works"""
)
"""Words that end or carry a business's name: "Acme Landscaping", "Tran Brothers Roofing"."""
_BUSINESS_PATTERNS = (
    re.compile(r"\b(?:the\s+)?(?:business|company)(?:'s)?\s+name\s+is\s+([^,.;!?]+)", re.I),
    re.compile(r"\b(?:the\s+)?(?:business|company)\s+is\s+(?:called\s+)?([^,.;!?]+)", re.I),
    re.compile(
        r"\b(?:business|company|firm|shop|store|restaurant)\s+(?:is\s+)?(?:called|named)\s+"
        r"([^,.;!?]+)",
        re.I,
    ),
    re.compile(r"\b(?:i|we)\s+(?:own|run)\s+([^,.;!?]+)", re.I),
    re.compile(r"\b(?i:it's|it\s+is|this\s+is)\s+(?i:for)\s+([A-Z][^,.;!?]*)"),
    re.compile(
        r"\b(?i:my|our)\s+(?i:shop|store|business|company|restaurant|firm|office|practice),?\s+"
        r"((?i:the\s+)?[A-Z][^,.;!?]*)"
    ),
    re.compile(
        r"\b((?i:law\s+offices?\s+of)\s+[A-Z][^,;!?]*?"
        r"(?:,\s*(?:P\.?\s?A\.?|LLC|L\.L\.C\.|Inc\.?|PLLC|LLP))?)(?=,|$|\s+(?i:we|and\s+we|i)\b)"
    ),
)
_JOINERS = frozenset({"&", "and", "of", "the", "on", "de", "del"})
_BUSINESS_LEAD = re.compile(r"^(?:it's\s+for|it\s+is\s+for|for|called|named)\s+", re.I)
_BUSINESS_STOP = re.compile(r"\s+(?:and(?!\s+[A-Z])|(?i:but|so|because|my|i|i'm|we))\b.*$")
_NOT_A_BUSINESS = word_set(
    "my a an our your his her their its this that business personal home auto car insurance "
    "policy it the mortgage bank"
)
_RUN_LEAD = word_set("yes yeah hi hello hey ok okay so well um uh it's its this that's we're i'm")
_CAPITALISED_RUN = re.compile(
    r"(?<![\w'])(?:[A-Z][\w'&.\-]*)(?:\s+(?:[A-Z][\w'&.\-]*|&|and|of|the|on))*"
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
    if any(w.casefold() in INJECTION_WORDS for w in words) or is_carrier(text):
        return None
    return text


def looks_like_business(words: tuple[str, ...] | list[str]) -> bool:
    """Whether a name carries a business word ("Acme Landscaping", "Zephyr Industries")."""
    return any(w.casefold().strip(",") in _COMPANY_WORDS for w in words[1:])


def _capitalised_business(text: str) -> str | None:
    """A run of capitalised words that carries a business word: "Orlando Tire and Lube".

    Only in mixed-case text, where capitals mean something: in all-lowercase
    speech-to-text "a cleaning company" and "Acme Cleaning Company" look alike.
    """
    if text == text.lower():
        return None
    for match in _CAPITALISED_RUN.finditer(text):
        words = match.group(0).split()
        while words and (words[0].casefold() in _RUN_LEAD or words[0] in _JOINERS):
            words.pop(0)
        while words and words[-1] in _JOINERS:
            words.pop()
        if len(words) >= 2 and looks_like_business(words) and not is_carrier(" ".join(words)):
            name = clean_business(" ".join(words).rstrip(".,"), cut=False)
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
    return _capitalised_business(text)


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
