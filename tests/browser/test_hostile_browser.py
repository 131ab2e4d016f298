"""The hostile edition in Chromium (``tests/hostile_edition.py``: every accepted payload in every
contributor-controlled field): every page is loaded; on every source page every preview link and
note marker is hovered and every citation button of the passage menu clicked. Nothing a payload
holds may run: no dialog opens (every script payload calls ``alert``), no request leaves
127.0.0.1, and no console error mentions a payload (a blocked load is still live markup).

Its own site, built once into ``build/eng-tests-hostile`` (``DPR_TEST_HOSTILE`` names another)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Error, Page, Request, Route

from ..editions import build
from ..hostile_edition import make
from .support import ROOT, serve

PAYLOAD_MARKS = re.compile(r"alert|evil\.example|msgbox|pwned|javascript:|vbscript:|onerror|onload", re.I)


@pytest.fixture(scope="module")
def hostile_site() -> Iterator[tuple[str, Path]]:
    root, _placed = make(ROOT / "build" / os.environ.get("DPR_TEST_HOSTILE", "eng-tests-hostile"))
    site = build(root, exports="none")
    with serve(site) as (url, _server):
        yield url, site


class Watch:
    """What the page did that it must not: dialogs, foreign requests, console errors about payloads."""

    def __init__(self, page: Page, where: list[str]) -> None:
        self.where = where
        self.events: list[str] = []
        page.on("dialog", self.dialog)
        page.on("console", self.console)
        page.on("pageerror", self.error)
        page.route("**/*", self.route)

    def dialog(self, dialog: Dialog) -> None:
        self.events.append(f"{self.where[0]}: a {dialog.type} opened: {dialog.message[:80]!r}")
        dialog.dismiss()

    def error(self, error: Error) -> None:
        # errors of the page's own scripts that mention no payload are other tests' business (the
        # theme's bundle throws "Invalid URL" on hovering a glossary link, payload or none)
        if PAYLOAD_MARKS.search(f"{error.message} {error.stack or ''}"):
            self.events.append(f"{self.where[0]}: script error {error.message[:160]!r}")

    def console(self, message: ConsoleMessage) -> None:
        if message.type == "error" and PAYLOAD_MARKS.search(message.text):
            self.events.append(f"{self.where[0]}: console error {message.text[:160]!r}")

    def route(self, route: Route, request: Request) -> None:
        host = urlsplit(request.url).hostname
        if host == "127.0.0.1":
            route.continue_()
        else:
            self.events.append(f"{self.where[0]}: request to {request.url[:120]}")
            route.abort()


def _hover_all(page: Page, selector: str) -> None:
    for link in page.locator(selector).all():
        if not link.is_visible():
            continue
        link.scroll_into_view_if_needed()
        link.hover()
        page.wait_for_timeout(400)  # previews open after the pointer rests (350 ms)


def _cite(page: Page) -> None:
    numbers = [n for n in page.locator(".dpr-pnum").all() if n.is_visible()]
    if not numbers:
        return
    numbers[0].scroll_into_view_if_needed()
    numbers[0].click()
    for name in ("Cite (Chicago)", "Cite (MLA)", "BibTeX"):
        button = page.get_by_role("button", name=name)
        if button.count():
            button.first.click()
    page.keyboard.press("Escape")


@pytest.mark.browser
def test_nothing_a_payload_holds_runs(browser: Browser, hostile_site: tuple[str, Path]) -> None:
    url, site = hostile_site
    context = browser.new_context(base_url=url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    where = [""]
    page = context.new_page()
    watch = Watch(page, where)
    pages = sorted("/" + p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html"))
    assert len(pages) > 300
    try:
        for path in pages:
            where[0] = path
            page.goto(path)
            if path.startswith("/sources/") and path != "/sources/":
                _hover_all(page, "a.dpr-preview")
                _hover_all(page, ".dpr-eref > a, .dpr-aref > a")
                _cite(page)
            assert page.url.startswith(url), f"{path} navigated to {page.url}"
    finally:
        context.close()
    assert watch.events == []
