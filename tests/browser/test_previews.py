"""Notes beside the text: sidenotes in the margin on a wide screen, notes opened in place by a tap on
a phone (the page keeps its place), glossary and case previews, reading layers, and the page
toolbar (contents, notes, back to where I was). Behaviour on the fixture edition; the 1977 article's
margin checked as content."""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from .pages import DESKTOP, OTHER_SOURCE, PAGE_TYPES, PHONE, SOURCE, new_context

pytestmark = pytest.mark.browser

MARKERS = ".dpr-eref > a, .dpr-aref > a"

# Where a marker is, where the window is scrolled, and the height of any note open in place.
STATE_JS = """(sel) => {
    const el = document.querySelector(sel);
    const box = document.querySelector('.dpr-inplace');
    return { top: el.getBoundingClientRect().top, y: window.scrollY, note: box ? box.getBoundingClientRect().height : 0,
             open: el.getAttribute('aria-expanded') === 'true' };
}"""


def marker_selectors(page: Page) -> list[str]:
    """A selector for each marker of the page, by the id of its <sup>."""
    ids: list[str] = page.eval_on_selector_all(MARKERS, "els => els.map(a => a.parentNode.id)")
    return [f"#{i} > a" for i in ids]


@pytest.mark.parametrize("path", [SOURCE, OTHER_SOURCE])
def test_a_tap_opens_every_note_in_place_and_a_second_tap_closes_it_where_it_was(browser: Browser, base_url: str, path: str) -> None:
    context = new_context(browser, base_url, PHONE)
    try:
        page = context.new_page()
        page.goto(path)
        selectors = marker_selectors(page)
        assert len(selectors) >= 5, "the fixture pages have editor's and author's markers"
        for sel in selectors:
            page.eval_on_selector(sel, "el => el.scrollIntoView({ block: 'center' })")
            page.wait_for_timeout(50)
            before: dict[str, Any] = page.evaluate(STATE_JS, sel)
            page.tap(sel)
            opened: dict[str, Any] = page.evaluate(STATE_JS, sel)
            assert opened["open"], f"{sel}: the tap did not open its note"
            expect(page.locator(".dpr-inplace")).to_be_visible()
            moved = max(abs(opened["y"] - before["y"]), abs(opened["top"] - before["top"]))
            assert moved <= opened["note"], f"{sel}: the page moved {moved}px, more than the note's height ({opened['note']}px)"
            assert opened["top"] >= 0 and opened["top"] < PHONE.height, f"{sel}: the marker left the screen"
            page.tap(sel)
            closed: dict[str, Any] = page.evaluate(STATE_JS, sel)
            assert not closed["open"] and page.locator(".dpr-inplace").count() == 0, f"{sel}: a second tap did not close the note"
            assert abs(closed["y"] - before["y"]) <= 1 and abs(closed["top"] - before["top"]) <= 1, f"{sel}: closing did not return to the same place"
    finally:
        context.close()


def margin_report(page: Page) -> list[dict[str, Any]]:
    """For each editor's marker: its top, its sidenote's box, and whether the sidenote is shown."""
    result: list[dict[str, Any]] = page.evaluate(
        """() => Array.from(document.querySelectorAll('.dpr-eref')).map(sup => {
            const note = document.querySelector('.dpr-sidenote[data-for="' + sup.id + '"]');
            const m = sup.getBoundingClientRect();
            const r = note ? note.getBoundingClientRect() : null;
            const text = document.querySelector('.dpr-passage').getBoundingClientRect();
            return { id: sup.id, marker: m.top + scrollY, top: r ? r.top + scrollY : null, bottom: r ? r.bottom + scrollY : null,
                     left: r ? r.left : null, right: r ? r.right : null, textRight: text.right,
                     shown: !!note && note.offsetParent !== null && r.height > 0 };
        })"""
    )
    return result


def check_margin(page: Page, screen: int) -> None:
    notes = margin_report(page)
    assert notes, "no editor's markers"
    for n in notes:
        assert n["shown"], f"{n['id']}: no sidenote in the margin"
        assert n["left"] >= n["textRight"], f"{n['id']}: the sidenote overlaps the text column"
        assert n["right"] <= (page.viewport_size or {"width": 0})["width"], f"{n['id']}: the sidenote runs off the screen"
        assert abs(n["top"] - n["marker"]) < screen, f"{n['id']}: the sidenote is {n['top'] - n['marker']:.0f}px from its marker"
    ordered = sorted(notes, key=lambda n: n["top"])
    for a, b in itertools.pairwise(ordered):
        assert a["bottom"] <= b["top"] + 0.5, f"{a['id']} and {b['id']} overlap in the margin"


@pytest.mark.parametrize("path", [SOURCE, OTHER_SOURCE])
def test_on_a_wide_screen_every_editors_note_stands_beside_its_marker(browser: Browser, base_url: str, path: str) -> None:
    context = new_context(browser, base_url, DESKTOP)
    try:
        page = context.new_page()
        page.goto(path)
        page.wait_for_load_state("load")
        check_margin(page, DESKTOP.height)
    finally:
        context.close()


