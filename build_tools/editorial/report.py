"""The editorial report: per source, words, notes by kind, gaps emended or marked unrecoverable,
density, and notes without a citation (which must be none)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..sources.model import AnchoredSource
from .annotations import KINDS, Annotation

DENSITY_SET = 250
DENSITY_SOURCE = 500


@dataclass(frozen=True)
class SourceReport:
    slug: str
    words: int
    notes: int
    by_kind: dict[str, int]
    gaps: int
    emended: int
    unrecoverable: int
    uncited: int

    @property
    def words_per_note(self) -> float:
        return self.words / self.notes if self.notes else float("inf")


def count_words(anchored: AnchoredSource) -> int:
    """Words of source text: passages and the author's notes."""
    texts = [p.block.text for p in anchored.passages] + [" ".join(n.lines) for n in anchored.source.notes]
    return sum(len(re.findall(r"\w+(?:['’]\w+)*", t)) for t in texts)


def source_report(anchored: AnchoredSource, notes: tuple[Annotation, ...]) -> SourceReport:
    gaps = sum(len(p.block.gaps) for p in anchored.passages)
    by_kind = {kind: sum(1 for n in notes if n.kind == kind) for kind in KINDS}
    return SourceReport(
        slug=anchored.source.slug,
        words=count_words(anchored),
        notes=len(notes),
        by_kind=by_kind,
        gaps=gaps,
        emended=sum(1 for n in notes if n.gap and n.supply),
        unrecoverable=sum(1 for n in notes if n.gap and n.unrecoverable),
        uncited=sum(1 for n in notes if not n.sources),
    )


def problems(reports: list[SourceReport]) -> list[str]:
    """Where the set falls short of the editorial standard."""
    found = []
    words = sum(r.words for r in reports)
    notes = sum(r.notes for r in reports)
    if notes == 0 or words / notes > DENSITY_SET:
        found.append(f"the set has {notes} notes for {words} words: fewer than one per {DENSITY_SET}")
    for r in reports:
        if r.words_per_note > DENSITY_SOURCE:
            found.append(f"{r.slug}: {r.notes} notes for {r.words} words: fewer than one per {DENSITY_SOURCE}")
        if r.emended + r.unrecoverable < r.gaps:
            found.append(f"{r.slug}: {r.gaps - r.emended - r.unrecoverable} gap(s) neither emended nor marked unrecoverable")
        if r.uncited:
            found.append(f"{r.slug}: {r.uncited} note(s) without a citation")
    return found


def table(reports: list[SourceReport]) -> str:
    """The report as a Markdown table."""
    kinds = " | ".join(KINDS)
    lines = [f"| source | words | notes | words/note | {kinds} | gaps | emended | unrecoverable | uncited |", "|" + "---|" * (9 + len(KINDS))]
    for r in reports:
        per = f"{r.words_per_note:.0f}" if r.notes else "–"
        counts = " | ".join(str(r.by_kind[k]) for k in KINDS)
        lines.append(f"| {r.slug} | {r.words} | {r.notes} | {per} | {counts} | {r.gaps} | {r.emended} | {r.unrecoverable} | {r.uncited} |")
    words, notes = sum(r.words for r in reports), sum(r.notes for r in reports)
    total_kinds = " | ".join(str(sum(r.by_kind[k] for r in reports)) for k in KINDS)
    per = f"{words / notes:.0f}" if notes else "–"
    lines.append(
        f"| **all** | {words} | {notes} | {per} | {total_kinds} | {sum(r.gaps for r in reports)} | {sum(r.emended for r in reports)} | "
        f"{sum(r.unrecoverable for r in reports)} | {sum(r.uncited for r in reports)} |"
    )
    return "\n".join(lines)
