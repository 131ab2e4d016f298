"""The memo: a rebuild that reuses stored results gives exactly what a build from nothing gives.

Every kind of edit a contributor makes is applied to the real edition, one after another, with a
memo kept across them (as the preview keeps it); after each, the files, diagnostics and report
must equal those of a fresh build with no memo. The stored form must refuse forged, damaged or
foreign entries, and the command line must say what it reused.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools import build, cli, generate
from build_tools.inputs import Inputs, read_docs, read_memo, read_secret
from build_tools.memo import Memo, code_fingerprint, seal, unseal

from .conftest import with_files
from .test_incremental import copy_repo

ROOT = Path(__file__).resolve().parent.parent
SLUG = "callinicos-2007-dual-power-in-our-hands"
OTHER = "callinicos-1977-soviet-power"
DOCS = read_docs(ROOT)

Edit = Callable[[Inputs], Inputs]


def _replace(path: str, old: str, new: str) -> Edit:
    def edit(inputs: Inputs) -> Inputs:
        text = inputs.files[path].decode("utf-8")
        assert old in text, (path, old)
        return with_files(inputs, {path: text.replace(old, new, 1).encode("utf-8")})

    return edit


def _remove(path: str) -> Edit:
    return lambda inputs: with_files(inputs, {path: None})


def _first_body(path: str, words: str) -> Edit:
    def edit(inputs: Inputs) -> Inputs:
        text = inputs.files[path].decode("utf-8")
        edited, count = re.subn(r"(\n(\s+)body: \|\n\s+)", rf"\g<1>{words} ", text, count=1)
        assert count == 1
        return with_files(inputs, {path: edited.encode("utf-8")})

    return edit


#: one edit of every kind of input file, including edits that make errors and warnings
EDITS: dict[str, Edit] = {
    "annotation body": _first_body(f"annotations/{SLUG}.yml", "A memo test."),
    "annotation broken": _replace(f"annotations/{SLUG}.yml", "kind: context", "kind: opinion"),
    "annotation file removed": _remove(f"annotations/{OTHER}.yml"),
    "seed text typo": _replace(f"seeds/{SLUG}.txt", "The great revolutionary upheavals", "The grate revolutionary upheavals"),
    "seed metadata": _replace(f"seeds/{SLUG}.yml", "title:", "title: Memo test"),
    "registry removed": _remove(f"anchors/{OTHER}.json"),
    "glossary alias": _replace("glossary/bolsheviks.yml", "  - Bolshevik faction\n", "  - Bolshevik faction\n  - great revolutionary upheavals\n"),
    "glossary entry removed": _remove("glossary/bukharin.yml"),
    "case name": _replace("cases/paris-1871.yml", "name: Paris Commune", "name: The Paris Commune"),
    "case removed": _remove("cases/britain-1926.yml"),
    "pins": lambda inputs: with_files(inputs, {"anchors/pins.yml": f"{SLUG}:\n  12: p3\n".encode()}),
    "redirects": lambda inputs: with_files(inputs, {"anchors/redirects.yml": b"/glossary/old-name/: /glossary/bolsheviks/\n"}),
}


def _outcome(result: generate.Generated) -> tuple[dict[str, bytes], list[str], tuple[str, ...]]:
    return result.files, sorted(d.format() for d in result.diagnostics), result.report


def _check_warm_equals_cold(inputs: Inputs, memo: Memo, site: generate.Settings | None = None) -> None:
    site = site or generate.Settings()
    memo.start_run()
    warm = generate.generate(inputs, DOCS, site, memo)
    memo.end_run()
    cold = generate.generate(inputs, DOCS, site, Memo(salt=memo.salt))
    assert _outcome(warm) == _outcome(cold)


def test_every_kind_of_edit_in_turn_gives_what_a_fresh_build_gives(repo_inputs: Inputs) -> None:
    memo = Memo(salt="test")
    inputs = repo_inputs
    _check_warm_equals_cold(inputs, memo)
    for name, edit in EDITS.items():
        inputs = edit(inputs)
        memo.start_run()
        generate.generate(inputs, DOCS, generate.Settings(), memo)
        assert memo.hits > 0 or name.startswith("seed"), f"{name}: nothing was reused"
        memo.end_run()
        _check_warm_equals_cold(inputs, memo)
    _check_warm_equals_cold(repo_inputs, memo)  # and back to where it started
    _check_warm_equals_cold(repo_inputs, memo, generate.Settings(site_url="https://example.org/dpr/", edit_base="https://example.org/edit"))


def test_an_annotation_edit_recomputes_only_its_own_units(repo_inputs: Inputs) -> None:
    memo = Memo(salt="test")
    generate.generate(repo_inputs, DOCS, generate.Settings(), memo)
    memo.start_run()
    generate.generate(EDITS["annotation body"](repo_inputs), DOCS, generate.Settings(), memo)
    # the annotation file, its source page and its Web Annotation items
    assert len(memo.made) == 3
    assert memo.hits == len(memo.used) - 3


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(sorted(EDITS)), min_size=1, max_size=3, unique=True))
def test_any_sequence_of_edits_gives_what_a_fresh_build_gives(repo_inputs: Inputs, names: list[str]) -> None:
    memo = Memo(salt="test")
    generate.generate(repo_inputs, DOCS, generate.Settings(), memo)
    inputs = repo_inputs
    for name in names:
        inputs = EDITS[name](inputs)
        _check_warm_equals_cold(inputs, memo)


def test_keys_change_with_the_code() -> None:
    assert Memo(salt="a").key("x") != Memo(salt="b").key("x")
    assert Memo(salt="a").key("ab", "c") != Memo(salt="a").key("a", "bc")  # parts are delimited
    one = code_fingerprint([("build_tools/x.py", b"print(1)")])
    assert one != code_fingerprint([("build_tools/x.py", b"print(2)")])
    assert one == code_fingerprint([("build_tools/x.py", b"print(1)")])


def test_stored_entries_verify_only_with_their_secret_and_name() -> None:
    secret, other = b"s" * 32, b"t" * 32
    name = "a" * 64
    stored = seal(secret, name, ("value", 1))
    assert unseal(secret, name, stored) is not None
    assert unseal(other, name, stored) is None  # another machine's (or a forger's) secret
    assert unseal(secret, "b" * 64, stored) is None  # moved to another key
    damaged = stored[:-1] + bytes([stored[-1] ^ 1])
    assert unseal(secret, name, damaged) is None
    assert unseal(secret, name, b"") is None


@pytest.fixture()
def secret_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "secret" / "memo.secret"
    monkeypatch.setenv("DPR_MEMO_SECRET", str(path))
    monkeypatch.delenv("DPR_MEMO", raising=False)
    return path


def _build(root: Path, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert cli.main(["--root", str(root), "build", "--quiet"]) == 0
    return capsys.readouterr().out


def test_the_command_line_reuses_the_stored_memo(tmp_path: Path, secret_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_repo(tmp_path)
    first = _build(root, capsys)
    assert re.search(r"memo: 0 reused, [1-9]\d* computed", first)
    assert secret_file.stat().st_mode & 0o777 == 0o600
    assert list((root / "build" / "memo").rglob("*"))
    second = _build(root, capsys)
    assert re.search(r"memo: [1-9]\d* reused, 0 computed", second)
    assert "0 file(s) written" in second


def test_a_forged_entry_is_never_used(tmp_path: Path, secret_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Entries committed to a pull request, or written by anybody without the secret, are ignored."""
    root = copy_repo(tmp_path)
    _build(root, capsys)
    page = root / "build" / "docs" / "sources" / f"{SLUG}.md"
    expected = page.read_bytes()
    forger = b"f" * 32
    for path in (root / "build" / "memo").rglob("*"):
        if path.is_file():
            path.write_bytes(seal(forger, path.name, b"<script>alert('dpr-memo-forgery')</script>"))
    out = _build(root, capsys)
    assert re.search(r"memo: 0 reused", out)
    assert page.read_bytes() == expected
    assert b"dpr-memo-forgery" not in b"".join(p.read_bytes() for p in (root / "build" / "docs").rglob("*.md"))


