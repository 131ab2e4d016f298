"""The print edition: one HTML document per book, typeset by WeasyPrint in A4 and US Letter.

Notes stand at the foot of the page (CSS ``float: footnote``): each editor's note and each
author's note is written inside the passage, at its call, and the footnote's mark is the one the
site shows (``data-mark``), so the two series stay apart. Passage numbers stand in the margin,
running heads name the book and the chapter, and every source opens with its provenance and the
editorial method. Faces are named by file (``FONTS``, free to redistribute, embedded as subsets);
the fetcher lets WeasyPrint read those files and nothing else, so no typesetting reaches a network.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..diagnostics import Diagnostic, error
from ..editorial.annotations import Annotation
from ..editorial.edition import Edition
from ..render.html import h, join, literal
from ..sources.model import AuthorNote, Marker
from . import reference
from .book import APPARATUS_RIGHTS, EDITORS, SUBTITLE, TEXT_RIGHTS, Book
from .chapters import author_notes_markup, editor_note_content, provenance_markup, source_head, text_markup
from .marks import Apparatus, note_inline
from .styles import print_css

#: (family, weight, style, file): Charis SIL (Debian fonts-sil-charis) for the text, Noto Serif for
#: what Charis lacks (Greek), Noto Sans for the apparatus' small labels (Debian fonts-noto-core); SIL OFL.
FONTS = tuple(
    (family, weight, style, f"/usr/share/fonts/truetype/{folder}/{stem}-{face}.ttf")
    for family, folder, stem in (("DPR Serif", "charis", "CharisSIL"), ("DPR Fallback", "noto", "NotoSerif"), ("DPR Sans", "noto", "NotoSans"))
    for weight, style, face in (("normal", "normal", "Regular"), ("bold", "normal", "Bold"), ("normal", "italic", "Italic"), ("bold", "italic", "BoldItalic"))
)
SIZES = {"a4": "A4", "letter": "letter"}


def missing_fonts() -> list[Diagnostic]:
    """A problem for each face the print edition needs that this machine lacks."""
    return [error(path, 1, 1, "X001", f"font file {path} is missing") for *_, path in FONTS if not Path(path).is_file()]


@dataclass(frozen=True)
class Footnotes:
    """Print note calls: the note itself, floated to the foot of the page, with the site's mark."""

    edition: Edition
    book: Book
    apparatuses: dict[str, Apparatus]

    def author(self, slug: str, marker: Marker, note: AuthorNote | None, first: bool) -> Markup:
        if note is None or not first:
            href = f"#{self.book.local(slug, note.note_id)}" if note else None
            return h("sup", {"data-insert": "", "class": "aref"}, h("a", {"href": href}, marker.printed) if href else marker.printed)
        # the editor's notes on an author's note follow it in the same footnote: a footnote inside a
        # footnote is not for print (and sends WeasyPrint's line-by-line footnote policy into a loop)
        app = self.apparatuses[slug]
        body = note_inline(app, note, self.book, _MarksOnly(self.book))
        inner = [
            h(
                "span",
                {"class": "fn-inner", "id": self.book.local(slug, f"ed-{n.aid}")},
                editor_note_content(app, n, self.edition.corpus, self.book, h("b", {"class": "fn-inner-mark"}, label)),
            )
            for label, n in app.editor_on(note.note_id)
        ]
        return h("span", {"data-insert": "", "class": "fn fn-author", "data-mark": marker.printed, "id": self.book.local(slug, note.note_id)}, body, inner)

    def editor(self, slug: str, label: str, note: Annotation) -> Markup:
        content = editor_note_content(self.apparatuses[slug], note, self.edition.corpus, self.book)
        return h("span", {"data-insert": "", "class": "fn fn-ed", "data-mark": label, "id": self.book.local(slug, f"ed-{note.aid}")}, content)


@dataclass(frozen=True)
class _MarksOnly:
    """Note calls inside a footnote: the editor's mark alone (its note follows in the footnote)."""

    book: Book

    def author(self, slug: str, marker: Marker, note: AuthorNote | None, first: bool) -> Markup:
        return h("sup", {"data-insert": "", "class": "aref"}, marker.printed)

    def editor(self, slug: str, label: str, note: Annotation) -> Markup:
        return h("sup", {"data-insert": "", "class": "eref"}, label)


def _uncalled_item(app: Apparatus, book: Book) -> Callable[[AuthorNote, Markup], Markup]:
    def item(note: AuthorNote, body: Markup) -> Markup:
        return h("p", {"class": "note", "id": book.local(app.slug, note.note_id)}, h("span", {"class": "note-label"}, f"{note.label}."), " ", body)

    return item


