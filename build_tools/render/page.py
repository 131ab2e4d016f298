"""A generated page as MkDocs reads it: YAML front matter, Markdown headings, HTML blocks.

Only two kinds of thing go into a page's body: headings (Markdown, so that the theme's table of
contents sees them; their text escaped by ``html.heading_text``) and HTML blocks built with
``render.html``, each starting with a block-level element so that Markdown leaves its content
alone. Contributor text never reaches the Markdown parser as Markdown.
"""

from __future__ import annotations

import json
import re

from markupsafe import Markup

from .html import front_matter_value, heading_text

#: elements Python-Markdown treats as raw HTML blocks (its ``block_level_elements``)
BLOCK_TAGS = ("aside", "blockquote", "details", "div", "dl", "figure", "nav", "ol", "p", "section", "table", "ul", "script")
_ANCHOR = re.compile(r"\A[a-z][a-z0-9-]*\Z")


def front_matter(title: str, description: str = "", kind: str = "", extra: dict[str, object] | None = None) -> str:
    """The YAML front matter of a page (values as JSON, which YAML reads unchanged)."""
    lines = ["---", f"title: {front_matter_value(title)}"]
    if description:
        lines.append(f"description: {front_matter_value(description)}")
    if kind:
        lines.append(f"dpr_kind: {kind}")
    for key, value in (extra or {}).items():
        if key == "dpr_meta" and isinstance(value, list):
            lines.append("dpr_meta:")
            lines += [f"  - [{json.dumps(name)}, {json.dumps(content, ensure_ascii=False)}]" for name, content in value]
        else:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines)


def heading(level: int, text: str, anchor: str = "", classes: str = "", attributes: str = "") -> str:
    """A Markdown heading whose text shows exactly as given, with an optional id and classes."""
    if anchor and not _ANCHOR.match(anchor):
        raise ValueError(f"heading id {anchor!r} is not an id")
    extras = " ".join(x for x in (f"#{anchor}" if anchor else "", classes, attributes) if x)
    return f"{'#' * level} {heading_text(text)}" + (f" {{{extras}}}" if extras else "")


def block(markup: Markup) -> str:
    """An HTML block for the page body (it must open with a block-level element)."""
    text = str(markup)
    tag = re.match(r"<([a-z]+)", text)
    if tag is None or tag.group(1) not in BLOCK_TAGS:
        raise ValueError(f"an HTML block must start with a block-level element, not {text[:30]!r}")
    return text


def page(head: str, *parts: str) -> str:
    """The whole page: front matter, then each part separated by a blank line."""
    return head + "\n\n" + "\n\n".join(p for p in parts if p) + "\n"
