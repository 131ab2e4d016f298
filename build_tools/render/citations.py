"""Citations of a source and of this edition: Chicago, MLA, BibTeX, and the meta tags that
reference managers read (Highwire ``citation_*`` with Dublin Core as fallback).

Titles are never re-cased: they are given as printed. ``{url}`` and ``{pid}`` in the edition
templates are filled in by the page script with the passage the reader chose.
"""

from __future__ import annotations

import re
from html import escape

from markupsafe import Markup

from ..sources.model import Bibliography

EDITION = "Dual Power Reader"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
MLA_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


def _date_parts(date: str) -> tuple[int, int | None, int | None]:
    parts = [int(p) for p in date.split("-")]
    return parts[0], (parts[1] if len(parts) > 1 else None), (parts[2] if len(parts) > 2 else None)


def chicago_date(date: str) -> str:
    year, month, day = _date_parts(date)
    if month and day:
        return f"{MONTHS[month - 1]} {day}, {year}"
    return f"{MONTHS[month - 1]} {year}" if month else str(year)


def mla_date(date: str) -> str:
    year, month, day = _date_parts(date)
    if month and day:
        return f"{day} {MLA_MONTHS[month - 1]} {year}"
    return f"{MLA_MONTHS[month - 1]} {year}" if month else str(year)


def _names(bib: Bibliography, style: str) -> str:
    people = bib.authors
    if not people:
        return ""
    first = f"{people[0].family}, {people[0].given}".rstrip(", ")
    rest = [p.display for p in people[1:]]
    if style == "mla" and len(people) > 2:
        return first + ", et al"
    joined = first if not rest else first + ", " + ", ".join(rest[:-1]) + (", and " if len(rest) > 1 else " and ") + rest[-1]
    return joined.rstrip(".")


def _quoted_title(title: str) -> str:
    # Chicago and MLA put the final period inside the quotation marks.
    inner = title.rstrip(".")
    return f"\u201c{inner}.\u201d"


def chicago(bib: Bibliography) -> Markup:
    """Chicago bibliography entry as HTML (container title in <i>)."""
    parts = []
    names = _names(bib, "chicago")
    if names:
        parts.append(escape(names) + ".")
    parts.append(escape(_quoted_title(bib.title)))
    container = f"<i>{escape(bib.publication)}</i>"
    if bib.kind == "journal-article":
        series = f", {escape(bib.series)}" if bib.series else ""
        issue = f", no. {escape(bib.issue)}" if bib.issue else ""
        pages = f": {escape(bib.pages)}" if bib.pages else ""
        parts.append(f"{container}{series}{issue} ({chicago_date(bib.date)}){pages}.")
    elif bib.kind == "encyclopedia-article":
        publisher = f" {escape(bib.publisher)}," if bib.publisher else ""
        parts.append(f"{container}.{publisher} {chicago_date(bib.date)}.")
    else:
        issue = f", no. {escape(bib.issue)}" if bib.issue else ""
        parts.append(f"{container}{issue}, {chicago_date(bib.date)}.")
    if bib.url:
        parts.append(escape(bib.url) + ".")
    return Markup(" ".join(parts))  # every part is escaped above


def mla(bib: Bibliography) -> Markup:
    """MLA (9th edition) works-cited entry as HTML."""
    parts = []
    names = _names(bib, "mla")
    if names:
        parts.append(escape(names) + ".")
    parts.append(escape(_quoted_title(bib.title)))
    bits = [f"<i>{escape(bib.publication)}</i>"]
    if bib.series:
        bits.append(escape(bib.series))
    if bib.issue:
        bits.append(f"no. {escape(bib.issue)}")
    bits.append(mla_date(bib.date))
    if bib.pages:
        bits.append(f"pp. {escape(bib.pages)}")
    if bib.url:
        bits.append(escape(re.sub(r"^https?://", "", bib.url)))
    parts.append(", ".join(bits) + ".")
    return Markup(" ".join(parts))  # every part is escaped above


