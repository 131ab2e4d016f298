"""The text of a source with its marks, for reading systems and print: the site's conventions
(marked words, the editor's and the author's markers kept apart, [sic], supplied words in
brackets, lost words as […], glossary and case links), with note calls made by the format.

``Apparatus`` gathers, once per source, what the marks need: the editor's notes in reading order
with their labels (``render.notes.ordered``, as on the site), the glossary and case links the site
makes (``editorial.concordance.links``) and the author's notes by label. ``passage_inline`` and
``note_inline`` compose the markup with ``render.inline``; a ``Calls`` object decides what a note
call is (an EPUB pop-up note reference, or a footnote that carries the note itself in print).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from markupsafe import Markup

from ..editorial import concordance
from ..editorial.annotations import Annotation
from ..editorial.edition import Edition
from ..editorial.linking import Hit
from ..render import inline, notes
from ..render.html import h, join
from ..sources.model import AnchoredSource, AuthorNote, Marker, Passage
from .book import Book


class Calls(Protocol):
    """How a note is called from the text in one format."""

    def author(self, slug: str, marker: Marker, note: AuthorNote | None, first: bool) -> Markup: ...

    def editor(self, slug: str, label: str, note: Annotation) -> Markup: ...


@dataclass(frozen=True)
class Apparatus:
    """What the marks of one source need, computed once."""

    anchored: AnchoredSource
    editor: tuple[tuple[str, Annotation], ...]
    links: dict[str, tuple[Hit, ...]]
    note_ids: dict[str, str]  # author's note label -> its id
    first_refs: frozenset[str]  # the marker ids that call each author's note first

    @property
    def slug(self) -> str:
        return self.anchored.source.slug

    def editor_on(self, pid: str) -> list[tuple[str, Annotation]]:
        return [(label, note) for label, note in self.editor if note.pid == pid]

    @property
    def linked(self) -> set[tuple[str, str]]:
        """The glossary entries and cases the text links to, as (kind, id)."""
        return {(hit.target.kind, hit.target.ident) for hits in self.links.values() for hit in hits}

    def note_id(self, marker: Marker) -> str:
        return marker.target or self.note_ids.get(marker.note, "")

    def author_note(self, marker: Marker) -> AuthorNote | None:
        wanted = self.note_id(marker)
        return next((n for n in self.anchored.source.notes if n.note_id == wanted), None)


def apparatus(edition: Edition, anchored: AnchoredSource) -> Apparatus:
    """The apparatus of one source, as the site shows it."""
    here = edition.notes.get(anchored.source.slug, ())
    ordered = tuple(notes.ordered(here, anchored))
    occupied: dict[str, tuple[tuple[int, int], ...]] = {}
    for note in here:
        if not note.gap:
            occupied[note.pid] = (*occupied.get(note.pid, ()), (note.start, note.end))
    linkable = {("glossary", e.eid) for e in edition.entries} | {("case", c.cid) for c in edition.cases}
    links = {pid: tuple(hits) for pid, hits in concordance.links(edition.linker, anchored, occupied, linkable).items()}
    note_ids = {n.label: n.note_id for n in anchored.source.notes}
    seen: set[str] = set()
    first: set[str] = set()
    for passage in anchored.passages:
        for marker in passage.block.markers:
            target = marker.target or note_ids.get(marker.note, "")
            if target and target not in seen:
                seen.add(target)
                first.add(marker.ref_id)
    return Apparatus(anchored, ordered, links, note_ids, frozenset(first))


def _gap(book: Book, slug: str, pid: str, gid: str, note: Annotation | None) -> Markup:
    ident = book.local(slug, f"{pid}-{gid}")
    if note is not None and note.supply and not note.unrecoverable:
        return h(
            "span",
            {"data-insert": "", "class": "supplied", "id": ident, "title": "Supplied by the editors"},
            h("span", {"class": "bracket"}, "["),
            note.supply,
            h("span", {"class": "bracket"}, "]"),
        )
    css = "gap unrecoverable" if note is not None else "gap"
    return h("span", {"data-insert": "", "class": css, "id": ident, "title": "Words lost in the received text"}, "[…]")


def _sic(note: Annotation) -> Markup | None:
    return h("span", {"data-insert": "", "class": "sic"}, "[sic]") if note.kind == "sic" else None


def _link(book: Book, hit: Hit) -> inline.Span:
    kind, ident = hit.target.kind, hit.target.ident
    href = book.glossary_href(ident) if kind == "glossary" else book.case_href(ident)
    opening = Markup(str(h("a", {"class": "gloss" if kind == "glossary" else "caselink", "href": href})).removesuffix("</a>"))
    return inline.Span(hit.start, hit.end, opening, Markup("</a>"))


def _editor_marks(app: Apparatus, pid: str, book: Book, calls: Calls, gaps: dict[str, int]) -> tuple[list[inline.Span], list[inline.Point]]:
    spans: list[inline.Span] = []
    points: list[inline.Point] = []
    for label, note in app.editor_on(pid):
        call = join(_sic(note), calls.editor(app.slug, label, note))
        if note.gap:
            if note.gap in gaps:
                points.append(inline.Point(gaps[note.gap], join(_gap(book, app.slug, pid, note.gap, note), call), rank=1))
            continue
        opening = Markup(str(h("span", {"class": "annotated", "data-kind": note.kind})).removesuffix("</span>"))
        spans.append(inline.Span(note.start, note.end, opening, Markup("</span>")))
        points.append(inline.Point(note.end, call, rank=3))
    return spans, points


def passage_inline(app: Apparatus, passage: Passage, book: Book, calls: Calls) -> Markup:
    """The inline markup of one passage: its text with every mark and link."""
    block = passage.block
    gaps = {g.gid: g.offset for g in block.gaps}
    spans, points = _editor_marks(app, passage.pid, book, calls, gaps)
    spans += [_link(book, hit) for hit in app.links.get(passage.pid, ())]
    emended = {note.gap for _, note in app.editor_on(passage.pid) if note.gap}
    for gap in block.gaps:
        if gap.gid not in emended:
            points.append(inline.Point(gap.offset, _gap(book, app.slug, passage.pid, gap.gid, None), rank=1))
    for point in list(points):
        if point.rank == 1 and block.text[point.offset : point.offset + 1].isalnum():
            points[points.index(point)] = inline.Point(point.offset, join(point.html, " "), rank=1)
    for marker in block.markers:
        note = app.author_note(marker)
        points.append(inline.Point(marker.offset, calls.author(app.slug, marker, note, marker.ref_id in app.first_refs), rank=5))
    return inline.render(block.text, spans, points)


def note_inline(app: Apparatus, note: AuthorNote, book: Book, calls: Calls) -> Markup:
    """An author's note's text (line breaks as received) with the editor's marks on it."""
    text = "\n".join(note.lines)
    spans, points = _editor_marks(app, note.note_id, book, calls, {})
    html = inline.render(text, spans, points)
    return Markup(str(html).replace("\n", str(h("br"))))


@dataclass(frozen=True)
class NoteRefs:
    """EPUB 3 note calls: ``epub:type="noteref"`` links to the pop-up notes of the same document."""

    book: Book

    def author(self, slug: str, marker: Marker, note: AuthorNote | None, first: bool) -> Markup:
        target = self.book.local(slug, note.note_id) if note else ""
        attrs = {"id": self.book.local(slug, marker.ref_id), "href": f"#{target}", "epub:type": "noteref", "role": "doc-noteref"}
        return h("sup", {"data-insert": "", "class": "aref"}, h("a", attrs, marker.printed))

    def editor(self, slug: str, label: str, note: Annotation) -> Markup:
        attrs = {
            "id": self.book.local(slug, f"edref-{note.aid}"),
            "href": f"#{self.book.local(slug, f'ed-{note.aid}')}",
            "epub:type": "noteref",
            "role": "doc-noteref",
        }
        return h("sup", {"data-insert": "", "class": "eref"}, h("a", attrs, label))
