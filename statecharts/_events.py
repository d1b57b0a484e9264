"""The chart's public events and the validation of their arguments.

Every event a speech adapter may fire is listed here with the arguments it takes.
Arguments are checked before the chart sees them, so a bad value (an invalid
phone number, an empty name, a spelled name with no letters, an unknown intent)
is refused with a reason and changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from statecharts._agency import InsuranceLine
from statecharts._caller import INTAKE_INTENTS, Intent
from statecharts._text import normalize_phone, normalize_spelling

__all__ = [
    "EVENTS",
    "SHELL_EVENTS",
    "CallerKind",
    "CallerRole",
    "CertificateKind",
    "Confirmation",
    "EventSpec",
    "ReasonKind",
    "RedirectTopic",
    "Refusal",
    "parse_arguments",
]


class Refusal(ValueError):
    """An event or argument the chart will not take, with the reason in words."""


class CertificateKind(StrEnum):
    """New certificate request, or a question about an existing one."""

    NEW = "new"
    EXISTING = "existing"


class CallerRole(StrEnum):
    """Who is calling about a mortgagee or lienholder."""

    BANK = "bank"
    POLICYHOLDER = "policyholder"


class CallerKind(StrEnum):
    """The three-way answer when a restricted person is asked for."""

    EXISTING_CLIENT = "existing_client"
    NEW_CLIENT = "new_client"
    VENDOR = "vendor"


class ReasonKind(StrEnum):
    """What the caller wants from a person they asked for by name."""

    NEW_BUSINESS = "new_business"
    SERVICE = "service"
    OTHER = "other"


class Confirmation(StrEnum):
    """The caller's answer when their phone number is read back."""

    YES = "yes"
    NO = "no"


class RedirectTopic(StrEnum):
    """Things the receptionist politely declines, redirecting to insurance help."""

    OFF_TOPIC = "off_topic"
    INSTRUCTIONS = "instructions"
    ROLE_PLAY = "role_play"
    OTHER_CALLERS = "other_callers"
    ADMIN = "admin"
    POLICY_DETAILS = "policy_details"


_NAME = re.compile(r"^[^\W\d_][^\W\d_ .'\-]*(?:[ .'\-]+[^\W\d_][^\W\d_.'\-]*)*\.?$")
_MAX_NAME_WORDS = 4
_MAX_TEXT = 500


def _person_name(field: str, value: object) -> str:
    text = _text(field, value, limit=60)
    if len(text.split()) > _MAX_NAME_WORDS or not _NAME.match(text):
        msg = f"{field} {text[:40]!r} is not a name: letters only, at most four words"
        raise Refusal(msg)
    return text


def _text(field: str, value: object, limit: int = _MAX_TEXT) -> str:
    if not isinstance(value, str) or not value.strip():
        msg = f"{field} must not be empty"
        raise Refusal(msg)
    text = " ".join(value.split())
    if len(text) > limit:
        msg = f"{field} is too long ({len(text)} characters, at most {limit})"
        raise Refusal(msg)
    return text


def _phone(field: str, value: object) -> str:
    text = _text(field, value, limit=40)
    digits = normalize_phone(text)
    if digits is None:
        msg = f"{field} {text!r} is not a phone number: it needs 10 to 15 digits"
        raise Refusal(msg)
    return digits


def _spelling(field: str, value: object) -> str:
    text = _text(field, value, limit=120)
    letters = normalize_spelling(text)
    if not letters:
        msg = f"{field} {text!r} has no letters"
        raise Refusal(msg)
    return letters


def _choice(kind: type[StrEnum]) -> Callable[[str, object], StrEnum]:
    def parse(field: str, value: object) -> StrEnum:
        try:
            return kind(str(value).strip().lower())
        except ValueError:
            allowed = ", ".join(m.value for m in kind)
            msg = f"{field} {value!r} is not one of: {allowed}"
            raise Refusal(msg) from None

    return parse


def _intake_intent(field: str, value: object) -> Intent:
    intent = _choice(Intent)(field, value)
    if intent not in INTAKE_INTENTS:
        allowed = ", ".join(sorted(i.value for i in INTAKE_INTENTS))
        msg = f"{field} {value!r} is not an intake intent: one of {allowed}"
        raise Refusal(msg)
    return Intent(intent)


def _carrier(field: str, value: object) -> str:
    return _text(field, value, limit=80)


def _business(field: str, value: object) -> str:
    return _text(field, value, limit=120)


Parser = Callable[[str, object], object]


