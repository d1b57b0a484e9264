"""Masking caller data before it reaches a log line.

Logs are read by people who must not learn who called: every phone number, name,
business name and email goes through one of these before it is logged, and the
masks keep just enough (the last four digits, the first letter, the domain) to
match a log line to a call. The shapes follow the first generation's masks, so
logs stay comparable across the two.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["mask_carrier", "mask_email", "mask_name", "mask_phone", "safe_mask"]

_HIDDEN = "***"
_UNKNOWN = "unknown"
_CARRIER_LIMIT = 50
"""A carrier name is not personal data, but a caller may say anything: cap its length."""


def mask_phone(phone: str) -> str:
    """Keep only the last four characters: "555-123-4567" gives "***-***-4567".

    Anything shorter than four characters is hidden entirely, as "***".
    """
    if len(phone) < 4:
        return _HIDDEN
    return f"***-***-{phone[-4:]}"


def mask_name(name: str) -> str:
    """The first character, then one "*" per remaining character ("John Smith" is "J*********").

    Used for business names too: every routing identifier is masked. Empty gives "***".
    """
    if not name:
        return _HIDDEN
    return name[0] + "*" * (len(name) - 1)


def mask_email(email: str) -> str:
    """The local part's first character, then "***@" and the domain ("j***@example.com").

    Empty or "@"-less input gives "***"; an empty local part gives "***@domain".
    The last "@" separates the domain, so odd addresses never leak a local part.
    """
    if "@" not in email:
        return _HIDDEN
    local, _, domain = email.rpartition("@")
    return f"{local[:1]}***@{domain}"


def safe_mask(value: str | None, masker: Callable[[str], str] = mask_name) -> str:
    """Mask an optional value: "unknown" when it is missing, empty or blank.

    Args:
        value: The caller-given value, or None when it was never collected.
        masker: The mask for a present value; names by default.

    Returns:
        The masked value, or "unknown".
    """
    if value is None or not value.strip():
        return _UNKNOWN
    return masker(value)


def mask_carrier(name: str) -> str:
    """A caller-given carrier name, cut to 50 characters for the logs."""
    return name[:_CARRIER_LIMIT]
