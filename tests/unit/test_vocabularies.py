"""Each vocabulary is defined once in the code and once in the schema contributors' editors read;
the two hold the same keys, in the same order. And the links between pages assume what
``mkdocs.yml`` sets."""

from __future__ import annotations

import re
from typing import Any

import pytest

from build_tools.editorial import annotations, cases, glossary
from build_tools.inputs import schema_check
from build_tools.render import urls
from build_tools.sources import bibliography

from ..editions import ROOT


def enum(schema: str, *path: str) -> list[Any]:
    node: Any = schema_check.schema(schema)
    for key in path:
        node = node[key]
    if "$ref" in node:  # a definition of common.schema.json
        node = schema_check.schema("common.schema.json")["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return list(node["enum"])


@pytest.mark.parametrize(
    ("vocabulary", "schema", "path"),
    [
        (annotations.KINDS, "annotations.schema.json", ("properties", "annotations", "items", "properties", "kind")),
        (glossary.TYPES, "glossary.schema.json", ("properties", "type")),
        (cases.GROUPS, "case.schema.json", ("properties", "group")),
        (cases.BASES, "case.schema.json", ("properties", "base")),
        (cases.OUTCOMES, "case.schema.json", ("properties", "outcome")),
        (bibliography.KINDS, "common.schema.json", ("$defs", "workFields", "properties", "kind")),
    ],
    ids=["annotation kinds", "glossary types", "case groups", "case bases", "case outcomes", "kinds of publication"],
)
def test_the_code_and_the_schema_hold_the_same_vocabulary(vocabulary: dict[str, Any], schema: str, path: tuple[str, ...]) -> None:
    assert list(vocabulary) == enum(schema, *path)


def test_links_assume_the_url_style_mkdocs_uses() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    setting = re.search(r"^use_directory_urls:\s*(\w+)", config, re.M)
    assert setting and (setting.group(1) == "true") == urls.DIRECTORY_URLS
    assert urls.relative_url("sources/a.md", "glossary/b.md", "x") == "../../glossary/b/#x"
    assert urls.relative_url("cases/index.md", "cases/c.md") == "c/"
    assert urls.relative_url("index.md", "sources/a.md", "p1") == "sources/a/#p1"
    assert urls.relative_url("glossary/b.md", "glossary/b.md") == "./"
