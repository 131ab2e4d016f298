"""Search (Material's lunr index in a web worker) finds words of the source texts, of the editor's
notes and of the glossary. The words are chosen from the built site: each occurs in one place only."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

WORD = re.compile(r"^[a-z]{8,14}$")


def tokens(text: str) -> set[str]:
    """Words as the search index sees them: split on whitespace and hyphens, trimmed, lowercased."""
    found = set()
    for raw in re.split(r"[\s\-]+", text):
        token = re.sub(r"^\W+|\W+$", "", raw).lower()
        if token:
            found.add(token)
    return found


@dataclass(frozen=True)
class Target:
    word: str
    page: str  # site-relative, like "sources/x/"
    fragment: str = ""


@cache
def targets(site: Path) -> dict[str, Target]:
    """One rare word per kind of text, with the page (and section) that alone contains it."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages_of: dict[str, set[str]] = {}
    locations_of: dict[str, set[str]] = {}
    for doc in index["docs"]:
        for token in tokens(doc["title"] + " " + doc["text"]):
            pages_of.setdefault(token, set()).add(doc["location"].split("#")[0])
            locations_of.setdefault(token, set()).add(doc["location"])

    def only_on(token: str, page: str) -> bool:
        return bool(WORD.match(token)) and pages_of.get(token) == {page}

    passages: dict[str, set[str]] = {}
    notes: dict[str, set[str]] = {}
    for path in sorted((site / "sources").glob("*/index.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        page = f"sources/{path.parent.name}/"
        passages[page] = set().union(*(tokens(p.get_text(" ")) for p in soup.select(".dpr-passage")))
        notes[page] = set().union(*(tokens(n.get_text(" ")) for n in soup.select(".dpr-ednote-body")))
    all_passages = set().union(*passages.values())
    all_notes = set().union(*notes.values())
    found: dict[str, Target] = {}
    source = sorted((t, page) for page, words in passages.items() for t in words - all_notes if only_on(t, page))
    assert source, "no word occurs only in one source's text"
    found["source text"] = Target(source[0][0], source[0][1])
    note = sorted((t, page) for page, words in notes.items() for t in words - all_passages if only_on(t, page) and locations_of[t] == {page + "#editors-notes"})
    assert note, "no word occurs only in the editor's notes of one source"
    found["editor's note"] = Target(note[0][0], note[0][1], "editors-notes")
    glossary = []
    for path in sorted((site / "glossary").glob("*/index.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        page = f"glossary/{path.parent.name}/"
        definition = " ".join(p.get_text(" ") for p in soup.select("article .dpr-gloss-short, article h1 ~ p"))
        glossary.extend((t, page) for t in tokens(definition) - all_passages - all_notes if only_on(t, page))
    glossary.sort()
    assert glossary, "no word occurs only in one glossary entry's definition"
    found["glossary entry"] = Target(glossary[0][0], glossary[0][1])
    return found


def search(page: Page, word: str, *, keyboard: bool) -> list[str]:
    """Type ``word`` into the site search; the URLs of all results."""
    if keyboard:
        page.locator("body").press("/")
        expect(page.locator(".md-search__input")).to_be_focused()
    else:
        page.click(".md-search__input")
    page.keyboard.type(word, delay=20)
    results = page.locator(".md-search-result__item a.md-search-result__link")
    expect(results.first).to_be_attached(timeout=20_000)
    expect(page.locator(".md-search-result__meta")).to_contain_text("matching document")
    # Result links carry the search terms (?h=...) for highlighting on the page: drop them.
    return [str(h) for h in results.evaluate_all("links => links.map(a => { const u = new URL(a.href); u.search = ''; return u.href; })")]


@pytest.mark.parametrize("kind", ["source text", "editor's note", "glossary entry"])
def test_search_finds_a_word_that_occurs_only_in(page: Page, site_dir: Path, base_url: str, kind: str) -> None:
    target = targets(site_dir)[kind]
    page.goto("/")
    found = search(page, target.word, keyboard=kind != "glossary entry")
    pages = {url.split("#")[0] for url in found}
    assert f"{base_url}/{target.page}" in pages, (target, found)
    if target.fragment:
        assert f"{base_url}/{target.page}#{target.fragment}" in found, (target, found)
    # Following the result opens the page.
    page.locator(f".md-search-result__item a.md-search-result__link[href*='{target.page}']").first.click()
    expect(page).to_have_url(re.compile(re.escape(f"{base_url}/{target.page}")))
