"""A source's metadata file + its raw lines -> ``SourceSpec`` (declared editorial decisions).

Rules select lines by number (``line``, ``lines``) or by a pattern matching the whole trimmed line
(``match``); an ``expect`` guard catches line numbers that point at the wrong text. Every problem is
reported with the position of the offending key in the metadata file.
"""

from __future__ import annotations

from typing import Any

from ..diagnostics import Diagnostic
from ..inputs import schema_check
from ..inputs.yaml_positions import Located
from . import patterns
from .bibliography import work_from_data
from .model import (
    GapRef,
    GapSpec,
    LineRule,
    NoteOverride,
    NoteSpec,
    Record,
    SourceSpec,
)


def _range(value: str | int) -> tuple[int, int]:
    text = str(value)
    first, _, last = text.partition("-")
    return int(first), int(last or first)


def _compile(located: Located, path: tuple[str | int, ...], pattern: str, out: list[Diagnostic]) -> patterns.Bounded | None:
    try:
        return patterns.compile(pattern)
    except patterns.error as exc:
        out.append(located.error(path, "M010", f"invalid regular expression {pattern!r}: {exc}"))
        return None


def _record(data: dict[str, Any]) -> Record:
    return Record(**{k: str(data[k]) for k in ("rights", "description", "title_supplied", "date_note", "url_note") if k in data})


def _shift(lines: list[str], misses: list[tuple[int, str]]) -> tuple[int, int] | None:
    """If every failed ``expect`` guard's words are found the same number of lines away, that
    number and the first line concerned: the text has moved, not the rules gone wrong."""
    offsets = set()
    for first, expect in misses:
        near = [n - first for n in range(max(1, first - 200), min(len(lines), first + 200) + 1) if expect in lines[n - 1]]
        if not near:
            return None
        offsets.add(min(near, key=abs))
    if len(offsets) != 1 or 0 in offsets:
        return None
    return offsets.pop(), min(first for first, _ in misses)


def _rules(located: Located, lines: list[str], out: list[Diagnostic]) -> tuple[LineRule, ...]:
    result: list[LineRule] = []
    misses: list[tuple[int, str, Diagnostic]] = []
    owner: dict[int, int] = {}
    for index, rule in enumerate(located.data.get("rules", [])):
        here: tuple[str | int, ...] = ("rules", index)
        selectors = [k for k in ("line", "lines", "match") if k in rule]
        if len(selectors) != 1:
            out.append(located.error(here, "S001", "a rule needs exactly one of 'line', 'lines' or 'match'"))
            continue
        chosen: list[tuple[int, int]] = []
        if "match" in rule:
            pattern = _compile(located, (*here, "match"), rule["match"], out)
            if pattern is None:
                continue
            chosen = [(n, n) for n, text in enumerate(lines, 1) if text.strip() and pattern.fullmatch(text.strip())]
            if not chosen:
                out.append(located.error((*here, "match"), "M003", f"pattern {rule['match']!r} matches no line"))
                continue
        else:
            key = selectors[0]
            first, last = _range(rule[key])
            if first < 1 or last > len(lines) or first > last:
                out.append(located.error((*here, key), "M002", f"lines {first}-{last} are outside the file (1-{len(lines)})"))
                continue
            if not any(lines[n - 1].strip() for n in range(first, last + 1)):
                out.append(located.error((*here, key), "M003", f"line {first}-{last} is blank: the rule selects no text"))
                continue
            chosen = [(first, last)]
        expect = rule.get("expect")
        for first, last in chosen:
            if expect and not any(expect in lines[n - 1] for n in range(first, last + 1)):
                shown = lines[first - 1].strip()[:60]
                misses.append((first, expect, located.error((*here, "expect"), "M005", f"line {first} reads {shown!r}, not {expect!r}")))
                continue
            for n in range(first, last + 1):
                if lines[n - 1].strip() and n in owner and owner[n] != index:
                    out.append(located.error(here, "M004", f"line {n} is already given a role by rule {owner[n] + 1}"))
                owner.setdefault(n, index)
            result.append(LineRule(rule["role"], first, last, int(rule.get("level", 2)), bool(rule.get("ordered", False)), rule.get("reason", "")))
    shift = _shift(lines, [(first, expect) for first, expect, _ in misses]) if len(misses) >= 2 else None
    if shift is None:
        out.extend(d for _, _, d in misses)
    else:
        k, at = shift
        kept = [r.first for r in result if r.first < at]
        since = max(kept, default=0) + 1
        moved = f"{abs(k)} line(s) {'inserted' if k > 0 else 'removed'} between lines {since} and {at}"
        out.insert(
            0,
            located.error(
                ("rules",),
                "M015",
                f"the raw text has moved: {moved} of {located.path.replace('.yml', '.txt')} (the expected words of {len(misses)} rules "
                f"are now {abs(k)} line(s) {'lower' if k > 0 else 'higher'}): add {k} to the line numbers from line {at} on in {located.path}, "
                "and check anchors/pins.yml",
            ),
        )
    return tuple(result)


