"""How pages look: dark mode, phones (375 px), the compact head of a source page, print as a book,
and the reading typography. On the fixture edition."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from .pages import DESKTOP, PAGE_TYPES, PHONE, SOURCE, new_context
from .support import CONTRAST_JS

pytestmark = pytest.mark.browser

PAGES = [pytest.param(path, id=name) for name, path in PAGE_TYPES.items()]

# Text the reader reads on each kind of page, beside the general body text.
TEXT = "article h1, article p, article li, article td, article th, article dd, article dt, .dpr-pnum, .dpr-eref a, .dpr-aref a, a.dpr-gloss"


def text_contrast(page: Page) -> list[tuple[str, float]]:
    """Contrast ratio of every visible text element listed in TEXT (lowest first)."""
    page.evaluate(CONTRAST_JS)
    found = page.evaluate(
        """(sel) => [...document.querySelectorAll(sel)]
            .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden' && el.textContent.trim())
            .map((el) => {
                const name = el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : '');
                return [name + ': ' + el.textContent.trim().slice(0, 40), window.__dprContrast(el).ratio];
            })""",
        TEXT,
    )
    return sorted(((str(w), float(r)) for w, r in found), key=lambda pair: pair[1])


# ---- dark mode ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES)
def test_dark_mode_follows_the_system_setting(browser: Browser, base_url: str, path: str) -> None:
    context = browser.new_context(base_url=base_url, color_scheme="dark", viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(path)
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        page.evaluate(CONTRAST_JS)
        body = page.evaluate("window.__dprContrast(document.querySelector('.md-main'))")
        assert body["background"] < 0.05, f"the page background is not dark: {body}"
        contrast = text_contrast(page)
        assert contrast, "no text found"
        low = [(what, round(ratio, 2)) for what, ratio in contrast if ratio < 4.5]
        assert not low, f"text below 4.5:1 in dark mode: {low[:8]}"
    finally:
        context.close()


@pytest.mark.parametrize("path", PAGES)
def test_light_mode_text_contrast(page: Page, path: str) -> None:
    page.goto(path)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    low = [(what, round(ratio, 2)) for what, ratio in text_contrast(page) if ratio < 4.5]
    assert not low, f"text below 4.5:1 in light mode: {low[:8]}"


def test_the_palette_toggle_switches_and_remembers(page: Page) -> None:
    page.goto(SOURCE)
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.locator("label[title='Switch to dark mode']").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.goto("/glossary/")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.locator("label[title='Switch to light mode']").click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")


# ---- phones --------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_scrolling_at_375px(browser: Browser, base_url: str, path: str) -> None:
    context = browser.new_context(base_url=base_url, viewport={"width": 375, "height": 740}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(path)
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 375
        wide = page.evaluate(
            """() => [...document.querySelectorAll('article *')]
                .filter((el) => { const r = el.getBoundingClientRect(); return r.width && (r.right > 375.5 || r.left < -0.5); })
                .filter((el) => !el.closest('.dpr-table-wrap, .dpr-timeline-wrap, .md-typeset__scrollwrap, pre'))
                .map((el) => el.tagName + '.' + el.className).slice(0, 5)"""
        )
        assert not wide, f"elements stick out of the screen: {wide}"
    finally:
        context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_the_back_to_top_button_is_a_button_not_a_curtain(browser: Browser, base_url: str, width: int) -> None:
    """The theme's "back to top" button, shown when the reader scrolls back up a long page, is the
    size of a button and leaves the text readable around it."""
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 740}, has_touch=width < 400, is_mobile=width < 400)
    try:
        page = context.new_page()
        page.goto("/sources/fixture-councils/")
        page.mouse.wheel(0, 3000)
        page.wait_for_timeout(300)
        page.mouse.wheel(0, -400)
        button = page.locator(".md-top")
        expect(button).to_be_visible()
        page.wait_for_timeout(400)
        box = button.bounding_box()
        assert box is not None and box["height"] <= 48 and box["width"] <= 240, box
    finally:
        context.close()


def test_no_horizontal_scrolling_at_375px_with_notes_and_menu_open(browser: Browser, base_url: str) -> None:
    context = new_context(browser, base_url, PHONE)
    try:
        page = context.new_page()
        page.goto(SOURCE + "#p19")
        page.click(".dpr-pnum[data-pid='p19']")
        expect(page.locator(".dpr-menu")).to_be_visible()
        page.get_by_role("button", name="BibTeX").click()
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 375
        page.keyboard.press("Escape")
        page.tap("#edref-lost-word > a")
        page.tap("#r4 > a")
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 375
        for box in page.locator(".dpr-inplace").all():
            r = box.bounding_box()
            assert r and r["x"] >= 0 and r["x"] + r["width"] <= 375
    finally:
        context.close()


# ---- the head of a source page -----------------------------------------------------------------


def test_the_head_of_a_source_page_is_a_key_and_one_line_of_provenance(page: Page) -> None:
    page.goto(SOURCE)
    key = page.locator(".dpr-key")
    for sample in ("†1", "[word]", "[…]", "[sic]"):
        expect(key).to_contain_text(sample)
    line = float(key.evaluate("k => parseFloat(getComputedStyle(k).lineHeight)"))
    assert (key.bounding_box() or {"height": 99})["height"] <= line * 1.5, "the key is more than one line"
    summary = page.locator("details.dpr-provenance > summary")
    assert (summary.bounding_box() or {"height": 99})["height"] <= 26, "the provenance is more than one line"
    expect(page.locator(".dpr-method")).to_be_hidden()
    summary.click()
    expect(page.locator(".dpr-method")).to_be_visible()
    # the text starts on the first screen, and readers see no contributor's file paths
    assert float(page.locator("#p1").evaluate("p => p.getBoundingClientRect().top")) < DESKTOP.height - 100
    shown = page.locator("article").inner_text()
    assert "annotations/" not in shown and ".yml" not in shown
    expect(page.get_by_role("link", name="Contribute a note on this text")).to_be_visible()


# ---- print ---------------------------------------------------------------------------------------

# An A4 page's text block at 96 px/in with 2 cm margins: 210 mm - 40 mm.
PRINT_WIDTH = 642


@pytest.mark.parametrize("path", PAGES)
def test_print_hides_the_chrome_and_keeps_the_text(browser: Browser, base_url: str, path: str) -> None:
    context = browser.new_context(base_url=base_url, viewport={"width": PRINT_WIDTH, "height": 900})
    try:
        page = context.new_page()
        page.emulate_media(media="print")
        page.goto(path)
        # The site's chrome, and controls that do nothing on paper (the cases table's filters).
        for chrome in (
            ".md-header",
            ".md-sidebar--primary",
            ".md-sidebar--secondary",
            ".md-footer",
            ".dpr-toolbar",
            ".md-top",
            ".dpr-filters",
            ".dpr-sidenotes",
        ):
            expect(page.locator(chrome)).to_be_hidden()
        expect(page.locator("article h1")).to_be_visible()
        # Nothing is cut off at the page edge: wide tables and figures fit the text block.
        assert page.evaluate("document.scrollingElement.scrollWidth") <= PRINT_WIDTH
        clipped = page.evaluate(
            """() => [...document.querySelectorAll('article *')]
                .filter((el) => !el.matches('.dpr-visually-hidden'))
                .filter((el) => el.scrollWidth > el.clientWidth + 1 && ['auto', 'scroll', 'hidden'].includes(getComputedStyle(el).overflowX))
                .map((el) => el.tagName + '.' + el.className)"""
        )
        assert not clipped, f"content clipped in print: {clipped}"
    finally:
        context.close()


def test_print_keeps_the_editors_notes_as_endnotes(browser: Browser, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, viewport={"width": PRINT_WIDTH, "height": 900})
    try:
        page = context.new_page()
        page.emulate_media(media="print")
        page.goto(SOURCE)
        notes = page.locator(".dpr-editor-notes")
        expect(notes).to_be_visible()
        expect(page.locator("#editors-notes")).to_be_visible()
        expect(page.locator(".dpr-ednote").first).to_be_visible()
        expect(page.locator(".dpr-eref a").first).to_be_visible()
        expect(page.locator(".dpr-author-notes")).to_be_visible()
        # Endnotes: after the last passage of the text.
        order = page.evaluate(
            """() => {
                const passages = document.querySelectorAll('.dpr-passage');
                const last = passages[passages.length - 1].getBoundingClientRect().bottom;
                return [last, document.querySelector('#editors-notes').getBoundingClientRect().top];
            }"""
        )
        assert order[1] > order[0]
        # The notes start on a new page together with their heading (no heading left alone at the foot of a page).
        breaks = page.evaluate(
            """() => [getComputedStyle(document.querySelector('#editors-notes')).breakBefore,
                       getComputedStyle(document.querySelector('.dpr-editor-notes')).breakBefore,
                       getComputedStyle(document.querySelector('#editors-notes')).breakAfter]"""
        )
        assert breaks[0] == "page", breaks
        assert breaks[1] != "page", breaks
        # Passage numbers stay in print (readers cite them), as plain text before each passage,
        # without opening up the first line.
        expect(page.locator(".dpr-pnum").first).to_be_visible()
        heights = page.eval_on_selector(
            "#p1 .dpr-pnum", "n => [parseFloat(getComputedStyle(n).lineHeight), parseFloat(getComputedStyle(n.parentNode).lineHeight)]"
        )
        assert heights[0] <= heights[1], heights
        # A book page: the text takes the whole width, the method is printed, no address twice.
        width = page.eval_on_selector("#p1", "p => p.getBoundingClientRect().width")
        assert width >= PRINT_WIDTH * 0.9, f"the text is {width}px of {PRINT_WIDTH}px"
        expect(page.locator(".dpr-method")).to_be_visible()
        doubled = page.evaluate(
            """() => [...document.querySelectorAll('article a[href^="http"]')]
                .filter(a => a.textContent.trim() === a.href || a.textContent.trim() === a.getAttribute('href'))
                .filter(a => getComputedStyle(a, '::after').content !== 'none').map(a => a.href)"""
        )
        assert not doubled, doubled
        # Every editor's mark is on paper, whatever layer the screen showed.
        expect(page.locator(".dpr-sic").first).to_be_visible()
    finally:
        context.close()


# ---- typography ----------------------------------------------------------------------------------

MEASURE_JS = """(sel) => {
  const counts = [];
  for (const p of document.querySelectorAll(sel)) {
    const lh = parseFloat(getComputedStyle(p).lineHeight);
    const lines = Math.round(p.getBoundingClientRect().height / lh);
    if (lines >= 2) counts.push(p.textContent.trim().length / (lines - 0.5));
  }
  counts.sort((a, b) => a - b);
  return counts[Math.floor(counts.length / 2)];
}"""


def test_reading_typography(page: Page) -> None:
    page.goto(SOURCE)
    style = page.eval_on_selector("#p5", "el => getComputedStyle(el).fontFamily")
    assert "serif" in style and not style.startswith(("system-ui", "-apple-system")), style
    assert page.eval_on_selector("#p5", "el => document.fonts.check('16px ' + getComputedStyle(el).fontFamily)")
    # About 65-75 characters a line (median over the paragraphs of the text).
    measure = page.evaluate(MEASURE_JS, "p.dpr-passage")
    assert 55 <= measure <= 80, measure
    # Block quotations are set off from the running text.
    para = page.eval_on_selector("#p9", "el => el.getBoundingClientRect().left")
    quote = page.eval_on_selector("#p10", "el => el.getBoundingClientRect().left")
    assert quote - para >= 16
    assert page.eval_on_selector("blockquote.dpr-quote", "el => getComputedStyle(el).borderLeftStyle") != "none"
    # Editor's and author's note markers differ: a sign, a colour.
    eref = page.eval_on_selector(".dpr-eref a", "el => [getComputedStyle(el).color, el.textContent]")
    aref = page.eval_on_selector(".dpr-aref a", "el => [getComputedStyle(el).color, el.textContent]")
    assert eref[0] != aref[0] and eref[1].startswith("†") and not aref[1].startswith("†")
