"""Errors in words: what went wrong and where, never an empty message.

Some exceptions carry no message (`TimeoutError()` from `asyncio.timeout`, a bare
`AssertionError`); printed as they are, they tell a user nothing. `describe` names
such an error by its type and the place it was raised.
"""

from __future__ import annotations

import traceback
from pathlib import Path

__all__ = ["describe"]

_OURS = frozenset({"voiceagent", "statecharts"})
"""Packages whose frames say best where an error happened: ours, not the library's."""


def describe(error: BaseException) -> str:
    """The error's own message, or its type and where it was raised when it has none.

    A message-less error whose cause has a message is described by that cause
    ("TimeoutError: ..." from the error it was raised from); otherwise the place is
    the innermost frame of our own code, where the library's frames say little.
    """
    message = str(error).strip()
    if message:
        return message
    cause = error.__cause__ or error.__context__
    if cause is not None and str(cause).strip():
        return f"{type(error).__name__}: {str(cause).strip()}"
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return f"{type(error).__name__} (no message)"
    ours = [f for f in frames if _OURS & set(Path(f.filename).parts)]
    where = (ours or frames)[-1]
    return f"{type(error).__name__} at {_short(where.filename)}:{where.lineno} in {where.name}"


def _short(filename: str) -> str:
    """A path as a reader finds it: from the working folder or the package on."""
    path = Path(filename)
    if path.is_relative_to(Path.cwd()):
        return path.relative_to(Path.cwd()).as_posix()
    parts = path.parts
    for anchor in ("voiceagent", "statecharts", "livekit", "asyncio"):
        if anchor in parts:
            return "/".join(parts[parts.index(anchor) :])
    return Path(filename).name