def _cover(book: Book) -> Markup:
    lines: list[Markup] = [h("h1", {"class": "cover-title"}, book.title)]
    if book.whole:
        lines.append(h("p", {"class": "cover-subtitle"}, SUBTITLE))
    else:
        bib = book.sources[0].source.spec.bibliography
        if bib.authors:
            lines.append(h("p", {"class": "cover-author"}, ", ".join(a.display for a in bib.authors)))
        lines.append(h("p", {"class": "cover-subtitle"}, f"From {bib.container}, {bib.date[:4]}. In the Dual Power Reader, an annotated reading edition."))
    lines += [
        h("p", {"class": "cover-editors"}, f"Edited by the {EDITORS}"),
        h("p", {"class": "cover-date"}, book.shown_date),
        h("p", {"class": "cover-rights"}, APPARATUS_RIGHTS, " ", TEXT_RIGHTS),
        h("p", {"class": "cover-site"}, "Read online, with every passage’s permanent link: ", h("a", {"href": book.site("index.md")}, book.site("index.md"))),
    ]
    return h("section", {"class": "cover"}, lines)


def _contents(entries: list[tuple[str, str]]) -> Markup:
    items = [h("li", None, h("a", {"href": f"#{ident}"}, title)) for ident, title in entries]
    return h("nav", {"class": "contents", "aria-label": "Contents"}, h("h1", {"class": "contents-title"}, "Contents"), h("ol", None, items))


def document(edition: Edition, book: Book, apparatuses: dict[str, Apparatus]) -> str:
    """The print document of ``book`` (HTML; the page size comes with the stylesheet)."""
    calls = Footnotes(edition, book, apparatuses)
    chapters: list[Markup] = []
    contents: list[tuple[str, str]] = []
    for anchored in book.sources:
        app = apparatuses[anchored.source.slug]
        uncalled = author_notes_markup(app, book, calls, _uncalled_item(app, book), top=2, only_uncalled=True)
        bib = anchored.source.spec.bibliography
        chapters.append(
            h(
                "section",
                {"class": "source", "data-running": bib.title},
                source_head(app, book, calls, passage_tag="div"),
                provenance_markup(app, book, calls),
                h("div", {"class": "text"}, text_markup(app, book, calls, passage_tag="div")),
                h("div", {"class": "uncalled"}, uncalled) if uncalled else None,
            )
        )
        contents.append((book.local(anchored.source.slug, "title"), bib.title))
    for ident, title, present in (
        ("glossary-title", "Glossary", bool(book.entries)),
        ("cases-title", "Comparative cases", bool(book.cases)),
        ("chronology-title", "Chronology", bool(book.events)),
        ("works-title", "Works cited", bool(book.works)),
    ):
        if present:
            chapters.append(reference.chapter(ident, edition, book))
            contents.append((ident, title))
    lang = "en" if book.whole else book.sources[0].source.spec.bibliography.language or "en"
    authors = "" if book.whole else ", ".join(a.display for a in book.sources[0].source.spec.bibliography.authors)
    head = join(
        h("meta", {"charset": "utf-8"}),
        h("title", None, book.title),
        h("meta", {"name": "author", "content": authors or EDITORS}),
        h("meta", {"name": "dcterms.created", "content": f"{book.full_date}T00:00:00Z"}),
        h("meta", {"name": "dcterms.modified", "content": f"{book.full_date}T00:00:00Z"}),
        h("meta", {"name": "description", "content": f"{book.title}: {SUBTITLE}, with the editor’s notes."}),
    )
    body = join(_cover(book), _contents(contents) if len(contents) > 1 else None, Markup("\n").join(chapters))
    return str(literal("<!DOCTYPE html>\n")) + str(h("html", {"lang": lang}, h("head", None, head), h("body", None, body))) + "\n"


def _fonts_only() -> Any:
    """A WeasyPrint URL fetcher that reads the font files of ``FONTS`` and refuses every other URL."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # type: ignore[import-untyped]

    allowed = {Path(path).as_uri(): path for *_, path in FONTS}

    class FontsOnly(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: object = None) -> Any:
            if url not in allowed:
                raise ValueError(f"the print edition fetches nothing but its fonts (refused {url[:80]})")
            return URLFetcherResponse(url, Path(allowed[url]).read_bytes(), {"Content-Type": "font/ttf"})

    return FontsOnly(allowed_protocols=("file",), allow_redirects=False)


def typeset(html: str, size: str) -> bytes:
    """The PDF of a print document at ``size`` (``a4`` or ``letter``), tagged (PDF/UA-1)."""
    from weasyprint import CSS, HTML  # type: ignore[import-untyped]  # imported here: only the print edition needs it
    from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

    fonts = FontConfiguration()
    fetcher = _fonts_only()
    style = CSS(string=print_css(SIZES[size], FONTS), font_config=fonts, url_fetcher=fetcher)
    pdf = HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=[style], font_config=fonts, pdf_variant="pdf/ua-1")
    assert isinstance(pdf, bytes)
    return pdf
