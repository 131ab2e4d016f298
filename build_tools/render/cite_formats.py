"""A work in the formats reference managers read: BibTeX, RIS, CSL-JSON, and the meta tags of a
page (Highwire Press ``citation_*`` with Dublin Core as fallback), each with the right type for
the kind of publication."""

from __future__ import annotations

import re
from typing import Any

from ..sources.bibliography import Person, Work
from .citations import date_parts

BIBTEX_TYPES = {
    "book": "book",
    "chapter": "incollection",
    "journal-article": "article",
    "magazine-article": "article",
    "newspaper-article": "article",
    "official-document": "misc",
    "web-page": "misc",
    "encyclopedia-entry": "misc",
    "thesis": "phdthesis",
}
RIS_TYPES = {
    "book": "BOOK",
    "chapter": "CHAP",
    "journal-article": "JOUR",
    "magazine-article": "MGZN",
    "newspaper-article": "NEWS",
    "official-document": "GOVDOC",
    "web-page": "ELEC",
    "encyclopedia-entry": "ENCYC",
    "thesis": "THES",
}
CSL_TYPES = {
    "book": "book",
    "chapter": "chapter",
    "journal-article": "article-journal",
    "magazine-article": "article-magazine",
    "newspaper-article": "article-newspaper",
    "official-document": "document",
    "web-page": "webpage",
    "encyclopedia-entry": "entry-encyclopedia",
    "thesis": "thesis",
}
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def bibtex_key(work: Work) -> str:
    """``rabinowitch1976bolsheviks``: first author (or container), year, first long word of the title."""
    who = work.authors[0].sort_name if work.authors else work.editors[0].sort_name if work.editors else work.container or "anon"
    family = re.sub(r"[^a-z]", "", who.lower()) or "anon"
    word = next((w for w in re.findall(r"[a-z]+", work.title.lower()) if len(w) > 3 and w not in {"dual", "versus", "with", "from", "that"}), "text")
    return f"{family}{work.year}{word}"


