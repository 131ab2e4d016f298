"""Incremental rebuilds: after one input file changes, only the pages it affects are rewritten.

Every other file in build/docs keeps its bytes, its modification time and its inode (it was not
rewritten at all), which is what lets MkDocs' --dirty preview rebuild just the changed pages.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from build_tools import cli
from build_tools.inputs import FOLDERS

ROOT = Path(__file__).resolve().parent.parent
SLUG = "callinicos-2007-dual-power-in-our-hands"

State = dict[str, tuple[bytes, int, int]]


def copy_repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for name in (*FOLDERS, "docs"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, root / name)
    return root


def state(docs: Path) -> State:
    """Bytes, modification time (ns) and inode of every file under ``docs``."""
    found: State = {}
    for path in sorted(docs.rglob("*")):
        if path.is_file():
            info = path.stat()
            found[path.relative_to(docs).as_posix()] = (path.read_bytes(), info.st_mtime_ns, info.st_ino)
    return found


def build(root: Path, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert cli.main(["--root", str(root), "build", "--quiet"]) == 0
    return capsys.readouterr().out


def edit_first_note(path: Path, words: str) -> None:
    text = path.read_text(encoding="utf-8")
    edited, count = re.subn(r"(\n(\s+)body: \|\n\s+)", rf"\g<1>{words} ", text, count=1)
    assert count == 1
    path.write_text(edited, encoding="utf-8")


@pytest.fixture()
def built(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    root = copy_repo(tmp_path)
    build(root, capsys)
    return root


def test_rebuild_without_changes_rewrites_nothing(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = built / "build" / "docs"
    before = state(docs)
    out = build(built, capsys)
    assert state(docs) == before
    assert "wrote" not in out
    assert f"generate: 0 file(s) written, {len(before)} untouched" in out


def test_one_annotation_file_rewrites_only_its_pages(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = built / "build" / "docs"
    before = state(docs)
    edit_first_note(built / "annotations" / f"{SLUG}.yml", "Edited for the incremental test.")

    out = build(built, capsys)

    after = state(docs)
    assert after.keys() == before.keys()
    # the note is shown on its source page and published in the Web Annotation collection
    expected = {f"sources/{SLUG}.md", "annotations.jsonld"}
    changed = {rel for rel in before if after[rel] != before[rel]}
    assert changed == expected
    for rel in expected:
        assert b"Edited for the incremental test." in after[rel][0]
    for rel in before.keys() - expected:
        assert after[rel] == before[rel], f"{rel} was rewritten"  # same bytes, same mtime, same inode
    # the command line says what it rewrote and that the rest was left alone
    assert sorted(line.strip() for line in out.splitlines() if line.startswith("  wrote")) == sorted(f"wrote build/docs/{rel}" for rel in expected)
    assert f"generate: 2 file(s) written, {len(before) - 2} untouched (same content: not rewritten" in out


def test_reverting_the_edit_restores_the_original_bytes(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = built / "build" / "docs"
    before = state(docs)
    path = built / "annotations" / f"{SLUG}.yml"
    original = path.read_bytes()
    edit_first_note(path, "Temporary words.")
    build(built, capsys)
    path.write_bytes(original)
    build(built, capsys)
    after = state(docs)
    assert {rel: data for rel, (data, _, _) in after.items()} == {rel: data for rel, (data, _, _) in before.items()}
    untouched = before.keys() - {f"sources/{SLUG}.md", "annotations.jsonld"}
    assert all(after[rel] == before[rel] for rel in untouched)


def test_a_broken_edit_writes_nothing(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = built / "build" / "docs"
    before = state(docs)
    path = built / "annotations" / f"{SLUG}.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: context", "kind: opinion", 1), encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["--root", str(built), "build", "--quiet"]) == 1
    assert "nothing was written" in capsys.readouterr().err
    assert state(docs) == before
