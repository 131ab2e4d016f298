"""Raw text + ``SourceSpec`` -> ``Source``: chrome dropped, every line given its declared role.

Lines are trimmed at the end (scraping left trailing no-break spaces) and cleaned of declared
scraper debris; otherwise the text stays exactly as received. A line with no rule is a paragraph.
"""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic
from . import author_notes, gaps, patterns
from .model import AuthorNote, Block, LineRule, Source, SourceSpec

#: roles whose lines become passages, with permanent ids: everything of the source a reader sees
PASSAGE_ROLES = ("standfirst", "byline", "provenance", "introduction", "paragraph", "heading", "blockquote", "list-item", "bio")
#: the printed number of an item of an ordered list (rendered by the list itself, so taken out of the text)
_LIST_NUMBER = re.compile(r"\A(\d{1,4})[.)]\s+(?=\S)")


def split_lines(raw: str) -> list[str]:
    """The raw text's lines, as numbered by an editor (1-based when indexed with n - 1)."""
    return raw.split("\n")


def _clean(lines: list[str], debris: tuple[tuple[str, str], ...]) -> tuple[list[str], int]:
    compiled = [patterns.compile(p) for p, _ in debris]
    removed = 0
    out = []
    for line in lines:
        for pattern in compiled:
            line, count = pattern.subn("", line)
            removed += count
        out.append(line.rstrip())
    return out, removed


def _roles(rules: tuple[LineRule, ...]) -> dict[int, LineRule]:
    owner: dict[int, LineRule] = {}
    for rule in rules:
        for number in range(rule.first, rule.last + 1):
            owner.setdefault(number, rule)
    return owner


def structure(spec: SourceSpec, raw: str) -> tuple[Source, tuple[Diagnostic, ...]]:
    """Apply the declared rules to the raw text; return the structured source and any problems."""
    lines, debris_removed = _clean(split_lines(raw), spec.debris)
    roles = _roles(spec.rules)
    notes_range = range(spec.notes.first, spec.notes.last + 1) if spec.notes else range(0)
    titles: list[str] = []
    blocks: list[Block] = []
    removed: list[tuple[int, str]] = []
    note_headings: dict[int, str] = {}
    for number, text in enumerate(lines, 1):
        text = text.strip()
        if not text:
            continue
        rule = roles.get(number)
        role = rule.role if rule else ("note" if number in notes_range else "paragraph")
        if role == "notes-heading":
            note_headings[number] = text
        elif role == "title":
            titles.append(text)
        elif role in ("drop", "caption", "pullquote"):
            removed.append((number, (rule.reason if rule else "") or role))
        elif role == "note":
            continue
        else:
            ordered = bool(rule and rule.ordered)
            printed = _LIST_NUMBER.match(text) if ordered and role == "list-item" else None
            blocks.append(
                Block(
                    kind=role,
                    text=text[printed.end() :] if printed else text,
                    line=number,
                    level=rule.level if rule and role == "heading" else 0,
                    ordered=ordered,
                    number=printed.group(1) if printed else "",
                )
            )
    found: list[Diagnostic] = []
    notes: tuple[AuthorNote, ...] = ()
    if spec.notes:
        blocks, marker_problems = author_notes.extract_markers(spec.notes, blocks, spec.raw_path, spec.meta_path)
        found.extend(marker_problems)
        parsed, note_problems = author_notes.parse_definitions(spec.notes, lines, note_headings, spec.raw_path)
        found.extend(note_problems)
        notes, link_problems = author_notes.link_notes(spec.notes, blocks, parsed, spec.raw_path)
        found.extend(link_problems)
    blocks = gaps.find_gaps(spec.gaps, blocks)
    source = Source(
        spec=spec,
        title_line=titles[0] if titles else "",
        blocks=tuple(blocks),
        notes=notes,
        removed=tuple(removed),
        debris_removed=debris_removed,
    )
    return source, tuple(found)
