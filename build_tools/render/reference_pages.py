"""The reference pages: Works cited (every work once, with everything that cites it) and the
Chronology of 1917 (every event with its dates in both calendars, its evidence, the passages of
the sources that mention it, and a flag where a source gives another date)."""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from ..editorial import refs
from ..editorial.chronology import Event, both_styles
from ..editorial.dates import human
from ..editorial.edition import Edition
from . import citations, cite_formats
from .html import h
from .page import block, front_matter, heading, page
from .refs_html import WORKS_DOC, render_refs, work_anchor
from .urls import case_doc, glossary_doc, relative_url, source_doc

CHRONOLOGY_DOC = "chronology/index.md"


def event_anchor(eid: str) -> str:
    return f"event-{eid}"


def citing(edition: Edition) -> list[tuple[str, str, str, Iterable[refs.Ref]]]:
    """Everything that cites: (page, anchor, label, its citations)."""
    out: list[tuple[str, str, str, Iterable[refs.Ref]]] = []
    for anchored in edition.sources:
        slug = anchored.source.slug
        for note in edition.notes.get(slug, ()):
            out.append((source_doc(slug), f"ed-{note.aid}", f"{edition.corpus.short_name(slug)}, note at {note.pid}", (*note.sources, *note.checked)))
    for entry in edition.entries:
        out.append((glossary_doc(entry.eid), "", f"Glossary: {entry.name}", entry.sources))
    for case in edition.cases:
        every = (*case.official.evidence, *case.rival.evidence, *case.outcome_evidence, *case.further_reading)
        out.append((case_doc(case.cid), "", f"Case: {case.name}", every))
    for event in edition.corpus.events.values():
        out.append((CHRONOLOGY_DOC, event_anchor(event.eid), f"Chronology: {event.title}", event.evidence))
    return out


def _cited_by(edition: Edition) -> dict[str, list[tuple[str, str, str]]]:
    by_work: dict[str, list[tuple[str, str, str]]] = {}
    for doc, anchor, label, items in citing(edition):
        for ref in items:
            if isinstance(ref, refs.WorkRef):
                place = (doc, anchor, label)
                if place not in by_work.setdefault(ref.key, []):
                    by_work[ref.key].append(place)
    return by_work


def works_page(edition: Edition) -> str:
    """Works cited: every work, in Chicago style, with every note, entry, case and event citing it."""
    cited_by = _cited_by(edition)
    works = sorted(
        edition.corpus.works.values(), key=lambda w: (w.authors[0].sort_name if w.authors else w.editors[0].sort_name if w.editors else w.title).lower()
    )
    items = []
    for work in works:
        places = cited_by.get(work.key, [])
        links = [h("a", {"href": relative_url(WORKS_DOC, doc, anchor)}, label) for doc, anchor, label in places]
        uses = h("p", {"class": "dpr-cited-by"}, f"Cited {len(places)} time(s): " if places else "Not cited at present.", Markup("; ").join(links))
        bib = h("details", {"class": "dpr-work-formats"}, h("summary", None, "BibTeX"), h("pre", None, cite_formats.bibtex(work, work.key)))
        items.append(
            h("li", {"id": work_anchor(work.key), "class": "dpr-work-entry"}, h("p", {"class": "dpr-work-citation"}, citations.chicago(work)), uses, bib)
        )
    intro = (
        "Every published work the editor’s notes, the glossary, the comparative cases and the chronology cite, once, with the notes and "
        "entries that cite it. Each citation on the site names the place in the work (chapter, section or page) where the claim can be "
        "checked; see Citing works for the rule."
    )
    head = front_matter("Works cited", "Every work the apparatus cites, with every note, glossary entry and case that cites it.", "works")
    return page(
        head,
        heading(1, "Works cited"),
        block(h("p", None, intro)),
        block(h("ol", {"class": "dpr-works", "role": "list"}, "\n", Markup("\n").join(items), "\n")),
    )


def _mentions(event: Event, edition: Edition) -> Markup:
    items = []
    for mention in event.mentions:
        link = h(
            "a",
            {"href": relative_url(CHRONOLOGY_DOC, source_doc(mention.slug), mention.pid)},
            f"{edition.corpus.short_name(mention.slug)}, passage {mention.pid}",
        )
        quote = f": \u201c{mention.quote}\u201d" if mention.quote else ""
        differs = mention.gives and mention.gives not in (event.os, event.ns)
        flag = h("span", {"class": "dpr-date-flag"}, f"gives {human(mention.gives)}, not the date above") if differs else None
        items.append(h("li", {"class": "dpr-mention" + (" dpr-mention-differs" if differs else "")}, link, quote, " ", flag))
    return h("ul", {"class": "dpr-mentions"}, items) if items else h("p", None, "No passage of the sources is recorded as mentioning it.")


def _used_by(edition: Edition, eid: str) -> list[Markup]:
    uses = []
    for anchored in edition.sources:
        slug = anchored.source.slug
        for note in edition.notes.get(slug, ()):
            if eid in note.events:
                uses.append(
                    h("a", {"href": relative_url(CHRONOLOGY_DOC, source_doc(slug), f"ed-{note.aid}")}, f"{edition.corpus.short_name(slug)}, note at {note.pid}")
                )
    uses += [h("a", {"href": relative_url(CHRONOLOGY_DOC, glossary_doc(e.eid))}, e.name) for e in edition.entries if eid in e.events]
    return uses


def chronology_page(edition: Edition) -> str:
    """The chronology: events in order, with both calendars, evidence and the sources' mentions."""
    events = sorted(edition.corpus.events.values(), key=lambda e: (e.ns, e.eid))
    items = []
    for event in events:
        used = _used_by(edition, event.eid)
        items.append(
            h(
                "li",
                {"id": event_anchor(event.eid), "class": "dpr-event"},
                h("p", {"class": "dpr-event-date"}, h("time", {"datetime": event.ns}, both_styles(event))),
                h("p", {"class": "dpr-event-title"}, h("strong", None, event.title), f" ({event.place})"),
                h("p", {"class": "dpr-event-note"}, event.note) if event.note else None,
                h("p", {"class": "dpr-event-evidence"}, "Evidence: ", render_refs(event.evidence, edition.corpus, CHRONOLOGY_DOC)),
                h("div", {"class": "dpr-event-mentions"}, h("p", None, "In the sources:"), _mentions(event, edition)),
                h("p", {"class": "dpr-event-used"}, "Dated from here in: ", Markup("; ").join(used)) if used else None,
            )
        )
    intro = (
        "The dates of 1917 that the notes, glossary and cases rely on, each given once, Old Style (the Julian calendar Russia used until "
        "February 1918) with New Style (Gregorian) in brackets, with the evidence for it. Under each event are the passages of the sources "
        "that mention it; a source that gives another date is flagged."
    )
    head = front_matter("Chronology of 1917", "The events of 1917 in both calendars, with their evidence and every passage that mentions them.", "chronology")
    body = h("ol", {"class": "dpr-chronology", "role": "list"}, "\n", Markup("\n").join(items), "\n") if items else h("p", None, "No events yet.")
    return page(head, heading(1, "Chronology of 1917"), block(h("p", None, intro)), block(body))
