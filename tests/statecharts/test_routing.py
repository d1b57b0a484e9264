"""Alpha routing, the new-quote fallback chain and ring groups (agency.md U10, U11, U18, U20)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time

import pytest

from statecharts._agency import AgencyConfig, AlphaSplit, TimeBlock
from statecharts._loading import default_agency
from statecharts._routing import (
    DEFAULT_LETTER,
    FallbackKind,
    alpha_split_owner,
    personal_new_quote,
    ring_group,
    routing_letter,
)

pytestmark = pytest.mark.unit

AGENCY = default_agency()
PREFIXES = AGENCY.alpha_prefixes
SALES = ("Rachel Moreno", "Brad")
PL_AES = ("Yarislyn", "Al", "Louis")


def blocked(
    config: AgencyConfig,
    names: Iterable[str],
    start: time = time(0, 0),
    end: time = time(23, 59),
) -> AgencyConfig:
    """A copy of `config` in which the named people also have a time block."""
    wanted = set(names)
    block = TimeBlock(start=start, end=end)
    staff = tuple(
        member.model_copy(update={"time_blocks": (*member.time_blocks, block)})
        if member.name in wanted
        else member
        for member in config.staff
    )
    return config.model_copy(update={"staff": staff})


# routing_letter (U10 and the word-boundary product decision) -----------------


@pytest.mark.parametrize(
    ("name", "letter"),
    [
        ("Acme Corporation", "A"),
        ("Zephyr Industries", "Z"),
        ("The Great Company", "G"),
        ("The Great Plumbing Co", "G"),
        ("The Great Plumbing", "G"),
        ("THE ACME CORP", "A"),
        ("ThE ZoO KeEpEr", "Z"),
        ("the quick brown fox", "Q"),
        ("Law office of Smith & Associates", "S"),
        ("Law offices of Smith & Associates, LLC", "S"),
        ("LAW OFFICE OF JONES", "J"),
        ("Law Offices of Harry Levine", "H"),
        ("LAW OFFICES OF WILSON", "W"),
        ("", "A"),
        ("   ", "A"),
        ("\t\n", "A"),
        ("The", "T"),
        ("  the  ", "T"),
        ("Law office of", "L"),
        ("Law offices of", "L"),
        ("The The Company", "T"),
        ("123 Industries", "1"),
        ("@Home Services", "@"),
        ("@Home", "@"),
        ("Cafe du Monde", "C"),
        ("  Zebra Corp  ", "Z"),
        ("Z", "Z"),
        ("z", "Z"),
        ("Theater Company", "T"),
        ("Thermo King", "T"),
        ("Lawson Plumbing", "L"),
        ("Law Firm of Smith", "L"),
        ("The  Great   Plumbing", "G"),
        ("The\tGreat Plumbing", "G"),
        ("An Apple Store", "A"),
        ("Dr. Smith Dental", "D"),
        ("the 24 Hour Shop", "2"),
    ],
)
def test_routing_letter(name: str, letter: str) -> None:
    """The routing letter skips one whole-word prefix and uppercases the next first letter."""
    assert routing_letter(name, PREFIXES) == letter


def test_routing_letter_stays_one_character() -> None:
    """A first letter that uppercases to two ("ß" to "SS") is kept as the one character."""
    assert routing_letter("ßeta Labs", PREFIXES) == "ß"


@pytest.mark.parametrize(
    ("prefixes", "name", "letter"),
    [
        (("Law", "Law offices of"), "Law Offices of Smith", "S"),
        (("Law offices of", "Law"), "Law Offices of Smith", "S"),
        (("Law office of", "Law offices of"), "law offices of wilson", "W"),
        (("Law",), "Law Offices of Smith", "O"),
        ((), "The Great Plumbing", "T"),
    ],
)
def test_routing_letter_longest_prefix_wins(
    prefixes: tuple[str, ...], name: str, letter: str
) -> None:
    """The longest matching prefix is skipped whatever order the prefixes are listed in."""
    assert routing_letter(name, prefixes) == letter


def test_default_letter_is_a() -> None:
    """A blank name routes on the agency's default letter, A."""
    assert DEFAULT_LETTER == "A"


# alpha_split_owner (U11) -------------------------------------------------------


