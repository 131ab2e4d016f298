"""Where each glossary entry and case occurs: every hit in every passage, with its sentence.

Also decides which hits become links on source pages: the first occurrence of each target on the
page, never in headings, never across an editorial span, marker or gap. (One link per page, not
per section: a page of many short sections was a sea of underlines.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..sources.model import AnchoredSource
from .linking import Hit, Linker

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


def _blocked(hit: Hit, spans: tuple[tuple[int, int], ...], points: list[int]) -> bool:
    """True if ``hit`` crosses an editorial span or contains a marker or gap."""
    if any(hit.start < e and s < hit.end and not (s <= hit.start and hit.end <= e) for s, e in spans):
        return True
    return any(hit.start < p < hit.end for p in points)


def links(linker: Linker, anchored: AnchoredSource, occupied: dict[str, tuple[tuple[int, int], ...]], linkable: set[tuple[str, str]]) -> dict[str, list[Hit]]:
    """The hits that become links, per passage: first occurrence on the page, never in headings,
    never across an editorial span, marker or gap, never inside words an editor's note marks.

    ``occupied`` holds the (start, end) ranges of editor's notes per passage; ``linkable`` the
    (kind, id) targets that have a page.
    """
    result: dict[str, list[Hit]] = {}
    linked: set[tuple[str, str]] = set()
    for passage in anchored.passages:
        block = passage.block
        if block.kind == "heading":
            continue
        points = [m.offset for m in block.markers] + [g.offset for g in block.gaps]
        spans = occupied.get(passage.pid, ())
        for hit in linker.find(block.text):
            key = (hit.target.kind, hit.target.ident)
            if key in linked or key not in linkable or _blocked(hit, spans, points):
                continue
            if any(s <= hit.start and hit.end <= e for s, e in spans):
                continue  # inside an annotated span: the editor's note takes precedence
            result.setdefault(passage.pid, []).append(hit)
            linked.add(key)
    return result
