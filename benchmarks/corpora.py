"""What the benchmarks measure on and how they run it: the corpora (scratch copies under
/tmp/dpr-benchmarks of the real edition and of synthetic ones), commands run from a small launcher
that reports their CPU time and peak memory, the annotation edit they time, and the machine."""

from __future__ import annotations

import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import synthetic
from tests.editions import DATA, SITE_FILES, make_root

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
SCRATCH = Path(tempfile.gettempdir()) / "dpr-benchmarks"


def env(**extra: str) -> dict[str, str]:
    """The environment of a measured command: no site address override, the corpus's fixed date."""
    out = dict(os.environ, NO_MKDOCS_2_WARNING="1", DPR_TODAY=synthetic.TODAY, **extra)
    out.pop("DPR_SITE_URL", None)
    return out


def measured(command: list[str], cwd: Path, environ: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``command`` by way of ``benchmarks/launch.py``: wall seconds, CPU seconds of it and its
    children, the peak resident size of the largest of them (MB), exit code and output's tail."""
    with tempfile.TemporaryDirectory(prefix="dpr-bench-") as scratch:
        usage_file = Path(scratch) / "usage.json"
        launcher = [sys.executable, str(ROOT / "benchmarks" / "launch.py"), str(usage_file), *command]
        started = time.perf_counter()
        done = subprocess.run(launcher, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=environ or env())
        wall = time.perf_counter() - started
        usage = json.loads(usage_file.read_text(encoding="utf-8")) if usage_file.is_file() else {"cpu_s": 0.0, "maxrss_mb": 0.0}
    return {
        "wall_s": wall,
        "cpu_s": usage["cpu_s"],
        "maxrss_mb": usage["maxrss_mb"],
        "returncode": done.returncode,
        "output": done.stdout.decode("utf-8", "replace")[-3000:],
    }


def edited(original: bytes, word: bytes = b"Edited") -> bytes:
    """An annotation file with a word put in front of its first note's body."""
    for pattern in (rb"(\n +body: \|[-+]?\n +)", rb"(\n +body: )(?=[^|>\"'\s])"):
        out = re.sub(pattern, rb"\1" + word + b" ", original, count=1)
        if out != original:
            return out
    raise SystemExit("no note body to edit")  # the benchmark's own assumption about the corpus


def first_annotation(root: Path) -> Path:
    return sorted((root / "annotations").glob("*.yml"))[0]


def checkout(worktree: bool = False) -> Path:
    """Where the real data and the site files come from: this checkout's working tree, or (by
    default) a snapshot of its last commit, since the content editors' and the other engineers'
    work in progress may not validate or build at any given moment. The code is always this one."""
    if worktree:
        return ROOT
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    target = SCRATCH / "head"
    stamp = target / ".commit"
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == commit:
        return target
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "HEAD", *DATA, *SITE_FILES], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    stamp.write_text(commit, encoding="utf-8")
    return target


def real_copy(source: Path, label: str = "real") -> Path:
    """A scratch copy of the real edition of the checkout ``source`` (data and site files)."""
    target = make_root(SCRATCH / label, data=source, site_files=False)
    synthetic.copy_site_files(target, source)
    return target


def synthetic_copy(n: int, source: Path, fresh: bool = False) -> Path:
    """The synthetic corpus of ``n`` sources (made once, kept while its version holds) with the
    site files of ``source``."""
    target = SCRATCH / f"synthetic-{n}"
    stamp = f"n={n} version={synthetic.VERSION}\n"
    marker = target / synthetic.MARK
    if not fresh and marker.is_file() and marker.read_text(encoding="utf-8").endswith(stamp):
        synthetic.copy_site_files(target, source)
        return target
    started = time.perf_counter()
    stats = synthetic.make_corpus(target, n, site=source)
    marker.write_text(marker.read_text(encoding="utf-8") + stamp, encoding="utf-8")
    took = time.perf_counter() - started
    print(f"  corpus: {stats.sources} sources, {stats.passages} passages, {stats.words} words, {stats.annotations} notes ({took:.0f}s)", flush=True)
    return target


def short_commit(checkout: Path) -> str:
    return subprocess.run(["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()


def count_sources(root: Path) -> int:
    return len(list((root / "seeds").glob("*.txt")))


def words(root: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8").split()) for p in (root / "seeds").glob("*.txt"))


def machine() -> dict[str, Any]:
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.is_file():
        match = re.search(r"^MemTotal:\s*(\d+)", meminfo.read_text(encoding="utf-8"), re.M)
        memory = f"{int(match.group(1)) / 2**20:.1f} GiB" if match else ""
    return {"platform": platform.platform(), "processor": platform.machine(), "python": platform.python_version(), "cpus": os.cpu_count(), "memory": memory}


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def now() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")


def summarise(samples: list[dict[str, Any]], keys: tuple[str, ...]) -> dict[str, Any]:
    """Best (least) and median of each of ``keys`` over ``samples``, and the samples themselves."""
    out: dict[str, Any] = {"n": len(samples)}
    for key in keys:
        values = [float(s[key]) for s in samples]
        out[key] = {"best": min(values), "median": statistics.median(values), "max": max(values)}
    return out
