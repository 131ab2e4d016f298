"""Live-reload latency of ``make serve``: from saving an annotation file to the rebuilt page.

    python -m benchmarks.serve_latency                 # the real sources, 5 edits
    python -m benchmarks.serve_latency --corpus 50     # a synthetic corpus of 50 sources

Starts ``python -m build_tools serve`` on a scratch copy under /tmp (never the repository itself),
waits for the first build, then edits the first note's body of one annotation file several times,
each time with a new marker word, and fetches the source page from the preview server (plain HTTP
from 127.0.0.1) until the marker appears. Reports seconds per edit (median, min, max) and writes
benchmarks/results/serve.json. A measurement, not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from benchmarks import build_bench

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, needle: str, timeout: float, interval: float = 0.05) -> float | None:
    """Seconds until ``url`` serves a page containing ``needle`` (None after ``timeout``)."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if needle in fetch(url):
            return time.perf_counter() - started
        time.sleep(interval)
    return None


def edit(path: Path, marker: str) -> None:
    """Put ``marker`` at the start of the first note body (literal block) of an annotation file."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\bSERVELATENCY\d+ ", "", text)
    edited, count = re.subn(r"(\n\s+body: \|\n\s+)", rf"\g<1>{marker} ", text, count=1)
    if not count:
        raise SystemExit(f"no 'body: |' block in {path}")
    path.write_text(edited, encoding="utf-8")


def measure(root: Path, edits: int, pause: float) -> dict[str, Any]:
    port = free_port()
    annotation = sorted((root / "annotations").glob("*.yml"))[0]
    slug = annotation.stem
    url = f"http://127.0.0.1:{port}/sources/{slug}/"
    command = [sys.executable, "-m", "build_tools", "--root", str(root), "serve", "--address", f"127.0.0.1:{port}"]
    log_path = root / "serve.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        try:
            started = time.perf_counter()
            ready = wait_for(url, "dpr-passage", timeout=600, interval=0.25)
            if ready is None:
                raise SystemExit(f"the preview did not come up; see {log_path}")
            startup = time.perf_counter() - started
            time.sleep(pause)
            latencies = []
            for i in range(edits):
                marker = f"SERVELATENCY{i}{int(time.time())}"
                edit(annotation, marker)
                seen = wait_for(url, marker, timeout=120)
                latencies.append(seen if seen is not None else float("nan"))
                print(f"  edit {i + 1}: {latencies[-1]:.2f}s", flush=True)
                time.sleep(pause)
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    log_text = log_path.read_text(encoding="utf-8", errors="replace")
    regenerations = re.findall(r"serve: changed .*?\(([\d.]+)s[;)]", log_text)
    return {
        "edited": f"annotations/{annotation.name}",
        "page": f"/sources/{slug}/",
        "startup_s": startup,
        "latency_s": latencies,
        "median_s": statistics.median(latencies),
        "min_s": min(latencies),
        "max_s": max(latencies),
        "regeneration_s": [float(x) for x in regenerations],
        "clean_exit": server.returncode == 0,
        "dirty": os.environ.get("DPR_SERVE_DIRTY", "1") != "0",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.serve_latency", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default="real", help="'real' or a number of synthetic sources")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--pause", type=float, default=1.5, help="seconds between edits")
    parser.add_argument("--out", type=Path, default=build_bench.RESULTS)
    args = parser.parse_args(argv)
    root = build_bench.real_copy() if args.corpus == "real" else build_bench.synthetic(int(args.corpus), fresh=False)
    print(f"serve latency on {args.corpus}:", flush=True)
    figures = measure(root, args.edits, args.pause)
    figures.update(
        corpus=args.corpus,
        sources=build_bench.count_sources(root),
        date=datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        machine=build_bench.machine(),
        load=" ".join(f"{x:.2f}" for x in os.getloadavg()),
    )
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "serve.json"
    existing = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    existing[f"{args.corpus}{'' if figures['dirty'] else '-full'}"] = figures
    path.write_text(json.dumps(existing, indent=2) + "\n", encoding="utf-8")
    print(
        f"edit to preview: median {figures['median_s']:.2f}s (min {figures['min_s']:.2f}s, max {figures['max_s']:.2f}s) "
        f"over {len(figures['latency_s'])} edits; regeneration {', '.join(f'{x:.2f}' for x in figures['regeneration_s'])}s; "
        f"first build {figures['startup_s']:.1f}s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
