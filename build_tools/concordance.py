"""Where each glossary entry and case occurs: every hit in every passage, with its sentence.

Also decides which hits become links on source pages: the first occurrence of each target in
each section (a section runs from one heading to the next), never in headings, never across an
editorial span, marker or gap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import inline
from .linking import Hit, Linker
from .model import AnchoredSource

_SENTENCE_END = re.compile(r"(?<=[.!?…’”'\"])\s+(?=[A-Z‘“'\"(])")


@dataclass(frozen=True)
class Occurrence:
    slug: str
    pid: str
    start: int
    end: int
    sentence: str
    sentence_start: int


def sentence_around(text: str, start: int, end: int) -> tuple[str, int]:
    """The sentence of ``text`` containing ``start``-``end`` (and where it starts)."""
    begin = 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() <= start:
            begin = match.end()
        elif match.start() >= end:
            return text[begin : match.start()], begin
    return text[begin:], begin


def occurrences(linker: Linker, sources: list[AnchoredSource]) -> dict[tuple[str, str], list[Occurrence]]:
    """(kind, id) -> every occurrence in every passage and author's note, in reading order."""
    found: dict[tuple[str, str], list[Occurrence]] = {}
    for anchored in sources:
        for passage in anchored.passages:
            if passage.block.kind == "heading":
                continue
            text = passage.block.text
            for hit in linker.find(text):
                sentence, offset = sentence_around(text, hit.start, hit.end)
                key = (hit.target.kind, hit.target.ident)
                found.setdefault(key, []).append(Occurrence(anchored.source.slug, passage.pid, hit.start, hit.end, sentence, offset))
    return found


def _blocked(hit: Hit, spans: tuple[inline.Span, ...], points: list[int]) -> bool:
    if any(inline.overlaps((hit.start, hit.end), (s.start, s.end)) and not (s.start <= hit.start and hit.end <= s.end) for s in spans):
        return True
    return any(hit.start < p < hit.end for p in points)


def link_spans(
    linker: Linker, anchored: AnchoredSource, occupied: dict[str, tuple[inline.Span, ...]], href: dict[tuple[str, str], tuple[str, str]]
) -> dict[str, list[inline.Span]]:
    """Link spans per passage: first occurrence per section, avoiding editorial decorations.

    ``href`` maps (kind, id) to (url, preview template id).
    """
    result: dict[str, list[inline.Span]] = {}
    linked_in_section: set[tuple[str, str]] = set()
    for passage in anchored.passages:
        block = passage.block
        if block.kind == "heading":
            linked_in_section = set()
            continue
        points = [m.offset for m in block.markers] + [g.offset for g in block.gaps]
        spans = occupied.get(passage.pid, ())
        for hit in linker.find(block.text):
            key = (hit.target.kind, hit.target.ident)
            if key in linked_in_section or key not in href or _blocked(hit, spans, points):
                continue
            if any(s.start <= hit.start and hit.end <= s.end for s in spans):
                continue  # inside an annotated span: the editor's note takes precedence
            url, preview = href[key]
            cls = "dpr-gloss" if hit.target.kind == "glossary" else "dpr-caselink"
            result.setdefault(passage.pid, []).append(
                inline.Span(hit.start, hit.end, f'<a class="{cls} dpr-preview" href="{url}" data-preview="{preview}">', "</a>")
            )
            linked_in_section.add(key)
    return result
