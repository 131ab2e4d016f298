"""The teiHeader of a source's TEI document: its title and editors, the publication and rights of
the edition, the source's bibliography with the edition's notes on its provenance, the editorial
method, and, where the text gives Old Style dates, the Julian calendar they refer to."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..render import citations
from ..render.urls import source_doc
from ..sources.model import AnchoredSource
from .book import APPARATUS_RIGHTS, EDITORS, Book
from .chapters import METHOD
from .tei_inline import element

#: the kinds of work published inside another, and the TEI level of the title of what holds them
CONTAINER_LEVEL = {"journal-article": "j", "magazine-article": "j", "newspaper-article": "j", "chapter": "m", "encyclopedia-entry": "m", "web-page": "m"}


def _sub(parent: ET.Element, name: str, attrs: dict[str, str] | None = None, text: str = "") -> ET.Element:
    made = element(name, attrs, text)
    parent.append(made)
    return made


def _bibl(anchored: AnchoredSource, parent: ET.Element) -> None:
    source = anchored.source
    bib = source.spec.bibliography
    record = source.spec.record
    made = _sub(parent, "bibl")
    for person in bib.authors:
        _sub(made, "author", None, person.display)
    _sub(made, "title", {"level": "a" if bib.kind in CONTAINER_LEVEL else "m", "type": "main"}, bib.title)
    if bib.container:
        _sub(made, "title", {"level": CONTAINER_LEVEL.get(bib.kind, "m")}, bib.container)
    for unit, value in (("issue", bib.issue), ("volume", bib.volume), ("page", bib.pages)):
        if value:
            _sub(made, "biblScope", {"unit": unit}, value)
    if bib.publisher:
        _sub(made, "publisher", None, bib.publisher)
    if bib.place:
        _sub(made, "pubPlace", None, bib.place)
    _sub(made, "date", {"when": bib.date}, citations.chicago_date(bib.date))
    if bib.url:
        _sub(made, "ptr", {"target": bib.url})
    for kind, value in (("date", record.date_note), ("copy", record.url_note), ("title", record.title_supplied), ("description", record.description)):
        if value:
            _sub(made, "note", {"type": kind}, value)


def header(anchored: AnchoredSource, book: Book, julian: bool) -> ET.Element:
    """The teiHeader: title, editors, publication and rights, the source, the editorial method."""
    source = anchored.source
    bib = source.spec.bibliography
    head = element("teiHeader")
    desc = _sub(head, "fileDesc")
    titles = _sub(desc, "titleStmt")
    _sub(titles, "title", {"type": "main"}, bib.title)
    _sub(titles, "title", {"type": "sub"}, "An electronic edition, in the Dual Power Reader")
    for person in bib.authors:
        _sub(titles, "author", None, person.display)
    _sub(titles, "editor", {"id": "editors"}, EDITORS)
    if any(p.block.kind == "introduction" for p in anchored.passages):
        _sub(titles, "respStmt", {"id": "publisher-of-copy"}).extend(
            [element("resp", None, "Introduction to the copy used"), element("orgName", None, bib.container)]
        )
    resp = _sub(titles, "respStmt")
    _sub(resp, "resp", None, "Edition, editor’s notes and encoding")
    _sub(resp, "orgName", None, EDITORS)
    publication = _sub(desc, "publicationStmt")
    _sub(publication, "publisher", None, "Dual Power Reader")
    _sub(publication, "date", {"when": book.date}, book.shown_date)
    _sub(publication, "idno", {"type": "URI"}, book.site(source_doc(source.slug)))
    rights = _sub(publication, "availability")
    _sub(rights, "licence", None, source.spec.record.rights)
    _sub(rights, "licence", {"target": "https://creativecommons.org/licenses/by/4.0/"}, APPARATUS_RIGHTS)
    _bibl(anchored, _sub(desc, "sourceDesc"))
    encoding = _sub(head, "encodingDesc")
    _sub(_sub(encoding, "projectDesc"), "p", None, "The Dual Power Reader: an annotated reading edition of writings on dual power.")
    method = _sub(encoding, "editorialDecl")
    reasons = sorted({reason for _, reason in source.removed})
    removed = f"{len(source.removed)} line(s) of site material ({'; '.join(reasons)})" if source.removed else "nothing"
    _sub(method, "p", None, f"The text is given as received, without silent changes. Removed from the received text: {removed}. {METHOD}")
    for text in (source.spec.gaps.notice, *source.spec.anomalies):
        if text:
            _sub(method, "p", None, text)
    if julian:
        calendars = _sub(_sub(head, "profileDesc"), "calendarDesc")
        calendar = _sub(calendars, "calendar", {"id": "julian"})
        _sub(calendar, "p", None, "Julian calendar (Old Style), in use in Russia until 31 January 1918 (Old Style), followed by 14 February 1918 (New Style).")
    return head
