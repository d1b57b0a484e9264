"""Cross-field checks of an agency configuration.

Pydantic checks each field on its own; these checks look across fields for
the mistakes that would make the receptionist route a caller wrongly or to
nobody: a letter no account executive covers, two people on one extension, a
ring group ringing a phone nobody answers, a restricted manager reachable by
alpha split. They run from `AgencyConfig`'s after-validator, so a bad file
never loads. Every problem is one line starting with the field's path as the
file's author writes it ("staff[3].extension"), so it can be fixed without
reading code.
"""

from __future__ import annotations

import string
from collections import defaultdict
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from statecharts._agency import AlphaSplit

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import time

    from statecharts._agency import AgencyConfig, StaffMember

__all__ = ["check_agency"]

_SPLIT_ROLE = {
    AlphaSplit.COMMERCIAL: "account executive",
    AlphaSplit.PERSONAL_NEW: "sales agent",
    AlphaSplit.PERSONAL_EXISTING: "account executive",
}
"""Who an alpha split assigns callers to, for gap messages."""

_SAMPLE_EXTENSION = "7000"


def check_agency(config: AgencyConfig) -> list[str]:
    """Find every cross-field problem in an agency configuration.

    All problems are collected rather than stopping at the first, so that one
    failed start shows everything to fix.

    Args:
        config: A configuration whose fields have each validated.

    Returns:
        One "field: problem" line per problem; empty when the agency is usable.
    """
    return [
        *_check_staff_fields(config.staff),
        *_check_unique_staff(config.staff),
        *_check_alpha_splits(config.staff),
        *_check_aliases(config.staff),
        *_check_office(config),
        *_check_ring_groups(config),
        *_check_carriers(config),
        *_check_telephony(config),
    ]


def _who(index: int, member: StaffMember) -> str:
    return f"staff[{index}] {member.name}"


def _check_staff_fields(staff: Iterable[StaffMember]) -> list[str]:
    """Per-person rules that tie fields together."""
    problems: list[str] = []
    for index, member in enumerate(staff):
        at = f"staff[{index}]"
        if member.alpha_range is not None and member.alpha_split is None:
            problems.append(
                f"{at}.alpha_range: {member.name} has alpha range {member.alpha_range} "
                "but no alpha_split saying which split it belongs to"
            )
        if member.alpha_split is not None and member.alpha_range is None:
            problems.append(
                f"{at}.alpha_split: {member.name} is in the {member.alpha_split} alpha split "
                "but has no alpha_range"
            )
        if member.former is not None and member.extension is not None:
            problems.append(
                f"{at}.extension: former staff member {member.name} ({member.former}) "
                f"still has extension {member.extension!r}"
            )
        if member.former is not None and member.alpha_range is not None:
            problems.append(
                f"{at}.alpha_range: former staff member {member.name} ({member.former}) "
                f"still has alpha range {member.alpha_range}"
            )
        if member.restricted and member.alpha_range is not None:
            problems.append(
                f"{at}.alpha_range: restricted staff member {member.name} has alpha range "
                f"{member.alpha_range}, but restricted staff are never routed to"
            )
    return problems


def _check_unique_staff(staff: tuple[StaffMember, ...]) -> list[str]:
    """Extensions and names must each pick out exactly one person."""
    problems: list[str] = []
    by_extension: dict[str, int] = {}
    by_name: dict[str, int] = {}
    for index, member in enumerate(staff):
        if member.extension is not None:
            first = by_extension.setdefault(member.extension, index)
            if first != index:
                problems.append(
                    f"staff[{index}].extension: duplicate extension {member.extension!r} "
                    f"(also {_who(first, staff[first])})"
                )
        key = member.name.casefold()
        first = by_name.setdefault(key, index)
        if first != index:
            problems.append(
                f"staff[{index}].name: duplicate name {member.name!r} "
                f"(also {_who(first, staff[first])})"
            )
    return problems


