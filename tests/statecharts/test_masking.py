"""Masking caller data for the logs (agency.md U23, U28, §4)."""

from __future__ import annotations

import pytest

from statecharts._masking import mask_carrier, mask_email, mask_name, mask_phone, safe_mask

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("555-123-4567", "***-***-4567"),
        ("5551234567", "***-***-4567"),
        ("(555) 123-4567", "***-***-4567"),
        ("+1 (555) 123-4567", "***-***-4567"),
        ("1234", "***-***-1234"),
        ("123", "***"),
        ("", "***"),
    ],
)
def test_mask_phone(phone: str, masked: str) -> None:
    """A phone keeps only its last four characters; shorter ones are fully hidden."""
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("John Smith", "J*********"),
        ("Acme Corporation", "A***************"),
        ("Li", "L*"),
        ("J", "J"),
        ("", "***"),
    ],
)
def test_mask_name(name: str, masked: str) -> None:
    """A name or business name keeps its first character and stars the rest, one per character."""
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("email", "masked"),
    [
        ("john.smith@example.com", "j***@example.com"),
        ("Info@HLInsure.com", "I***@HLInsure.com"),
        ("@example.com", "***@example.com"),
        ("a@b@example.com", "a***@example.com"),
        ("", "***"),
        ("not-an-email", "***"),
    ],
)
def test_mask_email(email: str, masked: str) -> None:
    """An email keeps the local part's first character and the domain."""
    assert mask_email(email) == masked


@pytest.mark.parametrize("value", [None, "", "   "])
def test_safe_mask_unknown(value: str | None) -> None:
    """A missing, empty or blank value logs as "unknown"."""
    assert safe_mask(value) == "unknown"
    assert safe_mask(value, mask_phone) == "unknown"


@pytest.mark.parametrize(
    ("value", "masker", "masked"),
    [
        ("John", mask_name, "J***"),
        ("Li", mask_name, "L*"),
        ("555-123-4567", mask_phone, "***-***-4567"),
        ("john.smith@example.com", mask_email, "j***@example.com"),
    ],
)
def test_safe_mask_present(value: str, masker: object, masked: str) -> None:
    """A present value goes through the chosen mask."""
    assert callable(masker)
    assert safe_mask(value, masker) == masked


def test_safe_mask_defaults_to_name_mask() -> None:
    """Without a mask given, identifiers are masked like names."""
    assert safe_mask("Acme") == "A***"


@pytest.mark.parametrize(
    ("name", "logged"),
    [("State Farm", "State Farm"), ("x" * 80, "x" * 50), ("y" * 50, "y" * 50), ("", "")],
)
def test_mask_carrier(name: str, logged: str) -> None:
    """A caller-given carrier name is cut to 50 characters."""
    assert mask_carrier(name) == logged


@pytest.mark.parametrize("identifier", ["Li", "Acme Corp", "SMITH", "The Great Plumbing Co"])
def test_identifiers_never_logged_in_clear(identifier: str) -> None:
    """Every routing identifier, however short, is changed by masking."""
    assert safe_mask(identifier) != identifier
