"""The agency's rules, as the product computes them, agree with the reference model.

Each property draws inputs where the rules can go wrong (names on every alpha
boundary, prefixes as whole words and as the start of longer words, every
minute either side of the office's and the staff's hours, observed holidays,
daylight-saving Mondays) and compares the production function with
`tests.reference`, written from agency.md alone. A moved boundary, a shifted
hour or a prefix matched inside a word therefore fails here on its own.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from datetime import datetime, time

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from statecharts import (
    AgencyConfig,
    CallerRecord,
    InsuranceLine,
    Intent,
    bilingual_pick,
    find_carrier,
    find_staff,
    intake_target,
    is_transferable,
    office_status,
    personal_new_quote,
    routing_letter,
)
from statecharts._agency import AlphaSplit
from statecharts._decisions import personal_letter
from statecharts._masking import mask_phone
from statecharts._routing import alpha_split_owner
from statecharts._text import normalize_phone, normalize_spelling, words_to_digits
from tests.reference import calendar, routing
from tests.reference.facts import ALIASES, STAFF, Split
from tests.reference.outcomes import INTAKE, Caller, intake_addressee
from tests.reference.strategies import (
    BOUNDARY_LAST_NAMES,
    business_names,
    instants,
    spellings,
    wall_times,
)
from tests.statecharts.scenario_calls import AGENCIES, addressee_of

pytestmark = pytest.mark.property

DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
SPLITS = {
    Split.COMMERCIAL: AlphaSplit.COMMERCIAL,
    Split.PERSONAL_NEW: AlphaSplit.PERSONAL_NEW,
    Split.PERSONAL_EXISTING: AlphaSplit.PERSONAL_EXISTING,
}


def agency() -> AgencyConfig:
    """The shipped default agency (looked up on each call, so planted bugs reach it)."""
    return next(iter(AGENCIES.values()))


def _name(member: object) -> str | None:
    return getattr(member, "name", None)


# --- the routing letter: prefixes only as whole words -----------------------------------------

_PREFIX_SPELLINGS = (
    "The",
    "the",
    "THE",
    "ThE",
    "Law office of",
    "LAW OFFICES OF",
    "law offices of",
)
_SPACES = st.sampled_from([" ", "  ", "\t", " \n "])
_WORDS = st.text(alphabet=string.ascii_letters + string.digits + "&'-.", min_size=1, max_size=12)

prefixed = st.builds(
    lambda prefix, space, word, rest: f"{prefix}{space}{word}{rest}",
    st.sampled_from(_PREFIX_SPELLINGS),
    _SPACES,
    _WORDS,
    st.sampled_from(["", " Co", " & Sons", " of Orlando"]),
)
"""A prefix, then a word: the word routes."""

prefix_like = st.builds(
    lambda prefix, tail, rest: f"{prefix}{tail}{rest}",
    st.sampled_from(["The", "the", "THE", "Law", "law"]),
    st.text(alphabet=string.ascii_letters, min_size=1, max_size=8),
    st.sampled_from(["", " Company", " King", " office of Smith"]),
)
"""A word that only starts like a prefix ("Theater", "Lawson"): it routes on its own T or L."""


@given(st.one_of(prefixed, prefix_like, business_names, st.text()))
def test_routing_letter_is_the_reference_letter(name: str) -> None:
    """Prefixed, prefix-like, boundary and arbitrary names route on the reference's letter."""
    assert routing_letter(name, agency().alpha_prefixes) == routing.business_letter(name)


@given(prefixed)
def test_a_prefix_is_skipped_as_a_whole_word(name: str) -> None:
    """After "The" or "Law office(s) of" as whole words, the next word's first letter routes."""
    word = name.split()[1 if name.split(maxsplit=1)[0].casefold() == "the" else 3]
    assert routing_letter(name, agency().alpha_prefixes) == word[0].upper()


@given(prefix_like)
def test_a_word_that_starts_like_a_prefix_is_not_one(name: str) -> None:
    """A word that starts like a prefix ("Theater", "Lawson") routes on its own first letter."""
    assume(name.split(maxsplit=1)[0].casefold() not in ("the", "law"))
    assert routing_letter(name, agency().alpha_prefixes) == name[0].upper()


