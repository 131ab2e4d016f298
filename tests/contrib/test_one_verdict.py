"""One verdict: for each kind of problem ``make build`` refuses, ``make validate`` (``check``)
refuses too, with the same codes; what only ``check`` refuses is the editorial standard that
``make test`` enforces (R001, R002). Each case changes a copy of the fixture edition."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from build_tools import cli
from build_tools.diagnostics import CODES
from build_tools.editorial.edition import build_edition
from build_tools.editorial.report import problems as report_problems
from build_tools.editorial.report import source_report
from build_tools.inputs.files import read_inputs
from tests.editions import make_root

CODE = re.compile(r": (?:error) ([A-Z]\d{3}):")


def replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        target = root / path
        text = target.read_text(encoding="utf-8")
        assert old in text, (path, old)
        target.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def write(path: str, text: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")

    return change


def remove(path: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        (root / path).unlink()

    return change


def new_source(root: Path) -> None:
    """A second copy of a source under a new slug, with its notes, but no registry yet."""
    for suffix in (".txt", ".yml"):
        text = (root / "seeds" / f"fixture-encyclopedia{suffix}").read_text(encoding="utf-8")
        (root / "seeds" / f"fixture-copy{suffix}").write_text(text.replace("fixture-encyclopedia", "fixture-copy"), encoding="utf-8")
    notes = (root / "annotations" / "fixture-encyclopedia.yml").read_text(encoding="utf-8")
    (root / "annotations" / "fixture-copy.yml").write_text(notes.replace("fixture-encyclopedia", "fixture-copy"), encoding="utf-8")


def symlink(root: Path) -> None:
    (root / "glossary" / "linked.yml").symlink_to(root / "glossary" / "soviet.yml")


def new_note(root: Path) -> None:
    path = root / "annotations" / "fixture-councils.yml"
    entry = (
        '  - id: town-hall\n    target: {passage: p4, exact: "kept the town hall"}\n    kind: context\n    body: Invented.\n'
        "    sources:\n      - passage: fixture-councils#p4\n"
    )
    path.write_text(path.read_text(encoding="utf-8") + entry, encoding="utf-8")


NOTES = "annotations/fixture-councils.yml"
SIZE_NOTE = """  - id: size-correction
    target: {passage: p19, exact: "five hundred"}
    kind: correction
    body: The surviving lists give about four hundred delegates.
    sources:
      - work: sample-1970
        at: {page: 88}
