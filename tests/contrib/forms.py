"""Issue bodies as GitHub renders them from the "Suggest a note" form, for the tests."""

from __future__ import annotations

from build_tools.contrib.issue_form import FIELDS, NO_RESPONSE

#: a suggestion that the fixture edition accepts
GOOD = {
    "source": "fixture-councils",
    "passage": "p4",
    "exact": "kept the town hall",
    "kind": "context",
    "body": "The town hall stood opposite the corn exchange.\n\nBoth buildings are invented.",
    "work": "sample-1970",
    "at": "chapter 3, page 45",
    "credit": "A. Reader",
}


def issue_body(values: dict[str, str], crlf: bool = True) -> str:
    """The Markdown body of a submitted form: ``### Label``, a blank line, the value or ``_No response_``."""
    parts = [f"### {field.label}\n\n{values.get(field.key) or NO_RESPONSE}" for field in FIELDS]
    text = "\n\n".join(parts) + "\n"
    return text.replace("\n", "\r\n") if crlf else text
