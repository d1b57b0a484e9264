"""The corpus harness itself: its schema checks, its labels, its fact matching, its figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.voiceagent.brain.corpus import (
    CorpusError,
    Entry,
    Outcome,
    Score,
    label_of,
    load_part,
    same_fact,
    situate,
)
from tests.voiceagent.brain.corpus.scoring import spurious_facts

pytestmark = pytest.mark.unit


def _write(tmp_path: Path, body: str) -> Path:
    (tmp_path / "dev.yaml").write_text("entries:\n" + body, encoding="utf-8")
    return tmp_path


def _entry(body: str, tmp_path: Path) -> Entry:
    (entry,) = load_part("dev", _write(tmp_path, body))
    return entry


def test_an_entry_is_read_with_its_situation_label_and_facts(tmp_path: Path) -> None:
    """Every field of the schema lands where the harness reads it."""
    entry = _entry(
        """
  - say: "Sam Rubin, 818-555-1234"
    at: closed
    before:
      - said: "I need a quote"
        as: {request: {intent: new_quote}}
    asks: insurance_type
    intent: provide_details
    facts: {first_name: Sam, phone: "8185551234", insurance_type: ~}
""",
        tmp_path,
    )
    assert (entry.id, entry.line, entry.at, entry.asks) == ("dev:1", 3, "closed", "insurance_type")
    assert entry.before[0].events == (("request", {"intent": "new_quote"}),)
    assert entry.facts == {"first_name": "Sam", "phone": "8185551234", "insurance_type": None}


@pytest.mark.parametrize(
    ("body", "complaint"),
    [
        ('  - say: "hi"\n    intent: greeting\n', "unknown label 'greeting'"),
        ('  - say: "hi"\n    intent: none\n    facts: {email: a@b.c}\n', "unknown fact 'email'"),
        ('  - say: "hi"\n    intent: none\n    facts: {insurance_type: auto}\n', "business or"),
        ('  - say: "hi"\n    intent: none\n    mood: calm\n', "unknown key(s) mood"),
        ('  - say: "hi"\n    intent: none\n    at: noon\n', "at is one of"),
        ('  - say: "hi"\n    intent: redirect\n    args: {name: x}\n', "no key argument 'name'"),
        ("  - intent: none\n", "say must be non-empty text"),
    ],
)
def test_a_mistake_in_the_data_names_the_file_and_line(
    tmp_path: Path, body: str, complaint: str
) -> None:
    """A corpus that does not follow the schema fails loudly, never measures something else."""
    with pytest.raises(CorpusError, match=r"dev\.yaml:2: ") as raised:
        load_part("dev", _write(tmp_path, body))
    assert complaint in str(raised.value)


def test_a_situation_that_asks_another_question_is_refused(tmp_path: Path) -> None:
    """`asks` is checked against the chart, so the label means what it says."""
    entry = _entry(
        '  - say: "personal"\n    asks: contact\n    intent: provide_details\n', tmp_path
    )
    with pytest.raises(CorpusError, match="asks 'contact' but the chart asks"):
        situate(entry)


def test_a_label_the_situation_cannot_take_is_refused(tmp_path: Path) -> None:
    """A carrier answer is only a label where the chart asks for a carrier."""
    entry = _entry('  - say: "State Farm"\n    intent: name_carrier\n', tmp_path)
    with pytest.raises(CorpusError, match=r"name_carrier is not possible in triage\.listening"):
        situate(entry)


def test_an_earlier_turn_the_chart_refuses_is_refused(tmp_path: Path) -> None:
    """Earlier turns must be accepted by the chart, or the situation is not what it says."""
    body = """
  - say: "yes"
    before:
      - said: "my number is 123"
        as: {provide_details: {phone: "123"}}
    intent: none
"""
    with pytest.raises(CorpusError, match="earlier turn 'my number is 123' refused"):
        situate(_entry(body, tmp_path))


def test_a_replayed_situation_leaves_the_question_for_the_caller(tmp_path: Path) -> None:
    """After the earlier turns the receptionist has asked the pending question."""
    body = """
  - say: "personal"
    before:
      - said: "I need a quote"
        as: {request: {intent: new_quote}}
    asks: insurance_type
    intent: provide_details