@dataclass(frozen=True, slots=True)
class EventSpec:
    """The arguments one event takes: required ones, and optional ones."""

    required: Mapping[str, Parser]
    optional: Mapping[str, Parser]
    at_least_one: bool = False
    """For `provide_details`: some optional argument must be given."""


_NONE: Mapping[str, Parser] = {}

EVENTS: Mapping[str, EventSpec] = {
    "greeted": EventSpec(_NONE, _NONE),
    "request": EventSpec({"intent": _intake_intent}, {"summary": _text}),
    "report_claim": EventSpec(_NONE, {"carrier": _carrier, "summary": _text}),
    "certificate": EventSpec(_NONE, {"kind": _choice(CertificateKind)}),
    "certificate_kind": EventSpec({"kind": _choice(CertificateKind)}, _NONE),
    "mortgagee_request": EventSpec(_NONE, {"role": _choice(CallerRole)}),
    "caller_role": EventSpec({"role": _choice(CallerRole)}, _NONE),
    "bank_caller": EventSpec(_NONE, _NONE),
    "ask_hours": EventSpec(_NONE, _NONE),
    "ask_services": EventSpec(_NONE, _NONE),
    "appointment": EventSpec(_NONE, _NONE),
    "ask_for_person": EventSpec({"name": _text}, _NONE),
    "give_reason": EventSpec({"reason": _text, "kind": _choice(ReasonKind)}, _NONE),
    "caller_kind": EventSpec({"kind": _choice(CallerKind)}, _NONE),
    "spanish_speaker": EventSpec(_NONE, _NONE),
    "live_person": EventSpec(_NONE, _NONE),
    "redirect": EventSpec({"topic": _choice(RedirectTopic)}, _NONE),
    "provide_details": EventSpec(
        _NONE,
        {
            "first_name": _person_name,
            "last_name": _person_name,
            "last_name_spelled": _spelling,
            "phone": _phone,
            "insurance_type": _choice(InsuranceLine),
            "business_name": _business,
            "message": _text,
        },
        at_least_one=True,
    ),
    "confirm_phone": EventSpec({"answer": _choice(Confirmation)}, _NONE),
    "name_carrier": EventSpec({"carrier": _carrier}, _NONE),
    "carrier_unknown": EventSpec(_NONE, _NONE),
    "request_callback": EventSpec(_NONE, _NONE),
    "leave_message": EventSpec(
        _NONE, {"person": lambda f, v: _text(f, v, limit=60), "message": _text}
    ),
    "repeat": EventSpec(_NONE, _NONE),
    "transfer_succeeded": EventSpec(_NONE, _NONE),
    "transfer_failed": EventSpec(_NONE, {"reason": _text}),
    "caller_done": EventSpec(_NONE, _NONE),
    "hangup": EventSpec(_NONE, _NONE),
    "caller_away_timeout": EventSpec(_NONE, _NONE),
    "caller_unclear": EventSpec(_NONE, _NONE),
    "call_time_limit": EventSpec(_NONE, _NONE),
}
"""Every event a speech adapter or the shell may send, by name."""

SHELL_EVENTS = frozenset(
    {
        "greeted",
        "transfer_succeeded",
        "transfer_failed",
        "hangup",
        "caller_away_timeout",
        "caller_unclear",
        "call_time_limit",
    }
)
"""Events the shell fires from what happens on the line, never a language model's tool.

`caller_unclear`: a caller turn ended and produced no accepted event (nothing said
could be used), as `caller_away_timeout` reports a silence."""


def parse_arguments(event: str, arguments: Mapping[str, Any]) -> dict[str, Any]:
    """Check and normalise an event's arguments, or raise `Refusal` saying why."""
    spec = EVENTS.get(event)
    if spec is None:
        msg = f"unknown event {event!r}"
        raise Refusal(msg)
    given = {k: v for k, v in arguments.items() if v is not None}
    unknown = sorted(set(given) - set(spec.required) - set(spec.optional))
    if unknown:
        msg = f"{event} takes no argument {', '.join(unknown)}"
        raise Refusal(msg)
    parsed: dict[str, Any] = {}
    for name, parse in spec.required.items():
        if name not in given:
            msg = f"{event} needs {name}"
            raise Refusal(msg)
        parsed[name] = parse(name, given[name])
    for name, parse in spec.optional.items():
        if name in given:
            parsed[name] = parse(name, given[name])
    if spec.at_least_one and not parsed:
        msg = f"{event} needs at least one of: {', '.join(spec.optional)}"
        raise Refusal(msg)
    return parsed
