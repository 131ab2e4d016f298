"""A source as a TEI P5 document: the received text with the edition's interventions encoded,
the author's and the editor's notes with their targets, and a header with the bibliography, the
provenance, the editorial method and the rights. Built with ElementTree, validated by the tests
against ``tei_all`` (TEI P5 2.7.0) with Jing.

Encoding: passages keep their permanent ids as ``xml:id``; supplied words are
``<supplied reason="lost">``, lost words ``<gap reason="lost"/>``; a typing error the editors
correct is ``<choice><sic/><corr/></choice>``; words an editor's note marks are a ``<seg>``, the
note's ``target``; author's note calls are ``<ref>`` elements and the note's ``target`` names
them; glossary and case terms are ``<rs>`` with the site's address; Old Style dates are
``<date calendar="#julian">`` (``tei_dates``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

from ..editorial import markdown_subset
from ..editorial.annotations import KINDS, Annotation
from ..editorial.edition import Edition
from ..render import citations
from ..render.urls import case_doc, glossary_doc, source_doc
from ..sources.model import Marker, Passage
from . import tei_header
from .book import Book
from .marks import Apparatus
from .tei_dates import text_dates
from .tei_inline import TEI_NS, Mark, Wrap, element, fill, markdown, simple, tag

#: the publisher's matter before the text, as TEI front matter
FRONT_KINDS = {"standfirst": "argument", "byline": "byline", "provenance": "docImprint"}


def _sub(parent: ET.Element, name: str, attrs: dict[str, str] | None = None, text: str = "") -> ET.Element:
    made = element(name, attrs, text)
    parent.append(made)
    return made


def _editor_wrap(note: Annotation) -> Wrap:
    ident = f"edseg-{note.aid}"
    if note.kind == "sic" and note.read:

        def make() -> tuple[ET.Element, ET.Element]:
            choice = element("choice", {"id": ident})
            sic = _sub(choice, "sic")
            _sub(choice, "corr", {"resp": "#editors"}, note.read)
            return choice, sic

        return Wrap(note.start, note.end, make)
    if note.kind == "sic":
        return Wrap(note.start, note.end, simple("sic", {"id": ident}))
    return Wrap(note.start, note.end, simple("seg", {"id": ident, "type": note.kind}))


def _maker(name: str, attrs: dict[str, str], text: str = "") -> Callable[[], ET.Element]:
    return lambda: element(name, attrs, text)


def _gap_mark(pid: str, gid: str, offset: int, note: Annotation | None) -> Mark:
    ident = f"{pid}-{gid}"
    if note is not None and note.supply and not note.unrecoverable:
        return Mark(offset, 1, _maker("supplied", {"id": ident, "reason": "lost", "resp": "#editors"}, note.supply))
    return Mark(offset, 1, _maker("gap", {"id": ident, "reason": "lost"}))


def inline(
    app: Apparatus, pid: str, text: str, edition: Edition, book: Book, target: ET.Element, gaps: dict[str, int], markers: tuple[Marker, ...] = ()
) -> None:
    """The text of a passage or author's note, with every intervention, into ``target``."""
    here = [note for _, note in app.editor_on(pid)]
    wraps = [_editor_wrap(n) for n in here if not n.gap]
    for hit in app.links.get(pid, ()):
        kind, ident = hit.target.kind, hit.target.ident
        ref = book.site(glossary_doc(ident) if kind == "glossary" else case_doc(ident))
        wraps.append(Wrap(hit.start, hit.end, simple("rs", {"type": kind, "ref": ref})))
    taken = [(w.start, w.end) for w in wraps]
    for dated in text_dates(app.slug, pid, text, here, edition.corpus.events):
        if not any(
            s < dated.end and dated.start < e and not (s <= dated.start and dated.end <= e) and not (dated.start <= s and e <= dated.end) for s, e in taken
        ):
            wraps.append(Wrap(dated.start, dated.end, simple("date", dated.attributes())))
    notes_by_gap = {n.gap: n for n in here if n.gap}
    marks = [_gap_mark(pid, gid, offset, notes_by_gap.get(gid)) for gid, offset in gaps.items()]
    for marker in markers:
        attrs = {"id": marker.ref_id, "target": f"#{app.note_id(marker)}", "n": marker.printed}
        marks.append(Mark(marker.offset, 5, _maker("ref", attrs, marker.printed)))
    fill(target, text, wraps, marks)


def _passage(
    app: Apparatus, passage: Passage, edition: Edition, book: Book, name: str, landing: dict[str, list[str]], attrs: dict[str, str] | None = None
) -> ET.Element:
    made = element(name, {"id": passage.pid, "n": passage.block.number, **(attrs or {})})
    for retired in landing.get(passage.pid, []):
        _sub(made, "anchor", {"id": retired, "type": "retired"})
    gaps = {g.gid: g.offset for g in passage.block.gaps}
    inline(app, passage.pid, passage.block.text, edition, book, made, gaps, passage.block.markers)
    return made