"""
    loop = situate(_entry(body, tmp_path))
    assert loop.call.where() == "triage.intake"
    assert "business policy" in loop.agent_texts()[-1]
    assert loop.fired == []


@pytest.mark.parametrize(
    ("events", "label"),
    [
        ((), "none"),
        ((("provide_details", {"first_name": "Sam"}),), "provide_details"),
        (
            (("provide_details", {"first_name": "Sam"}), ("request", {"intent": "new_quote"})),
            "new_quote",
        ),
        ((("report_claim", {}), ("name_carrier", {"carrier": "GEICO"})), "report_claim"),
    ],
)
def test_a_turn_is_labelled_by_its_first_event_other_than_details(
    events: tuple[tuple[str, dict[str, str]], ...], label: str
) -> None:
    """Details ride along with any event; a request is labelled by its intent."""
    assert label_of(events)[0] == label


@pytest.mark.parametrize(
    ("name", "actual", "expected"),
    [
        ("phone", "14075550198", "407 555 0198"),
        ("business_name", "Great Plumbing Co", "The Great Plumbing Co"),
        ("business_name", "Smith & Associates", "Smith and Associates"),
        ("business_name", "Law Offices of Maria Delgado, P.A", "Law Offices of Maria Delgado PA"),
        ("last_name_spelled", "ONEIL", "O N E I L"),
        ("last_name", "o'neil", "O'Neil"),
        ("carrier", "Tower Hill PL", "Tower Hill"),
        ("carrier", "Citizens Property Insurance", "Citizens"),
    ],
)
def test_facts_match_as_the_chart_stores_them(name: str, actual: str, expected: str) -> None:
    """Case, punctuation, a leading "The" or a country code do not make a fact wrong."""
    assert same_fact(name, actual, expected)


@pytest.mark.parametrize(
    ("name", "actual", "expected"),
    [
        ("first_name", "Ma'am", "Sam"),
        ("phone", "4075550145", "4075550154"),
        ("business_name", "Orlando Tire", "Orlando Tire and Lube"),
        ("carrier", "Universal", "Progressive"),
        ("first_name", None, "Sam"),
    ],
)
def test_a_different_or_missing_fact_does_not_match(
    name: str, actual: str | None, expected: str
) -> None:
    """A wrong or half-heard value is not recalled."""
    assert not same_fact(name, actual, expected)


def test_details_no_caller_stated_are_spurious(tmp_path: Path) -> None:
    """A detail not in `facts`, or different from it, is spurious; `~` accepts anything."""
    entry = _entry(
        '  - say: "x"\n    intent: none\n    facts: {first_name: Sam, insurance_type: ~}\n',
        tmp_path,
    )
    events = (
        ("provide_details", {"first_name": "Sam", "insurance_type": "business"}),
        ("provide_details", {"last_name_spelled": "JAMAL", "phone": "407 555 0100"}),
        ("report_claim", {"carrier": "GEICO"}),
    )
    assert spurious_facts(entry, events) == (
        "last_name_spelled=JAMAL",
        "phone=4075550100",
        "carrier=GEICO",
    )


def test_the_figures_count_labels_facts_and_confusions(tmp_path: Path) -> None:
    """Accuracy, recall, the per-label table and the confusion come from the outcomes."""
    quote, claim = load_part(
        "dev",
        _write(
            tmp_path,
            '  - say: "a"\n    intent: new_quote\n'
            '    facts: {first_name: Sam, phone: "4075550100"}\n'
            '  - say: "b"\n    intent: report_claim\n',
        ),
    )
    score = Score(
        [
            Outcome(quote, "new_quote", {}, (), {"first_name": True, "phone": False}, (), ""),
            Outcome(claim, "none", {}, (), {}, ("first_name=B",), ""),
        ]
    )
    assert (score.intent_accuracy, score.fact_recall, score.spurious_facts) == (0.5, 0.5, 1)
    assert score.by_label() == {"new_quote": (1, 1), "report_claim": (0, 1)}
    assert score.confusion()["report_claim"] == {"none": 1}
    assert score.fact_counts() == {"first_name": (1, 1), "phone": (0, 1)}
    assert [o.entry.id for o in score.failures()] == ["dev:1", "dev:2"]
