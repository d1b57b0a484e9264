"""What the brain says in its own words: clarifications and a few fallbacks.

Almost everything the caller hears comes from the chart (scripted lines, and the
`Ask:` question of the instructions block). The brain adds only short repair
lines: after a refusal, after speech it could not use, and when no question is
pending. None of them names a tool, an instruction or a persona other than the
receptionist, and `safe` enforces that on every text the brain speaks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from statecharts import Question
from voiceagent.brain._block import CallState
from voiceagent.brain._turns import Recent
from voiceagent.brain._understanding import Understanding

__all__ = [
    "ANYTHING_ELSE",
    "ASK_CARRIER",
    "DIDNT_CATCH",
    "FULL_PHONE",
    "HOW_CAN_I_HELP",
    "REDIRECT",
    "already_asked",
    "clarify_error",
    "didnt_catch",
    "reply",
    "safe",
]

HOW_CAN_I_HELP = "How can I help you with your insurance today?"
ANYTHING_ELSE = "Is there anything else I can help you with?"
DIDNT_CATCH = "Sorry, I didn't catch that."
REDIRECT = "I'm here to help with insurance. What can I help you with?"
ASK_CARRIER = "Great. Who is your insurance carrier?"
FULL_PHONE = (
    "I want to make sure I have it right. Could I get the full phone number, "
    "including the area code?"
)

_BY_FIELD = {
    "phone": (
        "I'm sorry, I didn't get a complete phone number. Could you give me the full "
        "number, including the area code?"
    ),
    "first_name": "Sorry, I didn't quite catch your name. Could I get your first name?",
    "last_name": "Sorry, I didn't quite catch that. Could I get your last name?",
    "last_name_spelled": (
        "Sorry, I didn't catch the spelling. Could you spell your last name for me, "
        "letter by letter?"
    ),
    "business_name": "Sorry, I didn't catch that. What is the name of the business?",
    "message": "Sorry, I didn't catch that. What would you like me to pass along?",
    "carrier": "Sorry, I didn't catch that. Who is your insurance carrier?",
    "name": "Sorry, I didn't catch that. Who would you like to speak with?",
    "reason": "Sorry, I didn't catch that. What is this in reference to?",
}
"""Clarifying questions for a refused value, by the argument the refusal names first."""

_ACK = re.compile(
    r"^(?:thanks|thank\s+you|great|perfect|okay|ok|alright|all\s+right|got\s+it|cool"
    r"|awesome|sounds\s+good|good)\b",
    re.IGNORECASE,
)
_FIELD = re.compile(r"^\s*([a-z_]+)\b")
_BANNED = re.compile(r"\b(?:arr+|ahoy|matey|me\s+hearties)\b", re.IGNORECASE)
_IDENTIFIER = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")
_NORMAL = re.compile(r"[^a-z0-9]+")


def error_field(error: str) -> str | None:
    """The argument a refusal is about ("phone '555' is not a phone number" is phone)."""
    match = _FIELD.match(error)
    if match is None:
        return None
    return match.group(1) if match.group(1) in _BY_FIELD else None


def didnt_catch(ask: str | None) -> str:
    """The answer to speech the brain could not use: say so, and ask again."""
    return f"{DIDNT_CATCH} {ask or HOW_CAN_I_HELP}"


def clarify_error(error: str, ask: str | None) -> str:
    """A clarifying question for a refusal, never the refusal's own words.

    The chart's reasons name events and arguments; they are for the model, not the
    caller. A refused value gets a question about that value; anything else gets
    the pending question again.
    """
    field = error_field(error)
    if field is not None:
        return _BY_FIELD[field]
    return f"Sorry, I didn't quite get that. {ask or HOW_CAN_I_HELP}"


def _normal(text: str) -> str:
    return " ".join(_NORMAL.split(text.lower())).strip()


def already_asked(ask: str, lines: Iterable[str]) -> bool:
    """Whether the receptionist already said `ask` (inside any of `lines`)."""
    wanted = _normal(ask)
    return bool(wanted) and any(wanted in _normal(line) for line in lines)


def safe(text: str, tool_names: Iterable[str]) -> str:
    """`text`, unless it would say a pirate word or a tool's name: then a plain redirect."""
    if _BANNED.search(text):
        return REDIRECT
    names = set(tool_names)
    if any(match.group(0) in names for match in _IDENTIFIER.finditer(text)):
        return REDIRECT
    return text


def reply(
    block: CallState,
    recent: Recent,
    heard: Understanding | None,
    tools: Mapping[str, object],
    *,
    force: bool,
) -> str:
    """What to say when no tool is left to call (an empty text: say nothing).

    After a refusal, a clarifying question about it; after unusable speech, "sorry,
    I didn't catch that" and the question again; otherwise the pending `Ask:`
    question, unless it was already said since the caller spoke. `force` (the
    framework wants words) turns an empty answer into the question or "anything else".
    """
    text = _words(block, recent, heard)
    if force and not text:
        text = block.ask or ANYTHING_ELSE
    return safe(text, tools)


def _words(block: CallState, recent: Recent, heard: Understanding | None) -> str:
    ask, needed = block.ask, block.needed
    if recent.errors and (recent.last_is_error or error_field(recent.errors[-1])):
        return clarify_error(recent.errors[-1], ask)
    if heard is None or recent.handed_off:
        # The words were used by the adapter that handed over (or there are none): no
        # "didn't catch that", even of an empty turn; only the question, if not yet put.
        return _ask_once(ask, recent, needed)
    if heard.is_empty:
        return didnt_catch(ask)
    if heard.untrusted:
        if recent.made:
            return _ask_once(ask, recent, needed)
        return f"I'm here to help with insurance. {ask}" if ask else REDIRECT
    if heard.partial_phone and not heard.phone and needed in (Question.PHONE, Question.CONTACT):
        return FULL_PHONE
    if recent.made:
        # the words were used by this adapter: no "didn't catch that", only the pending
        # question if it was not already put
        return _ask_once(ask, recent, needed)
    if needed is Question.CARRIER and heard.yes:
        return ASK_CARRIER
    if _ACK.match(heard.text):
        return ask or ANYTHING_ELSE
    if heard.heard_nothing:
        return didnt_catch(ask)
    return ask or ANYTHING_ELSE


def _ask_once(ask: str | None, recent: Recent, needed: Question | None) -> str:
    """The pending question, unless it was already said since the caller spoke.

    "How can I help?" is also left out after a line that already asked something
    ("…would you like to schedule an appointment?"): one question at a time.
    """
    if ask is None or already_asked(ask, recent.agent_lines):
        return ""
    if needed is Question.CARRIER and recent.succeeded and already_asked(ask, recent.before):
        return ANYTHING_ELSE  # answered, and still unknown: the card was pointed to
    lines = recent.agent_lines
    if needed is Question.HOW_CAN_I_HELP and lines and lines[-1].rstrip().endswith("?"):
        return ""
    return ask
