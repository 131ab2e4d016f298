"""Dates in the received text that the chronology dates: the words an editor's ``date`` note marks
and the words a chronology event's ``mentions`` quote.

A date that gives an event's Old Style day is Julian: TEI writes it ``calendar="#julian"``, its
Gregorian equivalent in ``when`` and the Julian date itself in ``when-custom`` (``datingMethod``
names the calendar, declared in ``profileDesc/calendarDesc``). A date that gives the New Style day
has ``when`` alone. Dates that give neither are left as words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..editorial.annotations import Annotation
from ..editorial.chronology import Event
from ..editorial.dates import MONTHS

_DAY_MONTH = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")(?:,?\s+(\d{4}))?\b")
_MONTH_DAY = re.compile(r"\b(" + "|".join(MONTHS) + r")\s+(\d{1,2})(?:,\s+(\d{4}))?\b")


@dataclass(frozen=True)
class TextDate:
    """A date in a passage: where it is and its TEI attributes."""

    start: int
    end: int
    when: str
    julian: str = ""  # the Julian (Old Style) date, if the text gives it

    def attributes(self) -> dict[str, str]:
        if self.julian:
            return {"calendar": "#julian", "when": self.when, "when-custom": self.julian, "datingMethod": "#julian"}
        return {"when": self.when}


def _parts(date: str) -> tuple[int, int, int] | None:
    bits = date.split("-")
    return (int(bits[0]), int(bits[1]), int(bits[2])) if len(bits) == 3 else None


def _found(text: str, lo: int, hi: int) -> list[tuple[int, int, int, int, int | None]]:
    """(start, end, day, month, year or None) of every date written out in ``text[lo:hi]``."""
    out = []
    for match in _DAY_MONTH.finditer(text, lo, hi):
        out.append((match.start(), match.end(), int(match.group(1)), MONTHS.index(match.group(2)) + 1, int(match.group(3)) if match.group(3) else None))
    for match in _MONTH_DAY.finditer(text, lo, hi):
        out.append((match.start(), match.end(), int(match.group(2)), MONTHS.index(match.group(1)) + 1, int(match.group(3)) if match.group(3) else None))
    return out


def _classify(found: tuple[int, int, int, int, int | None], event: Event) -> TextDate | None:
    start, end, day, month, year = found
    old, new = _parts(event.os) if event.os else None, _parts(event.ns)
    if new is None:
        return None
    for calendar in (old, new):
        if calendar is not None and (day, month) == (calendar[2], calendar[1]) and year in (None, calendar[0]):
            return TextDate(start, end, event.ns, event.os if calendar is old else "")
    return None


def text_dates(slug: str, pid: str, text: str, notes: list[Annotation], events: dict[str, Event]) -> list[TextDate]:
    """The dated dates of one passage, from date notes and chronology mentions, without repeats."""
    regions: list[tuple[int, int, list[Event]]] = []
    for note in notes:
        if note.pid == pid and note.kind == "date" and not note.gap:
            regions.append((note.start, note.end, [events[e] for e in note.events if e in events]))
    for event in events.values():
        for mention in event.mentions:
            if mention.slug == slug and mention.pid == pid and mention.quote and mention.quote in text:
                start = text.index(mention.quote)
                regions.append((start, start + len(mention.quote), [event]))
    chosen: dict[tuple[int, int], TextDate] = {}
    for lo, hi, candidates in regions:
        for found in _found(text, lo, hi):
            for event in candidates:
                dated = _classify(found, event)
                if dated is not None:
                    chosen.setdefault((dated.start, dated.end), dated)
                    break
    return [chosen[k] for k in sorted(chosen)]
