"""axe-core on the study tools, as a reader meets them, on a phone and a desktop, light and dark:
the source page with highlights, the toolbar, the passage menu's study actions and every dialog
(note, your notes, suggest a note, public annotation); My notes with attached and detached
items and its delete dialog; the pack builder and a pack. No serious or critical violation, and
no page wider than the screen."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Page, expect

from .pages import VIEWPORTS, Viewport, new_context
from .test_accessibility import axe, describe
from .test_study_support import SOURCE, STORE_KEY, select_words

pytestmark = pytest.mark.browser

NOW = "2026-01-01T00:00:00.000Z"
RECORDS = [
    {
        "id": "urn:uuid:1",
        "slug": "fixture-councils",
        "pid": "p3",
        "scope": "words",
        "exact": "ran the trams",
        "prefix": "It fixed the price of bread, ",
        "suffix": " and issued passes to carters.",
        "note": "",
        "title": "The councils of Northgate",
        "created": NOW,
        "modified": NOW,
    },
    {
        "id": "urn:uuid:2",
        "slug": "fixture-councils",
        "pid": "p2",
        "scope": "words",
        "exact": "called themselves a soviet",
        "prefix": "",
        "suffix": "",
        "note": "A council.",
        "title": "The councils of Northgate",
        "created": NOW,
        "modified": NOW,
    },
    {
        "id": "urn:uuid:3",
        "slug": "fixture-councils",
        "pid": "p99",
        "scope": "words",
        "exact": "words of a passage that is gone",
        "prefix": "",
        "suffix": "",
        "note": "Detached.",
        "title": "The councils of Northgate",
        "created": NOW,
        "modified": NOW,
    },
]
PACK = {
    "title": "A pack",
    "intro": "Read.",
    "items": [
        {"kind": "passage", "source": "fixture-councils", "passage": "p5", "print": "This was dual power:", "questions": ["Why?"]},
        {"kind": "glossary", "id": "soviet", "questions": []},
    ],
    "questions": ["And so?"],
}


def _seed(page: Page) -> None:
    page.goto("/")
    page.evaluate(
        "([k, v, pk, pv]) => { localStorage.setItem(k, v); localStorage.setItem(pk, pv); }",
        [STORE_KEY, json.dumps({"version": 1, "annotations": RECORDS}), "dpr-study-pack-v1", json.dumps(PACK)],
    )


def _source(page: Page) -> None:
    page.goto(SOURCE)
    expect(page.locator("mark.dpr-mine")).to_have_count(3)  # "soviet" is in a span of its own


def _toolbar(page: Page) -> None:
    _source(page)
    select_words(page, "p4", "the police")


def _dialog(open_it: Callable[[Page], None], name: str) -> Callable[[Page], None]:
    def state(page: Page) -> None:
        open_it(page)
        expect(page.get_by_role("dialog", name=name)).to_be_visible()

    return state


def _note(page: Page) -> None:
    _toolbar(page)
    page.get_by_role("toolbar").get_by_role("button", name="Add note").click()


def _suggest(page: Page) -> None:
    _toolbar(page)
    page.get_by_role("toolbar").get_by_role("button", name="Suggest a note").click()
    expect(page.locator(".dpr-study-problems li").first).to_be_visible()


def _mine(page: Page) -> None:
    _source(page)
    page.get_by_role("button", name="Open your note on “called themselves a soviet”").click()


def _menu(page: Page) -> None:
    _source(page)
    page.click(".dpr-pnum[data-pid='p3']")
    expect(page.get_by_role("group", name="Study this passage")).to_be_visible()


def _public(page: Page) -> None:
    _menu(page)
    page.get_by_role("group", name="Study this passage").get_by_role("button", name="Public annotation…").click()


def _notes(page: Page) -> None:
    page.goto("/notes/")
    expect(page.locator(".dpr-study-item")).to_have_count(3)
    expect(page.locator(".dpr-study-item--detached")).to_have_count(1)


def _clear(page: Page) -> None:
    _notes(page)
    page.get_by_role("button", name="Delete all…").click()


def _builder(page: Page) -> None:
    page.goto("/pack/")
    expect(page.locator(".dpr-pack-draft-item")).to_have_count(2)
    page.get_by_role("button", name="Make the link").click()


def _pack(page: Page) -> None:
    _builder(page)
    page.get_by_role("button", name="Open the pack (to read or print)").click()
    expect(page.locator(".dpr-pack-item")).to_have_count(3)
    # the pack opens where the builder was scrolled to; back at the top, once the theme's tabs
    # have finished fading in (axe would measure them half-transparent)
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(600)


STATES: dict[str, Callable[[Page], None]] = {
    "source-with-highlights": _source,
    "selection-toolbar": _toolbar,
    "note-dialog": _dialog(_note, "Add a note"),
    "suggest-dialog": _dialog(_suggest, "Suggest a note"),
    "your-notes-dialog": _dialog(_mine, "Your notes on passage p2"),
    "passage-menu": _menu,
    "public-dialog": _dialog(_public, "Annotate in public, with Hypothes.is"),
    "my-notes": _notes,
    "delete-dialog": _dialog(_clear, "Delete all my notes?"),
    "pack-builder": _builder,
    "pack": _pack,
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: v.name)
def test_no_serious_axe_violations_in_the_study_tools(browser: Browser, base_url: str, viewport: Viewport, scheme: str) -> None:
    context = new_context(browser, base_url, viewport, scheme, bypass_csp=True)
    problems = []
    try:
        page = context.new_page()
        for name, reach in STATES.items():
            _seed(page)
            reach(page)
            found = axe(page)
            if found:
                problems.append(f"{name}:\n{describe(found)}")
            # nothing is wider than the screen (a phone would scroll sideways)
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                problems.append(f"{name}: the page is {overflow}px wider than the screen")
    finally:
        context.close()
    assert not problems, "\n".join(problems)
