"""Assemble the whole generated site (the staging docs folder) as a mapping path -> bytes.

Pure: takes the inputs and the hand-written docs, returns files, diagnostics and a report.
``build`` writes; ``cli`` prints. Stages: sources -> anchors -> annotations -> glossary and cases
-> linking and concordance -> pages.
"""

from __future__ import annotations

import functools
import gc
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import ParamSpec, TypeVar

from . import (
    addresses,
    cases,
    concordance,
    glossary,
    inline,
    linking,
    pipeline,
    refs,
    render_annotations,
    render_cases,
    render_glossary,
    render_source,
    webannotation,
)
from . import annotations as editorial
from .diagnostics import Diagnostic, error
from .inputs import Inputs
from .model import AnchoredSource

SOURCES_LIST_MARKER = "<!-- dpr:sources-list -->"

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _paused_cycle_collector(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``func`` with Python's cyclic garbage collector paused.

    The model is a large web of small objects without reference cycles, and it only grows while
    it is built: every full collection would traverse all of it again, which made generation at
    500 sources spend up to a tenth of its time collecting (growth faster than linear). Reference
    counting still frees everything; the few cycles made meanwhile wait for the next collection.
    """

    @functools.wraps(func)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if not gc.isenabled():
            return func(*args, **kwargs)
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            gc.enable()

    return paused


@dataclass(frozen=True)
class Generated:
    files: dict[str, bytes] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()
    report: tuple[str, ...] = ()


@dataclass(frozen=True)
class Settings:
    site_url: str = "http://127.0.0.1:8000/"
    edit_base: str = ""

    @staticmethod
    def from_environment() -> Settings:
        return Settings(
            site_url=os.environ.get("DPR_SITE_URL", "http://127.0.0.1:8000/"),
            edit_base=os.environ.get("DPR_EDIT_BASE", ""),
        )


@dataclass(frozen=True)
class Model:
    """Everything validated and linked, ready to render."""

    anchoring: pipeline.Anchoring
    corpus: refs.Corpus
    notes: dict[str, tuple[editorial.Annotation, ...]]
    entries: tuple[glossary.Entry, ...]
    cases: tuple[cases.Case, ...]
    linker: linking.Linker
    occurrences: dict[tuple[str, str], list[concordance.Occurrence]]


def _sources_list(sources: tuple[AnchoredSource, ...], prefix: str) -> str:
    rows = []
    for anchored in sorted(sources, key=lambda a: (a.source.spec.bibliography.date, a.source.slug)):
        bib = anchored.source.spec.bibliography
        who = ", ".join(a.display for a in bib.authors) or "no author named"
        detail = f"{bib.publication}" + (f", no. {bib.issue}" if bib.issue else "") + f" ({bib.date[:4]})"
        desc = f" — {bib.description}" if bib.description else ""
        rows.append(f"- [{render_source.heading_markdown(bib.title)}]({prefix}{anchored.source.slug}.md): {who}, *{detail}*{desc}")
    return "\n".join(rows)


def _sources_index(sources: tuple[AnchoredSource, ...]) -> str:
    return (
        "---\ntitle: Sources\ndescription: The texts of the edition, each as received, with the editor’s notes.\n"
        "dpr_kind: sources-index\n---\n\n# Sources\n\nEach text is given as its publisher printed it, with the "
        "websites’ clutter removed and every editorial intervention marked.\n\n" + _sources_list(sources, "") + "\n"
    )


def load_annotations(inputs: Inputs, corpus: refs.Corpus) -> tuple[dict[str, tuple[editorial.Annotation, ...]], list[Diagnostic]]:
    """Every annotation file, validated; sources with gaps but no file are reported."""
    found: list[Diagnostic] = []
    result: dict[str, tuple[editorial.Annotation, ...]] = {}
    files = inputs.under("annotations", ".yml")
    for slug, raw in files.items():
        notes, problems = editorial.load_annotations(f"annotations/{slug}.yml", raw, corpus)
        found.extend(problems)
        result[slug] = notes
    for slug, anchored in corpus.sources.items():
        if slug not in files:
            found.extend(editorial.missing_file_problems(anchored))
    return result, found


def _phrase_conflicts(entries: tuple[glossary.Entry, ...], all_cases: tuple[cases.Case, ...]) -> list[Diagnostic]:
    from .textnorm import squash

    owner = {squash(p): e.eid for e in entries for p in (*e.phrases, *e.exact_aliases)}
    found = []
    for case in all_cases:
        for phrase in case.link_phrases:
            if squash(phrase) in owner:
                found.append(error(f"cases/{case.cid}.yml", 1, 1, "G002", f"link phrase {phrase!r} also links to glossary entry {owner[squash(phrase)]!r}"))
    return found


@_paused_cycle_collector
def build_model(inputs: Inputs) -> tuple[Model, list[Diagnostic]]:
    """Run every stage on the inputs; return the model and all diagnostics."""
    found: list[Diagnostic] = []
    sources, problems = pipeline.load_sources(inputs)
    found.extend(problems)
    anchoring, problems2 = pipeline.anchor_sources(sources, inputs)
    found.extend(problems2)
    found.extend(pipeline.registry_problems(anchoring, inputs))
    corpus = refs.Corpus({a.source.slug: a for a in anchoring.sources})
    notes, problems3 = load_annotations(inputs, corpus)
    found.extend(problems3)
    entries, problems4 = glossary.load_glossary(inputs.under("glossary", ".yml"), corpus)
    found.extend(problems4)
    all_cases, problems5 = cases.load_cases(inputs.under("cases", ".yml"), corpus, {e.eid for e in entries})
    found.extend(problems5)
    found.extend(_phrase_conflicts(entries, all_cases))
    table = linking.phrases_for(
        [("glossary", e.eid, e.phrases, e.exact_aliases, e.not_linked) for e in entries] + [("case", c.cid, c.link_phrases, (), ()) for c in all_cases]
    )
    linker = linking.Linker(table)
    occs = concordance.occurrences(linker, list(anchoring.sources))
    for entry in entries:
        if ("glossary", entry.eid) not in occs:
            found.append(Diagnostic(entry.path, 1, 1, "G003", f"entry {entry.eid!r} matches nothing in the sources (check its aliases)", "warning"))
    return Model(anchoring, corpus, notes, entries, all_cases, linker, occs), found


def _merge(decor: render_source.PassageDecor, links: list[inline.Span]) -> render_source.PassageDecor:
    return replace(decor, spans=(*decor.spans, *links))


def _source_pages(model: Model, settings: Settings) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    entries = {e.eid: e for e in model.entries}
    case_names = {c.cid: c for c in model.cases}
    href = {("glossary", e.eid): (f"../../glossary/{e.eid}/", f"pv-glossary-{e.eid}") for e in model.entries}
    href.update({("case", c.cid): (f"../../cases/{c.cid}/", f"pv-case-{c.cid}") for c in model.cases})
    for anchored in model.anchoring.sources:
        slug = anchored.source.slug
        notes = model.notes.get(slug, ())
        decor = render_annotations.decorations(notes, anchored)
        occupied = {pid: d.spans for pid, d in decor.items()}
        links = concordance.link_spans(model.linker, anchored, occupied, href)
        for pid, spans in links.items():
            decor[pid] = _merge(decor.get(pid, render_source.PassageDecor()), spans)
        used = sorted({(s.open.split('data-preview="')[1].split('"')[0]) for spans in links.values() for s in spans})
        templates = []
        for template_id in used:
            kind, ident = template_id.removeprefix("pv-").split("-", 1)
            if kind == "glossary":
                templates.append(f'<template id="{template_id}">{render_glossary.preview_html(entries[ident])}</template>')
            else:
                case = case_names[ident]
                templates.append(f'<template id="{template_id}"><p><strong>{case.name}</strong> (comparative case, {render_cases.dates(case)})</p></template>')
        edit_url = f"{settings.edit_base.rstrip('/')}/annotations/{slug}.yml" if settings.edit_base else ""
        extras = render_source.SourcePageExtras(
            decor=decor,
            editor_notes_html=render_annotations.endnotes(notes, anchored, model.corpus) + "\n\n" + "\n".join(templates),
            edit_url=edit_url,
            annotation_count=len(notes),
        )
        files[f"sources/{slug}.md"] = render_source.render_source_page(anchored, extras, settings.site_url).encode("utf-8")
    files["sources/index.md"] = _sources_index(model.anchoring.sources).encode("utf-8")
    return files


def _glossary_pages(model: Model) -> dict[str, bytes]:
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


def _case_pages(model: Model) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    entries = {e.eid: e for e in model.entries}
    titles = {a.source.slug: a.source.spec.bibliography.title for a in model.anchoring.sources}
    for case in model.cases:
        occs = model.occurrences.get(("case", case.cid), [])
        files[f"cases/{case.cid}.md"] = render_cases.render_case(case, model.corpus, entries, occs, titles).encode("utf-8")
    files["cases/index.md"] = render_cases.render_index(model.cases, model.corpus).encode("utf-8")
    return files


@_paused_cycle_collector
def generate(inputs: Inputs, docs: dict[str, bytes], settings: Settings) -> Generated:
    """All generated pages plus the hand-written docs, ready to be written to the staging folder."""
    model, found = build_model(inputs)
    files: dict[str, bytes] = {}
    files.update(_source_pages(model, settings))
    files.update(_glossary_pages(model))
    files.update(_case_pages(model))
    redirects, problems = addresses.load_redirects(inputs)
    found.extend(problems)
    registered, problems = addresses.load_site_registry(inputs)
    found.extend(problems)
    found.extend(addresses.problems(registered, addresses.current_addresses(files), redirects))
    files.update(addresses.redirect_pages(redirects))
    files["annotations.jsonld"] = webannotation.collection(model.notes, model.anchoring.sources, settings.site_url).encode("utf-8")
    for rel, data in docs.items():
        if rel in files:
            found.append(error(f"docs/{rel}", 1, 1, "S010", "a generated page has this path: hand-written pages may not share it"))
            continue
        if rel == "index.md":
            data = data.replace(SOURCES_LIST_MARKER.encode(), _sources_list(model.anchoring.sources, "sources/").encode("utf-8"))
        files[rel] = data
    report = tuple(f"{slug}: {change}" for slug, changes in sorted(model.anchoring.changes.items()) for change in changes)
    return Generated(files, tuple(found), report)
