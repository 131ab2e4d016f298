"""Contributor Markdown: a small subset, rendered without raw HTML and sanitized with nh3.

Allowed: paragraphs, emphasis, strong, inline code, links (whole http or https addresses, or
``passage:slug#pN`` to a passage of the edition), bullet and
numbered lists, line breaks. Everything else is reported by ``problems`` and removed by ``render``:
raw HTML is escaped by the parser, and the output passes an allowlist sanitizer (defence in
depth), so nothing a contributor writes can run in a reader's browser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from html import unescape

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "em", "strong", "code", "a", "ul", "ol", "li", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https"}


@lru_cache(maxsize=1)
def _parser() -> markdown.Markdown:
    # smarty: the editor's straight quotes, apostrophes, "--" and "..." print as the typographic
    # characters the source texts use (the source texts themselves never pass through here).
    md = markdown.Markdown(extensions=["smarty"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.inlinePatterns.deregister("entity")
    return md


_WEB_URL = re.compile(r"\Ahttps?://[^\s<>\"'\x00-\x20\u200b-\u200f\u2060\ufeff]+\Z")


@lru_cache(maxsize=4096)  # validation renders each text, rendering asks for it again
def _raw_html(text: str) -> str:
    return str(_parser().reset().convert(text))


# Python-Markdown escapes "<" and ">" in text and in attribute values and double-quotes every
# attribute, so in its output each "<" followed by a letter opens an element: a scan finds the same
# elements, names and links as an HTML parser, without building (and garbage-collecting) a tree.
_START_TAG = re.compile(r"<([a-zA-Z][^\s/>\x00]*)([^>]*)>")
_HREF = re.compile(r'\shref="([^"]*)"', re.I)


def _elements(html: str) -> Iterator[tuple[str, str]]:
    """(lowercase name, unescaped href or "") of every element in Markdown's output."""
    for match in _START_TAG.finditer(html):
        href = _HREF.search(match.group(2))
        yield match.group(1).lower(), unescape(href.group(1)) if href else ""


#: a link to a passage of the edition: ``[the sentence](passage:grokipedia-dual-power#p27)``
PASSAGE_LINK = re.compile(r"\]\(passage:([a-z][a-z0-9]*(?:-[a-z0-9]+)*)#([a-z][a-z0-9-]*)\)")


def passage_links(text: str) -> list[tuple[str, str]]:
    """The (source slug, passage id) of every ``passage:`` link in ``text``."""
    return [(m.group(1), m.group(2)) for m in PASSAGE_LINK.finditer(text)]


def _with_passage_links(text: str, root: str) -> str:
    return PASSAGE_LINK.sub(lambda m: f"]({root}sources/{m.group(1)}/#{m.group(2)})", text)


def problems(text: str) -> list[str]:
    """What in ``text`` falls outside the subset (empty list when it is fine)."""
    found: list[str] = []
    if re.search(r"</?[a-zA-Z][^>]*>|<!--", text):
        found.append("raw HTML is not allowed")
    for name, link in _elements(_raw_html(_with_passage_links(text, "https://passage.invalid/"))):
        if name not in ALLOWED_TAGS:
            found.append(f"<{name}> (from Markdown such as headings, images, block quotes or code blocks) is not allowed")
        if name == "a" and not _WEB_URL.match(link):
            # only whole web addresses: a relative link has no page to lead to from a note, and
            # anything else (javascript:, a scheme hidden by a tab or a zero-width space) is refused
            found.append(f"link {link[:40]!r} is not a web address (write it as https://…; cite passages of the edition with `passage:`)")
    return sorted(set(found))


def render(text: str, root: str = "../../") -> Markup:
    """Sanitized HTML for ``text``: safe whatever ``text`` contains.

    The only ``Markup`` made from contributor text: nh3 (Ammonia) has kept only allowed elements,
    attributes and URL schemes, so the result may be placed in a page as it is. ``passage:`` links
    lead to the passage's page from a page whose way to the site's root is ``root``.
    """
    html = _raw_html(_with_passage_links(text, root))
    return Markup(
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer nofollow",
            strip_comments=True,
        )
    )


def render_inline(text: str, root: str = "../../") -> Markup:
    """Like ``render`` but without the wrapping paragraph, for one-line fields."""
    html = str(render(text, root)).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return Markup(html[3:-4])
    return Markup(html)
