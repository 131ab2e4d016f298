"""Live-preview latency of ``make serve``: from saving an annotation file to the reloaded page.

    python -m benchmarks.serve_latency                        # the real edition and 50 sources, 5 edits each
    python -m benchmarks.serve_latency --corpus 500 --edits 3 # a synthetic corpus of 500 sources
    python -m benchmarks.serve_latency --steps                # also where one rebuild's time goes
    python -m benchmarks.serve_latency --old /work/bench-old  # also the preview of an older commit

Starts ``python -m build_tools --root COPY serve --address 127.0.0.1:PORT`` on a scratch copy
(``corpora.real_copy`` or ``corpora.synthetic_copy``; never the repository itself), waits
for the first build, then several times saves the first note of one annotation file with a new
word and does what the page's reload script does: polls ``/.dpr-live/version`` until it changes,
then fetches the source page, until the word is in it. Seconds from the save to that page: median,
fastest, slowest. ``--steps`` times the stages of one preview rebuild in this process (the calls
of ``serve.Preview.rebuild``, in its order). ``--old`` runs the older commit's own
``benchmarks/serve_latency.py`` (which polls the page) in its worktree, in the same run.

Writes benchmarks/results/serve.json and refreshes build.md. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from benchmarks import corpora, old_code, report

ROOT = corpora.ROOT
MARKER = re.compile(r"\bSERVELATENCY\d+ ")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def edit(path: Path, marker: str) -> None:
    """Put ``marker`` in front of the first note body of an annotation file (an earlier one removed)."""
    text = MARKER.sub("", path.read_text(encoding="utf-8"))
    path.write_bytes(corpora.edited(text.encode("utf-8"), marker.encode("ascii")))


def _until(check: Any, timeout: float, interval: float = 0.02) -> bool:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if check():
            return True
        time.sleep(interval)
    return False


def measure(root: Path, edits: int, pause: float) -> dict[str, Any]:
    """Start the preview on ``root``, edit ``edits`` times, stop it; the figures."""
    port = free_port()
    annotation = corpora.first_annotation(root)
    base = f"http://127.0.0.1:{port}"
    page = f"{base}/sources/{annotation.stem}/"
    command = [sys.executable, "-m", "build_tools", "--root", str(root), "serve", "--address", f"127.0.0.1:{port}"]
    log_path = root.parent / f"{root.name}-serve.log"
    original = annotation.read_bytes()
    latencies: list[float] = []
    with log_path.open("wb") as log:
        server = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=corpora.env())
        try:
            started = time.perf_counter()
            if not _until(lambda: fetch(f"{base}/.dpr-live/version") is not None or server.poll() is not None, 900, 0.25) or server.poll() is not None:
                raise SystemExit(f"the preview did not come up; see {log_path}")
            startup = time.perf_counter() - started
            for i in range(edits):
                time.sleep(pause)
                version = fetch(f"{base}/.dpr-live/version")
                marker = f"SERVELATENCY{i}{time.time_ns() % 10**9}"
                saved = time.perf_counter()
                edit(annotation, marker)
                changed = _until(lambda v=version: fetch(f"{base}/.dpr-live/version") != v, 180)
                seen = changed and _until(lambda m=marker: m in (fetch(page) or ""), 30)
                latencies.append(time.perf_counter() - saved if seen else float("nan"))
                print(f"  edit {i + 1}: {latencies[-1]:.2f}s", flush=True)
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            annotation.write_bytes(original)
    log_text = log_path.read_text(encoding="utf-8", errors="replace")
    valid = [x for x in latencies if x == x]
    return {
        "edited": f"annotations/{annotation.name}",
        "page": page.removeprefix(base),
        "startup_s": startup,
        "latency_s": latencies,
        "median_s": statistics.median(valid) if valid else float("nan"),
        "min_s": min(valid, default=float("nan")),
        "max_s": max(valid, default=float("nan")),
        "regeneration_s": [float(x) for x in re.findall(r"serve: changed .*?\(([\d.]+)s\)", log_text)],
        "clean_exit": server.returncode == 0,
    }


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (MkDocs)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def steps(root: Path, edits: int) -> dict[str, float]:
    """The stages of ``serve.Preview.rebuild`` after an annotation edit, timed here (wall and CPU
    seconds, medians)."""
    from build_tools.editorial.edition import build_edition
    from build_tools.inputs.files import read_docs, read_inputs
    from build_tools.settings import settings_for
    from build_tools.site import generate, publish, serve, write

    preview = serve.Preview(root)
    ok, summary = preview.rebuild()
    if not ok:
        raise SystemExit(f"the preview's first build failed: {summary}")
    annotation = corpora.first_annotation(root)
    original = annotation.read_bytes()
    timings: dict[str, list[float]] = {}
    clock = [time.perf_counter(), _cpu()]

    def lap(name: str) -> None:
        wall, cpu = time.perf_counter(), _cpu()
        timings.setdefault(name, []).append(wall - clock[0])
        timings.setdefault(f"{name} (CPU)", []).append(cpu - clock[1])
        clock[:] = [wall, cpu]

    try:
        for i in range(edits):
            edit(annotation, f"SERVELATENCY{i}")
            clock[:] = [time.perf_counter(), _cpu()]
            started, started_cpu = clock
            inputs, _ = read_inputs(root)
            lap("read")
            edition, _ = build_edition(inputs)
            lap("model")
            result = generate.generate(edition, inputs, read_docs(root), settings_for(root))
            lap("render")
            write.sync_tree(root / "build" / "docs", result.files)
            lap("write docs")
            publish.mkdocs_build(root, preview.next, dirty=True)
            lap("MkDocs --dirty")
            preview._check()
            lap("checks")
            files = {p.relative_to(preview.next).as_posix(): p.read_bytes() for p in preview.next.rglob("*") if p.is_file()}
            write.sync_tree(preview.served, files)
            lap("copy to build/preview")
            timings.setdefault("total", []).append(time.perf_counter() - started)
            timings.setdefault("total (CPU)", []).append(_cpu() - started_cpu)
    finally:
        annotation.write_bytes(original)
    return {name: statistics.median(values) for name, values in timings.items()}


def old_preview(old: Path, corpus: str, edits: int) -> dict[str, Any]:
    """The older commit's preview, measured by its own benchmark in its worktree."""
    with tempfile.TemporaryDirectory(prefix="dpr-old-serve-") as out:
        command = [sys.executable, "-m", "benchmarks.serve_latency", "--corpus", corpus, "--edits", str(edits), "--out", out]
        done = subprocess.run(command, cwd=old, env=old_code.environment(), capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"the old preview benchmark failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
        figures: dict[str, Any] = json.loads((Path(out) / "serve.json").read_text(encoding="utf-8"))[corpus]
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.serve_latency", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default="real,50", help="comma-separated: 'real' and numbers of synthetic sources")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--pause", type=float, default=1.5, help="seconds between edits")
    parser.add_argument("--steps", action="store_true", help="also time the stages of a preview rebuild, in this process")
    parser.add_argument("--old", type=Path, help="a git worktree of an earlier commit whose preview to measure too")
    parser.add_argument("--worktree", action="store_true", help="real data and site files as in the working tree, not as last committed")
    parser.add_argument("--out", type=Path, default=corpora.RESULTS)
    args = parser.parse_args(argv)
    path = args.out / "serve.json"
    results: dict[str, Any] = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    results = {k: v for k, v in results.items() if "latency_s" in v and "corpus" in v}  # figures of this benchmark's format only
    source = corpora.checkout(args.worktree)
    for corpus in [c.strip() for c in args.corpus.split(",") if c.strip()]:
        root = corpora.real_copy(source, "serve-real") if corpus == "real" else corpora.synthetic_copy(int(corpus), source)
        print(f"preview latency on {corpus}:", flush=True)
        figures = measure(root, args.edits, args.pause)
        figures.update(corpus=corpus, sources=corpora.count_sources(root), date=corpora.now(), machine=corpora.machine(), load=corpora.load())
        if args.steps:
            figures["steps"] = steps(root, args.edits)
        results[corpus] = figures
        print(
            f"  median {figures['median_s']:.2f}s (fastest {figures['min_s']:.2f}s, slowest {figures['max_s']:.2f}s); first build {figures['startup_s']:.1f}s",
            flush=True,
        )
        if args.old:
            load = corpora.load()
            old = old_preview(args.old, corpus, args.edits)
            old.update(corpus=corpus, date=corpora.now(), load=load)
            results[f"old-{corpus}"] = old
            print(f"  old preview: median {old['median_s']:.2f}s", flush=True)
        args.out.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        report.write(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
