"""A source as a chapter for reading systems and print: its front matter (title, byline,
provenance, rights, editorial method), its text with passage numbers kept as anchors, the
author's notes and the editor's notes. Markup comes from ``render.html`` and is well-formed XML.

The text is grouped as on the site: headings, paragraphs, block quotations, lists and the
author's biography; each passage keeps its permanent id, and retired ids land on their successor.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markupsafe import Markup

from ..editorial import refs
from ..editorial.annotations import KINDS, Annotation
from ..render import citations
from ..render.html import h, join
from ..render.urls import source_doc
from ..sources.model import AnchoredSource, AuthorNote, Passage
from .book import Book
from .marks import Apparatus, Calls, note_inline, passage_inline
from .xhtml import markdown

METHOD = (
    "Every editorial intervention is marked: the editor’s notes by †1, †2 …, [sic] where the text is printed so, supplied words in "
    "[square brackets], lost words as […]; the author’s own notes keep their printed numbers. Passage numbers (p1, p2 …) are the "
    "permanent anchors of the edition’s web site."
)


def ref_markup(ref: refs.Ref, corpus: refs.Corpus, book: Book) -> Markup:
    """One citation: a passage of the edition, or a work with its locator."""
    if isinstance(ref, refs.PassageRef):
        link = h("a", {"href": book.passage_href(ref.slug, ref.pid)}, f"{corpus.short_name(ref.slug)}, passage {ref.pid}")
        return join(link, f": \u201c{ref.quote}\u201d" if ref.quote else None)
    work = corpus.works[ref.key]
    where = ref.at.text()
    return join(
        h("a", {"href": book.work_href(ref.key)}, work.short),
        f", {where}" if where else None,
        join(" (", h("a", {"href": ref.at.url}, "online"), ")") if ref.at.url else None,
        f" ({ref.note})" if ref.note else None,
    )


def refs_markup(items: tuple[refs.Ref, ...], corpus: refs.Corpus, book: Book) -> Markup:
    return Markup("; ").join(ref_markup(r, corpus, book) for r in items)


def _received(anchored: AnchoredSource, note: Annotation) -> str:
    passage = anchored.passage(note.pid)
    text = passage.block.text if passage else ""
    lo = text.rfind(" ", 0, max(0, note.start - 25))
    hi = text.find(" ", min(len(text), note.start + 25))
    return text[lo + 1 if lo >= 0 else 0 : hi if hi >= 0 else len(text)]


def editor_note_content(app: Apparatus, note: Annotation, corpus: refs.Corpus, book: Book, label: Markup | None = None) -> list[Markup]:
    """What an editor's note says (after ``label``, if any): its kind and place, body, readings, sources."""
    where = h("a", {"href": book.passage_href(app.slug, note.pid)}, note.pid)
    extra = []
    if note.gap:
        extra.append(h("p", {"class": "received"}, f"Received text: \u201c{_received(app.anchored, note)}\u201d"))
        if note.supply:
            extra.append(h("p", {"class": "received"}, f"Supplied: [{note.supply}]"))
    if note.read:
        extra.append(h("p", {"class": "received"}, f"Read: \u201c{note.read}\u201d"))
    credit = join(" ", h("span", {"class": "credit"}, f"— {note.credit}")) if note.credit else None
    return [
        h("p", {"class": "ednote-head"}, join(label, " ") if label else None, h("span", {"class": "kind"}, KINDS[note.kind]), " at ", where, "."),
        markdown(note.body, book.resolver(source_doc(app.slug))),
        *extra,
        h("p", {"class": "ednote-sources"}, "Sources: ", refs_markup(note.sources, corpus, book), credit),
    ]


def pnum(pid: str) -> Markup:
    return h("span", {"data-insert": "", "class": "pnum"}, pid)


#: passages the page head shows (title block and provenance), not the flow of the text
HEAD_KINDS = ("standfirst", "byline", "provenance")
INTRODUCTION = "Introduction by the publisher of this copy (not the author’s text)"


def _group(passages: tuple[Passage, ...]) -> list[tuple[str, list[Passage]]]:
    groups: list[tuple[str, list[Passage]]] = []
    for passage in passages:
        kind = passage.block.kind
        if kind in HEAD_KINDS:
            continue
        if groups and groups[-1][0] == kind and kind in ("blockquote", "list-item", "bio", "introduction"):
            groups[-1][1].append(passage)
        else:
            groups.append((kind, [passage]))
    return groups


def passage_markup(app: Apparatus, passage: Passage, book: Book, calls: Calls, tag: str, css: str = "passage") -> Markup:
    """One passage as an element with its permanent id, its number, and the retired ids that land on it."""
    slug = app.slug
    landing = [r.pid for r in app.anchored.retired if r.successor == passage.pid]
    retired = [h("span", {"data-insert": "", "class": "retired", "id": book.local(slug, r)}) for r in landing]
    number = passage.block.number
    inner = passage_inline(app, passage, book, calls)
    return h(tag, {"class": css, "id": book.local(slug, passage.pid)}, retired, pnum(passage.pid), join(f"{number}. ", inner) if number else inner)


