"""The browser's quote matcher and YAML writer agree with the edition's own (Python) ones.

study-text.js must find quoted words exactly where ``build_tools/editorial/quotes.py`` finds them,
or a reader's note would be placed elsewhere than the validator places an editor's note; the
entry "Suggest a note" writes must load with PyYAML's safe loader as exactly what was typed.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
import yaml
from playwright.sync_api import Page

from build_tools.editorial import quotes

pytestmark = pytest.mark.browser

ALPHABET = ["a", "b", "A", " ", " ", "  ", "\u00a0", "\t", "\u2019", "'", "\u201c", '"', "\u2014", "-", "\u2026", ".", "İ", "é", "\n"]


def _text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(n))


def _cases() -> list[list[str]]:
    rng = random.Random(17)
    cases = [
        ["Within a week the delegates called themselves a soviet, after", "soviet", "called themselves a ", ""],
        ["the soviet's roots and the soviet.", "soviet", "the ", "."],
        ["It’s “dual power” — twice.", 'it\'s "dual power" - twice', "", ""],
        ["a  b   c a b c", "a b c", "", ""],
        ["aaa", "aa", "", ""],
        ["x y x y", "x", "y ", ""],
        ["İstanbul and istanbul", "istanbul", "", ""],
        ["word", "  word  ", "", ""],
        ["no match here", "absent", "", ""],
    ]
    for _ in range(300):
        text = _text(rng, rng.randint(0, 30))
        start = rng.randint(0, len(text))
        exact = text[start : start + rng.randint(0, 6)] if rng.random() < 0.8 else _text(rng, 3)
        prefix = text[max(0, start - rng.randint(0, 4)) : start] if rng.random() < 0.5 else ""
        suffix = _text(rng, rng.randint(0, 2)) if rng.random() < 0.3 else ""
        cases.append([text, exact, prefix, suffix])
    return cases


def _module(page: Page, base_url: str, name: str, body: str, arg: Any) -> Any:
    page.goto("/")
    script = f"async (arg) => {{ const m = await import({base_url + '/assets/' + name!r}); {body} }}"
    return page.evaluate(script, arg)


def test_find_all_matches_the_validator(page: Page, base_url: str) -> None:
    cases = _cases()
    found = _module(page, base_url, "study-text.js", "return arg.map(([t, e, p, s]) => m.findAll(t, e, p, s).map((x) => [x.start, x.end]));", cases)
    for (text, exact, prefix, suffix), js in zip(cases, found, strict=True):
        python = [[m.start, m.end] for m in quotes.find_all(text, exact, prefix, suffix)]
        assert js == python, (text, exact, prefix, suffix)


def test_minimal_selector_is_found_once_by_the_validator(page: Page, base_url: str) -> None:
    rng = random.Random(15)
    words = ["the", "soviet", "council", "met", "and", "the", "soviet", "met"]
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(3, 14))) for _ in range(120)]
    spans: list[tuple[str, int, int]] = []
    for text in texts:
        starts = [i for i in range(len(text)) if i == 0 or text[i - 1] == " "]
        start = rng.choice(starts)
        end = text.find(" ", start + 1) if rng.random() < 0.7 else -1
        spans.append((text, start, len(text) if end < 0 else end))
    got = _module(page, base_url, "study-text.js", "return arg.map(([t, s, e]) => m.minimalSelector(t, s, e));", spans)
    for (text, start, end), selector in zip(spans, got, strict=True):
        assert selector is not None, (text, start, end)
        assert selector["exact"] == text[start:end]
        matches = quotes.find_all(text, selector["exact"], selector["prefix"], selector["suffix"])
        assert [(m.start, m.end) for m in matches] == [(start, end)], (text, start, end, selector)
        # no context where none is needed
        if len(quotes.find_all(text, text[start:end])) == 1:
            assert selector["prefix"] == selector["suffix"] == "", (text, start, end, selector)


NASTY = [
    "plain",
    'quotes " and \\ backslash',
    "colon: hash # dash - start",
    "- looks like a list",
    "tab\there",
    "line\nbreak",
    "\u2028\u2029 separators",
    "\x85 NEL and \x7f DEL and \x00 NUL",
    "\ufeff BOM",
    "emoji \U0001f600 and accents é İ",
    "  leading and trailing  ",
    "'single'",
    "yes",
    "123",
    "",
]


def test_yaml_strings_load_back_exactly(page: Page, base_url: str) -> None:
    quoted = _module(page, base_url, "study-yaml.js", "return arg.map((s) => m.quoted(s));", NASTY)
    for text, written in zip(NASTY, quoted, strict=True):
        assert yaml.safe_load(f"value: {written}\n")["value"] == text, written
    bodies = ["First line.\nSecond *line*.\n\n- a list\n  - nested", "One line only", "x\n\tindented tab\n  two spaces", "bad \x85 char\nsecond"]
    written = _module(page, base_url, "study-yaml.js", "return arg.map((s) => m.text(s, 4));", bodies)
    for body, text in zip(bodies, written, strict=True):
        loaded = yaml.safe_load(f"item:\n    body: {text}\n")["item"]["body"]
        assert loaded.rstrip("\n") == body.rstrip("\n"), text


def test_entry_has_the_annotation_format(page: Page, base_url: str) -> None:
    entry = {
        "id": "trams-context",
        "pid": "p3",
        "exact": "ran the trams",
        "prefix": "bread, ",
        "suffix": "",
        "kind": "context",
        "body": "The trams were *council* property.\nSecond line.",
        "read": "",
        "sources": [
            {"work": "sample-1970", "at": {"chapter": "2", "page": "61–64", "url": "https://example.org/x"}},
            {"passage": "fixture-councils#p2", "quote": "soviet"},
        ],
        "credit": "A. Reader",
    }
    text = _module(page, base_url, "study-yaml.js", "return m.entry(arg);", entry)
    loaded = yaml.safe_load("annotations:\n" + text)["annotations"]
    assert loaded == [
        {
            "id": "trams-context",
            "target": {"passage": "p3", "exact": "ran the trams", "prefix": "bread, "},
            "kind": "context",
            "body": "The trams were *council* property.\nSecond line.\n",
            "sources": [
                {"work": "sample-1970", "at": {"chapter": 2, "page": "61–64", "url": "https://example.org/x"}},
                {"passage": "fixture-councils#p2", "quote": "soviet"},
            ],
            "credit": "A. Reader",
        }
    ]
