"""Finding caller data left raw in log output: the check behind every scenario's logs."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from statecharts import AgencyConfig

_EMAIL = re.compile(r"(?<![\w*.+:-])([A-Za-z0-9][\w.+-]*)@([\w-]+\.[\w.-]+)")


def raw_personal_data(
    output: str, caller: Mapping[str, Any], numbers: Iterable[str | None], config: AgencyConfig
) -> list[str]:
    """Every piece of the caller's data that appears unmasked in `output`.

    Names are looked for as whole words, except ones that are also staff names
    (a routing target is logged by name, and is agency data, not the caller's).
    Phone numbers are looked for as written and as bare digits. An email is raw
    unless its local part is masked (`j***@example.com`).
    """
    staff_words = {word for member in config.staff for word in member.name.split()}
    found = []
    for key in ("first_name", "last_name", "business_name", "last_name_spelled"):
        value = caller.get(key)
        if not value or len(value) < 3:
            continue
        for word in str(value).split():
            if (
                len(word) >= 3
                and word not in staff_words
                and re.search(rf"\b{re.escape(word)}\b", output)
            ):
                found.append(f"{key} {word!r}")
    for number in [caller.get("phone"), *numbers]:
        if not number:
            continue
        digits = re.sub(r"\D", "", str(number))
        forms = {str(number), digits, digits[-10:]} if len(digits) >= 7 else {str(number)}
        if any(form in output for form in forms):
            found.append(f"phone {number!r}")
    for local, _domain in _EMAIL.findall(output):
        if "***" not in local:
            found.append(f"email {local}@...")
    return found
