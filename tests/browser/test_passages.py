"""Passage links: landing on a passage, retired ids, the passage menu (copy link, cite), keyboard use."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from ..editions import make_root, run
from .pages import SOURCE
from .support import ROOT, build_site, serve

pytestmark = pytest.mark.browser


def in_view(page: Page, selector: str) -> bool:
    """The element's top is below the fixed header and inside the viewport."""
    return bool(
        page.evaluate(
            """(sel) => {
                const el = document.querySelector(sel);
                const header = document.querySelector(".md-header").getBoundingClientRect();
                const r = el.getBoundingClientRect();
                return r.top >= header.bottom - 1 && r.top < window.innerHeight && r.height > 0;
            }""",
            selector,
        )
    )


def background(page: Page, selector: str) -> str:
    return str(page.eval_on_selector(selector, "el => getComputedStyle(el).backgroundColor"))


@pytest.mark.browser
def test_passage_link_scrolls_to_and_highlights_the_passage(page: Page) -> None:
    page.goto(SOURCE + "#p12")
    page.wait_for_load_state("load")
    assert page.eval_on_selector("#p12", "el => el.matches(':target')")
    assert in_view(page, "#p12"), "the linked passage is hidden under the header or off screen"
    page.wait_for_function("getComputedStyle(document.getElementById('p12')).backgroundColor !== 'rgba(0, 0, 0, 0)'")
    assert background(page, "#p12") != background(page, "#p13"), "the linked passage is not highlighted"


@pytest.mark.browser
def test_passage_link_highlight_follows_in_page_navigation(page: Page) -> None:
    page.goto(SOURCE)
    page.click("a.dpr-ednote-where[href='#p15']")
    assert page.evaluate("location.hash") == "#p15"
    assert in_view(page, "#p15")
    page.wait_for_function("getComputedStyle(document.getElementById('p15')).backgroundColor !== 'rgba(0, 0, 0, 0)'")


# ---- a retired id lands on its successor, with a notice -------------------------------------------

RETIRED_SLUG = "fixture-councils"


@pytest.fixture(scope="module")
def retired_site() -> Iterator[str]:
    """The fixture edition after a revision of its text that removed passage p4 (readers go to p5)."""
    root = make_root(ROOT / "build" / "test-retired-edition")
    seed = root / "seeds" / "fixture-councils.txt"
    line = "The old council did not dissolve. It kept the town hall, the police and the rates, and it claimed every power it had ever held."
    text = seed.read_text(encoding="utf-8")
    assert line in text
    seed.write_text(text.replace(line, ""), encoding="utf-8")  # the empty line keeps the line numbers
    done = run(root, "anchors")
    assert done.returncode == 0, done.stdout + done.stderr
    build_site(root)
    with serve(root / "site") as (url, _server):
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 375])
def test_retired_id_lands_on_its_successor_with_a_notice(browser: Browser, retired_site: str, width: int) -> None:
    context = browser.new_context(base_url=retired_site, viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.goto(f"/sources/{RETIRED_SLUG}/#p4")
        notice = page.locator(".dpr-retired-notice")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("p4")
        expect(notice).to_contain_text("removed")
        assert in_view(page, ".dpr-retired-notice"), "the notice is hidden under the header or off screen"
        assert in_view(page, "#p5"), "the successor passage is not in view"
        # Screen readers hear the notice (a status message), once.
        expect(notice).to_have_attribute("role", "status")
        page.evaluate("window.dispatchEvent(new HashChangeEvent('hashchange'))")
        expect(notice).to_have_count(1)
    finally:
        context.close()


# ---- the passage menu: copy link, cite ------------------------------------------------------------


def open_menu(page: Page, pid: str) -> None:
    page.click(f".dpr-pnum[data-pid='{pid}']")
    expect(page.get_by_role("dialog", name=f"Link and citation for passage {pid}")).to_be_visible()


def clipboard(page: Page) -> str:
    return str(page.evaluate("navigator.clipboard.readText()"))


@pytest.fixture
def clip_page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    yield context.new_page()
    context.close()


@pytest.mark.browser
def test_copy_link_copies_the_passage_url(clip_page: Page, base_url: str) -> None:
    page = clip_page
    page.goto(SOURCE)
    open_menu(page, "p14")
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator(".dpr-menu-status")).to_have_text("Link copied.")
    copied = clipboard(page)
    assert copied == f"{base_url}{SOURCE}#p14"
    assert page.evaluate("location.hash") == "#p14"


