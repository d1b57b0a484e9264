"""Staff lookups by name, alias and extension (agency.md U12-U17, Spanish speakers)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time

import pytest

from statecharts._agency import AgencyConfig, StaffMember, TimeBlock
from statecharts._directory import (
    StaffLookup,
    bilingual_pick,
    find_staff,
    is_transferable,
    staff_by_extension,
    staff_in_department,
)
from statecharts._loading import default_agency

pytestmark = pytest.mark.unit

AGENCY = default_agency()
RACHELS = ("Rachel T.", "Rachel Moreno")


def names(members: Iterable[StaffMember]) -> tuple[str, ...]:
    """The display names of `members`, in order."""
    return tuple(member.name for member in members)


def changed(config: AgencyConfig, name: str, **update: object) -> AgencyConfig:
    """A copy of `config` in which one person's fields are replaced."""
    staff = tuple(
        member.model_copy(update=update) if member.name == name else member
        for member in config.staff
    )
    return config.model_copy(update={"staff": staff})


def busy_all_day(config: AgencyConfig, *people: str) -> AgencyConfig:
    """A copy of `config` in which the named people are in a block all day."""
    block = TimeBlock(start=time(0, 0), end=time(23, 59))
    for name in people:
        config = changed(config, name, time_blocks=(block,))
    return config


# find_staff (U13, U14, U15) ----------------------------------------------------


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Adriana", "Adriana"),
        ("ADRIANA", "Adriana"),
        ("  Adriana  ", "Adriana"),
        ("adriana", "Adriana"),
        ("Adriana Smith", "Adriana"),
        ("Rachel T", "Rachel T."),
        ("Rachel T.", "Rachel T."),
        ("rachel t.", "Rachel T."),
        ("Rachel Moreno", "Rachel Moreno"),
        ("rachel moreno", "Rachel Moreno"),
        ("  Rachel   Moreno ", "Rachel Moreno"),
        ("Jason L", "Jason L."),
        ("Jason", "Jason L."),
        ("Al", "Al"),
        ("al", "Al"),
        ("Ann", "Ann"),
        ("Brad", "Brad"),
        ("Deb", "Debi"),
        ("Debbie", "Debi"),
        ("DEBBIE", "Debi"),
        ("Debi", "Debi"),
        ("Luis", "Louis"),
        ("Lewis", "Louis"),
        ("Louie", "Louis"),
        ("louis", "Louis"),
        ("Ray", "Rayvon"),
        ("Steph", "Stephanie"),
        ("Yari", "Yarislyn"),
        ("Harry", "Harry"),
        ("Rosa", "Rosa"),
        ("Fred", "Fred"),
        ("Kelly", "Kelly U."),
        ("Kevin K.", "Kevin K."),
        ("Sheree", "Sheree"),
        ("7002", "Adriana"),
        ("  7002  ", "Adriana"),
        ("7000", "Jason L."),
        ("7018", "Rayvon"),
    ],
)
def test_find_staff_found(query: str, name: str) -> None:
    """Extensions, names, aliases, name prefixes and "First Other" each resolve to one person."""
    lookup = find_staff(AGENCY, query)
    assert lookup.found
    assert not lookup.ambiguous
    assert names(lookup.matches) == (name,)
    assert lookup.member is not None
    assert lookup.member.name == name


@pytest.mark.parametrize(
    "query", ["Rachel", "rachel", "RACHEL", "Rach", "rach", "  Rachel  ", "Rachel Smith"]
)
def test_find_staff_rachel_guard(query: str) -> None:
    """Any bare "Rachel" is ambiguous between the two Rachels, each listed once."""
    lookup = find_staff(AGENCY, query)
    assert lookup.ambiguous
    assert not lookup.found
    assert lookup.member is None
    assert names(lookup.matches) == RACHELS


def test_find_staff_single_letter_is_ambiguous() -> None:
    """A single letter prefix-matches several first names, so it asks which one."""
    lookup = find_staff(AGENCY, "A")
    assert lookup.ambiguous
    assert len(lookup.matches) >= 2
    assert {"Adriana", "Al", "Ann", "Anamer L."} <= set(names(lookup.matches))


@pytest.mark.parametrize(
    "query",
    ["Nonexistent", "XYZ", "", "   ", "Unknown Person", "9999", "0000", "Yah-ris-lin",
     "Ah-dree-ah-nah", "Shuh-ree", "Ray-von"],
)  # fmt: skip
def test_find_staff_nothing(query: str) -> None:
    """Unknown names, unknown extensions and pronunciations find nobody."""
    lookup = find_staff(AGENCY, query)
    assert lookup.matches == ()
    assert not lookup.found
    assert not lookup.ambiguous


def test_find_staff_guard_beats_exact_match() -> None:
    """A one-word query shared by two first names asks, even when one name matches exactly."""
    alberto = StaffMember(name="Alberto", extension="7099", department="PL-Service")
    config = AGENCY.model_copy(update={"staff": (*AGENCY.staff, alberto)})
    lookup = find_staff(config, "Al")
    assert lookup.ambiguous
    assert names(lookup.matches) == ("Al", "Alberto")
    assert find_staff(config, "Alberto").found


def test_find_staff_duplicate_name_prefix_is_ambiguous() -> None:
    """A multi-word query that starts two full names is ambiguous, not a guess."""
    twin = StaffMember(name="Jason Lee", extension="7098", department="PL-Service")
    config = AGENCY.model_copy(update={"staff": (*AGENCY.staff, twin)})
    lookup = find_staff(config, "Jason L")
    assert lookup.ambiguous
    assert names(lookup.matches) == ("Jason L.", "Jason Lee")


