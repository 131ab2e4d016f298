"""The search index: deterministic, one record per passage by its permanent id, notes and glossary
entries as kinds of their own, hand-written pages by section, titles as written (no brackets)."""

from __future__ import annotations

import json

from build_tools.editorial.edition import Edition
from build_tools.render import search_index
from build_tools.sources.model import Gap

DOCS = {
    "about/index.md": (
        b"---\ntitle: About\n---\n\n# About this edition\n\nIntro words.\n\n"
        b"## How it is made {#made}\n\nThe *method* is [here](x.md).\n\n```\n## not a heading\n```\n"
    ),
    "image.png": b"\x89PNG",
}


def test_the_index_is_the_same_bytes_on_every_build(fixture_edition: Edition) -> None:
    first = search_index.search_files(fixture_edition, DOCS)
    assert first == search_index.search_files(fixture_edition, dict(reversed(DOCS.items())))
    assert list(first) == [search_index.INDEX_PATH]


def test_every_passage_is_a_record_under_its_permanent_id(fixture_edition: Edition) -> None:
    data = search_index.index_data(fixture_edition, {})
    for anchored in fixture_edition.sources:
        at = next(i for i, p in enumerate(data["pages"]) if p[0] == f"sources/{anchored.source.slug}/")
        ids = {r[1] for r in data["records"] if r[0] == at and r[2] == "text"}
        assert ids == {p.pid for p in anchored.passages}
        assert data["pages"][at][1] == anchored.source.spec.bibliography.title  # never "[a supplied title]"
        notes = [r for r in data["records"] if r[0] == at and r[2] == "editor-note"]
        assert len(notes) == len(fixture_edition.notes.get(anchored.source.slug, ()))
        assert all(str(r[1]).startswith("ed-") and str(r[3]).startswith("\u2020") for r in notes)
    kinds = {r[2] for r in data["records"]}
    assert {"text", "author-note", "editor-note", "glossary", "case"} <= kinds <= set(search_index.KINDS)


def test_hand_written_pages_are_indexed_by_section_without_their_markup(fixture_edition: Edition) -> None:
    data = search_index.index_data(fixture_edition, {k: v.decode() for k, v in DOCS.items() if k.endswith(".md")})
    at = next(i for i, p in enumerate(data["pages"]) if p[0] == "about/")
    assert data["pages"][at][1] == "About"
    sections = [(r[1], r[3]) for r in data["records"] if r[0] == at]
    # code is searchable text, and a "#" line inside it is no heading
    assert sections == [("", "Intro words."), ("made", "How it is made The method is here. ## not a heading")]


def test_plain_text_of_markdown() -> None:
    assert search_index.plain("A **bold** [link](x.md) and `code`, <b>tag</b>.") == "A bold link and code, tag ."
    assert search_index.slug("Reading on *screen* and paper!") == "reading-on-screen-and-paper"


def test_the_index_is_compact_json(fixture_edition: Edition) -> None:
    text = search_index.search_files(fixture_edition, {})[search_index.INDEX_PATH]
    assert ", " not in text[:200] and text.endswith("\n")
    assert json.loads(text)["records"]


def test_a_lost_word_shows_as_the_page_shows_it(fixture_edition: Edition) -> None:
    """Supplied words in the editors' brackets, a gap nobody could fill as […]: never closed up."""
    data = search_index.index_data(fixture_edition, {})
    texts = {(data["pages"][int(str(r[0]))][0], r[1]): str(r[3]) for r in data["records"] if r[2] == "text"}
    councils = next(a for a in fixture_edition.sources if a.source.slug == "fixture-councils")
    p19 = next(p for p in councils.passages if p.pid == "p19")
    assert p19.block.gaps and "[in March]" in texts[("sources/fixture-councils/", "p19")]
    assert "[old]" in texts[("sources/fixture-encyclopedia/", "p4")]
    gaps = (Gap(offset=3, gid="g1"), Gap(offset=7, gid="g2"))
    assert search_index.with_gaps("in , then", gaps, "p1", {("p1", "g2"): "so"}) == "in [\u2026], th[so]en"