@pytest.mark.browser
def test_citations_name_the_source_the_edition_and_the_passage(clip_page: Page, base_url: str) -> None:
    page = clip_page
    page.goto(SOURCE)
    title = page.get_attribute("meta[name='citation_title']", "content")
    assert title
    url = f"{base_url}{SOURCE}#p14"
    open_menu(page, "p14")
    for style in ("Chicago", "MLA"):
        page.get_by_role("button", name=f"Cite ({style})").click()
        expect(page.locator(".dpr-menu-status")).to_have_text(f"{style} citation copied.")
        copied = clipboard(page)
        assert title in copied, (style, copied)
        assert "Dual Power Reader" in copied, (style, copied)
        assert url in copied, (style, copied)
        shown = page.locator(f".dpr-citation[data-style='{style.lower()}']")
        expect(shown).to_contain_text(url)
    page.get_by_role("button", name="BibTeX").click()
    expect(page.locator(".dpr-menu-status")).to_have_text("BibTeX entry copied.")
    copied = clipboard(page)
    assert copied.startswith("@article{example1955councils,"), copied
    assert title in copied


@pytest.mark.browser
def test_escape_closes_the_menu_and_returns_focus(page: Page) -> None:
    page.goto(SOURCE)
    open_menu(page, "p14")
    page.keyboard.press("Escape")
    expect(page.locator(".dpr-menu")).to_have_count(0)
    assert page.evaluate("document.activeElement.dataset.pid") == "p14"
    expect(page.locator(".dpr-pnum[data-pid='p14']")).to_have_attribute("aria-expanded", "false")


# ---- keyboard only ---------------------------------------------------------------------------------


def tab_until(page: Page, selector: str, limit: int = 400) -> int:
    """Press Tab until the focused element matches ``selector``; the number of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(sel) => document.activeElement && document.activeElement.matches(sel)", selector):
            return presses
    raise AssertionError(f"Tab never reached {selector} in {limit} presses")


def outline(page: Page) -> tuple[str, float]:
    style, width = page.evaluate("(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()")
    return str(style), float(width)


@pytest.mark.browser
def test_keyboard_reaches_passage_numbers_and_note_markers_with_visible_focus(page: Page) -> None:
    page.goto(SOURCE)
    tab_until(page, ".dpr-pnum")
    assert page.evaluate("document.activeElement.matches(':focus-visible')")
    style, width = outline(page)
    assert style != "none" and width >= 2, "focus on a passage number is not visible"
    tab_until(page, ".dpr-eref a")
    style, width = outline(page)
    assert style != "none" and width >= 2, "focus on an editor's note marker is not visible"
    tab_until(page, ".dpr-aref a")
    style, width = outline(page)
    assert style != "none" and width >= 2, "focus on an author's note marker is not visible"


@pytest.mark.browser
def test_enter_on_a_passage_number_opens_the_menu(page: Page) -> None:
    page.goto(SOURCE)
    tab_until(page, ".dpr-pnum")
    pid = page.evaluate("document.activeElement.dataset.pid")
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name=f"Link and citation for passage {pid}")
    expect(dialog).to_be_visible()
    assert page.evaluate("document.activeElement.closest('.dpr-menu') !== null"), "focus did not move into the menu"
    expect(page.locator(f".dpr-pnum[data-pid='{pid}']")).to_have_attribute("aria-expanded", "true")
    # Every control of the menu is reachable with Tab and stays inside the page's reading order.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.dpr-menu') !== null")
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    assert page.evaluate("document.activeElement.dataset.pid") == pid
