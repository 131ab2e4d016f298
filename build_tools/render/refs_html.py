"""Citations as markup: a passage of the edition (linked to its permanent anchor) or a work of
``reference/works/`` with its locator (linked to its entry on the Works cited page)."""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from ..editorial import refs
from .html import h, join
from .urls import relative_url, source_doc

WORKS_DOC = "works/index.md"


def work_anchor(key: str) -> str:
    return f"work-{key}"


def render_ref(ref: refs.Ref, corpus: refs.Corpus, from_doc: str) -> Markup:
    """One citation as markup, for a page at ``from_doc``."""
    if isinstance(ref, refs.PassageRef):
        link = h("a", {"href": relative_url(from_doc, source_doc(ref.slug), ref.pid)}, f"{corpus.short_name(ref.slug)}, passage {ref.pid}")
        return join(link, f": \u201c{ref.quote}\u201d" if ref.quote else None)
    work = corpus.works[ref.key]
    where = ref.at.text()
    return join(
        h("a", {"class": "dpr-work", "href": relative_url(from_doc, WORKS_DOC, work_anchor(ref.key)), "title": work.title}, work.short),
        f", {where}" if where else None,
        join(" (", h("a", {"href": ref.at.url, "rel": "noopener"}, "online"), ")") if ref.at.url else None,
        f" ({ref.note})" if ref.note else None,
    )


def render_refs(items: Iterable[refs.Ref], corpus: refs.Corpus, from_doc: str) -> Markup:
    """Citations separated by semicolons."""
    return Markup("; ").join(render_ref(r, corpus, from_doc) for r in items)


def ref_list(items: Iterable[refs.Ref], corpus: refs.Corpus, from_doc: str) -> Markup:
    """Citations as a list (``<ul class="dpr-refs">``)."""
    return h("ul", {"class": "dpr-refs"}, [h("li", None, render_ref(r, corpus, from_doc)) for r in items])
