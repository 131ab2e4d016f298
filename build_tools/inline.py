"""Compose a passage's HTML from its text plus decorations (links, highlights, markers, gaps).

Spans wrap ranges of the text; points insert HTML at an offset. Spans must nest: callers drop
candidates that would cross an existing span before passing them here.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    open: str
    close: str


@dataclass(frozen=True)
class Point:
    offset: int
    html: str
    rank: int = 0


def crosses(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True if two ranges overlap without one containing the other."""
    (s1, e1), (s2, e2) = a, b
    return s1 < s2 < e1 < e2 or s2 < s1 < e2 < e1


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def render(text: str, spans: list[Span], points: list[Point]) -> str:
    """HTML for ``text`` with every span and point applied; all text is escaped."""
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
        out.append(escape(text[previous:cut], quote=False))
        previous = cut
        # inner spans close first: the one that opened last (shortest) closes first
        for span in sorted(closes.get(cut, []), key=lambda s: (s.start, s.end), reverse=True):
            out.append(span.close)
        for point in sorted(at.get(cut, []), key=lambda p: p.rank):
            out.append(point.html)
        for span in sorted(opens.get(cut, []), key=lambda s: -s.end):
            out.append(span.open)
    out.append(escape(text[previous:], quote=False))
    return "".join(out)
