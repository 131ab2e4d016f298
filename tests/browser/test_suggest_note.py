"""Suggest a note (issue 15): from words selected in a passage of the fixture edition, or from a
whole passage through its menu, the page writes the exact entry of annotations/<slug>.yml. The
entry, appended to a copy of that file, passes ``check`` and ``build``, and the built page shows
the note at those words. The browser's own checks catch what they can before that."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from ..editions import make_root, run
from .support import ROOT, build_site, serve
from .test_study_support import SOURCE, select_words

pytestmark = pytest.mark.browser

REPOSITORY = "https://github.com/example-fork/dual-power-reader"


@pytest.fixture(scope="module")
def suggest_url() -> Iterator[str]:
    """The fixture edition built for a fork on GitHub (DPR_REPOSITORY), so pages name its editor."""
    root = make_root(ROOT / "build" / "eng-study-suggest")
    before = os.environ.get("DPR_REPOSITORY")
    os.environ["DPR_REPOSITORY"] = REPOSITORY
    try:
        build_site(root)
    finally:
        if before is None:
            del os.environ["DPR_REPOSITORY"]
        else:
            os.environ["DPR_REPOSITORY"] = before
    with serve(root / "site") as (url, _server):
        yield url


@pytest.fixture
def suggest_page(browser: Browser, suggest_url: str) -> Iterator[Page]:
    context: BrowserContext = browser.new_context(base_url=suggest_url, viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def _fill(page: Page, body: str, kind: str = "Context", work: str = "sample-1970", chapter: str = "3") -> None:
    dialog = page.get_by_role("dialog", name="Suggest a note")
    dialog.get_by_label("Kind of note").select_option(label=kind)
    dialog.get_by_label("The note", exact=True).fill(body)
    dialog.get_by_label("Work cited").select_option(work)
    dialog.get_by_label("Chapter", exact=True).fill(chapter)
    expect(dialog.locator(".dpr-study-check--ok")).to_be_visible()


def _entry(page: Page) -> str:
    dialog = page.get_by_role("dialog", name="Suggest a note")
    dialog.get_by_role("button", name="Copy the entry").click()
    expect(dialog.get_by_role("status").filter(has_text="Entry copied.")).to_be_visible()
    copied = str(page.evaluate("navigator.clipboard.readText()"))
    assert copied == dialog.locator(".dpr-study-yaml").text_content()
    return copied


def _suggest_words(page: Page, pid: str, words: str, body: str, occurrence: int = 0) -> str:
    page.goto(SOURCE)
    select_words(page, pid, words, occurrence)
    page.get_by_role("toolbar").get_by_role("button", name="Suggest a note").click()
    _fill(page, body)
    return _entry(page)


def test_entries_pass_check_and_build_and_show_at_their_words(suggest_page: Page, tmp_path: Path) -> None:
    page = suggest_page
    entries = [
        _suggest_words(page, "p4", "the police", "The police answered to the old council."),
        # the second "soviet" of p7: the entry carries the context that tells it from the first
        _suggest_words(page, "p7", "soviet", "The soviet as a body, not the word.", occurrence=1),
    ]
    assert 'exact: "the police"' in entries[0] and "prefix" not in entries[0]
    assert "suffix" in entries[1] or "prefix" in entries[1]
    # a whole passage, from its menu, with nothing selected
    page.goto(SOURCE)
    page.click(".dpr-pnum[data-pid='p8']")
    page.get_by_role("group", name="Study this passage").get_by_role("button", name="Suggest a note").click()
    _fill(page, "The committees' powers, in one paragraph.\n\nA second paragraph, with *emphasis*.")
    edit = page.get_by_role("link", name="Open annotations/fixture-councils.yml in GitHub's editor (new tab)")
    expect(edit).to_have_attribute("href", f"{REPOSITORY}/edit/main/annotations/fixture-councils.yml")
    entries.append(_entry(page))
    assert "body: |" in entries[2]
    # the same note as an issue, for contributors who will not edit the file: the form's fields filled in
    issue = page.get_by_role("link", name="Or send it as an issue, without editing the file (new tab)").get_attribute("href") or ""
    assert issue.startswith(f"{REPOSITORY}/issues/new?template=suggest-a-note.yml&")
    fields = parse_qs(urlsplit(issue).query)
    assert fields["source"] == ["fixture-councils"] and fields["passage"] == ["p8"] and fields["kind"] == ["context"]
    assert fields["work"] == ["sample-1970"] and fields["at"] == ["chapter: 3"]
    assert fields["body"] == ["The committees' powers, in one paragraph.\n\nA second paragraph, with *emphasis*."]

    copy = make_root(tmp_path / "edition")
    notes = copy / "annotations" / "fixture-councils.yml"
    original = notes.read_text(encoding="utf-8")
    notes.write_text(original + "".join(entries), encoding="utf-8")
    # a new note has a new address (#ed-…): `check` passes and says the registry will record it (P009)
    unregistered = run(copy, "check")
    assert unregistered.returncode == 0 and "warning P009" in unregistered.stdout + unregistered.stderr
    anchored = run(copy, "anchors")
    assert anchored.returncode == 0, anchored.stdout + anchored.stderr
    checked = run(copy, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    build_site(copy)

    data = json.loads((copy / "site" / "data" / "fixture-councils.json").read_text(encoding="utf-8"))
    added = {n["id"]: n for n in data["notes"]}
    police = added["ed-the-police-context"]
    assert (police["passage"], police["exact"]) == ("p4", "the police")
    soviet = added["ed-soviet-context"]
    assert (soviet["passage"], soviet["exact"]) == ("p7", "soviet")
    whole = added["ed-a-committee-could-context"]
    p8 = next(p["text"] for p in data["passages"] if p["id"] == "p8")
    assert whole["exact"] == p8
    with serve(copy / "site") as (url, _server):
        built = page.context.browser.new_page(base_url=url)  # type: ignore[union-attr]
        try:
            built.goto(SOURCE)
            annotated = built.locator("#p4 .dpr-annotated[data-note='ed-the-police-context']")
            expect(annotated).to_have_text("the police")
            # the note is at the second "soviet" of p7: the words after it end the passage
            at = built.locator("#p7 .dpr-annotated[data-note='ed-soviet-context']")
            expect(at).to_have_text("soviet")
            after = at.evaluate(
                "el => { const r = document.createRange(); r.setStartAfter(el); r.setEndAfter(el.closest('.dpr-passage').lastChild); return r.toString(); }"
            )
            assert "soviet" not in after
            expect(built.locator("#p8 .dpr-annotated[data-note='ed-a-committee-could-context']")).to_have_text(p8)
            expect(built.locator("#ed-a-committee-could-context")).to_contain_text("A second paragraph, with emphasis.")
        finally:
            built.context.close()


def test_the_browser_reports_what_it_can_check(suggest_page: Page) -> None:
    page = suggest_page
    page.goto(SOURCE)
    select_words(page, "p3", "corn exchange. It fixed")  # overlaps the editor's note on "old corn exchange"
    page.get_by_role("toolbar").get_by_role("button", name="Suggest a note").click()
    dialog = page.get_by_role("dialog", name="Suggest a note")
    problems = dialog.locator(".dpr-study-problems li")
    expect(problems.filter(has_text="overlap those of the editor's note †3")).to_have_count(1)
    expect(problems.filter(has_text="write the note")).to_have_count(1)
    expect(problems.filter(has_text="choose the work the note cites")).to_have_count(1)
    dialog.get_by_label("The note", exact=True).fill("<b>bold</b> and [a link](javascript:alert(1))")
    dialog.get_by_label("Id of the note").fill("winter-context")
    expect(problems.filter(has_text="raw HTML is not allowed")).to_have_count(1)
    expect(problems.filter(has_text="links must start with https://")).to_have_count(1)
    expect(problems.filter(has_text="the id winter-context is already used")).to_have_count(1)
    dialog.get_by_label("Work cited").select_option("sample-1970")
    expect(problems.filter(has_text="say where in the work")).to_have_count(1)
    dialog.get_by_label("It cites").select_option("passage")
    dialog.get_by_label("Passage cited (source#passage)").fill("fixture-councils#p99")
    expect(problems.filter(has_text="there is no passage fixture-councils#p99")).to_have_count(1)
    # the whole list is announced, and Escape closes the dialog and gives focus back
    expect(dialog.locator(".dpr-study-check")).to_have_attribute("aria-live", "polite")
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)


def test_without_a_repository_the_dialog_names_the_file(page: Page) -> None:
    """The shared fixture build names no repository: no editor link, the file's path instead."""
    page.goto(SOURCE)
    select_words(page, "p4", "the town hall")
    page.get_by_role("toolbar").get_by_role("button", name="Suggest a note").click()
    dialog = page.get_by_role("dialog", name="Suggest a note")
    expect(dialog).to_contain_text("names no repository: the file is annotations/fixture-councils.yml")
    expect(dialog.get_by_role("link", name="GitHub's editor")).to_have_count(0)


def test_without_javascript_the_contribute_link_leads_to_the_file(browser: Browser, suggest_url: str) -> None:
    context = browser.new_context(base_url=suggest_url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(SOURCE)
        links = page.locator(f"a[href='{REPOSITORY}/edit/main/annotations/fixture-councils.yml']")
        expect(links.first).to_be_attached()
    finally:
        context.close()
