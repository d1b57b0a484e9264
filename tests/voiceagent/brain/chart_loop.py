"""A pure stand-in for the speech adapters: the real chart, driven by the offline brain.

It renders what an adapter would show the brain (instructions ending with the
call-state block, the legal events as tools), fires the brain's tool calls as
chart events, turns refusals into error outputs and scripted lines into agent
turns, and reports a turn that gave the chart nothing (`caller_unclear`), exactly
as the LiveKit shell does, but with no LiveKit at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from statecharts import (
    Reception,
    Refusal,
    Say,
    default_agency,
)
from statecharts._events import SHELL_EVENTS
from statecharts._script import SELF_CONTAINED
from voiceagent.brain import (
    AgentSaid,
    CallerSaid,
    CallTool,
    Handoff,
    Speak,
    ToolCalled,
    ToolReturned,
    ToolSpec,
    Turn,
    decide,
    event_spec,
)

__all__ = ["CLOSED", "OPEN", "ChartLoop"]

OPEN = datetime(2026, 11, 23, 10, 0)
"""A Monday at 10 AM: the office is open."""
CLOSED = datetime(2026, 11, 23, 19, 0)
"""The same Monday at 7 PM: closed."""
_KNOWN_FIELDS = ("first_name", "last_name", "last_name_spelled", "phone_number", "business_name")


@dataclass
class ChartLoop:
    """One call: the chart, the conversation, and everything the brain decided."""

    at: datetime = OPEN
    call: Reception = field(init=False)
    history: list[Turn] = field(default_factory=list)
    fired: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    spoken: list[str] = field(default_factory=list)
    max_steps: int = 10
    asked_already: bool = False
    """A scripted line since the caller spoke asked its own question: no `Ask:` line,
    as the orchestrator does."""

    def __post_init__(self) -> None:
        self.call = Reception(default_agency(), self.at)
        self.call.fire("greeted")
        self._effects()

    def instructions(self) -> str:
        """What the active adapter's instructions end with."""
        lines = ["You are the receptionist.", f"Call state: {self.call.where()}"]
        question = None if self.call.is_terminated else self.call.pending_question()
        if question is not None:
            lines.append(f"Still needed: {question.value}")
            if not self.asked_already:
                lines.append(f'Ask: "{self.call.ask_text()}"')
        record = self.call.record
        known = [f"{k}={getattr(record, k)}" for k in _KNOWN_FIELDS if getattr(record, k)]
        if record.insurance_type is not None:
            known.append(f"insurance_type={record.insurance_type.value}")
        if known:
            lines.append("Known: " + "; ".join(known))
        return "\n".join(lines)

    def tools(self) -> dict[str, ToolSpec]:
        """The events legal now, as the adapter would offer them."""
        if self.call.is_terminated:
            return {}
        names = sorted(self.call.allowed_event_names() - SHELL_EVENTS)
        return {name: event_spec(name) for name in names}

    def events(self) -> list[str]:
        """Names of the events the chart accepted, in order."""
        return [name for name, _ in self.fired]

    def agent_texts(self) -> list[str]:
        """Everything the receptionist said, scripted lines and the brain's words."""
        return [turn.text for turn in self.history if isinstance(turn, AgentSaid)]

    def _effects(self) -> list[str]:
        said = []
        for effect in self.call.take_effects():
            if isinstance(effect, Say) and effect.line in SELF_CONTAINED:
                self.asked_already = True
            if isinstance(effect, Say):
                self.history.append(AgentSaid(effect.text))
                self.call.heard_agent(effect.text)
                said.append(effect.text)
        return said

    def say(self, utterance: str) -> str:
        """The caller speaks; run the brain until it speaks; return what was said back.

        A turn in which no event was accepted is reported to the chart, as the shell
        does, and what the chart says then is the reply.
        """
        self.history.append(CallerSaid(utterance))
        self.asked_already = False
        accepted = len(self.fired)
        for _ in range(self.max_steps):
            decision = decide(self.instructions(), self.history, self.tools())
            if isinstance(decision, Speak):
                if decision.text:
                    self.history.append(AgentSaid(decision.text))
                    self.call.heard_agent(decision.text)
                self.spoken.append(decision.text)
                if len(self.fired) == accepted and not self.call.is_terminated:
                    return " ".join([decision.text, *self._unclear()]).strip()
                return decision.text
            assert isinstance(decision, CallTool)
            self._fire(decision)
        raise AssertionError("the brain did not stop calling tools")

    def _unclear(self) -> list[str]:
        if "caller_unclear" not in self.call.allowed_event_names():
            return []
        self.call.fire("caller_unclear")
        self.fired.append(("caller_unclear", {}))
        return self._effects()

    def _fire(self, decision: CallTool) -> None:
        arguments = dict(decision.arguments)
        self.history.append(ToolCalled(decision.name, arguments))
        where = self.call.where()
        try:
            self.call.fire(decision.name, **arguments)
        except Refusal as refusal:
            self.history.append(ToolReturned(decision.name, str(refusal), is_error=True))
            return
        self.fired.append((decision.name, arguments))
        self.history.append(ToolReturned(decision.name, ""))
        self._effects()
        if self.call.where().split(".")[0] != where.split(".")[0]:
            self.history.append(Handoff())
