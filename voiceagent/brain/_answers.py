"""An utterance read as the answer to a question: short answers and multiple choices.

"Kelly", "Acme Plumbing", "yeah, it's State Farm", "a new one", "the bank": each
means something only because of the question just asked. These readers find
such answers without knowing the question; the policy uses the one that fits
the question that was actually pending. Answers said outright ("I'm an existing
client", "it's a question about an existing certificate") are read here too.
"""

from __future__ import annotations

import re
from enum import StrEnum

from statecharts import CallerKind, CallerRole, CertificateKind, Intent
from voiceagent.brain import _lexicon as lx
from voiceagent.brain._entities import extract_carrier
from voiceagent.brain._lexicon import word_set
from voiceagent.brain._people import name_words

__all__ = [
    "Choice",
    "answer_carrier",
    "answer_name",
    "caller_kind",
    "certificate_kind",
    "choices",
    "role",
    "short_answer",
]

_USABLE = re.compile(r"[A-Za-z0-9]")
_WORDS = re.compile(r"[^\W\d_]+")


class Choice(StrEnum):
    """A one-word answer to a multiple-choice question, whichever question it was."""

    NEW = "new"
    EXISTING = "existing"
    CLIENT = "client"
    """Of the agency's clients: existing, when asked what kind of caller."""
    VENDOR = "vendor"
    BANK = "bank"
    POLICYHOLDER = "policyholder"


_NOT_AN_ANSWER = word_set(
    """i i'm i've i'd can could would will should what what's is are do does did how why
    where when who which please no not nope actually hi hello hey thanks thank hold wait
    hang sorry pardon huh excuse one sec second"""
)
"""First words that make an utterance a sentence or a question, not a short answer."""
_FILLERS = word_set(
    """yeah yes yep sure ok okay um uh er ah oh hi hello hey so well and it's its it is this
    my name name's i'm im the last first spelled spelling that's thats please thanks thank you
    number phone cell mobile as in like for sorry actually i mean meant it's uh-huh just
    correct right you can reach me at on call"""
)
_CHOICES: tuple[tuple[Choice, re.Pattern[str]], ...] = (
    (Choice.VENDOR, re.compile(r"\b(?:vendor|sales|selling|solicit\w*)\b")),
    (Choice.BANK, re.compile(r"\b(?:bank|lender|mortgage\s+company|lending|the\s+mortgage)\b")),
    (
        Choice.POLICYHOLDER,
        re.compile(r"\b(?:policy\s*holder|homeowner|insured|owner|me|myself|i'm\s+the)\b"),
    ),
    (
        Choice.NEW,
        re.compile(
            r"\b(?:new|first\s+time|become|becoming|prospective|request|issue|issued\s+for)\b"
            r"|\bfirst\s+(?:one|certificate)\b|\b(?:haven't|never)\s+(?:gotten|had|received)\b"
            r"|\bneed\s+one\b|\bone\s+(?:made|created|done|issued)\b|\b(?:don't|do\s+not)\s+have\s+one\b"
            r"|\bnot\s+(?:a|an|your)\s+(?:client|customer)\b"
        ),
    ),
    (
        Choice.EXISTING,
        re.compile(
            r"\b(?:existing|current|already|question|mistake|error|wrong|copy"
            r"|misspelled|typo|fix|correct|update|change|revise|revised|amend|reissue|resend)\b"
            r"|\bsend\s+it\s+again\b|\banother\s+copy\b"
        ),
    ),
    (
        Choice.CLIENT,
        re.compile(
            r"\b(?<!not\sa\s)(?<!not\san\s)(?:client|customer)s?\b"
            r"|\b(?:my|our)\s+(?:\w+\s+)?(?:policy|policies|account|claim|bill)\b"
        ),
    ),
)
_LEAD = re.compile(
    r"^(?:(?:yes|yeah|yep|sure|ok|okay|um|uh|so|well|oh),?\s+)*"
    r"(?:(?:it's|it\s+is|that's|that\s+is|the\s+name\s+is|the\s+business(?:\s+name)?\s+is"
    r"|my\s+carrier\s+is|the\s+carrier\s+is|my\s+insurance(?:\s+company)?\s+is|we\s+have"
    r"|i\s+have|i'm\s+with|we're\s+with|we\s+are|we're|it's\s+with|with|they're"
    r"|it's\s+called|called)\s+)?",
    re.IGNORECASE,
)
"""Lead-ins before a short answer: "yeah, it's called…", "my carrier is…"."""


def choices(lowered: str) -> frozenset[Choice]:
    """Every one-word answer a short reply could be ("a new one" is NEW)."""
    if len(lowered.split()) > 12:
        return frozenset()
    return frozenset(choice for choice, pattern in _CHOICES if pattern.search(lowered))


def short_answer(text: str) -> str | None:
    """A short answer without its lead-in ("yeah, it's State Farm" is "State Farm")."""
    if text.rstrip().endswith("?"):
        return None  # a question back ("sorry, what was that?") answers nothing
    rest = _LEAD.sub("", text).strip(" .,!?;:")
    words = rest.split()
    if not words or len(words) > 8 or len(rest) > 80 or not _USABLE.search(rest):
        return None
    return None if words[0].casefold().strip(",") in _NOT_AN_ANSWER else rest


def answer_name(leftover: str) -> tuple[str, ...]:
    """The leftover words when they are nothing but a name (one to three words)."""
    words = [w for w in re.split(r"[\s,.;:!?]+", leftover) if w]
    while words and words[0].casefold() in _FILLERS:
        words.pop(0)
    while words and words[-1].casefold() in _FILLERS:
        words.pop()
    if not 1 <= len(words) <= 3:
        return ()
    named = name_words(" ".join(words), capitalised=False)
    return named if len(named) == len(words) else ()


def answer_carrier(text: str) -> str | None:
    """A carrier as the answer to "who is your carrier?": known, or as said."""
    carrier = extract_carrier(text, asked=True)
    if carrier is not None:
        return carrier
    rest = short_answer(text)
    return rest if rest is not None and len(rest.split()) <= 5 else None


def certificate_kind(lowered: str) -> CertificateKind | None:
    """New or existing certificate, when said outright."""
    if lx.CERTIFICATE_EXISTING.search(lowered):
        return CertificateKind.EXISTING
    if lx.CERTIFICATE_NEW.search(lowered):
        return CertificateKind.NEW
    return None


def caller_kind(lowered: str) -> CallerKind | None:
    """Existing client, new client or vendor, when said outright."""
    if lx.VENDOR.search(lowered):
        return CallerKind.VENDOR
    if lx.CLIENT_EXISTING.search(lowered):
        return CallerKind.EXISTING_CLIENT
    if lx.CLIENT_NEW.search(lowered):
        return CallerKind.NEW_CLIENT
    return None


def role(lowered: str, intents: tuple[Intent, ...]) -> CallerRole | None:
    """Bank or policyholder, when said outright (a bank caller is a bank)."""
    if Intent.BANK_CALLER in intents or lx.ROLE_BANK.search(lowered):
        return CallerRole.BANK
    if lx.ROLE_POLICYHOLDER.search(lowered):
        return CallerRole.POLICYHOLDER
    return None
