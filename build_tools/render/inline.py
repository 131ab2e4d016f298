"""Compose a passage's markup from its text plus decorations (links, highlights, markers, gaps).

Spans wrap ranges of the text; points insert markup at an offset. Spans must nest: callers drop
candidates that would cross an existing span before passing them here. The text is escaped here;
decorations are ``Markup`` built with ``render.html``.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from .html import text as escape_text


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    open: Markup
    close: Markup


@dataclass(frozen=True)
class Point:
    offset: int
    html: Markup
    rank: int = 0


def crosses(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True if two ranges overlap without one containing the other."""
    (s1, e1), (s2, e2) = a, b
    return s1 < s2 < e1 < e2 or s2 < s1 < e2 < e1


def render(text: str, spans: list[Span], points: list[Point]) -> Markup:
    """Markup for ``text`` with every span and point applied; all text is escaped."""
    opens: dict[int, list[Span]] = {}
    closes: dict[int, list[Span]] = {}
    for span in spans:
        opens.setdefault(span.start, []).append(span)
        closes.setdefault(span.end, []).append(span)
    at: dict[int, list[Point]] = {}
    for point in points:
        at.setdefault(point.offset, []).append(point)
    cuts = sorted(set(opens) | set(closes) | set(at) | {0, len(text)})
    out: list[str] = []
    previous = 0
    for cut in cuts:
        out.append(escape_text(text[previous:cut]))
        previous = cut
        # inner spans close first: the one that opened last (shortest) closes first
        for span in sorted(closes.get(cut, []), key=lambda s: (s.start, s.end), reverse=True):
            out.append(str(span.close))
        for point in sorted(at.get(cut, []), key=lambda p: p.rank):
            out.append(str(point.html))
        for span in sorted(opens.get(cut, []), key=lambda s: -s.end):
            out.append(str(span.open))
    out.append(escape_text(text[previous:]))
    return Markup("".join(out))
