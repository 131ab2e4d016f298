"""Privacy of the study tools: every request is recorded while a reader uses all of them (notes,
export and import, packs, suggest a note, the public-annotation dialog): none leaves the site.
Only when the reader follows the Hypothes.is link does a request go to another host, and it is
that one. And a reader who never uses the tools loads only the small study.js."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Request, Route, expect

from .test_study_support import SOURCE, add_note, highlight, select_words

pytestmark = pytest.mark.browser


def _foreign(requests: list[Request]) -> list[str]:
    return sorted(r.url for r in requests if not r.url.startswith(("data:", "blob:", "about:")) and urlsplit(r.url).hostname != "127.0.0.1")


def test_no_request_leaves_the_site_until_the_reader_opens_hypothesis(browser: Browser, base_url: str, tmp_path: Path) -> None:
    context = browser.new_context(base_url=base_url, accept_downloads=True)
    requests: list[Request] = []
    context.on("request", lambda r: requests.append(r))

    # nothing may reach the network from here: requests to other hosts are recorded, then refused
    def refuse(route: Route) -> None:
        route.abort()

    context.route(lambda url: urlsplit(url).hostname not in ("127.0.0.1", None), refuse)
    try:
        page = context.new_page()
        page.goto(SOURCE)
        highlight(page, "p3", "ran the trams")
        add_note(page, "p15", "9 March 1906", "A date.")
        select_words(page, "p4", "the police")
        page.get_by_role("toolbar").get_by_role("button", name="Suggest a note").click()
        expect(page.locator(".dpr-study-yaml")).to_contain_text("the police")
        page.keyboard.press("Escape")
        page.click(".dpr-pnum[data-pid='p5']")
        page.get_by_role("group", name="Study this passage").get_by_role("button", name="Add to reading pack").click()
        page.click(".dpr-pnum[data-pid='p5']")
        page.get_by_role("group", name="Study this passage").get_by_role("button", name="Public annotation…").click()
        dialog = page.get_by_role("dialog", name="Annotate in public, with Hypothes.is")
        expect(dialog).to_contain_text("Nothing from it is loaded into this site")
        via = dialog.get_by_role("link", name="Open this passage in Hypothes.is (new tab)")
        assert (via.get_attribute("href") or "").startswith("https://via.hypothes.is/http")
        page.keyboard.press("Escape")
        page.goto("/notes/")
        with page.expect_download() as info:
            page.get_by_role("button", name="Export (Web Annotation JSON-LD)").click()
        exported = tmp_path / "notes.jsonld"
        info.value.save_as(exported)
        with page.expect_file_chooser() as chooser:
            page.get_by_role("button", name="Import…").click()
        chooser.value.set_files(str(exported))
        expect(page.locator(".dpr-study-live")).to_contain_text("already here")
        page.goto("/pack/")
        page.get_by_role("button", name="Open the pack (to read or print)").click()
        expect(page.locator(".dpr-pack-item")).to_have_count(1)
        page.wait_for_load_state("networkidle")
        assert _foreign(requests) == []
        assert any(r.url.endswith("/data/fixture-councils.json") for r in requests)

        # the reader asks for Hypothes.is: now, and only now, a request goes there
        page.goto(SOURCE)
        page.click(".dpr-pnum[data-pid='p5']")
        page.get_by_role("group", name="Study this passage").get_by_role("button", name="Public annotation…").click()
        with context.expect_page() as opened:
            page.get_by_role("link", name="Open this passage in Hypothes.is (new tab)").click()
        opened.value.wait_for_load_state()
        hosts = {urlsplit(u).hostname for u in _foreign(requests)}
        assert hosts == {"via.hypothes.is"}, _foreign(requests)
    finally:
        context.close()


def test_a_reader_who_never_uses_the_tools_loads_only_study_js(browser: Browser, base_url: str) -> None:
    context = browser.new_context(base_url=base_url)
    requests: list[str] = []
    context.on("request", lambda r: requests.append(urlsplit(r.url).path))
    try:
        page = context.new_page()
        for path in (SOURCE, "/glossary/soviet/", "/"):
            page.goto(path)
            page.wait_for_load_state("networkidle")
        study = sorted({p for p in requests if "/study" in p})
        assert study == ["/assets/study.js"], study
        assert not any(p.startswith("/data/") for p in requests)
        page.goto(SOURCE)
        select_words(page, "p3", "ran the trams")  # first use: the rest arrives
        assert "/assets/study-page.js" in requests and "/assets/study.css" in requests
    finally:
        context.close()
