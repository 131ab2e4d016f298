"""Fixtures of the real-browser suite: the built site served on 127.0.0.1, and system Chromium.

The site is built first if ``site/`` is missing or older than its inputs, so the suite never
skips and never tests stale output. Every test gets a fresh browser context (its own profile:
storage, caches, service workers, permissions).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from .support import CHROMIUM_ARGS, ROOT, build_site, chromium_executable, serve, site_is_stale


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here) and item.get_closest_marker("browser") is None:
            raise pytest.UsageError(f"{item.nodeid}: every test in tests/browser/ must be marked @pytest.mark.browser")


@pytest.fixture(scope="session")
def site_dir() -> Path:
    if site_is_stale(ROOT):
        build_site(ROOT)
    return ROOT / "site"


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    with serve(site_dir) as (url, _server):
        yield url


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_session: Playwright) -> Iterator[Browser]:
    browser = playwright_session.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def context(browser: Browser, base_url: str) -> Iterator[BrowserContext]:
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()
