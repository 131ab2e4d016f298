"""What one state of the inputs adds, changes or removes against another, as the Markdown of a
pull request's job summary: editor's notes, glossary entries, cases, works cited, chronology events
and sources, each with a link to where it is on the built site.

Items are compared as the model holds them (notes) or by the bytes of their own file (everything
that has one), so a change of wording shows even when the rendered page looks the same. Every
piece of contributor text that reaches the summary is escaped for Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..diagnostics import Diagnostic
from ..editorial.edition import Edition
from ..inputs.files import Inputs
from ..render.urls import case_doc, glossary_doc, page_path, source_doc
from .issue_form import fenced

WORKS_DOC = "works/index.md"
CHRONOLOGY_DOC = "chronology/index.md"
SECTIONS = ("Sources", "Editor's notes", "Glossary entries", "Cases", "Works cited", "Chronology")
LIST_LIMIT = 200  # items listed one by one in each section
PROBLEM_LIMIT = 50


@dataclass(frozen=True)
class Change:
    section: str
    action: str  # added, changed, removed
    label: str
    doc: str
    anchor: str = ""


def md_text(text: str, limit: int = 90) -> str:
    """Contributor text as inert Markdown: one line, at most ``limit`` characters, punctuation escaped."""
    line = " ".join(text.split())
    if len(line) > limit:
        line = line[: limit - 1] + "…"
    # every character that can start Markdown or HTML mid-line; the item is never at a line's start
    return re.sub(r"([\\`*_{}\[\]()#!|<>~@&:])", r"\\\1", line)


def _diff(base: dict[str, object], head: dict[str, object]) -> Iterable[tuple[str, str]]:
    """(action, key) for every key added, changed or removed, in key order."""
    for key in sorted(set(base) | set(head)):
        if key not in base:
            yield "added", key
        elif key not in head:
            yield "removed", key
        elif base[key] != head[key]:
            yield "changed", key


def _files(inputs: Inputs, folder: str, keys: Iterable[str]) -> dict[str, object]:
    return {key: inputs.files.get(f"{folder}/{key}.yml") for key in keys}


def changes(base: Edition, base_inputs: Inputs, head: Edition, head_inputs: Inputs) -> list[Change]:
    """Every item ``head`` adds, changes or removes against ``base``."""
    found: list[Change] = []

    def either(key: str, new: dict[str, object], old: dict[str, object]) -> object:
        return new.get(key, old.get(key))

    def sources(e: Edition, i: Inputs) -> dict[str, object]:
        return {a.source.slug: (i.files.get(f"seeds/{a.source.slug}.txt"), i.files.get(f"seeds/{a.source.slug}.yml")) for a in e.sources}

    titles = {a.source.slug: a.source.spec.bibliography.title for a in (*base.sources, *head.sources)}
    for action, slug in _diff(sources(base, base_inputs), sources(head, head_inputs)):
        found.append(Change("Sources", action, f"{titles[slug]} ({slug})", source_doc(slug)))

    def notes(e: Edition) -> dict[str, object]:
        return {f"{slug}#{n.aid}": replace(n, line=0) for slug, group in e.notes.items() for n in group}

    old_notes, new_notes = notes(base), notes(head)
    for action, key in _diff(old_notes, new_notes):
        note = either(key, new_notes, old_notes)
        slug, aid = key.split("#", 1)
        what = getattr(note, "exact", "") or f"gap {getattr(note, 'gap', '')}"
        label = f"{aid} ({getattr(note, 'kind', '')}) on {slug} {getattr(note, 'pid', '')}: “{what}”"
        found.append(Change("Editor's notes", action, label, source_doc(slug), f"ed-{aid}"))

    names = {e.eid: e.name for e in (*base.entries, *head.entries)}
    old, new = _files(base_inputs, "glossary", (e.eid for e in base.entries)), _files(head_inputs, "glossary", (e.eid for e in head.entries))
    found += [Change("Glossary entries", action, f"{names[eid]} ({eid})", glossary_doc(eid)) for action, eid in _diff(old, new)]

    case_names = {c.cid: c.name for c in (*base.cases, *head.cases)}
    old, new = _files(base_inputs, "cases", (c.cid for c in base.cases)), _files(head_inputs, "cases", (c.cid for c in head.cases))
    found += [Change("Cases", action, f"{case_names[cid]} ({cid})", case_doc(cid)) for action, cid in _diff(old, new)]

    works = {**base.corpus.works, **head.corpus.works}
    old, new = _files(base_inputs, "reference/works", base.corpus.works), _files(head_inputs, "reference/works", head.corpus.works)
    found += [Change("Works cited", action, f"{works[key].short}: {works[key].title} ({key})", WORKS_DOC, f"work-{key}") for action, key in _diff(old, new)]

    events = {**base.corpus.events, **head.corpus.events}
    old, new = _files(base_inputs, "reference/chronology", base.corpus.events), _files(head_inputs, "reference/chronology", head.corpus.events)
    found += [Change("Chronology", action, f"{events[eid].title} ({eid})", CHRONOLOGY_DOC, f"event-{eid}") for action, eid in _diff(old, new)]
    return found


def site_link(base_url: str, change: Change) -> str:
    """The address of a change on a site published at ``base_url``."""
    fragment = f"#{change.anchor}" if change.anchor else ""
    return f"{base_url.rstrip('/')}/{page_path(change.doc)}{fragment}"


def summary(found: list[Change], preview_url: str, published_url: str = "", artifact_url: str = "", problems: Iterable[Diagnostic] = ()) -> str:
    """The job summary: counts, then each section's items with links into the built site."""
    lines = ["## What this pull request changes", ""]
    if artifact_url:
        lines += [
            f"The built site is attached to this run as the artifact [`site`]({artifact_url}). To read it, unzip it into a folder "
            f"`site` and run `python3 -m http.server -d site 8000`; the preview links below then open at {preview_url.rstrip('/')}/.",
            "",
        ]
    errors = sorted(problems)
    if errors:
        shown = "\n".join(d.format() for d in errors[:PROBLEM_LIMIT])
        more = f"\n… and {len(errors) - PROBLEM_LIMIT} more" if len(errors) > PROBLEM_LIMIT else ""
        lines += [f"**{len(errors)} problem(s)** (each is also shown on its line under *Files changed*):", "", fenced(shown + more), ""]
    if not found:
        lines.append("No editor's notes, glossary entries, cases, works, chronology events or sources are added, changed or removed.")
        return "\n".join(lines) + "\n"
    for section in SECTIONS:
        items = [c for c in found if c.section == section]
        if not items:
            continue
        counts = ", ".join(f"{sum(1 for c in items if c.action == a)} {a}" for a in ("added", "changed", "removed") if any(c.action == a for c in items))
        lines += [f"### {section} ({counts})", ""]
        for change in items[:LIST_LIMIT]:
            if change.action == "removed":
                lines.append(f"- **removed** {md_text(change.label)}")
                continue
            where = f"[preview]({site_link(preview_url, change)})"
            if published_url:
                where += f" · [published site, once merged]({site_link(published_url, change)})"
            lines.append(f"- **{change.action}** {md_text(change.label)}: {where}")
        if len(items) > LIST_LIMIT:
            lines.append(f"- … and {len(items) - LIST_LIMIT} more")
        lines.append("")
    return "\n".join(lines)
