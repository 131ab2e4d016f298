"""Every generated page of the site from the model: source pages, glossary, cases, annotations.

Pure, like the ``render_*`` modules it calls. Each page (or group of pages) is one memo unit
whose key names everything the page shows, so a rebuild renders again only the pages whose
inputs changed: an edited annotation file re-renders its source page and its part of the
annotation collection, nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..editorial import concordance
from ..editorial.cases import Case
from ..editorial.glossary import Entry
from ..sources.model import AnchoredSource
from . import case_pages as render_cases
from . import glossary_pages as render_glossary
from . import inline, webannotation
from . import notes as render_annotations
from . import source_page as render_source
from .memo import Memo

if TYPE_CHECKING:
    from .generate import Model, Settings


@dataclass(frozen=True)
class _Links:
    """What every source page links to: glossary entries and cases, with their previews."""

    entries: dict[str, Entry]
    cases: dict[str, Case]
    href: dict[tuple[str, str], tuple[str, str]]


def _links(model: Model) -> _Links:
    href = {("glossary", e.eid): (f"../../glossary/{e.eid}/", f"pv-glossary-{e.eid}") for e in model.entries}
    href.update({("case", c.cid): (f"../../cases/{c.cid}/", f"pv-case-{c.cid}") for c in model.cases})
    return _Links({e.eid: e for e in model.entries}, {c.cid: c for c in model.cases}, href)


def _merge(decor: render_source.PassageDecor, links: list[inline.Span]) -> render_source.PassageDecor:
    return replace(decor, spans=(*decor.spans, *links))


def _templates(links: dict[str, list[inline.Span]], shared: _Links) -> list[str]:
    """The preview templates of the glossary entries and cases a page links to."""
    used = sorted({(s.open.split('data-preview="')[1].split('"')[0]) for spans in links.values() for s in spans})
    templates = []
    for template_id in used:
        kind, ident = template_id.removeprefix("pv-").split("-", 1)
        if kind == "glossary":
            templates.append(f'<template id="{template_id}">{render_glossary.preview_html(shared.entries[ident])}</template>')
        else:
            case = shared.cases[ident]
            templates.append(f'<template id="{template_id}"><p><strong>{case.name}</strong> (comparative case, {render_cases.dates(case)})</p></template>')
    return templates


def source_page(model: Model, anchored: AnchoredSource, settings: Settings, shared: _Links) -> bytes:
    """One source page: the text with the editor's notes, glossary and case links, previews."""
    slug = anchored.source.slug
    notes = model.notes.get(slug, ())
    decor = render_annotations.decorations(notes, anchored)
    occupied = {pid: d.spans for pid, d in decor.items()}
    links = concordance.link_spans(model.linker, anchored, occupied, shared.href)
    for pid, spans in links.items():
        decor[pid] = _merge(decor.get(pid, render_source.PassageDecor()), spans)
    edit_url = f"{settings.edit_base.rstrip('/')}/annotations/{slug}.yml" if settings.edit_base else ""
    extras = render_source.SourcePageExtras(
        decor=decor,
        editor_notes_html=render_annotations.endnotes(notes, anchored, model.corpus) + "\n\n" + "\n".join(_templates(links, shared)),
        edit_url=edit_url,
        annotation_count=len(notes),
    )
    return render_source.render_source_page(anchored, extras, settings.site_url).encode("utf-8")


def glossary_pages(model: Model) -> dict[str, bytes]:
    """Every glossary entry page (with its concordance) and the glossary index."""
    files: dict[str, bytes] = {}
    entries = {e.eid: e for e in model.entries}
    titles = {a.source.slug: a.source.spec.bibliography.title for a in model.anchoring.sources}
    counts = {e.eid: len(model.occurrences.get(("glossary", e.eid), [])) for e in model.entries}
    for entry in model.entries:
        related_cases = [(c.cid, c.name) for c in model.cases if entry.eid in c.glossary]
        occs = model.occurrences.get(("glossary", entry.eid), [])
        page = render_glossary.render_entry(entry, entries, occs, model.corpus, titles, related_cases)
        files[f"glossary/{entry.eid}.md"] = page.encode("utf-8")
    files["glossary/index.md"] = render_glossary.render_index(model.entries, counts).encode("utf-8")
    return files


def case_pages(model: Model) -> dict[str, bytes]:
    """Every case page and the comparative table with its timeline."""
    files: dict[str, bytes] = {}
    entries = {e.eid: e for e in model.entries}
    titles = {a.source.slug: a.source.spec.bibliography.title for a in model.anchoring.sources}
    for case in model.cases:
        occs = model.occurrences.get(("case", case.cid), [])
        files[f"cases/{case.cid}.md"] = render_cases.render_case(case, model.corpus, entries, occs, titles).encode("utf-8")
    files["cases/index.md"] = render_cases.render_index(model.cases, model.corpus).encode("utf-8")
    return files


def pages(model: Model, settings: Settings, memo: Memo) -> dict[str, bytes]:
    """Every generated page and the annotation collection (path -> bytes), reusing unchanged ones.

    Keys: a source page shows its text, its notes, the short names of the sources its notes
    cite (the corpus), and the glossary and case links and previews; the glossary and case
    pages show the glossary, the cases and the concordance over the corpus.
    """
    keys = model.keys
    site = (settings.site_url, settings.edit_base)
    shared = _links(model)
    files: dict[str, bytes] = {}
    fragments: list[str] = []
    for anchored in model.anchoring.sources:
        slug = anchored.source.slug
        notes_key = keys.annotations.get(slug, "no annotation file")
        page_key = memo.key("source-page", slug, keys.corpus, notes_key, keys.glossary, keys.cases, *site)
        files[f"sources/{slug}.md"] = memo.get(page_key, lambda: source_page(model, anchored, settings, shared))  # noqa: B023 (called at once)
        if slug in model.notes:
            items_key = memo.key("web-annotations", slug, keys.sources[slug], notes_key, settings.site_url)
            fragments.extend(memo.get(items_key, lambda: webannotation.items(model.notes[slug], anchored, settings.site_url)))  # noqa: B023
    shared_key = (keys.corpus, keys.glossary, keys.cases)
    files.update(memo.get(memo.key("glossary-pages", *shared_key), lambda: glossary_pages(model)))
    files.update(memo.get(memo.key("case-pages", *shared_key), lambda: case_pages(model)))
    files["annotations.jsonld"] = webannotation.assemble(fragments, settings.site_url).encode("utf-8")
    return files
