"""The documents point at code and tests that exist, and leave no finding open."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[1]
AUDIT = ROOT / "docs" / "audit.md"
_REFERENCE = re.compile(r"`((?:voiceagent|statecharts|tests|scenarios|docs)/[\w/.-]+)(?:::(\w+))?")


def _rows() -> list[str]:
    return [line for line in AUDIT.read_text().splitlines() if re.match(r"\| A\d+ \|", line)]


def test_every_finding_has_a_row() -> None:
    """A1 to A12 each have a row in docs/audit.md, with nothing left "not yet" done."""
    assert [row.split("|")[1].strip() for row in _rows()] == [f"A{n}" for n in range(1, 13)]
    text = AUDIT.read_text().lower()
    for phrase in ("not yet", "still to come", "to be done", "todo"):
        assert phrase not in text


def test_every_row_names_a_test() -> None:
    """Each finding's last column names at least one test file or the type checker."""
    for row in _rows():
        shown_by = row.rstrip("|").split("|")[-1]
        assert "tests/" in shown_by or "mypy" in shown_by, row


@pytest.mark.parametrize("document", ["audit.md", "operations.md", "latency.md"])
def test_referenced_files_and_tests_exist(document: str) -> None:
    """Every path (and `file::test` name) a document mentions is in the repository."""
    text = (ROOT / "docs" / document).read_text()
    for path, test in _REFERENCE.findall(text):
        target = ROOT / path.rstrip(".")
        assert target.exists(), f"{document} names {path}, which does not exist"
        if test:
            assert re.search(rf"def {test}\b", target.read_text()), f"{path}::{test} is missing"
