"""Where two versions of one call part: the recording and its replay, step by step.

Both sides are read as a `Walk`: the chart events in order (each with the states
it left the chart in, and the caller turn it came after) and what the
receptionist said after each caller turn. The first event that differs, or the
first caller turn after which different words were said, is where they part.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from statecharts._retrace import Trace, where_of
from voiceagent.replay.recorded import RecordedCall, RecordedEvent, is_caller_side

__all__ = ["Parting", "Walk", "parting", "walk_of_call", "walk_of_trace"]


@dataclass(frozen=True, slots=True)
class WalkEvent:
    """One chart event of a walk."""

    name: str
    configuration: tuple[str, ...]
    turn: int
    """How many caller turns (words, silences, hang-ups) came before it."""


@dataclass(slots=True)
class Walk:
    """A call as a sequence of events and, per caller turn, the receptionist's words."""

    events: list[WalkEvent] = field(default_factory=list)
    lines: dict[int, list[str]] = field(default_factory=dict)
    """What the receptionist said after each caller turn (0: before the caller spoke)."""


def walk_of_call(call: RecordedCall) -> Walk:
    """A recorded call's walk, from its timeline."""
    walk, turn = Walk(), 0
    for item in call.timeline:
        if is_caller_side(item):
            turn += 1
        if isinstance(item, RecordedEvent):
            walk.events.append(WalkEvent(item.name, item.configuration or (), turn))
        elif not is_caller_side(item):
            walk.lines.setdefault(turn, []).append(item.text)
    return walk


def walk_of_trace(trace: Trace, turns: Sequence[int]) -> Walk:
    """A retraced call's walk; `turns[i]` is the caller turn the i-th event came after.

    Only the chart's own lines are known here (not what the brain said).
    """
    walk = Walk(lines={0: list(trace.opening)} if trace.opening else {})
    for step, turn in zip(trace.steps, turns, strict=False):
        walk.events.append(WalkEvent(step.event, step.configuration, turn))
        if step.said:
            walk.lines.setdefault(turn, []).extend(step.said)
    return walk


@dataclass(frozen=True, slots=True)
class Parting:
    """The first point where a replay does something other than the recording did."""

    turn: int
    """The caller turn it comes after (0: before the caller said anything)."""
    index: int
    """The index of the first event concerned (in both walks' event lists)."""
    event: str | None
    was: str
    now: str

    words: bool = False
    """The same states, but the receptionist is given other words to say."""

    @property
    def text(self) -> str:
        """In words: "after caller turn 2 (provide_details): was transfer, now after_hours"."""
        when = "before the caller spoke" if self.turn == 0 else f"after caller turn {self.turn}"
        at = f" ({self.event})" if self.event else ""
        if self.words:
            return f"{when}{at}: the same states, other words said to the caller"
        return f"{when}{at}: was {self.was}, now {self.now}"


def _where(event: WalkEvent | None) -> str:
    if event is None:
        return "nothing more (the call had ended)"
    return where_of(event.configuration)


def _is_subsequence(part: Sequence[str], whole: Sequence[str]) -> bool:
    remaining = iter(whole)
    return all(line in remaining for line in part)


def parting(recorded: Walk, replayed: Walk, *, replay_lines_complete: bool) -> Parting | None:
    """Where `replayed` first differs from `recorded`, or None if it never does.

    With `replay_lines_complete` false the replay's lines are only the chart's
    own, so they need only appear, in order, among what the recording says after
    the same caller turn.
    """
    first_event = None
    for index in range(max(len(recorded.events), len(replayed.events))):
        was = recorded.events[index] if index < len(recorded.events) else None
        now = replayed.events[index] if index < len(replayed.events) else None
        if (
            was is None
            or now is None
            or (was.name, was.configuration)
            != (
                now.name,
                now.configuration,
            )
        ):
            first_event = index
            break
    first_words = None
    for turn in sorted(set(recorded.lines) | set(replayed.lines)):
        was_said, now_said = recorded.lines.get(turn, []), replayed.lines.get(turn, [])
        same = (
            was_said == now_said if replay_lines_complete else _is_subsequence(now_said, was_said)
        )
        if not same:
            first_words = turn
            break
    if first_event is None and first_words is None:
        return None
    event_turn = _turn_of(recorded, replayed, first_event)
    if first_event is not None and (first_words is None or event_turn <= first_words):
        was = recorded.events[first_event] if first_event < len(recorded.events) else None
        now = replayed.events[first_event] if first_event < len(replayed.events) else None
        either = was if was is not None else now
        name = either.name if either is not None else None
        was_text, now_text = _where(was), _where(now)
        if was is not None and now is not None and was.name != now.name:
            was_text, now_text = f"{was.name} to {was_text}", f"{now.name} to {now_text}"
        return Parting(event_turn, first_event, name, was_text, now_text)
    assert first_words is not None  # for mypy: one of the two differs
    index = next((i for i, e in enumerate(recorded.events) if e.turn >= first_words), 0)
    event = recorded.events[index].name if index < len(recorded.events) else None
    return Parting(first_words, index, event, "the same states", "other words", words=True)


def _turn_of(recorded: Walk, replayed: Walk, index: int | None) -> int:
    if index is None:
        return 1 << 30
    for walk in (recorded, replayed):
        if index < len(walk.events):
            return walk.events[index].turn
    return 0
