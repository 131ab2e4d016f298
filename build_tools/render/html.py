"""The one layer that turns text into markup.

Everything a page shows is built with ``h`` (an element) and ``join`` (a sequence), which return
``Markup``: text given to them as a plain ``str`` is always escaped, attribute values are always
escaped and quoted, and URL attributes must be safe (relative, ``#fragment``, ``http(s):`` or
``mailto:``). Only two things are ``Markup`` without passing through here: the output of the
contributor-Markdown renderer, which an allowlist sanitizer has cleaned
(``editorial.markdown_subset``), and ``literal`` strings written in this code base.

The output is also well-formed XML (void elements end in ``/>``, boolean attributes carry a value),
so the same fragments serve the EPUB's XHTML. ``json_for_script`` is the only way data goes into
a ``<script>`` element, and ``heading_text`` the only way text goes into a Markdown heading.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup

VOID = frozenset({"br", "hr", "img", "input", "link", "meta", "wbr", "source", "col"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "cite", "poster", "xlink:href", "data"})
_NAME = re.compile(r"\A[a-zA-Z][a-zA-Z0-9:._-]*\Z")
_SAFE_URL = re.compile(r"\A(?:[a-z][a-z0-9+.-]*:)?", re.I)
_MD_ESCAPE = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")

Child = str | Markup | None | Iterable["Child"]


def text(value: str) -> str:
    """Character data escaped for HTML and XML (``&``, ``<``, ``>``)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attribute(value: str) -> str:
    """An attribute value escaped for a double-quoted attribute (and for XML)."""
    return text(value).replace('"', "&quot;").replace("'", "&#x27;")


def safe_url(url: str) -> bool:
    """True for a URL that cannot run script: relative, a fragment, http(s) or mailto."""
    bare = re.sub(r"[\x00-\x20]", "", url)
    scheme = _SAFE_URL.match(bare)
    found = scheme.group(0).lower() if scheme else ""
    return found in ("", "http:", "https:", "mailto:")


def literal(markup: str) -> Markup:
    """Markup written in this code base (never contributor text)."""
    return Markup(markup)


def _children(children: Iterable[Child]) -> Iterable[str]:
    for child in children:
        if child is None:
            continue
        if isinstance(child, Markup):
            yield str(child)
        elif isinstance(child, str):
            yield text(child)
        else:
            yield from _children(child)


def join(*children: Child) -> Markup:
    """A sequence of children as markup (plain strings escaped)."""
    return Markup("".join(_children(children)))


def _attributes(attrs: dict[str, Any] | None) -> str:
    out = []
    for name, value in (attrs or {}).items():
        if value is None or value is False:
            continue
        if not _NAME.match(name) or name.lower().startswith("on"):
            raise ValueError(f"attribute name {name!r} is not allowed")
        value = name if value is True else str(value)
        if name.lower() in URL_ATTRIBUTES and not safe_url(value):
            value = "#"
        out.append(f' {name}="{attribute(value)}"')
    return "".join(out)


def h(tag: str, attrs: dict[str, Any] | None = None, *children: Child) -> Markup:
    """The element ``tag`` with ``attrs`` (``None``/``False`` left out) around ``children``."""
    if not _NAME.match(tag):
        raise ValueError(f"element name {tag!r} is not allowed")
    if tag in VOID:
        return Markup(f"<{tag}{_attributes(attrs)}/>")
    return Markup(f"<{tag}{_attributes(attrs)}>{''.join(_children(children))}</{tag}>")


def json_for_script(data: Any) -> Markup:
    """JSON that is safe inside a ``<script>`` element whatever strings it holds.

    ``<``, ``>`` and ``&`` are written as ``\\u`` escapes, so no string can close the element or
    open a comment (``<!--``, ``</script>``); the line and paragraph separators likewise.
    """
    encoded = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        encoded = encoded.replace(char, escaped)
    return Markup(encoded)


def heading_text(value: str) -> str:
    """Text for a Markdown heading: Markdown syntax and HTML both escaped (shows as written)."""
    return _MD_ESCAPE.sub(r"\\\1", text(value))


def front_matter_value(value: str) -> str:
    """A title or description for a page's YAML front matter.

    JSON is valid YAML (input text holds no control characters: ``inputs.text`` refuses them).
    The text is HTML-escaped too: the theme's templates insert ``page.title`` and
    ``page.meta.description`` without escaping (into ``<title>`` and a ``content=""`` attribute).
    """
    return json.dumps(text(value).replace('"', "&quot;"), ensure_ascii=False)
