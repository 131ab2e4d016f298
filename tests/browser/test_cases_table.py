"""The comparative-cases table: complete without JavaScript, filterable and sortable with it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from .support import ROOT

pytestmark = pytest.mark.browser

TABLE = "/cases/"
ROWS = "#cases-table tbody tr[id^='case-']"


def _case_files() -> list[dict[str, object]]:
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(Path(ROOT, "cases").glob("*.yml"))]


def _visible_ids(page: Page) -> list[str]:
    return [str(i) for i in page.eval_on_selector_all(ROWS, "rows => rows.filter(r => !r.hidden).map(r => r.id)")]


def test_without_javascript_every_case_is_in_the_table(browser: Browser, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(TABLE)
        assert page.locator(ROWS).count() == len(_case_files())
        assert page.locator(".dpr-filters").count() == 0  # the controls exist only where they work
    finally:
        context.close()


def test_filtering_by_base_shows_exactly_the_matching_cases(page: Page) -> None:
    page.goto(TABLE)
    total = len(_case_files())
    expect(page.locator(".dpr-filter-status")).to_have_text(f"{total} of {total} cases shown.")
    page.locator(".dpr-filters").get_by_label("Social base").select_option("territorial")
    wanted = sorted(f"case-{c['id']}" for c in _case_files() if c["base"] == "territorial")
    assert wanted and sorted(_visible_ids(page)) == wanted
    expect(page.locator(".dpr-filter-status")).to_have_text(f"{len(wanted)} of {total} cases shown.")
    page.locator(".dpr-filters").get_by_label("Century").select_option("21st")
    both = [i for i in wanted if page.get_attribute(f"#{i}", "data-century") == "21st"]
    assert both and sorted(_visible_ids(page)) == sorted(both)
    page.locator(".dpr-filters").get_by_label("Social base").select_option("")
    page.locator(".dpr-filters").get_by_label("Century").select_option("")
    assert len(_visible_ids(page)) == total


def test_a_group_heading_hides_when_its_group_is_filtered_out(page: Page) -> None:
    page.goto(TABLE)
    page.locator(".dpr-filters").get_by_label("Group").select_option("historical")
    contested = page.locator("#cases-table tbody", has=page.locator("tr#case-seattle-2020"))
    expect(contested.locator(".dpr-group-row")).to_be_hidden()
    assert all(page.get_attribute(f"#{i}", "data-group") == "historical" for i in _visible_ids(page))


def test_sorting_by_date_orders_rows_and_announces_it(page: Page) -> None:
    page.goto(TABLE)
    button = page.get_by_role("button", name="When")
    button.focus()
    page.keyboard.press("Enter")  # reachable and usable from the keyboard
    header = page.locator("#cases-table thead th", has=button)
    expect(header).to_have_attribute("aria-sort", "ascending")
    first_group = page.locator("#cases-table tbody").first
    dates = first_group.locator("tr[id^='case-'] td:nth-child(2)").evaluate_all("cells => cells.map(c => c.getAttribute('data-value'))")
    assert dates == sorted(dates) and len(dates) > 10
    button.click()
    expect(header).to_have_attribute("aria-sort", "descending")
    dates = first_group.locator("tr[id^='case-'] td:nth-child(2)").evaluate_all("cells => cells.map(c => c.getAttribute('data-value'))")
    assert dates == sorted(dates, reverse=True)
    expect(page.locator(".dpr-filter-status")).to_have_text("Sorted by When, descending.")
