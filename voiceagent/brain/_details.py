"""The facts a caller's words give, as `provide_details` arguments: what to send, and when.

Every fact said is sent, whatever question is pending ("Sam Rubin, 818-555-1234"
answering "business or personal?"); short answers ("Kelly", "Acme Plumbing", "B")
count only for the question they answer. A fact already sent, already known to the
chart, or refused once is not sent again.
"""

from __future__ import annotations

from collections.abc import Mapping

from statecharts import Question, normalize_phone
from voiceagent.brain import _replies as say
from voiceagent.brain._block import CallState
from voiceagent.brain._tools import ToolSpec
from voiceagent.brain._turns import Recent
from voiceagent.brain._understanding import Understanding

__all__ = ["facts_to_send"]

_DETAIL_KNOWN = {"phone": ("phone", "phone_number")}


def facts_to_send(
    heard: Understanding,
    block: CallState,
    recent: Recent,
    tools: Mapping[str, ToolSpec],
    *,
    fresh: bool,
    earlier_partial: str | None,
) -> dict[str, str]:
    """Every new fact for `provide_details` that the offered tool accepts.

    Args:
        heard: The caller's last words, read.
        block: Where the call is and what the chart still needs.
        recent: What happened since the caller spoke.
        tools: The tools offered now.
        fresh: No call was accepted since the caller spoke: the pending question is theirs.
        earlier_partial: Digits of a number begun in the caller's previous words.
    """
    needed = block.needed
    found: dict[str, str] = {}
    for key in ("first_name", "last_name", "last_name_spelled", "phone", "business_name"):
        value = getattr(heard, key)
        if value:
            found[key] = value
    if heard.insurance_type is not None:
        found["insurance_type"] = heard.insurance_type.value
    rest = heard.partial_phone
    if "phone" not in found and rest and earlier_partial:
        joined = earlier_partial + rest
        if normalize_phone(joined) is not None:
            found["phone"] = joined  # the number finished after a pause
    if fresh and needed is not None:
        _contextual_details(heard, needed, found)
    taking_message = needed is Question.MESSAGE or (block.state or "").endswith("taking_message")
    asked_for_one = fresh or heard.leave_message or heard.callback
    if taking_message and asked_for_one and heard.message_text and heard.redirect is None:
        # what the caller says it is about while a message is taken; not the words that led
        # to one (a claim whose transfer failed still asks what to pass along)
        found.setdefault("message", heard.message_text)
    spec = tools.get("provide_details")
    if spec is None:
        return {}
    refused = {say.error_field(e) for e in recent.errors}
    known = block.known
    sent = recent.sent
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
        vague = (
            heard.yes or heard.no or heard.dont_know or not heard.plain or heard.last_name_spelled
        )
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
