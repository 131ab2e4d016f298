"""Valid markup: the Nu HTML Checker (vnu.jar, pinned in package-lock.json) on every built page;
and markers that cannot be misread: no label that reads as a word, a target of at least 24 x 24 px,
an accessible name that starts with what is shown.

Marked ``browser`` with the rest of the suite because it needs the same system packages (Java, the
checker from npm); it runs the checker once, on all pages, in one Java process.

Errors in markup the project generates must be zero. Three findings come from the theme's own
templates (Material for MkDocs), on every page, and are filtered below, each with its reason;
anything else fails, including a theme finding that starts to appear inside the article.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

from .pages import PAGE_TYPES, SOURCE, VIEWPORTS, Viewport, new_context, site_pages
from .support import ROOT

pytestmark = pytest.mark.browser

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class ThemeFinding:
    message: re.Pattern[str]
    extract: re.Pattern[str]
    reason: str


THEME_FINDINGS = (
    ThemeFinding(
        re.compile(r"^Attribute “autocomplete” is only allowed when the input type is"),
        re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"'),
        "Material's base.html puts autocomplete=off on its checkbox toggles (drawer, search) so that "
        "Firefox does not restore their state on reload; harmless, and not our template.",
    ),
    ThemeFinding(
        re.compile(r"^Bad value “” for attribute “tabindex” on element “label”"),
        re.compile(r'<label class="md-nav__link" for="__nav_\d+" id="__nav_\d+_label" tabindex="">'),
        'Material\'s partials/nav-item.html writes tabindex="" on section labels when navigation.sections '
        "is on (a template quirk); browsers ignore an empty tabindex.",
    ),
    ThemeFinding(
        re.compile(r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control"),
        re.compile(r'<label class="md-nav__title" for="__toc">'),
        'Material\'s partials/toc.html labels the table of contents with for="__toc", a toggle that '
        "only the mobile navigation drawer renders; pages whose TOC is not in the drawer lack it.",
    ),
)


def checker_command(files: list[Path]) -> list[str]:
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        raise RuntimeError("Java or vnu.jar missing: run tools/ensure-system-deps.sh")
    return [java, "-Xss4m", "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, files)]


def is_theme_finding(message: dict[str, str]) -> bool:
    return any(t.message.search(message["message"]) and t.extract.search(message.get("extract", "")) for t in THEME_FINDINGS)


@pytest.fixture(scope="module")
def checker_errors(site_dir: Path) -> list[dict[str, str]]:
    pages = sorted(site_dir.rglob("*.html"))
    done = subprocess.run(checker_command(pages), capture_output=True, text=True, check=False, timeout=300)
    report = json.loads(done.stderr or done.stdout)
    return [m for m in report["messages"] if m["type"] in ("error", "non-document-error")]


def describe(messages: list[dict[str, str]], site_dir: Path) -> str:
    return "\n".join(
        f"{m['url'].split(str(site_dir))[-1]}:{m.get('lastLine', '?')}: {m['message']}\n    {m.get('extract', '').strip()[:160]}" for m in messages[:20]
    )


def test_every_page_type_was_checked(checker_errors: list[dict[str, str]], site_dir: Path) -> None:
    for path in PAGE_TYPES.values():
        assert (site_dir / path.strip("/") / "index.html").is_file(), path


def test_generated_markup_has_no_errors(checker_errors: list[dict[str, str]], site_dir: Path) -> None:
    ours = [m for m in checker_errors if not is_theme_finding(m)]
    assert not ours, describe(ours, site_dir)


def test_theme_filters_still_match_only_theme_markup(checker_errors: list[dict[str, str]]) -> None:
    # A filter that matches markup inside the article would hide our own errors.
    for message in checker_errors:
        if is_theme_finding(message):
            assert 'class="md-' in message.get("extract", ""), message


# ---- markers -----------------------------------------------------------------------------------

EDITOR_LABEL = re.compile(r"\A\u2020[1-9][0-9]*\Z")
# the labels the publishers printed: numbers (Callinicos 1977 also has "1*"), roman numerals, symbols
AUTHOR_LABEL = re.compile(r"\A(?:[0-9]+\*?|[ivxlcdm]+|[IVXLCDM]+|[*\u2020\u2021\u00a7]+)\Z")
# Words that letters of roman numerals (or the old lettered markers) spell; none may be a label.
WORDS = frozenset(
    {"a", "i", "as", "at", "if", "in", "is", "it", "me", "by", "do", "be", "he", "we", "us", "an", "am", "of", "on", "or", "so", "to", "up", "no"}
    | {"go", "my", "oh", "ok", "mix", "mid", "dim", "lid", "vim", "ill", "mill", "dill", "civil", "livid", "id", "mi", "di", "li"}
)


def marker_labels(site: Path) -> list[tuple[str, str, str]]:
    """(page, kind, label) of every marker on every page of a built site."""
    found = []
    for path in site_pages(site):
        html = (site / path.strip("/") / "index.html").read_text(encoding="utf-8")
        if "dpr-eref" not in html and "dpr-aref" not in html:
            continue
        soup = BeautifulSoup(html, "html.parser")
        for kind in ("dpr-eref", "dpr-aref"):
            for sup in soup.select(f"sup.{kind} > a"):
                found.append((path, kind, sup.get_text()))
    return found


def check_labels(labels: list[tuple[str, str, str]]) -> None:
    assert any(kind == "dpr-eref" for _, kind, _ in labels) and any(kind == "dpr-aref" for _, kind, _ in labels)
    for path, kind, label in labels:
        # The one exception: an author's note call printed by its publisher as the roman numeral
        # "i" (the Counterfire article numbers its notes i, ii, iii …). The source's own labels
        # are kept as printed; a lower-case superscript "i" is not the pronoun.
        if not (kind == "dpr-aref" and label == "i"):
            assert label.lower() not in WORDS, f"{path}: the marker {label!r} reads as a word"
        pattern = EDITOR_LABEL if kind == "dpr-eref" else AUTHOR_LABEL
        assert pattern.match(label), f"{path}: {kind} marker {label!r}"
        if kind == "dpr-aref":
            assert "\u2020" not in label or len(label) > 1, f"{path}: an author's marker looks like the editor's"


def test_no_marker_reads_as_a_word(site_dir: Path) -> None:
    check_labels(marker_labels(site_dir))


@pytest.mark.content
def test_no_marker_of_the_real_edition_reads_as_a_word(real_site_dir: Path) -> None:
    labels = marker_labels(real_site_dir)
    check_labels(labels)
    editor = [label for _, kind, label in labels if kind == "dpr-eref"]
    assert len(editor) > 300, "every editor's marker of the real edition was seen"


TARGETS_JS = """() => Array.from(document.querySelectorAll('.dpr-eref > a, .dpr-aref > a')).filter(a => a.offsetParent !== null).map(a => {
    const r = a.getBoundingClientRect();
    return { id: a.parentNode.id, w: r.width, h: r.height, text: a.textContent, name: a.getAttribute('aria-label') || a.textContent };
})"""


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: v.name)
def test_every_marker_is_a_24px_target_named_by_what_it_shows(browser: Browser, base_url: str, viewport: Viewport) -> None:
    context = new_context(browser, base_url, viewport)
    try:
        page = context.new_page()
        for path in (SOURCE, "/sources/fixture-encyclopedia/"):
            page.goto(path)
            markers = page.evaluate(TARGETS_JS)
            assert len(markers) >= 5
            for m in markers:
                assert m["w"] >= 24 and m["h"] >= 24, f"{path} {m['id']}: a {m['w']:.0f}x{m['h']:.0f}px target"
                assert m["name"].startswith(m["text"]), f"{path} {m['id']}: named {m['name']!r} but shows {m['text']!r}"
            if path != SOURCE:
                continue
            # the target does not open up the line: a line with a marker is as tall as one without
            heights = page.evaluate(
                """() => { const p = document.querySelector('#edref-winter-context').closest('p');
                           const lh = parseFloat(getComputedStyle(p).lineHeight);
                           return [p.getBoundingClientRect().height, lh]; }"""
            )
            assert heights[0] % heights[1] < 2 or heights[1] - heights[0] % heights[1] < 2, heights
    finally:
        context.close()
