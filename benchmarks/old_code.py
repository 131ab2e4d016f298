"""The code of an older commit, measured beside this one: a ``git worktree`` of it (``--old DIR``),
its own data or its own synthetic corpus, its memo (signed with a secret kept in the scratch
folder, never the user's cache), timed by its own benchmark's child process."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.corpora import SCRATCH, edited, env, first_annotation, measured

OLD_PARTS = ("seeds", "annotations", "glossary", "cases", "anchors", "reference", "docs", "overrides", "schemas", "mkdocs.yml")


def corpus(old: Path, size: str) -> Path:
    """The corpus of ``size`` as the code at ``old`` reads it: its own real data, or its synthetic corpus."""
    if size == "real":
        target = SCRATCH / "old-real"
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        for name in OLD_PARTS:
            (shutil.copytree if (old / name).is_dir() else shutil.copy2)(old / name, target / name)
        return target
    target = SCRATCH / f"old-synthetic-{size}"
    if not (target / ".dpr-synthetic").is_file():
        done = subprocess.run([sys.executable, "-m", "benchmarks.synthetic", size, str(target)], cwd=old, env=environment(), capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"the old synthetic corpus failed:\n{done.stdout}{done.stderr[-3000:]}")
    return target


def environment() -> dict[str, str]:
    """The old code's environment: its memo's signing secret in the scratch folder, not the user's cache."""
    SCRATCH.mkdir(parents=True, exist_ok=True)
    return env(DPR_MEMO_SECRET=str(SCRATCH / "old-memo.secret"))


def generation(old: Path, root: Path, mode: str) -> dict[str, Any]:
    """The old code's generation in a fresh process (its own benchmark's child): cold, warm or edit."""
    command = [sys.executable, "-m", "benchmarks.build_bench", "--child-generate", str(root), "--mode", mode]
    done = subprocess.run(command, cwd=old, env=environment(), capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"old generation ({mode}) failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def command(old: Path, root: Path, fresh: bool, edit: bool = False) -> dict[str, Any]:
    """The old ``python -m build_tools build`` (generation only, with its memo): from nothing, or after an edit."""
    if fresh:
        shutil.rmtree(root / "build", ignore_errors=True)
    path = first_annotation(root)
    original = path.read_bytes()
    try:
        if edit:
            path.write_bytes(edited(original, b"Edited%d" % time.time_ns()))
        done = measured([sys.executable, "-m", "build_tools", "--root", str(root), "build", "--quiet"], old, environment())
    finally:
        path.write_bytes(original)
    if done["returncode"]:
        raise SystemExit(f"old build failed in {root}:\n{done['output']}")
    return {k: done[k] for k in ("wall_s", "cpu_s", "maxrss_mb")}


def mkdocs(root: Path) -> dict[str, Any]:
    """The old site's ``mkdocs build`` (strict, as its configuration says), for the old whole build."""
    shutil.rmtree(root / "site", ignore_errors=True)
    done = measured([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site")], root)
    return {k: done[k] for k in ("wall_s", "cpu_s", "maxrss_mb", "returncode")}