def _check_alpha_splits(staff: tuple[StaffMember, ...]) -> list[str]:
    """Each split must send every letter A-Z to exactly one person.

    A gap leaves callers whose name starts with that letter routed to nobody;
    an overlap makes the routing depend on directory order, silently.
    """
    problems: list[str] = []
    for split in AlphaSplit:
        members = [
            (index, member)
            for index, member in enumerate(staff)
            if member.alpha_split is split and member.alpha_range is not None
        ]
        if not members:
            problems.append(
                f"staff: no staff member has alpha_split = {str(split)!r}; "
                f"every letter of the {split} alpha split would be routed to nobody"
            )
            continue
        owners: dict[str, list[int]] = defaultdict(list)
        for index, member in members:
            assert member.alpha_range is not None  # filtered above; narrows for mypy
            for letter in member.alpha_range.letters():
                owners[letter].append(index)
        problems.extend(_overlaps(split, staff, owners))
        missing = [letter for letter in string.ascii_uppercase if letter not in owners]
        if missing:
            problems.append(
                f"staff: {_letters(missing)} of the {split} alpha split "
                f"{'are' if len(missing) > 1 else 'is'} covered by no {_SPLIT_ROLE[split]}"
            )
    return problems


def _overlaps(
    split: AlphaSplit, staff: tuple[StaffMember, ...], owners: dict[str, list[int]]
) -> list[str]:
    """One line per group of people sharing letters, naming them and the letters."""
    shared: dict[tuple[int, ...], list[str]] = defaultdict(list)
    for letter in string.ascii_uppercase:
        if len(owners.get(letter, ())) > 1:
            shared[tuple(owners[letter])].append(letter)
    problems = []
    for indexes, letters in shared.items():
        who = [_who(index, staff[index]) for index in indexes]
        names = " and ".join(who) if len(who) == 2 else ", ".join(who[:-1]) + f" and {who[-1]}"
        problems.append(
            f"staff[{indexes[-1]}].alpha_range: {_letters(letters)} of the {split} "
            f"alpha split {'are' if len(letters) > 1 else 'is'} covered by "
            f"{'both' if len(who) == 2 else 'all of'} {names}"
        )
    return problems


def _letters(letters: list[str]) -> str:
    """Compress sorted letters into runs: ["A", "B", "C", "X"] -> "letters A-C, X"."""
    runs: list[list[str]] = []
    for letter in letters:
        if runs and ord(letter) == ord(runs[-1][-1]) + 1:
            runs[-1].append(letter)
        else:
            runs.append([letter])
    text = ", ".join(run[0] if len(run) == 1 else f"{run[0]}-{run[-1]}" for run in runs)
    return f"{'letters' if len(letters) > 1 else 'letter'} {text}"


def _check_aliases(staff: tuple[StaffMember, ...]) -> list[str]:
    """An alias must lead to one person, never shadow someone else's name."""
    problems: list[str] = []
    names: dict[str, int] = {}
    for index, member in enumerate(staff):
        names.setdefault(member.name.casefold(), index)
        names.setdefault(member.first_name.casefold(), index)
    seen: dict[str, tuple[int, int]] = {}
    for index, member in enumerate(staff):
        for position, alias in enumerate(member.aliases):
            at = f"staff[{index}].aliases[{position}]"
            key = alias.strip().casefold()
            owner = names.get(key)
            if owner is not None and owner != index:
                problems.append(
                    f"{at}: alias {alias!r} of {member.name} is the name of "
                    f"{_who(owner, staff[owner])}"
                )
            first = seen.setdefault(key, (index, position))
            if first != (index, position):
                problems.append(
                    f"{at}: alias {alias!r} is used twice "
                    f"(also staff[{first[0]}].aliases[{first[1]}] of {staff[first[0]].name})"
                )
    return problems


