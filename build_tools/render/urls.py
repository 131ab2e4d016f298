"""Every link between the site's pages, from the Markdown path of one page to another.

Pages are named by their path in the generated docs folder (``sources/x.md``, ``glossary/index.md``,
``index.md``). With MkDocs' ``use_directory_urls`` (``mkdocs.yml`` sets it; a test holds them
equal) ``sources/x.md`` is served at ``sources/x/`` and ``glossary/index.md`` at ``glossary/``.
"""

from __future__ import annotations

import posixpath

DIRECTORY_URLS = True


def page_path(doc: str) -> str:
    """The site-relative URL path of a page (``sources/x.md`` -> ``sources/x/``; ``index.md`` -> "")."""
    stem = doc.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/" if DIRECTORY_URLS else stem + ".html"


def _folder(doc: str) -> str:
    """The URL folder a page is served from (``/sources/x/`` for ``sources/x.md``)."""
    path = page_path(doc)
    return "/" + (path if path.endswith("/") or not path else posixpath.dirname(path) + "/")


def relative_url(from_doc: str, to_doc: str, anchor: str = "") -> str:
    """The relative link from page ``from_doc`` to page ``to_doc`` (and ``#anchor`` on it)."""
    fragment = f"#{anchor}" if anchor else ""
    if from_doc == to_doc:
        return fragment or "./"
    target = "/" + page_path(to_doc)
    rel = posixpath.relpath(target, _folder(from_doc))
    if target.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel + fragment


def source_doc(slug: str) -> str:
    return f"sources/{slug}.md"


def glossary_doc(eid: str) -> str:
    return f"glossary/{eid}.md"


def case_doc(cid: str) -> str:
    return f"cases/{cid}.md"
