"""Build test editions: the fixture edition (``tests/fixtures/edition``) or a variant of it, as a
whole site, the way ``make build`` builds the real one (same ``mkdocs.yml``, docs and theme)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "edition"
DATA = ("seeds", "annotations", "glossary", "cases", "anchors", "reference")
SITE_FILES = ("mkdocs.yml", "docs", "overrides")


def make_root(target: Path, data: Path = FIXTURE) -> Path:
    """A checkout-shaped folder at ``target``: the data of ``data`` with this repository's site files."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in DATA:
        if (data / name).is_dir():
            shutil.copytree(data / name, target / name)
    for name in SITE_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    return target


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m build_tools --root ROOT ARGS`` from this checkout (its code, ``root``'s data)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "build_tools", "--root", str(root), *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False)


def build(root: Path) -> Path:
    """Build the site of ``root`` (generate, MkDocs, checks); its ``site/`` folder."""
    done = run(root, "build", "--quiet")
    if done.returncode:
        raise RuntimeError(f"build of {root} failed:\n{done.stdout}{done.stderr}")
    return root / "site"
