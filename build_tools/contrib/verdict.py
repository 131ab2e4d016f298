"""What ``make build`` would refuse that the model alone already shows, so that ``check`` says it
first: a registered address (``anchors/site.json``) the generated site would not serve.

The site checks (``site.verify``) find such an address in the built HTML (P003); here the same
rule runs on the generated files: every registered page must be generated or redirected
(``anchors/redirects.yml``), and every registered editor's note must still exist on its page.
Messages and code are the site check's, so both commands say the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import Diagnostic, error
from ..render.urls import page_path

SITE_REGISTRY = "anchors/site.json"


def served_pages(files: Iterable[str]) -> set[str]:
    """The URL paths a site made of these generated files serves (``sources/x.md`` -> ``/sources/x/``)."""
    pages = set()
    for rel in files:
        if rel.endswith(".md"):
            pages.add("/" + page_path(rel))
        elif rel.endswith("index.html"):
            pages.add("/" + rel.removesuffix("index.html"))
    return pages


def missing_addresses(registered: Iterable[str], files: Iterable[str], current: Iterable[str]) -> list[Diagnostic]:
    """P003 for each registered address the generated ``files`` would not serve."""
    pages, now = served_pages(files), set(current)
    found = []
    for address in sorted(registered):
        url, _, fragment = address.partition("#")
        if url not in pages:
            found.append(error(SITE_REGISTRY, 1, 1, "P003", f"registered address {url} is missing from the built site (add a redirect)"))
        elif fragment.startswith("ed-") and address not in now and url.startswith("/sources/"):
            found.append(error(SITE_REGISTRY, 1, 1, "P003", f"registered address {address} does not resolve"))
    return found
