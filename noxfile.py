"""One small session per concern; the default sessions are the full gate.

Sessions run inside the project's uv environment (`uv run --locked`), so they use
exactly the locked dependencies and share one virtual environment.
"""

from __future__ import annotations

import nox

nox.options.sessions = ["lint", "typecheck", "tests"]
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_external_run = False  # every command goes through `uv run`


def _uv(session: nox.Session, *command: str) -> None:
    session.run("uv", "run", "--locked", *command, external=True)


@nox.session(python=False)
def tests(session: nox.Session) -> None:
    """The whole test suite (arguments are passed to pytest)."""
    _uv(session, "pytest", *session.posargs)


@nox.session(python=False)
def lint(session: nox.Session) -> None:
    """Ruff lint and format check."""
    _uv(session, "ruff", "check", ".")
    _uv(session, "ruff", "format", "--check", ".")


@nox.session(python=False)
def typecheck(session: nox.Session) -> None:
    """Mypy strict on both packages, and on this file."""
    _uv(session, "mypy")
    _uv(session, "mypy", "noxfile.py")


@nox.session(python=False)
def diagrams(session: nox.Session) -> None:
    """Re-render every view of the chart in docs/diagrams/ (Mermaid and SVG)."""
    _uv(session, "voiceagent", "diagram", "--update-docs")


@nox.session(python=False)
def bench(session: nox.Session) -> None:
    """Print the benchmarks' figures (never asserted: these machines are noisy)."""
    _uv(session, "python", "-m", "bench", *session.posargs)
