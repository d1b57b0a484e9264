"""The phrases the offline brain listens for beyond intents, as compiled pattern tables.

Security and scope topics (agency.md section 7), clues to the line of business
(section 3, standard intake), corrections, yes and no, "that's all", and the
answers to the chart's multiple-choice questions are written here once, as data,
and compiled at import, so reading an utterance is a handful of regex searches.
Patterns run on the lowercased, whitespace-collapsed utterance. The intents' own
trigger phrases are in `_triggers`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from statecharts import RedirectTopic

__all__ = [
    "BUSINESS_CLUES",
    "BUSINESS_VEHICLES",
    "CALLBACK",
    "CERTIFICATE_EXISTING",
    "CERTIFICATE_NEW",
    "CLIENT_EXISTING",
    "CLIENT_NEW",
    "CORRECTION",
    "DONE",
    "DONT_KNOW",
    "LEAVE_MESSAGE",
    "NEGATION",
    "NO",
    "PERSONAL_CLUES",
    "REDIRECT_TABLE",
    "ROLE_BANK",
    "ROLE_POLICYHOLDER",
    "UNTRUSTED_TOPICS",
    "VENDOR",
    "YES",
    "any_of",
    "word_set",
]


def word_set(words: str) -> frozenset[str]:
    """A table of words written as one whitespace-separated string, for readability."""
    return frozenset(words.split())


def any_of(patterns: Iterable[str]) -> re.Pattern[str]:
    """One compiled alternation of `patterns`, so a family costs a single search."""
    return re.compile("|".join(f"(?:{p})" for p in patterns))


_INJECTION = [
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|your\s+|the\s+|my\s+|of\s+"
    r"|previous\s+|prior\s+|above\s+|earlier\s+|these\s+|those\s+)*(?:instructions?|rules|prompts?"
    r"|directions|guidelines|programming)\b",
    r"\byou\s+are\s+now\b|\byou're\s+now\b",
    r"\bpretend\b",
    r"\blet's\s+play\b|\bplay\s+a\s+game\b",
    r"\brole[\s-]?play\b",
    r"\bact\s+(?:as|like)\s+(?:a|an|my|if)\b",
    r"\bpirates?\b|\barr+\b|\bahoy\b|\bmatey\b",
    r"\bno\s+(?:restrictions|rules|limits|filters)\b",
    r"\bjailbreak\b|\bdeveloper\s+mode\b|\bdan\s+mode\b",
    r"\bnew\s+instructions\b",
    r"\bfrom\s+now\s+on\s+you\b",
    r"\b(?:talk|speak)\s+like\s+(?:a|an)\b",
]
_INSTRUCTIONS = [
    r"\byour\s+(?:system\s+)?(?:instructions|prompts?|programming|guidelines|rules|directives)\b",
    r"\bsystem\s+(?:prompt|message|instructions)\b",
    r"\bwhat\s+are\s+(?:the|your)\s+instructions\b",
    r"\bwhat\s+(?:tools|functions)\s+(?:do|can)\s+you\b",
    r"\bfunction\s+(?:names?|calls?)\b",
    r"\bhow\s+(?:are|were)\s+you\s+(?:programmed|built|made|trained|configured)\b",
    r"\bwhat\s+were\s+you\s+told\b",
]
_ADMIN = [
    r"\badmin(?:istrator|istrative)?\s+(?:access|system|panel|rights|privileges|mode|account"
    r"|password|console|login)\b",
    r"\bgive\s+me\s+(?:admin|root|full|system|backend|database)\s+access\b",
    r"\broot\s+access\b",
    r"\baccess\s+(?:to|into)\s+(?:the\s+|your\s+)?(?:admin|backend|database|system|computer)\b",
    r"\bsudo\b",
    r"\b(?:maintenance|debug)\s+mode\b",
]
_OTHER_CALLERS = [
    r"\b(?:last|previous|prior|earlier)\s+(?:caller|person\s+who\s+called|customer|client)s?\b",
    r"\bother\s+(?:callers?|customers'|clients'|people's)\b",
    r"\bwho\s+(?:else\s+)?(?:has\s+|just\s+)?called\b",
    r"\bsomeone\s+else's\s+(?:policy|number|phone|information|info|address|account|details)\b",
    r"\banother\s+(?:caller|customer|client)'s\b",
]
_OFF_TOPIC = [
    r"\bbook\s+(?:me\s+)?(?:a\s+)?(?:flight|hotel|table|trip|cruise|ticket|rental\s+car"
    r"|vacation)s?\b",
    r"\bflights?\s+to\b",
    r"\bweather\s+(?:like|today|tomorrow|forecast)\b|\bwhat's\s+the\s+weather\b",
    r"\btell\s+me\s+a\s+(?:joke|story)\b",
    r"\b(?:write|compose)\s+(?:me\s+)?a\s+(?:poem|song|essay|story|program)\b",
    r"\brecipe\b",
    r"\b(?:sports?|game)\s+scores?\b|\bwho\s+won\s+the\b",
    r"\border\s+(?:a\s+|me\s+a\s+)?pizza\b",
    r"\bstock\s+(?:price|market|tip)s?\b",
    r"\bmeaning\s+of\s+life\b",
    r"\bhomework\b",
]
_POLICY_DETAILS = [
    r"\b(?:what|how\s+much)\s+(?:is|are)\s+my\s+(?:deductibles?|premiums?|limits?|coverage\s+"
    r"(?:amount|limit)s?|policy\s+number|balance)\b",
    r"\bwhat's\s+my\s+(?:deductible|premium|limit|policy\s+number|balance|coverage\s+amount)\b",
    r"\bhow\s+much\s+(?:coverage|liability)\s+do\s+i\s+have\b",
    r"\b(?:look|pull)\s+up\s+my\s+(?:policy|account|coverage)\b",
    r"\bwhat\s+does\s+my\s+policy\s+say\b",
]

REDIRECT_TABLE: tuple[tuple[RedirectTopic, re.Pattern[str]], ...] = (
    (RedirectTopic.ROLE_PLAY, any_of(_INJECTION)),
    (RedirectTopic.INSTRUCTIONS, any_of(_INSTRUCTIONS)),
    (RedirectTopic.ADMIN, any_of(_ADMIN)),
    (RedirectTopic.OTHER_CALLERS, any_of(_OTHER_CALLERS)),
    (RedirectTopic.POLICY_DETAILS, any_of(_POLICY_DETAILS)),
    (RedirectTopic.OFF_TOPIC, any_of(_OFF_TOPIC)),
)
"""Security and scope topics (agency.md section 7), most serious first."""

UNTRUSTED_TOPICS = frozenset(
    {
        RedirectTopic.ROLE_PLAY,
        RedirectTopic.INSTRUCTIONS,
        RedirectTopic.ADMIN,
        RedirectTopic.OTHER_CALLERS,
    }
)
"""Topics that make the whole utterance untrusted: nothing else in it is acted on."""

BUSINESS_CLUES = any_of(
    [
        r"\bbusiness(?:es)?\b",
        r"\bcommercial\b",
        r"\bcompany\s+(?:car|vehicle|truck|van)s?\b",
        r"\bwork\s+(?:truck|van|vehicle)s?\b",
        r"\bfleet\b",
        r"\bllc\b|\binc\b|\bcorp(?:oration)?\b",
        r"\b(?:my|our|the|a)\s+(?:office|company|store|shop|restaurant|firm|practice|warehouse)\b",
        r"\bgeneral\s+liability\b|\bworkers'?\s+comp(?:ensation)?\b|\bprofessional\s+liability\b",
    ]
)
BUSINESS_VEHICLES = any_of(
    [r"\bcompany\s+(?:car|vehicle|truck|van)s?\b", r"\bwork\s+(?:truck|van|vehicle)s?\b"]
)
"""Vehicles that are business clues, so their "car" or "truck" is not a personal one."""
PERSONAL_CLUES = any_of(
    [
        r"\bpersonal\b",
        r"\bfamily\b",
        r"\bauto\b",
        r"\bcars?\b",
        r"\bmy\s+vehicles?\b",
        r"\b(?:my|our|a|the|new)\s+(?:home|house|condo|motorcycle|boat|rv)\b",
        r"\b(?:home|house|homeowners?|renters?|condo|life|motorcycle|boat|rv|flood|pet)\s+"
        r"(?:insurance|policy|policies|coverage|quote)\b",
        r"^(?:home|house|homeowners?|home\s+and\s+auto)\b",
    ]
)
"""Clues to the line of business (agency.md section 3, standard intake step 2).

