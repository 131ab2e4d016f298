"""The hostile edition built (``tests/hostile_edition.py``: every accepted payload in every
contributor-controlled field, one build): nothing is live anywhere in the site.

Checked independently of the site's own checks (which the build already ran): every element and
attribute of every page is one the edition's own markup uses (the fixture site's, plus what the
Markdown sanitizer allows), no event handler, no unsafe URL scheme however disguised, no style
that loads anything, no script but the site's own files and JSON data, every page's JSON data
parses, every id once; ``annotations.jsonld``, ``data/*.json`` and the search index parse, and their
HTML values are sanitized markup only (their other strings are inserted with ``textContent``).
And the payloads really are in the site, as text."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from build_tools.editorial import markdown_subset

from .. import hostile_edition
from ..editions import build

SANITIZED_ATTRIBUTES = {"href", "title", "rel"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset", "ping", "cite"}


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[hostile_edition.Placed]]:
    root, placed = hostile_edition.make(tmp_path_factory.mktemp("hostile") / "edition")
    build(root, exports="none")
    return root / "site", placed


def browser_scheme(url: str) -> str:
    """The scheme a browser sees: leading C0 controls and spaces trimmed, tabs and line breaks removed."""
    cleaned = re.sub(r"[\t\n\r]", "", url.lstrip("".join(chr(c) for c in range(0x21))))
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.\-]*):", cleaned)
    return match.group(1).lower() if match else ""


def vocabulary(site: Path) -> set[tuple[str, str]]:
    """Every (element, attribute) pair of the site's pages; ``(element, "")`` for each element."""
    pairs = set()
    for path in site.rglob("*.html"):
        for tag in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find_all(True):
            pairs.add((tag.name, ""))
            pairs.update((tag.name, attr) for attr in tag.attrs)
    return pairs


@pytest.fixture(scope="session")
def own_markup(site: Path) -> set[tuple[str, str]]:
    """The edition's own markup: the fixture site's, and what sanitized contributor Markdown may hold."""
    sanitized = {(t, a) for t in markdown_subset.ALLOWED_TAGS for a in ("", *SANITIZED_ATTRIBUTES)}
    return vocabulary(site) | sanitized


@pytest.fixture(scope="session")
def own_scripts(site: Path) -> set[str]:
    names = set()
    for path in site.rglob("*.html"):
        for script in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find_all("script", src=True):
            names.add(Path(str(script["src"])).name)
    return names


def live_problems(html: str, own: set[tuple[str, str]], scripts: set[str]) -> list[str]:
    problems = []
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        if (tag.name, "") not in own:
            problems.append(f"element <{tag.name}> is not the edition's")
        for attr, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if (tag.name, attr) not in own:
                problems.append(f"attribute <{tag.name} {attr}=…> is not the edition's")
            if attr.lower().startswith("on"):
                problems.append(f"event handler <{tag.name} {attr}>")
            if attr.lower() in URL_ATTRIBUTES and browser_scheme(text) not in ("", "http", "https", "mailto"):
                problems.append(f"<{tag.name} {attr}={text[:40]!r}>")
            if attr.lower() == "style" and re.search(r"url\s*\(|expression|@import|binding", text, re.I):
                problems.append(f"<{tag.name} style={text[:40]!r}>")
        if tag.name == "script":
            if tag.get("src"):
                if Path(str(tag["src"])).name not in scripts or browser_scheme(str(tag["src"])) or str(tag["src"]).startswith("//"):
                    problems.append(f"script {tag['src']}")
            elif tag.get("type") != "application/json":
                problems.append("inline script")
            else:
                try:
                    json.loads(tag.get_text())
                except ValueError:
                    problems.append(f"the page data of <script id={tag.get('id')}> does not parse")
        if tag.name == "meta" and str(tag.get("http-equiv", "")).lower() == "refresh" and not soup.find("link", rel="canonical"):
            problems.append("meta refresh")
    ids = Counter(str(tag["id"]) for tag in soup.find_all(id=True))
    problems += [f"id {i!r} {n} times" for i, n in ids.items() if n > 1]
    return problems