# --- alpha splits and who takes a call --------------------------------------------------------

letters = st.sampled_from(string.ascii_uppercase)


@given(st.sampled_from(list(Split)), st.booleans())
def test_every_letter_has_the_reference_owner(split: Split, lower: bool) -> None:
    """Every letter's owner in the split is agency.md's, whatever the case it is asked in."""
    for letter in string.ascii_uppercase:
        asked = letter.lower() if lower else letter
        owner = alpha_split_owner(agency(), SPLITS[split], asked)
        assert _name(owner) == _name(routing.owner(split, letter)), letter


@given(
    st.sampled_from([*string.digits, "@", "&", "é", "ß", "", "AB"]), st.sampled_from(list(Split))
)
def test_nothing_but_a_letter_has_an_owner(letter: str, split: Split) -> None:
    """Digits, symbols, accented letters and non-letters are owned by nobody."""
    assert alpha_split_owner(agency(), SPLITS[split], letter) is None


@given(letters, wall_times)
def test_personal_new_quote_follows_the_fallback_chain(letter: str, moment: time) -> None:
    """Sales agent, other sales agent, account executive, management: as agency.md orders it."""
    member, _ = personal_new_quote(agency(), letter, moment)
    assert _name(member) == _name(routing.new_quote_person(letter, moment))


@given(wall_times)
def test_the_bilingual_pick_is_the_first_free_speaker(moment: time) -> None:
    """The first Spanish speaker free at that minute, in agency.md's order."""
    assert _name(bilingual_pick(agency(), moment)) == _name(routing.bilingual(moment))


@given(st.sampled_from(BOUNDARY_LAST_NAMES), st.data())
def test_the_personal_letter_trusts_the_said_name(last: str, data: st.DataObject) -> None:
    """The spelled name's first letter routes, unless it differs from the said name's."""
    spelled = normalize_spelling(data.draw(spellings(last)))
    record = CallerRecord(last_name=last, last_name_spelled=spelled)
    assert personal_letter(record) == routing.personal_letter(last, spelled)


@given(
    st.sampled_from(INTAKE),
    st.sampled_from(list(InsuranceLine)),
    st.sampled_from(BOUNDARY_LAST_NAMES),
    st.data(),
    instants,
)
def test_a_complete_intake_routes_where_the_reference_says(
    intent: Intent, line: InsuranceLine, last: str, data: st.DataObject, at: datetime
) -> None:
    """Every intake intent, either line, any letter, any instant: the reference's target."""
    spelled = normalize_spelling(data.draw(spellings(last)))
    business = data.draw(business_names) if line is InsuranceLine.BUSINESS else None
    record = CallerRecord(
        first_name="Bo",
        last_name=last,
        phone_number="5551234567",
        insurance_type=line,
        business_name=business,
        last_name_spelled=spelled,
        call_intent=intent,
    )
    status = calendar.status(at)
    target = intake_target(
        agency(), record, calendar.local(at).time(), after_hours=status.after_hours
    )
    caller = Caller(line, "Bo", last, spelled, business)
    assert addressee_of(target) == intake_addressee(intent, caller, at)


# --- looking people up by name ----------------------------------------------------------------

_SAID = [
    *(member.name for member in STAFF),
    *ALIASES,
    "Rachel",
    "rach",
    "Rach",
    "Jason",
    "jason l",
    "Kelly",
    "A",
    "An",
    "Al",
    "K",
    "Sh",
    "7000",
    " 7002 ",
    "7012",
    "9999",
    "Zelda",
    "Yah-ris-lin",
    "Adriana Smith",
    "Louis Armstrong",
]
said_names = st.one_of(
    st.builds(
        lambda name, upper, pad: pad + (name.upper() if upper else name) + pad,
        st.sampled_from(_SAID),
        st.booleans(),
        st.sampled_from(["", " ", "  "]),
    ),
    st.text(alphabet=string.ascii_letters + " .", max_size=10),
)


@given(said_names)
def test_a_spoken_name_finds_who_the_reference_finds(name: str) -> None:
    """Exact names and aliases, prefixes, "which Rachel?", extensions and strangers."""
    found = find_staff(agency(), name)
    expected = routing.lookup(name)
    assert [member.name for member in found.matches] == [m.name for m in expected.people]
    assert found.ambiguous == expected.ambiguous


