"""Previews of editor's notes and glossary definitions: on hover and on keyboard focus, exposed to
screen readers as a tooltip that describes the link, dismissed with Escape (WCAG 1.4.13)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

SOURCE = "/sources/callinicos-1977-soviet-power/"

pytestmark = pytest.mark.browser

# The first marker of each kind on the page; what its preview must say comes from the page itself.
KINDS = {
    "editor's note": (".dpr-eref a", "el => document.querySelector(el.getAttribute('href') + ' .dpr-ednote-body p').textContent"),
    "glossary definition": (
        "a.dpr-gloss",
        "el => document.getElementById(el.dataset.preview).content.querySelectorAll('p')[1].textContent",
    ),
}


def expected_text(page: Page, selector: str, script: str) -> str:
    text = str(page.locator(selector).first.evaluate(script))
    return " ".join(text.split())[:60]


def assert_preview_for(page: Page, selector: str, text: str) -> None:
    link = page.locator(selector).first
    tip = page.get_by_role("tooltip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(text)
    tip_id = tip.get_attribute("id")
    assert tip_id
    expect(link).to_have_attribute("aria-describedby", tip_id)
    # What assistive technology gets: the accessible description computed by the browser.
    expect(link).to_have_accessible_description(re.compile(re.escape(text)))
    # The preview lies on screen, next to the link, and does not cover the link itself.
    box, link_box = tip.bounding_box(), link.bounding_box()
    assert box and link_box
    assert box["y"] >= link_box["y"] + link_box["height"] - 1 or box["y"] + box["height"] <= link_box["y"] + 1
    viewport = page.viewport_size
    assert viewport and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]


def assert_dismissed(page: Page, selector: str) -> None:
    expect(page.get_by_role("tooltip")).to_have_count(0)
    expect(page.locator(selector).first).not_to_have_attribute("aria-describedby", "dpr-tip")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_preview_on_hover_and_escape(page: Page, kind: str) -> None:
    selector, script = KINDS[kind]
    page.goto(SOURCE)
    text = expected_text(page, selector, script)
    page.locator(selector).first.hover()
    assert_preview_for(page, selector, text)
    # The pointer may move onto the preview without it vanishing (to read or select it).
    page.get_by_role("tooltip").hover()
    page.wait_for_timeout(400)
    expect(page.get_by_role("tooltip")).to_be_visible()
    page.keyboard.press("Escape")
    assert_dismissed(page, selector)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_preview_on_keyboard_focus_and_escape(page: Page, kind: str) -> None:
    selector, script = KINDS[kind]
    page.goto(SOURCE)
    text = expected_text(page, selector, script)
    # Start from the passage number of the same passage and Tab forward to the marker.
    page.locator(selector).first.evaluate("el => el.closest('.dpr-passage').querySelector('.dpr-pnum').focus()")
    first = page.locator(selector).first.element_handle()
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("(el) => document.activeElement === el", first):
            break
    else:
        raise AssertionError(f"Tab did not reach the first {selector}")
    assert_preview_for(page, selector, text)
    page.keyboard.press("Escape")
    assert_dismissed(page, selector)
    # Focus stays where it was; moving on closes nothing else and opens the next preview only.
    assert page.evaluate("(el) => document.activeElement === el", first)