def test_the_store_holds_only_what_the_last_build_used(tmp_path: Path, secret_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_repo(tmp_path)
    _build(root, capsys)
    stray = root / "build" / "memo" / "zz" / "not-a-key"
    stray.parent.mkdir()
    stray.write_bytes(b"junk")
    before = {p.name for p in (root / "build" / "memo").rglob("*") if p.is_file()} - {"not-a-key"}
    path = root / "annotations" / f"{SLUG}.yml"
    path.write_bytes(EDITS["annotation body"](Inputs({f"annotations/{SLUG}.yml": path.read_bytes()})).files[f"annotations/{SLUG}.yml"])
    _build(root, capsys)
    after = {p.name for p in (root / "build" / "memo").rglob("*") if p.is_file()}
    assert len(after - before) == 3 and len(before - after) == 3  # the edited units replaced, junk gone
    secret = read_secret(secret_file)
    assert secret is not None
    assert set(read_memo(root, secret)) == after


def test_a_secret_others_can_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "memo.secret"
    path.write_bytes(os.urandom(32))
    path.chmod(0o600)
    assert read_secret(path) is not None
    path.chmod(0o644)
    assert read_secret(path) is None
    path.chmod(0o600)
    path.write_bytes(b"short")
    assert read_secret(path) is None
    link = tmp_path / "link.secret"
    link.symlink_to(path)
    assert read_secret(link) is None


def test_the_memo_can_be_turned_off(tmp_path: Path, secret_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DPR_MEMO", "0")
    root = copy_repo(tmp_path)
    out = _build(root, capsys)
    assert "memo: 0 reused" in out
    assert not (root / "build" / "memo").exists()
    assert not secret_file.exists()
    memo, secret = build.open_memo(root)
    assert secret is None and not memo.stored
