"""Every generated page of the site from the edition: source pages, glossary, cases, the sources
index, and the annotation collection. Pure: model in, ``path -> text`` out."""

from __future__ import annotations

from dataclasses import replace

from markupsafe import Markup

from ..editorial import concordance
from ..editorial.cases import Case
from ..editorial.edition import Edition
from ..editorial.glossary import Entry
from ..editorial.linking import Hit
from ..settings import Settings
from ..sources.model import AnchoredSource
from . import case_pages, data_files, glossary_pages, inline, notes, reference_pages, source_page, webannotation
from .html import h
from .page import block, front_matter, heading, page
from .urls import case_doc, glossary_doc, relative_url, source_doc


def preview_id(kind: str, ident: str) -> str:
    """The id of the ``<template>`` that holds the preview of a glossary entry or case."""
    return f"pv-{kind}-{ident}"


def _link_span(hit: Hit, from_doc: str) -> inline.Span:
    kind, ident = hit.target.kind, hit.target.ident
    target = glossary_doc(ident) if kind == "glossary" else case_doc(ident)
    css = "dpr-gloss dpr-preview" if kind == "glossary" else "dpr-caselink dpr-preview"
    opening = Markup(str(h("a", {"class": css, "href": relative_url(from_doc, target), "data-preview": preview_id(kind, ident)})).removesuffix("</a>"))
    return inline.Span(hit.start, hit.end, opening, Markup("</a>"))


def _preview(kind: str, ident: str, entries: dict[str, Entry], cases: dict[str, Case]) -> Markup:
    if kind == "glossary":
        content = glossary_pages.preview_html(entries[ident])
    else:
        case = cases[ident]
        content = h("p", None, h("strong", None, case.name), f" (comparative case, {case_pages.dates(case)})")
    return h("template", {"id": preview_id(kind, ident)}, content)


def source_page_text(edition: Edition, anchored: AnchoredSource, settings: Settings) -> str:
    """One source page: the text with the editor's notes, glossary and case links, previews."""
    slug = anchored.source.slug
    doc = source_doc(slug)
    notes_here = edition.notes.get(slug, ())
    decor = notes.decorations(notes_here, anchored)
    occupied = {pid: tuple((s.start, s.end) for s in d.spans) for pid, d in decor.items()}
    linkable = {("glossary", e.eid) for e in edition.entries} | {("case", c.cid) for c in edition.cases}
    links = concordance.links(edition.linker, anchored, occupied, linkable)
    for pid, hits in links.items():
        current = decor.get(pid, source_page.PassageDecor())
        decor[pid] = replace(current, spans=(*current.spans, *(_link_span(hit, doc) for hit in hits)))
    entries = {e.eid: e for e in edition.entries}
    cases = {c.cid: c for c in edition.cases}
    used = sorted({(hit.target.kind, hit.target.ident) for hits in links.values() for hit in hits})
    templates = tuple(_preview(kind, ident, entries, cases) for kind, ident in used)
    extras = source_page.SourcePageExtras(
        decor=decor,
        editor_notes_html=notes.endnotes(notes_here, anchored, edition.corpus),
        templates=(h("div", {"class": "dpr-templates", "hidden": True}, "\n", Markup("\n").join(templates), "\n"),) if templates else (),
        edit_url=f"{settings.edit_base}/annotations/{slug}.yml" if settings.edit_base else "",
        annotation_count=len(notes_here),
    )
    return source_page.render_source_page(anchored, extras, settings.site_url)


def glossary_page_texts(edition: Edition) -> dict[str, str]:
    """Every glossary entry page (with its concordance) and the glossary index."""
    files: dict[str, str] = {}
    entries = {e.eid: e for e in edition.entries}
    titles = {a.source.slug: a.source.spec.bibliography.title for a in edition.sources}
    counts = {e.eid: len(edition.occurrences.get(("glossary", e.eid), [])) for e in edition.entries}
    for entry in edition.entries:
        related_cases = [(c.cid, c.name) for c in edition.cases if entry.eid in c.glossary]
        occs = edition.occurrences.get(("glossary", entry.eid), [])
        files[glossary_doc(entry.eid)] = glossary_pages.render_entry(entry, entries, occs, edition.corpus, titles, related_cases)
    files["glossary/index.md"] = glossary_pages.render_index(edition.entries, counts)
    return files


def case_page_texts(edition: Edition) -> dict[str, str]:
    """Every case page and the comparative table with its timeline."""
    files: dict[str, str] = {}
    entries = {e.eid: e for e in edition.entries}
    titles = {a.source.slug: a.source.spec.bibliography.title for a in edition.sources}
    for case in edition.cases:
        occs = edition.occurrences.get(("case", case.cid), [])
        files[case_doc(case.cid)] = case_pages.render_case(case, edition.corpus, entries, occs, titles)
    files["cases/index.md"] = case_pages.render_index(edition.cases, edition.corpus)
    return files


def sources_list(sources: tuple[AnchoredSource, ...], from_doc: str) -> Markup:
    """The list of sources, oldest first, as the home page and the sources index show it."""
    items = []
    for anchored in sorted(sources, key=lambda a: (a.source.spec.bibliography.date, a.source.slug)):
        bib = anchored.source.spec.bibliography
        who = ", ".join(a.display for a in bib.authors) or "no author named"
        detail = f"{bib.container}" + (f", no. {bib.issue}" if bib.issue else "") + f" ({bib.date[:4]})"
        link = h("a", {"href": relative_url(from_doc, source_doc(anchored.source.slug))}, bib.title)
        description = anchored.source.spec.record.description
        items.append(h("li", None, link, f": {who}, ", h("em", None, detail), f" — {description}" if description else None))
    return h("ul", {"class": "dpr-sources-list"}, "\n", Markup("\n").join(items), "\n")


def sources_index(sources: tuple[AnchoredSource, ...]) -> str:
    head = front_matter("Sources", "The texts of the edition, each as received, with the editor’s notes.", "sources-index")
    intro = "Each text is given as its publisher printed it, with the websites’ clutter removed and every editorial intervention marked."
    return page(head, heading(1, "Sources"), block(h("p", None, intro)), block(sources_list(sources, "sources/index.md")))


def pages(edition: Edition, settings: Settings) -> dict[str, str]:
    """Every generated page and the annotation collection (docs path -> text)."""
    files: dict[str, str] = {}
    fragments: list[str] = []
    for anchored in edition.sources:
        slug = anchored.source.slug
        files[source_doc(slug)] = source_page_text(edition, anchored, settings)
        if slug in edition.notes:
            fragments.extend(webannotation.items(edition.notes[slug], anchored, settings.site_url))
    files.update(glossary_page_texts(edition))
    files.update(case_page_texts(edition))
    files["sources/index.md"] = sources_index(edition.sources)
    files["works/index.md"] = reference_pages.works_page(edition)
    files["chronology/index.md"] = reference_pages.chronology_page(edition)
    files["annotations.jsonld"] = webannotation.assemble(fragments, settings.site_url)
    files.update(data_files.data_files(edition))
    return files
