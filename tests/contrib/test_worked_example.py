"""The contributing guide's worked example, followed step by step: its entry is in the current
format, every command it names exists, and its steps pass in order, on a copy of the fixture
edition (always) and, with the guide's own entry, on a copy of the real edition (content)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from build_tools import cli
from build_tools.inputs import schema_check
from build_tools.inputs.yaml_positions import load_yaml
from tests.editions import ROOT, make_root

GUIDES = [ROOT / "CONTRIBUTING.md", ROOT / "docs" / "contributing" / "index.md", ROOT / "docs" / "contributing" / "annotation-format.md"]
GUIDE = GUIDES[0].read_text(encoding="utf-8")
#: what each make target of the example runs (Makefile), as commands of the build tools; `make test`
#: adds lint, types and the test suite, which are not about the example's data, and the downloads
#: (EPUB, PDF, TEI), which do not depend on notes, are left out for speed
MAKE = {
    "anchors": [["anchors"]],
    "validate": [["check"]],
    "build": [["build", "--quiet", "--exports", "none"]],
    "test": [["check"], ["build", "--quiet", "--exports", "none"], ["report"]],
}


def block(marker: str) -> tuple[str, str]:
    """The fenced block after ``<!-- worked-example: marker -->``: (marker, text)."""
    found = re.search(rf"<!-- worked-example: ({marker}) -->\n```\w*\n(.*?)```", GUIDE, re.S)
    assert found, f"CONTRIBUTING.md has no worked-example block {marker!r}"
    return found.group(1), found.group(2)


def the_entry() -> tuple[str, dict[str, Any], str]:
    path, text = block(r"annotations/[a-z0-9-]+\.yml")
    entry = yaml.safe_load(text)[0]
    return path, entry, text


def the_steps() -> list[str]:
    return re.findall(r"^make (\w+)", block("commands")[1], re.M)


def test_the_guides_name_only_commands_that_exist() -> None:
    targets = set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    commands = {"check", "generate", "build", "anchors", "passages", "verify-site", "report", "candidates", "serve", "suggestion", "changes"}
    for guide in GUIDES:
        text = guide.read_text(encoding="utf-8")
        assert set(re.findall(r"`make ([a-z-]+)", text)) <= targets, guide
        assert set(re.findall(r"-m build_tools ([a-z-]+)", text)) <= commands, guide
    with pytest.raises(SystemExit):  # and the list above is the command line's own
        cli.main(["no-such-command"])


def test_the_entry_is_in_the_current_format() -> None:
    path, entry, text = the_entry()
    slug = path.removeprefix("annotations/").removesuffix(".yml")
    located, problems = load_yaml(path, f"source: {slug}\nannotations:\n{text}".encode())
    assert located is not None and not problems
    assert schema_check.check(located, "annotations.schema.json") == ()
    works = [s for s in entry["sources"] if "work" in s]
    assert works and all(s.get("at") for s in works), "the example cites a work by its key with a locator"
    assert (ROOT / "reference" / "works" / f"{works[0]['work']}.yml").is_file()


def test_the_steps_are_those_ci_runs_in_order() -> None:
    assert the_steps() == ["anchors", "validate", "build", "test"]


def follow(root: Path, path: str, entry_text: str, run: Callable[[Path, list[str]], int]) -> None:
    """Add the entry at the end of the file, then each step of the guide, each passing."""
    target = root / path
    target.write_text(target.read_text(encoding="utf-8").rstrip("\n") + "\n" + entry_text, encoding="utf-8")
    for step in the_steps():
        for args in MAKE[step]:
            assert run(root, args) == 0, f"make {step} ({' '.join(args)}) failed"


@pytest.fixture()
def run(capsys: pytest.CaptureFixture[str]) -> Callable[[Path, list[str]], int]:
    def call(root: Path, args: list[str]) -> int:
        status = cli.main(["--root", str(root), *args])
        err = capsys.readouterr().err
        if status:
            print(err)
        return status

    return call


def test_the_steps_pass_on_the_fixture_edition(tmp_path: Path, run: Callable[[Path, list[str]], int]) -> None:
    """The guide's entry with the fixture's words and works in place of the real ones: same fields."""
    _path, entry, _text = the_entry()
    fixture = {
        "id": entry["id"],
        "target": {"passage": "p17", "exact": "lost most of the mills"},
        "kind": entry["kind"],
        "body": "The two authorities of the invented city: the soviet and the old council.\n",
        "sources": [{"passage": "fixture-councils#p4", "quote": "The old council did not dissolve"}, {"work": "sample-1970", "at": {"chapter": 3}}],
        "credit": entry["credit"],
    }
    assert set(fixture) == set(entry) and set(fixture["target"]) == set(entry["target"])
    assert [set(s) for s in fixture["sources"]] == [set(s) for s in entry["sources"]]
    text = "".join(f"  {line}\n" for line in yaml.safe_dump([fixture], sort_keys=False, allow_unicode=True).splitlines())
    root = make_root(tmp_path / "clone")
    follow(root, "annotations/fixture-councils.yml", text, run)
    page = (root / "site" / "sources" / "fixture-councils" / "index.html").read_text(encoding="utf-8")
    assert f'id="ed-{entry["id"]}"' in page


@pytest.mark.content
def test_the_steps_pass_on_the_real_edition_with_the_guides_entry(tmp_path: Path, run: Callable[[Path, list[str]], int]) -> None:
    path, entry, text = the_entry()
    root = make_root(tmp_path / "clone", data=ROOT)
    follow(root, path, text, run)
    page = (root / "site" / "sources" / path.removeprefix("annotations/").removesuffix(".yml") / "index.html").read_text(encoding="utf-8")
    assert f'id="ed-{entry["id"]}"' in page


@pytest.mark.content
def test_the_guides_example_message_is_real(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, entry, text = the_entry()
    root = make_root(tmp_path / "clone", data=ROOT)
    wrong = text.replace(entry["target"]["exact"], entry["target"]["exact"].replace("Neva", "Volga"))
    (root / path).write_text((root / path).read_text(encoding="utf-8").rstrip("\n") + "\n" + wrong, encoding="utf-8")
    assert cli.main(["--root", str(root), "check"]) == 1
    err = capsys.readouterr().err
    shown = re.search(r"```text\n(annotations/\S+?):\d+:(\d+: error A002: .+)\n", GUIDE)
    assert shown, "the guide shows an A002 message"
    assert re.search(rf"^{re.escape(shown.group(1))}:\d+:{re.escape(shown.group(2))}$", err, re.M), err
