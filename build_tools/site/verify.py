"""Checks on the built site (``site/``): every registered anchor resolves, internal links and
fragments resolve, no resource comes from another host, no contributor text is live markup."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

from ..diagnostics import Diagnostic, error

ALLOWED_SCRIPT_SRC = re.compile(
    r"^(\.\./)*(assets/(javascripts/bundle\.[0-9a-f]+\.min\.js|dpr\.js|javascripts/workers/search\.[0-9a-f]+\.min\.js)|search/main\.js)$"
)


@dataclass(frozen=True)
class Page:
    path: str
    ids: frozenset[str]
    links: tuple[str, ...]
    resources: tuple[str, ...]
    unsafe: tuple[str, ...]


def parse_page(path: str, html: str) -> Page:
    """The ids, links, resource URLs and unsafe constructs of one built HTML page."""
    soup = BeautifulSoup(html, "html.parser")
    ids = frozenset(str(tag["id"]) for tag in soup.find_all(id=True))
    links = tuple(str(a["href"]) for a in soup.find_all("a", href=True))
    fetched_links = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch", "apple-touch-icon"}
    resources = tuple(
        str(t.get("src") or t.get("href"))
        for t in soup.find_all(["script", "img", "link", "iframe", "source", "audio", "video", "embed", "object"])
        if t.get("src") or (t.name == "link" and t.get("href") and fetched_links & {str(r).lower() for r in (t.get("rel") or [])})
    )
    unsafe: list[str] = []
    content = soup.find("article") or soup
    for tag in content.find_all(True):
        for attr, value in tag.attrs.items():
            if attr.lower().startswith("on"):
                unsafe.append(f"<{tag.name} {attr}=…>")
            if attr in ("href", "src", "action", "formaction") and re.match(r"^\s*(javascript|data|vbscript):", str(value), re.I):
                unsafe.append(f"<{tag.name} {attr}={str(value)[:30]}…>")
        if tag.name in ("script",) and tag.get("type") not in ("application/json",):
            unsafe.append("<script> inside the page content")
        if tag.name in ("iframe", "object", "embed", "form", "style", "base", "meta"):
            unsafe.append(f"<{tag.name}> inside the page content")
    return Page(path, ids, links, resources, tuple(unsafe))


def _url_path(page_path: str) -> str:
    """Site-relative URL of a built file: ``sources/x/index.html`` -> ``/sources/x/``."""
    url = "/" + page_path
    return url[: -len("index.html")] if url.endswith("index.html") else url


def check_site(pages: dict[str, Page], registered: dict[str, list[str]], addresses: list[str], static: set[str]) -> list[Diagnostic]:
    """All problems: unresolved registered anchors (P003), broken internal links, foreign resources, live markup."""
    found: list[Diagnostic] = []
    by_url = {_url_path(p): page for p, page in pages.items()}
    for slug, ids in sorted(registered.items()):
        page = by_url.get(f"/sources/{slug}/")
        if page is None:
            found.append(error(f"anchors/{slug}.json", 1, 1, "P003", f"page /sources/{slug}/ is missing from the built site"))
            continue
        for pid in ids:
            if pid not in page.ids:
                found.append(error(f"anchors/{slug}.json", 1, 1, "P003", f"registered id {pid!r} does not resolve on /sources/{slug}/"))
    for address in addresses:
        url, _, fragment = address.partition("#")
        page = by_url.get(url)
        if page is None:
            found.append(error("anchors/site.json", 1, 1, "P003", f"registered address {url} is missing from the built site (add a redirect)"))
        elif fragment and fragment not in page.ids:
            found.append(error("anchors/site.json", 1, 1, "P003", f"registered address {address} does not resolve"))
    for path, page in sorted(pages.items()):
        base = _url_path(path)
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("mailto:"):
                continue
            target = urlsplit(urljoin(base, href))
            target_path = unquote(target.path)
            target_page = by_url.get(target_path) or by_url.get(target_path + "/")
            if target_page is None:
                if target_path.lstrip("/") in static or (target_path.endswith("/") and target_path.lstrip("/") + "index.html" in static):
                    continue
                found.append(error(f"site/{path}", 1, 1, "V002", f"link {href!r} points to a missing page"))
            elif target.fragment and unquote(target.fragment) not in target_page.ids:
                found.append(error(f"site/{path}", 1, 1, "V002", f"link {href!r} points to a missing anchor"))
        for resource in page.resources:
            parts = urlsplit(resource)
            if parts.scheme in ("http", "https") or resource.startswith("//"):
                found.append(error(f"site/{path}", 1, 1, "V001", f"resource from another host: {resource}"))
        for construct in page.unsafe:
            found.append(error(f"site/{path}", 1, 1, "V003", f"live markup in page content: {construct}"))
    return found