def _check_office(config: AgencyConfig) -> list[str]:
    """Timezone, opening hours and lunch must describe a real working day."""
    office = config.office
    problems: list[str] = []
    try:
        ZoneInfo(office.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(
            f"office.timezone: unknown timezone {office.timezone!r} "
            "(use an IANA name such as 'America/New_York')"
        )
    for day, hours in office.hours.items():
        if hours.opens >= hours.closes:
            problems.append(
                f"office.hours.{day}: opens at {hours.opens:%H:%M}, "
                f"which is not before closes at {hours.closes:%H:%M}"
            )
    lunch = office.lunch
    if lunch is None:
        return problems
    if lunch.start >= lunch.end:
        problems.append(
            f"office.lunch: starts at {lunch.start:%H:%M}, "
            f"which is not before it ends at {lunch.end:%H:%M}"
        )
        return problems
    outside: dict[tuple[time, time], list[str]] = defaultdict(list)
    for day, hours in office.hours.items():
        inside = hours.opens <= lunch.start and lunch.end <= hours.closes
        if hours.opens < hours.closes and not inside:
            outside[hours.opens, hours.closes].append(str(day))
    for (opens, closes), days in outside.items():
        problems.append(
            f"office.lunch: {lunch.start:%H:%M}-{lunch.end:%H:%M} is outside the open hours "
            f"{opens:%H:%M}-{closes:%H:%M} of {', '.join(days)}"
        )
    return problems


def _check_ring_groups(config: AgencyConfig) -> list[str]:
    """Ring groups must ring real, reachable people and be named correctly."""
    problems: list[str] = []
    holders = {
        member.extension: member
        for member in config.staff
        if member.extension is not None and member.former is None
    }
    keys: dict[str, int] = {}
    for index, group in enumerate(config.ring_groups):
        first = keys.setdefault(group.key, index)
        if first != index:
            problems.append(
                f"ring_groups[{index}].key: duplicate ring group key {group.key!r} "
                f"(also ring_groups[{first}])"
            )
        for position, extension in enumerate(group.extensions):
            at = f"ring_groups[{index}].extensions[{position}]"
            holder = holders.get(extension)
            if holder is None:
                problems.append(
                    f"{at}: extension {extension!r} of ring group {group.key!r} "
                    "belongs to no active staff member"
                )
            elif holder.restricted:
                problems.append(
                    f"{at}: extension {extension!r} of ring group {group.key!r} belongs to "
                    f"restricted staff member {holder.name}, who is never transferred to"
                )
    known = ", ".join(keys) or "none defined"
    for field, key in (
        ("payments_ring_group", config.payments_ring_group),
        ("claims_ring_group", config.claims_ring_group),
        ("front_desk_ring_group", config.front_desk_ring_group),
    ):
        if key is not None and key not in keys:
            problems.append(
                f"{field}: {key!r} names no ring group (keys are case-sensitive; known: {known})"
            )
    return problems


def _check_carriers(config: AgencyConfig) -> list[str]:
    """Carrier names must be unique, or the lookup silently hides one number."""
    problems: list[str] = []
    names: dict[str, int] = {}
    for index, carrier in enumerate(config.carriers):
        first = names.setdefault(carrier.name.casefold(), index)
        if first != index:
            problems.append(
                f"carriers[{index}].name: duplicate carrier {carrier.name!r} "
                f"(also carriers[{first}])"
            )
    return problems


def _check_telephony(config: AgencyConfig) -> list[str]:
    """Destination templates must produce a different address per extension."""
    problems: list[str] = []
    for field, template in (
        ("extension_destination", config.telephony.extension_destination),
        ("voicemail_destination", config.telephony.voicemail_destination),
    ):
        if template is None:
            continue
        at = f"telephony.{field}"
        if "{extension}" not in template:
            problems.append(
                f"{at}: template {template!r} has no '{{extension}}' placeholder, "
                "so every transfer would go to the same place"
            )
            continue
        try:
            template.format(extension=_SAMPLE_EXTENSION)
        except (KeyError, IndexError, ValueError) as error:
            problems.append(
                f"{at}: template {template!r} is not a valid template "
                f"(only '{{extension}}' may appear in braces): {error!r}"
            )
    return problems
