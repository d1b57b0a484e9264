"""Emails and phone numbers written for text-to-speech (agency.md U24, §4)."""

from __future__ import annotations

import pytest

from statecharts import default_agency, pronounce, pronunciations
from statecharts._speech import digits_for_speech, email_for_speech

pytestmark = pytest.mark.unit

INFO_SPELLED = "I, N, F, O, at, H, L, I, N, S, U, R, E, dot, com"


@pytest.mark.parametrize(
    ("email", "spoken"),
    [
        (
            "info@hlinsure.com",
            "info at hlinsure dot com. Let me spell that out for you: " + INFO_SPELLED,
        ),
        (
            "Info@HLInsure.com",
            "info at hlinsure dot com. Let me spell that out for you: " + INFO_SPELLED,
        ),
        (
            "Certificate@hlinsure.com",
            "certificate at hlinsure dot com. Let me spell that out for you: "
            "C, E, R, T, I, F, I, C, A, T, E, at, H, L, I, N, S, U, R, E, dot, com",
        ),
        (
            "john.smith@example.com",
            "john dot smith at example dot com. Let me spell that out for you: "
            "J, O, H, N, dot, S, M, I, T, H, at, E, X, A, M, P, L, E, dot, com",
        ),
        (
            "a_b-2@mail.example.co.uk",
            "a underscore b dash 2 at mail dot example dot co dot uk. Let me spell that out "
            "for you: A, underscore, B, dash, 2, at, M, A, I, L, dot, E, X, A, M, P, L, E, "
            "dot, C, O, dot, U, K",
        ),
        ("", ""),
        ("no at sign here", "no at sign here"),
        ("hlinsure.com", "hlinsure.com"),
    ],
)
def test_email_for_speech(email: str, spoken: str) -> None:
    """An email is said naturally, then spelled letter by letter with "at" and "dot"."""
    assert email_for_speech(email) == spoken


@pytest.mark.parametrize(
    ("email", "fragment"),
    [
        ("info@hlinsure.com", "H, L, I, N, S, U, R, E"),
        ("info@hlinsure.com", "I, N, F, O"),
        ("Certificate@hlinsure.com", "C, E, R, T, I, F, I, C, A, T, E"),
    ],
)
def test_email_spelling_fragments(email: str, fragment: str) -> None:
    """The agency's addresses are spelled with a comma between letters for pacing."""
    assert fragment in email_for_speech(email)


def test_email_said_before_spelled() -> None:
    """The natural form comes first, then the spelling introduction."""
    spoken = email_for_speech("info@hlinsure.com")
    assert spoken.index("info at hlinsure dot com") < spoken.index("Let me spell that out")


@pytest.mark.parametrize(
    ("phone", "spoken"),
    [
        ("800-342-3407 x6050", "8 0 0, 3 4 2, 3 4 0 7, extension 6 0 5 0"),
        ("866-277-9871 x2050", "8 6 6, 2 7 7, 9 8 7 1, extension 2 0 5 0"),
        ("800-342-3407", "8 0 0, 3 4 2, 3 4 0 7"),
        ("8003423407", "8 0 0, 3 4 2, 3 4 0 7"),
        ("18003423407", "1, 8 0 0, 3 4 2, 3 4 0 7"),
        ("+1 (555) 123-4567", "1, 5 5 5, 1 2 3, 4 5 6 7"),
        ("(407) 555-0123 ext. 12", "4 0 7, 5 5 5, 0 1 2 3, extension 1 2"),
        ("407-555-0123 extension 9", "4 0 7, 5 5 5, 0 1 2 3, extension 9"),
        ("407-555-0123 X9", "4 0 7, 5 5 5, 0 1 2 3, extension 9"),
        ("7002", "7 0 0 2"),
        ("", ""),
        ("none", ""),
    ],
)
def test_digits_for_speech(phone: str, spoken: str) -> None:
    """A phone number is read digit by digit in its groups, with the extension named."""
    assert digits_for_speech(phone) == spoken


# --- names said as pronounced ---------------------------------------------------------


def test_pronunciations_come_from_the_agency_file() -> None:
    """The office name's respelled word and each staff pronunciation are the hints."""
    hints = pronunciations(default_agency())
    assert hints["Levine"] == "Leveen"
    assert hints["Louis"] == "Lewis"
    assert hints["Sheree"] == "Shuh-ree"
    assert "Brad" not in hints  # no pronunciation: said as written


@pytest.mark.parametrize(
    ("written", "said"),
    [
        (
            "Thank you for calling Harry Levine Insurance.",
            "Thank you for calling Harry Leveen Insurance.",
        ),
        ("I'm connecting you with Louis now.", "I'm connecting you with Lewis now."),
        ("Sheree's line is busy.", "Shuh-ree's line is busy."),
        ("Louisiana and louis stay.", "Louisiana and louis stay."),
        ("Brad and Al", "Brad and Al"),
        ("Harry Leveen Insurance", "Harry Leveen Insurance"),
        ("", ""),
    ],
)
def test_pronounce_respells_whole_names_only(written: str, said: str) -> None:
    """Only whole, capitalised names are respelled; text already respelled is unchanged."""
    assert pronounce(written, default_agency()) == said


def test_pronounce_without_hints_returns_the_text() -> None:
    """An agency with no pronunciation hints leaves every line as written."""
    config = default_agency()
    plain = config.model_copy(
        update={
            "office": config.office.model_copy(update={"spoken_name": config.office.name}),
            "staff": tuple(m.model_copy(update={"pronunciation": None}) for m in config.staff),
        }
    )
    assert pronounce("Harry Levine and Louis", plain) == "Harry Levine and Louis"
