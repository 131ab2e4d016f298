"""The single entry point that builds the whole model: every stage, in order, with all diagnostics.

``build``, ``check``, ``anchors``, ``passages``, ``report``, ``candidates``, ``serve`` and the
exports all start from ``build_edition``, so every command sees the same model. Stages: sources
(structured and anchored) -> works cited and the chronology -> the editor's notes -> glossary and
cases -> linking and the concordance. Each stage runs on what the previous ones could build, so
one run reports as many independent problems as possible.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..diagnostics import Diagnostic, error, warning
from ..inputs.files import Inputs
from ..sources import registry
from ..sources.model import AnchoredSource
from ..sources.structure import build_sources, paired_slugs, refused_slugs
from ..sources.textnorm import squash
from . import annotations as editorial
from . import cases, chronology, concordance, glossary, linking, refs, works
from .linking import Linker


@dataclass(frozen=True)
class Edition:
    """Everything validated and linked, ready to render or export."""

    sources: tuple[AnchoredSource, ...]
    registries: dict[str, registry.Registry]  # what each source's registry must now hold
    changes: dict[str, tuple[str, ...]]  # what `make anchors` would record, per source
    corpus: refs.Corpus
    notes: dict[str, tuple[editorial.Annotation, ...]]
    entries: tuple[glossary.Entry, ...]
    cases: tuple[cases.Case, ...]
    linker: Linker
    occurrences: dict[tuple[str, str], list[concordance.Occurrence]]

    def source(self, slug: str) -> AnchoredSource | None:
        return self.corpus.sources.get(slug)


def _phrase_conflicts(entries: tuple[glossary.Entry, ...], all_cases: tuple[cases.Case, ...]) -> list[Diagnostic]:
    owner = {squash(p): e.eid for e in entries for p in (*e.phrases, *e.exact_aliases)}
    found = []
    for case in all_cases:
        for phrase in case.link_phrases:
            if squash(phrase) in owner:
                found.append(error(f"cases/{case.cid}.yml", 1, 1, "G002", f"link phrase {phrase!r} also links to glossary entry {owner[squash(phrase)]!r}"))
    return found


def _annotations(inputs: Inputs, corpus: refs.Corpus) -> tuple[dict[str, tuple[editorial.Annotation, ...]], list[Diagnostic]]:
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


def build_edition(inputs: Inputs) -> tuple[Edition, list[Diagnostic]]:
    """Run every stage on the inputs; return the model and all diagnostics."""
    stage, found = build_sources(inputs)
    cited, weak, problems = works.load_works(inputs.under(works.WORKS, ".yml"), inputs.files.get(works.WEAK))
    found.extend(problems)
    built = {a.source.slug for a in stage.anchored}
    failed = frozenset(slug for slug in paired_slugs(inputs) if slug not in built) | (refused_slugs(inputs) - built)
    work_files = {*inputs.under(works.WORKS, ".yml"), *(p[len(works.WORKS) + 1 :].rsplit(".", 1)[0] for p in inputs.refused if p.startswith(works.WORKS + "/"))}
    corpus = refs.Corpus({a.source.slug: a for a in stage.anchored}, cited, weak, failed=failed, failed_works=frozenset(work_files - set(cited)))
    events, problems = chronology.load_chronology(inputs.under(chronology.CHRONOLOGY, ".yml"), corpus)
    found.extend(problems)
    corpus = replace(corpus, events=events)
    notes, problems = _annotations(inputs, corpus)
    found.extend(problems)
    entries, problems = glossary.load_glossary(inputs.under("glossary", ".yml"), corpus)
    found.extend(problems)
    # a case may name any entry that has a file: an entry whose file has errors is reported there, once
    all_cases, problems = cases.load_cases(inputs.under("cases", ".yml"), corpus, set(inputs.under("glossary", ".yml")))
    found.extend(problems)
    found.extend(_phrase_conflicts(entries, all_cases))
    table = linking.phrases_for(
        [("glossary", e.eid, e.phrases, e.exact_aliases, e.not_linked) for e in entries] + [("case", c.cid, c.link_phrases, (), ()) for c in all_cases]
    )
    linker = linking.Linker(table)
    occurrences = concordance.occurrences(linker, list(stage.anchored))
    for entry in entries:
        if ("glossary", entry.eid) not in occurrences:
            found.append(Diagnostic(entry.path, 1, 1, "G003", f"entry {entry.eid!r} matches nothing in the sources (check its aliases)", "warning"))
    for slug, count in sorted(corpus.unchecked.items()):
        message = f"{count} note(s), citation(s) and mention(s) of {slug} were not checked: fix the errors of seeds/{slug} above first"
        found.append(warning(f"seeds/{slug}.yml", 1, 1, "M016", message))
    edition = Edition(stage.anchored, stage.registries, stage.changes, corpus, notes, entries, all_cases, linker, occurrences)
    return edition, found
