"""Dates as the edition writes them: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` in the data, printed
"25 October 1917"; and a date as a fractional year (for the timeline and the reports)."""

from __future__ import annotations

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def human(date: str) -> str:
    """``1871-03-18`` -> ``18 March 1871``; shorter dates as far as they go."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {MONTHS[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


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
