"""The "Suggest a note" issue -> pull request conversion, offline: the form and its parser agree,
a good suggestion becomes exactly one validated entry, and a bad one changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from build_tools import cli
from build_tools.contrib import issue_form, suggestion
from build_tools.editorial.annotations import KINDS
from build_tools.inputs.files import read_inputs
from tests.editions import ROOT, make_root

from .forms import GOOD, issue_body

TEMPLATE = ROOT / ".github" / "ISSUE_TEMPLATE" / "suggest-a-note.yml"
WORKFLOW = ROOT / ".github" / "workflows" / "suggestion-to-pr.yml"
NOTES = "annotations/fixture-councils.yml"


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    return make_root(tmp_path / "edition")


def run(root: Path, *args: str) -> int:
    return cli.main(["--root", str(root), *args])


def suggest(root: Path, body: str, *args: str) -> int:
    path = root.parent / "issue.md"
    path.write_bytes(body.encode("utf-8"))
    return run(root, "suggestion", str(path), *args)


# --- the form and the parser -------------------------------------------------------------------


def test_the_issue_template_has_the_parsers_fields_in_order() -> None:
    form = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))
    inputs = [item for item in form["body"] if item["type"] != "markdown"]
    assert [item["attributes"]["label"] for item in inputs] == [f.label for f in issue_form.FIELDS]
    assert [item["id"] for item in inputs] == [f.key for f in issue_form.FIELDS]
    for item, field in zip(inputs, issue_form.FIELDS, strict=True):
        assert bool(item.get("validations", {}).get("required")) == field.required, field.key
        assert (item["type"] == "textarea") == (not field.single_line), field.key
    kind = next(item for item in inputs if item["id"] == "kind")
    assert kind["type"] == "dropdown" and kind["attributes"]["options"] == list(KINDS)


def test_the_workflow_treats_the_issue_as_data() -> None:
    """No expression of the issue's text inside a script; read from the event file by our command."""
    text = WORKFLOW.read_text(encoding="utf-8")
    flow = yaml.safe_load(text)
    for step in flow["jobs"]["convert"]["steps"]:
        script = step.get("run", "")
        assert "${{" not in script, step
    assert "github.event.issue.body" not in text and "github.event.issue.title" not in text
    assert '--event "$GITHUB_EVENT_PATH"' in text
    assert flow["permissions"] == {}
    assert set(flow["jobs"]["convert"]["permissions"]) == {"contents", "pull-requests", "issues", "actions"}
    assert flow[True] == {"issues": {"types": ["labeled"]}}  # PyYAML reads the key `on` as True


def test_parse_reads_each_field_and_no_response_as_empty() -> None:
    values, problems = issue_form.parse(issue_body(GOOD))
    assert problems == []
    assert values["source"] == "fixture-councils" and values["body"] == GOOD["body"]
    assert values["prefix"] == "" and values["cited_passage"] == ""


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda b: b.replace("### Note\r\n", "### Notes\r\n"), "I001"),  # a heading edited away
        (lambda b: b + "\r\n### Source\r\n\r\nfixture-encyclopedia\r\n", "I001"),  # a heading twice
        (lambda b: b.replace("fixture-councils", "_No response_", 1), "I001"),  # a required field empty
        (lambda b: b.replace("kept the town hall", "x" * 1001), "I002"),  # too long
        (lambda b: b.replace("A. Reader", "A.\r\nReader"), "I002"),  # one-line field on two lines
        (lambda b: "x" * (issue_form.MAX_BODY + 1), "I002"),  # larger than any form
        (lambda b: b.replace("A. Reader", "A. \x1b[31mReader"), "Y005"),  # a control character
        (lambda b: b.replace("A. Reader", "A. \u202eReader"), "Y005"),  # a bidirectional override
    ],
)
def test_an_unusable_body_is_refused_with_one_code(change, code) -> None:  # type: ignore[no-untyped-def]
    _values, problems = issue_form.parse(change(issue_body(GOOD)))
    assert problems and {p.code for p in problems} == {code}
    assert all(p.path == "issue" for p in problems)


def test_fields_out_of_order_are_refused() -> None:
    body = issue_body(GOOD, crlf=False)
    first, rest = body.split("### Passage", 1)
    swapped = "### Passage" + rest + first
    _values, problems = issue_form.parse(swapped)
    assert [p.code for p in problems] == ["I001"]


@pytest.mark.parametrize(
    ("text", "locator"),
    [
        ("chapter 3", {"chapter": 3}),
        ("chapter 4, page 61–64", {"chapter": 4, "page": "61–64"}),
        ("pp. 61–64", {"page": "61–64"}),
        ("section: The mills, 1906", {"section": "The mills, 1906"}),
        ("volume 2, chapter The Bolsheviks and the Soviets", {"volume": 2, "chapter": "The Bolsheviks and the Soviets"}),
        ("entry: 10 (23) October 1917", {"entry": "10 (23) October 1917"}),
        ("url https://www.marxists.org/x.htm\npage 5", {"url": "https://www.marxists.org/x.htm", "page": 5}),
    ],
)
def test_locators_in_words(text: str, locator: dict[str, object]) -> None:
    assert suggestion.parse_locator(text) == (locator, "")


