"""Fixtures for the whole suite."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
import structlog


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--transition-ledger FILE`: keep which chart transitions the tests asserted."""
    parser.addoption(
        "--transition-ledger",
        metavar="FILE",
        help="write the chart transitions the tests asserted to FILE as JSON "
        "(draw it with: voiceagent diagram --full --ledger FILE)",
    )


@pytest.fixture(autouse=True)
def _fresh_structlog() -> Iterator[None]:
    """Each test starts and ends with structlog's defaults (the CLI configures it globally).

    The standard library's root logger, which `configure_logging` points at a stream,
    is put back as it was too.
    """
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    structlog.reset_defaults()
    yield
    structlog.reset_defaults()
    root.handlers[:] = handlers
    root.setLevel(level)
