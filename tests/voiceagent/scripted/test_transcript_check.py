"""The transcript check finds what a caller would notice at once, and only that."""

from __future__ import annotations

import pytest

from voiceagent.scripted.transcript_check import FindingKind, check_report, check_transcript

pytestmark = pytest.mark.unit

A, C = "agent", "caller"
GREETING = (A, "Thank you for calling. How can I help you today?")


def kinds(*lines: tuple[str, str], events: tuple[dict[str, object], ...] = ()) -> list[str]:
    return [f.kind.value for f in check_transcript(list(lines), events)]


def test_a_clean_call_has_no_findings() -> None:
    """Greeting, a question, an answer, a goodbye: nothing to find."""
    assert (
        kinds(
            GREETING,
            (C, "I need a quote"),
            (A, "Got it."),
            (A, "Can I get your name and number?"),
            (C, "Ann Lee, 407 555 0000"),
            (A, "Thanks, Ann. I'm connecting you with Brad now."),
        )
        == []
    )


def test_didnt_catch_needs_a_caller_turn_since_the_agent_spoke() -> None:
    """'Didn't catch' right after the agent's own line is a finding; after the caller's, not."""
    login = (A, "Do you know your login, or do you need it resent?")
    unprompted = (A, "Sorry, I didn't catch that. How can I help you with your insurance today?")
    assert kinds(GREETING, (C, "a new one"), login, unprompted) == [
        "didnt_catch_unprompted",
        "two_questions",
    ]
    assert kinds(GREETING, (C, "mmhm blorp"), (A, "Sorry, I didn't catch that.")) == []
    assert kinds((A, "Sorry, I didn't quite get that.")) == ["didnt_catch_unprompted"]


def test_two_questions_before_the_caller_answers() -> None:
    """A second question, in the same line or the next, before the caller spoke."""
    assert kinds(GREETING, (A, "Who is your carrier?")) == ["two_questions"]
    assert kinds((A, "Would you like me to repeat that? Is there anything else?")) == [
        "two_questions"
    ]
    assert kinds(GREETING, (C, "a claim"), (A, "Who is your carrier?")) == []


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("We're open Monday - Friday, 9 AM to 5 PM Eastern.", "a dash used as a range"),
        ("We're closed 12-1 PM for lunch.", "a dash used as a range"),
        ("We're open weekdays (closed for lunch).", "parentheses"),
        ("Call the 24/7 claims line.", "a slash"),
        ("Ask for Smith & Jones.", "an ampersand"),
    ],
)
def test_text_written_for_the_eye_is_found(text: str, what: str) -> None:
    """Parentheses, slashes, ampersands and dashes used as ranges are unfit for speech."""
    findings = check_transcript([(A, text)])
    assert [f.kind for f in findings] == [FindingKind.UNSPEAKABLE]
    assert what in findings[0].detail


def test_hyphenated_words_and_spoken_numbers_are_fine() -> None:
    """Walk-ins, Spanish-speaking and '8 0 0, 4 7 0' are written for the ear already."""
    text = "Walk-ins are welcome. A Spanish-speaking agent can help. Call 8 0 0, 4 7 0, 0 5 9 9."
    assert kinds((A, text)) == []


def test_a_sentence_said_again_in_the_same_turn_or_the_next() -> None:
    """The same sentence of four words or more, twice with at most one caller turn between."""
    question = "Do you know who your insurance carrier is?"
    assert kinds((A, f"Our office is closed. {question}"), (A, question)) == [
        "repeated_sentence",
        "two_questions",
    ]
    assert kinds(
        (A, "Could you spell your last name?"), (C, "Lee"), (A, "Could you spell your last name?")
    ) == ["repeated_sentence"]
    assert kinds((A, "Got it."), (C, "ok"), (A, "Got it.")) == []  # too short to matter
    assert (
        kinds(
            (A, "Could you spell your last name?"),
            (C, "Lee"),
            (A, "Thanks."),
            (C, "L E E"),
            (A, "Could you spell your last name?"),
        )
        == []
    )  # not consecutive turns


def test_an_apology_for_a_connection_needs_a_dialled_transfer_that_failed() -> None:
    """'I wasn't able to connect you' only after a transfer was dialled and failed."""
    sorry = (A, "I'm sorry, I wasn't able to connect you with our team.")
    assert kinds(GREETING, (C, "a claim"), sorry) == ["false_apology"]
    failed = {"name": "transfer_failed", "args": {"reason": "busy"}}
    assert kinds(GREETING, (C, "Brad please"), sorry, events=(failed,)) == []
    never_dialled = {"name": "transfer_failed", "args": {"reason": "no destination configured"}}
    assert kinds(GREETING, (C, "Brad please"), sorry, events=(never_dialled,)) == ["false_apology"]


def test_a_report_is_checked_from_its_transcript_and_events() -> None:
    """`check_report` reads a `simulate --json` object, naming the offending line."""
    report = {
        "transcript": [
            {"speaker": "agent", "text": "How can I help?"},
            {"speaker": "agent", "text": "Sorry, I didn't catch that."},
        ],
        "events": [],
    }
    (finding,) = check_report(report)
    assert (finding.kind, finding.line) == (FindingKind.DIDNT_CATCH_UNPROMPTED, 1)
    assert str(finding).startswith("didnt_catch_unprompted at line 1:")
