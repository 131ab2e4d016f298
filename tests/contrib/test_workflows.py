"""The GitHub workflows: every action pinned by a full commit SHA (the release named beside it),
least permissions, publishing only after the pull-request checks pass on the same commit, and
CI running the project's own entry point and showing its results where contributors look."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.editions import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
#: the releases pinned, as read from the actions' own repositories (git tags -> commits)
RELEASES = {
    "actions/checkout": ("v7.0.1", "3d3c42e5aac5ba805825da76410c181273ba90b1"),
    "actions/setup-python": ("v7.0.0", "5fda3b95a4ea91299a34e894583c3862153e4b97"),
    "actions/setup-node": ("v7.0.0", "820762786026740c76f36085b0efc47a31fe5020"),
    "actions/upload-artifact": ("v7.0.0", "bbbca2ddaa5d8feaa63e36b76fdaad77386f024f"),
    "actions/upload-pages-artifact": ("v5.0.0", "fc324d3547104276b827a68afc52ff2a11cc49c9"),
    "actions/deploy-pages": ("v5.0.0", "cd2ce8fcbc39b97be8ca5fce6e763baed58fa128"),
}


def load(name: str) -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    return data


def triggers(flow: dict[Any, Any]) -> dict[str, Any]:
    on = flow.get("on", flow.get(True))  # PyYAML reads the key `on` as True
    return on if isinstance(on, dict) else {}


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.yml")), ids=lambda p: p.name)
def test_every_action_is_pinned_by_commit(path: Path) -> None:
    for line in path.read_text(encoding="utf-8").splitlines():
        found = re.search(r"uses:\s*(\S+)", line)
        if not found or found.group(1).startswith("./"):
            continue
        action, _, ref = found.group(1).partition("@")
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{path.name}: {action} is not pinned by a full commit SHA"
        tag, sha = RELEASES[action]
        assert ref == sha and line.rstrip().endswith(f"# {tag}"), f"{path.name}: {action}@{ref} should be {sha} # {tag}"


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.yml")), ids=lambda p: p.name)
def test_permissions_are_given_per_job_and_read_only_by_default(path: Path) -> None:
    flow = load(path.name)
    assert flow["permissions"] in ({}, {"contents": "read"}), "the workflow's default grants at most read access"
    for name, job in flow["jobs"].items():
        assert "permissions" in job, f"{path.name}: job {name} says which permissions it needs"
    assert "pull_request_target" not in triggers(flow), "code from forks never runs with write access"


def test_publishing_waits_for_the_same_checks_on_the_same_commit() -> None:
    flow = load("pages.yml")
    jobs = flow["jobs"]
    assert jobs["test"]["uses"] == "./.github/workflows/ci.yml"  # the pull requests' checks, called for this commit
    assert jobs["build"]["needs"] == "test" and jobs["deploy"]["needs"] == "build"
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["build"]["permissions"] == {"contents": "read"} and jobs["test"]["permissions"] == {"contents": "read"}
    build = next(s for s in jobs["build"]["steps"] if s.get("run") == "make build")
    assert {"DPR_SITE_URL", "DPR_REPOSITORY"} <= set(build["env"])
    assert "github.repository" in build["env"]["DPR_REPOSITORY"]
    assert "workflow_call" in triggers(load("ci.yml"))


def test_ci_runs_the_project_entry_point_and_reports_where_contributors_look() -> None:
    flow = load("ci.yml")
    steps = flow["jobs"]["test"]["steps"]
    scripts = "\n".join(s.get("run", "") for s in steps)
    assert "bash .ci/run" in scripts
    assert "build_tools check --format github" in scripts
    assert '>> "$GITHUB_STEP_SUMMARY"' in scripts and "build_tools changes --base" in scripts
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"
    assert {"pull_request", "workflow_dispatch"} <= set(triggers(flow))
    for step in steps:  # what a pull request controls reaches scripts only through the environment
        assert "github.event" not in step.get("run", "") and "github.head_ref" not in step.get("run", "")
