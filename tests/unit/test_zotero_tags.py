"""The meta tags of a source page give a reference manager a complete item: what Zotero's
"Embedded Metadata" translator fills from them (zotero/translators, Embedded Metadata.js:
HIGHWIRE_MAPPINGS, with citation_author, citation_firstpage and citation_lastpage read apart).
``tests/citations/`` pins the tags of every kind of work; this test reads them as Zotero does."""

from __future__ import annotations

from build_tools.render import cite_formats
from build_tools.sources.bibliography import Person, Work

ISJ = Work(
    key="callinicos-1977",
    kind="journal-article",
    title="Soviet Power",
    date="1977-11",
    authors=(Person("Callinicos", "Alex"),),
    container="International Socialism",
    series="1st series",
    issue="103",
    pages="7–13",
    url="https://www.marxists.org/history/etol/writers/callinicos/1977/11/sovpower.htm",
    language="en",
)
PAGE = "http://127.0.0.1:8000/sources/callinicos-1977-soviet-power/"
ZOTERO_HIGHWIRE = {
    "citation_title": "title",
    "citation_publication_date": "date",
    "citation_date": "date",
    "citation_journal_title": "publicationTitle",
    "citation_inbook_title": "bookTitle",
    "citation_volume": "volume",
    "citation_issue": "issue",
    "citation_series_title": "series",
    "citation_publisher": "publisher",
    "citation_technical_report_institution": "institution",
    "citation_dissertation_institution": "university",
    "citation_public_url": "url",
    "citation_language": "language",
}
ZOTERO_SEPARATE = {"citation_author", "citation_firstpage", "citation_lastpage", "citation_fulltext_html_url"}


def zotero_item(tags: list[tuple[str, str]]) -> dict[str, object]:
    """The fields Zotero's Embedded Metadata translator would fill from these tags."""
    creators: list[dict[str, str]] = []
    item: dict[str, object] = {"creators": creators}
    for name, value in tags:
        if name in ZOTERO_HIGHWIRE:
            item[ZOTERO_HIGHWIRE[name]] = value
        elif name == "citation_author":
            family, _, given = value.partition(", ")
            creators.append({"lastName": family, "firstName": given})
    first, last = dict(tags).get("citation_firstpage"), dict(tags).get("citation_lastpage")
    if first:
        item["pages"] = f"{first}-{last}" if last else first
    item["itemType"] = "journalArticle" if "citation_journal_title" in dict(tags) else "bookSection" if "citation_inbook_title" in dict(tags) else "webpage"
    return item


def test_every_tag_is_one_zotero_or_dublin_core_reads() -> None:
    tags = cite_formats.meta_tags(ISJ, PAGE, "Reproduced for study.")
    names = [name for name, _ in tags]
    assert all(name in ZOTERO_HIGHWIRE or name in ZOTERO_SEPARATE or name.startswith("DC.") for name in names), names
    assert names.count("citation_author") == 1 and names.count("citation_title") == 1


def test_zotero_gets_a_complete_journal_article() -> None:
    item = zotero_item(cite_formats.meta_tags(ISJ, PAGE))
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


def test_dublin_core_is_the_fallback() -> None:
    tags = cite_formats.meta_tags(ISJ, PAGE, "Reproduced for study.")
    assert ("DC.creator", "Callinicos, Alex") in tags and ("DC.date", "1977-11") in tags
    assert ("DC.identifier", ISJ.url) in tags and ("DC.rights", "Reproduced for study.") in tags
