"""The cases timeline: an SVG drawn at build time (no JavaScript, no external resources).

Colours come from CSS classes defined in the page stylesheet, so the figure follows light and
dark mode; text uses ``currentColor``. The figure carries a <title> and <desc>, and the page gives
the same information as a list beside it.
"""

from __future__ import annotations

from markupsafe import Markup

from ..editorial.cases import BASES, GROUPS, OUTCOMES, Case
from ..editorial.dates import year_fraction
from .html import h

WIDTH = 880
LEFT, RIGHT = 24, 856  # the bars use the whole width; each label sits beside its bar
LABEL_GAP = 6
CHAR_WIDTH = 6.6  # a 12px sans character, on average, in user units: enough to choose a side
ROW = 22
FIRST_YEAR, LAST_YEAR = 1860, 2030


def _x(value: float) -> float:
    return LEFT + (value - FIRST_YEAR) / (LAST_YEAR - FIRST_YEAR) * (RIGHT - LEFT)


def span_label(case: Case) -> str:
    a, b = case.start[:4], case.end[:4]
    return a if a == b else f"{a}–{b[2:] if a[:2] == b[:2] else b}"


def render(cases: tuple[Case, ...]) -> Markup:
    """The timeline SVG (inline in the cases page)."""
    rows: list[Markup] = []
    y = 40
    for key, title in GROUPS.items():
        members = [c for c in cases if c.group == key]
        if not members:
            continue
        rows.append(h("text", {"class": "tl-group", "x": "0", "y": str(y)}, title))
        y += ROW
        for case in members:
            x1 = _x(year_fraction(case.start))
            x2 = max(_x(year_fraction(case.end, end=True)), x1 + 4)
            label = f"{case.name} ({span_label(case)})"
            room_right, room_left = RIGHT - x2, x1 - LEFT
            if room_right >= len(label) * CHAR_WIDTH + LABEL_GAP or room_right >= room_left:
                place = {"x": f"{x2 + LABEL_GAP:.1f}", "y": str(y)}
            else:
                place = {"x": f"{x1 - LABEL_GAP:.1f}", "y": str(y), "text-anchor": "end"}
            tip = f"{case.name}: {case.start} to {case.end}; {case.base} base; {OUTCOMES[case.outcome].lower()}"
            bar = h("rect", {"class": "tl-bar", "x": f"{x1:.1f}", "y": str(y - 11), "width": f"{x2 - x1:.1f}", "height": "12", "rx": "2"}, h("title", None, tip))
            rows.append(h("g", {"class": f"tl-row tl-{case.base}"}, h("text", {"class": "tl-label", **place}, label), bar))
            y += ROW
        y += ROW // 2
    height = y + 20
    ticks: list[Markup] = []
    for year in range(1860, 2030, 20):
        x = f"{_x(year):.1f}"
        ticks.append(h("line", {"class": "tl-tick", "x1": x, "y1": "24", "x2": x, "y2": str(height - 24)}))
        ticks.append(h("text", {"class": "tl-year", "x": x, "y": "16", "text-anchor": "middle"}, str(year)))
    legend_y = height - 6
    legend = [
        h(
            "g",
            {"class": f"tl-{base}"},
            h("rect", {"class": "tl-bar", "x": str(LEFT + i * 140), "y": str(legend_y - 10), "width": "14", "height": "10", "rx": "2"}),
            h("text", {"class": "tl-legend", "x": str(LEFT + i * 140 + 20), "y": str(legend_y)}, f"{base} base"),
        )
        for i, base in enumerate(BASES)
    ]
    desc = (
        f"A horizontal timeline from {FIRST_YEAR} to {LAST_YEAR} with one bar per case, grouped into historical "
        "episodes and contested extensions; bar colour shows the rival power’s social base. "
        "The same information is given as a list below the figure."
    )
    attrs = {
        "class": "dpr-timeline",
        "xmlns": "http://www.w3.org/2000/svg",
        "viewBox": f"0 0 {WIDTH} {height + 12}",
        "role": "img",
        "aria-labelledby": "tl-title tl-desc",
        "preserveAspectRatio": "xMinYMin meet",
    }
    return h(
        "svg",
        attrs,
        h("title", {"id": "tl-title"}, f"Timeline of dual-power episodes, {FIRST_YEAR}–{LAST_YEAR}"),
        h("desc", {"id": "tl-desc"}, desc),
        ticks,
        rows,
        legend,
    )
