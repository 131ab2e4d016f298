"""Decisions a person made about ids (``anchors/pins.yml``), per source.

``pins``: the id a passage must have, named by the words it starts with (never by a line number,
which a new copy of the text shifts); ``new`` forces a fresh id. ``retire``: where readers of a
retired id go, and why (``moved``, ``split``, ``merged`` or ``removed``), when the automatic rule
asked for a decision. A pin or decision that does not fit the text is an error, never ignored::

    callinicos-1977-soviet-power:
      pins:
        - {id: p54, text: "Gramsci’s Ordine Nuovo group"}
      retire:
        - {id: p12, successor: p64, how: moved}
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic
from ..inputs import schema_check
from ..inputs.yaml_positions import load_yaml

PINS = "anchors/pins.yml"
_ID = re.compile(r"\A(new|p[1-9][0-9]*|n[0-9a-z-]+)\Z")


@dataclass(frozen=True)
class Pin:
    pid: str
    text: str
    line: int = 1


@dataclass(frozen=True)
class SourcePins:
    path: str = PINS
    pins: tuple[Pin, ...] = ()
    decisions: dict[str, tuple[str, str]] = field(default_factory=dict)  # retired id -> (successor, how)


def load_pins(raw: bytes | None, slugs: set[str]) -> tuple[dict[str, SourcePins], list[Diagnostic]]:
    """The decisions for each source, and every problem of the file."""
    if raw is None:
        return {}, []
    located, problems = load_yaml(PINS, raw)
    if located is None:
        return {}, list(problems)
    found = list(schema_check.check(located, "pins.schema.json"))
    if found:
        return {}, found
    result: dict[str, SourcePins] = {}
    for slug, data in located.data.items():
        if slug not in slugs:
            found.append(located.error((slug,), "P005", f"no source {slug!r} in seeds/"))
            continue
        pins = tuple(Pin(p["id"], p["text"], located.where((slug, "pins", i))[0]) for i, p in enumerate(data.get("pins", [])))
        decisions = {d["id"]: (d["successor"], d["how"]) for d in data.get("retire", [])}
        result[slug] = SourcePins(PINS, pins, decisions)
    return result, found