def test_a_locator_that_is_not_one_is_refused() -> None:
    assert suggestion.parse_locator("somewhere in the middle")[1]
    assert suggestion.parse_locator("page 4, page 5")[1] == "'page' is given twice"


# --- from issue to file --------------------------------------------------------------------------


def test_a_good_suggestion_appends_one_entry_that_validates(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (root / NOTES).read_bytes()
    assert suggest(root, issue_body(GOOD)) == 0
    after = (root / NOTES).read_bytes()
    assert after.startswith(before)  # appended: the contributors' file is otherwise untouched
    data = yaml.safe_load(after)
    assert len(data["annotations"]) == len(yaml.safe_load(before)["annotations"]) + 1
    assert data["annotations"][-1] == {
        "id": "kept-the-town-hall",
        "target": {"passage": "p4", "exact": "kept the town hall"},
        "kind": "context",
        "body": GOOD["body"],
        "sources": [{"work": "sample-1970", "at": {"chapter": 3, "page": 45}}],
        "credit": "A. Reader",
    }
    assert run(root, "anchors") == 0
    capsys.readouterr()
    assert run(root, "check") == 0, capsys.readouterr().err


def test_the_event_file_and_a_link_to_the_passage_work(root: Path) -> None:
    values = {**GOOD, "passage": "http://127.0.0.1:8000/sources/fixture-councils/#p4", "work": "", "at": ""}
    values["cited_passage"] = "https://example.org/site/sources/fixture-councils/#p2"
    event = root.parent / "event.json"
    event.write_text(json.dumps({"action": "labeled", "issue": {"number": 7, "body": issue_body(values)}}), encoding="utf-8")
    assert run(root, "suggestion", "--event", str(event)) == 0
    entry = yaml.safe_load((root / NOTES).read_text(encoding="utf-8"))["annotations"][-1]
    assert entry["target"]["passage"] == "p4" and entry["sources"] == [{"passage": "fixture-councils#p2"}]


def test_the_same_words_twice_get_distinct_ids(root: Path) -> None:
    assert suggest(root, issue_body(GOOD)) == 0
    assert suggest(root, issue_body(GOOD)) == 0  # a second note on the same words (notes may nest)
    ids = [a["id"] for a in yaml.safe_load((root / NOTES).read_text(encoding="utf-8"))["annotations"]]
    assert ids[-2:] == ["kept-the-town-hall", "kept-the-town-hall-2"] and len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"exact": "kept the town halls"}, "A002"),  # not in the passage
        ({"passage": "p99"}, "A001"),
        ({"work": "no-such-work"}, "A013"),
        ({"at": ""}, "A014"),  # a work without a locator
        ({"work": "", "at": ""}, "I001"),  # cites nothing
        ({"kind": "opinion"}, "I002"),
        ({"passage": "paragraph four"}, "I002"),
        ({"source": "../../etc/passwd"}, "I002"),
        ({"source": "no-such-source"}, "I002"),
        ({"at": "somewhere"}, "I002"),
        ({"body": "<script>alert(1)</script>"}, "A008"),
    ],
)
def test_a_bad_suggestion_changes_nothing(root: Path, values: dict[str, str], code: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    comment = root.parent / "comment.md"
    assert suggest(root, issue_body({**GOOD, **values}), "--comment", str(comment)) == 1
    err = capsys.readouterr().err
    assert f"error {code}:" in err and "Traceback" not in err
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before
    reply = comment.read_text(encoding="utf-8")
    assert reply.startswith("This suggestion cannot be turned into a note yet") and f"error {code}:" in reply


def test_a_broken_annotation_file_is_not_extended(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = root / NOTES
    path.write_text(path.read_text(encoding="utf-8").replace('exact: "factory committees"', 'exact: "factory comittees"'), encoding="utf-8")
    assert suggest(root, issue_body(GOOD)) == 1
    assert "error I003:" in capsys.readouterr().err


def test_a_source_without_notes_gets_its_file(root: Path) -> None:
    (root / "annotations" / "fixture-encyclopedia.yml").unlink()
    values = {**GOOD, "source": "fixture-encyclopedia", "passage": "p1", "exact": "dual power", "work": "", "at": ""}
    values["cited_passage"] = "fixture-councils#p5"
    body = issue_body(values)
    problems = suggestion.propose(read_inputs(root)[0], body).diagnostics
    # the encyclopedia has a gap, which the new file does not emend yet: the validator says so
    assert [d.code for d in problems] == ["A010"]
