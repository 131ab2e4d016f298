"""The source's own notes: find markers in the text, parse the note texts, link them both ways.

Marker style, note layout and every anomaly are declared in the metadata (``notes:``); this module
only applies those declarations and reports what does not fit.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..diagnostics import Diagnostic, error
from . import patterns
from .model import AuthorNote, Block, Marker, NoteSpec

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def roman_to_int(text: str) -> int | None:
    """Value of a lowercase roman numeral, or None if it is not one."""
    if not text or any(ch not in _ROMAN for ch in text):
        return None
    total = 0
    for here, after in zip(text, text[1:] + " ", strict=False):
        value = _ROMAN[here]
        total += -value if after != " " and _ROMAN[after] > value else value
    return total


def note_id(label: str) -> str:
    """Permanent HTML id of a note from its printed label: ``1`` -> ``n1``, ``1*`` -> ``n1-star``."""
    return "n" + label.lower().replace("*", "-star")


def parse_definitions(spec: NoteSpec, lines: list[str], headings: dict[int, str], path: str) -> tuple[tuple[AuthorNote, ...], tuple[Diagnostic, ...]]:
    """Note texts inside the declared line range; a note runs until the next note's first line."""
    start = patterns.compile(spec.start)
    notes: list[AuthorNote] = []
    found: list[Diagnostic] = []
    group = ""
    current: tuple[str, list[str], int, str] | None = None

    def flush() -> None:
        if current is not None:
            label, body, line, grp = current
            notes.append(AuthorNote(label, note_id(label), tuple(body), line, grp))

    for number in range(spec.first, spec.last + 1):
        text = lines[number - 1].strip()
        if number in headings:
            flush()
            current, group = None, headings[number]
            continue
        if not text:
            continue
        match = start.fullmatch(text)
        if match:
            flush()
            body = [match.group("text").strip()] if "text" in match.groupdict() and match.group("text") else []
            current = (match.group("label"), body, number, group)
        elif current is not None:
            current[1].append(text)
        else:
            found.append(error(path, number, 1, "M003", f"line {number} in the notes range does not start a note: {text[:50]!r}"))
    flush()
    labels = Counter(n.label for n in notes)
    for note in notes:
        if labels[note.label] > 1:
            found.append(error(path, note.line, 1, "M009", f"note {note.label} is defined more than once"))
    return tuple(notes), tuple(found)


def _resolve_label(spec: NoteSpec, printed: str) -> str:
    if spec.label_transform == "roman":
        value = roman_to_int(printed)
        return str(value + spec.label_offset) if value is not None else printed
    if spec.label_offset and printed.isdigit():
        return str(int(printed) + spec.label_offset)
    return printed


def extract_markers(spec: NoteSpec, blocks: list[Block], path: str, meta_path: str) -> tuple[list[Block], tuple[Diagnostic, ...]]:
    """Remove note markers from block texts, recording each as a ``Marker`` at its offset."""
    if spec.markers is None:
        return blocks, ()
    pattern = patterns.compile(spec.markers)
    overrides = {o.occurrence: o for o in spec.overrides}
    found: list[Diagnostic] = []
    seen: Counter[str] = Counter()
    occurrence = 0
    result: list[Block] = []
    for block in blocks:
        if block.kind == "heading":
            result.append(block)
            continue
        pieces: list[str] = []
        markers: list[Marker] = []
        cursor = 0
        for match in pattern.finditer(block.text):
            occurrence += 1
            pieces.append(block.text[cursor : match.start()])
            cursor = match.end()
            printed = match.group("label")
            override = overrides.get(occurrence)
            if override and override.expect and override.expect != printed:
                found.append(error(meta_path, *override.at, "M005", f"marker {occurrence} is printed {printed!r}, not {override.expect!r}"))
            note = override.note if override else _resolve_label(spec, printed)
            seen[note] += 1
            if seen[note] > 1 and not override:
                col = match.start() + 1
                found.append(error(path, block.line, col, "M009", f"marker {printed!r} occurs again (occurrence {occurrence})"))
            ref = "r" + note_id(note)[1:] + (f"-{seen[note]}" if seen[note] > 1 else "")
            offset = sum(len(p) for p in pieces)
            markers.append(Marker(offset, printed, note, ref, override.notice if override else "", column=match.start() + 1))
        pieces.append(block.text[cursor:])
        result.append(replace(block, text="".join(pieces), markers=tuple(markers)) if markers else block)
    if occurrence == 0:
        found.append(error(meta_path, *spec.markers_at, "M006", f"marker pattern {spec.markers!r} finds no markers in the text"))
    for number in sorted(overrides):
        if number > occurrence:
            found.append(error(meta_path, *overrides[number].at, "M003", f"override for marker {number}, but only {occurrence} markers exist"))
    return result, tuple(found)


def link_notes(spec: NoteSpec, blocks: list[Block], notes: tuple[AuthorNote, ...], path: str) -> tuple[tuple[AuthorNote, ...], tuple[Diagnostic, ...]]:
    """Attach back-references to notes; report markers without notes and notes without markers."""
    by_label = {n.label: n for n in notes}
    refs: dict[str, list[str]] = {n.label: [] for n in notes}
    found: list[Diagnostic] = []
    for block in blocks:
        for marker in block.markers:
            if marker.note not in by_label:
                found.append(
                    error(
                        path,
                        block.line,
                        marker.column or marker.offset + 1,
                        "M007",
                        f"marker {marker.printed!r} points to note {marker.note}, which does not exist",
                    )
                )
            else:
                refs[marker.note].append(marker.ref_id)
    unreferenced = dict(spec.unreferenced)
    linked: list[AuthorNote] = []
    for note in notes:
        notice = unreferenced.get(note.label, "")
        if spec.markers is not None and not refs[note.label] and not notice:
            found.append(error(path, note.line, 1, "M008", f"note {note.label} has no marker in the text"))
        linked.append(replace(note, refs=tuple(refs[note.label]), notice=notice))
    return tuple(linked), tuple(found)
