"""The `voiceagent diagram` command and the rendered diagrams kept in docs/."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from statecharts import Reception
from voiceagent.cli.diagram import DiagramError, render, stale_docs, update_docs
from voiceagent.cli.main import main

pytestmark = pytest.mark.cli

DOCS = Path(__file__).resolve().parents[3] / "docs"
TOP_LEVEL_IDS = ("greeting", "triage", "claims", "mortgagee", "after_hours", "transfer", "ended")
HAS_DOT = shutil.which("dot") is not None
REQUIRE_GRAPHVIZ = os.environ.get("REQUIRE_GRAPHVIZ") == "1"
needs_dot = pytest.mark.skipif(
    not HAS_DOT and not REQUIRE_GRAPHVIZ,
    reason="Graphviz 'dot' is not installed (apt-get install graphviz); CI installs it",
)


def test_mermaid_names_the_seven_state_ids(capsys: pytest.CaptureFixture[str]) -> None:
    """`voiceagent diagram --format mermaid` prints the chart with the seven state ids."""
    assert main(["diagram", "--format", "mermaid"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("stateDiagram-v2")
    for state_id in TOP_LEVEL_IDS:
        assert f" as {state_id}" in out


def test_dot_is_deterministic() -> None:
    """Two renderings of the DOT text are identical, so docs can be checked byte for byte."""
    assert render("dot") == render("dot")
    assert b"digraph Reception" in render("dot")


def test_every_state_appears_in_the_dot_text() -> None:
    """The DOT rendering draws every state of the chart."""
    text = render("dot").decode()
    for state_id in Reception.states_map:
        assert state_id in text


def test_committed_mermaid_matches_the_chart() -> None:
    """docs/statechart.mmd is the chart as the code declares it (run --update-docs if not)."""
    assert (DOCS / "statechart.mmd").read_bytes() == render("mermaid")


@needs_dot
def test_committed_diagrams_are_current() -> None:
    """No rendered diagram in docs/ is stale."""
    assert stale_docs(DOCS) == []


@needs_dot
@pytest.mark.parametrize(("kind", "magic"), [("svg", b"<svg"), ("png", b"\x89PNG")])
def test_graphviz_formats_render(kind: str, magic: bytes, tmp_path: Path) -> None:
    """SVG and PNG render through Graphviz and are written to --out."""
    out = tmp_path / f"chart.{kind}"
    assert main(["diagram", "--format", kind, "--out", str(out)]) == 0
    assert magic in out.read_bytes()[:1000]


@needs_dot
def test_a_stale_diagram_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--check fails and names the file when a rendered diagram no longer matches."""
    update_docs(tmp_path)
    (tmp_path / "statechart.mmd").write_text("stateDiagram-v2\n")
    assert main(["diagram", "--check", "--docs", str(tmp_path)]) == 1
    assert "statechart.mmd" in capsys.readouterr().err


def test_missing_graphviz_is_one_clear_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without `dot`, SVG fails with one line saying how to install Graphviz."""
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    with pytest.raises(DiagramError, match="apt-get install graphviz"):
        render("svg")
    assert main(["diagram", "--format", "png"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "install" in err


def test_unknown_format_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown --format is a usage error naming the choices."""
    with pytest.raises(SystemExit) as exit_info:
        main(["diagram", "--format", "gif"])
    assert exit_info.value.code == 2
    assert "mermaid" in capsys.readouterr().err
