"""The comparative-cases table: complete without JavaScript; filterable and sortable with it, the
controls drawn with the page (nothing moves); cards on a phone with one evidence disclosure per
case; the sort state visible; the timeline legible at 375 px, whole, and linked to the cases."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from .pages import PHONE, new_context

pytestmark = pytest.mark.browser

TABLE = "/cases/"
ROWS = "#cases-table tbody tr[id^='case-']"
CASES = 2  # the fixture edition's cases


def visible_ids(page: Page) -> list[str]:
    return [str(i) for i in page.eval_on_selector_all(ROWS, "rows => rows.filter(r => !r.hidden).map(r => r.id)")]


def test_without_javascript_every_case_is_in_the_table_and_no_dead_control_shows(browser: Browser, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(TABLE)
        assert page.locator(ROWS).count() == CASES
        expect(page.locator(".dpr-filters")).to_be_hidden()
        expect(page.locator("details.dpr-evidence")).to_have_count(CASES)
    finally:
        context.close()


def test_filtering_shows_exactly_the_matching_cases(page: Page) -> None:
    page.goto(TABLE)
    page.locator("select[name=base]").select_option("workplace")
    assert visible_ids(page) == ["case-northgate-1905"]
    expect(page.locator(".dpr-filter-status")).to_have_text(f"1 of {CASES} cases shown.")
    # a group heading hides with its group
    expect(page.locator("tbody[data-group='contested'] .dpr-group-row")).to_be_hidden()
    page.locator("select[name=base]").select_option("")
    assert len(visible_ids(page)) == CASES


def test_sorting_shows_its_state_on_the_column_and_in_the_sort_control(page: Page) -> None:
    page.goto(TABLE)
    header = page.locator("#cases-table thead th", has_text="When")
    header.get_by_role("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    arrow = header.locator("button").evaluate("b => getComputedStyle(b, '::after').content")
    assert "▲" in arrow, arrow
    assert page.get_by_label("Sort by").input_value() == "1:asc"
    header.get_by_role("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    page.get_by_label("Sort by").select_option("0:asc")
    assert header.get_attribute("aria-sort") is None
    expect(page.locator(".dpr-filter-status")).to_have_text("Sorted by Case, ascending.")


def test_the_controls_are_drawn_without_a_layout_shift(browser: Browser, base_url: str) -> None:
    for viewport in ({"width": 375, "height": 740}, {"width": 1280, "height": 900}):
        context = browser.new_context(base_url=base_url, viewport=viewport)  # type: ignore[arg-type]
        try:
            page = context.new_page()
            page.add_init_script(
                "window.__shift = 0; new PerformanceObserver(l => l.getEntries().forEach(e => { if (!e.hadRecentInput) window.__shift += e.value; }))"
                ".observe({ type: 'layout-shift', buffered: true });"
            )
            page.goto(TABLE)
            page.wait_for_load_state("load")
            page.wait_for_timeout(300)
            assert page.evaluate("window.__shift") <= 0.001, viewport
        finally:
            context.close()


def test_on_a_phone_each_case_is_a_card_with_one_evidence_disclosure(browser: Browser, base_url: str) -> None:
    context = new_context(browser, base_url, PHONE)
    try:
        page = context.new_page()
        page.goto(TABLE)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE.width
        for row in page.locator(ROWS).all():
            assert row.evaluate("r => getComputedStyle(r).display") == "block"
            assert row.locator("details.dpr-evidence").count() == 1
            assert row.locator("a.dpr-ev").count() == 0
        card = page.locator(ROWS).first
        label = card.locator("td[data-label='When']").evaluate("td => getComputedStyle(td, '::before').content")
        assert "When" in label
        card.locator("summary").tap()
        expect(card.locator(".dpr-evidence-list a").first).to_be_visible()
    finally:
        context.close()


def test_the_timeline_is_legible_whole_and_linked_on_a_phone(browser: Browser, base_url: str) -> None:
    context = new_context(browser, base_url, PHONE)
    try:
        page = context.new_page()
        page.goto(TABLE)
        chart = page.locator("#timeline-chart")
        chart.scroll_into_view_if_needed()
        box = chart.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE.width
        for label in page.locator("#timeline-chart .tl-label:visible").all():
            size = float(label.evaluate("l => parseFloat(getComputedStyle(l).fontSize)"))
            assert size >= 14, f"a {size}px label"
            r = label.bounding_box()
            assert r and r["x"] >= 0 and r["x"] + r["width"] <= PHONE.width + 0.5, "a label is cut off"
        legend = page.locator("#timeline-chart .tl-legend li")
        assert legend.count() == 4
        for item in legend.all():
            r = item.bounding_box()
            assert r and r["x"] + r["width"] <= PHONE.width
        links = page.locator("#timeline-chart a.tl-link")
        assert links.count() == CASES
        assert links.first.get_attribute("href") == "northgate-1905/"
        assert links.first.locator(".tl-label").inner_text() == "Northgate soviet 1905–06"
    finally:
        context.close()
