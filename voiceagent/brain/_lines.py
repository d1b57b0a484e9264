"""Business or personal: the line of business, from what the caller says about themselves.

The receptionist asks "business or personal?" only when the caller has not
already said (agency.md section 3, standard intake step 2). Callers say it
outright ("it's commercial", "a personal policy") or by what they insure and who
they are: "our dental office", "a small trucking outfit", "an employee got hurt",
"general liability" are business; "my homeowners", "my daughter's car", "the
townhouse" are personal. Generic phrases ("I need insurance", "a quote") are no
clue: the receptionist must ask. A word said outright beats a clue; clues to
both lines, or a clue the caller rules out ("not personal"), settle nothing.
"""

from __future__ import annotations

import re

from statecharts import InsuranceLine
from voiceagent.brain._lexicon import any_of

__all__ = ["insurance_type"]

_BUSINESS_SAID = any_of(
    [
        r"\bbusiness(?:es)?\b(?!\s+or\s+personal)",
        r"\bcommercial\b(?!\s+(?:manager|department|team|side\s+manager))",
    ]
)
_PERSONAL_SAID = re.compile(
    r"\bpersonal(?:ly)?\b(?!\s+(?:matter|reasons?|question|issue|call|business|injury))"
)
_ANY = r"(?:(?!insurance\b|mortgage\b|title\b|phone\b|cable\b|the\b)[\w'-]+\s+){0,2}?"
"""Up to two words before a business noun, not "insurance" ("my insurance company")."""
_BUSINESS_CLUES = any_of(
    [
        r"\b(?:company|work|business|commercial|fleet|box|delivery|dump|semi)\s+(?:car|vehicle"
        r"|truck|van|auto)s?\b",
        r"\bfleet\b",
        r"\bllc\b|\binc\b|\bcorp(?:oration)?\b",
        rf"\b(?:my|our|a|an|his|her)\s+{_ANY}(?:office|company|store|shop|restaurant|firm"
        r"|practice|warehouse|salon|daycare|church|storefront|bakery|cafe|clinic|agency|outfit"
        r"|startup|start-up|dealership|franchise|nonprofit|non-profit|bed\s+and\s+breakfast"
        r"|food\s+truck|construction|landscaping|plumbing|roofing|trucking|contracting|building)s?\b"
        r"(?!\s+(?:car|vehicle|truck|van|auto)s?\b)",
        r"\bthe\s+(?:restaurant|warehouse|storefront|shop\s+floor|job\s*site|office\s+building)\b",
        r"\b(?:general|professional|cyber|liquor|product|products|garage)\s+liability\b",
        r"\bworkers'?\s+comp(?:ensation)?\b|\bpayroll\b",
        r"\bd\s*(?:and|&)\s*o\b|\be\s*(?:and|&)\s*o\b|\berrors\s+and\s+omissions\b",
        r"\b(?:inland\s+marine|builders?\s+risk|surety|bonds?|bonded|business\s+owners?)\b",
        r"\bemployees?\b|\b(?:our|my)\s+(?:\w+\s+)?(?:drivers|workers|crew|staff)\b",
        r"\b(?:i'm|i\s+am|we're|we\s+are)\s+(?:a|an)\s+(?:\w+\s+)?contractors?\b"
        r"|\bindependent\s+contractor\b|\bcontractor's\s+license\b|\binvestors\b",
        r"\b(?:excavator|bulldozer|forklift|heavy\s+equipment|equipment\s+coverage)\b",
    ]
)
_PERSONAL_CLUES = any_of(
    [
        r"\bfamily\b(?!\s+(?:business|owned|company))",
        r"\bauto\b(?!\s*[-]?\s*(?:draft|pay|payment|renew|owners))",
        r"\bcars?\b",
        r"\bmy\s+(?:own\s+)?vehicles?\b",
        r"\b(?:my|our|a|the|new|this|his|her)\s+(?:\w+\s+)?(?:home|house|condo|townhouse|townhome"
        r"|apartment|mobile\s+home|motorcycle|boat|rv|camper)\b",
        r"\b(?:home|house|homeowners?|renters?|condo|life|motorcycle|boat|rv|flood|pet|auto|car)\s+"
        r"(?:insurance|policy|policies|coverage|quote)\b",
        r"\bhomeowners?\b|\brenters\b|\bmobile\s+home\b|\btownhouse\b",
        r"^(?:home|house|homeowners?|home\s+and\s+auto)\b",
    ]
)
_NEGATION = re.compile(r"\b(?:not|isn't|no)\s+(?:a\s+|for\s+)?(?:my\s+)?$")
"""A clue right after "not" ("not personal, business") is the caller ruling it out."""


def _found(
    text: str, rows: tuple[tuple[InsuranceLine, re.Pattern[str]], ...]
) -> list[tuple[int, int, InsuranceLine]]:
    found = []
    for line, pattern in rows:
        for match in pattern.finditer(text):
            if not _NEGATION.search(text[max(0, match.start() - 24) : match.start()]):
                found.append((match.start(), match.end(), line))
    return sorted(found)


def insurance_type(spoken: str, *, correction: bool) -> InsuranceLine | None:
    """The line of business from what was said; the later one after a correction.

    A clue inside another ("car" in "a company car") is part of it, not a clue of its own.

    >>> insurance_type("we need coverage for our dental office", correction=False)
    <InsuranceLine.BUSINESS: 'business'>
    """
    said = _found(
        spoken,
        ((InsuranceLine.BUSINESS, _BUSINESS_SAID), (InsuranceLine.PERSONAL, _PERSONAL_SAID)),
    )
    clues = said or _found(
        spoken,
        ((InsuranceLine.BUSINESS, _BUSINESS_CLUES), (InsuranceLine.PERSONAL, _PERSONAL_CLUES)),
    )
    clues = [
        (start, end, line)
        for start, end, line in clues
        if not any(s <= start and end <= e and (s, e) != (start, end) for s, e, _ in clues)
    ]
    lines = {line for _, _, line in clues}
    if len(lines) == 1:
        return clues[0][2]
    if lines and correction:
        return clues[-1][2]
    return None
