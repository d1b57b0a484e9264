"""The chart's guards, events and notable actions in the agency's words, for diagrams.

The diagrams take structure from the chart and words from here. A guard or event
missing from these tables still renders (its name with spaces), so a chart change
never breaks a diagram; a test fails until every guard has words.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "ACTION_WORDS",
    "EVENT_WORDS",
    "GUARD_WORDS",
    "RECOVERY_EVENTS",
    "action_words",
    "event_words",
    "guard_words",
]

GUARD_WORDS: Final[dict[str, tuple[str, str]]] = {
    # guard name: (words when it holds, words when it does not)
    "office_open": ("office open", "office not open"),
    "open_or_at_lunch": ("open or at lunch", "closed"),
    "claim_is_new": ("claim not yet reported", "claim already reported"),
    "intake_complete": ("details complete", "details missing"),
    "can_transfer_live": ("open, with a number to dial", "no live transfer"),
    "voicemail_available": ("closed, voicemail box set up", "no voicemail box"),
    "person_transferable": ("one person, takes calls", "cannot take the call"),
    "person_ambiguous": ("several by that name", "one by that name"),
    "person_restricted": ("restricted staff", "not restricted"),
    "person_former": ("no longer with the agency", "still with the agency"),
    "needs_ae_redirect": ("service need for a sales agent", "no redirect"),
    "is_vendor": ("vendor or sales call", "client"),
    "bilingual_available": ("Spanish speaker free", "no Spanish speaker free"),
    "wants_new_certificate": ("new certificate", "not a new certificate"),
    "wants_existing_certificate": ("existing certificate", "not an existing certificate"),
    "is_bank": ("bank or mortgage company", "not a bank"),
    "is_policyholder": ("policyholder", "not the policyholder"),
    "carrier_resolved": ("carrier known", "carrier not found"),
    "carrier_needs_line": ("carrier has two lines", "no line to choose"),
    "message_complete": ("name, phone and message taken", "message incomplete"),
    "claim_needs_carrier": ("claim, 24-hour line not yet given", "no carrier line needed"),
    "no_message_taken": ("no message yet", "message already taken"),
    "away_again": ("twice", "first time"),
    "phone_unconfirmed": ("a number was read back", "no number read back"),
    "call_answered": ("already answered", "not answered yet"),
    "helped_before": ("moved on once already", "first time"),
    "has_callback_number": ("a number to call back", "no number to call back"),
    "callback_owed": ("a need and a number, nothing stored", "nothing owed"),
}
"""Every guard of the chart, as a diagram says it."""

EVENT_WORDS: Final[dict[str, str]] = {
    "hangup": "hang-up",
    "caller_away_timeout": "silence",
    "call_time_limit": "time limit",
    "error_execution": "error",
    "provide_details": "details given",
    "confirm_phone": "yes or no to the number read back",
    "caller_done": "caller done",
    "ask_hours": "hours",
    "ask_services": "services",
    "redirect": "off-topic question",
    "live_person": "live person",
    "spanish_speaker": "Spanish speaker",
    "transfer_succeeded": "transfer connected",
    "transfer_failed": "transfer failed",
    "caller_unclear": "not understood",
    "stuck": "out of patience",
    "repeat": "asked to repeat",
}
"""Events whose name does not read well with its underscores taken out."""

RECOVERY_EVENTS: Final[frozenset[str]] = frozenset({"stuck"})
"""Events that move a call on when the caller cannot be understood (issue 8). They cross
every view's story, so the overview and detail views list them in the legend; the full
view draws them."""

ACTION_WORDS: Final[dict[str, str]] = {
    "end_on_error": "what the caller left is kept",
    "end_on_time_limit": "what the caller left is kept",
    "check_in": "asks if the caller is still there",
}
"""Actions a reader of the call-wide rules should know about."""


def _plain(name: str) -> str:
    return name.replace("_", " ").replace(".", " ").strip()


def guard_words(name: str, *, holds: bool = True) -> str:
    """A guard in words, or its negation."""
    words = GUARD_WORDS.get(name)
    if words is None:
        return _plain(name) if holds else f"not {_plain(name)}"
    return words[0] if holds else words[1]


def event_words(name: str) -> str:
    """An event in words."""
    return EVENT_WORDS.get(name, _plain(name))


def action_words(name: str) -> str | None:
    """A notable action in words, or None for one a reader need not know."""
    return ACTION_WORDS.get(name)
