"""docs/contributing/errors.md documents exactly the codes in ``diagnostics.CODES``."""

from __future__ import annotations

import re
from pathlib import Path

from build_tools.diagnostics import CODES

ERRORS_MD = Path(__file__).resolve().parents[2] / "docs" / "contributing" / "errors.md"
CODE = r"[A-Z]\d{3}"
WARNINGS = {"M016", "P008", "P009", "G003"}  # the codes only ever reported as warnings


def _text() -> str:
    return ERRORS_MD.read_text(encoding="utf-8")


def documented() -> list[str]:
    """Codes that head a section (``### Y001 — …``) or start a table row (``| Y001 | …``)."""
    text = _text()
    headings = re.findall(rf"^#+\s+({CODE})\b", text, re.M)
    rows = re.findall(rf"^\|\s*`?({CODE})`?\s*\|", text, re.M)
    return headings + rows


def test_every_code_is_documented() -> None:
    assert sorted(set(CODES) - set(documented())) == []


def test_no_documented_code_is_unknown() -> None:
    assert sorted(set(documented()) - set(CODES)) == []


def test_each_code_is_documented_once() -> None:
    codes = documented()
    assert sorted(c for c in set(codes) if codes.count(c) > 1) == []


def test_titles_match_the_catalogue() -> None:
    for code, title in re.findall(rf"^###\s+({CODE})\s+—\s+(.+)$", _text(), re.M):
        assert title.strip() == CODES[code][0], code


def test_examples_use_the_real_format_and_hints() -> None:
    sections = re.split(rf"^###\s+(?={CODE}\b)", _text(), flags=re.M)[1:]
    assert len(sections) == len(CODES)
    for section in sections:
        code = section[:4]
        example = re.search(r"```text\n(.+?)\n```", section, re.S)
        assert example, f"{code} has no example"
        lines = example.group(1).split("\n")
        first, hint = lines[0], lines[-1]
        severity = "warning" if code in WARNINGS else "error"
        assert re.match(rf"^[A-Za-z0-9/._-]+:\d+:\d+: {severity} {code}: .+$", first), first
        assert hint == f"    hint: {CODES[code][1]}", code
        assert "**Cause.**" in section and "**Fix.**" in section, code