"""
REFUSED = [
    ("not YAML", replace(NOTES, "kind: context", "kind: [context"), "Y001"),
    ("a YAML tag", replace("glossary/soviet.yml", "name: ", "name: !!python/name:os.system "), "Y002"),
    ("a control character", replace("cases/northgate-1905.yml", "Northgate", "North\x1bgate"), "Y005"),
    ("an unknown field", replace("glossary/soviet.yml", "name: ", "colour: red\nname: "), "S002"),
    ("a symbolic link", symlink, "S010"),
    ("a hand-written page where a generated one goes", write("docs/glossary/soviet.md", "# Mine\n"), "S014"),
    ("an unknown passage", replace(NOTES, "passage: p7,", "passage: p77,"), "A001"),
    ("words not in the passage", replace(NOTES, '"old corn exchange"', '"new corn exchange"'), "A002"),
    ("an unknown work", replace(NOTES, "work: sample-1970\n        at: {chapter: 2}", "work: no-such-work\n        at: {chapter: 2}"), "A013"),
    ("a work without a locator", replace(NOTES, "      - work: sample-1970\n        at: {chapter: 2}", "      - work: sample-1970"), "A014"),
    ("an unknown glossary entry in a case", replace("cases/northgate-1905.yml", "glossary: [", "glossary: [no-such-entry, "), "C003"),
    ("a new source not yet in the registries", new_source, "P001"),
    ("a published case removed", remove("cases/southport-1926.yml"), "P003"),
    ("a published note removed", lambda root: replace(NOTES, SIZE_NOTE, "")(root), "P003"),
    ("a bad redirect", write("anchors/redirects.yml", "/cases/x/: nowhere\n"), "P006"),
]


def codes(text: str) -> set[str]:
    return set(CODE.findall(text))


@dataclass(frozen=True)
class Done:
    returncode: int
    stderr: str


@pytest.fixture()
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., Done]:
    """``python -m build_tools --root ROOT ARGS`` in this process (MkDocs still runs in its own)."""

    def call(root: Path, *args: str) -> Done:
        capsys.readouterr()
        status = cli.main(["--root", str(root), *args])
        return Done(status, capsys.readouterr().err)

    return call


@pytest.mark.parametrize(("what", "change", "code"), REFUSED, ids=[r[0] for r in REFUSED])
def test_check_refuses_what_build_refuses(tmp_path: Path, run: Callable[..., Done], what: str, change: Callable[[Path], None], code: str) -> None:
    root = make_root(tmp_path / "edition")
    change(root)
    built = run(root, "build", "--quiet", "--exports", "none")
    checked = run(root, "check")
    assert built.returncode == 1, f"build accepted {what}"
    assert code in codes(built.stderr), built.stderr
    assert checked.returncode == 1, f"check accepted {what}, which build refuses:\n{built.stderr}"
    assert codes(built.stderr) <= codes(checked.stderr), (built.stderr, checked.stderr)
    assert "Traceback" not in built.stderr + checked.stderr


def test_the_fixture_passes_both(tmp_path: Path, run: Callable[..., Done]) -> None:
    root = make_root(tmp_path / "edition")
    assert run(root, "check").returncode == 0
    assert run(root, "build", "--quiet", "--exports", "none").returncode == 0


def test_a_new_source_without_notes_is_told_by_check(tmp_path: Path, run: Callable[..., Done]) -> None:
    """The density rule `make test` enforces: build publishes the unannotated source, check refuses it."""
    root = make_root(tmp_path / "edition")
    new_source(root)
    (root / "annotations" / "fixture-copy.yml").unlink()
    meta = root / "seeds" / "fixture-copy.yml"
    meta.write_text(meta.read_text(encoding="utf-8").split("gaps:")[0], encoding="utf-8")  # no lost words, so no emendation due
    assert run(root, "anchors").returncode == 0
    built, checked = run(root, "build", "--quiet", "--exports", "none"), run(root, "check")
    assert built.returncode == 0, built.stderr
    assert checked.returncode == 1 and codes(checked.stderr) == {"R001"}, checked.stderr
    assert "annotations/fixture-copy.yml:1:1: error R001: fixture-copy has 0 editor's note(s) for " in checked.stderr


def test_check_and_the_report_apply_the_same_standard(tmp_path: Path, run: Callable[..., Done]) -> None:
    """The editorial report (what `make test` asserts) and check flag the same sources."""
    root = make_root(tmp_path / "edition")
    shutil.copy(root / "annotations" / "fixture-councils.yml", tmp_path / "keep.yml")
    (root / "annotations" / "fixture-councils.yml").write_text(
        (tmp_path / "keep.yml").read_text(encoding="utf-8").split("  - id: delegates-term")[0], encoding="utf-8"
    )
    edition, _ = build_edition(read_inputs(root)[0])
    rows = [source_report(a, edition.notes.get(a.source.slug, ())) for a in edition.sources]
    flagged = {line.split(":")[0] for line in report_problems(rows) if "fewer than one per 500" in line}
    checked = run(root, "check")
    told = set(re.findall(r"error R001: (\S+) has", checked.stderr))
    assert flagged == told


def test_every_code_in_these_cases_is_catalogued() -> None:
    assert {code for *_, code in REFUSED} <= set(CODES)


def test_a_new_address_is_a_warning_for_both(tmp_path: Path, run: Callable[..., Done]) -> None:
    """A new note's address is safe to add: check and build both pass and both say it is not yet
    recorded (P009); the publish workflow records it (``make anchors``) when it publishes."""
    root = make_root(tmp_path / "edition")
    new_note(root)
    built = run(root, "build", "--exports", "none")
    checked = run(root, "check")
    assert built.returncode == 0 and checked.returncode == 0
    assert "warning P009" in built.stderr and "warning P009" in checked.stderr
