"""Errors in words: an error's message, or its type and where it was raised."""

from __future__ import annotations

import pytest

from voiceagent.errors import describe

pytestmark = pytest.mark.unit


def _raised(error: BaseException) -> BaseException:
    try:
        raise error
    except BaseException as caught:  # the traceback is what is under test
        return caught


def test_an_error_with_a_message_is_its_message() -> None:
    """A message says it all: it is used as it is."""
    assert describe(ValueError("the phone number is too short")) == "the phone number is too short"


def test_an_error_without_a_message_names_its_type_and_place() -> None:
    """A bare TimeoutError says what it is and the file, line and function it came from."""
    text = describe(_raised(TimeoutError()))
    assert text.startswith("TimeoutError at tests/voiceagent/test_errors.py:")
    assert text.endswith(" in _raised")


def _chained() -> None:
    try:
        raise OSError("disk full")
    except OSError as cause:
        raise RuntimeError from cause


def test_an_error_without_a_message_uses_its_cause() -> None:
    """An error raised from another that has a message says the other's message."""
    with pytest.raises(RuntimeError) as raised:
        _chained()
    assert describe(raised.value) == "RuntimeError: disk full"


def test_an_error_never_raised_still_has_words() -> None:
    """No traceback at all: the type, and that it had no message."""
    assert describe(KeyError()) == "KeyError (no message)"
