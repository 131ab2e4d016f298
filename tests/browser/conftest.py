"""Fixtures of the real-browser suite: built sites served on 127.0.0.1, and system Chromium.

``base_url`` serves the fixture edition (``tests/fixtures/edition``), built afresh once per run
into ``build/test-edition``: behaviour tests run on it and do not change with the real content.
``real_base_url`` serves the real edition's ``site/``, built afresh once per run, for tests of
today's content (marked ``content``). Every test gets a fresh browser context (its own profile:
storage, caches, service workers, permissions).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from ..editions import make_root
from .support import CHROMIUM_ARGS, ROOT, build_site, chromium_executable, serve


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here) and item.get_closest_marker("browser") is None:
            raise pytest.UsageError(f"{item.nodeid}: every test in tests/browser/ must be marked @pytest.mark.browser")


@pytest.fixture(scope="session")
def site_dir() -> Path:
    # DPR_TEST_EDITION names another folder, so that several runs at once do not share one
    root = make_root(ROOT / "build" / os.environ.get("DPR_TEST_EDITION", "test-edition"))
    build_site(root)
    return root / "site"


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    with serve(site_dir) as (url, _server):
        yield url


@pytest.fixture(scope="session")
def real_site_dir() -> Path:
    # DPR_TEST_REAL_COPY builds a copy of the real edition in build/<that name> instead of site/
    copy = os.environ.get("DPR_TEST_REAL_COPY")
    root = make_root(ROOT / "build" / copy, data=ROOT) if copy else ROOT
    build_site(root)
    return root / "site"


@pytest.fixture(scope="session")
def real_base_url(real_site_dir: Path) -> Iterator[str]:
    with serve(real_site_dir) as (url, _server):
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
