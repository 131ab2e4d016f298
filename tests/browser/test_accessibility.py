"""axe-core (the version pinned in package-lock.json) on every kind of page, light and dark, and on
the passage menu and previews once opened: no serious or critical violation."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from .support import PAGE_TYPES, PageType, axe_script

pytestmark = pytest.mark.browser

SOURCE = "/sources/callinicos-1977-soviet-power/"


ALL_RULES = {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}
# What the colour scheme changes: the dark run checks these only (the rest is the same markup).
COLOUR_RULES = {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}


def axe(page: Page, include: str | None = None, run_only: dict[str, Any] = ALL_RULES) -> list[dict[str, Any]]:
    """Serious and critical violations (WCAG 2.x A/AA and best practices) of the page or one part."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(axe_script()))
    result = page.evaluate(
        """([include, runOnly]) => axe.run(include ? { include: [include] } : document, { runOnly, resultTypes: ['violations'] })""",
        [include, run_only],
    )
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = [" ".join(map(str, node["target"])) for node in v["nodes"][:4]]
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']} -> {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page_type", [pytest.param(p, id=p.name) for p in PAGE_TYPES])
def test_no_serious_axe_violations(browser: Browser, base_url: str, page_type: PageType, scheme: str) -> None:
    context = browser.new_context(base_url=base_url, color_scheme=scheme, viewport={"width": 1280, "height": 900})  # type: ignore[arg-type]
    try:
        page = context.new_page()
        page.goto(page_type.path)
        found = axe(page, run_only=ALL_RULES if scheme == "light" else COLOUR_RULES)
        assert not found, describe(found)
    finally:
        context.close()


def test_no_serious_axe_violations_in_the_passage_menu_and_previews(page: Page) -> None:
    page.goto(SOURCE)
    page.click(".dpr-pnum[data-pid='p14']")
    page.get_by_role("button", name="Cite (Chicago)").click()
    expect(page.locator(".dpr-citation")).to_be_visible()
    found = axe(page, ".dpr-menu")
    assert not found, describe(found)
    page.keyboard.press("Escape")
    for selector in (".dpr-eref a", "a.dpr-gloss", ".dpr-aref a"):
        page.locator(selector).first.hover()
        expect(page.get_by_role("tooltip")).to_be_visible()
        found = axe(page, "#dpr-tip")
        assert not found, f"{selector}: {describe(found)}"
        page.keyboard.press("Escape")


def test_no_serious_axe_violations_on_a_phone(browser: Browser, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        for page_type in PAGE_TYPES:
            page.goto(page_type.path)
            found = axe(page)
            assert not found, f"{page_type.name}: {describe(found)}"
    finally:
        context.close()
