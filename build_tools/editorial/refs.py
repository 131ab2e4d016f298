"""Citation items shared by annotations, glossary entries, cases and the chronology: a passage of
the set (``slug#pN`` with an optional exact quote) or a work of ``reference/works.yml`` by its key,
with a locator (chapter, section, page ...) that lets a reader find the claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic
from ..inputs.yaml_positions import Located, Path
from ..sources.bibliography import Work
from ..sources.model import AnchoredSource
from . import quotes, works


@dataclass(frozen=True)
class PassageRef:
    slug: str
    pid: str
    quote: str = ""


@dataclass(frozen=True)
class WorkRef:
    key: str
    at: works.Locator
    note: str = ""


Ref = PassageRef | WorkRef


@dataclass(frozen=True)
class Corpus:
    """What citations and quotes are checked against: every anchored source by slug."""

    sources: dict[str, AnchoredSource]
    works: dict[str, Work] = field(default_factory=dict)
    weak: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    events: dict[str, Any] = field(default_factory=dict)  # chronology.Event by id
    #: sources whose text or metadata has errors: citations of them are counted here, not checked
    failed: frozenset[str] = frozenset()
    unchecked: dict[str, int] = field(default_factory=dict)
    #: works whose file has errors (reported there): citations of them are not reported again
    failed_works: frozenset[str] = frozenset()

    def skip(self, slug: str) -> bool:
        """True (and counted) if ``slug`` is a source that failed: its errors come first, once."""
        if slug in self.failed:
            self.unchecked[slug] = self.unchecked.get(slug, 0) + 1
            return True
        return False

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
        who = bib.authors[0].sort_name if bib.authors else bib.container
        return f"{who} {bib.date[:4]}"


def parse_refs(located: Located, path: Path, items: list[Any], corpus: Corpus) -> tuple[tuple[Ref, ...], list[Diagnostic]]:
    """Validated citation items at ``path`` (the schema has already checked their shape)."""
    refs: list[Ref] = []
    found: list[Diagnostic] = []
    for i, item in enumerate(items):
        here = (*path, i)
        if "passage" in item:
            slug, _, pid = str(item["passage"]).partition("#")
            if corpus.skip(slug):
                continue
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
            key = str(item["work"])
            if key in corpus.failed_works:
                continue
            if key not in corpus.works:
                found.append(located.error((*here, "work"), "A013", f"no work {key!r} in {works.WORKS}"))
                continue
            at = works.locator(item.get("at"))
            if not any(name in works.LOCATING_KEYS for name, _ in at.parts):
                found.append(
                    located.error(
                        (*here, "work"), "A014", f"citation of {key!r} has no locator: add `at:` with a chapter, section, page, paragraph, note, entry or url"
                    )
                )
                continue
            reason = works.weak_reason(at.url, corpus.weak) if at.url else ""
            if reason:
                found.append(located.error((*here, "at", "url"), "W001", f"{at.url[:80]!r} is not an authority ({reason})"))
                continue
            refs.append(WorkRef(key, at, str(item.get("note", ""))))
    return tuple(refs), found
