"""The coverage ledger written for `voiceagent diagram --ledger`: asserted transitions by key."""

from __future__ import annotations

import pytest

from statecharts import Reception
from statecharts._diagram_chart import Story
from tests.statecharts.transition_coverage import Ledger, ledger_file

pytestmark = pytest.mark.unit


def test_the_ledger_file_names_asserted_transitions_by_their_diagram_keys() -> None:
    """(source, event, target) in the ledger becomes each matching diagram transition's key."""
    ledger = Ledger(transitions={("greeting", "greeted", "triage"), ("intake", "", "routing")})
    written = ledger_file(ledger, whole_run=True)
    assert written["asserted"] == [
        "greeting-greeted->triage",
        "intake-auto->routing[intake_complete]",
    ]
    assert written["declared"] == len(Story.of(Reception).transitions)
    assert written["whole_run"] is True
