"""The offline brain against the labelled corpus: it must not understand callers less well.

Both parts of the corpus run once per test session through the real chart and the
offline brain (`tests/voiceagent/brain/corpus/`). The floors are what the brain
measured when the corpus was written, rounded down a little; raise them as the
brain improves. `uv run python -m bench.understanding` prints the figures per
intent and the confusion between intents; `--dev-failures` lists the dev part's
failures. The held-out part's failures are never listed: it is the honest yardstick.
"""

from __future__ import annotations

import functools
from collections import Counter
from typing import NamedTuple

import pytest

from tests.voiceagent.brain.corpus import LABELS, PARTS, Score, load, score

pytestmark = pytest.mark.flow


class Floor(NamedTuple):
    """The least a part may measure, and the most spurious facts it may produce."""

    intent_accuracy: float
    fact_recall: float
    spurious_facts: int


FLOORS = {
    "dev": Floor(intent_accuracy=0.98, fact_recall=0.98, spurious_facts=4),
    "heldout": Floor(intent_accuracy=0.94, fact_recall=0.90, spurious_facts=10),
}

ISSUE_EXAMPLES = (
    "my roof is leaking after the storm",
    "Does our business policy cover employee injuries?",
    "What's my coverage for rental cars?",
    "I have a question about my business policy",
    "I need to add a work truck to our commercial auto policy",
    "We're looking for commercial insurance for our business",
    "Sam Rubin, 818-555-1234",
    "R U B I N",
)
"""Issue 8's examples, word for word."""


@functools.cache
def _scores() -> dict[str, Score]:
    return {part: score(entries) for part, entries in load().items()}


def _dev_failures(limit: int = 15) -> str:
    lines = []
    for outcome in _scores()["dev"].failures()[:limit]:
        missed = [name for name, ok in outcome.recalled.items() if not ok]
        lines.append(
            f"  {outcome.entry.id} {outcome.entry.say!r}: {outcome.entry.intent} taken as "
            f"{outcome.label}; missed {missed}; spurious {list(outcome.spurious)}"
        )
    return "\n".join(lines)


def _explain(part: str) -> str:
    if part == "dev":
        return "first dev failures:\n" + _dev_failures()
    return "held-out failures are not listed; see `python -m bench.understanding`"


def test_the_corpus_is_large_enough_and_covers_every_label() -> None:
    """At least 700 utterances, 200 held out, and every label in both parts."""
    parts = load()
    assert sum(len(entries) for entries in parts.values()) >= 700
    assert len(parts["heldout"]) >= 200
    for part, entries in parts.items():
        labels = Counter(entry.intent for entry in entries)
        assert set(labels) == LABELS, f"{part} lacks {sorted(LABELS - set(labels))}"


def test_every_example_of_the_issue_is_in_the_dev_part_verbatim() -> None:
    """Issue 8's examples are measured exactly as the issue wrote them."""
    said = {entry.say for entry in load()["dev"]}
    assert [example for example in ISSUE_EXAMPLES if example not in said] == []


def test_no_held_out_utterance_is_also_in_the_dev_part() -> None:
    """The held-out part is not a copy of dev lines."""
    parts = load()

    def words(text: str) -> str:
        return " ".join("".join(c for c in text.lower() if c.isalnum() or c.isspace()).split())

    dev = {words(entry.say) for entry in parts["dev"]}
    assert [e.say for e in parts["heldout"] if words(e.say) in dev] == []


@pytest.mark.parametrize("part", PARTS)
def test_intent_accuracy_stays_above_its_floor(part: str) -> None:
    """The share of utterances taken as the right intent or event does not drop."""
    measured = _scores()[part].intent_accuracy
    assert measured >= FLOORS[part].intent_accuracy, f"{measured:.3f}; {_explain(part)}"


@pytest.mark.parametrize("part", PARTS)
def test_fact_recall_stays_above_its_floor(part: str) -> None:
    """The share of stated facts that reach the caller's record does not drop."""
    measured = _scores()[part].fact_recall
    assert measured >= FLOORS[part].fact_recall, f"{measured:.3f}; {_explain(part)}"


@pytest.mark.parametrize("part", PARTS)
def test_spurious_facts_stay_below_their_ceiling(part: str) -> None:
    """Recall is not bought by recording details no caller said."""
    measured = _scores()[part].spurious_facts
    assert measured <= FLOORS[part].spurious_facts, f"{measured}; {_explain(part)}"
