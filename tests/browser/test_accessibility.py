"""axe-core (the version pinned in package-lock.json) on every page of the site, on a phone and a
desktop, light and dark, and on what the reader opens (a note in place, a preview, the passage
menu, the contents, search): no serious or critical violation. Every page of the fixture edition
as behaviour; every page of the real edition as content."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from .pages import DESKTOP, PHONE, SOURCE, VIEWPORTS, Viewport, new_context, site_pages
from .support import axe_script

pytestmark = pytest.mark.browser

ALL_RULES = {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}


def axe(page: Page, include: str | None = None) -> list[dict[str, Any]]:
    """Serious and critical violations (WCAG 2.x A/AA and best practices) of the page or one part."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(axe_script()))
    result = page.evaluate(
        """([include, runOnly]) => axe.run(include ? { include: [include] } : document, { runOnly, resultTypes: ['violations'] })""",
        [include, ALL_RULES],
    )
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = [" ".join(map(str, node["target"])) for node in v["nodes"][:4]]
        lines.append(f"  {v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']} -> {targets}")
    return "\n".join(lines)


def scan_site(browser: Browser, base_url: str, site: Path, viewport: Viewport, scheme: str) -> str:
    """Every page at one viewport and scheme; the problems found, described (empty if none)."""
    context = new_context(browser, base_url, viewport, scheme, bypass_csp=True)
    problems = []
    try:
        page = context.new_page()
        for path in site_pages(site):
            page.goto(path)
            page.wait_for_load_state("load")
            found = axe(page)
            if found:
                problems.append(f"{path}:\n{describe(found)}")
    finally:
        context.close()
    return "\n".join(problems)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: v.name)
def test_no_serious_axe_violations_on_any_page(browser: Browser, base_url: str, site_dir: Path, viewport: Viewport, scheme: str) -> None:
    assert len(site_pages(site_dir)) >= 20
    problems = scan_site(browser, base_url, site_dir, viewport, scheme)
    assert not problems, problems


@pytest.mark.content
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: v.name)
def test_no_serious_axe_violations_on_any_page_of_the_real_edition(
    browser: Browser, real_base_url: str, real_site_dir: Path, viewport: Viewport, scheme: str
) -> None:
    problems = scan_site(browser, real_base_url, real_site_dir, viewport, scheme)
    assert not problems, problems


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_axe_violations_in_what_a_reader_opens_on_a_phone(browser: Browser, base_url: str, scheme: str) -> None:
    context = new_context(browser, base_url, PHONE, scheme, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(SOURCE)
        page.get_by_role("radio", name="Full apparatus").check()
        page.tap("#edref-winter-context > a")
        page.tap("#r1 > a")
        page.locator("a.dpr-gloss[href]").first.tap()
        expect(page.locator(".dpr-inplace")).to_have_count(3)
        page.get_by_role("button", name="Contents").tap()
        found = axe(page)
        assert not found, describe(found)
    finally:
        context.close()


def test_no_serious_axe_violations_in_the_menu_preview_margin_and_search(browser: Browser, base_url: str) -> None:
    context = new_context(browser, base_url, DESKTOP, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(SOURCE)
        page.get_by_role("radio", name="Full apparatus").check()
        page.click("#edref-delegates-term > a")
        page.locator("a.dpr-gloss[href]").first.hover()
        expect(page.locator(".dpr-tip")).to_be_visible()
        found = axe(page)
        assert not found, "margin and preview:\n" + describe(found)
        page.click(".dpr-pnum[data-pid='p4']")
        page.get_by_role("button", name="Cite (Chicago)").click()
        found = axe(page, ".dpr-menu")
        assert not found, "passage menu:\n" + describe(found)
        page.keyboard.press("Escape")
        page.get_by_role("button", name="Search").click()
        page.keyboard.type("soviet")
        expect(page.locator(".dpr-search-result").first).to_be_visible()
        found = axe(page)
        assert not found, "search:\n" + describe(found)
    finally:
        context.close()