def text_markup(app: Apparatus, book: Book, calls: Calls, passage_tag: str = "p", top: int = 2) -> Markup:
    """The source's text: every passage with its id and number, grouped as on the site.

    ``passage_tag`` is ``p`` for reading systems and ``div`` in print, where a footnote carrying
    paragraphs stands inside the passage; ``top`` is the level of the source's own headings.
    """
    out: list[Markup] = []
    for kind, members in _group(app.anchored.passages):
        if kind == "heading":
            level = min(6, top + max(0, members[0].block.level - 2))
            out.append(passage_markup(app, members[0], book, calls, f"h{level}", "passage heading"))
        elif kind == "list-item":
            items = [passage_markup(app, p, book, calls, "li") for p in members]
            out.append(h("ol" if members[0].block.ordered else "ul", {"class": "list"}, items))
        elif kind == "blockquote":
            out.append(h("blockquote", {"class": "quote"}, [passage_markup(app, p, book, calls, passage_tag) for p in members]))
        elif kind == "bio":
            out.append(h("div", {"class": "bio-box"}, [passage_markup(app, p, book, calls, passage_tag, "passage bio") for p in members]))
        elif kind == "introduction":
            label = h("p", {"class": "intro-label"}, INTRODUCTION)
            inner = [passage_markup(app, p, book, calls, passage_tag, "passage intro") for p in members]
            out.append(h("section", {"class": "intro-box", "aria-label": "Introduction by the publisher of this copy"}, label, inner))
        else:
            out.extend(passage_markup(app, p, book, calls, passage_tag) for p in members)
    return Markup("\n").join(out)


def _anchor(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "notes"


def author_notes_markup(
    app: Apparatus, book: Book, calls: Calls, item: Callable[[AuthorNote, Markup], Markup], top: int = 2, only_uncalled: bool = False
) -> Markup:
    """The author's notes under their printed group headings; ``item`` makes one note of the list.

    With ``only_uncalled`` (print, where called notes stand at the foot of the page) only the
    notes no marker calls: reference lists and the like.
    """
    source = app.anchored.source
    spec = source.spec.notes
    notices = [*(spec.notices if spec else ()), *([spec.markers_notice] if spec and spec.markers_notice else [])]
    groups: list[tuple[str, list[Markup]]] = []
    for note in source.notes:
        if only_uncalled and note.refs:
            continue
        marker_notices = [m.notice for p in app.anchored.passages for m in p.block.markers if m.note == note.label and m.notice]
        extra = [join(" ", editor_notice(n)) for n in ([note.notice] if note.notice else []) + marker_notices]
        body = join(note_inline(app, note, book, calls), extra)
        if not groups or groups[-1][0] != note.group:
            groups.append((note.group, []))
        groups[-1][1].append(item(note, body))
    if not groups:
        return Markup("")
    parts = [h("p", {"class": "ednotice-block"}, editor_notice(n)) for n in notices] if not only_uncalled else []
    for group, items in groups:
        ident = book.local(app.slug, f"notes-{_anchor(group)}")
        parts.append(join(h(f"h{top}", {"id": ident, "class": "notes-heading"}, group or "Notes"), h("div", {"class": "notes"}, items)))
    return join(*parts)


def editor_notice(text: str) -> Markup:
    return h("span", {"class": "ednotice"}, h("span", {"class": "edlabel"}, "Editor:"), " ", text)


def _published(anchored: AnchoredSource) -> Markup:
    bib = anchored.source.spec.bibliography
    parts: list[Markup | str] = [h("cite", None, bib.container)]
    for label, value in (("", bib.series), ("no. ", bib.issue), ("", citations.chicago_date(bib.date)), ("pp. ", bib.pages)):
        if value:
            parts.append(label + value)
    return join(*[join(", " if i else "", p) for i, p in enumerate(parts)])


def provenance_markup(app: Apparatus, book: Book, calls: Calls) -> Markup:
    """Where the text comes from, its rights, and how the edition treats it."""
    anchored = app.anchored
    source = anchored.source
    bib = source.spec.bibliography
    record = source.spec.record
    rows: list[tuple[str, Markup | str]] = []
    if bib.authors:
        rows.append(("Author", ", ".join(a.display for a in bib.authors)))
    rows.append(("Published", _published(anchored)))
    if bib.url:
        rows.append(("Original", h("a", {"href": bib.url}, bib.url)))
    rows += [(label, value) for label, value in (("Date", record.date_note), ("Copy used", record.url_note), ("Title", record.title_supplied)) if value]
    printed = [p for p in app.anchored.passages if p.block.kind == "provenance"]
    if printed:  # the publisher's own lines: passages with permanent ids
        lines = [join(h("br") if i else "", passage_markup(app, p, book, calls, "span", "passage asprinted")) for i, p in enumerate(printed)]
        rows.append(("As printed", join(*lines)))
    rows.append(("Rights", record.rights))
    reasons = sorted({reason for _, reason in source.removed})
    removed = f"{len(source.removed)} line(s) of site material ({'; '.join(reasons)})" if source.removed else "nothing"
    debris = f", and {source.debris_removed} fragment(s) of scraper residue" if source.debris_removed else ""
    anomalies = [h("li", None, a) for a in source.spec.anomalies]
    return h(
        "div",
        {"class": "provenance"},
        h("dl", None, [join(h("dt", None, label), h("dd", None, value)) for label, value in rows]),
        h("p", None, "The text is given as received, without silent changes. ", f"Removed from the received text: {removed}{debris}. ", METHOD),
        h("p", None, source.spec.gaps.notice) if source.spec.gaps.notice else None,
        join(h("p", None, "Known problems of the received text:"), h("ul", None, anomalies)) if anomalies else None,
    )


def source_head(app: Apparatus, book: Book, calls: Calls, passage_tag: str = "p", level: int = 1) -> Markup:
    """The title, then the publisher's standfirst and byline (passages with their ids)."""
    source = app.anchored.source
    title = source.title_line or f"[{source.spec.bibliography.title}]"
    head = [p for kind in ("standfirst", "byline") for p in app.anchored.passages if p.block.kind == kind]
    return join(
        h(f"h{level}", {"class": "source-title", "id": book.local(source.slug, "title")}, title),
        [passage_markup(app, p, book, calls, passage_tag, f"passage {p.block.kind}") for p in head],
    )
