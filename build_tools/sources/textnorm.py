"""Typographic folding shared by quote matching, linking and anchoring.

Folding maps each character to exactly one character, so offsets in folded text equal offsets in
the original text: a match found in folded text can be cut from the original directly. Quotes,
dashes, spaces and the ellipsis fold to their plain forms, letters to lower case, except where
lower-casing would change the length (``İ`` lowers to two characters, ``i`` and a combining dot):
such a character is kept as it is.
"""

from __future__ import annotations

_TYPOGRAPHIC = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "`": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u2007": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u202f": " ",
    "\t": " ",
    "\u2026": ".",
}


class _Table(dict[int, str]):
    """``str.translate`` table: each code point's folded character, worked out once when first met."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = _TYPOGRAPHIC.get(char, char)
        lower = folded.lower()
        self[code] = lower if len(lower) == 1 else folded
        return self[code]


_TABLE = _Table()


def fold(text: str) -> str:
    """Same-length folding of typographic variants (quotes, dashes, spaces, ellipsis) and case."""
    return text.translate(_TABLE)


def squash(text: str) -> str:
    """Folded text with runs of spaces collapsed (not offset-preserving): for comparisons."""
    return " ".join(fold(text).split())
