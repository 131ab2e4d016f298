"""From the generated docs folder to a checked site: MkDocs builds a candidate, the site checks
run on it, and only a candidate that passes them replaces ``site/``. A failing check leaves the
previous site (or none) and nothing half-built to publish."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ..diagnostics import Diagnostic, error
from ..inputs.files import Inputs, read_site
from ..sources import registry
from . import addresses, verify, write


def registered_ids(inputs: Inputs) -> dict[str, list[str]]:
    """Every passage and note id each source's registry has ever published."""
    found: dict[str, list[str]] = {}
    for slug, raw in inputs.under("anchors", ".json").items():
        if slug == "site":
            continue
        log, _problems = registry.read(f"anchors/{slug}.json", slug, raw)
        if log is not None:  # `check` reports a damaged registry (P004)
            found[slug] = [rid for rid, record in log.state().items() if record.kind != "gap"]
    return found


def check_built(site: Path, inputs: Inputs) -> tuple[int, list[Diagnostic]]:
    """The site checks on the built folder ``site``: (pages checked, problems)."""
    html, static = read_site(site)
    if not html:
        return 0, [error("site", 1, 1, "V004", f"{site} holds no pages")]
    pages = {path: verify.parse_page(path, text) for path, text in html.items()}
    known, found = addresses.load_site_registry(inputs)
    return len(pages), [*found, *verify.check_site(pages, registered_ids(inputs), known, static)]


def mkdocs_build(root: Path, out: Path, dirty: bool = False) -> tuple[bool, str]:
    """Run MkDocs on ``build/docs`` into ``out``; (success, what it printed)."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(root / "mkdocs.yml"), "-d", str(out)]
    if dirty:
        command.append("--dirty")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    return done.returncode == 0, (done.stdout + done.stderr).strip()


def publish(root: Path, inputs: Inputs) -> tuple[int, list[Diagnostic]]:
    """Build the site into a candidate folder, check it, and move it to ``site/`` if it passes."""
    candidate = root / "build" / "site-candidate"
    write.remove_tree(candidate)
    ok, output = mkdocs_build(root, candidate)
    if not ok:
        write.remove_tree(candidate)
        return 0, [error("mkdocs.yml", 1, 1, "V005", f"MkDocs failed: {output[-600:]}")]
    count, problems = check_built(candidate, inputs)
    if problems:
        write.remove_tree(candidate)
        return count, problems
    write.replace_tree(candidate, root / "site")
    return count, []
