"""The offline brain's rules: given what a real LLM sees, call one tool or speak.

`decide` reads the instructions' call-state block, the conversation and the tools
offered, and returns one `Decision`. It is called again after every tool result,
so one caller utterance can become several calls (a claim, then the carrier, then
the line of business), one per step, and never the same call twice. The rules,
strongest first:

1. `greeted`, when the greeting adapter hears the caller's first words;
2. a security or scope `redirect` (a question about the caller's own policy is routed
   instead); an injection or probe stops here;
3. `caller_done` when the caller is finished, or says "no" or "thanks" to "anything
   else?"; `spanish_speaker`;
4. `report_claim` (distress before anything else);
5. the answer to the question just asked (certificate kind, bank or policyholder,
   client kind, reason, which person, carrier, a number read back), and such
   answers said outright;
6. hours (when that is the question) and services (unless a quote comes with it);
   then the routing intent (a person asked for by name, or a bare given name
   answering "how can I help?"; the intent's tool; the catch-all for a caller who
   speaks of their own policy; a live person), unless another adapter took over
   since the caller spoke, or the words are a message for a named person;
7. `provide_details` with every new fact the tool accepts (`_details`);
8. callback and message requests, with the person and the words where the tool
   takes them; "yes" to an offered appointment;

and when nothing is left, speak: nothing at all if no call was accepted since the
caller spoke (the shell reports the turn to the chart as `caller_unclear`, and the
chart asks again in other words, or gets the caller to a person), else the `Ask:`
question unless it was already said (then nothing). "Could you repeat that?" (or a
yes to an offer to repeat) is `repeat`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from statecharts import (
    INTAKE_INTENTS,
    CallerKind,
    Intent,
    Question,
    RedirectTopic,
)
from voiceagent.brain import _replies as say
from voiceagent.brain._answers import Choice
from voiceagent.brain._block import CallState, read_block
from voiceagent.brain._details import facts_to_send
from voiceagent.brain._people import name_words
from voiceagent.brain._situations import CLAIM_SITUATION
from voiceagent.brain._tools import ToolSpec
from voiceagent.brain._turns import CallerSaid, Recent, ToolReturned, Turn, call_key
from voiceagent.brain._understanding import Understanding, understand

__all__ = ["CallTool", "Decision", "Speak", "decide"]


@dataclass(frozen=True, slots=True)
class Speak:
    """Say `text`; an empty text is an empty reply (nothing is said)."""

    text: str


@dataclass(frozen=True, slots=True)
class CallTool:
    """Call the tool `name` with `arguments`."""

    name: str
    arguments: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


Decision = Speak | CallTool

_ROUTING_TOOLS = {
    Intent.BANK_CALLER: "bank_caller",
    Intent.CERTIFICATES: "certificate",
    Intent.MORTGAGEE_LIENHOLDERS: "mortgagee_request",
    Intent.APPOINTMENT: "appointment",
}
_FREE_TEXT = frozenset({Question.MESSAGE, Question.REASON})
_USES_INTENT = frozenset({"give_reason", "caller_kind"})
_ORDINALS = {"first": 0, "second": 1, "third": 2, "last": -1, "other": -1}
_CHOICES_FOR = {
    Question.CERTIFICATE_KIND: {Choice.NEW: "new", Choice.EXISTING: "existing"},
    Question.CALLER_ROLE: {Choice.BANK: "bank", Choice.POLICYHOLDER: "policyholder"},
    Question.CALLER_KIND: {
        Choice.VENDOR: "vendor",
        Choice.NEW: "new_client",
        Choice.EXISTING: "existing_client",
        Choice.CLIENT: "existing_client",
        Choice.POLICYHOLDER: "existing_client",
    },
}
_CHOICE_TOOL = {
    Question.CERTIFICATE_KIND: ("certificate_kind", "kind"),
    Question.CALLER_ROLE: ("caller_role", "role"),
    Question.CALLER_KIND: ("caller_kind", "kind"),
}
_OUTRIGHT: dict[Question, Callable[[Understanding], StrEnum | None]] = {
    Question.CERTIFICATE_KIND: lambda heard: heard.certificate_kind,
    Question.CALLER_ROLE: lambda heard: heard.role,
    Question.CALLER_KIND: lambda heard: heard.caller_kind,
}
"""The answer said outright ("a new certificate") beats the one-word reading of it."""
_WE_HAVE = re.compile(r"we have (.+?)\. which", re.IGNORECASE)
_REPEAT_OFFER = re.compile(r"\brepeat that\b", re.IGNORECASE)
_REPEAT_ASK = re.compile(
    r"\b(?:repeat\s+(?:that|it|the\s+\w+)|say\s+(?:that|it)\s+again|one\s+more\s+time)\b",
    re.IGNORECASE,
)
""""Could you repeat that?": the last answer again (`repeat`)."""
_ANYTHING_ELSE = re.compile(r"\banything\s+else\b", re.IGNORECASE)
_THANKS = re.compile(
    r"^(?:(?:ok(?:ay)?|great|perfect|awesome|alright|all\s+right|cool|got\s+it|sounds\s+good"
    r"|that\s+works|that's\s+(?:great|perfect|fine|good|helpful)|i\s+got\s+it|i\s+understand"
    r"|understood|will\s+do|sounds\s+great)[\s,.!]*)*"
    r"(?:thanks|thank\s+you(?:\s+(?:so|very)\s+much)?)?[\s,.!]*$",
    re.IGNORECASE,
)
"""Thanks or an acknowledgement and nothing more: after "anything else?", a goodbye."""
_WRONG = re.compile(
    r"\b(?:not\s+(?:right|correct|it|my\s+number)|wrong|incorrect)\b", re.IGNORECASE
)
"""A number read back is wrong, said without a leading "no"."""


@dataclass(frozen=True, slots=True)
class _Step:
    block: CallState
    recent: Recent
    heard: Understanding
    tools: Mapping[str, ToolSpec]
    earlier_partial: str | None = None
    """Digits of a number begun in the caller's previous words ("my number is 407 312"):
    on a spoken call a pause between digit groups can end the caller's turn."""

    @property
    def fresh(self) -> bool:
        """No call was accepted since the caller spoke: the pending question is still theirs."""
        return not self.recent.succeeded

    def allowed(self, call: CallTool) -> bool:
        spec = self.tools.get(call.name)
        return (
            spec is not None
            and spec.accepts(call.arguments)
            and call_key(call.name, call.arguments) not in self.recent.made
        )


