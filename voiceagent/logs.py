"""Structured logging: JSON in production, pretty in development, PII always masked.

Every log line goes through structlog. Messages are static; caller data travels
only in structured fields, and the `mask_pii` processor masks names, phone
numbers, emails and routing identifiers before anything is written.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, MutableMapping
from typing import Any, Final, TextIO

import structlog

from statecharts import mask_carrier, mask_email, mask_name, mask_phone

__all__ = ["PII_FIELDS", "configure_logging", "mask_pii"]

PII_FIELDS: Final[dict[str, Callable[[str], str]]] = {
    "caller_name": mask_name,
    "first_name": mask_name,
    "last_name": mask_name,
    "name": mask_name,
    "business_name": mask_name,
    "identifier": mask_name,
    "last_name_spelled": mask_name,
    "phone": mask_phone,
    "phone_number": mask_phone,
    "caller_number": mask_phone,
    "destination": mask_phone,
    "email": mask_email,
    "carrier": mask_carrier,
}
"""Structured fields that hold personal data, and how each is masked."""


def mask_pii(
    _logger: object, _method: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """A structlog processor: mask every known personal-data field, at any depth."""
    for key, value in list(event_dict.items()):
        if isinstance(value, str) and key in PII_FIELDS:
            event_dict[key] = PII_FIELDS[key](value) if value else "unknown"
        elif isinstance(value, MutableMapping):
            event_dict[key] = mask_pii(_logger, _method, dict(value))
    return event_dict


def configure_logging(
    *, json: bool, level: str = "INFO", stream: TextIO | None = None, stdlib: bool = True
) -> None:
    """Route structlog (and the standard library's logging) to stderr, once, in the shell.

    Never standard output: a command that prints its result there (`simulate
    --json`, `scenarios`, `python -m bench`) keeps it clean for a pipe.

    Args:
        json: JSON lines (production) rather than readable lines (development).
        level: The least severe level written.
        stream: Where lines go instead of stderr (tests read them back).
        stdlib: Also point the standard library's root logger at the stream; False
            inside LiveKit's worker, whose own logging forwards its processes' lines.
    """
    out = stream or sys.stderr
    renderer: structlog.types.Processor = (
        structlog.processors.JSONRenderer()
        if json
        else structlog.dev.ConsoleRenderer(colors=out.isatty())
    )
    numeric = logging.getLevelNamesMapping().get(level.upper(), logging.INFO)
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            mask_pii,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(numeric),
        logger_factory=structlog.PrintLoggerFactory(file=out),
        cache_logger_on_first_use=False,
    )
    if stdlib:
        logging.basicConfig(level=max(numeric, logging.WARNING), stream=out, force=True)