@pytest.mark.parametrize(
    ("split", "letter", "owner"),
    [
        (AlphaSplit.PERSONAL_NEW, "A", "Rachel Moreno"),
        (AlphaSplit.PERSONAL_NEW, "L", "Rachel Moreno"),
        (AlphaSplit.PERSONAL_NEW, "M", "Brad"),
        (AlphaSplit.PERSONAL_NEW, "Z", "Brad"),
        (AlphaSplit.PERSONAL_NEW, "b", "Rachel Moreno"),
        (AlphaSplit.PERSONAL_NEW, "q", "Brad"),
        (AlphaSplit.PERSONAL_EXISTING, "A", "Yarislyn"),
        (AlphaSplit.PERSONAL_EXISTING, "G", "Yarislyn"),
        (AlphaSplit.PERSONAL_EXISTING, "H", "Al"),
        (AlphaSplit.PERSONAL_EXISTING, "M", "Al"),
        (AlphaSplit.PERSONAL_EXISTING, "N", "Louis"),
        (AlphaSplit.PERSONAL_EXISTING, "Z", "Louis"),
        (AlphaSplit.PERSONAL_EXISTING, "h", "Al"),
        (AlphaSplit.COMMERCIAL, "A", "Adriana"),
        (AlphaSplit.COMMERCIAL, "L", "Adriana"),
        (AlphaSplit.COMMERCIAL, "M", "Rayvon"),
        (AlphaSplit.COMMERCIAL, "Z", "Rayvon"),
        (AlphaSplit.COMMERCIAL, "g", "Adriana"),
        (AlphaSplit.COMMERCIAL, "w", "Rayvon"),
    ],
)
def test_alpha_split_owner(split: AlphaSplit, letter: str, owner: str) -> None:
    """Each split hands a letter, in either case, to the person whose range covers it."""
    member = alpha_split_owner(AGENCY, split, letter)
    assert member is not None
    assert member.name == owner


@pytest.mark.parametrize("letter", ["1", "@", "", " ", "AB", "É", "ß"])
@pytest.mark.parametrize("split", list(AlphaSplit))
def test_alpha_split_owner_none_outside_a_to_z(split: AlphaSplit, letter: str) -> None:
    """Digits, symbols, blanks and non-ASCII letters have no owner in any split."""
    assert alpha_split_owner(AGENCY, split, letter) is None


def test_business_name_routes_end_to_end() -> None:
    """A prefixed business name reaches the commercial AE of the word after the prefix."""
    letter = routing_letter("The Great Plumbing Co", PREFIXES)
    member = alpha_split_owner(AGENCY, AlphaSplit.COMMERCIAL, letter)
    assert member is not None
    assert member.name == "Adriana"
    theater = alpha_split_owner(
        AGENCY, AlphaSplit.COMMERCIAL, routing_letter("Theater Company", PREFIXES)
    )
    assert theater is not None
    assert theater.name == "Rayvon"


# personal_new_quote (U20) ------------------------------------------------------


@pytest.mark.parametrize("kind", list(FallbackKind))
def test_fallback_kind_values(kind: FallbackKind) -> None:
    """Each fallback kind logs as its lowercase name."""
    assert kind.value == kind.name.lower()


@pytest.mark.parametrize(
    ("letter", "expected"),
    [("A", "Rachel Moreno"), ("l", "Rachel Moreno"), ("M", "Brad"), ("z", "Brad")],
)
@pytest.mark.parametrize("moment", [time(9, 0), time(12, 30), time(16, 59)])
def test_quote_goes_to_primary_sales_agent(letter: str, expected: str, moment: time) -> None:
    """With the sales agents free, the owner of the letter takes the quote."""
    member, kind = personal_new_quote(AGENCY, letter, moment)
    assert member is not None
    assert (member.name, kind) == (expected, FallbackKind.PRIMARY)


@pytest.mark.parametrize(
    ("busy", "letter", "expected"),
    [
        (("Rachel Moreno",), "A", "Brad"),
        (("Rachel Moreno",), "L", "Brad"),
        (("Brad",), "M", "Rachel Moreno"),
        (("Brad",), "Z", "Rachel Moreno"),
    ],
)
def test_quote_falls_back_to_other_sales_agent(
    busy: tuple[str, ...], letter: str, expected: str
) -> None:
    """When the owning sales agent is busy, the other sales agent takes the quote."""
    member, kind = personal_new_quote(blocked(AGENCY, busy), letter, time(10, 30))
    assert member is not None
    assert (member.name, kind) == (expected, FallbackKind.ALTERNATE_SALES)


@pytest.mark.parametrize(
    ("letter", "expected"),
    [
        ("A", "Yarislyn"),
        ("G", "Yarislyn"),
        ("H", "Al"),
        ("M", "Al"),
        ("N", "Louis"),
        ("Z", "Louis"),
    ],
)
def test_quote_falls_back_to_account_executive(letter: str, expected: str) -> None:
    """When both sales agents are busy, the personal-lines AE for the letter takes the quote."""
    member, kind = personal_new_quote(blocked(AGENCY, SALES), letter, time(14, 30))
    assert member is not None
    assert (member.name, kind) == (expected, FallbackKind.ACCOUNT_EXECUTIVE)


