"""The build's fast paths give exactly the answers of the slow, general code they stand in for.

Each optimisation made for build performance (docs/about/performance.md) is checked here against
the reference it replaces: the compiled schema check against jsonschema, the element scan of
Markdown output against an HTML parser, string folding against str.translate, the anchor and
alias pre-filter of the YAML loader against the full event scan, the linker's cache against a
fresh search, and the paused garbage collector is restarted. Nothing here is timed.
"""

from __future__ import annotations

import copy
import gc
import random
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools import generate, linking, markdown_subset, schema_check, textnorm, yaml_positions
from build_tools.inputs import Inputs
from build_tools.yaml_positions import load_yaml

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = {
    "annotations": "annotations.schema.json",
    "glossary": "glossary.schema.json",
    "cases": "case.schema.json",
    "seeds": "source.schema.json",
}
VALUES: list[Any] = [None, True, False, 0, 1, 2, 3, 4, 2.0, 1.5, -1, "", "x", "p1", "g1", "Bad Id", "a-b", "1977-11", "1977-13-40"]
VALUES += ["http://x", "javascript:x", [], [1], ["a"], {}, {"a": 1}, {"passage": "a#p1"}, "emendation", "heading", "drop"]


def _documents(repo_inputs: Inputs) -> list[tuple[str, Any]]:
    found = []
    for folder, schema in SCHEMAS.items():
        for path, raw in sorted(repo_inputs.files.items()):
            if path.startswith(folder + "/") and path.endswith(".yml"):
                located, _ = load_yaml(path, raw)
                assert located is not None
                found.append((schema, located.data))
    return found


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


def _mutate(data: Any, rng: random.Random) -> Any:
    """``data`` with one or two values replaced, removed or added (often no longer valid)."""
    result = copy.deepcopy(data)
    paths = [p for p in _paths(result) if p]
    for _ in range(rng.randint(1, 2)):
        path = rng.choice(paths)
        parent = result
        try:
            for key in path[:-1]:
                parent = parent[key]
            action = rng.random()
            if action < 0.5:
                parent[path[-1]] = copy.deepcopy(rng.choice(VALUES))
            elif action < 0.75:
                del parent[path[-1]]
            elif isinstance(parent, dict):
                parent[rng.choice(["extra", "page", "quote", "gap", "level", "supply", "passage", "author"])] = copy.deepcopy(rng.choice(VALUES))
        except (KeyError, IndexError, TypeError):
            continue
    return result


def test_every_schema_has_a_fast_check() -> None:
    for name in SCHEMAS.values():
        assert schema_check._fast(name) is not None, name


def test_fast_schema_check_agrees_with_jsonschema(repo_inputs: Inputs) -> None:
    rng = random.Random(1917)
    checked = invalid = 0
    for schema, data in _documents(repo_inputs):
        fast, full = schema_check._fast(schema), schema_check._validator(schema)
        assert fast is not None
        assert fast(data) is full.is_valid(data) is True
        for _ in range(4):
            mutated = _mutate(data, rng)
            assert fast(mutated) == full.is_valid(mutated), (schema, mutated)
            checked += 1
            invalid += not full.is_valid(mutated)
    assert invalid > checked // 3  # the mutations do reach the error paths


def _parsed(html: str) -> list[tuple[str, str]]:
    return sorted((tag.name, str(tag.get("href", ""))) for tag in BeautifulSoup(html, "html.parser").find_all(True))


def _scanned(html: str) -> list[tuple[str, str]]:
    return sorted(markdown_subset._elements(html))


def _convert(text: str) -> str:
    return str(markdown_subset._parser().reset().convert(text))


def test_element_scan_agrees_with_an_html_parser_on_real_and_hostile_text(repo_inputs: Inputs) -> None:
    texts: list[str] = []

    def strings(value: Any) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                strings(item)
        elif isinstance(value, list):
            for item in value:
                strings(item)

    for _, data in _documents(repo_inputs):
        strings(data)
    payloads = yaml.safe_load((ROOT / "tests" / "hostile" / "payloads.yml").read_text(encoding="utf-8"))
    texts += [p["text"] for p in payloads if isinstance(p.get("text"), str)]
    for text in texts:
        html = _convert(text)
        assert _scanned(html) == _parsed(html), text


