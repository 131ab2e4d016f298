"""The pages the reading tests visit: one of each kind in the fixture edition, every page of a
built site, and the viewports (phone with touch, desktop) and colour schemes they run at."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext

SOURCE = "/sources/fixture-councils/"
OTHER_SOURCE = "/sources/fixture-encyclopedia/"

# One page of every kind, in the fixture edition.
PAGE_TYPES = {
    "home": "/",
    "sources-index": "/sources/",
    "source": SOURCE,
    "glossary-index": "/glossary/",
    "glossary-entry": "/glossary/dual-power/",
    "cases-table": "/cases/",
    "case": "/cases/northgate-1905/",
    "works": "/works/",
    "chronology": "/chronology/",
    "about": "/about/",
}

# The same kinds in the real edition (content tests).
REAL_PAGE_TYPES = {
    "home": "/",
    "sources-index": "/sources/",
    "source": "/sources/callinicos-1977-soviet-power/",
    "source-longest": "/sources/grokipedia-dual-power/",
    "glossary-index": "/glossary/",
    "glossary-entry": "/glossary/dual-power/",
    "cases-table": "/cases/",
    "case": "/cases/russia-1917/",
    "about": "/about/",
}


@dataclass(frozen=True)
class Viewport:
    name: str
    width: int
    height: int
    touch: bool


PHONE = Viewport("phone", 375, 740, True)
DESKTOP = Viewport("desktop", 1280, 900, False)
VIEWPORTS = (PHONE, DESKTOP)


def new_context(browser: Browser, base_url: str, viewport: Viewport, scheme: str = "light", **extra: Any) -> BrowserContext:
    """A fresh profile at ``viewport`` (a phone is a touch device without a fine pointer)."""
    context = browser.new_context(
        base_url=base_url,
        viewport={"width": viewport.width, "height": viewport.height},
        is_mobile=viewport.touch,
        has_touch=viewport.touch,
        color_scheme=scheme,  # type: ignore[arg-type]
        **extra,
    )
    context.set_default_timeout(15_000)
    return context


def site_pages(site: Path) -> list[str]:
    """Every page of a built site as a path ("/", "/sources/x/" ...), redirect stubs left out."""
    paths = []
    for index in sorted(site.rglob("index.html")):
        text = index.read_text(encoding="utf-8", errors="replace")
        if 'http-equiv="refresh"' in text[:2000]:
            continue
        rel = index.parent.relative_to(site).as_posix()
        paths.append("/" if rel == "." else f"/{rel}/")
    return paths