@pytest.mark.parametrize(
    ("busy", "moment", "expected"),
    [
        ((*SALES, *PL_AES), time(10, 30), "Julie L."),
        ((*SALES, *PL_AES, "Julie L."), time(10, 30), "Kelly U."),
        ((*SALES,), time(9, 30), "Julie L."),
    ],
)
def test_quote_falls_back_to_management(busy: tuple[str, ...], moment: time, expected: str) -> None:
    """When sales and the AE are busy, the first free manager in directory order takes it."""
    letter = "H"  # Al owns H and is in his own 9:00-10:00 block at 9:30
    member, kind = personal_new_quote(blocked(AGENCY, busy), letter, moment)
    assert member is not None
    assert (member.name, kind) == (expected, FallbackKind.MANAGEMENT)


@pytest.mark.parametrize("letter", ["A", "H", "N", "Z"])
@pytest.mark.parametrize("moment", [time(10, 30), time(16, 0), time(16, 30), time(17, 0)])
def test_quote_unavailable_when_everyone_is_busy(letter: str, moment: time) -> None:
    """With Julie also busy, Kelly's own 4-5 PM block (end minute included) leaves nobody."""
    config = blocked(AGENCY, (*SALES, *PL_AES, "Julie L."))
    if moment < time(16, 0):
        config = blocked(config, ("Kelly U.",))
    assert personal_new_quote(config, letter, moment) == (None, FallbackKind.UNAVAILABLE)


def test_quote_never_uses_restricted_manager() -> None:
    """Jason L. is free all day but restricted, so the chain never picks him."""
    config = blocked(AGENCY, (*SALES, *PL_AES, "Julie L.", "Kelly U."))
    jason = next(member for member in config.staff if member.name == "Jason L.")
    assert jason.available_at(time(10, 30))
    member, kind = personal_new_quote(config, "A", time(10, 30))
    assert (member, kind) == (None, FallbackKind.UNAVAILABLE)


@pytest.mark.parametrize(
    ("moment", "kind"),
    [
        (time(10, 59), FallbackKind.ALTERNATE_SALES),
        (time(11, 0), FallbackKind.ALTERNATE_SALES),
        (time(11, 1), FallbackKind.PRIMARY),
    ],
)
def test_quote_block_end_minute_is_unavailable(moment: time, kind: FallbackKind) -> None:
    """A time block is inclusive at its end minute: the person is free only after it."""
    config = blocked(AGENCY, ("Rachel Moreno",), start=time(10, 0), end=time(11, 0))
    assert personal_new_quote(config, "A", moment)[1] is kind


@pytest.mark.parametrize("letter", ["1", "@", ""])
def test_quote_without_letter_owner_tries_alternates(letter: str) -> None:
    """A letter no one owns still reaches a sales agent, in directory order."""
    member, kind = personal_new_quote(AGENCY, letter, time(10, 30))
    assert member is not None
    assert (member.name, kind) == ("Rachel Moreno", FallbackKind.ALTERNATE_SALES)


def test_quote_escalation_department_is_configurable() -> None:
    """The last step uses the configured escalation department, not a hard-coded one."""
    config = blocked(AGENCY, (*SALES, *PL_AES)).model_copy(
        update={"escalation_department": "CL-Service"}
    )
    member, kind = personal_new_quote(config, "A", time(10, 30))
    assert member is not None
    assert (member.name, kind) == ("Stephanie", FallbackKind.MANAGEMENT)


# ring_group (U18) --------------------------------------------------------------


def test_va_ring_group() -> None:
    """The VA key finds the Virtual Assistant Team with Ann's and Sheree's extensions."""
    group = ring_group(AGENCY, "VA")
    assert group is not None
    assert group.name == "Virtual Assistant Team"
    assert group.extensions == ("7016", "7008")
    assert group.use == "Payment and ID/Dec requests"


def test_claims_ring_group_has_no_extensions() -> None:
    """The claims group exists but the client has not supplied its extensions."""
    group = ring_group(AGENCY, "Claims")
    assert group is not None
    assert group.extensions == ()


@pytest.mark.parametrize("key", ["va", "Va", "", " VA", "claims", "Nope"])
def test_ring_group_keys_are_exact(key: str) -> None:
    """Ring-group keys are case-sensitive identifiers; near misses find nothing."""
    assert ring_group(AGENCY, key) is None
