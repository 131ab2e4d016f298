"""The editors' reports on the fixture edition: candidate glossary terms, years and places without
a case, the editorial report and its standard, and the registry of published addresses."""

from __future__ import annotations

import pytest

from build_tools import cli
from build_tools.editorial import candidates, report
from build_tools.editorial.edition import Edition, build_edition
from build_tools.inputs.files import Inputs
from build_tools.site import addresses

from ..editions import FIXTURE, with_files


def test_candidate_terms_recur_across_sources_without_an_entry(fixture_edition: Edition) -> None:
    terms = candidates.candidate_terms(fixture_edition.sources, fixture_edition.linker)
    assert [(term, slugs) for term, _count, slugs in terms] == [("Northgate", ["fixture-councils", "fixture-encyclopedia"])]
    assert all(len(slugs) >= 2 for _, _, slugs in terms)


def test_years_and_places_without_a_case(fixture_edition: Edition) -> None:
    years = dict(candidates.uncovered_years(fixture_edition.sources, fixture_edition.cases))
    assert 1955 in years and 1905 not in years and 1906 not in years  # the Northgate case covers 1905-06
    places = dict(candidates.uncovered_places(fixture_edition.sources, fixture_edition.cases, ["Northgate", "Atlantis"]))
    assert "Atlantis" not in places  # named in no source
    assert "Northgate" not in places  # the Northgate case's place


def test_the_candidates_command_prints_its_reports(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--root", str(FIXTURE), "candidates"]) == 0
    out = capsys.readouterr().out
    assert "Northgate  (fixture-councils, fixture-encyclopedia)" in out and "year without a case: 1955" in out


def test_the_report_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--root", str(FIXTURE), "report"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("| source | words | notes | words/note |")
    assert "| fixture-councils | 406 | 10 |" in out and "| **all** | 590 | 13 |" in out


def test_the_report_holds_the_standard(fixture_edition: Edition, fixture_inputs: Inputs) -> None:
    rows = [report.source_report(a, fixture_edition.notes.get(a.source.slug, ())) for a in fixture_edition.sources]
    assert report.problems(rows) == []
    assert all(r.uncited == 0 and r.emended + r.unrecoverable == r.gaps for r in rows)
    thin = with_files(fixture_inputs, {"annotations/fixture-encyclopedia.yml": "source: fixture-encyclopedia\nannotations: []\n"})
    edition, _ = build_edition(thin)
    rows = [report.source_report(a, edition.notes.get(a.source.slug, ())) for a in edition.sources]
    found = report.problems(rows)
    assert "fixture-encyclopedia: 0 notes for 184 words: fewer than one per 500" in found
    assert "fixture-encyclopedia: 1 gap(s) neither emended nor marked unrecoverable" in found


def test_new_pages_must_be_registered(fixture_inputs: Inputs, fixture_edition: Edition) -> None:
    registered, found = addresses.load_site_registry(fixture_inputs)
    assert found == [] and set(addresses.current_addresses(fixture_edition)) <= set(registered)
    problems = addresses.problems(registered[:-1], registered)
    assert [(p.code, p.severity) for p in problems] == [("P009", "warning")] and "make anchors" in problems[0].message
