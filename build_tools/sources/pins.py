"""Pins (``anchors/pins.yml``): ids a person chose where matching a passage was ambiguous.

Each pin maps a raw line number of a source to a permanent id (``new`` forces a fresh id). A pin
to an id that is not active, or that is not a number, is an error, never silently ignored.
"""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic
from ..inputs.yaml_positions import load_yaml

PINS = "anchors/pins.yml"
_ID = re.compile(r"\A(new|[a-z][a-z0-9-]*)\Z")


def load_pins(raw: bytes | None, slugs: set[str]) -> tuple[dict[str, dict[int, str]], list[Diagnostic]]:
    """Raw line number -> pinned id, by source slug, and every problem of the file."""
    if raw is None:
        return {}, []
    located, problems = load_yaml(PINS, raw)
    if located is None:
        return {}, list(problems)
    pinned: dict[str, dict[int, str]] = {}
    found: list[Diagnostic] = []
    for slug, items in located.data.items():
        if slug not in slugs:
            found.append(located.error((slug,), "P005", f"no source {slug!r} in seeds/"))
            continue
        if not isinstance(items, dict):
            found.append(located.error((slug,), "S003", "pins map raw line numbers to ids"))
            continue
        here: dict[int, str] = {}
        for line, pid in items.items():
            if not str(line).isdigit() or int(line) < 1:
                found.append(located.error((slug, line), "P005", f"{line!r} is not a line number"))
            elif not isinstance(pid, str) or not _ID.match(pid):
                found.append(located.error((slug, line), "P005", f"{pid!r} is not a passage id or 'new'"))
            else:
                here[int(line)] = pid
        pinned[slug] = here
    return pinned, found
