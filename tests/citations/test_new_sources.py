"""A new source of another kind (a book chapter in translation, an official document, a newspaper
article) is added by data alone, its text and its metadata file, and the built site cites it
correctly: the page's Chicago, MLA and BibTeX, its RIS download and its meta tags are the golden
ones of ``test_golden``, and the model's CSL-JSON too."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from build_tools import cli
from build_tools.editorial.edition import build_edition
from build_tools.inputs.files import read_inputs
from build_tools.render import cite_formats, downloads
from tests.editions import make_root

from .test_golden import BIBTEX, CHICAGO, CSL, META, MLA, RIS, WORKS

KINDS = ("chapter", "official-document", "newspaper-article")
TEXT = """{title}

The strike committee met in the old corn exchange on the first evening. It chose a chair, a secretary and a treasurer.

By the end of the week it spoke for every mill in the city. The council called it a usurper; the mills called it theirs.

When the militia came, the committee moved to the tram depot and went on meeting.
"""
NOTES = """source: {slug}
annotations:
  - id: depot-context
    target: {{passage: p3, exact: "moved to the tram depot"}}
    kind: context
    body: The depot was the last building the committee held.
    sources:
      - passage: "{slug}#p1"
"""


def bibtex(kind: str) -> str:
    """The golden entry of a work whose language is given, as every source's is."""
    entry = BIBTEX[kind]
    return entry if "language" in WORKS[kind] else entry.removesuffix("\n}") + ",\n  language = {en}\n}"


def ris(kind: str) -> list[str]:
    lines = list(RIS[kind])
    if "language" not in WORKS[kind]:  # LA comes before the notes (N1)
        at = next((i for i, line in enumerate(lines) if line.startswith("N1")), len(lines))
        lines.insert(at, "LA  - en")
    return [*lines, "ER  -"]


def add_source(root: Path, kind: str) -> str:
    slug = f"new-{kind}"
    bibliography = {**WORKS[kind], "rights": "Test fixture written for this project.", "language": "en"}
    meta = {"slug": slug, "bibliography": bibliography, "rules": [{"line": 1, "role": "title", "expect": WORKS[kind]["title"][:20]}]}
    (root / "seeds" / f"{slug}.txt").write_text(TEXT.format(title=WORKS[kind]["title"]), encoding="utf-8")
    (root / "seeds" / f"{slug}.yml").write_text(yaml.safe_dump(meta, sort_keys=False, allow_unicode=True), encoding="utf-8")
    (root / "annotations" / f"{slug}.yml").write_text(NOTES.format(slug=slug), encoding="utf-8")
    return slug


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_root(tmp_path_factory.mktemp("new-sources") / "edition")
    for kind in KINDS:
        add_source(root, kind)
    assert cli.main(["--root", str(root), "anchors"]) == 0
    assert cli.main(["--root", str(root), "check"]) == 0
    assert cli.main(["--root", str(root), "build", "--quiet", "--exports", "none"]) == 0
    return root


def page(root: Path, slug: str) -> str:
    return (root / "site" / "sources" / slug / "index.html").read_text(encoding="utf-8")


def page_data(html: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="dpr-page-data">(.*?)</script>', html, re.S)
    assert found
    data: dict[str, Any] = json.loads(found.group(1))
    return data


@pytest.mark.parametrize("kind", KINDS)
def test_the_page_cites_the_source_in_chicago_mla_and_bibtex(built: Path, kind: str) -> None:
    cite = page_data(page(built, f"new-{kind}"))["cite"]
    assert cite["chicago"] == CHICAGO[kind] + " In <i>Dual Power Reader</i>, passage {pid}. {url}."
    assert cite["mla"] == MLA[kind] + " <i>Dual Power Reader</i>, passage {pid}, {url}."
    assert cite["bibtex"] == bibtex(kind)


@pytest.mark.parametrize("kind", KINDS)
def test_the_downloads_hold_bibtex_and_ris(built: Path, kind: str) -> None:
    slug = f"new-{kind}"
    site = built / "site"
    assert (site / downloads.source_path(slug, "bibtex")).read_text(encoding="utf-8") == bibtex(kind) + "\n"
    assert (site / downloads.source_path(slug, "ris")).read_text(encoding="utf-8").splitlines() == ris(kind)


@pytest.mark.parametrize("kind", KINDS)
def test_the_page_carries_the_meta_tags(built: Path, kind: str) -> None:
    head = BeautifulSoup(page(built, f"new-{kind}"), "html.parser")
    tags = [(m["name"], m["content"]) for m in head.find_all("meta") if str(m.get("name", "")).startswith("citation_")]
    highwire = [t for t in tags if t[0] not in ("citation_fulltext_html_url", "citation_language")]
    assert highwire == META[kind]


@pytest.mark.parametrize("kind", KINDS)
def test_the_model_gives_the_golden_csl_json(built: Path, kind: str) -> None:
    edition, _ = build_edition(read_inputs(built)[0])
    anchored = next(a for a in edition.sources if a.source.slug == f"new-{kind}")
    item = cite_formats.csl_json(anchored.source.spec.bibliography)
    expected = {**CSL[kind], "language": "en"}
    assert item == {"id": f"new-{kind}", **expected}
