"""Validator messages as GitHub workflow commands, against GitHub's documented syntax
(``::error file={name},line={line},endLine={endLine},title={title}::{message}``, docs.github.com,
"Workflow commands for GitHub Actions") and the runner's own parser, ported below from
actions/runner ``src/Runner.Common/ActionCommand.cs`` (``TryParseV2``, ``UnescapeProperty``,
``UnescapeData``): what the runner reads back must be exactly what the diagnostic says."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from build_tools import cli
from build_tools.contrib import github
from build_tools.diagnostics import CODES, Diagnostic
from tests.editions import make_root

COMMANDS = {"error", "warning", "notice", "debug", "group", "endgroup", "add-mask", "stop-commands"}
# ActionCommand.cs: the unescape tables, applied in this order
PROPERTY_UNESCAPES = (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%"))
DATA_UNESCAPES = (("%0D", "\r"), ("%0A", "\n"), ("%25", "%"))


def _unescape(text: str, table: tuple[tuple[str, str], ...]) -> str:
    for escaped, char in table:
        text = text.replace(escaped, char)
    return text


def runner_parse(line: str) -> tuple[str, dict[str, str], str] | None:
    """``TryParseV2``: (command, properties, data), or None if the runner sees no command."""
    message = line.lstrip()
    if not message.startswith("::"):
        return None
    end = message.find("::", 2)
    if end < 0:
        return None
    info = message[2:end]
    name, _, props = info.partition(" ")
    if name not in COMMANDS:
        return None
    properties: dict[str, str] = {}
    for item in (p for p in props.strip().split(",") if p):
        key, sep, value = item.partition("=")
        if sep and key and value:
            properties[key.lower()] = _unescape(value, PROPERTY_UNESCAPES)
    return name, properties, _unescape(message[end + 2 :], DATA_UNESCAPES)


def test_the_parser_reads_githubs_documented_example() -> None:
    documented = "::error file=app.js,line=1,col=5,endColumn=7,title=YOUR-TITLE::Missing semicolon"
    assert runner_parse(documented) == ("error", {"file": "app.js", "line": "1", "col": "5", "endcolumn": "7", "title": "YOUR-TITLE"}, "Missing semicolon")


def test_an_annotation_has_the_documented_form() -> None:
    diagnostic = Diagnostic("annotations/x.yml", 12, 7, "A002", "'from the Clyde to the Volga' is not in p66")
    line = github.annotation(diagnostic)
    assert line == (
        "::error file=annotations/x.yml,line=12,col=7,title=A002::'from the Clyde to the Volga' is not in p66%0Ahint: " + CODES["A002"][1].replace("%", "%25")
    )
    warning = Diagnostic("glossary/soviet.yml", 1, 1, "G003", "entry matches nothing", "warning")
    assert github.annotation(warning).startswith("::warning file=glossary/soviet.yml,line=1,col=1,title=G003::")


def test_the_documented_escapes() -> None:
    assert github.escape_data("100% \r\n done") == "100%25 %0D%0A done"
    assert github.escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


text = st.text(st.characters(codec="utf-8"), max_size=80)
paths = st.text(st.characters(codec="utf-8"), min_size=1, max_size=80).filter(lambda p: not p.startswith("="))  # a path is never empty


@given(path=paths, code=st.sampled_from(sorted(CODES)), message=text, line=st.integers(0, 10**6), col=st.integers(0, 10**4))
def test_the_runner_reads_back_exactly_the_diagnostic(path: str, code: str, message: str, line: int, col: int) -> None:
    """Whatever a path or message holds (line breaks, ``::``, ``%0A``, commas), the command is one line
    and the runner reads back the same file, position, title and message: contributor text inside a
    message can neither end the command early nor start another."""
    diagnostic = Diagnostic(path, line, col, code, message)
    command = github.annotation(diagnostic)
    assert "\n" not in command and "\r" not in command
    parsed = runner_parse(command)
    assert parsed is not None
    name, properties, data = parsed
    assert name == "error"
    assert properties == {"file": path, "line": str(max(line, 1)), "col": str(max(col, 1)), "title": code}
    assert data == f"{message}\nhint: {CODES[code][1]}"


def test_an_injected_command_stays_inside_the_message() -> None:
    hostile = "words\n::add-mask::secret\r\n::set-env name=X::y, file=other.yml,line=1"
    command = github.annotation(Diagnostic("annotations/x.yml", 3, 5, "A002", hostile))
    assert "\n" not in command and "\r" not in command
    assert runner_parse(command) == ("error", {"file": "annotations/x.yml", "line": "3", "col": "5", "title": "A002"}, f"{hostile}\nhint: {CODES['A002'][1]}")


@pytest.fixture()
def broken(tmp_path: Path) -> Path:
    root = make_root(tmp_path / "edition")
    path = root / "annotations" / "fixture-councils.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('exact: "old corn exchange"', 'exact: "old corn, exchange: hall"'), encoding="utf-8")
    return root


def test_check_format_github_prints_one_command_per_problem(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--root", str(broken), "check", "--format", "github"]) == 1
    out, err = capsys.readouterr()
    commands = [runner_parse(line) for line in out.splitlines()]
    errors = [c for c in commands if c and c[0] == "error"]
    assert len(errors) == 1
    _, properties, data = errors[0]
    assert properties["file"] == "annotations/fixture-councils.yml" and properties["title"] == "A002"
    line = int(properties["line"])
    text = (broken / properties["file"]).read_text(encoding="utf-8").splitlines()[line - 1]
    assert "old corn, exchange: hall" in text  # the annotation lands on the changed line
    assert "'old corn, exchange: hall'" in data and "\nhint: " in data
    assert "error A002:" in err  # the readable form is printed as well