def decide(
    instructions: str,
    history: Sequence[Turn],
    tools: Mapping[str, ToolSpec],
    *,
    tool_choice_none: bool = False,
) -> Decision:
    """Choose the next step: one tool call, or words to speak (possibly none).

    Args:
        instructions: The active adapter's instructions, ending with the call-state block.
        history: The conversation so far, oldest first.
        tools: The tools offered now, by name.
        tool_choice_none: The framework wants words, not a tool call.

    Returns:
        `CallTool` for the first rule that applies and was not already applied to the
        caller's last utterance; otherwise `Speak`.
    """
    block = read_block(instructions)
    recent = Recent.of(history)
    if tool_choice_none and _handed_off_by_last_tool(history):
        return Speak("")  # the new adapter speaks; the old one says nothing more
    if tool_choice_none or recent.caller is None:
        return Speak(say.reply(block, recent, None, tools, force=tool_choice_none))
    step = _Step(block, recent, understand(recent.caller), tools, _earlier_partial(history))
    for call in _candidates(step):
        if step.allowed(call):
            return call
    if not recent.succeeded:
        # Nothing the caller said could be used: the shell tells the chart (caller_unclear),
        # and the chart answers in other words, or gets the caller to a person.
        return Speak("")
    return Speak(say.reply(block, recent, step.heard, tools, force=False))


def _earlier_partial(history: Sequence[Turn]) -> str | None:
    """The partial number in the caller's words before their last ones, if any."""
    said = [turn.text for turn in history if isinstance(turn, CallerSaid)]
    return understand(said[-2]).partial_phone if len(said) > 1 else None


def _handed_off_by_last_tool(history: Sequence[Turn]) -> bool:
    """The last tool returned nothing: the chart handed the call to another adapter."""
    last = history[-1] if history else None
    return isinstance(last, ToolReturned) and not last.is_error and not last.output


