"""Reading an agency file into a validated `AgencyConfig`.

Bad configuration must fail at startup, before a single call is answered, with
a message an office manager can act on: the file, the field and the problem.
So every way loading can go wrong (a missing file, broken TOML, a schema or
cross-field error) becomes one `AgencyConfigError` whose lines all look like
``agency.toml: staff[3].extension: duplicate extension '7002' (also staff[1] Adriana)``.
"""

from __future__ import annotations

import functools
import os
import tomllib
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from statecharts._agency import AgencyConfig

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pydantic_core import ErrorDetails

__all__ = ["AgencyConfigError", "default_agency", "load_agency", "parse_agency"]

_DEFAULT_PACKAGE = "statecharts"
_DEFAULT_FILE = "agencies/harry_levine.toml"
_MAX_INPUT_REPR = 60


class AgencyConfigError(ValueError):
    """An agency file that cannot be used, with every problem found in it.

    The message has one line per problem, each starting with the file, so the
    lines read like compiler errors in a startup log.

    Attributes:
        source: The file the configuration came from, as given.
        problems: Each problem as "field: what is wrong", without the file.
    """

    def __init__(self, source: str, problems: Sequence[str]) -> None:
        self.source = source
        self.problems = tuple(problems)
        super().__init__("\n".join(f"{source}: {problem}" for problem in self.problems))


def load_agency(path: str | os.PathLike[str]) -> AgencyConfig:
    """Read and validate an agency file.

    Args:
        path: A TOML file following the `AgencyConfig` schema.

    Returns:
        The validated, frozen configuration.

    Raises:
        AgencyConfigError: The file is missing or unreadable, is not valid
            UTF-8 TOML, or fails validation. The message names the field.
    """
    source = os.fspath(path)
    try:
        data = Path(source).read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise AgencyConfigError(source, [f"cannot read agency file: {reason}"]) from error
    return parse_agency(data, source)


@functools.cache
def default_agency() -> AgencyConfig:
    """The packaged default agency (Harry Levine Insurance), loaded once.

    Read through `importlib.resources`, so it works from a source tree and
    from an installed wheel alike.

    Raises:
        AgencyConfigError: The packaged file is broken (a release bug).
    """
    resource = resources.files(_DEFAULT_PACKAGE).joinpath(_DEFAULT_FILE)
    return parse_agency(resource.read_bytes(), f"{_DEFAULT_PACKAGE}/{_DEFAULT_FILE}")


def parse_agency(data: bytes, source: str) -> AgencyConfig:
    """Validate the bytes of an agency file.

    Args:
        data: The file's content, UTF-8 TOML.
        source: Where the bytes came from, used to start every error line.

    Returns:
        The validated configuration.

    Raises:
        AgencyConfigError: The bytes are not UTF-8 TOML or fail validation.
    """
    try:
        document = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise AgencyConfigError(source, [f"not UTF-8 text: {error.reason}"]) from error
    except tomllib.TOMLDecodeError as error:
        raise AgencyConfigError(source, [f"invalid TOML: {error}"]) from error
    try:
        return AgencyConfig.model_validate(document)
    except ValidationError as error:
        problems = [line for detail in error.errors() for line in _describe(detail)]
        raise AgencyConfigError(source, problems) from error


def _describe(detail: ErrorDetails) -> list[str]:
    """Turn one pydantic error into "field: problem" lines.

    The agency-wide checks raise one error at the model's root whose message
    already holds "field: problem" lines, so those pass through as they are.
    """
    loc = list(detail["loc"])
    key_error = bool(loc) and loc[-1] == "[key]"
    if key_error:
        loc.pop()
    field = _format_loc(loc)
    kind = detail["type"]
    if kind == "value_error":
        message = str(detail.get("ctx", {}).get("error", detail["msg"]))
    elif kind == "missing":
        message = "required field is missing"
    elif kind == "extra_forbidden":
        message = "unknown field (not part of the agency schema)"
    else:
        message = f"{detail['msg']}{_got(detail.get('input'))}"
    if key_error:
        message = f"invalid key: {message}"
    lines = [line for line in message.splitlines() if line.strip()]
    if not field:
        return lines
    return [f"{field}: {line}" for line in lines]


def _format_loc(loc: Sequence[int | str]) -> str:
    """Render a pydantic error location as the field path a TOML author writes.

    ``("staff", 3, "extension")`` becomes ``staff[3].extension``; a key that
    is not a bare word is quoted, ``office.hours['my day']``.

    Args:
        loc: The location parts, field names and list indexes.

    Returns:
        The dotted, indexed path; empty for the document's root.
    """
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part.replace("_", "").replace("-", "").isalnum():
            path += f".{part}" if path else part
        else:
            path += f"[{part!r}]"
    return path


def _got(value: Any) -> str:
    """A short " (got ...)" suffix showing the offending scalar value."""
    if isinstance(value, dict | list | tuple):
        return ""
    shown = repr(value)
    if len(shown) > _MAX_INPUT_REPR:
        shown = shown[: _MAX_INPUT_REPR - 3] + "..."
    return f" (got {shown})"
