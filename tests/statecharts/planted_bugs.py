"""Known bugs, planted on purpose, so the property tests can show they catch them.

Each plant takes a `pytest.MonkeyPatch` and breaks the product the way a real
mistake would: an agency file with an alpha boundary moved, the office hours
shifted by an hour or a restricted person made transferable (every agency
variant the property tests use is swapped for the broken copy), the prefix rule
matched inside words, or the chart's failed-transfer transitions pointed at
`ended`. Undoing the monkeypatch undoes the bug.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import time

import pytest
from statemachine.graph import iterate_states

import statecharts._routing as routing_module
from statecharts import AgencyConfig, AlphaRange, Reception
from statecharts._agency import DailyHours, StaffMember
from tests.statecharts.scenario_calls import AGENCIES

__all__ = ["PLANTS", "Plant"]

Plant = Callable[[pytest.MonkeyPatch], None]


def _swap_agencies(
    monkeypatch: pytest.MonkeyPatch, change: Callable[[AgencyConfig], AgencyConfig]
) -> None:
    """Replace every agency variant the properties use with a broken copy."""
    for variant, config in list(AGENCIES.items()):
        monkeypatch.setitem(AGENCIES, variant, change(config))


def _move_boundary(first: str, second: str, last_of_first: str) -> Plant:
    """`first` now ends at `last_of_first`, and `second` starts right after it."""

    def moved(member: StaffMember) -> StaffMember:
        span = member.alpha_range
        if span is None or member.name not in (first, second):
            return member
        after = chr(ord(last_of_first) + 1)
        if member.name == first:
            return member.model_copy(
                update={"alpha_range": AlphaRange(first=span.first, last=last_of_first)}
            )
        return member.model_copy(update={"alpha_range": AlphaRange(first=after, last=span.last)})

    def change(config: AgencyConfig) -> AgencyConfig:
        return config.model_copy(update={"staff": tuple(moved(m) for m in config.staff)})

    return lambda monkeypatch: _swap_agencies(monkeypatch, change)


def _shift_hours(hours: int) -> Plant:
    """Every open day opens and closes `hours` later (earlier when negative)."""

    def shifted(moment: time) -> time:
        return moment.replace(hour=moment.hour + hours)

    def change(config: AgencyConfig) -> AgencyConfig:
        office = config.office
        days = {
            day: DailyHours(opens=shifted(span.opens), closes=shifted(span.closes))
            for day, span in office.hours.items()
        }
        return config.model_copy(update={"office": office.model_copy(update={"hours": days})})

    return lambda monkeypatch: _swap_agencies(monkeypatch, change)


def _unrestrict(name: str) -> Plant:
    """The agency file forgets that `name` must never be transferred to."""

    def change(config: AgencyConfig) -> AgencyConfig:
        staff = tuple(
            member.model_copy(update={"restricted": False}) if member.name == name else member
            for member in config.staff
        )
        return config.model_copy(update={"staff": staff})

    return lambda monkeypatch: _swap_agencies(monkeypatch, change)


def _prefix_inside_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first generation's `startswith`: "Theater Company" loses its "The"."""

    def prefix_length(words: Sequence[str], prefixes: Sequence[str]) -> int:
        text = " ".join(words).casefold()
        return next(
            (len(prefix.split()) for prefix in prefixes if text.startswith(prefix.casefold())), 0
        )

    monkeypatch.setattr(routing_module, "_prefix_length", prefix_length)


def _failed_transfer_ends_the_call(monkeypatch: pytest.MonkeyPatch) -> None:
    """The chart's `transfer_failed` transitions lead to `ended` instead of a message."""
    ended = Reception.ended
    for state in iterate_states(Reception.states):
        for transition in state.transitions:
            if transition.event.split()[:1] == ["transfer_failed"]:
                monkeypatch.setattr(transition, "_targets", [ended])


PLANTS: dict[str, Plant] = {
    "commercial A-L/M-Z moved to A-K/L-Z": _move_boundary("Adriana", "Rayvon", "K"),
    "commercial A-L/M-Z moved to A-M/N-Z": _move_boundary("Adriana", "Rayvon", "M"),
    "personal new business A-L/M-Z moved to A-K/L-Z": _move_boundary("Rachel Moreno", "Brad", "K"),
    "personal new business A-L/M-Z moved to A-M/N-Z": _move_boundary("Rachel Moreno", "Brad", "M"),
    "personal existing A-G/H-M moved to A-F/G-M": _move_boundary("Yarislyn", "Al", "F"),
    "personal existing A-G/H-M moved to A-H/I-M": _move_boundary("Yarislyn", "Al", "H"),
    "personal existing H-M/N-Z moved to H-L/M-Z": _move_boundary("Al", "Louis", "L"),
    "personal existing H-M/N-Z moved to H-N/O-Z": _move_boundary("Al", "Louis", "N"),
    "office hours an hour later": _shift_hours(1),
    "office hours an hour earlier": _shift_hours(-1),
    "Jason L. transferable": _unrestrict("Jason L."),
    "Fred transferable": _unrestrict("Fred"),
    "prefixes matched inside words": _prefix_inside_words,
    "a failed transfer ends the call": _failed_transfer_ends_the_call,
}
"""Every known bug, by a name that says what it breaks."""
