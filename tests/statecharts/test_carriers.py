"""Carrier claims-line lookup (agency.md U21, §10, and the split-line product decision)."""

from __future__ import annotations

import pytest

from statecharts._agency import Carrier, InsuranceLine
from statecharts._carriers import CarrierMatch, find_carrier
from statecharts._loading import default_agency

pytestmark = pytest.mark.unit

AGENCY = default_agency()
BUSINESS = InsuranceLine.BUSINESS
PERSONAL = InsuranceLine.PERSONAL


def names(carriers: tuple[Carrier, ...]) -> tuple[str, ...]:
    """The carriers' names, in order."""
    return tuple(carrier.name for carrier in carriers)


@pytest.mark.parametrize(
    ("query", "name", "phone"),
    [
        ("State", "State Farm", "800-732-5246"),
        ("State Farm", "State Farm", "800-732-5246"),
        ("  state farm  ", "State Farm", "800-732-5246"),
        ("STATE FARM", "State Farm", "800-732-5246"),
        ("Progressiv", "Progressive", "800-274-4499"),
        ("progressive", "Progressive", "800-274-4499"),
        ("PROGRESSIVE", "Progressive", "800-274-4499"),
        ("Citizens", "Citizens", "866-411-2742"),
        ("Florida Peninsula", "Florida Peninsula", "877-994-8368"),
        ("Heritage", "Heritage", "855-415-7120"),
        ("Universal Property", "Universal Property", "800-470-0599"),
        ("Universal Insurance", "Universal Insurance", "800-470-4052"),
        ("Security First", "Security First", "877-581-4862"),
        ("People's Trust", "People's Trust", "877-333-1230"),
        ("Peoples Trust", "People's Trust", "877-333-1230"),
        ("people\u2019s trust", "People's Trust", "877-333-1230"),
        ("Auto-Owners", "Auto Owners", "888-252-4626"),
        ("American Integrity", "American Integrity", "866-277-9871 x2050"),
        ("AAA", "AAA", "888-929-4222"),
        ("GEICO", "GEICO", "800-841-3000"),
        ("Geico", "GEICO", "800-841-3000"),
        ("Safeco", "Safeco", "877-566-6001"),
        ("Weston", "Weston", "866-296-3115"),
        ("Western", "Western World", "201-847-8600"),
        ("Peninsula", "Florida Peninsula", "877-994-8368"),
        ("Choice", "Homeowners Choice", "866-324-3138"),
        ("Farm", "Farmers", "800-435-7764"),
        ("ASI", "ASI", "866-274-8765"),
        ("cna", "CNA", "877-262-2727"),
        ("EMC", "EMC Insurance", "800-362-2227"),
        ("UPC", "UPC Insurance", "800-861-0220"),
    ],
)
def test_find_carrier(query: str, name: str, phone: str) -> None:
    """Exact, prefix and whole-word matches find one carrier and its 24/7 number."""
    match = find_carrier(AGENCY, query, None)
    assert match.carrier is not None
    assert (match.carrier.name, match.carrier.claims_phone) == (name, phone)
    assert match == CarrierMatch(match.carrier, needs_line=False, candidates=(match.carrier,))
    assert match.found
    assert not match.ambiguous


@pytest.mark.parametrize(
    "query",
    ["", "   ", "xyz", "Acme Mutual Holdings", "CL", "PL", "In", "K", "Ge", "ins", "Sur", "arm"],
)
def test_find_carrier_nothing(query: str) -> None:
    """Unknown, blank and short or partial-word queries match no carrier."""
    match = find_carrier(AGENCY, query, None)
    assert match == CarrierMatch(None, needs_line=False, candidates=())
    assert not match.found


@pytest.mark.parametrize(
    ("query", "line", "name", "phone"),
    [
        ("Tower Hill", BUSINESS, "Tower Hill CL", "800-342-3407 x6050"),
        ("Tower Hill", PERSONAL, "Tower Hill PL", "800-342-3407"),
        ("tower hill", PERSONAL, "Tower Hill PL", "800-342-3407"),
        ("TOWER HILL", BUSINESS, "Tower Hill CL", "800-342-3407 x6050"),
        ("Travelers", BUSINESS, "Travelers CL", "800-238-6225"),
        ("Travelers", PERSONAL, "Travelers PL", "877-878-2468"),
        ("travelers", PERSONAL, "Travelers PL", "877-878-2468"),
        ("Tower", PERSONAL, "Tower Hill PL", "800-342-3407"),
        ("Trav", BUSINESS, "Travelers CL", "800-238-6225"),
        ("Hill", PERSONAL, "Tower Hill PL", "800-342-3407"),
    ],
)
def test_split_line_carrier_picked_by_line(
    query: str, line: InsuranceLine, name: str, phone: str
) -> None:
    """A split-line carrier named without its line takes the caller's line's number, no question."""
    match = find_carrier(AGENCY, query, line)
    assert match.carrier is not None
    assert (match.carrier.name, match.carrier.claims_phone) == (name, phone)
    assert match == CarrierMatch(match.carrier, needs_line=False, candidates=(match.carrier,))


