"""Bibliography entries of a work in Chicago (17th ed., bibliography) and MLA (9th ed., works
cited) style, as markup, for every kind of publication; and the citation of a passage of this
edition built on them. Titles are never re-cased: they are given as printed.
``cite_formats`` writes the same works as BibTeX, RIS, CSL-JSON and meta tags.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from ..editorial.dates import MONTHS
from ..sources.bibliography import Person, Work
from .html import h, join

EDITION = "Dual Power Reader"
MLA_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
ARTICLES = ("journal-article", "magazine-article", "newspaper-article")


def date_parts(date: str) -> tuple[int, int | None, int | None]:
    parts = [int(p) for p in date.split("-")]
    return parts[0], (parts[1] if len(parts) > 1 else None), (parts[2] if len(parts) > 2 else None)


def chicago_date(date: str) -> str:
    """``November 1977``, ``January 6, 2007``, ``1976``."""
    year, month, day = date_parts(date)
    if month and day:
        return f"{MONTHS[month - 1]} {day}, {year}"
    return f"{MONTHS[month - 1]} {year}" if month else str(year)


def mla_date(date: str) -> str:
    """``Nov. 1977``, ``6 Jan. 2007``, ``1976``."""
    year, month, day = date_parts(date)
    if month and day:
        return f"{day} {MLA_MONTHS[month - 1]} {year}"
    return f"{MLA_MONTHS[month - 1]} {year}" if month else str(year)


def _series(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return ", ".join(names[:-1]) + ", and " + names[-1]


def names_inverted_first(people: tuple[Person, ...], mla: bool = False) -> str:
    """``Rabinowitch, Alexander``; ``Cliff, Tony, and Donny Gluckstein``; MLA: three or more ``et al.``"""
    if not people:
        return ""
    first = people[0].inverted
    if mla and len(people) > 2:
        return f"{first}, et al"
    rest = [p.display for p in people[1:]]
    if not rest:
        return first
    return f"{first}, and {rest[0]}" if len(rest) == 1 else f"{first}, " + ", ".join(rest[:-1]) + f", and {rest[-1]}"


def _end(text: str) -> str:
    """``text`` ending in one full stop (none added after ``?``, ``!`` or a closing quotation mark with one)."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!", ".”", "?”", "!”")) else text + "."


def _quoted(title: str) -> str:
    # Chicago and MLA put the final full stop inside the quotation marks.
    inner = title.rstrip(".")
    return f"\u201c{inner}.\u201d" if not inner.endswith(("?", "!")) else f"\u201c{inner}\u201d"


def _italic(title: str) -> Markup:
    # The full stop after an italic title is roman (set outside the italics); none after ? or !.
    inner = title.rstrip().rstrip(".")
    return h("i", None, inner) if inner.endswith(("?", "!")) else join(h("i", None, inner), ".")


def _role(label: str, people: tuple[Person, ...]) -> str:
    return f"{label} {_series([p.display for p in people])}" if people else ""


def _imprint(work: Work) -> str:
    place = f"{work.place}: " if work.place and work.publisher else ""
    return ", ".join(x for x in (place + work.publisher if work.publisher else "", work.year) if x)


