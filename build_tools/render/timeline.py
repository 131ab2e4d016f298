"""The cases timeline as HTML: one row per case, its label in the page's own type and its bar a
link to the case's page, placed on a shared scale of years by percentages.

HTML rather than an SVG drawing so that it fits any width without shrinking its text: on a wide
screen each label stands beside its track, on a phone above it; nothing is cut off. Labels show
the years of the case's own dates, once (a year written in the case's name is not repeated).
Colours come from CSS classes, so the figure follows light and dark mode.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from ..editorial.cases import BASES, GROUPS, OUTCOMES, Case
from ..editorial.dates import year_fraction
from .html import h
from .urls import case_doc, relative_url

FIRST_YEAR, LAST_YEAR = 1860, 2030
TICKS = tuple(range(1860, 2030, 20))
INDEX_DOC = "cases/index.md"

_YEARS = re.compile(r",?\s*(?:\bof\s+)?\b1[89]\d\d\b(?:\s*[-–]\s*\d{2,4}\b)?|,?\s*\b20\d\d\b(?:\s*[-–]\s*\d{2,4}\b)?")


def span_label(case: Case) -> str:
    """The case's years from its dates: 1917, 1978–81, 1999–2001."""
    a, b = case.start[:4], case.end[:4]
    return a if a == b else f"{a}–{b[2:] if a[:2] == b[:2] else b}"


def short_name(case: Case) -> str:
    """The case's name before any colon, without the years it may spell (they come from its dates)."""
    head = case.name.split(":", 1)[0]
    cleaned = " ".join(_YEARS.sub("", head).split()).strip(" ,")
    return cleaned or head


def label(case: Case) -> str:
    """The row label: short name and years, each once."""
    return f"{short_name(case)} {span_label(case)}"


def _percent(value: float) -> float:
    return max(0.0, min(100.0, (value - FIRST_YEAR) / (LAST_YEAR - FIRST_YEAR) * 100))


def _row(case: Case) -> Markup:
    left = _percent(year_fraction(case.start))
    right = _percent(year_fraction(case.end, end=True))
    width = max(right - left, 0.6)
    name = f"{case.name}: {case.start} to {case.end}; {case.base} base; {OUTCOMES[case.outcome].lower()}"
    bar = h("span", {"class": "tl-bar", "style": f"left:{left:.2f}%;width:{width:.2f}%", "aria-hidden": "true"})
    return h(
        "li",
        {"class": f"tl-row tl-{case.base}"},
        h(
            "a",
            {"class": "tl-link", "href": relative_url(INDEX_DOC, case_doc(case.cid)), "title": name},
            h("span", {"class": "tl-label"}, label(case)),
            h("span", {"class": "tl-track"}, bar),
        ),
    )


def _axis() -> Markup:
    marks = [h("span", {"class": "tl-year", "style": f"left:{_percent(year):.2f}%"}, str(year)) for year in TICKS]
    return h("div", {"class": "tl-axis", "aria-hidden": "true"}, h("span", {"class": "tl-label"}), h("span", {"class": "tl-track"}, marks))


def render(cases: tuple[Case, ...]) -> Markup:
    """The timeline: an axis of years, the rows by group, and the legend of social bases."""
    groups = []
    for key, title in GROUPS.items():
        members = [c for c in cases if c.group == key]
        if members:
            groups.append(h("li", {"class": "tl-group"}, h("p", {"class": "tl-group-title"}, title), h("ol", {"class": "tl-rows"}, [_row(c) for c in members])))
    legend = h(
        "ul",
        {"class": "tl-legend", "aria-label": "Bar colours: the rival power's social base"},
        [h("li", {"class": f"tl-{base}"}, h("span", {"class": "tl-swatch", "aria-hidden": "true"}), f"{base} base") for base in BASES],
    )
    return h(
        "div",
        {"class": "dpr-timeline", "id": "timeline-chart"},
        _axis(),
        h("ul", {"class": "tl-groups", "aria-label": f"Cases on a scale of years, {FIRST_YEAR}–{LAST_YEAR}"}, groups),
        legend,
    )
