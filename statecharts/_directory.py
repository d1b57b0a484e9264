"""Finding staff by what a caller says: a name, an alias or an extension.

A caller asking for a person is the one place where free text picks a transfer
target, so the lookup is strict and explicit: fixed passes in a fixed order, and
an ambiguous answer whenever two people could be meant. The chart asks "which
one?" rather than guessing, and `is_transferable` fails closed on anything that is
not exactly one known, transferable person.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import time

from statecharts._agency import AgencyConfig, StaffMember

__all__ = [
    "StaffLookup",
    "bilingual_pick",
    "find_staff",
    "is_transferable",
    "staff_by_extension",
    "staff_in_department",
]


@dataclass(frozen=True, slots=True)
class StaffLookup:
    """The result of looking up a spoken name or extension in the staff directory."""

    matches: tuple[StaffMember, ...]
    """Everyone the query could mean, in directory order, without duplicates."""
    ambiguous: bool
    """Two or more people could be meant: ask which one, never pick."""

    @property
    def found(self) -> bool:
        """Exactly one person, and no reason to ask which one."""
        return len(self.matches) == 1 and not self.ambiguous

    @property
    def member(self) -> StaffMember | None:
        """The one person found, or None when the lookup is empty or ambiguous."""
        return self.matches[0] if self.found else None


def _unique(members: Iterable[StaffMember]) -> tuple[StaffMember, ...]:
    """Members in first-seen order, each once (an alias and a name may both match)."""
    seen: list[StaffMember] = []
    for member in members:
        if not any(member is kept for kept in seen):
            seen.append(member)
    return tuple(seen)


def _names(member: StaffMember) -> tuple[str, ...]:
    """The folded full name and aliases: the keys a caller may say exactly."""
    return (member.name.casefold(), *(alias.casefold() for alias in member.aliases))


def _passes(key: str) -> tuple[Callable[[StaffMember], bool], ...]:
    """The name passes after the extension pass, strongest first.

    1. the full name or an alias, exactly ("al" is Al, never Anamer);
    2. a name that starts with the query ("jason l" is Jason L.);
    3. a query that starts with a first name and a space ("adriana smith" is Adriana).

    Pronunciations are deliberately absent: they are spelled for text-to-speech
    ("Yah-ris-lin") and would only match by accident.
    """
    return (
        lambda member: key in _names(member),
        lambda member: member.name.casefold().startswith(key),
        lambda member: key.startswith(member.first_name.casefold() + " "),
    )


def find_staff(config: AgencyConfig, query: str) -> StaffLookup:
    """Look up a person by extension, name, alias, name prefix or first name.

    The passes run in order and the first that matches anyone wins. Before the
    name passes, a query that starts the first names of two or more people (a
    first name is one word, so only a one-word query can) is ambiguous even when
    one of them matches exactly: "Rachel" always gets "which Rachel?", because
    guessing from the line of business sent callers to the wrong Rachel. "Rachel
    T." and "Rachel Moreno" resolve directly.

    Args:
        config: The agency.
        query: The caller's words for the person, in any case, with any spacing.

    Returns:
        The lookup; `found` is True only for exactly one unambiguous person.
    """
    text = query.strip()
    if not text:
        return StaffLookup((), ambiguous=False)
    by_extension = staff_by_extension(config, text)
    if by_extension is not None:
        return StaffLookup((by_extension,), ambiguous=False)
    key = " ".join(text.casefold().split())
    namesakes = _unique(m for m in config.staff if m.first_name.casefold().startswith(key))
    if len(namesakes) > 1:
        return StaffLookup(namesakes, ambiguous=True)
    for matches_pass in _passes(key):
        matches = _unique(m for m in config.staff if matches_pass(m))
        if matches:
            return StaffLookup(matches, ambiguous=len(matches) > 1)
    return StaffLookup((), ambiguous=False)


def staff_by_extension(config: AgencyConfig, extension: str) -> StaffMember | None:
    """The person at exactly this extension ("  7002  " is 7002), or None."""
    wanted = extension.strip()
    if not wanted:
        return None
    return next((member for member in config.staff if member.extension == wanted), None)


def staff_in_department(config: AgencyConfig, department: str) -> tuple[StaffMember, ...]:
    """Everyone in a department, case-insensitively, in directory order.

    A query ending in "-" is a department prefix: "PL-" is every personal-lines
    department, which is how the agency names its teams.
    """
    wanted = department.strip().casefold()
    if not wanted:
        return ()
    if wanted.endswith("-"):
        return tuple(m for m in config.staff if m.department.casefold().startswith(wanted))
    return tuple(m for m in config.staff if m.department.casefold() == wanted)


def is_transferable(config: AgencyConfig, name: str) -> bool:
    """Whether the agent may transfer a caller asking for `name` straight through.

    Fails closed: an unknown, ambiguous, restricted or former person is never
    transferable, so a misheard name can never reach a restricted extension.
    """
    member = find_staff(config, name).member
    return member is not None and member.transferable


def bilingual_pick(config: AgencyConfig, moment: time) -> StaffMember | None:
    """The first Spanish-speaking person who can take a call at `moment`.

    Directory order decides, as the agency asked; people in a time block (a
    meeting or lunch) and anyone not transferable are skipped.

    Args:
        config: The agency.
        moment: The office's local wall-clock time.

    Returns:
        The person, or None when no bilingual person is free.
    """
    return next(
        (
            member
            for member in config.staff
            if member.bilingual and member.transferable and member.available_at(moment)
        ),
        None,
    )
