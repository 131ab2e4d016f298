"""Input bytes -> text: UTF-8 only, no byte-order mark, no control or bidirectional-override
characters, every problem reported at its line and column.

Control characters (C0 except tab, line feed and carriage return, DEL, C1, the Unicode line and paragraph
separators) are refused because they change how text is parsed further on (a C1 "next line" is a
line break to YAML, and made MkDocs read a page's front matter as text); bidirectional overrides
and isolates, because they make text display in another order than it is read.
"""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic, error

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of character ``offset`` of ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def first_forbidden(text: str) -> tuple[int, int, str] | None:
    """Line, column and code point of the first forbidden character, or None."""
    found = _FORBIDDEN.search(text)
    if found is None:
        return None
    return (*position(text, found.start()), f"U+{ord(found.group()):04X}")


def forbidden_in(value: str) -> str:
    """The code point of the first forbidden character of a single value, or ""."""
    found = _FORBIDDEN.search(value)
    return f"U+{ord(found.group()):04X}" if found else ""


def decode(path: str, raw: bytes) -> tuple[str | None, tuple[Diagnostic, ...]]:
    """The text of the file at ``path``, or None and the diagnostics that say why not."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, (error(path, 1, 1, "Y006", "the file starts with a byte-order mark (U+FEFF)"),)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8", "replace")
        line, col = position(good, len(good))
        return None, (error(path, line, col, "Y004", f"byte 0x{raw[exc.start]:02x} at line {line}, column {col} is not UTF-8"),)
    bad = first_forbidden(text)
    if bad is not None:
        line, col, code_point = bad
        return None, (error(path, line, col, "Y005", f"control or bidirectional-override character {code_point} is not allowed"),)
    return text, ()