@given(said_names)
def test_only_one_known_transferable_person_is_transferable(name: str) -> None:
    """Restricted, former, ambiguous and unknown names are never transferable."""
    member = routing.lookup(name).found
    expected = member is not None and member.may_be_transferred_to
    assert is_transferable(agency(), name) == expected


# --- the office calendar ----------------------------------------------------------------------


@given(instants)
def test_the_office_status_is_the_reference_status(at: datetime) -> None:
    """Open, lunch, closed or holiday, to the second, across holidays and DST changes."""
    assert office_status(agency().office, at).value == calendar.status(at).value


# --- carriers: never a made-up number ---------------------------------------------------------


def _carrier_queries() -> st.SearchStrategy[str]:
    names = [carrier.name for carrier in agency().carriers]
    named = st.sampled_from(names)
    return st.one_of(
        named,
        named.map(str.upper),
        named.map(str.lower),
        st.builds(lambda name, size: name[:size], named, st.integers(1, 12)),
        named.map(lambda name: name.split()[-1]),
        st.text(alphabet=string.ascii_letters + " '", max_size=14),
    )


@given(_carrier_queries(), st.sampled_from([None, *InsuranceLine]))
def test_find_carrier_never_invents(query: str, line: InsuranceLine | None) -> None:
    """Whole names, pieces of names and noise: a listed carrier that the query names, or none."""
    match = find_carrier(agency(), query, line)
    assert set(match.candidates) <= set(agency().carriers)
    if match.carrier is not None:
        assert not match.needs_line
        folded = re.sub(r"[^a-z ]", "", query.casefold()).split()
        name = re.sub(r"[^a-z ]", "", match.carrier.name.casefold())
        family = re.sub(r"[^a-z ]", "", (match.carrier.family or "").casefold())
        assert any(" ".join(folded) in text for text in (name, family))


@given(st.data(), st.sampled_from([str.upper, str.lower, str.title]))
def test_a_carrier_said_in_full_is_found(data: st.DataObject, case: Callable[[str], str]) -> None:
    """Any listed carrier's full name, in any case, gives exactly that carrier's number."""
    carrier = data.draw(st.sampled_from(agency().carriers))
    assert find_carrier(agency(), case(carrier.name), None).carrier == carrier


# --- caller-given text ------------------------------------------------------------------------


@given(st.text())
def test_normalize_phone_is_none_or_ten_to_fifteen_digits(text: str) -> None:
    """A normalised phone is None or 10-15 ASCII digits taken from the input."""
    phone = normalize_phone(text)
    if phone is not None:
        assert re.fullmatch(r"[0-9]{10,15}", phone)
        assert phone == "".join(char for char in text if char in string.digits)


@given(
    st.text(alphabet=string.digits, min_size=10, max_size=15),
    st.sampled_from(["", " ", "-", ".", ") ", " - "]),
)
def test_normalize_phone_ignores_punctuation(digits: str, separator: str) -> None:
    """However a valid number is punctuated, it normalises to its digits."""
    written = separator.join([digits[:3], digits[3:6], digits[6:]])
    assert normalize_phone(f"({written}") == digits


@given(st.text())
def test_normalize_spelling_is_only_a_to_z(text: str) -> None:
    """Whatever speech-to-text produced, a spelling is uppercase A-Z only."""
    assert re.fullmatch(r"[A-Z]*", normalize_spelling(text))


@given(st.text(alphabet=string.ascii_letters, min_size=1))
def test_spelled_letters_round_trip(letters: str) -> None:
    """Letters said one by one come back as the same letters, uppercased."""
    assert normalize_spelling(" ".join(letters)) == letters.upper()


@given(st.text(alphabet=string.digits))
def test_digit_words_round_trip(digits: str) -> None:
    """Digits said as words come back as the same digits."""
    spoken = " ".join(DIGIT_WORDS[int(digit)] for digit in digits)
    assert words_to_digits(spoken) == digits


@given(st.text())
def test_mask_phone_reveals_at_most_four_characters(phone: str) -> None:
    """A masked phone shows no more than its last four characters."""
    masked = mask_phone(phone)
    assert masked == "***" or masked == "***-***-" + phone[-4:]
