"""Works cited: ``reference/works/<key>.yml`` holds every published work the apparatus cites, one a file.

Notes, glossary entries, cases and the chronology cite a work by its key plus a locator (chapter,
section, page ...). This module loads and checks the file: schema, real dates, and the
weak-source rule (``reference/weak-sources.yml``: hosts and paths that are not authorities, such
as blogs, tag pages, mirrors and machine-written pages).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..diagnostics import Diagnostic
from ..inputs import schema_check
from ..inputs.yaml_positions import Located, load_yaml
from ..sources.bibliography import Work, work_from_data

WORKS = "reference/works"
WEAK = "reference/weak-sources.yml"
LOCATOR_KEYS = ("volume", "part", "chapter", "section", "page", "paragraph", "note", "entry", "url")
#: at least one of these must be given: volume or part alone does not locate a claim
LOCATING_KEYS = ("chapter", "section", "page", "paragraph", "note", "entry", "url")


@dataclass(frozen=True)
class Locator:
    """Where in a work: the parts given, in the order they are printed."""

    parts: tuple[tuple[str, str], ...] = ()

    def text(self) -> str:
        labels = {"volume": "vol.", "part": "pt", "chapter": "ch.", "section": "§", "paragraph": "para.", "note": "n.", "entry": ""}
        out = []
        for key, value in self.parts:
            if key == "url":
                continue
            if key == "page":
                out.append(("pp. " if re.search(r"[–-]", value) else "p. ") + value)
            elif key == "entry":
                out.append(value)
            else:
                out.append(f"{labels[key]} {value}")
        return ", ".join(out)

    @property
    def url(self) -> str:
        return dict(self.parts).get("url", "")


def weak_patterns(raw: bytes | None) -> tuple[list[tuple[re.Pattern[str], str]], list[Diagnostic]]:
    """The weak-source patterns (regular expressions over a URL without its scheme) and their reasons."""
    if raw is None:
        return [], []
    located, problems = load_yaml(WEAK, raw)
    if located is None:
        return [], list(problems)
    found: list[Diagnostic] = []
    patterns: list[tuple[re.Pattern[str], str]] = []
    for i, item in enumerate(located.data.get("patterns", [])):
        if not isinstance(item, dict) or not isinstance(item.get("pattern"), str) or not isinstance(item.get("reason"), str):
            found.append(located.error(("patterns", i), "S003", "each weak-source pattern needs 'pattern' and 'reason' (text)"))
            continue
        try:
            patterns.append((re.compile(item["pattern"], re.I), item["reason"]))
        except re.error as exc:
            found.append(located.error(("patterns", i, "pattern"), "M010", f"invalid regular expression {item['pattern']!r}: {exc}"))
    return patterns, found


def weak_reason(url: str, patterns: list[tuple[re.Pattern[str], str]]) -> str:
    """Why ``url`` is not an authority, or "" when no weak-source pattern matches it."""
    bare = re.sub(r"^https?://", "", url)
    for pattern, reason in patterns:
        if pattern.search(bare):
            return reason
    return ""


def load_works(files: dict[str, bytes], weak_raw: bytes | None) -> tuple[dict[str, Work], list[tuple[re.Pattern[str], str]], list[Diagnostic]]:
    """Every work of ``reference/works/<key>.yml`` by key, the weak-source patterns, and all problems."""
    patterns, found = weak_patterns(weak_raw)
    works: dict[str, Work] = {}
    for key, raw in sorted(files.items()):
        path = f"{WORKS}/{key}.yml"
        located, problems = load_yaml(path, raw)
        if located is None:
            found.extend(problems)
            continue
        schema_problems = schema_check.check(located, "work.schema.json")
        if schema_problems:
            found.extend(schema_problems)
            continue
        if located.data["id"] != key:
            found.append(located.error(("id",), "S006", f"id {located.data['id']!r} differs from the file name {key!r}"))
            continue
        works[key] = _work(located, key, located.data, patterns, found)
    return works, patterns, found


def _work(located: Located, key: str, data: dict[str, Any], patterns: list[tuple[re.Pattern[str], str]], found: list[Diagnostic]) -> Work:
    if "url" in data:
        reason = weak_reason(data["url"], patterns)
        if reason:
            found.append(located.error(("url",), "W001", f"{data['url'][:80]!r} is not an authority ({reason})"))
    if data["kind"] == "chapter" and "container" not in data:
        found.append(located.error(("kind",), "S001", f"work {key!r} is a chapter: give the book it is in as 'container'"))
    return work_from_data(key, data)


def locator(data: dict[str, Any] | None) -> Locator:
    """A citation's ``at:`` mapping as a ``Locator`` (parts in the documented order)."""
    if not data:
        return Locator()
    return Locator(tuple((key, str(data[key])) for key in LOCATOR_KEYS if key in data))
