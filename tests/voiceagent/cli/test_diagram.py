"""The `voiceagent diagram` command and the rendered views kept in docs/diagrams/."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from statecharts._diagram import chart_dot, view_names
from voiceagent.cli.diagram import DiagramError, doc_files, render, stale_docs, update_docs
from voiceagent.cli.main import main

pytestmark = pytest.mark.cli

DOCS = Path(__file__).resolve().parents[3] / "docs" / "diagrams"
README = Path(__file__).resolve().parents[3] / "README.md"
TOP_LEVEL_IDS = ("greeting", "triage", "claims", "mortgagee", "after_hours", "transfer", "ended")
HAS_DOT = shutil.which("dot") is not None
REQUIRE_GRAPHVIZ = os.environ.get("REQUIRE_GRAPHVIZ") == "1"
needs_dot = pytest.mark.skipif(
    not HAS_DOT and not REQUIRE_GRAPHVIZ,
    reason="Graphviz 'dot' is not installed (apt-get install graphviz); CI installs it",
)


def test_default_is_the_overview_in_mermaid(capsys: pytest.CaptureFixture[str]) -> None:
    """`voiceagent diagram` prints the overview: the seven states, Mermaid by default."""
    assert main(["diagram"]) == 0
    out = capsys.readouterr().out
    assert "flowchart LR" in out
    for state_id in TOP_LEVEL_IDS:
        assert f"\n    {state_id}(" in out
    assert "listening" not in out


def test_state_prints_one_detail_view(capsys: pytest.CaptureFixture[str]) -> None:
    """`--state triage` draws triage's steps; `--full` draws every state."""
    assert main(["diagram", "--state", "triage", "--format", "dot"]) == 0
    triage = capsys.readouterr().out
    assert '"listening" [label="Listening"' in triage
    assert '"carrier_question"' not in triage
    assert main(["diagram", "--full", "--format", "dot"]) == 0
    full = capsys.readouterr().out
    assert '"listening"' in full
    assert '"carrier_question"' in full


def test_unknown_state_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown --state is refused, naming the states that have views."""
    with pytest.raises(SystemExit) as exit_info:
        main(["diagram", "--state", "lunch"])
    assert exit_info.value.code == 2
    assert "after_hours" in capsys.readouterr().err


def test_check_covers_every_view(capsys: pytest.CaptureFixture[str]) -> None:
    """--check with --state is one clear line: the check always covers every view."""
    assert main(["diagram", "--check", "--state", "claims"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "every view" in err


def test_docs_hold_every_view_as_mermaid_and_svg() -> None:
    """docs/diagrams/ is meant to hold each view in both formats."""
    assert sorted(doc_files()) == sorted(f"{v}.{s}" for v in view_names() for s in ("mmd", "svg"))


def test_committed_mermaid_matches_the_chart() -> None:
    """Every docs/diagrams/*.mmd is the view as the code declares it (run --update-docs if not)."""
    for name, (view, kind) in doc_files().items():
        if kind == "mermaid":
            assert (DOCS / name).read_bytes() == render("mermaid", view), name


def test_readme_shows_the_overview() -> None:
    """The README shows the overview picture and links every other view."""
    text = README.read_text()
    assert "![" in text
    assert "(docs/diagrams/overview.svg)" in text
    for view in view_names():
        assert f"docs/diagrams/{view}.svg" in text


@needs_dot
def test_committed_diagrams_are_current() -> None:
    """No rendered view in docs/diagrams/ is stale, and none is left from an old view."""
    assert stale_docs(DOCS) == []


@needs_dot
@pytest.mark.parametrize("view", view_names())
def test_graphviz_lays_out_every_view_without_warnings(view: str) -> None:
    """Graphviz accepts each view's DOT as written: no warning about an attribute or a node."""
    done = subprocess.run(
        ["dot", "-Tsvg", "-o", os.devnull],
        input=chart_dot(view).encode(),
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stderr.decode() == ""


@needs_dot
@pytest.mark.parametrize(("kind", "magic"), [("svg", b"<svg"), ("png", b"\x89PNG")])
def test_graphviz_formats_render(kind: str, magic: bytes, tmp_path: Path) -> None:
    """SVG and PNG render through Graphviz and are written to --out."""
    out = tmp_path / f"chart.{kind}"
    assert main(["diagram", "--state", "claims", "--format", kind, "--out", str(out)]) == 0
    assert magic in out.read_bytes()[:1000]


@needs_dot
def test_a_stale_or_leftover_diagram_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--check names a changed view and a file of a view the chart no longer has."""
    update_docs(tmp_path)
    (tmp_path / "triage.mmd").write_text("flowchart LR\n")
    (tmp_path / "lunch.svg").write_text("<svg/>")
    assert main(["diagram", "--check", "--docs", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "triage.mmd" in err
    assert "lunch.svg" in err
    assert main(["diagram", "--update-docs", "--docs", str(tmp_path)]) == 0
    assert not (tmp_path / "lunch.svg").exists()
    assert (tmp_path / "triage.mmd").read_bytes() == render("mermaid", "triage")


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
