"""The cases timeline: an SVG drawn at build time (no JavaScript, no external resources).

Colours come from CSS classes defined in the page stylesheet, so the figure follows light and
dark mode; text uses ``currentColor``. The figure carries a <title> and <desc>, and the page gives
the same information as a list beside it.
"""

from __future__ import annotations

from html import escape

from ..editorial.cases import OUTCOMES, Case

WIDTH = 880
LEFT, RIGHT = 24, 856  # the bars use the whole width; each label sits beside its bar
LABEL_GAP = 6
CHAR_WIDTH = 6.6  # a 12px sans character, on average, in user units: enough to choose a side
ROW = 22
FIRST_YEAR, LAST_YEAR = 1860, 2030


def year_fraction(date: str, end: bool = False) -> float:
    """A date as a fractional year; month or day precision rounds to the whole period."""
    parts = [int(p) for p in date.split("-")]
    year = parts[0]
    if len(parts) == 1:
        return year + (1.0 if end else 0.0)
    month = parts[1]
    if len(parts) == 2:
        return year + (month if end else month - 1) / 12
    return year + (month - 1) / 12 + (parts[2] - (0 if end else 1)) / 365


def _x(value: float) -> float:
    return LEFT + (value - FIRST_YEAR) / (LAST_YEAR - FIRST_YEAR) * (RIGHT - LEFT)


def span_label(case: Case) -> str:
    a, b = case.start[:4], case.end[:4]
    return a if a == b else f"{a}–{b[2:] if a[:2] == b[:2] else b}"


def render(cases: tuple[Case, ...]) -> str:
    """The timeline SVG as a string (inline in the cases page)."""
    groups = [("historical", "Historical episodes"), ("contested", "Contested extensions of the concept")]
    rows: list[str] = []
    y = 40
    for key, title in groups:
        members = [c for c in cases if c.group == key]
        if not members:
            continue
        rows.append(f'<text class="tl-group" x="0" y="{y}">{escape(title)}</text>')
        y += ROW
        for case in members:
            x1 = _x(year_fraction(case.start))
            x2 = max(_x(year_fraction(case.end, end=True)), x1 + 4)
            label = f"{case.name} ({span_label(case)})"
            room_right, room_left = RIGHT - x2, x1 - LEFT
            if room_right >= len(label) * CHAR_WIDTH + LABEL_GAP or room_right >= room_left:
                place = f'x="{x2 + LABEL_GAP:.1f}" y="{y}"'
            else:
                place = f'x="{x1 - LABEL_GAP:.1f}" y="{y}" text-anchor="end"'
            rows.append(
                f'<g class="tl-row tl-{case.base}"><text class="tl-label" {place}>{escape(label)}</text>'
                f'<rect class="tl-bar" x="{x1:.1f}" y="{y - 11}" width="{x2 - x1:.1f}" height="12" rx="2">'
                f"<title>{escape(case.name)}: {escape(case.start)} to {escape(case.end)}; {case.base} base; "
                f"{escape(OUTCOMES[case.outcome].lower())}</title></rect></g>"
            )
            y += ROW
        y += ROW // 2
    height = y + 20
    ticks = []
    for year in range(1860, 2030, 20):
        x = _x(year)
        ticks.append(f'<line class="tl-tick" x1="{x:.1f}" y1="24" x2="{x:.1f}" y2="{height - 24}"/>')
        ticks.append(f'<text class="tl-year" x="{x:.1f}" y="16" text-anchor="middle">{year}</text>')
    legend_y = height - 6
    legend = []
    for i, base in enumerate(("workplace", "territorial", "military", "mixed")):
        lx = LEFT + i * 140
        legend.append(
            f'<g class="tl-{base}"><rect class="tl-bar" x="{lx}" y="{legend_y - 10}" width="14" height="10" rx="2"/>'
            f'<text class="tl-legend" x="{lx + 20}" y="{legend_y}">{base} base</text></g>'
        )
    desc = (
        f"A horizontal timeline from {FIRST_YEAR} to {LAST_YEAR} with one bar per case, grouped into historical "
        "episodes and contested extensions; bar colour shows the rival power’s social base. "
        "The same information is given as a list below the figure."
    )
    return (
        f'<svg class="dpr-timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height + 12}" '
        f'role="img" aria-labelledby="tl-title tl-desc" preserveAspectRatio="xMinYMin meet">'
        f'<title id="tl-title">Timeline of dual-power episodes, {FIRST_YEAR}–{LAST_YEAR}</title>'
        f'<desc id="tl-desc">{escape(desc)}</desc>' + "".join(ticks) + "".join(rows) + "".join(legend) + "</svg>"
    )
