"""Comparative cases: evidence with resolving anchors, the table shows the files' data, the
timeline is a well-formed accessible SVG, and uncovered years are reported."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import unescape

import yaml

from build_tools import candidates, generate, refs, render_cases, timeline_svg

from .conftest import ROOT

REQUIRED = {
    "paris-1871", "russia-1905", "russia-1917", "germany-1918-19", "italy-1919-20", "britain-1915-19", "britain-1926",
    "spain-1936-37", "hungary-1956", "france-1968", "chile-1972-73", "portugal-1974-75", "iran-1978-79", "poland-1980-81",
    "bolivia-2003-05",
}  # fmt: skip
CONTESTED = {"lebanon-hezbollah", "syria-north-east", "seattle-2020"}


def test_all_cases_present_and_grouped(repo_model: generate.Model) -> None:
    groups = {c.cid: c.group for c in repo_model.cases}
    assert set(groups) >= REQUIRED and set(groups) >= CONTESTED
    assert all(groups[c] == "historical" for c in REQUIRED)
    assert all(groups[c] == "contested" for c in CONTESTED)


def test_every_case_cites_a_resolving_passage(repo_model: generate.Model) -> None:
    for case in repo_model.cases:
        passages = case.passage_refs()
        assert passages, case.cid
        for ref in passages:
            assert repo_model.corpus.passage_text(ref.slug, ref.pid) is not None, (case.cid, ref)


def test_table_renders_the_same_data_as_the_files(repo_generated: generate.Generated) -> None:
    page = repo_generated.files["cases/index.md"].decode("utf-8")
    rows = re.findall(r'<tr id="case-([a-z0-9-]+)" data-base="([a-z]+)" data-outcome="([a-z-]+)".*?</tr>', page)
    assert len(rows) == len(list((ROOT / "cases").glob("*.yml")))
    for cid, base, outcome in rows:
        data = yaml.safe_load((ROOT / "cases" / f"{cid}.yml").read_text(encoding="utf-8"))
        assert (base, outcome) == (data["base"], data["outcome"])
        row = re.search(rf'<tr id="case-{cid}".*?</tr>', page).group(0)  # type: ignore[union-attr]
        text = unescape(row)
        assert data["name"] in text
        assert data["official_power"]["text"] in text and data["rival_power"]["text"] in text
        assert render_cases.human_date(str(data["start"])) in text
        for cell in ("official-power", "rival-power", "outcome"):
            assert f'href="{cid}/#{cell}"' in row


def test_timeline_svg_is_well_formed_with_title_and_description(repo_model: generate.Model) -> None:
    svg = timeline_svg.render(repo_model.cases)
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title") is not None and root.find(f"{ns}desc") is not None
    assert root.get("role") == "img" and root.get("aria-labelledby") == "tl-title tl-desc"
    bars = root.findall(f".//{ns}rect[@class='tl-bar']")
    assert len(bars) >= len(repo_model.cases)
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_timeline_has_a_text_alternative_with_the_same_spans(repo_model: generate.Model) -> None:
    text = render_cases.timeline_text(repo_model.cases)
    for case in repo_model.cases:
        assert unescape(render_cases.dates(case)) in unescape(text)


def test_case_pages_quote_the_sources_with_permanent_links(repo_generated: generate.Generated, repo_model: generate.Model) -> None:
    for case in repo_model.cases:
        page = repo_generated.files[f"cases/{case.cid}.md"].decode("utf-8")
        assert "## What the sources say" in page
        for ref in case.passage_refs():
            assert f'href="../../sources/{ref.slug}/#{ref.pid}"' in page
        assert "## Summary" in page and "Evidence:" in page


def test_uncovered_years_are_reported(repo_model: generate.Model) -> None:
    years = dict(candidates.uncovered_years(repo_model.anchoring.sources, repo_model.cases))
    assert 1989 in years  # the revolutions of 1989 (Callinicos 2007) have no case
    assert all(y < 1869 or y > 1872 for y in years)  # the Paris Commune is covered


def test_case_links_from_sources(repo_model: generate.Model) -> None:
    phrases = [(c.cid, p) for c in repo_model.cases for p in c.link_phrases]
    for cid, phrase in phrases:
        assert [h.target.ident for h in repo_model.linker.find(f"as in {phrase} then")] == [cid]


def test_citation_items_render(repo_model: generate.Model) -> None:
    work = refs.WorkRef("Tombs, Robert", "The Paris Commune 1871", "1999", publisher="Longman")
    assert refs.render_ref(work, repo_model.corpus) == "Tombs, Robert, <i>The Paris Commune 1871</i> (Longman, 1999)"


def test_century_labels_are_english_ordinals(repo_model: generate.Model) -> None:
    labels = {case.cid: case.century for case in repo_model.cases}
    assert labels["paris-1871"] == "19th" and labels["russia-1917"] == "20th" and labels["bolivia-2003-05"] == "21st"
    assert set(labels.values()) == {"19th", "20th", "21st"}