def _bibtex_escape(text: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", text).replace("\u2013", "--").replace("\u2014", "---")


def _bibtex_names(people: tuple[Person, ...]) -> str:
    # a corporate name in its own braces, so that BibTeX does not read it as "Family, Given"
    return " and ".join("{" + _bibtex_escape(p.name) + "}" if p.corporate else _bibtex_escape(p.inverted) for p in people)


def _pages(pages: str) -> tuple[str, str]:
    """First and last page of ``7–13`` (the last is "" for a single page); a last page abbreviated
    in print is given in full (``101–2`` ends on 102), as RIS and the meta tags want page numbers."""
    bits = re.split(r"\s*[–-]+\s*", pages, maxsplit=1)
    first, last = bits[0], bits[1] if len(bits) > 1 else ""
    if first.isdigit() and last.isdigit() and len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return first, last


def bibtex(work: Work, key: str = "") -> str:
    """The BibTeX entry of ``work``."""
    kind = BIBTEX_TYPES[work.kind]
    year, month, _ = date_parts(work.date)
    fields: list[tuple[str, str]] = []
    if work.authors:
        fields.append(("author", _bibtex_names(work.authors)))
    if work.editors:
        fields.append(("editor", _bibtex_names(work.editors)))
    fields.append(("title", "{" + _bibtex_escape(work.title) + "}"))
    container_field = {"incollection": "booktitle", "article": "journal"}.get(kind, "howpublished")
    if work.container:
        fields.append((container_field, _bibtex_escape(work.container)))
    elif kind == "misc" and work.publisher:  # @misc has no publisher field: its imprint goes in howpublished
        fields.append(("howpublished", _bibtex_escape(f"{work.place}: {work.publisher}" if work.place else work.publisher)))
    for name, value in (("series", work.series), ("volume", work.volume), ("number", work.issue), ("edition", work.edition)):
        if value:
            fields.append((name, _bibtex_escape(value)))
    if work.pages:
        fields.append(("pages", _bibtex_escape(work.pages)))
    if work.publisher:
        fields.append(("school" if kind == "phdthesis" else "publisher", _bibtex_escape(work.publisher)))
    if work.place:
        fields.append(("address", _bibtex_escape(work.place)))
    fields.append(("year", str(year)))
    if month:
        fields.append(("month", MONTHS[month - 1]))
    notes = []
    if work.translators:
        notes.append("Translated by " + " and ".join(p.display for p in work.translators))
    if work.original_date:
        notes.append(f"First published {work.original_date[:4]}")
    if notes:
        fields.append(("note", _bibtex_escape(". ".join(notes))))
    if work.url:
        fields.append(("url", work.url))
    if work.accessed:
        fields.append(("urldate", work.accessed))
    if work.language:
        fields.append(("language", work.language))
    lines = [f"@{kind}{{{key or bibtex_key(work)},"]
    lines += [f"  {name} = {value if name == 'month' else '{' + value + '}'}," for name, value in fields]
    lines[-1] = lines[-1].rstrip(",")
    return "\n".join([*lines, "}"])


def ris(work: Work) -> str:
    """The RIS record of ``work`` (CRLF is not required by the readers we target; one tag a line)."""
    year, month, day = date_parts(work.date)
    tags: list[tuple[str, str]] = [("TY", RIS_TYPES[work.kind])]
    tags += [("AU", p.inverted) for p in work.authors]
    tags += [("A2", p.inverted) for p in work.editors]
    tags += [("A4", p.inverted) for p in work.translators]
    tags.append(("TI", work.title))
    if work.container:
        tags.append(("T2", work.container))
    if work.series:
        tags.append(("T3", work.series))
    tags.append(("PY", str(year)))
    tags.append(("DA", "/".join([str(year), f"{month:02d}" if month else "", f"{day:02d}" if day else "", ""])))
    for tag, value in (("ET", work.edition), ("VL", work.volume), ("IS", work.issue), ("PB", work.publisher), ("CY", work.place)):
        if value:
            tags.append((tag, value))
    if work.pages:
        first, last = _pages(work.pages)
        tags.append(("SP", first))
        if last:
            tags.append(("EP", last))
    if work.url:
        tags.append(("UR", work.url))
    if work.accessed:
        tags.append(("Y2", work.accessed))
    if work.language:
        tags.append(("LA", work.language))
    if work.original_date:
        tags.append(("N1", f"First published {work.original_date[:4]}."))
    tags.append(("ER", ""))
    return "\n".join(f"{tag}  - {value}".rstrip() if tag == "ER" else f"{tag}  - {value}" for tag, value in tags) + "\n"


def _csl_names(people: tuple[Person, ...]) -> list[dict[str, str]]:
    return [{"literal": p.name} if p.corporate else {k: v for k, v in (("family", p.family), ("given", p.given)) if v} for p in people]


def _csl_date(date: str) -> dict[str, list[list[int]]]:
    return {"date-parts": [[int(p) for p in date.split("-")]]}


def csl_json(work: Work, key: str = "") -> dict[str, Any]:
    """The CSL-JSON item of ``work`` (what Zotero, Pandoc and citeproc read)."""
    item: dict[str, Any] = {"id": key or work.key, "type": CSL_TYPES[work.kind], "title": work.title, "issued": _csl_date(work.date)}
    for role in ("authors", "editors", "translators"):
        people = getattr(work, role)
        if people:
            item[{"authors": "author", "editors": "editor", "translators": "translator"}[role]] = _csl_names(people)
    plain = {
        "container-title": work.container,
        "collection-title": work.series,
        "publisher": work.publisher,
        "publisher-place": work.place,
        "edition": work.edition,
        "volume": work.volume,
        "issue": work.issue,
        "page": work.pages,
        "URL": work.url,
        "language": work.language,
    }
    item.update({k: v for k, v in plain.items() if v})
    if work.original_date:
        item["original-date"] = _csl_date(work.original_date)
    if work.accessed:
        item["accessed"] = _csl_date(work.accessed)
    return item


def meta_tags(work: Work, page_url: str, rights: str = "") -> list[tuple[str, str]]:
    """``(name, content)`` pairs for a page of the edition that gives ``work``: Highwire Press
    tags, which Zotero reads first, then Dublin Core."""
    year, month, day = date_parts(work.date)
    date = "/".join(f"{v:02d}" if i else str(v) for i, v in enumerate(x for x in (year, month, day) if x))
    tags: list[tuple[str, str]] = [("citation_title", work.title)]
    tags += [("citation_author", p.inverted) for p in work.authors]
    tags.append(("citation_publication_date", date))
    if work.kind in ("journal-article", "magazine-article", "newspaper-article") and work.container:
        tags.append(("citation_journal_title", work.container))
    elif work.kind in ("chapter", "encyclopedia-entry") and work.container:
        tags.append(("citation_inbook_title", work.container))
    if work.kind == "thesis" and work.publisher:
        tags.append(("citation_dissertation_institution", work.publisher))
    elif work.kind == "official-document" and work.publisher:
        tags.append(("citation_technical_report_institution", work.publisher))
    elif work.publisher:  # a journal or newspaper is not its own publisher
        tags.append(("citation_publisher", work.publisher))
    if work.series and work.kind == "journal-article":
        tags.append(("citation_series_title", work.series))
    for name, value in (("citation_volume", work.volume), ("citation_issue", work.issue)):
        if value:
            tags.append((name, value))
    if work.pages:
        first, last = _pages(work.pages)
        tags.append(("citation_firstpage", first))
        if last:
            tags.append(("citation_lastpage", last))
    if work.url:
        tags.append(("citation_public_url", work.url))
    tags.append(("citation_fulltext_html_url", page_url))
    if work.language:
        tags.append(("citation_language", work.language))
    tags.append(("DC.title", work.title))
    tags += [("DC.creator", p.inverted) for p in work.authors]
    tags.append(("DC.date", work.date))
    if work.publisher:
        tags.append(("DC.publisher", work.publisher))
    if work.container:
        tags.append(("DC.source", work.container))
    tags.append(("DC.identifier", work.url or page_url))
    if work.language:
        tags.append(("DC.language", work.language))
    if rights:
        tags.append(("DC.rights", rights))
    tags.append(("DC.type", "Text"))
    return tags