def test_no_page_has_live_markup(hostile: tuple[Path, list[hostile_edition.Placed]], own_markup: set[tuple[str, str]], own_scripts: set[str]) -> None:
    site, _ = hostile
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 300
    found = {}
    for path in pages:
        problems = live_problems(path.read_text(encoding="utf-8"), own_markup, own_scripts)
        if problems:
            found[path.relative_to(site).as_posix()] = sorted(set(problems))
    assert found == {}, "\n".join(f"{page}: {p}" for page, problems in found.items() for p in problems)


def test_the_payloads_are_in_the_site_as_text(hostile: tuple[Path, list[hostile_edition.Placed]]) -> None:
    site, placed = hostile

    def text(rel: str) -> str:
        return " ".join(BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser").get_text().split())

    works, chronology = text("works/index.html"), text("chronology/index.html")
    for item in placed:
        line = item.line
        page = text(f"sources/{item.slug}/index.html")
        assert page.count(line) >= 8, (item.name, "the raw text's lines, metadata and notes on the source page")
        assert line in text(f"glossary/{item.slug}/index.html") and line in text(f"cases/{item.slug}/index.html"), item.name
        assert line in works and line in chronology, item.name
        html = (site / "sources" / item.slug / "index.html").read_text(encoding="utf-8")
        assert f'data-preview="pv-case-{item.slug}"' in html and f'<template id="pv-case-{item.slug}">' in html, "the case preview is rendered"
        assert f'<template id="pv-glossary-{item.slug}">' in html or "pv-glossary-" in html


def strings(data: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """(key, string) for every string in a JSON value, by the key that holds it; the value of a
    Web Annotation body in HTML is given the key ``html``."""
    if isinstance(data, dict):
        for k, v in data.items():
            yield from strings(v, "html" if k == "value" and data.get("format") == "text/html" else str(k))
    elif isinstance(data, list):
        for v in data:
            yield from strings(v, key)
    elif isinstance(data, str):
        yield key, data


def sanitized_only(html: str) -> list[str]:
    problems = []
    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        if tag.name not in markdown_subset.ALLOWED_TAGS or not set(tag.attrs) <= SANITIZED_ATTRIBUTES:
            problems.append(f"<{tag.name} {sorted(tag.attrs)}>")
        if tag.get("href") and browser_scheme(str(tag["href"])) not in ("http", "https", ""):
            problems.append(f"href {tag['href']!r}")
    return problems


def json_files(site: Path) -> list[Path]:
    return [site / "annotations.jsonld", *sorted((site / "data").glob("*.json")), *sorted((site / "search").glob("*.json"))]


def test_json_files_parse_and_hold_sanitized_markup_only(hostile: tuple[Path, list[hostile_edition.Placed]]) -> None:
    site, placed = hostile
    files = json_files(site)
    assert site / "search" / "index.json" in files
    everything = ""
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        for key, value in strings(data):
            everything += value + "\n"
            if key == "html":
                assert sanitized_only(value) == [], (path.name, value[:80])
            assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]", value), (path.name, key)
    for item in placed:
        assert item.line in everything, item.name


def test_the_passage_ids_are_not_clobbered(hostile: tuple[Path, list[hostile_edition.Placed]]) -> None:
    site, placed = hostile
    for item in placed[:: max(1, len(placed) // 15)]:
        page = BeautifulSoup((site / "sources" / item.slug / "index.html").read_text(encoding="utf-8"), "html.parser")
        for pid in ("p1", "p4", "p7"):
            found = page.find_all(id=pid)
            assert len(found) == 1 and isinstance(found[0], Tag) and "dpr-passage" in found[0].get("class", []), (item.name, pid)


def test_the_check_finds_live_markup(own_markup: set[tuple[str, str]], own_scripts: set[str]) -> None:
    for html in (
        '<p class="dpr-passage" onmouseover="alert(1)">x</p>',
        '<p><a href="java&#9;script:alert(1)">x</a></p>',
        "<p><marquee>x</marquee></p>",
        '<p><span style="background:url(//evil.example/x)">x</span></p>',
        "<script>alert(1)</script>",
        '<script type="application/json" id="dpr-page-data">{"a": "</script>',
        '<script src="https://evil.example/dpr.js"></script>',
        '<p id="p1">a</p><p id="p1">b</p>',
    ):
        assert live_problems(html, own_markup, own_scripts), html