def _notes(located: Located, lines: list[str], out: list[Diagnostic]) -> NoteSpec | None:
    data = located.data.get("notes")
    if data is None:
        return None
    first, last = _range(data["lines"])
    if first < 1 or last > len(lines) or first > last:
        out.append(located.error(("notes", "lines"), "M002", f"lines {first}-{last} are outside the file (1-{len(lines)})"))
        return None
    markers = data.get("markers", "none")
    for key, pattern in (("start", data["start"]), ("markers", markers)):
        if key == "markers" and pattern == "none":
            continue
        compiled = _compile(located, ("notes", key), pattern, out)
        if compiled is None:
            return None
        if "label" not in compiled.groupindex:  # the label says which note a line starts or a marker points to
            out.append(located.error(("notes", key), "M010", f"the notes' {key} pattern needs a named group (?P<label>...)"))
            return None
    overrides = tuple(
        NoteOverride(int(o["occurrence"]), str(o["note"]), o["notice"], o.get("expect", ""), located.where(("notes", "overrides", i)))
        for i, o in enumerate(data.get("overrides", []))
    )
    return NoteSpec(
        first=first,
        last=last,
        start=data["start"],
        markers=None if markers == "none" else markers,
        markers_notice=data.get("markers_notice", ""),
        label_transform=data.get("label_transform", "identity"),
        label_offset=int(data.get("label_offset", 0)),
        overrides=overrides,
        unreferenced=tuple((str(u["note"]), u["notice"]) for u in data.get("unreferenced", [])),
        notices=tuple(data.get("notices", [])),
        markers_at=located.where(("notes", "markers")),
    )


def _gaps(located: Located, lines: list[str], out: list[Diagnostic]) -> GapSpec:
    data = located.data.get("gaps", {})
    for i, pattern in enumerate(data.get("patterns", [])):
        compiled = _compile(located, ("gaps", "patterns", i), pattern, out)
        if compiled is not None and "gap" not in compiled.groupindex:
            out.append(located.error(("gaps", "patterns", i), "M010", "a gap pattern needs an empty named group (?P<gap>)"))

    def refs(key: str) -> tuple[GapRef, ...]:
        found = []
        for i, ref in enumerate(data.get(key, [])):
            line = int(ref["line"])
            if line > len(lines):
                out.append(located.error(("gaps", key, i, "line"), "M002", f"line {line} is outside the file (1-{len(lines)})"))
            elif ref["after"] not in lines[line - 1]:
                out.append(located.error(("gaps", key, i, "after"), "M012", f"{ref['after']!r} does not occur on line {line}"))
            else:
                found.append(GapRef(line, ref["after"], ref.get("reason", "")))
        return tuple(found)

    return GapSpec(tuple(data.get("patterns", [])), refs("add"), refs("ignore"), data.get("notice", ""))


def parse_source_meta(located: Located, slug: str, raw_path: str, lines: list[str]) -> tuple[SourceSpec | None, tuple[Diagnostic, ...]]:
    """Validate a metadata file against its schema and the raw text it describes."""
    found = list(schema_check.check(located, "source.schema.json"))
    if found:
        return None, tuple(found)
    data = located.data
    if data["slug"] != slug:
        found.append(located.error(("slug",), "S006", f"slug {data['slug']!r} differs from the file name {slug!r}"))
    debris = []
    for i, item in enumerate(data.get("debris", [])):
        if _compile(located, ("debris", i, "pattern"), item["pattern"], found) is not None:
            compiled = patterns.compile(item["pattern"])
            if not any(compiled.search(line) for line in lines):
                found.append(located.error(("debris", i, "pattern"), "M011", f"pattern {item['pattern']!r} matches nothing"))
            debris.append((item["pattern"], item["reason"]))
    spec = SourceSpec(
        slug=slug,
        meta_path=located.path,
        raw_path=raw_path,
        bibliography=work_from_data(slug, data["bibliography"]),
        record=_record(data["bibliography"]),
        rules=_rules(located, lines, found),
        debris=tuple(debris),
        notes=_notes(located, lines, found),
        gaps=_gaps(located, lines, found),
        anomalies=tuple(data.get("anomalies", [])),
    )
    return (None if found else spec), tuple(found)