def bibtex_key(slug: str, bib: Bibliography) -> str:
    family = re.sub(r"[^a-z]", "", (bib.authors[0].family if bib.authors else bib.publication).lower())
    year = bib.date[:4]
    word = next((w for w in re.findall(r"[a-z]+", bib.title.lower()) if len(w) > 3 and w not in {"dual", "versus", "with"}), "text")
    return f"{family}{year}{word}"


def _bibtex_escape(text: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", text).replace("\u2013", "--").replace("\u2014", "---")


def bibtex(slug: str, bib: Bibliography) -> str:
    """BibTeX entry for the source (plain text)."""
    entry = "article" if bib.kind in ("journal-article", "magazine-article") else "misc"
    year, month, _ = _date_parts(bib.date)
    fields: list[tuple[str, str]] = []
    if bib.authors:
        fields.append(("author", " and ".join(f"{a.family}, {a.given}".rstrip(", ") for a in bib.authors)))
    fields.append(("title", "{" + bib.title + "}"))
    fields.append(("journal" if entry == "article" else "howpublished", bib.publication))
    if bib.series:
        fields.append(("series", bib.series))
    if bib.issue:
        fields.append(("number", bib.issue))
    if bib.pages:
        fields.append(("pages", bib.pages))
    fields.append(("year", str(year)))
    if bib.url:
        fields.append(("url", bib.url))
    lines = [f"@{entry}{{{bibtex_key(slug, bib)},"]
    for name, value in fields:
        lines.append(f"  {name} = {{{_bibtex_escape(value) if name not in ('url', 'title') else value}}},")
    if month:
        lines.append(f"  month = {['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'][month - 1]},")
    lines[-1] = lines[-1].rstrip(",")
    lines.append("}")
    return "\n".join(lines)


def edition_suffix_chicago() -> str:
    """Chicago citation of a passage in this edition, appended to the source citation."""
    return f"In <i>{EDITION}</i>, passage {{pid}}. {{url}}."


def edition_suffix_mla() -> str:
    return f"<i>{EDITION}</i>, passage {{pid}}, {{url}}."


def meta_tags(bib: Bibliography, page_url: str, site_name: str = EDITION) -> list[tuple[str, str]]:
    """``(name, content)`` pairs: Highwire Press tags, then Dublin Core as fallback."""
    year, month, day = _date_parts(bib.date)
    date = "/".join(f"{v:02d}" if i else str(v) for i, v in enumerate(x for x in (year, month, day) if x))
    tags: list[tuple[str, str]] = [("citation_title", bib.title)]
    tags += [("citation_author", f"{a.family}, {a.given}".rstrip(", ")) for a in bib.authors]
    tags.append(("citation_publication_date", date))
    if bib.kind in ("journal-article", "magazine-article"):
        tags.append(("citation_journal_title", bib.publication))
    else:
        tags.append(("citation_publisher", bib.publisher or bib.publication))
    if bib.series and bib.kind == "journal-article":
        tags.append(("citation_series_title", bib.series))
    if bib.issue:
        tags.append(("citation_issue", bib.issue))
    if bib.pages and "–" in bib.pages:
        first, last = bib.pages.split("–", 1)
        tags += [("citation_firstpage", first), ("citation_lastpage", last)]
    if bib.url:
        tags.append(("citation_public_url", bib.url))
    tags.append(("citation_fulltext_html_url", page_url))
    tags.append(("citation_language", bib.language))
    tags.append(("DC.title", bib.title))
    tags += [("DC.creator", f"{a.family}, {a.given}".rstrip(", ")) for a in bib.authors]
    tags.append(("DC.date", bib.date))
    tags.append(("DC.publisher", bib.publisher or bib.publication))
    tags.append(("DC.source", bib.publication))
    tags.append(("DC.identifier", bib.url or page_url))
    tags.append(("DC.language", bib.language))
    tags.append(("DC.rights", bib.rights))
    tags.append(("DC.type", "Text"))
    return tags
