"""The editorial standard (issue: annotate every source): density, every gap resolved, every note
cited; the report command; the W3C Web Annotation export; the CONTRIBUTING worked example."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from build_tools import cli, generate, report

from .conftest import with_files

ROOT = Path(__file__).resolve().parent.parent


def reports(model: generate.Model) -> list[report.SourceReport]:
    return [report.source_report(a, model.notes.get(a.source.slug, ())) for a in model.anchoring.sources]


def test_density_gaps_and_citations(repo_model: generate.Model) -> None:
    rows = reports(repo_model)
    assert report.problems(rows) == []
    words = sum(r.words for r in rows)
    notes = sum(r.notes for r in rows)
    assert words / notes <= report.DENSITY_SET
    for row in rows:
        assert row.words / row.notes <= report.DENSITY_SOURCE, row.slug
        assert row.uncited == 0
        assert row.emended + row.unrecoverable == row.gaps


def test_every_note_cites_a_source(repo_model: generate.Model) -> None:
    for notes in repo_model.notes.values():
        for note in notes:
            assert note.sources, note.aid


def test_counterfire_note_anomalies_resolved_visibly(repo_model: generate.Model) -> None:
    notes = repo_model.notes["alexander-counterfire-road-to-october"]
    assert any(n.pid == "n152" for n in notes), "note 152 'ibid.' needs an editorial note"
    text = " ".join(n.body for n in notes)
    assert "xv" in text and "171" in text


def test_report_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["report"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("| source | words | notes |")
    assert "| **all** |" in out


def test_report_fails_when_a_source_is_under_annotated(repo_inputs) -> None:  # type: ignore[no-untyped-def]
    thin = with_files(
        repo_inputs,
        {
            "annotations/socialist-worker-2017-state-power-versus-soviet-power.yml": (
                b"source: socialist-worker-2017-state-power-versus-soviet-power\nannotations: []\n"
            )
        },
    )
    model, _ = generate.build_model(thin)
    assert any("fewer than one per 500" in p for p in report.problems(reports(model)))


def test_web_annotation_collection_shape(repo_generated: generate.Generated, repo_model: generate.Model) -> None:
    data = json.loads(repo_generated.files["annotations.jsonld"])
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld" and data["type"] == "AnnotationCollection"
    items = data["first"]["items"]
    assert data["total"] == len(items) == sum(len(v) for v in repo_model.notes.values())
    for item in items:
        assert item["type"] == "Annotation" and item["motivation"] in ("commenting", "editing")
        assert item["id"].startswith("http") and "#ed-" in item["id"]
        selectors = {s["type"]: s for s in item["target"]["selector"]}
        assert set(selectors) == {"FragmentSelector", "TextQuoteSelector"}
        assert re.fullmatch(r"(p|n)[0-9a-z-]+", selectors["FragmentSelector"]["value"])
        assert {"exact", "prefix", "suffix"} <= set(selectors["TextQuoteSelector"])
        assert item["body"][0]["type"] == "TextualBody" and item["body"][0]["format"] == "text/html"


def _contributing_example() -> str:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    return re.search(r"```yaml\n(  - id: clyde-to-neva\n.*?)```", text, re.S).group(1)  # type: ignore[union-attr]


def test_contributing_worked_example_validates_and_renders(repo_inputs) -> None:  # type: ignore[no-untyped-def]
    path = "annotations/callinicos-1977-soviet-power.yml"
    changed = with_files(repo_inputs, {path: repo_inputs.files[path] + _contributing_example().encode("utf-8")})
    result = generate.generate(changed, {}, generate.Settings())
    errors = [d for d in result.diagnostics if d.severity == "error" and d.code != "P001"]
    assert errors == []
    page = result.files["sources/callinicos-1977-soviet-power.md"].decode("utf-8")
    assert 'id="ed-clyde-to-neva"' in page and 'id="edref-clyde-to-neva"' in page


def test_contributing_mistake_gets_a_precise_error(repo_inputs) -> None:  # type: ignore[no-untyped-def]
    path = "annotations/callinicos-1977-soviet-power.yml"
    wrong = _contributing_example().replace("from the Clyde to the Neva", "from the Clyde to the Volga")
    changed = with_files(repo_inputs, {path: repo_inputs.files[path] + wrong.encode("utf-8")})
    _, found = generate.build_model(changed)
    errors = [d for d in found if d.severity == "error"]
    assert [d.code for d in errors] == ["A002"]
    assert "closest match: 'from the Clyde to the Neva' in p66" in errors[0].message
    expected_line = changed.files[path].decode("utf-8").splitlines().index('      exact: "from the Clyde to the Volga"') + 1
    assert (errors[0].path, errors[0].line) == (path, expected_line)
