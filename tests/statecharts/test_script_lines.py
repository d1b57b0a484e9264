"""Every line the script can say, with every value of the agency file, is written for the ear.

The receptionist's lines are spoken, so they carry nothing a voice reads badly:
no parentheses, slashes, ampersands or dashes used as ranges; no abbreviations
("FL", "Ste.", "LLC"); no numbers run together ("7208", "32819") that a voice would
read as thousands; no placeholder left unfilled. Names are written as the agency
writes them ("Harry Levine", "Louis"): pronunciation hints are applied only on the
way to speech synthesis. This renders every `Line` with every parameter the chart
can give it, at every office status, for the shipped agency, and checks each text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime

import pytest

from statecharts import AgencyConfig, Line, OfficeMoment, office_moment, render
from statecharts._questions import QUESTION_WORDINGS
from statecharts._reception_actions import REPEATABLE
from statecharts._reception_messages import ABOUT
from statecharts._script import passed_on
from statecharts._speech import digits_for_speech, phone_read_back
from statecharts._spoken import clock_words, digit_words, services_phrase, weekly_hours
from tests.statecharts.chart_driver import AGENCY, CLOSED, HOLIDAY, LUNCH, OPEN, SATURDAY

pytestmark = pytest.mark.unit

CLOSED_TODAY = AGENCY.model_copy(
    update={
        "office": AGENCY.office.model_copy(update={"extra_closed_dates": (date(2026, 11, 24),)})
    }
)
"""The agency with a one-off closure on Tuesday 24 November 2026."""

MOMENTS: list[tuple[AgencyConfig, datetime]] = [
    (AGENCY, OPEN),
    (AGENCY, LUNCH),
    (AGENCY, CLOSED),
    (AGENCY, HOLIDAY),
    (AGENCY, SATURDAY),
    (AGENCY, datetime(2026, 11, 23, 7, 0)),
    (AGENCY, datetime(2026, 11, 23, 8, 30)),
    (CLOSED_TODAY, datetime(2026, 11, 24, 10, 0)),
]
"""Every office status, early morning and just before opening, and a one-off closure."""

NAMES = ["", *sorted({member.first_name for member in AGENCY.staff}), "our team"]
"""Every person as the receptionist names them, and nobody in particular."""

ABOUTS = ["", *ABOUT.values(), " about your policy renewal"]
QUESTIONS = ["", *(wording for wordings in QUESTION_WORDINGS.values() for wording in wordings)]
LAST4 = ["", digit_words("0123"), digit_words("4567")]

ALLOWED_CAPITALS = frozenset({"ID", "RV", "AM", "PM"})
"""Letters said one by one, as people say them."""
CARRIER_WORDS = frozenset(word for c in AGENCY.carriers for word in c.name.split())
"""Carrier names are names: said as the agency writes them."""
PRONUNCIATIONS = frozenset(
    hint for hint in (member.pronunciation for member in AGENCY.staff) if hint
) | {AGENCY.office.spoken_name.split()[1]}
"""Pronunciation hints ("Leveen", "Lewis"): for speech synthesis only, never in a line."""

_UNSPEAKABLE = re.compile(r"[()\[\]{}<>/\\&@*#_|~^=+%$]")
_RANGE = re.compile(r"\d\s*[-\u2013\u2014]\s*\d|\s[-\u2013\u2014]\s|[\u2013\u2014]")
_RUN_OF_DIGITS = re.compile(r"\d{3,}")
_ABBREVIATION = re.compile(r"\b(?:FL|Ste|St|Rd|Ave|Blvd|LLC|Inc|Co|Corp|ET|EST|HLI|COI)\b\.?")
_CAPITALS = re.compile(r"\b[A-Z]{2,}\b")
_GAP = re.compile(r"\s{2,}|\s[.,;:!?]|^\s|\s$")


PERSON_LINES = frozenset(
    {
        Line.TRANSFER,
        Line.AE_REDIRECT,
        Line.VOICEMAIL,
        Line.PERSON_SCREENING,
        Line.PERSON_SCREENING_MESSAGE,
        Line.PERSON_RESTRICTED,
        Line.PERSON_RESTRICTED_AGAIN,
    }
)
"""Lines the chart says only about a named person."""


ASKING = frozenset(
    {
        Line.PERSON_SCREENING,
        Line.PERSON_SCREENING_MESSAGE,
        Line.PERSON_RESTRICTED,
        Line.PERSON_RESTRICTED_AGAIN,
        Line.CERTIFICATE_KIND_QUESTION,
        Line.LENDER_QUESTION,
    }
)
"""Lines that end with a question the chart words (`question`)."""


def _carrier_numbers() -> Iterator[dict[str, str]]:
    for carrier in AGENCY.carriers:
        said = {"name": carrier.family or carrier.name}
        yield said | {"digits": digits_for_speech(carrier.claims_phone)}


def _carrier_choices() -> Iterator[dict[str, str]]:
    for family in sorted({c.family for c in AGENCY.carriers if c.family}):
        yield {"name": " and ".join(c.name for c in AGENCY.carriers if c.family == family)}


def _each_once(*values: list[str]) -> Iterator[tuple[str, ...]]:
    """Every value of every list at least once (each goes into its own place in a line)."""
    longest = max(len(v) for v in values)
    for index in range(longest):
        yield tuple(v[index % len(v)] for v in values)


def _variants(line: Line, config: AgencyConfig, moment: OfficeMoment) -> Iterator[dict[str, str]]:
    """Every parameter set the chart can give `line`."""
    if line is Line.CARRIER_NUMBER:
        yield from _carrier_numbers()
    elif line is Line.PHONE_READ_BACK:
        yield {"digits": phone_read_back("4075550123")}
    elif line is Line.CARRIER_AMBIGUOUS:
        yield from _carrier_choices()
    elif line is Line.PERSON_AMBIGUOUS:
        for question in QUESTIONS:
            yield {"name": "Rachel T. and Rachel Moreno", "question": question}
    elif line is Line.PERSON_FORMER:
        for member in config.staff:
            if member.status_message:
                yield {"status": member.status_message}
    elif line is Line.ASK_AGAIN:  # said only with the question still open
        for question in QUESTIONS[1:]:
            yield {"question": question}
    elif line in (
        Line.CHECK_IN,
        Line.CLARIFY,
        Line.HELP_QUESTION,
        Line.REDIRECT,
        Line.INSTRUCTIONS_REDIRECT,
        Line.OTHER_CALLERS_REDIRECT,
        Line.POLICY_DETAILS_REDIRECT,
    ):
        for question in [*QUESTIONS, "Is there anything else I can help you with?"]:
            yield {"question": question}
    elif line is Line.SAY_AGAIN:
        for again in REPEATABLE:
            for params in _variants(again, config, moment):
                yield {"again": render(again, config, moment, **params)}
        for question in QUESTIONS:
            yield {"again": question}
    elif line in (Line.SILENCE_GOODBYE, Line.ERROR_GOODBYE, Line.TIME_LIMIT_GOODBYE):
        yield {"passed": ""}
        for name, about, last4 in _each_once(NAMES, ABOUTS, LAST4):
            yield {"passed": passed_on(name, last4, about)}
    elif line is Line.CLAIMS_CARRIER_QUESTION:
        for after in ("yes", "no"):
            for ask in ("yes", "no"):
                for question in QUESTIONS:
                    yield {"after_message": after, "ask": ask, "question": question}
    elif line in ASKING:
        for name, question in _each_once(NAMES[1:-1], QUESTIONS):
            yield {"name": name, "question": question}
    else:
        names = NAMES if line not in PERSON_LINES else NAMES[1:-1]
        for name, about, last4 in _each_once(names, ABOUTS, LAST4):
            yield {"name": name, "about": about, "last4": last4}
            yield {"name": name, "about": about, "complete": "yes"}
            yield {"name": name, "when": " on the next business day", "last4": last4}


def _problems(text: str) -> list[str]:
    found = [f"unspeakable {m.group(0)!r}" for m in _UNSPEAKABLE.finditer(text)]
    found += [f"range or dash {m.group(0)!r}" for m in _RANGE.finditer(text)]
    found += [f"digits run together {m.group(0)!r}" for m in _RUN_OF_DIGITS.finditer(text)]
    found += [f"abbreviation {m.group(0)!r}" for m in _ABBREVIATION.finditer(text)]
    found += [
        f"capitals {m.group(0)!r}"
        for m in _CAPITALS.finditer(text)
        if m.group(0) not in ALLOWED_CAPITALS and m.group(0) not in CARRIER_WORDS
    ]
    found += [f"gap {m.group(0)!r}" for m in _GAP.finditer(text)]
    found += [f"pronunciation {hint!r}" for hint in PRONUNCIATIONS if hint in text]
    if not text.rstrip().endswith((".", "?", "!")):
        found.append("no closing punctuation")
    return found


@pytest.mark.parametrize("line", list(Line), ids=lambda line: line.value)
def test_every_rendering_of_the_line_is_fit_to_be_spoken(line: Line) -> None:
    """The line, with every value it can take at every office status, reads well aloud."""
    problems: dict[str, list[str]] = {}
    rendered = 0
    for config, at in MOMENTS:
        moment = office_moment(config.office, at)
        for params in _variants(line, config, moment):
            text = render(line, config, moment, **params)
            rendered += 1
            found = _problems(text)
            if found:
                problems.setdefault(text, found)
    assert rendered > 0
    assert problems == {}


def test_the_checker_catches_text_unfit_for_speech() -> None:
    """The checks find what the first generation said: ranges, parentheses, abbreviations."""
    old = "We're open Monday - Friday, 9 AM to 5 PM Eastern (closed 12-1 PM for lunch)."
    found = _problems(old)
    assert any(p.startswith("range") for p in found)
    assert any(p.startswith("unspeakable") for p in found)
    assert _problems("We're at 7208 West Sand Lake Road, Ste. 206, Orlando, FL 32819.")
    assert _problems("Thank you for calling Harry Leveen Insurance.")
    assert _problems("I'll take a message for .")
    assert _problems("The 24/7 claims line for AAA is 8 8 8.")
    assert _problems("Thank you for calling Harry Levine Insurance.") == []


def test_spoken_forms_of_the_agency_file() -> None:
    """Hours, lunch, the address and the services are said the way people say them."""
    office = AGENCY.office
    assert weekly_hours(office) == "Monday through Friday, nine to five Eastern"
    assert render(Line.HOURS_LOCATION, AGENCY, office_moment(office, OPEN)).startswith(
        "We're open Monday through Friday, nine to five Eastern, and we're closed from "
        "noon to one for lunch. We're at seventy-two oh eight West Sand Lake Road, "
        "Suite two oh six, Orlando, Florida"
    )
    assert office.address == "7208 West Sand Lake Road, Suite 206, Orlando, FL 32819"
    assert services_phrase(["Home", "RV", "Renter's"]) == "home, RV, and renter's insurance"


@pytest.mark.parametrize(
    ("hour", "minute", "said"),
    [(9, 0, "nine"), (17, 0, "five"), (12, 0, "noon"), (0, 0, "midnight"), (13, 0, "one"),
     (9, 30, "nine thirty"), (8, 5, "eight oh five"), (10, 45, "ten forty-five")],
)  # fmt: skip
def test_clock_words(hour: int, minute: int, said: str) -> None:
    """Opening times as people say them."""
    assert clock_words(datetime(2026, 1, 1, hour, minute).time()) == said


def test_irregular_weeks_are_grouped_into_runs() -> None:
    """Consecutive days with the same hours are one run; a different day is named apart."""
    hours = dict(AGENCY.office.hours)
    saturday = hours[next(iter(hours))].model_copy(
        update={"opens": datetime(2026, 1, 1, 9).time(), "closes": datetime(2026, 1, 1, 12).time()}
    )
    office = AGENCY.office.model_copy(update={"hours": {**hours, "saturday": saturday}})
    assert weekly_hours(office) == (
        "Monday through Friday, nine to five, and Saturday, nine to noon Eastern"
    )