def chicago(work: Work) -> Markup:
    """The Chicago bibliography entry of ``work``."""
    author = names_inverted_first(work.authors) or (
        names_inverted_first(work.editors) + (", ed" if len(work.editors) == 1 else ", eds") if work.editors and work.kind == "book" else ""
    )
    parts: list[Markup | str] = [_end(author)] if author else []
    parts.append(_italic(work.title) if work.kind in ("book", "official-document") else _quoted(work.title))
    edited = work.editors if work.kind != "book" or work.authors else ()
    if work.kind in ("chapter", "encyclopedia-entry") and work.container:
        inside: list[Markup | str] = [join("In ", h("i", None, work.container))]
        inside += [x for x in (_role("edited by", edited), _role("translated by", work.translators), work.pages) if x]
        parts.append(join(Markup(", ").join(join(x) for x in inside), "."))
        if work.kind == "chapter" or work.place:  # a printed reference work has the imprint of a book
            parts.append(_end(_imprint(work) or work.year))
        else:
            parts.append(_end(", ".join(x for x in (work.publisher, chicago_date(work.date)) if x)))
    elif work.kind in ARTICLES:
        container = h("i", None, work.container)
        if work.kind == "journal-article":
            numbers = ", ".join(x for x in (work.series, work.volume, f"no. {work.issue}" if work.issue else "") if x)
            pages = f": {work.pages}" if work.pages else ""
            parts.append(join(container, f" {numbers}" if numbers else "", f" ({chicago_date(work.date)}){pages}."))
        else:
            issue = f", no. {work.issue}" if work.issue else ""
            pages = f", {work.pages}" if work.pages else ""
            parts.append(join(container, f"{issue}, {chicago_date(work.date)}{pages}."))
    elif work.kind == "web-page":
        if work.container:
            parts.append(_end(work.container))
        owner = work.publisher if work.publisher != work.container else ""  # a site that is its own owner is named once
        parts.append(_end(", ".join(x for x in (owner, chicago_date(work.date)) if x)))
    elif work.kind == "thesis":
        parts.append(_end(", ".join(x for x in (work.note or "Thesis", work.publisher, work.year) if x)))
    else:
        parts += [_end(x) for x in (_role("Edited by", edited), _role("Translated by", work.translators)) if x]
        if work.edition:
            parts.append(_end(f"{work.edition} ed."))
        if work.series:
            parts.append(_end(work.series))
        if work.volume:
            parts.append(_end(f"Vol. {work.volume}"))
        parts.append(_end(_imprint(work) or work.year))
    if work.original_date and work.original_date[:4] != work.year:
        parts.append(f"First published {work.original_date[:4]}.")
    if work.url:
        parts.append(_end(work.url))
    return Markup(" ").join(join(p) for p in parts)


def _mla_author(work: Work) -> tuple[str, bool]:
    """The MLA author element, and whether it names the editors (who are then not repeated)."""
    if len(work.authors) == 1 and work.authors[0].corporate and work.authors[0].name == work.publisher:
        return "", False  # an organization that is author and publisher is given as publisher only
    if work.authors:
        return names_inverted_first(work.authors, mla=True), False
    if work.editors and work.kind == "book":
        return names_inverted_first(work.editors, mla=True) + (", editor" if len(work.editors) == 1 else ", editors"), True
    return "", False


def mla(work: Work) -> Markup:
    """The MLA works-cited entry of ``work``."""
    parts: list[Markup | str] = []
    author, by_editors = _mla_author(work)
    if author:
        parts.append(_end(author))
    parts.append(_italic(work.title) if work.kind in ("book", "official-document", "thesis") else _quoted(work.title))
    if work.kind == "thesis":  # Title. Year. Institution, PhD dissertation.
        description = (work.note or "thesis").replace("diss.", "dissertation")
        parts += [f"{work.year}.", _end(", ".join(x for x in (work.publisher, description) if x))]
        if work.url:
            parts.append(_end(re.sub(r"^https?://", "", work.url)))
        return Markup(" ").join(join(p) for p in parts)
    if work.original_date and work.original_date[:4] != work.year:
        parts.append(f"{work.original_date[:4]}.")
    bits: list[Markup | str] = []
    if work.container and work.kind != "book":
        bits.append(h("i", None, work.container))
    bits += [x for x in (_role("translated by", work.translators), "" if by_editors else _role("edited by", work.editors)) if x]
    if work.edition:
        bits.append(f"{work.edition} ed.")
    if work.volume:
        bits.append(f"vol. {work.volume}")
    if work.issue:
        bits.append(f"no. {work.issue}")
    if work.publisher and work.kind not in ARTICLES and work.publisher != work.container:
        bits.append(work.publisher)
    bits.append(mla_date(work.date))
    if work.pages:
        bits.append(("pp. " if re.search(r"[–-]", work.pages) else "p. ") + work.pages)
    if work.url:
        bits.append(re.sub(r"^https?://", "", work.url))
    first = bits[0]
    if not isinstance(first, Markup):  # the element after the title starts a sentence
        bits[0] = first[:1].upper() + first[1:]
    parts.append(join(Markup(", ").join(join(b) for b in bits), "."))
    return Markup(" ").join(join(p) for p in parts)


def edition_suffix_chicago() -> Markup:
    """Chicago citation of a passage in this edition, after the source's entry (``{pid}`` and
    ``{url}`` are filled in by the page script)."""
    return join("In ", h("i", None, EDITION), ", passage {pid}. {url}.")


def edition_suffix_mla() -> Markup:
    return join(h("i", None, EDITION), ", passage {pid}, {url}.")