def test_staff_lookup_found_needs_one_unambiguous_match() -> None:
    """`found` is False for an empty, a multiple or a flagged-ambiguous lookup."""
    adriana = AGENCY.staff[1]
    assert StaffLookup((adriana,), ambiguous=False).found
    assert not StaffLookup((adriana,), ambiguous=True).found
    assert not StaffLookup((), ambiguous=False).found
    assert not StaffLookup((adriana, AGENCY.staff[2]), ambiguous=False).found


# staff_by_extension (U16) ------------------------------------------------------


@pytest.mark.parametrize(
    ("extension", "name"),
    [("7002", "Adriana"), ("7000", "Jason L."), ("7018", "Rayvon"), ("  7002  ", "Adriana")],
)
def test_staff_by_extension(extension: str, name: str) -> None:
    """An extension, trimmed, finds its one owner."""
    member = staff_by_extension(AGENCY, extension)
    assert member is not None
    assert member.name == name


@pytest.mark.parametrize("extension", ["9999", "0000", "", "   ", "700", "70022"])
def test_staff_by_extension_unknown(extension: str) -> None:
    """Unknown, partial and blank extensions find nobody."""
    assert staff_by_extension(AGENCY, extension) is None


def test_extensions_are_unique() -> None:
    """No two staff share an extension, so an extension lookup is never ambiguous."""
    extensions = [member.extension for member in AGENCY.staff if member.extension]
    assert len(extensions) == len(set(extensions))


# staff_in_department (U17) -----------------------------------------------------


@pytest.mark.parametrize(
    ("department", "expected"),
    [
        ("CL-Account Executive", {"Adriana", "Rayvon"}),
        ("cl-account executive", {"Adriana", "Rayvon"}),
        ("PL-Sales Agent", {"Rachel Moreno", "Brad"}),
        ("Management", {"Julie L.", "Jason L.", "Kelly U."}),
        ("management", {"Julie L.", "Jason L.", "Kelly U."}),
        ("MANAGEMENT", {"Julie L.", "Jason L.", "Kelly U."}),
        ("  Management ", {"Julie L.", "Jason L.", "Kelly U."}),
        ("PL-Account Executive", {"Yarislyn", "Al", "Louis"}),
        ("XX", set()),
        ("", set()),
        ("Manage", set()),
    ],
)
def test_staff_in_department(department: str, expected: set[str]) -> None:
    """A department name matches case-insensitively and exactly."""
    assert set(names(staff_in_department(AGENCY, department))) == expected


@pytest.mark.parametrize("prefix", ["PL-", "pl-"])
def test_staff_in_department_prefix(prefix: str) -> None:
    """A trailing dash lists every personal-lines department, in directory order."""
    members = staff_in_department(AGENCY, prefix)
    assert len(members) >= 6
    assert all(member.department.startswith("PL-") for member in members)
    assert names(members)[:3] == ("Yarislyn", "Al", "Louis")


# is_transferable (U12) ---------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["Jason L.", "Jason", "Fred", "Harry", "Rosa", "Debi", "Debbie", "Unknown Person", "",
     "Rachel", "Yah-ris-lin", "7000", "7012"],
)  # fmt: skip
def test_not_transferable(name: str) -> None:
    """Restricted, former, unknown and ambiguous names are never transferable."""
    assert not is_transferable(AGENCY, name)


@pytest.mark.parametrize(
    "name",
    ["Adriana", "Rayvon", "Rachel Moreno", "Rachel T.", "Brad", "Julie L.", "Kelly U.",
     "Luis", "7002", "Ann", "Sheree", "Anamer"],
)  # fmt: skip
def test_transferable(name: str) -> None:
    """Active, unrestricted staff found unambiguously are transferable."""
    assert is_transferable(AGENCY, name)


# bilingual_pick (Spanish speakers) ---------------------------------------------


@pytest.mark.parametrize(
    ("busy", "moment", "expected"),
    [
        ((), time(10, 0), "Stephanie"),
        ((), time(11, 30), "Stephanie"),
        ((), time(14, 0), "Yarislyn"),
        ((), time(14, 30), "Yarislyn"),
        ((), time(15, 0), "Yarislyn"),
        ((), time(15, 1), "Stephanie"),
        (("Stephanie",), time(11, 30), "Louis"),
        (("Stephanie",), time(10, 30), "Yarislyn"),
        (("Stephanie", "Yarislyn"), time(10, 30), "Rachel Moreno"),
        (("Stephanie", "Yarislyn"), time(11, 30), "Louis"),
        (("Stephanie", "Yarislyn", "Louis"), time(9, 0), "Rachel Moreno"),
    ],
)
def test_bilingual_pick(busy: tuple[str, ...], moment: time, expected: str) -> None:
    """The first free bilingual person in directory order takes a Spanish-speaking caller."""
    member = bilingual_pick(busy_all_day(AGENCY, *busy), moment)
    assert member is not None
    assert member.name == expected
    assert member.bilingual


def test_bilingual_pick_nobody_free() -> None:
    """With every bilingual person busy there is nobody to pick."""
    config = busy_all_day(AGENCY, "Stephanie", "Yarislyn", "Louis", "Rachel Moreno")
    assert bilingual_pick(config, time(10, 0)) is None


def test_bilingual_pick_skips_restricted() -> None:
    """A bilingual person who may not be transferred to is skipped."""
    config = changed(AGENCY, "Stephanie", restricted=True)
    member = bilingual_pick(config, time(10, 0))
    assert member is not None
    assert member.name == "Yarislyn"


def test_bilingual_order() -> None:
    """The default agency's bilingual staff, in directory order."""
    bilingual = names(member for member in AGENCY.staff if member.bilingual)
    assert bilingual == ("Stephanie", "Yarislyn", "Louis", "Rachel Moreno")
