"""The offline brain's rules: given what a real LLM sees, call one tool or speak.

`decide` reads the instructions' call-state block, the conversation and the tools
offered, and returns one `Decision`. It is called again after every tool result,
so one caller utterance can become several calls (a claim, then the carrier, then
the line of business), one per step, and never the same call twice. The rules,
strongest first:

1. `greeted`, when the greeting adapter hears the caller's first words;
2. a security or scope `redirect`; an injection or probe stops here;
3. `caller_done` when the caller is finished; `spanish_speaker`;
4. `report_claim` (distress before anything else);
5. the answer to the question just asked (certificate kind, bank or policyholder,
   client kind, reason, which person, carrier, a number read back), and such
   answers said outright;
6. hours and services questions; then the routing intent (a person asked for by
   name, or the intent's tool, or a live person), unless another adapter took over
   since the caller spoke: the call that caused the takeover used the intent;
7. `provide_details` with every new fact the tool accepts;
8. callback and message requests; "yes" to an offered appointment;

and when nothing is left, speak: nothing at all if no call was accepted since the
caller spoke (the shell reports the turn to the chart as `caller_unclear`, and the
chart asks again in other words), a clarification about a refused value, else the
`Ask:` question unless it was already said (then nothing). "Could you repeat that?"
(or a yes to an offer to repeat) is `repeat`; "have Louis call me" is a message for Louis.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from statecharts import INTAKE_INTENTS, CallerKind, Intent, Question, normalize_phone
from voiceagent.brain import _replies as say
from voiceagent.brain._answers import Choice
from voiceagent.brain._block import CallState, read_block
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
    },
}
_CHOICE_TOOL = {
    Question.CERTIFICATE_KIND: ("certificate_kind", "kind"),
    Question.CALLER_ROLE: ("caller_role", "role"),
    Question.CALLER_KIND: ("caller_kind", "kind"),
}
_WE_HAVE = re.compile(r"we have (.+?)\. which", re.IGNORECASE)
_REPEAT_OFFER = re.compile(r"\brepeat that\b", re.IGNORECASE)
_REPEAT_ASK = re.compile(
    r"\b(?:repeat\s+(?:that|it|the\s+\w+)|say\s+(?:that|it)\s+again|one\s+more\s+time)\b",
    re.IGNORECASE,
)
_MESSAGE_FOR = re.compile(
    r"\b(?:message|voicemail|note)\s+for\s+(?P<a>[a-z][a-z'-]+)"
    r"|\bhave\s+(?P<b>[a-z][a-z'-]+)\s+(?:call|give\s+me\s+a\s+call|ring|get\s+back)"
    r"|\b(?:ask|tell)\s+(?P<c>[a-z][a-z'-]+)\s+to\s+(?:call|ring|get\s+back)",
    re.IGNORECASE,
)
"""A message or callback for someone named: "a message for Brad", "have Louis call me"."""
_NOT_A_PERSON = frozenset(
    {"someone", "somebody", "anyone", "anybody", "them", "him", "her", "you", "me", "my"}
    | {"the", "a", "an", "our", "your", "their", "it", "this", "that"}
)
_MIN_MESSAGE_WORDS = 3
"""Words after "a message for Brad" that make a message of their own."""
_DETAIL_KNOWN = {"phone": ("phone", "phone_number")}
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
    if heard.redirect is not None:
        yield CallTool("redirect", {"topic": heard.redirect.value})
    if heard.untrusted or heard.is_empty:
        return
    if _REPEAT_ASK.search(heard.text) or (
        heard.yes and _REPEAT_OFFER.search(step.recent.said_before)
    ):
        yield CallTool("repeat")
        return
    if heard.done:
        yield CallTool("caller_done")
        return
    if heard.spanish:
        yield from _once(step, "spanish_speaker")
        return
    routing = not step.recent.handed_off  # else the previous adapter used the intent
    free_text = step.fresh and step.block.needed in _FREE_TEXT  # the words are the message
    person, said = _message_for(heard.text)
    if routing and person and not free_text:
        yield CallTool("leave_message", {"person": person} | ({"message": said} if said else {}))
    if routing and heard.routing_intent is Intent.CLAIMS and not free_text:
        carrier = {"carrier": heard.carrier} if heard.carrier else {}
        yield from _once(step, "report_claim", carrier)
    yield from _answers(step)
    if routing and heard.services:
        yield CallTool("ask_services")
    if routing and Intent.HOURS_LOCATION in heard.intents:
        yield CallTool("ask_hours")
    if routing:
        yield from _routing(step)
    details = _details(step)
    if details:
        yield CallTool("provide_details", details)
    if heard.callback:
        yield CallTool("request_callback")
    if heard.leave_message:
        yield CallTool("leave_message")
    if heard.yes and "appointment" in step.recent.said_before.lower():
        yield CallTool("appointment")


def _message_for(text: str) -> tuple[str | None, str | None]:
    """The person a message or callback is for, and the message when it was said too.

    "Have Louis call me back about my renewal" is the message itself; "a message for
    Brad" is only the request, unless more follows ("…for Brad, the check is mailed").
    """
    for match in _MESSAGE_FOR.finditer(text):
        name = next(group for group in match.groups() if group)
        if name.casefold() in _NOT_A_PERSON:
            continue
        if match.group("a") is None:
            return name.capitalize(), text[:500]
        rest = text[match.end() :].strip(" ,.;:-")
        return name.capitalize(), rest[:500] if len(rest.split()) >= _MIN_MESSAGE_WORDS else None
    return None, None


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
        values = {_CHOICES_FOR[needed][c] for c in heard.choices if c in _CHOICES_FOR[needed]}
        if needed is Question.CALLER_KIND and not values:
            kind = _kind_from_intent(heard)
            values = {kind.value} if kind else set()
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
    if not heard.answer_name or not heard.plain:
        return None
    said = " ".join(heard.answer_name)
    asked = step.recent.accepted("ask_for_person")
    previous = str(asked[-1].get("name", "")) if asked else ""
    if previous and " " not in previous and not said.lower().startswith(previous.lower()):
        return f"{previous} {said}"
    return said


def _routing(step: _Step) -> Iterator[CallTool]:
    heard = step.heard
    if heard.person:
        yield CallTool("ask_for_person", {"name": heard.person})
        return
    intent = heard.routing_intent
    if step.recent.accepted_now & _USES_INTENT:
        return  # the intent was the answer to "what is it about?" or "are you a client?"
    if step.fresh and step.block.needed in _FREE_TEXT:
        return  # the words are the message or the reason, whatever they mention
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
        arguments = {"intent": intent.value, "summary": heard.text[:200]}
        yield CallTool("request", arguments)


def _intent_answers(tool: str, heard: Understanding) -> dict[str, str]:
    """Answers said with the intent, passed with it so the chart never asks for them."""
    if tool == "certificate" and heard.certificate_kind is not None:
        return {"kind": heard.certificate_kind.value}
    if tool == "mortgagee_request" and heard.role is not None:
        return {"role": heard.role.value}
    return {}


def _details(step: _Step) -> dict[str, str]:
    """Every new fact for `provide_details` that the offered tool accepts."""
    heard, needed = step.heard, step.block.needed
    found: dict[str, str] = {}
    for key in ("first_name", "last_name", "last_name_spelled", "phone", "business_name"):
        value = getattr(heard, key)
        if value:
            found[key] = value
    if heard.insurance_type is not None:
        found["insurance_type"] = heard.insurance_type.value
    rest = heard.partial_phone
    if "phone" not in found and rest and step.earlier_partial:
        joined = step.earlier_partial + rest
        if normalize_phone(joined) is not None:
            found["phone"] = joined  # the number finished after a pause
    if step.fresh and needed is not None:
        _contextual_details(heard, needed, found)
    if heard.callback and step.block.state == "after_hours.taking_message":
        found.setdefault("message", heard.text[:500])  # "…please call me back about X"
    spec = step.tools.get("provide_details")
    if spec is None:
        return {}
    refused = {say.error_field(e) for e in step.recent.errors}
    known = step.block.known
    sent = step.recent.sent
    return {
        k: v
        for k, v in found.items()
        if k in spec.parameters
        and k not in refused
        and sent.get(k) != v
        and not _is_known(k, v, known)
    }


def _contextual_details(heard: Understanding, needed: Question, found: dict[str, str]) -> None:
    words = heard.answer_name
    names_ok = bool(words) and heard.plain and not (heard.carrier or heard.business_name)
    if needed in (Question.CONTACT, Question.FIRST_NAME) and names_ok and "first_name" not in found:
        found["first_name"] = words[0]
        if len(words) > 1:
            found.setdefault("last_name", words[-1])
    elif needed is Question.LAST_NAME and names_ok and "last_name" not in found:
        if len(words) > 1:
            found.setdefault("first_name", words[0])
        found["last_name"] = words[-1]
    elif needed is Question.LAST_NAME_SPELLING and "last_name_spelled" not in found:
        if heard.answer_spelling:
            found["last_name_spelled"] = heard.answer_spelling
        elif names_ok and len(words) == 1:
            found["last_name_spelled"] = words[0].upper()
    elif needed is Question.BUSINESS_NAME and "business_name" not in found:
        vague = heard.yes or heard.no or heard.dont_know or not heard.plain
        if heard.answer_business and not vague and not heard.phone:
            found["business_name"] = heard.answer_business
    elif needed is Question.MESSAGE and heard.redirect is None:
        found["message"] = heard.text[:500]


def _is_known(key: str, value: str, known: Mapping[str, str]) -> bool:
    for name in _DETAIL_KNOWN.get(key, (key,)):
        have = known.get(name)
        if have is None:
            continue
        if key == "phone":
            return "".join(c for c in have if c.isdigit()) == value
        return have.casefold() == value.casefold()
    return False
