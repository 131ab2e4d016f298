"""EPUB 3 packages: a title page, the contents, one XHTML document per source (its notes as
pop-up notes: ``epub:type="noteref"`` calls and ``epub:type="footnote"`` asides, the author's and
the editor's kept apart), the glossary, and for the whole edition the cases and the chronology,
then the works cited. The package document carries the accessibility metadata; the zip is
deterministic (fixed entry order, dates and permissions).
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from ..editorial.edition import Edition
from ..render.html import h, join
from ..sources.model import AuthorNote
from . import reference
from .book import APPARATUS_RIGHTS, EDITORS, SUBTITLE, TEXT_RIGHTS, Book
from .chapters import author_notes_markup, editor_note_content, provenance_markup, source_head, text_markup
from .marks import Apparatus, NoteRefs
from .styles import EPUB_CSS
from .xhtml import document

OPF_NS = "http://www.idpf.org/2007/opf"
DC_NS = "http://purl.org/dc/elements/1.1/"
CONTAINER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
    '  <rootfiles><rootfile full-path="OEBPS/package.opf" media-type="application/oebps-package+xml"/></rootfiles>\n'
    "</container>\n"
)
ACCESSIBILITY = (
    ("schema:accessMode", "textual"),
    ("schema:accessModeSufficient", "textual"),
    ("schema:accessibilityFeature", "structuralNavigation"),
    ("schema:accessibilityFeature", "tableOfContents"),
    ("schema:accessibilityFeature", "readingOrder"),
    ("schema:accessibilityFeature", "annotations"),
    ("schema:accessibilityFeature", "displayTransformability"),
    ("schema:accessibilityHazard", "none"),
)
SUMMARY = (
    "All content is text: no images, audio or video. Headings and a table of contents give the structure; passage numbers are "
    "anchors. The author's notes and the editor's notes are linked both ways from their marks in the text, as two separate series; "
    "glossary terms link to the glossary. Styles set no fixed sizes, so reading systems can change fonts, sizes and colours."
)


@dataclass(frozen=True)
class Chapter:
    """One content document: its file name, title, body, landmark type and contents entries."""

    file: str
    title: str
    body: Markup
    landmark: str = ""
    contents: tuple[tuple[str, str], ...] = ()  # (fragment, label) of headings inside it
    lang: str = "en"


def _author_item(app: Apparatus, book: Book) -> Callable[[AuthorNote, Markup], Markup]:
    def item(note: AuthorNote, body: Markup) -> Markup:
        ident = book.local(app.slug, note.note_id)
        if note.refs:
            back = h("a", {"href": f"#{book.local(app.slug, note.refs[0])}", "role": "doc-backlink", "class": "note-label"}, f"{note.label}.")
            return h("aside", {"id": ident, "class": "note", "epub:type": "footnote", "role": "doc-footnote"}, h("p", None, back, " ", body))
        return h("p", {"id": ident, "class": "note"}, h("span", {"class": "note-label"}, f"{note.label}."), " ", body)

    return item


def source_chapter(edition: Edition, app: Apparatus, book: Book) -> Chapter:
    """The XHTML document of one source: head, provenance, text, the author's and the editor's notes."""
    calls = NoteRefs(book)
    notes_html = author_notes_markup(app, book, calls, _author_item(app, book), top=2)
    editor = []
    for label, note in app.editor:
        back = h("a", {"href": f"#{book.local(app.slug, f'edref-{note.aid}')}", "role": "doc-backlink", "class": "ednote-label"}, label)
        content = editor_note_content(app, note, edition.corpus, book, back)
        editor.append(h("aside", {"id": book.local(app.slug, f"ed-{note.aid}"), "class": "ednote", "epub:type": "footnote", "role": "doc-footnote"}, content))
    editor_html = (
        h("section", {"class": "editor-notes", "aria-labelledby": "editors-notes"}, h("h2", {"id": "editors-notes"}, "Editor’s notes"), editor)
        if editor
        else None
    )
    body = join(
        h(
            "section",
            {"epub:type": "chapter", "role": "doc-chapter", "aria-labelledby": "title"},
            source_head(app, book, calls),
            provenance_markup(app, book, calls),
            text_markup(app, book, calls),
        ),
        h("section", {"class": "author-notes", "aria-label": "The author’s notes"}, notes_html) if notes_html else None,
        editor_html,
    )
    headings = tuple((p.pid, p.block.text) for p in app.anchored.passages if p.block.kind == "heading")
    bib = app.anchored.source.spec.bibliography
    return Chapter(book.file_of(app.slug), bib.title, body, "bodymatter" if app.anchored is book.sources[0] else "", headings, bib.language or "en")


def _cover(book: Book) -> Chapter:
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
        h("p", {"class": "cover-date"}, h("time", {"datetime": book.date}, book.shown_date)),
        h("p", {"class": "cover-rights"}, APPARATUS_RIGHTS, " ", TEXT_RIGHTS),
        h("p", {"class": "cover-site"}, "Read online: ", h("a", {"href": book.site("index.md")}, book.site("index.md"))),
    ]
    body = h("section", {"class": "cover", "epub:type": "titlepage", "aria-label": "Title page"}, lines)
    return Chapter("cover.xhtml", "Title page", body, "titlepage")


def chapters(edition: Edition, book: Book, apparatuses: dict[str, Apparatus]) -> list[Chapter]:
    """Every content document of the book, in reading order."""
    found = [_cover(book)]
    found += [source_chapter(edition, apparatuses[a.source.slug], book) for a in book.sources]
    if book.entries:
        found.append(Chapter("glossary.xhtml", "Glossary", reference.glossary_chapter(edition, book), "glossary"))
    if book.cases:
        found.append(Chapter("cases.xhtml", "Comparative cases", reference.cases_chapter(edition, book)))
    if book.events:
        found.append(Chapter("chronology.xhtml", "Chronology", reference.chronology_chapter(edition, book)))
    if book.works:
        found.append(Chapter("works.xhtml", "Works cited", reference.works_chapter(book), "bibliography"))
    return found


def _nav(found: list[Chapter]) -> Markup:
    entries = []
    for chapter in found:
        inner = [h("li", None, h("a", {"href": f"{chapter.file}#{frag}"}, label)) for frag, label in chapter.contents]
        entries.append(h("li", None, h("a", {"href": chapter.file}, chapter.title), h("ol", None, inner) if inner else None))
    marks = [h("li", None, h("a", {"epub:type": c.landmark, "href": c.file}, c.title)) for c in found if c.landmark]
    return join(
        h(
            "nav",
            {"epub:type": "toc", "id": "toc", "role": "doc-toc", "aria-labelledby": "toc-title"},
            h("h1", {"id": "toc-title"}, "Contents"),
            h("ol", None, entries),
        ),
        h("nav", {"epub:type": "landmarks", "id": "landmarks", "hidden": True, "aria-label": "Landmarks"}, h("ol", None, marks)),
    )


def package(book: Book, found: list[Chapter], lang: str) -> bytes:
    """The package document: metadata (with accessibility metadata), manifest and spine."""
    ET.register_namespace("", OPF_NS)
    ET.register_namespace("dc", DC_NS)
    root = ET.Element(f"{{{OPF_NS}}}package", {"version": "3.0", "unique-identifier": "uid", "{http://www.w3.org/XML/1998/namespace}lang": lang})
    meta = ET.SubElement(root, f"{{{OPF_NS}}}metadata")

    def dc(name: str, text: str, **attrs: str) -> ET.Element:
        element = ET.SubElement(meta, f"{{{DC_NS}}}{name}", attrs)
        element.text = text
        return element

    def prop(name: str, text: str, **attrs: str) -> None:
        ET.SubElement(meta, f"{{{OPF_NS}}}meta", {"property": name, **attrs}).text = text

    dc("identifier", book.identifier, id="uid")
    dc("title", book.title)
    dc("language", lang)
    if not book.whole:
        bib = book.sources[0].source.spec.bibliography
        for i, person in enumerate(bib.authors, 1):
            dc("creator", person.display, id=f"author{i}")
            prop("file-as", person.inverted, refines=f"#author{i}")
        if bib.url:
            dc("source", bib.url)
    dc("contributor" if not book.whole else "creator", EDITORS, id="editors")
    prop("role", "edt", refines="#editors", scheme="marc:relators")
    dc("publisher", "Dual Power Reader")
    dc("date", book.date)
    dc("rights", f"{APPARATUS_RIGHTS} {TEXT_RIGHTS}" if book.whole else f"{APPARATUS_RIGHTS} Text: {book.sources[0].source.spec.record.rights}")
    prop("dcterms:modified", f"{book.full_date}T00:00:00Z")
    for name, value in ACCESSIBILITY:
        prop(name, value)
    prop("schema:accessibilitySummary", SUMMARY)
    manifest = ET.SubElement(root, f"{{{OPF_NS}}}manifest")
    ET.SubElement(manifest, f"{{{OPF_NS}}}item", {"id": "nav", "href": "nav.xhtml", "media-type": "application/xhtml+xml", "properties": "nav"})
    ET.SubElement(manifest, f"{{{OPF_NS}}}item", {"id": "css", "href": "style.css", "media-type": "text/css"})
    spine = ET.Element(f"{{{OPF_NS}}}spine")
    for i, chapter in enumerate(found):
        ET.SubElement(manifest, f"{{{OPF_NS}}}item", {"id": f"c{i}", "href": chapter.file, "media-type": "application/xhtml+xml"})
        ET.SubElement(spine, f"{{{OPF_NS}}}itemref", {"idref": f"c{i}"})
        if i == 0:
            ET.SubElement(spine, f"{{{OPF_NS}}}itemref", {"idref": "nav"})
    root.append(spine)
    ET.indent(root)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True)) + b"\n"


def zip_epub(files: list[tuple[str, bytes]], date: str) -> bytes:
    """The EPUB container: ``mimetype`` first and stored, then every file, all with the book's date."""
    year, month, day = (int(x) for x in date.split("-"))
    stamp = (max(1980, year), month, day, 0, 0, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        first = zipfile.ZipInfo("mimetype", stamp)
        first.compress_type = zipfile.ZIP_STORED
        first.create_system = 3
        archive.writestr(first, b"application/epub+zip")
        for name, data in files:
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()


def epub(edition: Edition, book: Book, apparatuses: dict[str, Apparatus]) -> bytes:
    """The EPUB 3 file of ``book``."""
    lang = "en" if book.whole else book.sources[0].source.spec.bibliography.language or "en"
    found = chapters(edition, book, apparatuses)
    files: list[tuple[str, bytes]] = [("META-INF/container.xml", CONTAINER.encode("utf-8")), ("OEBPS/package.opf", package(book, found, lang))]
    files.append(("OEBPS/nav.xhtml", document("Contents", _nav(found), lang)))
    for chapter in found:
        files.append((f"OEBPS/{chapter.file}", document(chapter.title, chapter.body, chapter.lang)))
    files.append(("OEBPS/style.css", EPUB_CSS.encode("utf-8")))
    return zip_epub(files, book.full_date)