Generic phrases ("I need insurance", "a quote") are deliberately absent: they are
not clues, and the receptionist must ask.
"""

CORRECTION = any_of(
    [r"\bactually\b", r"\bi\s+meant?\b", r"\bcorrection\b", r"\bnot\s+(?:personal|business)\b",
     r"^no,?\s+(?:it's|it\s+is|for|i)\b", r"^wait\b", r"\bsorry,?\s+(?:i|it)\b"]
)  # fmt: skip
NEGATION = re.compile(r"\b(?:not|isn't|no)\s+(?:a\s+|for\s+)?(?:my\s+)?$")
"""A clue right after "not" ("not personal, business") is the caller ruling it out."""

YES = re.compile(
    r"^(?:yes|yeah|yep|yup|ya|sure|correct|right|exactly|absolutely|of\s+course|ok|okay"
    r"|uh[\s-]?huh|affirmative|i\s+do|i\s+would|please\s+do|that's\s+right)\b"
)
NO = re.compile(r"^(?:no|nope|nah|not\s+really|negative|i\s+don't|i\s+do\s+not)\b")
DONT_KNOW = any_of(
    [r"\b(?:don't|do\s+not|dunno)\s+know\b", r"\bnot\s+sure\b", r"\bno\s+(?:idea|clue)\b",
     r"\b(?:can't|cannot|don't)\s+remember\b", r"\bforgot\b", r"\bunsure\b"]
)  # fmt: skip
DONE = any_of(
    [
        r"\bthat's\s+(?:all|it|everything)\b|\bthat\s+is\s+(?:all|it|everything)\b",
        r"\bthat'll\s+be\s+all\b|\bthat\s+will\s+be\s+all\b",
        r"\bnothing\s+else\b",
        r"\b(?:good)?bye\b",
        r"\b(?:i'm|we're)\s+all\s+set\b",
        r"^(?:i'm|we're)\s+(?:done|good)\b",
        r"^no,?\s+(?:thanks|thank\s+you)\b",
        r"\bhave\s+a\s+(?:good|great|nice)\s+(?:day|one|evening|night|afternoon|weekend)\b",
        r"\bno\s+(?:more|other|further)\s+questions\b",
    ]
)
CALLBACK = any_of(
    [r"\bcall\s+(?:me\s+)?back\b", r"\bcall[\s-]?back\b",
     r"\b(?:have|can|could)\s+(?:someone|somebody)\s+(?:call|contact|reach)\s+me\b",
     r"\breturn\s+my\s+call\b"]
)  # fmt: skip
LEAVE_MESSAGE = any_of(
    [r"\bleave\s+(?:a\s+|him\s+a\s+|her\s+a\s+|them\s+a\s+)?(?:message|voicemail|note)\b",
     r"\btake\s+a\s+message\b"]
)  # fmt: skip

CERTIFICATE_NEW = any_of([r"\bnew\s+(?:certificate|coi)\b", r"\banother\s+(?:certificate|coi)\b"])
CERTIFICATE_EXISTING = any_of(
    [
        r"\bexisting\s+(?:certificate|coi)\b",
        r"\b(?:question|problem|issue)s?\s+(?:about|with|on)\s+(?:a|an|my|the|our)\s+"
        r"(?:existing\s+)?(?:certificate|coi)\b",
        r"\b(?:certificate|coi)\s+(?:i|we)\s+(?:already\s+)?(?:have|got|received)\b",
        r"\b(?:wrong|error|mistake)s?\s+(?:on|in)\s+(?:my|the|our)\s+(?:certificate|coi)\b",
    ]
)
CLIENT_EXISTING = any_of(
    [r"\b(?:existing|current|established)\s+(?:client|customer)\b",
     r"\bi\s+(?:already\s+)?have\s+a\s+policy\s+with\s+you\b",
     r"\b(?:i'm|i\s+am|we're|we\s+are)\s+(?:a|your)\s+(?:client|customer)\b"]
)  # fmt: skip
CLIENT_NEW = any_of(
    [r"\b(?:become|becoming)\s+a\s+(?:new\s+)?(?:client|customer)\b",
     r"\bnew\s+(?:client|customer)\b", r"\bprospective\b",
     r"\bnot\s+(?:a\s+)?(?:client|customer)\s+yet\b"]
)  # fmt: skip
VENDOR = any_of(
    [r"\bvendor\b", r"\bsales\s+call\b", r"\bi'm\s+selling\b", r"\bpartnership\b",
     r"\bmarketing\b", r"\bsolicit"]
)  # fmt: skip
ROLE_BANK = any_of(
    [r"\b(?:i'm|i\s+am|we're|we\s+are|calling)\s+(?:from|with)\s+(?:the|a)\s+(?:bank|lender"
     r"|mortgage\s+company)\b", r"\bi'm\s+(?:the|a)\s+(?:lender|bank)\b"]
)  # fmt: skip
ROLE_POLICYHOLDER = any_of(
    [r"\bpolicy\s*holder\b", r"\bhomeowner\b",
     r"\b(?:i'm|i\s+am)\s+the\s+(?:insured|owner|customer|client|borrower)\b",
     r"\bmy\s+(?:own\s+)?(?:policy|home|house|mortgage|loan|insurance)\b"]
)  # fmt: skip
