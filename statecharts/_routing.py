"""Who a caller is routed to: alpha splits, the new-quote fallback chain, ring groups.

The agency assigns callers to people by the first letter of a name: the business
name for commercial lines, the spelled last name for personal lines. These
functions turn that rule into data lookups over an `AgencyConfig`, so the chart
asks "who owns this letter?" and never carries a staff name in code. Every
function is pure: the wall-clock time is a parameter, never read here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import time
from enum import StrEnum

from statecharts._agency import AgencyConfig, AlphaSplit, RingGroup, StaffMember

__all__ = [
    "DEFAULT_LETTER",
    "FallbackKind",
    "alpha_split_owner",
    "personal_new_quote",
    "ring_group",
    "routing_letter",
]

DEFAULT_LETTER = "A"
"""The letter for an empty name: the agency's rule, so a blank never routes nowhere."""


def _single_upper(char: str) -> str:
    """Uppercase one character, keeping it when uppercasing would not give one character.

    `"ß".upper()` is `"SS"`: a routing letter must stay a single character, so such
    characters are returned as they are (they match no alpha range either way).
    """
    upper = char.upper()
    return upper if len(upper) == 1 else char


def _prefix_length(words: Sequence[str], prefixes: Iterable[str]) -> int:
    """How many leading words of `words` form the longest matching prefix (0 if none).

    Matching is by whole words, case-insensitively: the first generation used a plain
    `startswith`, so "Theater Company" lost its "The" and routed on "Company". The
    longest prefix wins so that "Law offices of" is never cut short by a shorter one.
    """
    folded = [word.casefold() for word in words]
    best = 0
    for prefix in prefixes:
        prefix_words = [word.casefold() for word in prefix.split()]
        size = len(prefix_words)
        if size > best and folded[:size] == prefix_words:
            best = size
    return best


def routing_letter(name: str, prefixes: Sequence[str]) -> str:
    """The letter that routes a business or last name, after skipping one prefix.

    Only one prefix is skipped ("The The Company" routes on T) and only on a word
    boundary ("Theater Company" routes on T, "The Great Plumbing" on G). A name that
    is nothing but a prefix routes on the prefix's own first letter ("The" gives T),
    and a blank name gives the agency default "A". Digits and symbols come back as
    they are ("123 Industries" gives "1"); no alpha range owns them, which the caller
    of `alpha_split_owner` must handle.

    Args:
        name: The business name or spelled last name, as the caller gave it.
        prefixes: Whole-word prefixes to skip, from `AgencyConfig.alpha_prefixes`.

    Returns:
        A single character, uppercased when that keeps it a single character.
    """
    words = name.split()
    if not words:
        return DEFAULT_LETTER
    skipped = _prefix_length(words, prefixes)
    rest = words[skipped:]
    first = rest[0][0] if rest else words[0][0]
    return _single_upper(first)


def alpha_split_owner(config: AgencyConfig, split: AlphaSplit, letter: str) -> StaffMember | None:
    """The active staff member whose range in `split` covers `letter`.

    Args:
        config: The agency.
        split: Which of the three alphabetical assignments to use.
        letter: One letter, either case; anything else ("1", "AB", "É") is in no
            `AlphaRange`, so it has no owner.

    Returns:
        The owner in directory order, or None for a non-letter or an uncovered letter.
        Availability is not checked here: the caller decides whether that matters.
    """
    upper = letter.upper()
    for member in config.staff:
        if (
            member.former is None
            and member.alpha_split is split
            and member.alpha_range is not None
            and member.alpha_range.covers(upper)
        ):
            return member
    return None


class FallbackKind(StrEnum):
    """Which step of the personal new-quote fallback chain picked the person.

    Logged with every routing decision, so that how often quotes miss the sales
    agent can be measured.
    """

    PRIMARY = "primary"
    """The sales agent who owns the letter."""
    ALTERNATE_SALES = "alternate_sales"
    """Another sales agent, because the owner was unavailable."""
    ACCOUNT_EXECUTIVE = "account_executive"
    """The personal-lines account executive for the letter."""
    MANAGEMENT = "management"
    """The first available member of the escalation department."""
    UNAVAILABLE = "unavailable"
    """Nobody could take the call: take a message instead."""


def _reachable(member: StaffMember | None, moment: time) -> bool:
    """Whether a live transfer to `member` at `moment` is allowed and likely to be answered."""
    return member is not None and member.transferable and member.available_at(moment)


def personal_new_quote(
    config: AgencyConfig, letter: str, moment: time
) -> tuple[StaffMember | None, FallbackKind]:
    """Who takes a personal-lines new quote for `letter` at wall-clock time `moment`.

    The chain, from the agency's rules: the sales agent who owns the letter, then the
    other sales agents in directory order, then the personal-lines account executive
    for the letter, then the escalation department (management) in directory order.
    Every step skips people who are not transferable (restricted staff such as the
    general manager are never used) or whose time block covers `moment`. A letter
    outside A-Z has no owner, so the chain starts at the alternates: a caller who
    wants a quote should still reach a person.

    Args:
        config: The agency.
        letter: The routing letter of the spelled last name.
        moment: The office's local wall-clock time.

    Returns:
        The person and the step that chose them, or `(None, FallbackKind.UNAVAILABLE)`.
    """
    primary = alpha_split_owner(config, AlphaSplit.PERSONAL_NEW, letter)
    if _reachable(primary, moment):
        return primary, FallbackKind.PRIMARY
    for member in config.staff:
        alternate = member.alpha_split is AlphaSplit.PERSONAL_NEW and member is not primary
        if alternate and _reachable(member, moment):
            return member, FallbackKind.ALTERNATE_SALES
    executive = alpha_split_owner(config, AlphaSplit.PERSONAL_EXISTING, letter)
    if _reachable(executive, moment):
        return executive, FallbackKind.ACCOUNT_EXECUTIVE
    escalation = config.escalation_department.casefold()
    for member in config.staff:
        if member.department.casefold() == escalation and _reachable(member, moment):
            return member, FallbackKind.MANAGEMENT
    return None, FallbackKind.UNAVAILABLE


def ring_group(config: AgencyConfig, key: str) -> RingGroup | None:
    """The ring group with exactly this key ("VA" is found, "va" is not).

    Keys are case-sensitive because they are identifiers in the configuration, not
    words a caller says; a near miss is a configuration bug to surface, not guess.
    """
    if not key:
        return None
    return next((group for group in config.ring_groups if group.key == key), None)
