"""Editors' reports (candidate glossary terms, uncovered years and places) and page redirects."""

from __future__ import annotations

import pytest

from build_tools import addresses, candidates, cli, generate
from build_tools.inputs import Inputs

from .conftest import with_files


def test_candidate_terms_recur_across_sources_without_an_entry(repo_model: generate.Model) -> None:
    terms = candidates.candidate_terms(repo_model.anchoring.sources, repo_model.linker)
    names = {t for t, _, _ in terms}
    assert all(len(slugs) >= 2 for _, _, slugs in terms)
    assert "Petrograd Soviet" not in names and "Provisional Government" not in names  # covered by entries


def test_places_without_a_case_are_reported(repo_model: generate.Model) -> None:
    found = dict(candidates.uncovered_places(repo_model.anchoring.sources, repo_model.cases, ["Paris", "Finland", "Atlantis"]))
    assert "Paris" not in found and "Atlantis" not in found
    assert any(ref.startswith("alexander-counterfire-road-to-october#") for ref in found["Finland"])


def test_candidates_command_prints_all_three_reports(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["candidates"]) == 0
    out = capsys.readouterr().out
    assert "year without a case: 1989" in out and "place without a case:" in out


def test_a_renamed_page_keeps_a_redirect(repo_inputs: Inputs) -> None:
    changed = with_files(repo_inputs, {"anchors/redirects.yml": b"/glossary/soviets/: /glossary/soviet/\n"})
    result = generate.generate(changed, {}, generate.Settings())
    stub = result.files["glossary/soviets/index.html"].decode("utf-8")
    assert "url=../../glossary/soviet/" in stub and "location.hash" in stub


def test_redirects_must_stay_inside_the_site(repo_inputs: Inputs) -> None:
    changed = with_files(repo_inputs, {"anchors/redirects.yml": b"/a/: ../../etc/passwd\n"})
    _, found = addresses.load_redirects(changed)
    assert [d.code for d in found] == ["S010"]


def test_new_pages_must_be_registered(repo_inputs: Inputs) -> None:
    registered, _ = addresses.load_site_registry(repo_inputs)
    problems = addresses.problems(registered[:-1], registered, {})
    assert [p.code for p in problems] == ["P001"] and "make anchors" in problems[0].message
