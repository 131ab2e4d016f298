"""XHTML for reading systems: whole documents, and contributor Markdown made well-formed XML.

``render.html`` already writes well-formed XML. The sanitizer behind ``markdown_subset.render``
serializes as HTML: it writes ``<br>`` and named character references such as ``&nbsp;``, which
XML does not know without a DTD. ``markdown`` gives the same sanitized markup as XHTML.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from html.entities import name2codepoint

from markupsafe import Markup

from ..editorial import markdown_subset
from ..render.html import attribute, h, literal

XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_HREF = re.compile(r'(<a\s[^>]*?href=")([^"]*)(")')
XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"


def _numeric(match: re.Match[str]) -> str:
    name = match.group(1)
    if name in XML_ENTITIES or name not in name2codepoint:
        return match.group(0)
    return f"&#{name2codepoint[name]};"


def as_xml(markup: Markup) -> Markup:
    """Sanitized HTML as XML: named references numeric, ``<br>`` closed (the only void element
    allowed), line ends as spaces (WeasyPrint keeps line ends in footnotes, as if preformatted)."""
    return Markup(_ENTITY.sub(_numeric, str(markup)).replace("<br>", "<br/>").replace("\n", " "))


def _relinked(markup: Markup, resolve: Callable[[str], str] | None) -> Markup:
    """Each link's address given to ``resolve`` (the sanitizer double-quotes every attribute)."""
    if resolve is None:
        return markup
    return Markup(_HREF.sub(lambda m: m.group(1) + attribute(resolve(unescape(m.group(2)))) + m.group(3), str(markup)))


def markdown(text: str, resolve: Callable[[str], str] | None = None) -> Markup:
    """Contributor Markdown, sanitized (``markdown_subset.render``), as XHTML; ``resolve`` maps
    each link's address (a site-relative link becomes one inside the book, or to the site)."""
    return _relinked(as_xml(markdown_subset.render(text)), resolve)


def markdown_inline(text: str, resolve: Callable[[str], str] | None = None) -> Markup:
    """A one-line field of contributor Markdown, sanitized, as XHTML."""
    return _relinked(as_xml(markdown_subset.render_inline(text)), resolve)


def document(title: str, body: Markup, lang: str = "en", stylesheet: str = "style.css", body_type: str = "") -> bytes:
    """A complete XHTML content document for an EPUB."""
    head = h("head", None, h("meta", {"charset": "utf-8"}), h("title", None, title), h("link", {"rel": "stylesheet", "type": "text/css", "href": stylesheet}))
    page = h(
        "html",
        {"xmlns": XHTML_NS, "xmlns:epub": EPUB_NS, "xml:lang": lang, "lang": lang},
        "\n",
        head,
        "\n",
        h("body", {"epub:type": body_type or None}, "\n", body, "\n"),
        "\n",
    )
    return (str(literal('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n')) + str(page) + "\n").encode("utf-8")
