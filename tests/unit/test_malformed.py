"""Malformed inputs that used to crash or hang ``check`` (issue 19): each ends in exactly one coded
error, never a traceback or a hang.

Every case is a variant of the fixture edition on disk, checked by ``check`` in a child process
(forked, so it starts at once) that is killed if it has not finished within ``TIMEOUT`` seconds: a
hang fails the test instead of stopping the suite. All children run at the same time.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import re
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from build_tools import cli
from build_tools.sources import registry

from ..editions import make_root

TIMEOUT = 60.0  # a guard against hangs, not a measure of speed (benchmarks/ measure speed)
LINE = re.compile(r"^(\S+):(\d+):(\d+): error ([A-Z]\d{3}): ", re.M)


@dataclass(frozen=True)
class Malformed:
    name: str
    make: Callable[[Path], tuple[str, str]]  # edits the root; the path and code expected
    count: int = 1  # how many files the one mistake is in


CASES: list[Malformed] = []


def malformed(count: int = 1) -> Callable[[Callable[[Path], tuple[str, str]]], Callable[[Path], tuple[str, str]]]:
    def register(make: Callable[[Path], tuple[str, str]]) -> Callable[[Path], tuple[str, str]]:
        CASES.append(Malformed(make.__name__, make, count))
        return make

    return register


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (rel, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def seal(root: Path, slug: str, change: Callable[[list[dict[str, object]]], None]) -> None:
    """Change the log of a registry and write it with valid digests (a damage only replay can find)."""
    path = root / "anchors" / f"{slug}.json"
    log = list(json.loads(path.read_text(encoding="utf-8"))["log"])
    change(log)
    path.write_text(registry.to_json(registry.Registry(slug, registry.chain(log))), encoding="utf-8")


COUNCILS_META = "seeds/fixture-councils.yml"
REGISTRY = "anchors/fixture-councils.json"


@malformed()
def source_date_month_13(root: Path) -> tuple[str, str]:
    edit(root, COUNCILS_META, 'date: "1955-10"', 'date: "1955-13"')
    return COUNCILS_META, "S008"


@malformed()
def work_date_february_31(root: Path) -> tuple[str, str]:
    edit(root, "reference/works/sample-1970.yml", 'date: "1970"', 'date: "1900-02-31"')
    return "reference/works/sample-1970.yml", "S008"


@malformed()
def case_date_february_31(root: Path) -> tuple[str, str]:
    edit(root, "cases/northgate-1905.yml", 'end: "1906-07"', 'end: "1900-02-31"')
    return "cases/northgate-1905.yml", "S008"


@malformed()
def event_date_february_31(root: Path) -> tuple[str, str]:
    edit(root, "reference/chronology/first-meeting.yml", 'ns: "1905-01-30"', 'ns: "1900-02-31"')
    return "reference/chronology/first-meeting.yml", "S008"


@malformed()
def gap_pattern_without_its_group(root: Path) -> tuple[str, str]:
    edit(root, COUNCILS_META, "(?P<gap>)", "()")
    return COUNCILS_META, "M010"


@malformed()
def note_pattern_without_its_label(root: Path) -> tuple[str, str]:
    edit(root, COUNCILS_META, r"start: '(?P<label>\d+)", r"start: '(\d+)")
    return COUNCILS_META, "M010"


@malformed()
def marker_pattern_without_its_label(root: Path) -> tuple[str, str]:
    edit(root, COUNCILS_META, r"markers: '\[(?P<label>\d+)\]'", r"markers: '\[(\d+)\]'")
    return COUNCILS_META, "M010"


@malformed()
def catastrophic_contributor_regex(root: Path) -> tuple[str, str]:
    edit(root, COUNCILS_META, "  - {match: 'Share this", "  - {match: '(.|..)*\\d{9}', role: drop}\n  - {match: 'Share this")
    return COUNCILS_META, "M017"


@malformed()
def deeply_nested_registry(root: Path) -> tuple[str, str]:
    (root / REGISTRY).write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    return REGISTRY, "P004"


@malformed()
def deeply_nested_yaml(root: Path) -> tuple[str, str]:
    (root / "glossary" / "soviet.yml").write_text("id: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    return "glossary/soviet.yml", "Y001"


@malformed()
def registry_id_not_a_string(root: Path) -> tuple[str, str]:
    edit(root, REGISTRY, '"id": "p1",', '"id": 1,')
    return REGISTRY, "P004"


@malformed()
def registry_text_not_a_string(root: Path) -> tuple[str, str]:
    edit(root, REGISTRY, '"text": "The winter of 1905', '"text": ["The winter of 1905"], "x": "')
    return REGISTRY, "P004"


@malformed()
def registry_not_a_log(root: Path) -> tuple[str, str]:
    (root / REGISTRY).write_text('{"source": "fixture-councils", "format": 2, "log": {"op": "add"}}\n', encoding="utf-8")
    return REGISTRY, "P004"


@malformed()
def bad_successor(root: Path) -> tuple[str, str]:
    seal(root, "fixture-councils", lambda log: log.append({"op": "retire", "id": "p3", "successor": "p999", "how": "moved", "date": log[-1]["date"]}))
    return REGISTRY, "P007"


@malformed()
def reused_id(root: Path) -> tuple[str, str]:
    seal(root, "fixture-councils", lambda log: log.append({"op": "add", "id": "p3", "kind": "paragraph", "text": "Other words.", "date": log[-1]["date"]}))
    return REGISTRY, "P007"


@malformed()
def lowered_id_number(root: Path) -> tuple[str, str]:
    seal(root, "fixture-councils", lambda log: log.append({"op": "add", "id": "p40", "kind": "paragraph", "text": "Other words.", "date": log[-1]["date"]}))
    return REGISTRY, "P007"


@malformed()
def pin_keyed_by_line_number(root: Path) -> tuple[str, str]:
    (root / "anchors" / "pins.yml").write_text("fixture-councils:\n  12: p3\n", encoding="utf-8")
    return "anchors/pins.yml", "S002"


@malformed()
def pin_key_not_a_slug(root: Path) -> tuple[str, str]:
    (root / "anchors" / "pins.yml").write_text("12: {pins: []}\n", encoding="utf-8")
    return "anchors/pins.yml", "S005"


@malformed()
def pin_to_an_unknown_id(root: Path) -> tuple[str, str]:
    (root / "anchors" / "pins.yml").write_text('fixture-councils:\n  pins:\n    - {id: p99, text: "The new body met every evening"}\n', encoding="utf-8")
    return "anchors/pins.yml", "P005"


@malformed()
def redirect_with_nul(root: Path) -> tuple[str, str]:
    (root / "anchors" / "redirects.yml").write_text('"/glossary/a\\0/": /glossary/soviet/\n', encoding="utf-8")
    return "anchors/redirects.yml", "Y005"  # a NUL, even written as an escape, is a control character


@malformed()
def redirect_over_long(root: Path) -> tuple[str, str]:
    (root / "anchors" / "redirects.yml").write_text("? /glossary/" + "a" * 20_000 + "/\n: /glossary/soviet/\n", encoding="utf-8")
    return "anchors/redirects.yml", "P006"


@malformed()
def redirect_loop(root: Path) -> tuple[str, str]:
    (root / "anchors" / "redirects.yml").write_text("/glossary/a/: /glossary/b/\n/glossary/b/: /glossary/c/\n/glossary/c/: /glossary/a/\n", encoding="utf-8")
    return "anchors/redirects.yml", "P006"


@malformed()
def glossary_entry_named_index(root: Path) -> tuple[str, str]:
    text = (root / "glossary" / "soviet.yml").read_text(encoding="utf-8")
    (root / "glossary" / "index.yml").write_text(text.replace("id: soviet", "id: index"), encoding="utf-8")
    return "glossary/index.yml", "S013"


@malformed()
def case_named_index(root: Path) -> tuple[str, str]:
    text = (root / "cases" / "southport-1926.yml").read_text(encoding="utf-8")
    (root / "cases" / "index.yml").write_text(text.replace("id: southport-1926", "id: index"), encoding="utf-8")
    return "cases/index.yml", "S013"


@malformed(count=2)
def source_named_index(root: Path) -> tuple[str, str]:
    (root / "seeds" / "index.txt").write_text("A text\nWith a paragraph.\n", encoding="utf-8")
    (root / "seeds" / "index.yml").write_text((root / COUNCILS_META).read_text(encoding="utf-8").replace("slug: fixture-councils", "slug: index"))
    return "seeds/index.txt", "S013"


@malformed()
def trailing_newline_in_an_id(root: Path) -> tuple[str, str]:
    edit(root, "glossary/soviet.yml", "id: soviet", 'id: "soviet\\n"')
    return "glossary/soviet.yml", "S005"


@malformed()
def trailing_newline_in_a_note_id(root: Path) -> tuple[str, str]:
    edit(root, "annotations/fixture-councils.yml", "id: winter-context", 'id: "winter-context\\n"')
    return "annotations/fixture-councils.yml", "S005"


@malformed()
def quote_of_40_kilobytes(root: Path) -> tuple[str, str]:
    edit(root, "annotations/fixture-councils.yml", 'exact: "old corn exchange"', f'exact: "{"the old corn exchange " * 2000}"')
    return "annotations/fixture-councils.yml", "A015"


@malformed()
def cited_quote_of_40_kilobytes(root: Path) -> tuple[str, str]:
    edit(root, "annotations/fixture-councils.yml", 'quote: "after the Russian word for council"', f'quote: "{"after the Russian word for council " * 1200}"')
    return "annotations/fixture-councils.yml", "A002"  # not found (no closest words are looked for in a citation)


@malformed()
def raw_text_of_50_megabytes(root: Path) -> tuple[str, str]:
    with (root / "seeds" / "fixture-councils.txt").open("a", encoding="utf-8") as handle:
        handle.write("x" * 50_000_000)
    return "seeds/fixture-councils.txt", "S011"


@malformed()
def registry_of_50_megabytes(root: Path) -> tuple[str, str]:
    with (root / REGISTRY).open("a", encoding="utf-8") as handle:
        handle.write(" " * 50_000_000)
    return REGISTRY, "S011"


@malformed()
def byte_order_mark(root: Path) -> tuple[str, str]:
    path = root / "reference" / "works" / "sample-1970.yml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    return "reference/works/sample-1970.yml", "Y006"


@malformed()
def empty_raw_text(root: Path) -> tuple[str, str]:
    (root / "seeds" / "fixture-councils.txt").write_text("", encoding="utf-8")
    return "seeds/fixture-councils.txt", "M014"


@malformed()
def nul_written_as_a_yaml_escape(root: Path) -> tuple[str, str]:
    edit(root, "glossary/soviet.yml", "name: soviet", 'name: "sov\\0iet"')
    return "glossary/soviet.yml", "Y005"


@malformed()
def bidi_override_written_as_a_yaml_escape(root: Path) -> tuple[str, str]:
    edit(root, "annotations/fixture-councils.yml", "body: Each mill elected its own committee.", 'body: "Each mill \\u202eelected its own committee."')
    return "annotations/fixture-councils.yml", "Y005"


@malformed()
def next_line_written_as_a_json_escape(root: Path) -> tuple[str, str]:
    edit(root, REGISTRY, "The winter of 1905 was hard", "The winter of 1905 was\\u0085hard")
    return REGISTRY, "Y005"


# Control characters in any string of any file: a C0 control, a C1 control (U+0085, a line break to
# YAML), a bidirectional override and the line separator, each in a string of every kind of file.
CONTROLS = {"c0": "\x07", "c1": "\u0085", "bidi": "\u202e", "line-separator": "\u2028"}
STRINGS = {
    "seeds/fixture-councils.txt": "the mills ran short time",
    "seeds/fixture-councils.yml": "An invented history",
    "annotations/fixture-councils.yml": "Each mill elected",
    "glossary/soviet.yml": "A council of delegates",
    "cases/northgate-1905.yml": "An invented case",
    "reference/works/sample-1970.yml": "A History of Northgate",
    "reference/chronology/first-meeting.yml": "First meeting of",
    "reference/weak-sources.yml": "a blog platform",
    "anchors/fixture-councils.json": "The winter of 1905",
    "anchors/site.json": "append-only",
}


def _child(root: str, log: str) -> None:
    with open(log, "w", encoding="utf-8") as out, contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            status = cli.main(["--root", root, "check"])
        except BaseException:
            traceback.print_exc()
            status = 99
        out.flush()
    os._exit(status)


@dataclass(frozen=True)
class Outcome:
    expected: tuple[str, str]
    status: int | None  # None: killed after TIMEOUT seconds
    output: str


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Outcome]]:
    if sys.platform == "win32":  # pragma: no cover
        pytest.fail("these tests fork")
    base = tmp_path_factory.mktemp("malformed")
    # check the fixture once here, so that every child starts with the schemas and parsers ready
    with open(os.devnull, "w") as quiet, contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
        assert cli.main(["--root", str(make_root(base / "fixture", site_files=False)), "check"]) == 0
    context = multiprocessing.get_context("fork")
    waiting = list(CASES)
    running: list[tuple[Malformed, tuple[str, str], multiprocessing.process.BaseProcess, Path, float]] = []
    results: dict[str, Outcome] = {}
    while waiting or running:
        while waiting and len(running) < (os.cpu_count() or 2):
            item = waiting.pop(0)
            root = make_root(base / item.name, site_files=False)
            expected = item.make(root)
            log = base / f"{item.name}.log"
            process = context.Process(target=_child, args=(str(root), str(log)))
            process.start()
            running.append((item, expected, process, log, time.monotonic()))
        item, expected, process, log, started = running.pop(0)
        process.join(max(0.0, started + TIMEOUT - time.monotonic()))
        status = process.exitcode
        if process.is_alive():
            process.kill()
            process.join()
            status = None
        results[item.name] = Outcome(expected, status, log.read_text(encoding="utf-8", errors="replace") if log.exists() else "")
    yield results


@pytest.mark.parametrize("item", CASES, ids=[c.name for c in CASES])
def test_one_coded_error_no_traceback_no_hang(item: Malformed, outcomes: dict[str, Outcome]) -> None:
    outcome = outcomes[item.name]
    assert outcome.status is not None, f"check did not finish within {TIMEOUT:.0f} s"
    assert "Traceback" not in outcome.output, outcome.output[-3000:]
    assert outcome.status == 1, outcome.output
    errors = LINE.findall(outcome.output)
    path, code = outcome.expected
    assert [(e[0], e[3]) for e in errors if e[0] == path] and {e[3] for e in errors} == {code}, outcome.output
    assert len(errors) == item.count, outcome.output


@pytest.mark.parametrize("char", CONTROLS.values(), ids=CONTROLS.keys())
@pytest.mark.parametrize("rel", STRINGS)
def test_control_character_in_any_file(rel: str, char: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One Y005 at the character, whatever the file (decoding is linear: no hang to guard against)."""
    root = make_root(tmp_path / "edition", site_files=False)
    text = (root / rel).read_text(encoding="utf-8")
    needle = STRINGS[rel]
    changed = text.replace(needle, needle[:3] + char + needle[3:], 1)
    (root / rel).write_text(changed, encoding="utf-8")
    index = changed.index(char)
    line, col = changed.count("\n", 0, index) + 1, index - changed.rfind("\n", 0, index)
    assert cli.main(["--root", str(root), "check"]) == 1
    err = capsys.readouterr().err
    assert LINE.findall(err) == [(rel, str(line), str(col), "Y005")], err
    assert f"character U+{ord(char):04X} is not allowed" in err
