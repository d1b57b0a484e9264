"""Structured logging masks personal data in every field that can hold it."""

from __future__ import annotations

import io
import json

import pytest
import structlog

from statecharts import default_agency
from tests.voiceagent.log_privacy import raw_personal_data
from voiceagent.logs import configure_logging, mask_pii

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("field", "value", "masked"),
    [
        ("phone", "555-123-4567", "***-***-4567"),
        ("caller_number", "+14075550123", "***-***-0123"),
        ("caller_name", "John Smith", "J*********"),
        ("business_name", "Li", "L*"),
        ("email", "john.smith@example.com", "j***@example.com"),
        ("first_name", "", "unknown"),
    ],
)
def test_personal_fields_are_masked(field: str, value: str, masked: str) -> None:
    """Each personal-data field is masked as agency.md section 4 says."""
    assert mask_pii(None, "info", {"event": "x", field: value})[field] == masked


def test_nested_fields_are_masked_and_others_kept() -> None:
    """Masking reaches nested mappings and leaves non-personal fields alone."""
    out = mask_pii(None, "info", {"event": "route", "caller": {"phone": "4075550123"}, "to": "Al"})
    assert out["caller"] == {"phone": "***-***-0123"}
    assert out["to"] == "Al"


def test_logs_never_go_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    """Configured logging writes JSON lines to stderr, never to stdout, with PII masked."""
    configure_logging(json=True, level="INFO")
    structlog.get_logger("t").info("caller noted", caller_number="+14075550123")
    out, err = capsys.readouterr()
    assert out == ""
    line = json.loads(err.strip().splitlines()[-1])
    assert line["event"] == "caller noted"
    assert line["caller_number"] == "***-***-0123"


def test_contextvars_put_the_call_on_every_line() -> None:
    """Fields bound for a call (call id, room, job) appear on each line logged within it."""
    out = io.StringIO()
    configure_logging(json=True, level="INFO", stream=out)
    with structlog.contextvars.bound_contextvars(call_id="c1", room="hli-1", job="j1"):
        structlog.get_logger("t").info("one")
        structlog.get_logger("t").warning("two")
    lines = [json.loads(raw) for raw in out.getvalue().splitlines()]
    assert [(x["call_id"], x["room"], x["job"]) for x in lines] == [("c1", "hli-1", "j1")] * 2


@pytest.mark.parametrize(
    ("output", "found"),
    [
        ('{"caller_number": "+14075550123"}', ["phone '+14075550123'"]),
        ('{"phone": "4075550123"}', ["phone '+14075550123'"]),
        ('{"name": "Urban"}', ["last_name 'Urban'"]),
        ('{"email": "kelly.urban@example.com"}', ["email kelly.urban@..."]),
        ('{"caller_number": "***-***-0123", "name": "U****", "email": "k***@example.com"}', []),
        ('{"destination_masked": "sip:***-***-7007@pbx.example"}', []),
    ],
)
def test_the_privacy_check_finds_raw_caller_data(output: str, found: list[str]) -> None:
    """The check the scenario suite runs on its logs sees raw data and passes masked data."""
    caller = {"first_name": "Kelly", "last_name": "Urban", "phone": None}
    assert raw_personal_data(output, caller, ["+14075550123"], default_agency()) == found
