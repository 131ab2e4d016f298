"""The editorial standard that ``make test`` holds the content to, as diagnostics ``check`` reports.

The rules are those of ``editorial.report``: at least one editor's note per ``DENSITY_SOURCE``
(500) words of each source (R001) and per ``DENSITY_SET`` (250) words of the whole set (R002);
every gap emended or marked unrecoverable (A010) and every note citing a source (A006) are already
refused where the notes are read. They are errors, not warnings: the same rule fails CI's tests, so
``make validate`` says so first, and a new source with no notes is told which file to add them to.
"""

from __future__ import annotations

import math

from ..diagnostics import Diagnostic, error
from ..editorial.edition import Edition
from ..editorial.report import DENSITY_SET, DENSITY_SOURCE, SourceReport, source_report


def reports(edition: Edition) -> list[SourceReport]:
    """The editorial report's row for every source of the edition."""
    return [source_report(a, edition.notes.get(a.source.slug, ())) for a in edition.sources]


def needed(words: int, per: int) -> int:
    """How many notes ``words`` words need at one per ``per`` words (at least one)."""
    return max(1, math.ceil(words / per))


def density_problems(rows: list[SourceReport]) -> list[Diagnostic]:
    """R001 for each source below one note per 500 words; R002 if the set is below one per 250."""
    found = []
    for row in rows:
        if row.words_per_note > DENSITY_SOURCE:
            want = needed(row.words, DENSITY_SOURCE)
            found.append(
                error(
                    f"annotations/{row.slug}.yml",
                    1,
                    1,
                    "R001",
                    f"{row.slug} has {row.notes} editor's note(s) for {row.words} words; the standard is at least one per "
                    f"{DENSITY_SOURCE} words: add at least {want - row.notes} more",
                )
            )
    words, notes = sum(r.words for r in rows), sum(r.notes for r in rows)
    if rows and (notes == 0 or words / notes > DENSITY_SET):
        want = needed(words, DENSITY_SET)
        found.append(
            error(
                "annotations",
                1,
                1,
                "R002",
                f"the set has {notes} editor's note(s) for {words} words; the standard is at least one per {DENSITY_SET} words: "
                f"add at least {want - notes} more",
            )
        )
    return found


def standard_problems(edition: Edition, found: list[Diagnostic]) -> list[Diagnostic]:
    """Every shortfall of the edition against the editorial standard.

    Notes with errors are not in the model, so a source whose annotation file has errors (and the
    set, while any has) is not counted: its errors are reported, and the count follows their fix.
    """
    # A010 (a gap without emendation) drops no note, so it does not stop the count
    broken = {d.path for d in found if d.severity == "error" and d.path.startswith("annotations/") and d.code != "A010"}
    problems = density_problems(reports(edition))
    return [d for d in problems if d.path not in broken and not (d.code == "R002" and broken)]
