"""The apparatus chapters of a book: the glossary, the comparative cases, the chronology and the
works cited, each with the same ids as on the site (``g-…`` for entries, ``case-…``,
``event-…``, ``work-…``) so that every link in the book lands inside it."""

from __future__ import annotations

from markupsafe import Markup

from ..editorial.cases import GROUPS, OUTCOMES, Case, Claim
from ..editorial.chronology import both_styles
from ..editorial.dates import human
from ..editorial.edition import Edition
from ..editorial.glossary import TYPES
from ..render import citations
from ..render.html import h, join
from ..render.urls import case_doc, glossary_doc
from .book import Book
from .chapters import refs_markup
from .xhtml import markdown, markdown_inline


def _heading(ident: str, title: str) -> Markup:
    return h("h1", {"id": ident, "class": "chapter-title"}, title)


def _occurrences(edition: Edition, book: Book, eid: str) -> Markup | None:
    slugs = [a.source.slug for a in book.sources]
    by_source: dict[str, list[str]] = {}
    for occ in edition.occurrences.get(("glossary", eid), []):
        if occ.slug in slugs and occ.pid not in by_source.get(occ.slug, []):
            by_source.setdefault(occ.slug, []).append(occ.pid)
    if not by_source:
        return None
    groups = []
    for slug in slugs:
        if slug in by_source:
            links = Markup(", ").join(h("a", {"href": book.passage_href(slug, pid)}, pid) for pid in by_source[slug])
            groups.append(join(edition.corpus.short_name(slug), ": ", links))
    return h("p", {"class": "occurs"}, "In the text: ", Markup("; ").join(groups), ".")


def glossary_chapter(edition: Edition, book: Book) -> Markup:
    """Every entry of the book: name, type, definition, article, sources, where it occurs."""
    items = []
    names = {e.eid: e.name for e in edition.entries}
    for entry in book.entries:
        related = [h("a", {"href": book.glossary_href(r)}, names[r]) for r in entry.related if r in names]
        items.append(
            join(
                h("dt", {"id": f"g-{entry.eid}"}, h("dfn", None, entry.name), " ", h("span", {"class": "gtype"}, f"({TYPES[entry.etype][0].lower()})")),
                h(
                    "dd",
                    None,
                    h("p", {"class": "short"}, markdown_inline(entry.short, book.resolver(glossary_doc(entry.eid)))),
                    h("div", {"class": "article"}, markdown(entry.article, book.resolver(glossary_doc(entry.eid)))),
                    h("p", {"class": "gsources"}, "Sources: ", refs_markup(entry.sources, edition.corpus, book), "."),
                    h("p", {"class": "related"}, "Related: ", Markup(", ").join(related), ".") if related else None,
                    _occurrences(edition, book, entry.eid),
                ),
            )
        )
    intro = "The institutions, events, documents and people the text refers to. A term linked in the text leads here; its definition cites its sources."
    return h(
        "section",
        {"class": "glossary", "epub:type": "glossary", "role": "doc-glossary", "aria-labelledby": "glossary-title"},
        _heading("glossary-title", "Glossary"),
        h("p", {"class": "intro"}, intro),
        h("dl", {"class": "glossary-list"}, items),
    )


def _claim(title: str, claim: Claim, edition: Edition, book: Book, extra: Markup | None = None) -> Markup:
    organs = h("p", None, "Organs: " + "; ".join(claim.organs)) if claim.organs else None
    return join(
        h("h3", None, title),
        h("p", None, claim.text),
        organs,
        extra,
        h("p", {"class": "evidence"}, "Evidence: ", refs_markup(claim.evidence, edition.corpus, book), "."),
    )