def _candidates(step: _Step) -> Iterator[CallTool]:
    heard = step.heard
    if "greeted" in step.tools and not step.recent.accepted("greeted"):
        yield CallTool("greeted")
    if heard.redirect is not None and not _routed_instead(heard):
        yield CallTool("redirect", {"topic": heard.redirect.value})
    if heard.untrusted or heard.is_empty:
        return
    if _REPEAT_ASK.search(heard.text) or (
        heard.yes and _REPEAT_OFFER.search(step.recent.said_before)
    ):
        yield CallTool("repeat")
        return
    offered_more = _ANYTHING_ELSE.search(step.recent.said_before) or step.block.needed is None
    if heard.done or (offered_more and _closing(heard)):
        yield CallTool("caller_done")  # "no" or "thanks" to "anything else?" is a goodbye
        return
    if heard.spanish:
        yield from _once(step, "spanish_speaker")
        return
    routing = not step.recent.handed_off  # else the previous adapter used the intent
    free_text = step.fresh and step.block.needed in _FREE_TEXT  # the words are the message
    if routing and heard.routing_intent is Intent.CLAIMS and not free_text:
        carrier = {"carrier": heard.carrier} if heard.carrier else {}
        # What happened, told as a story, is the claim's message; "file a claim" is not.
        told = {"summary": heard.text[:200]} if CLAIM_SITUATION.search(heard.text.lower()) else {}
        yield from _once(step, "report_claim", {**carrier, **told})
    yield from _answers(step)
    if routing and heard.services and heard.routing_intent is not Intent.NEW_QUOTE:
        yield CallTool("ask_services")  # "do you write boats? I'm buying one": a quote
    if routing and heard.intent is Intent.HOURS_LOCATION:
        yield CallTool("ask_hours")
    if routing:
        yield from _routing(step)
    if routing and Intent.HOURS_LOCATION in heard.intents:
        yield CallTool("ask_hours")  # asked on the side: after the need it came with
    details = facts_to_send(
        heard,
        step.block,
        step.recent,
        step.tools,
        fresh=step.fresh,
        earlier_partial=step.earlier_partial,
    )
    if details:
        yield CallTool("provide_details", details)
    if heard.callback:
        yield CallTool("request_callback")
    if heard.leave_message or (heard.callback and "request_callback" not in step.tools):
        yield _leave_message(step)
    if heard.yes and "appointment" in step.recent.said_before.lower():
        yield CallTool("appointment")


def _closing(heard: Understanding) -> bool:
    """A bare "no", "thanks" or "okay" and nothing else: said to "anything else?", a goodbye."""
    return heard.plain and (heard.no or bool(_THANKS.match(heard.text)))


def _routed_instead(heard: Understanding) -> bool:
    """A question about the caller's own policy is routed, not declined.

    "What's my deductible?" is a coverage question: its intake gets the caller to their
    account executive, who can answer it.
    """
    return heard.redirect is RedirectTopic.POLICY_DETAILS and heard.routing_intent in INTAKE_INTENTS


def _leave_message(step: _Step) -> CallTool:
    """A message, for the person named and with the words said, where the tool takes them."""
    heard = step.heard
    spec = step.tools.get("leave_message")
    offered = spec.parameters if spec else frozenset()
    arguments = {"person": heard.message_for, "message": heard.message_text}
    return CallTool("leave_message", {k: v for k, v in arguments.items() if v and k in offered})


def _once(step: _Step, name: str, arguments: Mapping[str, str] | None = None) -> Iterator[CallTool]:
    """A call that happens once per conversation (a claim is reported once).

    Optional answers said with it are passed only when the offered tool takes them.
    """
    spec = step.tools.get(name)
    taken = {k: v for k, v in (arguments or {}).items() if spec and k in spec.parameters}
    if not step.recent.accepted(name):
        yield CallTool(name, taken)


def _answers(step: _Step) -> Iterator[CallTool]:
    heard, needed = step.heard, step.block.needed
    if step.fresh and needed is not None:
        yield from _answer_to(step, needed)
    if heard.certificate_kind is not None:
        yield CallTool("certificate_kind", {"kind": heard.certificate_kind.value})
    if heard.role is not None:
        yield CallTool("caller_role", {"role": heard.role.value})
    kind = heard.caller_kind or (_kind_from_intent(heard) if heard.person else None)
    if kind is not None:
        yield CallTool("caller_kind", {"kind": kind.value})
    if heard.person and heard.routing_intent is not None:
        yield _give_reason(heard)
    if heard.carrier is not None:
        yield CallTool("name_carrier", {"carrier": heard.carrier})
    if heard.carrier_unknown:
        yield CallTool("carrier_unknown")


