"""Reports that help editors extend the apparatus: terms that recur across sources but link to
no glossary entry, and years the sources discuss that fall in no comparative case."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..sources.model import AnchoredSource
from .cases import Case
from .dates import year_fraction
from .linking import Linker

_CAPITALISED = re.compile(r"\b([A-Z][a-z’'\-]+(?:\s+(?:of\s+|the\s+)?[A-Z][a-z’'\-]+){0,3})")
_STOP = {
    "The",
    "This",
    "These",
    "That",
    "Those",
    "In",
    "On",
    "At",
    "By",
    "For",
    "But",
    "And",
    "As",
    "It",
    "Its",
    "A",
    "An",
    "Yet",
    "He",
    "She",
    "They",
    "We",
    "His",
    "Their",
    "Our",
    "If",
    "When",
    "While",
    "With",
    "From",
    "After",
    "Before",
    "During",
    "Even",
    "Both",
    "Some",
    "Such",
    "Thus",
    "There",
    "Here",
    "Where",
    "What",
    "Who",
    "Why",
    "How",
    "Lenin",
    "Trotsky",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Marx",
    "However",
    "Nonetheless",
    "Meanwhile",
    "Similarly",
    "Historical",
    "Empirically",
    "Causally",
    "Despite",
    "Although",
}
_YEAR = re.compile(r"\b(1[6-9]\d\d|20[0-2]\d)\b")


def candidate_terms(sources: tuple[AnchoredSource, ...], linker: Linker, min_sources: int = 2, min_count: int = 3) -> list[tuple[str, int, list[str]]]:
    """Capitalised phrases used in at least ``min_sources`` sources that no glossary phrase covers."""
    counts: Counter[str] = Counter()
    where: dict[str, set[str]] = defaultdict(set)
    for anchored in sources:
        for passage in anchored.passages:
            text = passage.block.text
            covered = [(h.start, h.end) for h in linker.find(text)]
            for match in _CAPITALISED.finditer(text):
                term = match.group(1)
                if term in _STOP or len(term) < 4:
                    continue
                if any(s <= match.start() < e for s, e in covered):
                    continue
                counts[term] += 1
                where[term].add(anchored.source.slug)
    ranked = [(t, c, sorted(where[t])) for t, c in counts.items() if len(where[t]) >= min_sources and c >= min_count]
    return sorted(ranked, key=lambda r: (-len(r[2]), -r[1], r[0]))


def uncovered_years(sources: tuple[AnchoredSource, ...], cases: tuple[Case, ...]) -> list[tuple[int, list[str]]]:
    """Years mentioned in the sources that fall outside every case's span (with one year's margin)."""
    spans = [(year_fraction(c.start) - 1, year_fraction(c.end, end=True) + 1) for c in cases]
    found: dict[int, list[str]] = defaultdict(list)
    for anchored in sources:
        for passage in anchored.passages:
            for match in _YEAR.finditer(passage.block.text):
                year = int(match.group(1))
                if not any(lo <= year <= hi for lo, hi in spans):
                    found[year].append(f"{anchored.source.slug}#{passage.pid}")
    return sorted((y, sorted(set(w))) for y, w in found.items())


def uncovered_places(sources: tuple[AnchoredSource, ...], cases: tuple[Case, ...], places: list[str]) -> list[tuple[str, list[str]]]:
    """Watched place names that occur in the sources but in no case's name or place."""
    covered = " ".join(f"{c.name} {c.place} {c.rival.text} {c.official.text}" for c in cases)
    found = []
    for place in places:
        if re.search(rf"\b{re.escape(place)}\b", covered):
            continue
        where = sorted({f"{a.source.slug}#{p.pid}" for a in sources for p in a.passages if re.search(rf"\b{re.escape(place)}\b", p.block.text)})
        if where:
            found.append((place, where))
    return found
