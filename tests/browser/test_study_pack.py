"""Reading packs: built in the browser from passages of two sources, a glossary entry and a case,
ordered, with a title, an introduction and questions; round-tripped through their link (in a
browser that has never seen the pack) and through their file; printed as a handout, which is
rendered to PDF by Chromium and looked at as text and as an image (pdftoppm)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from .support import ROOT

pytestmark = pytest.mark.browser

QUESTION_P5 = "Who were the two authorities?"
QUESTION_END = "Was Northgate a case of dual power?"
SHOTS = ROOT / "build" / "study-handout"


def _add_passage(page: Page, source: str, pid: str) -> None:
    page.get_by_label("Source", exact=True).select_option(label=source)
    expect(page.get_by_label("Passage", exact=True).locator(f"option[value='{pid}']")).to_have_count(1)
    page.get_by_label("Passage", exact=True).select_option(pid)
    page.get_by_role("button", name="Add the passage").click()


def _build(page: Page) -> None:
    page.goto("/pack/")
    page.get_by_label("Title of the pack", exact=True).fill("Dual power in Northgate")
    page.get_by_label("Introduction", exact=True).fill("Read these before the seminar.\n\nNote who held which power.")
    _add_passage(page, "The councils of Northgate", "p5")
    _add_passage(page, "The councils of Northgate", "p8")
    _add_passage(page, "Dual power (Northgate)", "p3")
    page.get_by_label("Glossary entry", exact=True).select_option("soviet")
    page.get_by_role("button", name="Add the entry").click()
    page.get_by_label("Comparative case", exact=True).select_option("northgate-1905")
    page.get_by_role("button", name="Add the case").click()
    items = page.locator(".dpr-pack-draft-item")
    expect(items).to_have_count(5)
    expect(page.locator(".dpr-study-live")).to_contain_text("Added the case northgate-1905 (5 in the pack)")
    # order: the encyclopedia's passage (3rd) up to 2nd; the second council passage removed
    page.get_by_role("button", name="Move up item 3").click()
    expect(page.get_by_role("button", name="Move up item 2")).to_be_focused()
    page.get_by_role("button", name="Remove item 3").click()
    expect(items).to_have_count(4)
    page.get_by_label("Questions after item 1 (one a line)").fill(f"{QUESTION_P5}\nWhy did neither give way?")
    page.get_by_label("Questions after item 3 (one a line)").fill("How is a soviet elected?")
    page.get_by_label("Questions on the whole pack (one a line)").fill(QUESTION_END)


def _check_view(page: Page) -> None:
    expect(page.get_by_role("heading", name="Dual power in Northgate")).to_be_visible()
    items = page.locator(".dpr-pack-item")
    expect(items).to_have_count(5)  # four items and the closing questions
    first = items.nth(0)
    expect(first.locator("h3")).to_have_text("1. The councils of Northgate, passage p5")
    expect(first.locator(".dpr-pack-text")).to_have_text("This was dual power: two authorities in one city, each refusing to recognise the other.")
    expect(first.locator(".dpr-pack-link a")).to_have_attribute("href", page.url.split("/pack/")[0] + "/sources/fixture-councils/#p5")
    expect(first.locator(".dpr-pack-ednote")).to_contain_text("The encyclopedia speaks of months")
    expect(first.locator(".dpr-pack-questions li")).to_have_text([QUESTION_P5, "Why did neither give way?"])
    expect(items.nth(1).locator("h3")).to_have_text("2. Dual power (Northgate), passage p3")
    expect(items.nth(1).locator(".dpr-pack-ednote")).to_contain_text("Its first chairman was a weaver")
    expect(items.nth(2).locator("h3")).to_have_text("3. Glossary: soviet")
    expect(items.nth(2).locator(".dpr-pack-questions li")).to_have_text(["How is a soviet elected?"])
    expect(items.nth(3).locator("h3")).to_have_text("4. Comparative case: Northgate soviet")
    expect(items.nth(4)).to_contain_text(QUESTION_END)
    expect(page.locator(".dpr-pack-intro p")).to_have_count(2)


def test_pack_round_trips_through_its_link_and_its_file(page: Page, browser: Browser, base_url: str, tmp_path: Path) -> None:
    _build(page)
    page.get_by_role("button", name="Make the link").click()
    field = page.locator(".dpr-pack-linkbox input")
    expect(field).to_have_value(re.compile(r"#pack="))  # the link is made asynchronously (compression)
    link = field.input_value()
    assert link.startswith(base_url + "/pack/#pack=1.")  # compressed
    assert len(link) < 1200, len(link)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the pack file").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.name == "dual-power-in-northgate.json"
    pack = json.loads(saved.read_text(encoding="utf-8"))
    assert pack["format"] == "dpr-reading-pack" and pack["title"] == "Dual power in Northgate"
    assert [(i["kind"], i.get("source", ""), i.get("passage", i.get("id"))) for i in pack["items"]] == [
        ("passage", "fixture-councils", "p5"),
        ("passage", "fixture-encyclopedia", "p3"),
        ("glossary", "", "soviet"),
        ("case", "", "northgate-1905"),
    ]
    assert pack["questions"] == [QUESTION_END]

    # a browser that has never seen the pack: the link alone holds it
    fresh = browser.new_context(base_url=base_url)
    try:
        other = fresh.new_page()
        other.goto(link)
        _check_view(other)
        assert other.evaluate("Object.keys(localStorage).filter(k => k.startsWith('dpr-study'))") == []
        # the file opened in the builder gives the same pack, and the same link
        other.goto("/pack/")
        with other.expect_file_chooser() as chooser:
            other.get_by_role("button", name="Open a pack file…").click()
        chooser.value.set_files(str(saved))
        expect(other.locator(".dpr-pack-draft-item")).to_have_count(4)
        expect(other.get_by_label("Title of the pack", exact=True)).to_have_value("Dual power in Northgate")
        other.get_by_role("button", name="Make the link").click()
        expect(other.locator(".dpr-pack-linkbox input")).to_have_value(link)
    finally:
        fresh.close()


def test_a_damaged_link_says_so(page: Page) -> None:
    page.goto("/pack/#pack=1.notapack")
    expect(page.get_by_role("alert")).to_contain_text("does not hold a reading pack")


def _pixels(ppm: Path) -> tuple[int, int, bytes]:
    data = ppm.read_bytes()
    fields = data.split(maxsplit=4)
    assert fields[0] == b"P6", fields[0]
    width, height = int(fields[1]), int(fields[2])
    return width, height, fields[4][-(width * height * 3) :]


def test_the_handout_prints_with_passages_notes_and_questions(page: Page) -> None:
    _build(page)
    page.get_by_role("button", name="Open the pack (to read or print)").click()
    _check_view(page)
    page.emulate_media(media="print")
    expect(page.locator(".dpr-pack-controls")).to_be_hidden()
    SHOTS.mkdir(parents=True, exist_ok=True)
    pdf = SHOTS / "handout.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    for expected in (
        "Dual power in Northgate",
        "Read these before the seminar.",
        "This was dual power: two authorities in one city, each refusing to recognise the other.",
        "The encyclopedia speaks of months",
        QUESTION_P5,
        "How is a soviet elected?",
        QUESTION_END,
        "/sources/fixture-councils/#p5",
    ):
        assert expected in flat, expected
    for absent in ("Print the handout", "Download the pack file", "Comparative cases Chronology"):
        assert absent not in flat, absent
    # looked at as images: every page has ink, the first page has the title near its top
    for old in SHOTS.glob("handout-*"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "50", str(pdf), str(SHOTS / "handout")], check=True)
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(SHOTS / "handout")], check=True)
    pages = sorted(SHOTS.glob("handout-*.ppm"))
    assert pages and len(sorted(SHOTS.glob("handout-*.png"))) == len(pages)
    for ppm in pages:
        width, height, pixels = _pixels(ppm)
        dark = sum(1 for i in range(0, len(pixels), 3 * 7) if pixels[i] < 128)
        assert dark > 50, f"{ppm.name} looks blank"
    width, height, pixels = _pixels(pages[0])
    top = pixels[: width * 3 * (height // 5)]
    assert any(b < 128 for b in top[::3]), "the first page starts blank: the site's header was printed instead of the pack"


def test_pdftoppm_is_installed() -> None:
    """tools/ensure-system-deps.sh installs poppler-utils; the handout test needs it."""
    assert shutil.which("pdftoppm") and shutil.which("pdftotext")
