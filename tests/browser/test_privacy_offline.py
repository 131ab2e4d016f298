"""Privacy (no request leaves the site's own host) and offline reading (the service worker)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Request, expect

from .pages import PAGE_TYPES, SOURCE
from .support import serve

pytestmark = pytest.mark.browser


def test_no_request_goes_to_another_host(browser: Browser, base_url: str) -> None:
    """Every request of every kind of page, its scripts, search and the service worker."""
    context = browser.new_context(base_url=base_url)
    requests: list[Request] = []
    context.on("request", lambda request: requests.append(request))
    try:
        page = context.new_page()
        for path in PAGE_TYPES.values():
            page.goto(path)
            page.wait_for_load_state("networkidle")
        # Use what fetches more: search (its library and index), notes, the passage menu.
        page.goto(SOURCE)
        page.click(".dpr-eref a")
        page.click(".dpr-pnum[data-pid='p4']")
        page.locator("body").press("Escape")
        page.locator("body").press("/")
        page.keyboard.type("soviet")
        expect(page.locator(".dpr-search-result").first).to_be_attached(timeout=20_000)
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    hosts = {urlsplit(r.url).hostname for r in requests if not r.url.startswith(("data:", "blob:", "about:"))}
    assert hosts == {"127.0.0.1"}, sorted(r.url for r in requests if urlsplit(r.url).hostname != "127.0.0.1")
    assert len(requests) > len(PAGE_TYPES)
    assert any(r.url.endswith("/search/index.json") for r in requests)
    assert any(r.url.endswith("/sw.js") for r in requests)
    assert any(r.service_worker for r in requests), "the service worker's own requests were not observed"


def test_pages_read_online_can_be_read_again_offline(browser: Browser, site_dir: Path) -> None:
    with serve(site_dir) as (url, server):
        context = browser.new_context(base_url=url)
        try:
            page = context.new_page()
            page.goto(SOURCE)
            # Search, once opened online, is saved with its index and works offline later.
            page.locator("body").press("/")
            page.keyboard.type("soviet")
            expect(page.locator(".dpr-search-result").first).to_be_attached(timeout=20_000)
            page.keyboard.press("Escape")
            # The first page asks the service worker to save it and its files.
            expect(page.locator("html")).to_have_attribute("data-dpr-offline", "saved", timeout=20_000)
            sw = page.request.get("/sw.js")
            assert sw.ok and sw.headers["content-type"].startswith("text/javascript"), sw.headers
            page.goto("/glossary/dual-power/")
            expect(page.locator("html")).to_have_attribute("data-dpr-offline", "saved", timeout=20_000)
            assert page.evaluate("navigator.serviceWorker.controller !== null")
            title = page.locator("article h1").inner_text()
            # The edition's data, as the reader's notes and packs fetch it, is kept too.
            data_ok = "fetch('/data/index.json').then(r => r.ok && r.json()).then(d => Boolean(d), () => false)"
            assert page.evaluate(data_ok)

            # Cut the connection: the browser is offline and the server is gone.
            server.shutdown()
            server.server_close()
            context.set_offline(True)

            page.reload()
            expect(page.locator("article h1")).to_have_text(title)
            assert_styled(page)
            page.goto(SOURCE + "#p12")
            expect(page.locator("article h1")).to_have_text("The councils of Northgate")
            expect(page.locator("#p12")).to_be_visible()
            assert_styled(page)
            # The page's own scripts run: notes stand in the margin offline.
            expect(page.locator(".dpr-sidenote").first).to_be_visible()
            page.locator("body").press("/")
            page.keyboard.type("committee")
            expect(page.locator(".dpr-search-result").first).to_be_attached(timeout=20_000)
            page.keyboard.press("Escape")
            assert page.evaluate(data_ok), "data/index.json was not kept for offline use"
            # A page never opened says so, instead of the browser's error page.
            page.goto("/cases/")
            expect(page.locator("h1")).to_have_text("Not saved for offline reading")
        finally:
            context.close()


def assert_styled(page: Page) -> None:
    """The stylesheets and the theme's script came from the cache, not only the HTML."""
    family = page.eval_on_selector(".md-typeset", "el => getComputedStyle(el).fontFamily")
    assert "serif" in family and "Iowan" in family, family
    # The theme's script ran (it replaces the class "no-js").
    assert "no-js" not in (page.get_attribute("html", "class") or "")
    expect(page.locator(".md-header")).to_be_visible()