@pytest.mark.content
def test_every_editors_note_of_the_1977_article_is_in_the_margin_within_one_screen(browser: Browser, real_base_url: str) -> None:
    context = new_context(browser, real_base_url, DESKTOP)
    try:
        page = context.new_page()
        page.goto("/sources/callinicos-1977-soviet-power/")
        page.wait_for_load_state("load")
        check_margin(page, DESKTOP.height)
    finally:
        context.close()


def test_a_click_on_a_marker_opens_its_sidenote_whole_without_moving_the_page(page: Page) -> None:
    page.goto(SOURCE)
    page.wait_for_load_state("load")
    y = page.evaluate("scrollY")
    page.click("#edref-winter-context > a")
    note = page.locator('.dpr-sidenote[data-for="edref-winter-context"]')
    expect(note).to_have_class(re.compile(r"\bdpr-sidenote-open\b"))
    assert page.evaluate("scrollY") == y and page.evaluate("location.hash") == ""
    check_margin(page, DESKTOP.height)


def test_keyboard_follows_a_marker_to_the_note_and_back_to_where_it_was(page: Page) -> None:
    page.goto(SOURCE)
    page.focus("#edref-comittee-sic > a")
    y = page.evaluate("scrollY")
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#ed-comittee-sic'")
    back = page.get_by_role("button", name="Back to where I was")
    expect(back).to_be_visible()
    back.click()
    page.wait_for_function(f"Math.abs(scrollY - {y}) <= 1")
    assert page.evaluate("document.activeElement.parentNode.id") == "edref-comittee-sic"
    expect(back).to_be_hidden()


def choose_layer(page: Page, label: str) -> None:
    page.get_by_role("radio", name=label, exact=True).check()


def test_reading_layers_show_what_the_reader_chose_and_are_remembered(page: Page) -> None:
    page.goto(SOURCE)
    assert page.evaluate("document.documentElement.dataset.dprLayer") == "notes"
    expect(page.locator("#edref-winter-context > a")).to_be_visible()
    expect(page.locator(".dpr-sic").first).to_be_hidden()
    assert page.locator(".dpr-passage a.dpr-gloss[href]").count() == 0, "glossary links belong to the full apparatus"
    choose_layer(page, "Text")
    expect(page.locator("#edref-winter-context > a")).to_be_hidden()
    expect(page.locator(".dpr-sidenotes")).to_be_hidden()
    page.reload()
    assert page.evaluate("document.documentElement.dataset.dprLayer") == "text"
    assert page.get_by_role("radio", name="Text", exact=True).is_checked()
    choose_layer(page, "Full apparatus")
    expect(page.locator(".dpr-sic").first).to_be_visible()
    assert page.locator(".dpr-passage a.dpr-gloss[href]").count() >= 2
    page.goto(PAGE_TYPES["glossary-entry"])
    assert page.evaluate("document.documentElement.dataset.dprLayer") == "full", "the choice holds across pages"


def test_a_glossary_preview_opens_in_place_on_touch_with_a_link_to_the_entry(browser: Browser, base_url: str) -> None:
    context = new_context(browser, base_url, PHONE)
    try:
        page = context.new_page()
        page.goto(SOURCE)
        choose_layer(page, "Full apparatus")
        term = page.locator("a.dpr-gloss[href]").first
        href = term.get_attribute("href")
        term.scroll_into_view_if_needed()
        top = term.evaluate("el => el.getBoundingClientRect().top")
        term.tap()
        box = page.locator(".dpr-inplace")
        expect(box).to_be_visible()
        assert page.url.endswith(SOURCE), "a tap on a term must not leave the page"
        go = box.get_by_role("link", name="Go to the entry")
        assert go.get_attribute("href") == href
        assert abs(term.evaluate("el => el.getBoundingClientRect().top") - top) <= 1
        term.tap()
        expect(box).to_have_count(0)
    finally:
        context.close()


def test_a_glossary_preview_on_hover_waits_and_its_link_is_reached_by_keyboard(page: Page) -> None:
    page.goto(SOURCE)
    choose_layer(page, "Full apparatus")
    term = page.locator("a.dpr-gloss[href]").first
    term.hover()
    tip = page.locator(".dpr-tip")
    assert tip.count() == 0, "a preview waits for the pointer to rest"
    expect(tip).to_be_visible()
    inside = tip.evaluate("t => { const r = t.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")
    assert inside, "the preview is off screen"
    term.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Go to the entry"
    page.keyboard.press("Escape")
    expect(tip).to_have_count(0)


@pytest.mark.parametrize("kind", ["source", "glossary-entry", "case"])
def test_every_page_has_contents_on_a_phone(browser: Browser, base_url: str, kind: str) -> None:
    context = new_context(browser, base_url, PHONE)
    try:
        page = context.new_page()
        page.goto(PAGE_TYPES[kind])
        page.get_by_role("button", name="Contents").tap()
        panel = page.locator("#dpr-toc-panel")
        expect(panel).to_be_visible()
        links = panel.get_by_role("link")
        assert links.count() >= 2
        target = links.nth(1).get_attribute("href") or ""
        links.nth(1).tap()
        page.wait_for_function(f"location.hash === {target!r}")
        expect(panel).to_be_hidden()
        if kind == "source":
            expect(page.get_by_role("link", name="Notes", exact=True)).to_be_visible()
    finally:
        context.close()
