"""A reader's own highlights and notes: made on a source page (with the mouse's selection, or
from the keyboard through the passage menu), kept in the browser over a reload, listed and
searched on My notes, exported (Web Annotation JSON-LD, Markdown), cleared and imported again
without duplicates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .test_study_support import SOURCE, add_note, highlight, marked_text, select_words, stored

pytestmark = pytest.mark.browser


def test_highlight_and_note_survive_a_reload(page: Page) -> None:
    page.goto(SOURCE)
    highlight(page, "p3", "ran the trams")
    expect(page.locator(".dpr-study-live")).to_contain_text("Highlighted “ran the trams” in passage p3")
    add_note(page, "p2", "called themselves a soviet", "Sovet: council.")
    assert marked_text(page, "p2") == "called themselves a soviet"
    page.reload()
    expect(page.locator("#p3 mark.dpr-mine")).to_have_text("ran the trams")
    assert marked_text(page, "p2") == "called themselves a soviet"
    # the marks are not part of the text: the editor's note marker sits outside them
    assert page.locator("#p2 mark.dpr-mine sup").count() == 0
    records = {r["exact"]: r for r in stored(page)}
    assert set(records) == {"ran the trams", "called themselves a soviet"}
    assert records["called themselves a soviet"]["note"] == "Sovet: council."
    assert records["ran the trams"]["pid"] == "p3" and records["ran the trams"]["prefix"].endswith("the price of bread, ")
    # the note opens from its marker, and can be removed
    page.get_by_role("button", name="Open your note on “called themselves a soviet”").click()
    dialog = page.get_by_role("dialog", name="Your notes on passage p2")
    expect(dialog).to_contain_text("Sovet: council.")
    dialog.get_by_role("button", name="Remove").click()
    expect(page.locator("#p2 mark.dpr-mine")).to_have_count(0)
    expect(page.locator(".dpr-study-live")).to_contain_text("Removed your note")
    assert page.locator("#p2").evaluate("el => el.querySelectorAll('mark').length") == 0


def test_selection_spanning_inserted_markers_quotes_the_passage_text(page: Page) -> None:
    """An author's note marker ([1]) lies inside the selection; the quote is the source's words."""
    page.goto(SOURCE)
    highlight(page, "p2", "five hundred workers. Within a week")
    (record,) = stored(page)
    assert record["exact"] == "five hundred workers. Within a week"
    assert marked_text(page, "p2") == "five hundred workers. Within a week"


def test_keyboard_only_through_the_passage_menu(page: Page) -> None:
    page.goto(SOURCE)
    number = page.locator(".dpr-pnum[data-pid='p4']")
    number.focus()
    page.keyboard.press("Enter")
    group = page.get_by_role("group", name="Study this passage")
    expect(group).to_be_visible()
    group.get_by_role("button", name="Add note").focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Add a note")
    expect(dialog.get_by_role("textbox", name="Your note")).to_be_focused()
    page.keyboard.type("The whole passage.")
    dialog.get_by_role("button", name="Save note").focus()
    page.keyboard.press("Enter")
    expect(dialog).to_have_count(0)
    expect(page.locator(".dpr-study-live")).to_contain_text("Note saved")
    # focus came back to the passage number, and the whole passage is marked
    expect(number).to_be_focused()
    assert marked_text(page, "p4") == page.evaluate(
        "fetch('/data/fixture-councils.json').then(r => r.json()).then(d => d.passages.find(p => p.id === 'p4').text)"
    )
    (record,) = stored(page)
    assert record["scope"] == "passage"


def test_keyboard_selection_is_used_by_the_menu(page: Page) -> None:
    page.goto(SOURCE)
    select_words(page, "p8", "check the books")
    page.locator(".dpr-pnum[data-pid='p8']").focus()
    page.keyboard.press("Enter")
    group = page.get_by_role("group", name="Study the selected words")
    group.get_by_role("button", name="Highlight").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#p8 mark.dpr-mine")).to_have_text("check the books")
    expect(page.locator(".dpr-study-live")).to_contain_text("Highlighted “check the books” in passage p8")


def test_toolbar_buttons_are_reachable_by_tab_and_arrows(page: Page) -> None:
    page.goto(SOURCE)
    select_words(page, "p7", "factory committees")
    toolbar = page.get_by_role("toolbar", name="Selected words in passage p7")
    toolbar.get_by_role("button", name="Highlight").focus()
    page.keyboard.press("ArrowRight")
    expect(toolbar.get_by_role("button", name="Add note")).to_be_focused()
    page.keyboard.press("Escape")
    expect(toolbar).to_have_count(0)


def _export(page: Page, name: str, tmp_path: Path) -> Path:
    with page.expect_download() as info:
        page.get_by_role("button", name=name).click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target


def test_export_clear_import_without_duplicates(page: Page, tmp_path: Path) -> None:
    page.goto(SOURCE)
    highlight(page, "p3", "ran the trams")
    add_note(page, "p15", "9 March 1906", "Check the calendar.")
    page.goto("/notes/")
    items = page.locator(".dpr-study-item")
    expect(items).to_have_count(2)
    expect(page.get_by_role("heading", name="Passage p15")).to_be_visible()
    # search narrows the list and says how many match
    page.get_by_role("searchbox", name="Search my notes").fill("calendar")
    expect(items).to_have_count(1)
    expect(page.locator(".dpr-study-count")).to_have_text("1 of 2 highlights and notes match “calendar”.")
    page.get_by_role("searchbox", name="Search my notes").fill("")
    expect(items).to_have_count(2)

    jsonld = _export(page, "Export (Web Annotation JSON-LD)", tmp_path)
    data = json.loads(jsonld.read_text(encoding="utf-8"))
    assert data["type"] == "AnnotationCollection" and data["total"] == 2
    assert "http://www.w3.org/ns/anno.jsonld" in data["@context"]
    by_quote = {}
    for item in data["first"]["items"]:
        selectors = {s["type"]: s for s in item["target"]["selector"]}
        by_quote[selectors["TextQuoteSelector"]["exact"]] = (item, selectors)
    note, selectors = by_quote["9 March 1906"]
    assert note["motivation"] == "commenting" and note["body"][0]["value"] == "Check the calendar."
    assert selectors["FragmentSelector"]["value"] == "p15"
    assert note["target"]["source"].endswith("/sources/fixture-councils/")
    assert by_quote["ran the trams"][0]["motivation"] == "highlighting"

    markdown = _export(page, "Export (Markdown)", tmp_path).read_text(encoding="utf-8")
    assert "## The councils of Northgate" in markdown
    assert "> 9 March 1906" in markdown and "Check the calendar." in markdown
    assert "[The councils of Northgate, passage p15](" in markdown and "/sources/fixture-councils/#p15)" in markdown

    page.get_by_role("button", name="Delete all…").click()
    page.get_by_role("dialog", name="Delete all my notes?").get_by_role("button", name="Delete all 2").click()
    expect(items).to_have_count(0)
    assert stored(page) == []

    for _round in range(2):  # importing the same file twice adds nothing the second time
        with page.expect_file_chooser() as chooser:
            page.get_by_role("button", name="Import…").click()
        chooser.value.set_files(str(jsonld))
        expect(items).to_have_count(2)
    expect(page.locator(".dpr-study-live")).to_contain_text("0 added, 2 already here")
    assert len(stored(page)) == 2
    page.goto(SOURCE)
    expect(page.locator("#p3 mark.dpr-mine")).to_have_text("ran the trams")
    expect(page.locator("#p15 mark.dpr-mine--note")).to_have_text("9 March 1906")


def test_import_merges_a_newer_version_and_leaves_out_foreign_annotations(page: Page, tmp_path: Path) -> None:
    page.goto(SOURCE)
    add_note(page, "p15", "9 March 1906", "First thought.")
    (record,) = stored(page)
    newer = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "first": {
            "type": "AnnotationPage",
            "items": [
                {
                    "id": record["id"],
                    "type": "Annotation",
                    "modified": "2999-01-01T00:00:00Z",
                    "body": {"type": "TextualBody", "value": "Second thought."},
                    "target": {
                        "source": "https://elsewhere.example/sources/fixture-councils/",
                        "selector": [{"type": "FragmentSelector", "value": "p15"}, {"type": "TextQuoteSelector", "exact": "9 March 1906"}],
                    },
                },
                {"id": "urn:x", "type": "Annotation", "target": "https://example.org/not-a-passage"},
            ],
        },
    }
    path = tmp_path / "newer.jsonld"
    path.write_text(json.dumps(newer), encoding="utf-8")
    page.goto("/notes/")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import…").click()
    chooser.value.set_files(str(path))
    expect(page.locator(".dpr-study-live")).to_contain_text("0 added, 0 already here, 1 updated, 1 not on a passage of this edition")
    expect(page.locator(".dpr-study-note")).to_have_text("Second thought.")
    assert len(stored(page)) == 1
