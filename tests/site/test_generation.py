"""Generation of the fixture edition: which files, what each page holds, links between them, and
the data the browser reads. Pure: the model in, ``path -> bytes`` out (the built site is tested in
``test_build.py``)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html import unescape

import yaml
from bs4 import BeautifulSoup

from build_tools.editorial import markdown_subset
from build_tools.editorial.edition import Edition, build_edition
from build_tools.inputs.files import Inputs
from build_tools.render import case_pages, timeline
from build_tools.settings import Settings
from build_tools.site import generate

from ..editions import FIXTURE, anchored, diagnose, errors, with_files

Page = Callable[[str], str]
SLUGS = ("fixture-councils", "fixture-encyclopedia")


def ids(text: str) -> list[str]:
    """Every id a generated page gives, in HTML blocks and in Markdown heading attributes."""
    return re.findall(r'\bid="([^"]+)"', text) + re.findall(r"\{#([A-Za-z][\w-]*)", text)


def test_every_page_and_data_file_is_generated(generated: dict[str, bytes], fixture_edition: Edition) -> None:
    expected = {"index.md", "sources/index.md", "glossary/index.md", "cases/index.md", "works/index.md", "chronology/index.md", "annotations.jsonld"}
    expected |= {f"sources/{slug}.md" for slug in SLUGS} | {f"data/{slug}.json" for slug in SLUGS}
    expected |= {f"glossary/{e.eid}.md" for e in fixture_edition.entries} | {f"cases/{c.cid}.md" for c in fixture_edition.cases}
    expected |= {"data/glossary.json", "data/cases.json", "data/index.json", "search/index.json"}
    assert expected <= set(generated)


def test_two_generations_are_byte_identical(fixture_inputs: Inputs, generated: dict[str, bytes]) -> None:
    edition, _ = build_edition(fixture_inputs)
    from build_tools.inputs.files import read_docs

    from ..editions import ROOT

    again = generate.generate(edition, fixture_inputs, read_docs(ROOT), Settings()).files
    assert sorted(again) == sorted(generated)
    assert [p for p in generated if again[p] != generated[p]] == []


def test_site_chrome_is_dropped(page: Page) -> None:
    councils = page("sources/fixture-councils.md")
    assert "Home | News | Subscribe" not in councils and "Share this article" not in councils
    assert "Fixture Encyclopedia\n" not in page("sources/fixture-encyclopedia.md")


def test_every_passage_note_and_gap_has_its_id_once(page: Page, fixture_edition: Edition) -> None:
    for anchored_source in fixture_edition.sources:
        text = page(f"sources/{anchored_source.source.slug}.md")
        given = ids(text)
        wanted = [p.pid for p in anchored_source.passages] + [n.note_id for n in anchored_source.source.notes]
        wanted += [f"{p.pid}-{g.gid}" for p in anchored_source.passages for g in p.block.gaps]
        for ident in wanted:
            assert given.count(ident) == 1, (anchored_source.source.slug, ident, given.count(ident))


def test_the_publishers_standfirst_byline_and_provenance_are_citable_passages(page: Page, fixture_edition: Edition) -> None:
    councils = next(a for a in fixture_edition.sources if a.source.slug == "fixture-councils")
    kinds = {p.block.kind: p.pid for p in councils.passages}
    text = page("sources/fixture-councils.md")
    for kind in ("standfirst", "byline"):
        assert re.search(rf'<p class="dpr-passage dpr-{kind}" id="{kinds[kind]}"><a data-insert="" class="dpr-pnum" href="#{kinds[kind]}"', text), kind
    assert f'class="dpr-passage dpr-provenance-line" id="{kinds["provenance"]}"' in text


def test_author_notes_link_both_ways(page: Page) -> None:
    for slug in SLUGS:
        text = page(f"sources/{slug}.md")
        markers = re.findall(r'<sup data-insert="" class="dpr-aref" id="(r[^"]+)"><a href="#(n[^"]+)"', text)
        backrefs = set(re.findall(r'<a class="dpr-backref" href="#(r[^"]+)"', text))
        notes = set(re.findall(r'<li class="dpr-note" id="(n[^"]+)"', text))
        assert len(markers) == 4 and notes == {"n1", "n2", "n3", "n4"}
        for ref, note in markers:
            assert note in notes and ref in backrefs, (slug, ref, note)


def test_editorial_interventions_are_marked_as_inserted(page: Page) -> None:
    text = page("sources/fixture-councils.md")
    assert '<span data-insert="" class="dpr-sic" aria-hidden="true">[sic]</span>' in text
    supplied = BeautifulSoup(text, "html.parser").find(id="p19-g1")
    assert supplied is not None and supplied.get("data-insert") == "" and supplied.get_text() == "[in March]"
    unemended = page("sources/fixture-encyclopedia.md")
    assert 'class="dpr-supplied" id="p4-g1"' in unemended and "[old]" in BeautifulSoup(unemended, "html.parser").get_text()
    for mark in re.findall(r"<sup[^>]*>", text):
        assert 'data-insert=""' in mark, mark


def test_every_editors_note_has_its_marker_and_endnote(page: Page, fixture_edition: Edition) -> None:
    for slug, notes in fixture_edition.notes.items():
        text = page(f"sources/{slug}.md")
        for note in notes:
            assert f'id="edref-{note.aid}"' in text and f'<li class="dpr-ednote" id="ed-{note.aid}"' in text, note.aid
        labels = re.findall(r'<span class="dpr-ednote-label">(†\d+)</span>', text)
        assert labels == [f"†{i}" for i in range(1, len(notes) + 1)]


def test_glossary_and_case_links(page: Page) -> None:
    for slug in SLUGS:
        text = page(f"sources/{slug}.md")
        body = text.split('<section class="dpr-author-notes"', 1)[0]
        previews = re.findall(r'data-preview="(pv-[a-z]+-[a-z0-9-]+)"', body)
        assert previews and len(previews) == len(set(previews)), f"{slug}: one link per target and page"
        templates = re.findall(r'<template id="(pv-[a-z0-9-]+)">', text)
        assert sorted(templates) == sorted(previews)
        assert all("dpr-gloss" not in line for line in text.splitlines() if line.startswith("#"))
        notes = text.split('<section class="dpr-author-notes"', 1)[1].split("</section>", 1)[0]
        assert "dpr-preview" not in notes
    encyclopedia = page("sources/fixture-encyclopedia.md")
    assert '<a class="dpr-caselink dpr-preview" href="../../cases/northgate-1905/" data-preview="pv-case-northgate-1905">city\'s soviet</a>' in encyclopedia
    assert (
        '<template id="pv-case-northgate-1905"><p><strong>Northgate soviet</strong> (comparative case, January 1905 – July 1906)</p></template>' in encyclopedia
    )


def test_the_concordance_lists_every_occurrence_with_a_permanent_link(page: Page, fixture_edition: Edition) -> None:
    for entry in fixture_edition.entries:
        text = page(f"glossary/{entry.eid}.md")
        occurrences = fixture_edition.occurrences.get(("glossary", entry.eid), [])
        links = set(re.findall(r'<a class="dpr-conc-pid" href="\.\./\.\./sources/([a-z0-9-]+)/#(p\d+)">', text))
        assert links == {(o.slug, o.pid) for o in occurrences}, entry.eid
    assert "<mark>soviet</mark>" in page("glossary/soviet.md")


def test_the_cases_table_shows_the_files_data(page: Page) -> None:
    text = page("cases/index.md")
    rows = re.findall(r'<tr id="case-([a-z0-9-]+)" data-base="([a-z]+)" data-outcome="([a-z-]+)"', text)
    assert len(rows) == len(list((FIXTURE / "cases").glob("*.yml")))
    for cid, base, outcome in rows:
        data = yaml.safe_load((FIXTURE / "cases" / f"{cid}.yml").read_text(encoding="utf-8"))
        assert (base, outcome) == (data["base"], data["outcome"])
        row = unescape(re.search(rf'<tr id="case-{cid}".*?</tr>', text, re.S).group(0))  # type: ignore[union-attr]
        assert data["name"] in row and data["official_power"]["text"] in row and data["rival_power"]["text"] in row
        for cell in ("official-power", "rival-power", "outcome"):
            assert f'href="{cid}/#{cell}"' in row


def test_case_pages_quote_their_passages_with_permanent_links(page: Page, fixture_edition: Edition) -> None:
    for case in fixture_edition.cases:
        text = page(f"cases/{case.cid}.md")
        for ref in case.passage_refs():
            assert f'href="../../sources/{ref.slug}/#{ref.pid}"' in text, (case.cid, ref)
        assert "## What the sources say" in text and "## Summary" in text


def test_the_timeline_links_every_case_and_has_a_text_alternative(fixture_edition: Edition) -> None:
    chart = BeautifulSoup(str(timeline.render(fixture_edition.cases)), "html.parser")
    links = [a["href"] for a in chart.select("a.tl-link")]
    assert links == [f"{case.cid}/" for case in fixture_edition.cases]
    text = unescape(str(case_pages.timeline_text(fixture_edition.cases)))
    for case in fixture_edition.cases:
        assert unescape(case_pages.dates(case)) in text


def test_works_cited_and_chronology(page: Page, fixture_edition: Edition) -> None:
    works = page("works/index.md")
    for key in fixture_edition.corpus.works:
        assert f'<li id="work-{key}" class="dpr-work-entry">' in works
    assert "Cited 0 time(s)" not in works
    chronology = page("chronology/index.md")
    assert '<li id="event-corn-exchange-occupied" class="dpr-event">' in chronology
    assert "24 February (9 March) 1906" in chronology


def test_the_web_annotation_collection(generated: dict[str, bytes], fixture_edition: Edition) -> None:
    data = json.loads(generated["annotations.jsonld"])
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld" and data["type"] == "AnnotationCollection"
    items = data["first"]["items"]
    assert data["total"] == len(items) == sum(len(v) for v in fixture_edition.notes.values())
    notes = {f"ed-{n.aid}": n for ns in fixture_edition.notes.values() for n in ns}
    for item in items:
        note = notes[item["id"].rsplit("#", 1)[1]]
        assert item["type"] == "Annotation" and item["target"]["source"].endswith(f"/sources/{note.slug}/")
        selectors = {s["type"]: s for s in item["target"]["selector"]}
        assert set(selectors) == {"FragmentSelector", "TextQuoteSelector"}
        assert selectors["FragmentSelector"]["value"] == (f"{note.pid}-{note.gap}" if note.gap else note.pid)
        assert bool(selectors["TextQuoteSelector"]["exact"]) != bool(note.gap)
        assert item["body"][0] == {
            "type": "TextualBody",
            "value": str(markdown_subset.render(note.body)),
            "format": "text/html",
            "language": "en",
            "purpose": "commenting",
        }


def test_the_data_files_hold_the_model(generated: dict[str, bytes], fixture_edition: Edition) -> None:
    for anchored_source in fixture_edition.sources:
        data = json.loads(generated[f"data/{anchored_source.source.slug}.json"])
        assert [(p["id"], p["text"]) for p in data["passages"] if p["kind"] != "note"] == [(p.pid, p.block.text) for p in anchored_source.passages]
        assert {n["id"] for n in data["notes"]} == {f"ed-{n.aid}" for n in fixture_edition.notes[anchored_source.source.slug]}
    index = json.loads(generated["search/index.json"])
    texts = {(index["pages"][r[0]][0], r[1]) for r in index["records"] if r[2] == "text"}
    assert ("sources/fixture-councils/", "p19") in texts


def test_retired_ids_land_on_their_successor_without_javascript(fixture_inputs: Inputs) -> None:
    text = fixture_inputs.files["seeds/fixture-councils.txt"].decode("utf-8")
    line = "The old council did not dissolve. It kept the town hall, the police and the rates, and it claimed every power it had ever held."
    inputs = anchored(with_files(fixture_inputs, {"seeds/fixture-councils.txt": text.replace(line, "")}))
    assert errors(diagnose(inputs)) == []
    edition, _ = build_edition(inputs)
    page = generate.generate(edition, inputs, {}, Settings()).files["sources/fixture-councils.md"].decode("utf-8")
    landing = '<p class="dpr-passage" id="p5"><span data-insert="" class="dpr-retired" id="p4" aria-hidden="true"></span><a data-insert="" class="dpr-pnum"'
    assert landing in page
    data = json.loads(re.search(r'<script type="application/json" id="dpr-page-data">(.*?)</script>', page).group(1))  # type: ignore[union-attr]
    assert data["retired"] == {"p4": {"how": "removed", "successor": "p5"}}
    assert unread_blocks(page) == []


BLOCK = re.compile(r"<(p|ol|ul|blockquote|section|div|details|script|nav|aside|table|dl|figure)\b|#{1,6} |---$")


def unread_blocks(page: str) -> list[str]:
    """The blocks of a generated page that Markdown would read as Markdown: neither a heading nor
    opening with a block-level element (a retired id's empty marker alone is harmless)."""
    body = page.split("\n---\n", 1)[1]
    blocks = [b.lstrip("\n") for b in body.split("\n\n") if b.strip()]
    return [
        b[:80]
        for b in blocks
        if not BLOCK.match(b) and not re.fullmatch(r'(<span data-insert="" class="dpr-retired" id="[a-z0-9-]+" aria-hidden="true"></span>)+', b.strip())
    ]


def test_markdown_reads_no_contributor_text(generated: dict[str, bytes]) -> None:
    """Every block of a generated page is a Markdown heading or opens with a block-level element,
    so Markdown leaves its contents alone (a passage after a retired id's marker opened with an
    inline element, so Markdown read it: its `[x](javascript:…)` became a live link, issue 19)."""
    for path, data in sorted(generated.items()):
        if path.endswith(".md") and not path.startswith(("about/", "contributing/")) and path != "index.md":
            assert unread_blocks(data.decode("utf-8")) == [], path


def test_a_renamed_page_keeps_a_redirect(fixture_inputs: Inputs, fixture_edition: Edition) -> None:
    inputs = with_files(fixture_inputs, {"anchors/redirects.yml": "/glossary/soviets/: /glossary/soviet/\n"})
    stub = BeautifulSoup(generate.generate(fixture_edition, inputs, {}, Settings()).files["glossary/soviets/index.html"], "html.parser")
    assert stub.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../../glossary/soviet/"  # type: ignore[index]
    script = stub.find("script")
    assert script is not None and script.get("data-target") == "../../glossary/soviet/" and not script.get_text()  # no inline script
    assert "script-src 'self'" in stub.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]  # type: ignore[index]


def test_a_hand_written_page_cannot_replace_a_generated_one(fixture_inputs: Inputs, fixture_edition: Edition) -> None:
    result = generate.generate(fixture_edition, fixture_inputs, {"glossary/soviet.md": b"<script>alert(1)</script>"}, Settings())
    assert [(d.path, d.code) for d in result.diagnostics] == [("docs/glossary/soviet.md", "S014")]
    assert b"<script>" not in result.files["glossary/soviet.md"]


def test_every_source_page_carries_the_citation_tags_and_formats(page: Page) -> None:
    for slug in SLUGS:
        text = page(f"sources/{slug}.md")
        assert '["citation_title", ' in text and '["citation_publication_date", ' in text and '["DC.title", ' in text
        data = json.loads(re.search(r'<script type="application/json" id="dpr-page-data">(.*?)</script>', text).group(1))  # type: ignore[union-attr]
        assert set(data["cite"]) == {"chicago", "mla", "bibtex"}
        assert "{pid}" in data["cite"]["chicago"] and "{url}" in data["cite"]["mla"] and "Dual Power Reader" in data["cite"]["chicago"]