MARKDOWNISH = st.lists(
    st.sampled_from(
        [
            "word",
            " ",
            "\n",
            "\n\n",
            "*",
            "**",
            "_",
            "`",
            "[a](",
            ")",
            "](javascript:x)",
            "<",
            ">",
            "&",
            "&amp;",
            "&#58;",
            "<http://x.example/a?b=c&d>",
            "<me@example.com>",
            "\n- ",
            "\n1. ",
            "# ",
            "\n    code",
            "![i](x.png)",
            '[t](https://x "ti>t&le")',
            "\\*",
            "\\<",
            '"',
            "'",
            "&lt;b&gt;",
            "<b>",
            "</b>",
            "<!--",
            "-->",
            "\n> q",
            "\n***\n",
            "[r]: http://r\n",
            "[r]",
            "  \n",
            "<a href='x'>",
            "\x00",
            "é",
            "\t",
        ]
    ),
    max_size=14,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(MARKDOWNISH)
def test_element_scan_agrees_with_an_html_parser_on_generated_text(text: str) -> None:
    html = _convert(text)
    assert _scanned(html) == _parsed(html)


PLAINISH = st.lists(
    st.sampled_from([*"aAzZ09 .,;:'\"?()/%‘’“”–—…-éß*_<&#", "\n", "\n\n", "  ", "1. ", "\n1. ", "\n- ", "word", " \n", "\n\n\n", "٣", "x\u0301"]),
    max_size=40,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(PLAINISH)
def test_plain_text_skips_the_parser_with_the_same_html(text: str) -> None:
    assert markdown_subset._raw_html.__wrapped__(text) == _convert(text)


def test_plain_notes_take_the_fast_path() -> None:
    assert markdown_subset._NOT_PLAIN.search("The Soviet met on 27 February (12 March).\nIt sat in the Tauride Palace.\n\nSee below.") is None
    for marked in ("*emphasis*", "a [link](https://x)", "1. list", "- item", "    code", "line  \nbreak", "# heading", "AT&T", "snake_case"):
        assert markdown_subset._NOT_PLAIN.search(marked) is not None, marked


@given(st.text(st.sampled_from(list("aZé `\t\u2018\u2019\u201c\u201d\u2013\u2014\u00a0\u2026\u2032\u202f\u2009x-'\".")), max_size=60))
def test_fold_agrees_with_translate(text: str) -> None:
    assert textnorm.fold(text) == text.translate(textnorm._FOLD).lower()


def test_alias_prefilter_changes_no_result(repo_inputs: Inputs, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(1871)
    texts = [raw.decode("utf-8") for path, raw in sorted(repo_inputs.files.items()) if path.endswith(".yml")][:30]
    inserts = ["&x ", "*x", " *word*", "&", "*", "&a1 ", "*a1\n", "[", "{", "!t ", "!!str ", ": &q ", "- &q ", "\n&z ", ", *z"]
    inserts += ["? ", "\t", "\r", "--- &d ", "\u2028&u "]
    always = re.compile("")
    for _ in range(300):
        text = rng.choice(texts)
        start = rng.randrange(max(1, len(text) - 2000))
        text = text[start : start + 2000]
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text) + 1)
            text = text[:at] + rng.choice(inserts) + text[at:]
        raw = text.encode("utf-8")
        fast = load_yaml("f.yml", raw)
        monkeypatch.setattr(yaml_positions, "_NODE_PROPERTY", always)
        full = load_yaml("f.yml", raw)
        monkeypatch.undo()
        assert fast == full, text[:200]


def test_linker_cache_gives_fresh_equal_results(repo_model: generate.Model) -> None:
    table = linking.phrases_for([("glossary", e.eid, e.phrases, e.exact_aliases, e.not_linked) for e in repo_model.entries])
    cached, fresh = linking.Linker(table), linking.Linker(table)
    for anchored in repo_model.anchoring.sources:
        for passage in anchored.passages:
            first = cached.find(passage.block.text)
            first.clear()  # a caller changing its list must not change the cache
            assert cached.find(passage.block.text) == fresh.find(passage.block.text)  # fresh: first search of this text


class _Stop(Exception):
    pass


def test_generation_restarts_the_garbage_collector(repo_inputs: Inputs, monkeypatch: pytest.MonkeyPatch) -> None:
    assert gc.isenabled()
    generate.build_model(repo_inputs)
    assert gc.isenabled()
    gc.disable()
    try:
        generate.build_model(repo_inputs)
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()

    def fail(inputs: Inputs, *_memo: object) -> None:
        assert not gc.isenabled()  # paused while the model is built
        raise _Stop

    monkeypatch.setattr(generate, "build_model", fail)
    with pytest.raises(_Stop):
        generate.generate(repo_inputs, {}, generate.Settings())
    assert gc.isenabled()  # restarted even when generation fails
