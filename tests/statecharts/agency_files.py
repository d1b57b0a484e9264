"""Build agency files for tests: the shipped TOML as a dict, and a tiny TOML writer.

Bad-file tests start from the real default agency, change one thing, and
write it back, so each test shows exactly the mistake it is about. No TOML
writer is installed (and none is worth a dependency), so `dumps` writes every
table inline: valid TOML, if not pretty.
"""

from __future__ import annotations

import json
import re
import tomllib
from datetime import date, datetime, time
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["dumps", "shipped_document", "shipped_text", "staff_entry", "write_agency"]

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def shipped_text() -> str:
    """The packaged default agency file, as text."""
    resource = resources.files("statecharts").joinpath("agencies/harry_levine.toml")
    return resource.read_text(encoding="utf-8")


def shipped_document() -> dict[str, Any]:
    """A fresh, mutable parse of the packaged default agency file."""
    return tomllib.loads(shipped_text())


def staff_entry(document: dict[str, Any], name: str) -> dict[str, Any]:
    """The staff table with this canonical name, for mutating in place."""
    for entry in document["staff"]:
        if entry["name"] == name:
            return entry  # type: ignore[no-any-return]
    msg = f"no staff member {name!r} in the document"
    raise KeyError(msg)


def dumps(document: dict[str, Any]) -> str:
    """Write a TOML document with every nested table and array inline."""
    return "".join(f"{_key(key)} = {_value(value)}\n" for key, value in document.items())


def write_agency(directory: Path, document: dict[str, Any], name: str = "agency.toml") -> Path:
    """Write `document` as TOML into `directory` and return the file's path."""
    path = directory / name
    path.write_text(dumps(document), encoding="utf-8")
    return path


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else json.dumps(key)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        # JSON string escapes (\" \\ \n \uXXXX) are all valid TOML basic-string escapes.
        return json.dumps(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, dict):
        pairs = ", ".join(f"{_key(key)} = {_value(item)}" for key, item in value.items())
        return "{" + pairs + "}"
    msg = f"cannot write {type(value).__name__} as TOML"
    raise TypeError(msg)
