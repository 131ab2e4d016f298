"""The reader's highlights and notes, and reading packs, after the text is corrected.

A variant of the fixture edition fixes a word beside a highlight (p3), inserts a paragraph near
the top (every later passage moves down) and deletes a passage that carries a note (p18); its
anchors are recorded with ``anchors`` and the site rebuilt. What the reader made on the
original site is then opened on the corrected one: the highlight is found again at its words,
the note of the deleted passage is shown as detached with its quote, never moved to other
words; a pack of those passages says what happened to each.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from .support import serve
from .test_study_support import SOURCE, STORE_KEY, add_note, highlight, shift_rule_lines, stored, variant_root

pytestmark = pytest.mark.browser

INSERTED = "The editors of the corrected text insert this new paragraph about the harbour."
P3_BEFORE = "ran the trams and issued passes to carters."
P3_AFTER = "ran the trams and issued passes to the carters."
DELETED = "Yet the memory lasted."


def _correct(lines: list[str]) -> list[str]:
    out = []
    for number, line in enumerate(lines, 1):
        if line.startswith(DELETED):
            continue
        out.append(line.replace(P3_BEFORE, P3_AFTER))
        if number == 6:  # after the first paragraph
            out.append(INSERTED)
    assert len(out) == len(lines)
    return out


def _rules(rules: str) -> str:
    deleted_at = 23  # line 23 of the received text, 24 once the paragraph is inserted
    return shift_rule_lines(shift_rule_lines(rules, 6, 1), deleted_at + 1, -1)


@pytest.fixture(scope="module")
def corrected_url() -> Iterator[str]:
    root = variant_root("eng-study-corrected", _correct, _rules)
    with serve(root / "site") as (url, _server):
        yield url


def _made_on_the_original(page: Page) -> str:
    page.goto(SOURCE)
    highlight(page, "p3", "ran the trams")
    highlight(page, "p4", "the police")
    add_note(page, "p18", "Yet the memory lasted", "The memory is the point.")
    assert len(stored(page)) == 3
    return str(page.evaluate(f"localStorage.getItem({json.dumps(STORE_KEY)})"))


def _open_with(browser: Browser, url: str, path: str, storage: str) -> Page:
    context = browser.new_context(base_url=url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto("/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORE_KEY, storage])
    page.goto(path)
    return page


def test_the_corrected_edition_is_what_the_test_means(corrected_url: str, browser: Browser) -> None:
    page = browser.new_page(base_url=corrected_url)
    page.goto(SOURCE)
    data = page.evaluate("fetch('/data/fixture-councils.json').then(r => r.json())")
    texts = {p["id"]: p["text"] for p in data["passages"]}
    assert P3_AFTER in texts["p3"]
    assert INSERTED in texts.values() and "p18" not in texts
    assert data["retired"]["p18"]["how"] == "removed"
    page.context.close()


def test_highlight_reattached_and_deleted_note_detached(page: Page, browser: Browser, corrected_url: str) -> None:
    storage = _made_on_the_original(page)
    fixed = _open_with(browser, corrected_url, SOURCE, storage)
    try:
        expect(fixed.locator("#p3 mark.dpr-mine")).to_have_text("ran the trams")
        expect(fixed.locator("#p4 mark.dpr-mine")).to_have_text("the police")
        # nothing was moved onto the passage that follows the deleted one
        expect(fixed.locator("mark.dpr-mine--note")).to_have_count(0)
        notice = fixed.locator(".dpr-study-detached")
        expect(notice).to_contain_text("1 of your notes or highlights on this source quote words that can no longer be found in the text")
        notice.get_by_role("link", name="See them on My notes").click()
        detached = fixed.locator(".dpr-study-item--detached")
        expect(detached).to_have_count(1)
        expect(detached.locator(".dpr-study-quote")).to_have_text("Yet the memory lasted")
        expect(detached).to_contain_text("The memory is the point.")
        expect(detached).to_contain_text("Detached: passage p18 was removed and the words are no longer in it")
        expect(fixed.get_by_role("heading", name="No longer in the text (detached)")).to_be_visible()
        expect(fixed.locator(".dpr-study-item--attached")).to_have_count(2)
        # the record itself is kept as it was
        assert {r["exact"] for r in stored(fixed)} == {"ran the trams", "the police", "Yet the memory lasted"}
    finally:
        fixed.context.close()


def _pack_link(page: Page) -> str:
    page.goto("/pack/")
    page.get_by_label("Title of the pack", exact=True).fill("Before and after")
    for pid in ("p3", "p18"):
        page.get_by_label("Passage", exact=True).select_option(pid)
        page.get_by_role("button", name="Add the passage").click()
    expect(page.locator(".dpr-pack-draft-item")).to_have_count(2)
    page.get_by_role("button", name="Make the link").click()
    field = page.locator(".dpr-pack-linkbox input")
    expect(field).to_have_value(re.compile(r"#pack="))  # made asynchronously (compression)
    return str(field.input_value())


def test_pack_survives_the_correction(page: Page, browser: Browser, base_url: str, corrected_url: str) -> None:
    link = _pack_link(page)
    assert link.startswith(base_url)
    fixed = browser.new_page()
    try:
        fixed.goto(corrected_url + link[len(base_url) :])
        items = fixed.locator(".dpr-pack-item")
        expect(items).to_have_count(2)
        expect(items.nth(0).locator(".dpr-pack-text")).to_contain_text(P3_AFTER)
        expect(items.nth(1)).to_contain_text("Passage p18 was removed in a revision of the text. It began: “Yet the memory lasted.")
        expect(items.nth(1).locator(".dpr-pack-text")).to_have_count(0)
    finally:
        fixed.context.close()
