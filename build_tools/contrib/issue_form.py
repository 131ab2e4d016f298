"""The "Suggest a note" issue form: its fields, and the parsing of the issue body GitHub renders
from it (``.github/ISSUE_TEMPLATE/suggest-a-note.yml``; a test holds the two equal).

GitHub writes a submitted form as Markdown: for each field, a ``### Label`` line, a blank line and
the value (``_No response_`` for an optional field left empty). The body is the contributor's
text and may have been edited after submission, so it is read as data only: each label must head
exactly one line, in the form's order; values are bounded in length and may hold no control or
bidirectional-override characters. Nothing in the body is interpreted beyond splitting it there.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..diagnostics import Diagnostic, error
from ..inputs.text import first_forbidden

ISSUE = "issue"  # the path diagnostics about the issue body carry
NO_RESPONSE = "_No response_"
#: GitHub refuses issue bodies over 65 536 characters; anything longer was not written by the form
MAX_BODY = 65_536


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    required: bool
    limit: int  # characters
    single_line: bool = True


FIELDS = (
    Field("source", "Source", True, 100),
    Field("passage", "Passage", True, 300),
    Field("exact", "Quoted words", True, 1000),
    Field("prefix", "Words just before (optional)", False, 200),
    Field("suffix", "Words just after (optional)", False, 200),
    Field("kind", "Kind of note", True, 40),
    Field("body", "Note", True, 8000, single_line=False),
    Field("read", "Reading proposed (sic or correction, optional)", False, 200),
    Field("work", "Work cited", False, 100),
    Field("at", "Where in the work", False, 500, single_line=False),
    Field("cited_passage", "Passage cited", False, 300),
    Field("quote", "Words quoted from the passage cited (optional)", False, 1000),
    Field("credit", "Credit (optional)", False, 120),
)
BY_KEY = {f.key: f for f in FIELDS}


def _heading(line: str) -> str | None:
    """The field label a line heads, if it is exactly ``### <label>``."""
    if not line.startswith("### "):
        return None
    label = line[4:].strip()
    return label if any(f.label == label for f in FIELDS) else None


def _value(lines: list[str]) -> str:
    text = "\n".join(lines).strip()
    return "" if text == NO_RESPONSE else text


def parse(body: str) -> tuple[dict[str, str], list[Diagnostic]]:
    """The form's values by field key, or the problems that make the body unusable."""
    if len(body) > MAX_BODY:
        return {}, [error(ISSUE, 1, 1, "I002", f"the issue body has {len(body)} characters; a form's body has at most {MAX_BODY}")]
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    bad = first_forbidden(text)
    if bad is not None:
        line, col, code_point = bad
        return {}, [error(ISSUE, line, col, "Y005", f"control or bidirectional-override character {code_point} is not allowed")]
    lines = text.split("\n")
    heads = [(i, label) for i, line in enumerate(lines) if (label := _heading(line)) is not None]
    found: list[Diagnostic] = []
    for field in FIELDS:
        rows = [i + 1 for i, label in heads if label == field.label]
        if len(rows) > 1:
            found.append(error(ISSUE, rows[1], 1, "I001", f"the heading '### {field.label}' appears {len(rows)} times (lines {', '.join(map(str, rows))})"))
        elif not rows:
            found.append(error(ISSUE, 1, 1, "I001", f"the form's field '{field.label}' is missing"))
    if found:
        return {}, found
    order = [label for _, label in heads]
    if order != [f.label for f in FIELDS]:
        return {}, [error(ISSUE, 1, 1, "I001", "the form's fields are not in their order; submit the form again rather than editing its headings")]
    values: dict[str, str] = {}
    for n, (start, label) in enumerate(heads):
        end = heads[n + 1][0] if n + 1 < len(heads) else len(lines)
        field = next(f for f in FIELDS if f.label == label)
        value = _value(lines[start + 1 : end])
        where = start + 1
        if field.required and not value:
            found.append(error(ISSUE, where, 1, "I001", f"'{label}' is required"))
        elif len(value) > field.limit:
            found.append(error(ISSUE, where, 1, "I002", f"'{label}' has {len(value)} characters; the limit is {field.limit}"))
        elif field.single_line and "\n" in value:
            found.append(error(ISSUE, where, 1, "I002", f"'{label}' must be one line"))
        values[field.key] = value
    return values, found


def body_from_bytes(raw: bytes) -> tuple[str, list[Diagnostic]]:
    """The text of an issue body saved to a file (UTF-8)."""
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        return "", [error(ISSUE, 1, 1, "Y004", f"byte 0x{raw[exc.start]:02x} at offset {exc.start} is not UTF-8")]


def body_from_event(raw: bytes) -> tuple[str, list[Diagnostic]]:
    """The issue's body from a GitHub ``issues`` event payload (the file ``$GITHUB_EVENT_PATH`` names)."""
    try:
        body = json.loads(raw.decode("utf-8"))["issue"].get("body") or ""
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return "", [error("event", 1, 1, "I001", "the event file is not a GitHub issues event with an issue")]
    if not isinstance(body, str):
        return "", [error("event", 1, 1, "I001", "the event's issue has no text body")]
    return body, []


def fenced(text: str, info: str = "text") -> str:
    """``text`` in a Markdown code fence longer than any run of backticks inside it, so it stays inert."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text}\n{fence}"
