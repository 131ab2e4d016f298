"""Assemble the whole generated site (the staging docs folder) as a mapping path -> bytes.

Pure: takes the inputs and the hand-written docs, returns files, diagnostics and a report.
``build`` writes; ``cli`` prints. Stages: sources -> anchors -> annotations -> glossary and cases
-> linking and concordance -> pages (``render_site``). Each unit of work goes through the
``memo`` under a key of everything it depends on, so a rebuild recomputes only what changed.
"""

from __future__ import annotations

import functools
import gc
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import ParamSpec, TypeVar

from . import addresses, chronology, anchors, cases, concordance, glossary, linking, pipeline, refs, render_site, render_source
from . import annotations as editorial
from . import works as works_module
from .diagnostics import Diagnostic, error
from .inputs import Inputs
from .memo import Memo
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
class Keys:
    """The memo keys of the model's parts: what each page's key is made of."""

    sources: dict[str, str] = field(default_factory=dict)  # slug -> source unit
    annotations: dict[str, str] = field(default_factory=dict)  # slug -> annotation file
    corpus: str = ""  # every source unit
    glossary: str = ""
    cases: str = ""


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
    keys: Keys = Keys()


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


def _phrase_conflicts(entries: tuple[glossary.Entry, ...], all_cases: tuple[cases.Case, ...]) -> list[Diagnostic]:
    from .textnorm import squash

    owner = {squash(p): e.eid for e in entries for p in (*e.phrases, *e.exact_aliases)}
    found = []
    for case in all_cases:
        for phrase in case.link_phrases:
            if squash(phrase) in owner:
                found.append(error(f"cases/{case.cid}.yml", 1, 1, "G002", f"link phrase {phrase!r} also links to glossary entry {owner[squash(phrase)]!r}"))
    return found


def _anchoring(inputs: Inputs, memo: Memo) -> tuple[pipeline.Anchoring, dict[str, str], list[Diagnostic]]:
    """Every source structured and anchored, one memo unit per source."""
    texts, metas = inputs.under("seeds", ".txt"), inputs.under("seeds", ".yml")
    pinned, pin_problems = pipeline.pins(inputs)
    found = [*pipeline.unpaired(inputs), *pin_problems]
    anchored: list[AnchoredSource] = []
    registries: dict[str, anchors.Registry] = {}
    changes: dict[str, tuple[str, ...]] = {}
    keys: dict[str, str] = {}
    for slug in pipeline.paired_slugs(inputs):
        registry_raw = inputs.files.get(f"anchors/{slug}.json")
        pins_here = pinned.get(slug)
        name = memo.key(
            "source", slug, texts[slug], metas[slug], registry_raw if registry_raw is not None else "\0none", repr(sorted((pins_here or {}).items()))
        )
        unit = memo.get(name, lambda: pipeline.source_unit(slug, texts[slug], metas[slug], registry_raw, pins_here))  # noqa: B023 (called at once)
        keys[slug] = name
        found.extend(unit.diagnostics)
        if unit.anchored is not None and unit.registry is not None:
            anchored.append(unit.anchored)
            registries[slug] = unit.registry
            changes[slug] = unit.changed
    return pipeline.Anchoring(tuple(anchored), registries, changes), keys, found


def load_annotations(
    inputs: Inputs, corpus: refs.Corpus, memo: Memo | None = None, corpus_key: str = ""
) -> tuple[dict[str, tuple[editorial.Annotation, ...]], list[Diagnostic], dict[str, str]]:
    """Every annotation file, validated (one memo unit per file); sources with gaps but no file are reported."""
    memo = memo if memo is not None else Memo()
    found: list[Diagnostic] = []
    result: dict[str, tuple[editorial.Annotation, ...]] = {}
    keys: dict[str, str] = {}
    files = inputs.under("annotations", ".yml")
    for slug, raw in files.items():
        path = f"annotations/{slug}.yml"
        keys[slug] = memo.key("annotations", path, raw, corpus_key)
        notes, problems = memo.get(keys[slug], lambda: editorial.load_annotations(path, raw, corpus))  # noqa: B023 (called at once)
        found.extend(problems)
        result[slug] = notes
    for slug, anchored in corpus.sources.items():
        if slug not in files:
            found.extend(editorial.missing_file_problems(anchored))
    return result, found, keys


