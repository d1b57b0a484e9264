"""Structured logging masks personal data in every field that can hold it."""

from __future__ import annotations

import pytest

from voiceagent.logs import mask_pii

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
