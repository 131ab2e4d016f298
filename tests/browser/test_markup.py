"""Valid markup: the Nu HTML Checker (vnu.jar, pinned in package-lock.json) on every built page.

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

from .support import PAGE_TYPES, ROOT

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
    for page_type in PAGE_TYPES:
        assert (site_dir / page_type.path.strip("/") / "index.html").is_file(), page_type


def test_generated_markup_has_no_errors(checker_errors: list[dict[str, str]], site_dir: Path) -> None:
    ours = [m for m in checker_errors if not is_theme_finding(m)]
    assert not ours, describe(ours, site_dir)


def test_theme_filters_still_match_only_theme_markup(checker_errors: list[dict[str, str]]) -> None:
    # A filter that matches markup inside the article would hide our own errors.
    for message in checker_errors:
        if is_theme_finding(message):
            assert 'class="md-' in message.get("extract", ""), message
