"""What a caller only supposes, asks about or denies: read, but not as something that happened.

"Does my policy cover water damage from a leak" names a leak that did not happen;
"if a hurricane hits, what's my deductible" a hurricane that has not come; "I
haven't had any claims" a claim there never was. `read_frames` finds these spans
and blanks them out of the text the situations are read from, so a question about
a leak is a coverage question and a story about a leak is a claim. What is left
outside the spans is still read: "a tree fell on my house, is that covered?" is a
claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from voiceagent.brain._lexicon import any_of

__all__ = ["Frames", "read_frames"]

_CLAUSE_END = r"(?=[.?!;]|,\s*(?:and|but|so)\b|\s+but\b|$)"
"""Where a supposed or asked-about clause ends: a full stop, a question mark, "but"."""

_COVER = r"(?:cover(?:s|ed)?|insured\s+for|pay\s+for|protect(?:s|ed)?|include(?:s|d)?)"
_QUESTION = r"\b(?:does|do|did|will|would|could|can|is|are|am|was|were|should)\b"
_ASKS_COVER = [
    # "does my auto policy cover…", "is flood covered…", "am I covered if…"
    rf"{_QUESTION}(?:\s+[\w']+){{0,7}}?\s+{_COVER}\b",
    # "what does my umbrella policy cover", "what's covered"
    rf"\bwhat(?:'s|\s+is|\s+does|\s+do|\s+would|\s+will)?(?:\s+[\w']+){{0,5}}?\s+{_COVER}\b",
    # "is there coverage for…", "would there be coverage if…"
    r"\b(?:is|would|will)\s+there\s+(?:be\s+)?coverage\b",
]
_SUPPOSED = (
    r"\b(?:what\s+happens\s+if|what\s+if|in\s+case|suppose|supposing|god\s+forbid"
    r"|(?<!know\s)(?<!see\s)(?<!check\s)(?<!wondering\s)(?<!ask\s)(?<!sure\s)if)\b"
)
_ASKED = any_of([*(rf"{p}.*?{_CLAUSE_END}" for p in _ASKS_COVER), rf"{_SUPPOSED}.*?{_CLAUSE_END}"])
"""Questions about cover and supposed events, to the end of their clause: nothing in
them has happened."""

_CLAIM_WORDS = r"(?:claims?|accidents?|losses|tickets?|wrecks?|violations?)\b"
_DENIED = any_of(
    [
        r"\b(?:haven't|have\s+not|hasn't|has\s+not|never|didn't|did\s+not|don't|do\s+not"
        rf"|won't|will\s+not|isn't|wasn't|aren't|not)(?:\s+[\w']+){{0,3}}?\s+{_CLAIM_WORDS}",
        rf"\b(?:no|not|zero|without)\s+(?:any\s+|a\s+|an\s+|prior\s+|previous\s+)?{_CLAIM_WORDS}",
        r"\bclaims?[\s-]free\b|\b(?:claims?|loss|accident|driving)\s+(?:history|free|record)\b",
        r"\bloss\s+runs?\b",
        rf"\b{_CLAIM_WORDS}(?:\s+[\w']+){{0,4}}?\s+(?:years?|months?)\s+ago\b",
        r"\baccident\s+forgiveness\b",
        r"\bclaiming\b",
    ]
)
"""Claims and accidents denied or only named as a record ("no claims", "claims history")."""

_REFUSED = any_of(
    [
        r"\b(?:don't|do\s+not|not|never|isn't|wasn't|won't|i'm\s+not|no)\s+(?:(?:want|need|trying"
        r"|looking|calling|planning|going|asking)\s+(?:to\s+|for\s+|about\s+)?)?(?:\w+\s+){0,2}?"
        r"(?:cancel\w*|quotes?|claims?)\b",
    ]
)
"""What the caller says they are not after: "I don't want to cancel", "it's not a claim"."""

_COVERAGE_QUESTION = re.compile("|".join(f"(?:{p})" for p in _ASKS_COVER))
_ABOUT_THE_AGENCY = re.compile(
    r"^(?:do|does|can|could|will|would)\s+(?:you|y'all|your\s+(?:agency|office|company))\b"
    r"|\b(?:cost|price|charge|quote)\b"
)
""""Do you cover boats?" asks what the agency sells, and "what would it cost to cover my
house" asks a price: neither is about what the caller's policy covers."""
_YOU_BEFORE = re.compile(r"\byou(?:\s+guys|\s+all)?\s+$")


@dataclass(frozen=True, slots=True)
class Frames:
    """The utterance with refused, supposed, asked-about and denied spans blanked out."""

    affirmed: str
    """The plain text without what the caller says they are not after."""
    happened: str
    """The plain text with only what the caller says happened left readable."""
    asks_about_cover: bool
    """The caller asks what their policy covers (or would cover)."""


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def read_frames(text: str) -> Frames:
    """Read the frames of a plain (lowercase) utterance.

    >>> read_frames("does my policy cover water damage from a leak").asks_about_cover
    True
    >>> read_frames("a tree fell on my house, is that covered?").happened.split(",")[0]
    'a tree fell on my house'
    """
    asks = any(
        not (_ABOUT_THE_AGENCY.search(m.group(0)) or _YOU_BEFORE.search(text[: m.start()]))
        for m in _COVERAGE_QUESTION.finditer(text)
    )
    affirmed = _blank(text, _REFUSED)
    happened = _blank(_blank(affirmed, _DENIED), _ASKED)
    return Frames(affirmed=affirmed, happened=happened, asks_about_cover=asks)
