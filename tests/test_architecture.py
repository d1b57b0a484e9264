"""The shape of the code: a pure core that never imports the shell or LiveKit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[1]


def test_statecharts_imports_no_livekit_and_no_shell() -> None:
    """Importing the whole core loads no livekit module and nothing from voiceagent."""
    probe = (
        "import sys, statecharts, statecharts._diagram\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('livekit', 'voiceagent')))\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip() == ""


def test_core_source_never_reads_clock_or_environment() -> None:
    """No module of the core reads the clock or the environment (they are inputs)."""
    forbidden = ("datetime.now", "datetime.utcnow", "time.time(", "os.environ", "getenv(")
    for path in (ROOT / "statecharts").rglob("*.py"):
        text = path.read_text()
        for word in forbidden:
            assert word not in text, f"{path.name} uses {word}"
