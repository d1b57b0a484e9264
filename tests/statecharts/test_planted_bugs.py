"""Every property test can fail: each known bug, planted, is caught by the properties alone.

For each bug in `planted_bugs.PLANTS` (an alpha boundary moved, the hours
shifted, a restricted person transferable, prefixes matched inside words, a
failed transfer ending the call) the property tests themselves run against the
broken product and must fail; no example table takes part. Hypothesis runs
derandomized and without shrinking, so each check is repeatable and stops at
the first counterexample.

The suite runs the pairs in `CATCHES`: every bug against a rule property and a
whole-call property, and every property against at least one bug. `uv run nox
-s planted_bugs` sets PLANTED_BUGS=all and runs every bug against every
property, the exhaustive walk included (minutes, so not in `./dev test`); there
a property that misses a bug fails the run too, so read its table of failures
as the matrix of what catches what.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import Phase, settings
from hypothesis.errors import FailedHealthCheck, InvalidArgument, Unsatisfiable
from hypothesis.internal.cache import LRUCache
from hypothesis.internal.conjecture import providers
from hypothesis.internal.conjecture.providers import Constants
from hypothesis.stateful import run_state_machine_as_test

import tests.statecharts.test_chart_properties as chart_properties
import tests.statecharts.test_chart_walk as chart_walk
import tests.statecharts.test_rules_properties as rules_properties
from tests.statecharts.planted_bugs import PLANTS

pytestmark = pytest.mark.property

EVERYTHING = os.environ.get("PLANTED_BUGS") == "all"
"""Set by `nox -s planted_bugs`: every bug against every property."""

PLANTED = {"phases": [Phase.explicit, Phase.generate], "database": None, "derandomize": True}
"""No shrinking (the first counterexample is enough), no example database, repeatable."""

SETUP_ERRORS = (FailedHealthCheck, InvalidArgument, Unsatisfiable)
"""Failures that mean the property could not run, not that it caught the bug."""


def _same_data_in_every_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Generate from strategies alone, not from constants mined out of loaded modules.

    Hypothesis seeds its generation with constants it finds in whatever project
    modules are imported, so a derandomized run draws different callers in a full
    suite run (the shell and the voice loaded) than in `tests/statecharts` alone, or
    than with this module run by itself. A planted bug must be caught the same way
    wherever it is checked.
    """
    monkeypatch.setattr(providers, "_get_local_constants", Constants)
    # Constants already drawn are cached by earlier tests of the same process, mined
    # from whatever modules were loaded then: start from an empty cache as well.
    monkeypatch.setattr(providers, "CONSTANTS_CACHE", LRUCache(1024))


def _given(test: Callable[..., Any]) -> Callable[[pytest.MonkeyPatch], None]:
    """Run a @given property with the planted-bug settings."""

    def run(monkeypatch: pytest.MonkeyPatch) -> None:
        original = test._hypothesis_internal_use_settings  # type: ignore[attr-defined]
        monkeypatch.setattr(
            test, "_hypothesis_internal_use_settings", settings(original, **PLANTED)
        )
        result = test()
        if asyncio.iscoroutine(result):  # pragma: no cover - only async properties return one
            asyncio.run(result)

    return run


