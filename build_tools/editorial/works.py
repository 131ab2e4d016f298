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
from ..inputs.schema_check import real_date
from ..inputs.yaml_positions import Located, load_yaml

WORKS = "reference/works"
WEAK = "reference/weak-sources.yml"
LOCATOR_KEYS = ("volume", "part", "chapter", "section", "page", "paragraph", "note", "entry", "url")
#: at least one of these must be given: volume or part alone does not locate a claim
LOCATING_KEYS = ("chapter", "section", "page", "paragraph", "note", "entry", "url")


@dataclass(frozen=True)
class Person:
    """A person (family and given name) or a corporate author (``name`` only)."""

    family: str = ""
    given: str = ""
    name: str = ""

    @property
    def display(self) -> str:
        return self.name or f"{self.given} {self.family}".strip()

    @property
    def inverted(self) -> str:
        return self.name or f"{self.family}, {self.given}".rstrip(", ")

    @property
    def sort_name(self) -> str:
        return self.name or self.family


@dataclass(frozen=True)
class Work:
    key: str
    kind: str
    title: str
    date: str
    authors: tuple[Person, ...] = ()
    editors: tuple[Person, ...] = ()
    translators: tuple[Person, ...] = ()
    container: str = ""
    publisher: str = ""
    place: str = ""
    original_date: str = ""
    edition: str = ""
    series: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    url: str = ""
    accessed: str = ""
    language: str = ""
    note: str = ""
    line: int = 0

    @property
    def year(self) -> str:
        return self.date[:4]

    @property
    def short(self) -> str:
        """Author-date label: ``Rabinowitch 1976``, ``Smith and Jones 2001``, ``Reed et al. 1990``."""
        names = [p.sort_name for p in (self.authors or self.editors)]
        if not names:
            who = self.container or self.title
        elif len(names) == 1:
            who = names[0]
        elif len(names) == 2:
            who = f"{names[0]} and {names[1]}"
        else:
            who = f"{names[0]} et al."
        return f"{who} {self.year}"


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


def _people(items: list[dict[str, str]]) -> tuple[Person, ...]:
    return tuple(Person(str(p.get("family", "")), str(p.get("given", "")), str(p.get("name", ""))) for p in items)


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
    for field in ("date", "original_date", "accessed"):
        if field in data and not real_date(str(data[field])):
            found.append(located.error((field,), "S008", f"{data[field]!r} is not a real date"))
    if "url" in data:
        reason = weak_reason(data["url"], patterns)
        if reason:
            found.append(located.error(("url",), "W001", f"{data['url'][:80]!r} is not an authority ({reason})"))
    if data["kind"] == "chapter" and "container" not in data:
        found.append(located.error(("kind",), "S001", f"work {key!r} is a chapter: give the book it is in as 'container'"))
    plain = {k: str(v) for k, v in data.items() if k not in ("id", "authors", "editors", "translators")}
    return Work(
        key=key,
        authors=_people(data.get("authors", [])),
        editors=_people(data.get("editors", [])),
        translators=_people(data.get("translators", [])),
        line=1,
        **plain,
    )


def locator(data: dict[str, Any] | None) -> Locator:
    """A citation's ``at:`` mapping as a ``Locator`` (parts in the documented order)."""
    if not data:
        return Locator()
    return Locator(tuple((key, str(data[key])) for key in LOCATOR_KEYS if key in data))
