"""Checks on the built site: every registered anchor resolves, internal links and fragments
resolve, no resource comes from another host, no script but the site's own, and no contributor
text is live markup. ``make build`` runs them before a site may be published or previewed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

from ..diagnostics import Diagnostic, error

#: the only scripts a page may load: the theme's bundle and search worker, and the edition's own
ALLOWED_SCRIPT_SRC = re.compile(
    r"\A(/|(\.\./)*)(assets/(javascripts/(bundle|workers/search)\.[0-9a-f]+\.min\.js|(theme/)?[a-z][a-z0-9-]*\.js)|search/[a-z0-9-]+\.js)\Z"
)
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "cite", "background", "ping")
FETCHING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch", "apple-touch-icon", "import"}
FORBIDDEN_ELEMENTS = ("iframe", "object", "embed", "form", "style", "base", "meta", "frame", "frameset", "applet", "link", "portal")
_SCHEME = re.compile(r"\A([a-z][a-z0-9+.-]*):", re.I)
_STYLE_DANGER = re.compile(r"url\s*\(|expression\s*\(|@import|behavior\s*:|-moz-binding", re.I)


@dataclass(frozen=True)
class Page:
    path: str
    ids: frozenset[str]
    links: tuple[str, ...]
    resources: tuple[str, ...]
    unsafe: tuple[str, ...]


def _scheme(value: str) -> str:
    """The scheme a browser would see in a URL attribute (whitespace and controls ignored)."""
    bare = re.sub(r"[\x00-\x20\x7f]", "", value)
    found = _SCHEME.match(bare)
    return found.group(1).lower() if found else ""


def _unsafe_in(content: object, whole: BeautifulSoup) -> list[str]:
    found: list[str] = []
    for tag in content.find_all(True):  # type: ignore[attr-defined]
        for attr, value in tag.attrs.items():
            name = attr.lower()
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.startswith("on"):
                found.append(f"<{tag.name} {attr}=…>")
            if name in URL_ATTRIBUTES and _scheme(text) not in ("", "http", "https", "mailto"):
                found.append(f"<{tag.name} {attr}={text[:30]}…>")
            if name == "style" and _STYLE_DANGER.search(text):
                found.append(f"<{tag.name} style=…{text[:30]}…>")
        if tag.name == "script" and tag.get("type") != "application/json":
            found.append("<script> inside the page content")
        if tag.name in FORBIDDEN_ELEMENTS:
            found.append(f"<{tag.name}> inside the page content")
    for base in whole.find_all("base"):
        found.append(f"<base href={str(base.get('href'))[:30]}> in the page")
    return found


def parse_page(path: str, html: str) -> Page:
    """The ids, links, resource URLs and unsafe constructs of one built HTML page."""
    soup = BeautifulSoup(html, "html.parser")
    ids = frozenset(str(tag["id"]) for tag in soup.find_all(id=True))
    links = tuple(str(a["href"]) for a in soup.find_all("a", href=True))
    resources: list[str] = []
    for tag in soup.find_all(["script", "img", "link", "iframe", "source", "audio", "video", "embed", "object", "image", "use"]):
        value = tag.get("src") or tag.get("data") or tag.get("xlink:href")
        if tag.name == "link" and tag.get("href") and FETCHING_RELS & {str(r).lower() for r in (tag.get("rel") or [])}:
            value = tag.get("href")
        if value:
            resources.append(str(value))
    unsafe: list[str] = []
    for script in soup.find_all("script"):
        src = script.get("src")
        if src and not urlsplit(str(src)).scheme and not ALLOWED_SCRIPT_SRC.match(str(src)):
            unsafe.append(f"script {str(src)[:60]} is not one of the site's own")
        if not src and script.get("type") != "application/json":
            unsafe.append("inline <script> (the Content-Security-Policy allows only the site's own files)")
    content = soup.find("article") or soup
    unsafe += _unsafe_in(content, soup)
    return Page(path, ids, links, tuple(resources), tuple(unsafe))


def _url_path(page_path: str) -> str:
    """Site-relative URL of a built file: ``sources/x/index.html`` -> ``/sources/x/``."""
    url = "/" + page_path
    return url[: -len("index.html")] if url.endswith("index.html") else url


def check_site(pages: dict[str, Page], registered: dict[str, list[str]], addresses: list[str], static: set[str]) -> list[Diagnostic]:
    """All problems: unresolved registered anchors, broken internal links, foreign resources, live markup."""
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
            if parts.scheme or parts.netloc:
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
            if parts.scheme or resource.startswith("//"):
                found.append(error(f"site/{path}", 1, 1, "V001", f"resource from another host or scheme: {resource[:80]}"))
        for construct in page.unsafe:
            found.append(error(f"site/{path}", 1, 1, "V003", f"live markup in the page: {construct}"))
    return found
