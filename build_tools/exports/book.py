"""What one export holds, and where every link in it goes.

A ``Book`` is one source with the apparatus it uses (the glossary entries its text links to, the
works its notes cite), or the whole edition. Links to something the book holds stay inside it
(an EPUB file and fragment, or a fragment of the one print document); links to anything else go
to the edition's web site. The edition's own metadata (title, editors, date) is here too: its
date is the newest date in the data, so a rebuild never takes the clock's.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from ..editorial import refs
from ..editorial.cases import Case
from ..editorial.chronology import Event
from ..editorial.dates import human
from ..editorial.edition import Edition
from ..editorial.glossary import Entry
from ..render.citations import EDITION
from ..render.urls import case_doc, glossary_doc, page_path, source_doc
from ..sources.bibliography import Work
from ..sources.model import AnchoredSource

EDITORS = "Dual Power Reader editors"
SUBTITLE = "An annotated reading edition of writings on dual power"
APPARATUS_RIGHTS = "Editorial apparatus (introductions, notes, glossary, cases, chronology) © Dual Power Reader editors, CC BY 4.0."
TEXT_RIGHTS = "The source texts remain the property of their publishers and are reproduced for study and criticism."
WHOLE = "dual-power-reader"
_DATE = re.compile(r"\A\d{4}(-\d{2}(-\d{2})?)?\Z")
_ITEM = re.compile(r"\A/(sources|glossary|cases)/([a-z0-9][a-z0-9-]*)/\Z")


@dataclass(frozen=True)
class Book:
    """One export: its parts, and whether it is one document (print) or one file per chapter (EPUB)."""

    key: str  # a source's slug, or WHOLE
    title: str
    sources: tuple[AnchoredSource, ...]
    entries: tuple[Entry, ...]
    cases: tuple[Case, ...]
    events: tuple[Event, ...]
    works: tuple[Work, ...]
    site_url: str
    date: str  # the edition's date as precise as the data gives it: YYYY, YYYY-MM or YYYY-MM-DD
    one_document: bool = False

    @property
    def full_date(self) -> str:
        """The date as YYYY-MM-DD, for metadata that needs a day."""
        return full_date(self.date)

    @property
    def shown_date(self) -> str:
        return human(self.date)

    @property
    def whole(self) -> bool:
        return self.key == WHOLE

    @property
    def identifier(self) -> str:
        """A permanent identifier (the same wherever the site is published)."""
        return uuid.uuid5(uuid.NAMESPACE_URL, f"https://dual-power-reader/{self.key}").urn

    def site(self, doc: str, anchor: str = "") -> str:
        """The web address of a page of the site (and a fragment of it)."""
        return self.site_url.rstrip("/") + "/" + page_path(doc) + (f"#{anchor}" if anchor else "")

    def file_of(self, slug: str) -> str:
        """The EPUB content document of a source."""
        return f"{slug}.xhtml"

    def local(self, slug: str, ident: str) -> str:
        """The id, in this book, of a passage, note or mark of a source (unique in one document)."""
        return f"{slug}-{ident}" if self.one_document else ident

    def _inside(self, file: str, anchor: str) -> str:
        return f"#{anchor}" if self.one_document else f"{file}#{anchor}"

    def passage_href(self, slug: str, pid: str) -> str:
        if any(a.source.slug == slug for a in self.sources):
            return self._inside(self.file_of(slug), self.local(slug, pid))
        return self.site(source_doc(slug), pid)

    def glossary_href(self, eid: str) -> str:
        if any(e.eid == eid for e in self.entries):
            return self._inside("glossary.xhtml", f"g-{eid}")
        return self.site(glossary_doc(eid))

    def case_href(self, cid: str) -> str:
        if any(c.cid == cid for c in self.cases):
            return self._inside("cases.xhtml", f"case-{cid}")
        return self.site(case_doc(cid))

    def work_href(self, key: str) -> str:
        if any(w.key == key for w in self.works):
            return self._inside("works.xhtml", f"work-{key}")
        return self.site("works/index.md", f"work-{key}")

    def event_href(self, eid: str) -> str:
        if any(e.eid == eid for e in self.events):
            return self._inside("chronology.xhtml", f"event-{eid}")
        return self.site("chronology/index.md", f"event-{eid}")

    def absolute(self, from_doc: str, href: str) -> str:
        """A link of the page ``from_doc`` as an address on the site (for files that stand alone)."""
        if urlsplit(href).scheme or urlsplit(href).netloc:
            return href
        target = urlsplit(urljoin("https://site/" + page_path(from_doc), href))
        return self.site_url.rstrip("/") + target.path + (f"#{target.fragment}" if target.fragment else "")

    def resolver(self, from_doc: str) -> Callable[[str], str]:
        """How a link written on the site page ``from_doc`` (contributor Markdown) reads in this book."""
        return lambda href: self.resolve(from_doc, href)

    def resolve(self, from_doc: str, href: str) -> str:
        """A link of the page ``from_doc``: inside the book if it holds the target, else to the site."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            return href
        target = urlsplit(urljoin("https://site/" + page_path(from_doc), href))
        path, fragment = target.path, target.fragment
        item = _ITEM.match(path)
        if item and item.group(1) == "sources":
            return self.passage_href(item.group(2), fragment or "title")
        if item and item.group(1) == "glossary":
            return self.glossary_href(item.group(2))
        if item:
            return self.case_href(item.group(2))
        if path == "/works/" and fragment.startswith("work-"):
            return self.work_href(fragment.removeprefix("work-"))
        if path == "/chronology/" and fragment.startswith("event-"):
            return self.event_href(fragment.removeprefix("event-"))
        return self.site_url.rstrip("/") + path + (f"#{fragment}" if fragment else "")