def _case(case: Case, edition: Edition, book: Book) -> Markup:
    entries = {e.eid: e.name for e in edition.entries}
    related = [h("a", {"href": book.glossary_href(g)}, entries[g]) for g in case.glossary if g in entries]
    outcome = h("p", {"class": "evidence"}, "Evidence: ", refs_markup(case.outcome_evidence, edition.corpus, book), ".") if case.outcome_evidence else None
    return h(
        "section",
        {"class": "case", "id": f"case-{case.cid}", "aria-labelledby": f"case-{case.cid}-title"},
        h("h2", {"id": f"case-{case.cid}-title"}, case.name),
        h("p", {"class": "case-meta"}, f"{case.place} · {human(case.start)} – {human(case.end)} · {GROUPS[case.group]}"),
        h("p", {"class": "calendar"}, case.calendar_note) if case.calendar_note else None,
        h("div", {"class": "summary"}, markdown(case.summary, book.resolver(case_doc(case.cid)))),
        _claim("Official power", case.official, edition, book),
        _claim("Rival power", case.rival, edition, book, h("p", None, f"Social base: {case.base}.")),
        h("h3", None, "Outcome"),
        h("p", None, h("strong", None, f"{OUTCOMES[case.outcome]}."), " ", markdown_inline(case.outcome_text, book.resolver(case_doc(case.cid)))),
        outcome,
        h("p", {"class": "related"}, "Glossary: ", Markup(", ").join(related), ".") if related else None,
        h("p", {"class": "further"}, "Further reading: ", refs_markup(case.further_reading, edition.corpus, book), ".") if case.further_reading else None,
    )


def cases_chapter(edition: Edition, book: Book) -> Markup:
    """The comparative cases, each with its claims and their evidence."""
    intro = (
        "The episodes the sources compare with 1917: for each, the official power, the rival power and its organs, the base of its "
        "strength and how it ended, each claim with its evidence."
    )
    return h(
        "section",
        {"class": "cases", "epub:type": "chapter", "role": "doc-chapter", "aria-labelledby": "cases-title"},
        _heading("cases-title", "Comparative cases"),
        h("p", {"class": "intro"}, intro),
        [_case(c, edition, book) for c in book.cases],
    )


def chronology_chapter(edition: Edition, book: Book) -> Markup:
    """The dated events, Old Style with New Style in brackets, with their evidence and mentions."""
    items = []
    for event in book.events:
        mentions = [h("a", {"href": book.passage_href(m.slug, m.pid)}, f"{edition.corpus.short_name(m.slug)}, passage {m.pid}") for m in event.mentions]
        items.append(
            h(
                "li",
                {"id": f"event-{event.eid}", "class": "event"},
                h("p", {"class": "event-date"}, h("time", {"datetime": event.ns}, both_styles(event))),
                h("p", None, h("strong", None, event.title), f" ({event.place})"),
                h("p", None, event.note) if event.note else None,
                h("p", {"class": "evidence"}, "Evidence: ", refs_markup(event.evidence, edition.corpus, book), "."),
                h("p", {"class": "mentions"}, "In the sources: ", Markup("; ").join(mentions), ".") if mentions else None,
            )
        )
    intro = "Dates in 1917 Russia are given Old Style (the Julian calendar, in use until February 1918), with New Style (Gregorian) in brackets."
    return h(
        "section",
        {"class": "chronology", "epub:type": "chapter", "role": "doc-chapter", "aria-labelledby": "chronology-title"},
        _heading("chronology-title", "Chronology"),
        h("p", {"class": "intro"}, intro),
        h("ol", {"class": "events"}, items),
    )


def works_chapter(book: Book) -> Markup:
    """Every work the book's apparatus cites, in Chicago style."""
    items = [h("li", {"id": f"work-{w.key}", "class": "work"}, citations.chicago(w)) for w in book.works]
    return h(
        "section",
        {"class": "works", "epub:type": "bibliography", "role": "doc-bibliography", "aria-labelledby": "works-title"},
        _heading("works-title", "Works cited"),
        h("ol", {"class": "works-list"}, items),
    )


def chapter(ident: str, edition: Edition, book: Book) -> Markup:
    """The apparatus chapter whose heading has id ``ident``."""
    if ident == "glossary-title":
        return glossary_chapter(edition, book)
    if ident == "cases-title":
        return cases_chapter(edition, book)
    if ident == "chronology-title":
        return chronology_chapter(edition, book)
    return works_chapter(book)