def _body(app: Apparatus, edition: Edition, book: Book, front: ET.Element, back: ET.Element) -> ET.Element:
    body = element("body")
    landing: dict[str, list[str]] = {}
    for retired in app.anchored.retired:
        landing.setdefault(retired.successor, []).append(retired.pid)
    introduction = element("div", {"type": "introduction", "resp": "#publisher-of-copy"})
    div: ET.Element | None = None
    group: ET.Element | None = None  # the open list, quotation or biography
    for passage in app.anchored.passages:
        kind = passage.block.kind
        if kind in FRONT_KINDS:
            name = FRONT_KINDS[kind]
            if name == "argument":
                _sub(front, "argument").append(_passage(app, passage, edition, book, "p", landing))
            else:
                front.append(_passage(app, passage, edition, book, name, landing))
            continue
        if kind == "introduction":
            introduction.append(_passage(app, passage, edition, book, "p", landing))
            continue
        if kind == "heading":
            group = None
            div = _sub(body, "div", {"type": "section"})
            div.append(_passage(app, passage, edition, book, "head", landing, {"rend": f"level{max(2, passage.block.level)}"}))
            continue
        if kind == "bio":
            if group is None or group.get("type") != "bio":
                group = _sub(back, "div", {"type": "bio"})
            group.append(_passage(app, passage, edition, book, "p", landing))
            continue
        if div is None:
            div = _sub(body, "div", {"type": "section"})
        if kind == "list-item":
            if group is None or group.tag != tag("list"):
                group = _sub(div, "list", {"rend": "numbered" if passage.block.ordered else "bulleted"})
            group.append(_passage(app, passage, edition, book, "item", landing))
        elif kind == "blockquote":
            if group is None or group.tag != tag("quote"):
                group = _sub(div, "quote")
            group.append(_passage(app, passage, edition, book, "p", landing))
        else:
            group = None
            div.append(_passage(app, passage, edition, book, "p", landing))
    if len(introduction):
        front.append(introduction)
    if div is None:
        _sub(_sub(body, "div"), "p")
    return body


def _notes(app: Apparatus, edition: Edition, book: Book, back: ET.Element) -> None:
    source = app.anchored.source
    if source.notes:
        div = _sub(back, "div", {"type": "notes", "subtype": "author"})
        group = None
        for note in source.notes:
            if note.group != group:
                group = note.group
                _sub(div, "head", None, group or "Notes")
            attrs = {"id": note.note_id, "type": "author", "n": note.label, "target": " ".join(f"#{r}" for r in note.refs)}
            made = _sub(div, "note", attrs)
            text = " ".join(note.lines)
            inline(app, note.note_id, text, edition, book, made, {})
            if note.notice:
                _sub(made, "note", {"type": "editorial", "resp": "#editors"}, note.notice)
    if app.editor:
        div = _sub(back, "div", {"type": "notes", "subtype": "editorial"})
        _sub(div, "head", None, "Editor’s notes")
        for label, ednote in app.editor:
            target = f"#{ednote.pid}-{ednote.gap}" if ednote.gap else f"#edseg-{ednote.aid}"
            attrs = {"id": f"ed-{ednote.aid}", "type": "editorial", "subtype": ednote.kind, "n": label, "target": target, "resp": "#editors"}
            made = _sub(div, "note", attrs)
            _sub(made, "label", None, KINDS[ednote.kind])
            markdown(str(markdown_subset.render(ednote.body)), made, lambda href: book.absolute(source_doc(app.slug), href))
            if ednote.read:
                _sub(made, "p", None, f"Read: “{ednote.read}”")
            cited = _sub(made, "listBibl")
            for ref in ednote.sources:
                _sub(cited, "bibl", None, _ref_text(ref, edition))


def _ref_text(ref: object, edition: Edition) -> str:
    from ..editorial import refs

    if isinstance(ref, refs.PassageRef):
        quote = f": “{ref.quote}”" if ref.quote else ""
        return f"{edition.corpus.short_name(ref.slug)}, passage {ref.pid}{quote}"
    assert isinstance(ref, refs.WorkRef)
    work = edition.corpus.works[ref.key]
    where = ref.at.text()
    text = str(citations.chicago(work))
    plain = ET.fromstring(f"<x>{text}</x>")  # the citation's markup is our own (only <i>)
    return "".join(plain.itertext()) + (f" {where}." if where else "") + (f" {ref.note}" if ref.note else "")


def tei(edition: Edition, app: Apparatus, book: Book) -> bytes:
    """The TEI P5 document of one source."""
    ET.register_namespace("", TEI_NS)
    anchored = app.anchored
    text = element("text")
    front = element("front")
    if anchored.source.title_line:
        _sub(_sub(front, "docTitle"), "titlePart", {"type": "main"}, anchored.source.title_line)
    back = element("back")
    body = _body(app, edition, book, front, back)
    _notes(app, edition, book, back)
    if len(front):
        text.append(front)
    text.append(body)
    if len(back):
        text.append(back)
    julian = any(e.get("calendar") == "#julian" for e in text.iter(f"{{{TEI_NS}}}date"))
    root = element("TEI", {"{http://www.w3.org/XML/1998/namespace}lang": anchored.source.spec.bibliography.language or "en"})
    root.append(tei_header.header(anchored, book, julian))
    root.append(text)
    _indent(root)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True)) + b"\n"


#: elements that hold only elements: indented for reading; every other element's text is left exactly as built
STRUCTURAL = frozenset(
    tag(name)
    for name in [
        *("TEI", "teiHeader", "fileDesc", "titleStmt", "respStmt", "publicationStmt", "availability", "sourceDesc", "encodingDesc"),
        *("projectDesc", "editorialDecl", "profileDesc", "calendarDesc", "calendar", "text", "front", "docTitle", "argument"),
        *("body", "back", "div", "list", "quote", "listBibl"),
    ]
)


def _indent(node: ET.Element, level: int = 0) -> None:
    if node.tag not in STRUCTURAL or not len(node) or (node.text or "").strip():
        return
    inner = "\n" + " " * (level + 1)
    node.text = inner
    for child in node:
        _indent(child, level + 1)
        child.tail = inner
    node[-1].tail = "\n" + " " * level