def _answer_to(step: _Step, needed: Question) -> Iterator[CallTool]:
    """The utterance read as the answer to the question that was pending."""
    heard = step.heard
    if needed in _CHOICE_TOOL:
        tool, argument = _CHOICE_TOOL[needed]
        said = _OUTRIGHT[needed](heard)
        values = {said.value} if said is not None else set()
        # "transfer me to Jason anyway" names the person again: its "me" answers nothing
        insisting = needed is Question.CALLER_KIND and heard.person is not None
        if not values and not insisting:
            values = {_CHOICES_FOR[needed][c] for c in heard.choices if c in _CHOICES_FOR[needed]}
        if needed is Question.CALLER_KIND and len(values) != 1:
            kind = _kind_from_intent(heard)
            values = {kind.value} if kind else values
        if len(values) == 1:
            yield CallTool(tool, {argument: values.pop()})
    elif needed is Question.REASON and heard.redirect is None:
        yield _give_reason(heard)
    elif needed is Question.WHICH_PERSON:
        name = heard.person or _which_person(step)
        if name:
            yield CallTool("ask_for_person", {"name": name})
    elif needed is Question.PHONE_CONFIRMATION and not heard.phone:
        # A new number said instead is a correction: `provide_details` reads it back.
        if (heard.no or _WRONG.search(heard.text)) and not heard.yes:
            yield CallTool("confirm_phone", {"answer": "no"})
        elif heard.yes and not heard.no:
            yield CallTool("confirm_phone", {"answer": "yes"})
    elif needed is Question.CARRIER:
        if heard.carrier is None and (heard.carrier_unknown or heard.dont_know or heard.no):
            yield CallTool("carrier_unknown")
        elif heard.answer_carrier and heard.plain and not (heard.yes and heard.carrier is None):
            yield CallTool("name_carrier", {"carrier": heard.carrier or heard.answer_carrier})


def _kind_from_intent(heard: Understanding) -> CallerKind | None:
    intent = heard.routing_intent
    if intent is Intent.NEW_QUOTE:
        return CallerKind.NEW_CLIENT
    if intent is not None and (intent in INTAKE_INTENTS or intent is Intent.CERTIFICATES):
        return CallerKind.EXISTING_CLIENT
    return None


def _give_reason(heard: Understanding) -> CallTool:
    kind = heard.reason_kind
    return CallTool("give_reason", {"reason": heard.text[:200], "kind": kind.value})


def _which_person(step: _Step) -> str | None:
    """The person meant after "We have X and Y. Which one?": "Moreno", "the second one"."""
    heard = step.heard
    offered = _WE_HAVE.search(step.recent.said_before)
    if offered:
        names = [n.strip() for n in re.split(r",\s*|\s+and\s+", offered.group(1)) if n.strip()]
        for word, index in _ORDINALS.items():
            if re.search(rf"\b{word}\b", heard.text.lower()) and names:
                return names[index]
    said = " ".join(heard.answer_name) if heard.plain else ""
    if not said:
        said = " ".join(name_words(heard.text, capitalised=True))  # "Rachel T., the manager"
    if not said:
        return None
    asked = step.recent.accepted("ask_for_person")
    previous = str(asked[-1].get("name", "")) if asked else ""
    if previous and " " not in previous and not said.lower().startswith(previous.lower()):
        return f"{previous} {said}"
    return said


def _routing(step: _Step) -> Iterator[CallTool]:
    heard = step.heard
    asked_for_help = step.fresh and step.block.needed is Question.HOW_CAN_I_HELP
    person = heard.person or (heard.answer_person if asked_for_help and heard.plain else None)
    if person:
        yield CallTool("ask_for_person", {"name": person})
        return
    intent = heard.routing_intent
    if heard.message_for:
        return  # "have Louis call me about my renewal": the renewal is the message
    if step.recent.accepted_now & _USES_INTENT:
        return  # the intent was the answer to "what is it about?" or "are you a client?"
    if step.fresh and step.block.needed in _FREE_TEXT:
        return  # the words are the message or the reason, whatever they mention
    wants_other = heard.live_person or heard.leave_message or heard.callback
    if intent is None and heard.own_insurance and asked_for_help and not wants_other:
        intent = Intent.SOMETHING_ELSE  # "it's about my policy": the catch-all, with the words
    if intent is None or intent is Intent.CLAIMS:
        if heard.live_person:
            yield CallTool("live_person")
        return
    tool = _ROUTING_TOOLS.get(intent)
    if tool is not None:
        yield from _once(step, tool, _intent_answers(tool, heard))
    elif intent in INTAKE_INTENTS:
        asked = step.recent.accepted("request")
        if asked and asked[-1].get("intent") == intent.value:
            return
        # The caller's own words: the message text if a message is taken (never re-asked).
        yield CallTool("request", {"intent": intent.value, "summary": heard.text[:200]})


def _intent_answers(tool: str, heard: Understanding) -> dict[str, str]:
    """Answers said with the intent, passed with it so the chart never asks for them."""
    if tool == "certificate" and heard.certificate_kind is not None:
        return {"kind": heard.certificate_kind.value}
    if tool == "mortgagee_request" and heard.role is not None:
        return {"role": heard.role.value}
    return {}
