"""The bibliographic model shared by the sources and the works they and the notes cite.

A ``Work`` is one publication of any kind (book, chapter, journal, magazine or newspaper article,
official document, web page, encyclopedia entry, thesis), with people in their roles (authors,
editors, translators; an organisation as a corporate author) and the date of the edition used
beside the date of first publication. ``render.citations`` formats it in every style.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: the kinds of publication (``schemas/common.schema.json`` lists the same keys; a test holds them equal)
KINDS = {
    "book": "Book",
    "chapter": "Book chapter",
    "journal-article": "Journal article",
    "magazine-article": "Magazine article",
    "newspaper-article": "Newspaper article",
    "official-document": "Official document",
    "web-page": "Web page",
    "encyclopedia-entry": "Encyclopedia entry",
    "thesis": "Thesis",
}
PEOPLE = ("authors", "editors", "translators")
TEXT_FIELDS = (
    "title",
    "date",
    "container",
    "publisher",
    "place",
    "original_date",
    "edition",
    "series",
    "volume",
    "issue",
    "pages",
    "url",
    "accessed",
    "language",
    "note",
)


@dataclass(frozen=True)
class Person:
    """A person (family and given name) or a corporate author (``name`` only)."""

    family: str = ""
    given: str = ""
    name: str = ""

    @property
    def corporate(self) -> bool:
        return bool(self.name)

    @property
    def display(self) -> str:
        """``Alexander Rabinowitch``, or the organisation's name."""
        return self.name or f"{self.given} {self.family}".strip()

    @property
    def inverted(self) -> str:
        """``Rabinowitch, Alexander``, or the organisation's name."""
        return self.name or f"{self.family}, {self.given}".rstrip(", ")

    @property
    def sort_name(self) -> str:
        return self.name or self.family


@dataclass(frozen=True)
class Work:
    """One publication, every field as declared."""

    key: str
    kind: str
    title: str
    date: str
    authors: tuple[Person, ...] = ()
    editors: tuple[Person, ...] = ()
    translators: tuple[Person, ...] = ()
    container: str = ""
    publisher: str = ""
    place: str = ""
    original_date: str = ""
    edition: str = ""
    series: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    url: str = ""
    accessed: str = ""
    language: str = ""
    note: str = ""

    @property
    def year(self) -> str:
        return self.date[:4]

    @property
    def short(self) -> str:
        """Author-date label: ``Rabinowitch 1976``, ``Cliff and Gluckstein 1986``, ``Knapp et al. 2016``."""
        names = [p.sort_name for p in (self.authors or self.editors)]
        if not names:
            who = self.container or self.title
        elif len(names) == 1:
            who = names[0]
        elif len(names) == 2:
            who = f"{names[0]} and {names[1]}"
        else:
            who = f"{names[0]} et al."
        return f"{who} {self.year}"


def people(items: list[dict[str, Any]]) -> tuple[Person, ...]:
    """Schema-valid people (``{family, given}`` or ``{name}``) as ``Person`` values."""
    return tuple(Person(str(p.get("family", "")), str(p.get("given", "")), str(p.get("name", ""))) for p in items)


def work_from_data(key: str, data: dict[str, Any]) -> Work:
    """A ``Work`` from schema-valid data (the fields of ``common.schema.json#/$defs/work``)."""
    fields = {name: str(data[name]) for name in TEXT_FIELDS if name in data}
    return Work(
        key=key,
        kind=str(data["kind"]),
        authors=people(data.get("authors", [])),
        editors=people(data.get("editors", [])),
        translators=people(data.get("translators", [])),
        **fields,
    )
