"""The chart's speed-ups change nothing: the indexed engine, the caches, the released callbacks.

Every generated call is played twice, through the chart as it runs (`IndexedEngine`,
the allowed-events cache, callbacks released at the end) and through a twin on
python-statemachine's own `SyncEngine`, and the two must agree after every event:
what was entered or why it was refused, the configuration, the caller's record, the
effects, and the events offered.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from statemachine import StateChart
from statemachine.engines.sync import SyncEngine
from statemachine.event_data import TriggerData

from statecharts import EVENTS, PUBLIC_EVENTS, Reception, Refusal, default_agency
from statecharts._engine import IndexedEngine, candidate_transitions
from statecharts._holidays import OFFICE_CLOSED, holiday_on
from tests.reference.strategies import instants
from tests.statecharts.chart_driver import snapshot
from tests.statecharts.scenario_calls import AGENCIES
from tests.statecharts.test_chart_properties import arguments_for

pytestmark = pytest.mark.property

OPEN = datetime(2026, 11, 24, 10, 0)


@contextmanager
def _library_engine() -> Iterator[None]:
    """Charts built inside run on python-statemachine's own engine."""
    with patch.object(Reception, "_get_engine", StateChart._get_engine):
        yield


def _uncached_allowed(chart: Reception) -> frozenset[str]:
    """`allowed_event_names` worked out from the library, as it was before the cache."""
    names = frozenset(e.id for e in chart.allowed_events) & PUBLIC_EVENTS
    return names if chart.phone_to_confirm is not None else names - {"confirm_phone"}


def _outcome(chart: Reception, event: str, arguments: dict[str, Any]) -> object:
    try:
        return chart.fire(event, **arguments)
    except Refusal as refusal:
        return f"refused: {refusal}"


def _library_order(engine: SyncEngine, state: Any, event: str | None) -> list[Any]:
    """The transitions the library's own scan tries on `event` from `state`, in its order.

    Every guard is made to fail and recorded, so the scan tries each candidate.
    """
    tried: list[Any] = []

    def refuse(transition: Any, _trigger: Any) -> bool:
        tried.append(transition)
        return False

    trigger = TriggerData(engine.sm, event=None)
    with patch.object(engine, "_conditions_match", refuse):
        if event is None:
            SyncEngine.select_eventless_transitions(engine, trigger)
        else:
            trigger.event = getattr(engine.sm, event)
            SyncEngine.select_transitions(engine, trigger)
    return tried


def test_each_states_candidates_are_the_librarys_in_its_order() -> None:
    """For every state and event, the index holds what the library's scan tries, in order."""
    chart = Reception(default_agency(), OPEN)
    engine = chart._engine
    names: list[str | None] = [None, *sorted({e.id for e in chart.events}), "error.execution"]
    checked = 0
    for state in Reception.states_map.values():
        if not state.is_atomic:
            continue
        with patch.object(Reception, "configuration", [state]):
            for name in names:
                assert list(candidate_transitions(Reception, state, name)) == _library_order(
                    engine, state, name
                ), f"{state.id} on {name}"
                checked += bool(candidate_transitions(Reception, state, name))
    assert checked > 100


def test_the_chart_runs_on_the_indexed_engine_and_the_twin_does_not() -> None:
    """The comparison below compares two different engines, not one with itself."""
    assert type(Reception(default_agency(), OPEN)._engine) is IndexedEngine
    with _library_engine():
        assert type(Reception(default_agency(), OPEN)._engine) is SyncEngine


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    at=instants,
    agency=st.sampled_from(sorted(AGENCIES, key=repr)),
    data=st.data(),
)
def test_the_indexed_engine_behaves_as_the_librarys(
    at: datetime, agency: Any, data: st.DataObject
) -> None:
    """Any sequence of events, legal or not, gives the same call on both engines."""
    config = AGENCIES[agency]
    chart = Reception(config, at)
    with _library_engine():
        twin = Reception(config, at)
    assert snapshot(chart) == snapshot(twin)
    for _ in range(data.draw(st.integers(min_value=5, max_value=30), label="steps")):
        if chart.is_terminated:
            break
        offered = sorted(chart.allowed_event_names())
        event = data.draw(
            st.sampled_from(offered) if offered else st.sampled_from(sorted(EVENTS)),
            label="event",
        )
        if data.draw(st.integers(0, 9), label="any event") == 0:
            event = data.draw(st.sampled_from(sorted(EVENTS)), label="event")
        arguments = data.draw(arguments_for(event), label="arguments")
        assert _outcome(chart, event, arguments) == _outcome(twin, event, arguments)
        assert snapshot(chart) == snapshot(twin)
        assert chart.allowed_event_names() == twin.allowed_event_names()
        assert chart.allowed_event_names() == _uncached_allowed(chart)
        assert chart.take_effects() == twin.take_effects()


def test_an_ended_call_releases_its_callbacks_and_still_refuses() -> None:
    """Once ended, the callbacks are freed without the collector, and events are refused."""
    chart = Reception(default_agency(), OPEN)
    chart.fire("greeted")
    callbacks = weakref.ref(chart._callbacks)
    enabled = gc.isenabled()
    gc.disable()
    try:
        chart.fire("hangup")
        assert callbacks() is None
    finally:
        if enabled:
            gc.enable()
    assert chart.is_terminated
    assert chart.allowed_event_names() == frozenset()
    with pytest.raises(Refusal, match="the call has ended"):
        chart.fire("ask_hours")
    assert chart.fail(RuntimeError("late")) == []


def test_a_call_ended_by_an_error_releases_its_callbacks() -> None:
    """`fail` ends the call safely, and then lets go of the callbacks too."""
    chart = Reception(default_agency(), OPEN)
    callbacks = weakref.ref(chart._callbacks)
    enabled = gc.isenabled()
    gc.disable()
    try:
        assert chart.fail(RuntimeError("line dropped"))
        assert callbacks() is None
    finally:
        if enabled:
            gc.enable()
    assert chart.is_terminated


def test_a_live_call_keeps_its_callbacks() -> None:
    """Nothing is released while the call goes on: the next event still runs its actions."""
    chart = Reception(default_agency(), OPEN)
    callbacks = chart._callbacks
    chart.fire("greeted")
    chart.fire("ask_hours")
    assert chart._callbacks is callbacks
    assert chart.take_effects()


def test_each_office_keeps_its_own_holidays() -> None:
    """The holiday cache answers per office: a closure at one is not a closure at another."""
    office = default_agency().office
    closing = date(2026, 3, 3)
    closed_one_day = office.model_copy(update={"extra_closed_dates": (closing,)})
    for _ in range(2):
        assert holiday_on(office, closing) is None
        assert holiday_on(closed_one_day, closing) == OFFICE_CLOSED
