"""The site's search index: one record per passage (by its permanent id), per author's note, per
editor's note, per glossary entry, per case and per section of a hand-written page.

The browser fetches it only when the reader opens search (``docs/assets/search.js``, which builds
a MiniSearch index from it). Deterministic: records in a fixed order, JSON with sorted keys and no
spaces, so a rebuild writes the same bytes. Records are arrays, not objects, to keep the file small:

    {"pages": [[url, title, kind], ...],
     "records": [[page, anchor, kind, text], ...]}

``page`` indexes ``pages``; ``anchor`` is the fragment a result lands on ("" for the page top);
``kind`` is one of ``KINDS``. Text is plain (no markup); the script escapes whatever it shows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence

from ..editorial.edition import Edition
from ..sources.model import Gap
from . import notes as notes_render
from .urls import case_doc, glossary_doc, page_path, source_doc

INDEX_PATH = "search/index.json"

#: the kinds of record, in the order results are grouped: the texts first, notes apart
KINDS = ("text", "author-note", "editor-note", "glossary", "case", "page")

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_ATTRS = re.compile(r"\{[:#.][^}]*\}")
_MARKS = re.compile(r"(?<!\w)[*_`]+|[*_`]+(?!\w)")
_HEADING = re.compile(r"^(#{1,3})\s+(.*?)\s*$")
_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_TITLE = re.compile(r"^title:\s*(.+)$", re.M)


def plain(markdown: str) -> str:
    """The words of a piece of contributor or hand-written Markdown, without its syntax."""
    text = _LINK.sub(r"\1", markdown)
    text = _TAG.sub(" ", text)
    text = _ATTRS.sub("", text)
    text = _MARKS.sub("", text)
    text = re.sub(r"^\s*(?:[-*+]|\d+\.|>|\|)\s*", "", text, flags=re.M)
    text = text.replace("|", " ")
    return " ".join(text.split())


def slug(heading: str) -> str:
    """The anchor Python-Markdown's ``toc`` extension gives a heading (its default ``slugify``)."""
    value = re.sub(r"[^\w\s-]", "", plain(heading)).strip().lower()
    return re.sub(r"[-\s]+", "-", value)


def _heading_anchor(text: str) -> tuple[str, str]:
    explicit = re.search(r"\{[^}]*#([A-Za-z][\w-]*)[^}]*\}\s*$", text)
    words = plain(_ATTRS.sub("", text))
    return words, explicit.group(1) if explicit else slug(words)


def doc_sections(markdown: str) -> tuple[str, list[tuple[str, str]]]:
    """A hand-written page's title and its sections as (anchor, text), the first with anchor ""."""
    front = _FRONT.match(markdown)
    body = markdown[front.end() :] if front else markdown
    title_match = _TITLE.search(front.group(1)) if front else None
    title = title_match.group(1).strip().strip("\"'") if title_match else ""
    sections: list[tuple[str, list[str]]] = [("", [])]
    in_code = False
    for line in body.splitlines():
        if line.lstrip().startswith("```"):
            in_code = not in_code
            continue
        found = None if in_code else _HEADING.match(line)
        if found:
            words, anchor = _heading_anchor(found.group(2))
            if len(found.group(1)) == 1:
                title = title or words
                continue
            sections.append((anchor, [words]))
        else:
            sections[-1][1].append(line)
    return title, [(anchor, plain("\n".join(lines))) for anchor, lines in sections if plain("\n".join(lines))]


def with_gaps(text: str, gaps: Sequence[Gap], pid: str, supplied: Mapping[tuple[str, str], str]) -> str:
    """A passage's received text as the page shows it: each lost word as the editors' ``[word]``
    where they supply it, else ``[…]`` (never silently closed up)."""
    for gap in sorted(gaps, key=lambda g: g.offset, reverse=True):
        word = supplied.get((pid, gap.gid))
        text = f"{text[: gap.offset]}[{word or '…'}]{text[gap.offset :]}"
    return text


def index_data(edition: Edition, docs: Mapping[str, str]) -> dict[str, list[list[object]]]:
    """The index as data: every source, note, entry, case and hand-written page (``docs``: path -> Markdown)."""
    pages: list[list[object]] = []
    records: list[list[object]] = []

    def page(doc: str, title: str, kind: str) -> int:
        pages.append([page_path(doc), title, kind])
        return len(pages) - 1

    for anchored in edition.sources:
        source = anchored.source
        at = page(source_doc(source.slug), source.spec.bibliography.title, "source")
        supplied = {(n.pid, n.gap): n.supply for n in edition.notes.get(source.slug, ()) if n.gap}
        for passage in anchored.passages:
            records.append([at, passage.pid, "text", with_gaps(passage.block.text, passage.block.gaps, passage.pid, supplied)])
        for note in source.notes:
            records.append([at, note.note_id, "author-note", " ".join(note.lines)])
        for mark, ednote in notes_render.ordered(edition.notes.get(source.slug, ()), anchored):
            records.append([at, f"ed-{ednote.aid}", "editor-note", f"{mark} {plain(ednote.body)}"])
    for entry in edition.entries:
        at = page(glossary_doc(entry.eid), entry.name, "glossary")
        words = " ".join((entry.name, *entry.aliases, plain(entry.short), plain(entry.article)))
        records.append([at, "", "glossary", words])
    for case in edition.cases:
        at = page(case_doc(case.cid), case.name, "case")
        records.append([at, "", "case", " ".join((case.name, case.place, plain(case.summary)))])
    for doc in sorted(docs):
        title, sections = doc_sections(docs[doc])
        if not sections:
            continue
        at = page(doc, title or doc, "page")
        for anchor, text in sections:
            records.append([at, anchor, "page", text])
    return {"pages": pages, "records": records}


def search_files(edition: Edition, docs: Mapping[str, bytes]) -> dict[str, str]:
    """``search/index.json`` for the generated docs folder (``docs``: the hand-written files)."""
    markdown = {path: data.decode("utf-8") for path, data in docs.items() if path.endswith(".md")}
    data = index_data(edition, markdown)
    return {INDEX_PATH: json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"}
