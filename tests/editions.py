"""Test editions: the fixture edition (``tests/fixtures/edition``) or a variant of it, in memory or
on disk, and built as a whole site the way ``make build`` builds the real one (same ``mkdocs.yml``,
docs and theme).

In memory: ``with_files`` changes files of an ``Inputs``, ``anchored`` brings its registries up to
date as ``make anchors`` would, ``diagnose`` returns what ``check`` reports. On disk: ``make_root``
then ``run`` (any command) or ``build``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from build_tools.diagnostics import Diagnostic
from build_tools.editorial.edition import build_edition
from build_tools.inputs.files import Inputs
from build_tools.settings import Settings
from build_tools.site import addresses, generate
from build_tools.sources.structure import registry_json

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "edition"
DATA = ("seeds", "annotations", "glossary", "cases", "anchors", "reference")
SITE_FILES = ("mkdocs.yml", "docs", "overrides")


def make_root(target: Path, data: Path = FIXTURE, site_files: bool = True) -> Path:
    """A checkout-shaped folder at ``target``: the data of ``data`` with this repository's site files."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in DATA:
        if (data / name).is_dir():
            shutil.copytree(data / name, target / name)
    for name in SITE_FILES if site_files else ():
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    return target


def write_inputs(root: Path, inputs: Inputs) -> None:
    """Replace the data folders of ``root`` with the files of ``inputs``."""
    for name in DATA:
        if (root / name).is_dir():
            shutil.rmtree(root / name)
    for rel, data in inputs.files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)


def run(root: Path, *args: str, timeout: float | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m build_tools --root ROOT ARGS`` from this checkout (its code, ``root``'s data)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "build_tools", "--root", str(root), *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=timeout)


def build(root: Path, exports: str | None = None) -> Path:
    """Build the site of ``root`` (generate, MkDocs, checks); its ``site/`` folder. ``exports``
    names the download files to make (``none``: none; default: all, as ``make build``)."""
    done = run(root, "build", "--quiet", *(("--exports", exports) if exports else ()))
    if done.returncode:
        raise RuntimeError(f"build of {root} failed:\n{done.stdout}{done.stderr}")
    return root / "site"


def with_files(base: Inputs, changes: Mapping[str, bytes | str | None]) -> Inputs:
    """A copy of ``base`` with files replaced, added, or (value None) removed."""
    files = dict(base.files)
    for path, data in changes.items():
        if data is None:
            files.pop(path, None)
        else:
            files[path] = data.encode("utf-8") if isinstance(data, str) else data
    return Inputs(files)


def anchored(inputs: Inputs) -> Inputs:
    """``inputs`` with the registries ``make anchors`` would write (as ``cli.cmd_anchors`` makes them)."""
    edition, _found = build_edition(inputs)
    files: dict[str, bytes | str | None] = {f"anchors/{slug}.json": registry_json(reg) for slug, reg in edition.registries.items()}
    registered, _ = addresses.load_site_registry(inputs)
    heads = {**addresses.registry_heads(inputs), **{slug: str(reg.log[0]["digest"]) for slug, reg in edition.registries.items() if reg.log}}
    files["anchors/site.json"] = addresses.site_registry_json(registered, addresses.current_addresses(edition), heads)
    return with_files(inputs, files)


def diagnose(inputs: Inputs, docs: Mapping[str, bytes] | None = None) -> list[Diagnostic]:
    """Every diagnostic ``check`` reports for ``inputs`` (but the editorial standard), sorted."""
    edition, found = build_edition(inputs)
    result = generate.generate(edition, inputs, dict(docs or {}), Settings())
    return sorted({*found, *result.diagnostics, *generate.address_problems(edition, inputs)})


def errors(found: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in found if d.severity == "error"]
