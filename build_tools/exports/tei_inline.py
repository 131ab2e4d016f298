"""TEI elements inside a passage, built with ElementTree from the same offsets the site uses.

``fill`` puts a text with wraps (elements around a range: a marked word, a glossary term, a date)
and marks (elements at a point: a note reference, supplied words, a gap) into an element, nesting
wraps that lie inside others; the caller keeps wraps from crossing (``render.inline.crosses``).
``markdown`` turns contributor Markdown (sanitized by ``markdown_subset``, the allowed subset
only: paragraphs, emphasis, strong, code, links, lists, line breaks) into TEI, element for element.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup

from .xhtml import as_xml

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def tag(name: str) -> str:
    """The qualified name of a TEI element."""
    return f"{{{TEI_NS}}}{name}"


def element(name: str, attrs: dict[str, str] | None = None, text: str = "") -> ET.Element:
    """A TEI element; ``xml:id`` may be given as ``id``."""
    given = {(XML_ID if k == "id" else k): v for k, v in (attrs or {}).items() if v}
    made = ET.Element(tag(name), given)
    if text:
        made.text = text
    return made


@dataclass(frozen=True)
class Wrap:
    """An element around ``text[start:end]``; ``make`` gives (outer element, the one that takes the text)."""

    start: int
    end: int
    make: Callable[[], tuple[ET.Element, ET.Element]]


@dataclass(frozen=True, order=True)
class Mark:
    """An element at ``offset`` (several at one offset in ``rank`` order)."""

    offset: int
    rank: int
    make: Callable[[], ET.Element] = field(compare=False)


def simple(name: str, attrs: dict[str, str] | None = None) -> Callable[[], tuple[ET.Element, ET.Element]]:
    def make() -> tuple[ET.Element, ET.Element]:
        made = element(name, attrs)
        return made, made

    return make


def append_text(container: ET.Element, text: str) -> None:
    """Add character data at the end of ``container`` (after its last child, if any)."""
    if not text:
        return
    if len(container):
        last = container[-1]
        last.tail = (last.tail or "") + text
    else:
        container.text = (container.text or "") + text


def _fill(container: ET.Element, text: str, lo: int, hi: int, wraps: list[Wrap], marks: list[Mark]) -> None:
    tops: list[tuple[Wrap, list[Wrap]]] = []
    for wrap in sorted(wraps, key=lambda w: (w.start, -w.end)):
        if tops and tops[-1][0].start <= wrap.start and wrap.end <= tops[-1][0].end:
            tops[-1][1].append(wrap)
        else:
            tops.append((wrap, []))
    cursor = lo
    pending = sorted(marks)

    def emit_until(offset: int, inclusive: bool) -> None:
        nonlocal cursor
        while pending and (pending[0].offset < offset or (inclusive and pending[0].offset == offset)):
            mark = pending.pop(0)
            append_text(container, text[cursor : mark.offset])
            cursor = mark.offset
            container.append(mark.make())

    for wrap, inner in tops:
        emit_until(wrap.start, inclusive=True)
        append_text(container, text[cursor : wrap.start])
        outer, holder = wrap.make()
        container.append(outer)
        inside = [m for m in pending if wrap.start < m.offset < wrap.end]
        pending = [m for m in pending if m not in inside]
        _fill(holder, text, wrap.start, wrap.end, inner, inside)
        cursor = wrap.end
    emit_until(hi, inclusive=True)
    append_text(container, text[cursor:hi])


def fill(container: ET.Element, text: str, wraps: list[Wrap], marks: list[Mark]) -> None:
    """Put ``text`` into ``container`` with every wrap and mark."""
    _fill(container, text, 0, len(text), wraps, marks)


_MAP = {"p": ("p", {}), "em": ("hi", {"rend": "italic"}), "strong": ("hi", {"rend": "bold"}), "code": ("code", {})}


def _convert(source: ET.Element, target: ET.Element, resolve: Callable[[str], str]) -> None:
    append_text(target, source.text or "")
    for child in source:
        name = child.tag
        if name in _MAP:
            made = element(_MAP[name][0], dict(_MAP[name][1]))
        elif name == "a":
            made = element("ref", {"target": resolve(child.get("href", ""))})
        elif name in ("ul", "ol"):
            made = element("list", {"rend": "numbered" if name == "ol" else "bulleted"})
        elif name == "li":
            made = element("item")
        elif name == "br":
            made = element("lb")
        else:  # the sanitizer allows nothing else; keep the words
            made = element("seg")
        target.append(made)
        _convert(child, made, resolve)
        append_text(target, child.tail or "")


def markdown(html_fragment: str, target: ET.Element, resolve: Callable[[str], str]) -> None:
    """Sanitized Markdown output (``markdown_subset.render``) as TEI children of ``target``;
    ``resolve`` gives each link's address (the site's, in a file that stands alone)."""
    # the sanitizer's own output, made XML: no DTD, no entity but the five of XML
    parsed = ET.fromstring(f"<div>{as_xml(Markup(html_fragment))}</div>")
    _convert(parsed, target, resolve)