def _occurrences(
    linker: linking.Linker, sources: tuple[AnchoredSource, ...], source_keys: dict[str, str], links_key: str, memo: Memo
) -> dict[tuple[str, str], list[concordance.Occurrence]]:
    """The concordance, one memo unit per source, merged in reading order."""
    merged: dict[tuple[str, str], list[concordance.Occurrence]] = {}
    for anchored in sources:
        slug = anchored.source.slug
        here = memo.get(memo.key("occurrences", source_keys[slug], links_key), lambda: concordance.occurrences(linker, [anchored]))  # noqa: B023
        for target, occs in here.items():
            merged.setdefault(target, []).extend(occs)
    return merged


@_paused_cycle_collector
def build_model(inputs: Inputs, memo: Memo | None = None) -> tuple[Model, list[Diagnostic]]:
    """Run every stage on the inputs; return the model and all diagnostics.

    With a ``memo``, every unit whose inputs are unchanged is reused instead of recomputed.
    """
    memo = memo if memo is not None else Memo()
    anchoring, source_keys, found = _anchoring(inputs, memo)
    works_files, weak_raw = inputs.under(works_module.WORKS, ".yml"), inputs.files.get(works_module.WEAK)
    cited_works, weak, work_problems = works_module.load_works(works_files, weak_raw)
    found.extend(work_problems)
    corpus = refs.Corpus({a.source.slug: a for a in anchoring.sources}, cited_works, weak)
    event_files = inputs.under(chronology.CHRONOLOGY, ".yml")
    events, event_problems = chronology.load_chronology(event_files, corpus)
    found.extend(event_problems)
    corpus = replace(corpus, events=events)
    corpus_key = memo.key("corpus", repr(sorted(works_files.items())), weak_raw or b"", repr(sorted(event_files.items())), *(f"{slug}={name}" for slug, name in sorted(source_keys.items())))
    notes, problems, note_keys = load_annotations(inputs, corpus, memo, corpus_key)
    found.extend(problems)
    glossary_files = inputs.under("glossary", ".yml")
    glossary_key = memo.key("glossary", corpus_key, *(part for stem, raw in glossary_files.items() for part in (stem, raw)))
    entries, problems4 = memo.get(glossary_key, lambda: glossary.load_glossary(glossary_files, corpus))
    found.extend(problems4)
    case_files = inputs.under("cases", ".yml")
    cases_key = memo.key("cases", corpus_key, glossary_key, *(part for stem, raw in case_files.items() for part in (stem, raw)))
    all_cases, problems5 = memo.get(cases_key, lambda: cases.load_cases(case_files, corpus, {e.eid for e in entries}))
    found.extend(problems5)
    found.extend(_phrase_conflicts(entries, all_cases))
    table = linking.phrases_for(
        [("glossary", e.eid, e.phrases, e.exact_aliases, e.not_linked) for e in entries] + [("case", c.cid, c.link_phrases, (), ()) for c in all_cases]
    )
    linker = linking.Linker(table)
    occs = _occurrences(linker, anchoring.sources, source_keys, memo.key("links", glossary_key, cases_key), memo)
    for entry in entries:
        if ("glossary", entry.eid) not in occs:
            found.append(Diagnostic(entry.path, 1, 1, "G003", f"entry {entry.eid!r} matches nothing in the sources (check its aliases)", "warning"))
    keys = Keys(source_keys, note_keys, corpus_key, glossary_key, cases_key)
    return Model(anchoring, corpus, notes, entries, all_cases, linker, occs, keys), found


@_paused_cycle_collector
def generate(inputs: Inputs, docs: dict[str, bytes], settings: Settings, memo: Memo | None = None) -> Generated:
    """All generated pages plus the hand-written docs, ready to be written to the staging folder.

    With a ``memo``, every model unit and page whose inputs are unchanged is reused.
    """
    memo = memo if memo is not None else Memo()
    model, found = build_model(inputs, memo)
    files = render_site.pages(model, settings, memo)
    files["sources/index.md"] = _sources_index(model.anchoring.sources).encode("utf-8")
    redirects, problems = addresses.load_redirects(inputs)
    found.extend(problems)
    registered, problems = addresses.load_site_registry(inputs)
    found.extend(problems)
    found.extend(addresses.problems(registered, addresses.current_addresses(files), redirects))
    files.update(addresses.redirect_pages(redirects))
    for rel, data in docs.items():
        if rel in files:
            found.append(error(f"docs/{rel}", 1, 1, "S010", "a generated page has this path: hand-written pages may not share it"))
            continue
        if rel == "index.md":
            data = data.replace(SOURCES_LIST_MARKER.encode(), _sources_list(model.anchoring.sources, "sources/").encode("utf-8"))
        files[rel] = data
    report = tuple(f"{slug}: {change}" for slug, changes in sorted(model.anchoring.changes.items()) for change in changes)
    return Generated(files, tuple(found), report)