def full_date(date: str) -> str:
    """``2017-10`` -> ``2017-10-01``; ``2025`` -> ``2025-01-01``."""
    return (date + "-01-01")[:10] if len(date) == 4 else (date + "-01")[:10]


def edition_date(edition: Edition) -> str:
    """The edition's date: the newest date in its data, the registries' log of every change to the
    texts and the works cited (a build refuses registries out of date, so none is the clock's)."""
    found = [str(entry.get("date", "")) for registry in edition.registries.values() for entry in registry.log]
    for anchored in edition.sources:
        found.append(anchored.source.spec.bibliography.date)
    for work in edition.corpus.works.values():
        found += [work.date, work.accessed]
    dates = [d for d in found if d and _DATE.match(d)]
    return max(dates, key=lambda d: (full_date(d), len(d))) if dates else "2000"


def _cited(items: list[refs.Ref]) -> set[str]:
    return {r.key for r in items if isinstance(r, refs.WorkRef)}


def _works(edition: Edition, keys: set[str]) -> tuple[Work, ...]:
    chosen = [w for k, w in edition.corpus.works.items() if k in keys]
    return tuple(sorted(chosen, key=lambda w: (w.authors[0].sort_name if w.authors else w.editors[0].sort_name if w.editors else w.title).lower()))


def linked_entries(edition: Edition, anchored: AnchoredSource, linked: set[tuple[str, str]]) -> tuple[Entry, ...]:
    """The glossary entries a source's text links to (related entries are linked on the site)."""
    wanted = {ident for kind, ident in linked if kind == "glossary"}
    return tuple(e for e in sorted(edition.entries, key=lambda e: e.name.lower()) if e.eid in wanted)


def source_book(edition: Edition, anchored: AnchoredSource, linked: set[tuple[str, str]], site_url: str, one_document: bool) -> Book:
    """The book of one source: its text and notes, the glossary entries it links to, the works cited."""
    entries = linked_entries(edition, anchored, linked)
    notes = edition.notes.get(anchored.source.slug, ())
    keys = _cited([r for n in notes for r in (*n.sources, *n.checked)]) | _cited([r for e in entries for r in e.sources])
    title = anchored.source.spec.bibliography.title
    return Book(anchored.source.slug, title, (anchored,), entries, (), (), _works(edition, keys), site_url, edition_date(edition), one_document)


def whole_book(edition: Edition, site_url: str, one_document: bool) -> Book:
    """The whole edition: every source, the glossary, the cases, the chronology and the works cited."""
    sources = tuple(sorted(edition.sources, key=lambda a: (a.source.spec.bibliography.date, a.source.slug)))
    entries = tuple(sorted(edition.entries, key=lambda e: e.name.lower()))
    events = tuple(sorted(edition.corpus.events.values(), key=lambda e: (e.ns, e.eid)))
    return Book(
        WHOLE, EDITION, sources, entries, edition.cases, events, _works(edition, set(edition.corpus.works)), site_url, edition_date(edition), one_document
    )
