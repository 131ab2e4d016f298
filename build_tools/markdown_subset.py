"""Contributor Markdown: a small subset, rendered without raw HTML and sanitized with nh3.

Allowed: paragraphs, emphasis, strong, inline code, links (http, https or relative), bullet and
numbered lists, line breaks. Everything else is reported by ``problems`` and removed by ``render``:
raw HTML is escaped by the parser, and the output passes an allowlist sanitizer (defence in
depth), so nothing a contributor writes can run in a reader's browser.
"""

from __future__ import annotations

import re
from functools import lru_cache

import markdown
import nh3
from bs4 import BeautifulSoup

ALLOWED_TAGS = {"p", "em", "strong", "code", "a", "ul", "ol", "li", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https"}


@lru_cache(maxsize=1)
def _parser() -> markdown.Markdown:
    md = markdown.Markdown(extensions=[], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.inlinePatterns.deregister("entity")
    return md


_UNSAFE_SCHEME = re.compile(r"^[\s\x00-\x20]*([a-z][a-z0-9+.\-]*):", re.I)


@lru_cache(maxsize=8192)
def _raw_html(text: str) -> str:
    return str(_parser().reset().convert(text))


def problems(text: str) -> list[str]:
    """What in ``text`` falls outside the subset (empty list when it is fine)."""
    found: list[str] = []
    if re.search(r"</?[a-zA-Z][^>]*>|<!--", text):
        found.append("raw HTML is not allowed")
    soup = BeautifulSoup(_raw_html(text), "html.parser")
    for tag in soup.find_all(True):
        if tag.name not in ALLOWED_TAGS:
            found.append(f"<{tag.name}> (from Markdown such as headings, images, block quotes or code blocks) is not allowed")
        if tag.name == "a":
            href = re.sub(r"[\t\n\r]", "", str(tag.get("href", "")))  # browsers ignore these in URLs
            scheme = _UNSAFE_SCHEME.match(href)
            if scheme and scheme.group(1).lower() not in URL_SCHEMES:
                found.append(f"link scheme {scheme.group(1)!r}: is not allowed (use https://)")
    return sorted(set(found))


def render(text: str) -> str:
    """Sanitized HTML for ``text``: safe whatever ``text`` contains."""
    html = _raw_html(text)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def render_inline(text: str) -> str:
    """Like ``render`` but without the wrapping paragraph, for one-line fields."""
    html = render(text).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html
