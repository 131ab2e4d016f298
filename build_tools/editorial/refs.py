"""Citation items shared by annotations, glossary entries and cases: a passage of the set
(``slug#pN`` with an optional exact quote) or a published work (author, title, year, page, URL).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from ..diagnostics import Diagnostic
from ..inputs.yaml_positions import Located, Path
from ..sources.model import AnchoredSource
from . import quotes


@dataclass(frozen=True)
class PassageRef:
    slug: str
    pid: str
    quote: str = ""


@dataclass(frozen=True)
class WorkRef:
    author: str
    title: str
    year: str
    page: str = ""
    url: str = ""
    publisher: str = ""
    note: str = ""


Ref = PassageRef | WorkRef


@dataclass(frozen=True)
class Corpus:
    """What citations and quotes are checked against: every anchored source by slug."""

    sources: dict[str, AnchoredSource]

    def passage_text(self, slug: str, pid: str) -> str | None:
        anchored = self.sources.get(slug)
        if anchored is None:
            return None
        passage = anchored.passage(pid)
        if passage is not None:
            return passage.block.text
        for note in anchored.source.notes:
            if note.note_id == pid:
                return " ".join(note.lines)
        if any(r.pid == pid for r in anchored.retired):
            return ""
        return None

    def short_name(self, slug: str) -> str:
        anchored = self.sources.get(slug)
        if anchored is None:
            return slug
        bib = anchored.source.spec.bibliography
        who = bib.authors[0].family if bib.authors else bib.publication
        return f"{who} {bib.date[:4]}"


def parse_refs(located: Located, path: Path, items: list[Any], corpus: Corpus) -> tuple[tuple[Ref, ...], list[Diagnostic]]:
    """Validated citation items at ``path`` (the schema has already checked their shape)."""
    refs: list[Ref] = []
    found: list[Diagnostic] = []
    for i, item in enumerate(items):
        here = (*path, i)
        if "passage" in item:
            slug, _, pid = str(item["passage"]).partition("#")
            text = corpus.passage_text(slug, pid)
            if slug not in corpus.sources:
                found.append(located.error((*here, "passage"), "A007", f"no source {slug!r} (known: {', '.join(sorted(corpus.sources))})"))
                continue
            if text is None:
                found.append(located.error((*here, "passage"), "A007", f"source {slug} has no passage {pid!r}"))
                continue
            quote = str(item.get("quote", ""))
            if quote and not quotes.find_all(text, quote):
                found.append(located.error((*here, "quote"), "A002", f"quote {quote[:60]!r} is not in {slug}#{pid}"))
                continue
            refs.append(PassageRef(slug, pid, quote))
        else:
            refs.append(
                WorkRef(
                    str(item["author"]).strip(),
                    str(item["title"]).strip(),
                    str(item["year"]),
                    str(item.get("page", "")),
                    str(item.get("url", "")),
                    str(item.get("publisher", "")),
                    str(item.get("note", "")),
                )
            )
    return tuple(refs), found
