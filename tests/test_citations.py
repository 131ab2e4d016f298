"""Citations (Chicago, MLA, BibTeX) and the meta tags reference managers read."""

from __future__ import annotations

import json
import re

from build_tools import citations, generate
from build_tools.model import Author, Bibliography

ISJ = Bibliography(
    title="Soviet Power",
    publication="International Socialism",
    date="1977-11",
    rights="r",
    language="en",
    authors=(Author("Callinicos", "Alex"),),
    series="1st series",
    issue="103",
    pages="7–13",
    url="https://www.marxists.org/history/etol/writers/callinicos/1977/11/sovpower.htm",
    kind="journal-article",
)

# What Zotero's "Embedded Metadata" translator reads (zotero/translators, Embedded Metadata.js):
# HIGHWIRE_MAPPINGS, plus citation_author, citation_firstpage/lastpage handled separately.
ZOTERO_HIGHWIRE = {
    "citation_title": "title",
    "citation_publication_date": "date",
    "citation_date": "date",
    "citation_journal_title": "publicationTitle",
    "citation_volume": "volume",
    "citation_issue": "issue",
    "citation_series_title": "series",
    "citation_publisher": "publisher",
    "citation_public_url": "url",
    "citation_language": "language",
}
ZOTERO_SEPARATE = {"citation_author", "citation_firstpage", "citation_lastpage", "citation_fulltext_html_url"}


def zotero_item(tags: list[tuple[str, str]]) -> dict[str, object]:
    """The fields Zotero's Embedded Metadata translator would fill from these tags."""
    item: dict[str, object] = {"creators": []}
    for name, value in tags:
        if name in ZOTERO_HIGHWIRE:
            item[ZOTERO_HIGHWIRE[name]] = value
        elif name == "citation_author":
            family, _, given = value.partition(", ")
            item["creators"].append({"lastName": family, "firstName": given})  # type: ignore[attr-defined]
    first = dict(tags).get("citation_firstpage")
    last = dict(tags).get("citation_lastpage")
    if first:
        item["pages"] = f"{first}-{last}" if last else first
    item["itemType"] = "journalArticle" if "citation_journal_title" in dict(tags) else "webpage"
    return item


def test_chicago() -> None:
    assert citations.chicago(ISJ) == (
        "Callinicos, Alex. \u201cSoviet Power.\u201d <i>International Socialism</i>, 1st series, no. 103 "
        "(November 1977): 7–13. https://www.marxists.org/history/etol/writers/callinicos/1977/11/sovpower.htm."
    )


def test_mla() -> None:
    assert citations.mla(ISJ) == (
        "Callinicos, Alex. \u201cSoviet Power.\u201d <i>International Socialism</i>, 1st series, no. 103, Nov. 1977, pp. 7–13, "
        "www.marxists.org/history/etol/writers/callinicos/1977/11/sovpower.htm."
    )


def test_bibtex() -> None:
    entry = citations.bibtex("callinicos-1977-soviet-power", ISJ)
    assert entry.startswith("@article{callinicos1977soviet,")
    assert "  author = {Callinicos, Alex}," in entry and "  pages = {7--13}," in entry
    assert "  month = nov" in entry and entry.endswith("}")
    assert entry.count("{") == entry.count("}")


def test_unsigned_magazine_article_has_no_empty_author() -> None:
    bib = Bibliography(
        title="Capitalist state power versus soviet power", publication="Socialist Worker", date="2017-10", rights="r", language="en", issue="2577"
    )
    assert citations.chicago(bib).startswith("\u201cCapitalist state power versus soviet power.\u201d <i>Socialist Worker</i>, no. 2577, October 2017.")
    assert "author" not in citations.bibtex("x", bib)


def test_meta_tags_give_zotero_a_complete_item() -> None:
    tags = citations.meta_tags(ISJ, "http://127.0.0.1:8000/sources/callinicos-1977-soviet-power/")
    names = [n for n, _ in tags]
    assert names.count("citation_author") == 1
    assert all(n in ZOTERO_HIGHWIRE or n in ZOTERO_SEPARATE or n.startswith("DC.") for n in names)
    item = zotero_item(tags)
    assert item == {
        "creators": [{"lastName": "Callinicos", "firstName": "Alex"}],
        "title": "Soviet Power",
        "date": "1977/11",
        "publicationTitle": "International Socialism",
        "series": "1st series",
        "issue": "103",
        "pages": "7-13",
        "url": ISJ.url,
        "language": "en",
        "itemType": "journalArticle",
    }
    assert ("DC.creator", "Callinicos, Alex") in tags and ("DC.date", "1977-11") in tags


def test_every_source_page_carries_the_tags_and_citations(repo_generated: generate.Generated) -> None:
    for path, data in repo_generated.files.items():
        if not re.fullmatch(r"sources/[a-z0-9-]+\.md", path) or path.endswith("index.md"):
            continue
        page = data.decode("utf-8")
        assert '["citation_title", ' in page and '["citation_publication_date", ' in page and '["DC.title", ' in page
        payload = json.loads(re.search(r'<script type="application/json" id="dpr-page-data">(.*?)</script>', page).group(1))  # type: ignore[union-attr]
        assert set(payload["cite"]) == {"chicago", "mla", "bibtex"}
        assert "{pid}" in payload["cite"]["chicago"] and "{url}" in payload["cite"]["mla"]
        assert "Dual Power Reader" in payload["cite"]["chicago"]