@pytest.mark.parametrize(
    ("query", "both"),
    [
        ("Tower Hill", ("Tower Hill CL", "Tower Hill PL")),
        ("tower hill", ("Tower Hill CL", "Tower Hill PL")),
        ("Tower", ("Tower Hill CL", "Tower Hill PL")),
        ("Travelers", ("Travelers CL", "Travelers PL")),
        ("TRAVELERS", ("Travelers CL", "Travelers PL")),
    ],
)
def test_split_line_carrier_needs_line(query: str, both: tuple[str, str]) -> None:
    """Without the caller's line a split-line carrier gives no number and asks for the line."""
    match = find_carrier(AGENCY, query, None)
    assert match.carrier is None
    assert match.needs_line
    assert not match.found
    assert not match.ambiguous
    assert names(match.candidates) == both


@pytest.mark.parametrize(
    ("query", "line", "name"),
    [
        ("Tower Hill CL", PERSONAL, "Tower Hill CL"),
        ("Tower Hill PL", BUSINESS, "Tower Hill PL"),
        ("Tower Hill PL", None, "Tower Hill PL"),
        ("Travelers CL", None, "Travelers CL"),
        ("Travelers PL", BUSINESS, "Travelers PL"),
        ("travelers pl", PERSONAL, "Travelers PL"),
    ],
)
def test_split_line_said_explicitly(query: str, line: InsuranceLine | None, name: str) -> None:
    """A caller who names the line explicitly gets that line, whatever the recorded type."""
    match = find_carrier(AGENCY, query, line)
    assert match.carrier is not None
    assert match.carrier.name == name


@pytest.mark.parametrize(
    ("query", "line", "expected"),
    [
        ("Universal", None, ("Universal Insurance", "Universal Property")),
        ("universal", PERSONAL, ("Universal Insurance", "Universal Property")),
        ("Univ", BUSINESS, ("Universal Insurance", "Universal Property")),
        ("Safe", None, ("Safeco", "SafePoint")),
        ("Mutual", None, ("Amica Mutual", "Liberty Mutual")),
        ("Property", None, ("United Property", "Universal Property")),
        ("Florida", None, ("Florida Family", "Florida Peninsula")),
        ("American", None, ("American Family", "American Integrity")),
    ],
)
def test_find_carrier_ambiguous(
    query: str, line: InsuranceLine | None, expected: tuple[str, ...]
) -> None:
    """A query that fits several different carriers is ambiguous, never the first in the list."""
    match = find_carrier(AGENCY, query, line)
    assert match == CarrierMatch(None, needs_line=False, candidates=match.candidates)
    assert match.ambiguous
    assert names(match.candidates) == expected


def test_exact_match_beats_prefix() -> None:
    """An exact name wins over longer names that start with it."""
    weston = find_carrier(AGENCY, "Weston", None)
    assert weston.carrier is not None
    assert weston.carrier.name == "Weston"


def test_carrier_list_is_complete() -> None:
    """The agency has every client carrier, the Florida regionals included."""
    listed = {carrier.name for carrier in AGENCY.carriers}
    assert len(AGENCY.carriers) >= 50
    florida = {"Citizens", "Florida Peninsula", "Heritage", "Universal Property", "Tower Hill PL",
               "Security First", "People's Trust"}  # fmt: skip
    assert florida <= listed


@pytest.mark.parametrize("carrier", AGENCY.carriers, ids=lambda carrier: carrier.name)
def test_every_carrier_finds_itself(carrier: Carrier) -> None:
    """Each carrier's own name, in any case, finds that carrier and its number."""
    for query in (carrier.name, carrier.name.lower(), carrier.name.upper()):
        match = find_carrier(AGENCY, query, None)
        assert match.carrier == carrier
