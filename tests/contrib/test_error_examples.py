"""The examples of docs/contributing/errors.md for the codes of this package are real output."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools import cli
from build_tools.contrib import suggestion
from build_tools.inputs.files import read_inputs
from tests.editions import ROOT, make_root

from .forms import GOOD, issue_body

ERRORS_MD = (ROOT / "docs" / "contributing" / "errors.md").read_text(encoding="utf-8")


def documented(line: str) -> None:
    assert f"```text\n{line}\n    hint: " in ERRORS_MD, line


def test_the_density_examples(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_root(tmp_path / "edition")
    (root / "annotations" / "fixture-encyclopedia.yml").unlink()
    (root / "annotations" / "fixture-councils.yml").write_text("source: fixture-councils\nannotations: []\n", encoding="utf-8")
    assert cli.main(["--root", str(root), "check"]) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if " error R00" in line]
    documented(next(line for line in lines if "error R001: fixture-encyclopedia" in line))
    documented(next(line for line in lines if "error R002:" in line))


def test_the_form_examples(tmp_path: Path) -> None:
    root = make_root(tmp_path / "edition")
    inputs = read_inputs(root)[0]
    documented(suggestion.propose(inputs, issue_body({**GOOD, "body": ""})).diagnostics[0].format().splitlines()[0])
    documented(suggestion.propose(inputs, issue_body({**GOOD, "passage": "paragraph four"})).diagnostics[0].format().splitlines()[0])
    notes = root / "annotations" / "fixture-councils.yml"
    notes.write_text(notes.read_text(encoding="utf-8").replace('exact: "factory committees"', 'exact: "factory comittees"'), encoding="utf-8")
    documented(suggestion.propose(read_inputs(root)[0], issue_body(GOOD)).diagnostics[0].format().splitlines()[0])