def _reception_calls(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rule-based state machine: any events, judged as they happen."""
    run_state_machine_as_test(
        chart_properties.ReceptionCalls,
        settings=settings(chart_properties.RECEPTION_CALLS_SETTINGS, **PLANTED),
    )


def _walk_transfer_results(monkeypatch: pytest.MonkeyPatch) -> None:
    """The exhaustive walk's promise about telephony results, on fresh walks."""
    walks: dict[str, chart_walk.Walk] = {}
    for name in sorted(chart_walk.REACH_TELEPHONY):
        chart_walk.test_transfer_results_end_the_call_or_fall_back(walks, name)


PROPERTIES: dict[str, Callable[[pytest.MonkeyPatch], None]] = {
    "reception calls": _reception_calls,
    "cooperative call": _given(chart_properties.test_cooperative_call_ends_as_the_rules_say),
    "every intake need": _given(chart_properties.test_every_intake_need_ends_as_the_rules_say),
    "by name": _given(chart_properties.test_asking_for_anyone_by_name_ends_as_the_rules_say),
    "routing letter": _given(rules_properties.test_routing_letter_is_the_reference_letter),
    "prefix as a word": _given(rules_properties.test_a_word_that_starts_like_a_prefix_is_not_one),
    "letter owners": _given(rules_properties.test_every_letter_has_the_reference_owner),
    "new-quote chain": _given(rules_properties.test_personal_new_quote_follows_the_fallback_chain),
    "intake routing": _given(
        rules_properties.test_a_complete_intake_routes_where_the_reference_says
    ),
    "office status": _given(rules_properties.test_the_office_status_is_the_reference_status),
    "transferable": _given(
        rules_properties.test_only_one_known_transferable_person_is_transferable
    ),
    "walk": _walk_transfer_results,
}
"""The property tests a planted bug is run against, by a short name."""

CATCHES: dict[str, tuple[str, ...]] = {
    "commercial A-L/M-Z moved to A-K/L-Z": ("letter owners", "every intake need"),
    "commercial A-L/M-Z moved to A-M/N-Z": ("intake routing", "every intake need"),
    "personal new business A-L/M-Z moved to A-K/L-Z": ("new-quote chain", "letter owners"),
    "personal new business A-L/M-Z moved to A-M/N-Z": ("new-quote chain", "every intake need"),
    "personal existing A-G/H-M moved to A-F/G-M": ("letter owners", "cooperative call"),
    "personal existing A-G/H-M moved to A-H/I-M": ("letter owners", "cooperative call"),
    "personal existing H-M/N-Z moved to H-L/M-Z": ("letter owners", "every intake need"),
    "personal existing H-M/N-Z moved to H-N/O-Z": ("intake routing", "cooperative call"),
    "office hours an hour later": ("office status", "reception calls"),
    "office hours an hour earlier": ("office status", "every intake need"),
    "Jason L. transferable": ("transferable", "by name"),
    "Fred transferable": ("transferable", "by name", "cooperative call"),
    "prefixes matched inside words": ("routing letter", "prefix as a word", "every intake need"),
    "a failed transfer ends the call": ("reception calls", "cooperative call"),
}
"""Which properties each bug is run against in the suite: each bug by a rule property and
by a whole-call property, and every property against some bug. The walk's run takes
minutes, so only `nox -s planted_bugs` plants bugs under it."""

CALL_PROPERTIES = frozenset({"reception calls", "cooperative call", "every intake need", "by name"})
"""Properties that drive whole calls through the chart, not one rule function."""


def _pairs() -> list[tuple[str, str]]:
    if EVERYTHING:
        return [(bug, prop) for bug in PLANTS for prop in PROPERTIES]
    return [(bug, prop) for bug in PLANTS for prop in CATCHES[bug]]


def test_every_bug_and_every_property_is_in_the_plan() -> None:
    """Each bug meets a property, and each property but the walk meets a bug."""
    assert set(CATCHES) == set(PLANTS)
    whole_calls = [bug for bug, catches in CATCHES.items() if set(catches) & CALL_PROPERTIES]
    assert len(whole_calls) == len(PLANTS) - 1  # the new-business boundary: rule properties
    planned = {prop for catches in CATCHES.values() for prop in catches}
    assert planned == set(PROPERTIES) - {"walk"}


@pytest.mark.slow
@pytest.mark.parametrize(("bug", "prop"), _pairs(), ids=str)
def test_the_property_catches_the_planted_bug(
    bug: str, prop: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the bug planted, the property test fails on its own."""
    _same_data_in_every_process(monkeypatch)
    PLANTS[bug](monkeypatch)
    with pytest.raises(Exception) as caught:  # noqa: PT011 - any failure of the property counts
        PROPERTIES[prop](monkeypatch)
    assert not isinstance(caught.value, SETUP_ERRORS), f"{prop} could not run: {caught.value}"


@pytest.mark.parametrize("prop", ["cooperative call", "office status", "letter owners"])
def test_the_properties_pass_without_a_bug(prop: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same runs, with nothing planted, pass: the failures above are the bugs'."""
    _same_data_in_every_process(monkeypatch)
    PROPERTIES[prop](monkeypatch)


def test_planted_settings_keep_each_property_s_own_budget() -> None:
    """Planting changes only shrinking, the database and randomness, not the example count."""
    test = rules_properties.test_the_office_status_is_the_reference_status
    original = test._hypothesis_internal_use_settings  # type: ignore[attr-defined]
    planted = settings(original, **PLANTED)
    assert planted.max_examples == original.max_examples
    assert Phase.shrink not in planted.phases
    assert planted.suppress_health_check == original.suppress_health_check
