"""Run a command from a small process and report its CPU time and peak memory.

A process forked from a large one starts with that process's peak resident size already in its
own ``ru_maxrss`` (Linux carries the high-water mark across ``exec``), so a child of the benchmark,
which by then holds corpora of hundreds of sources, would report the benchmark's memory rather
than its own. Started from here, the measured command inherits only this interpreter's few MB.

    python benchmarks/launch.py REPORT.json COMMAND...

The command's output passes through; its exit code is this one's; REPORT.json receives
``{"cpu_s", "maxrss_mb", "returncode"}``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    """Run ``argv[1:]``, write its rusage to ``argv[0]``, return its exit code."""
    report, command = Path(argv[0]), argv[1:]
    proc = subprocess.Popen(command)
    _, status, usage = os.wait4(proc.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    figures = {"cpu_s": usage.ru_utime + usage.ru_stime, "maxrss_mb": usage.ru_maxrss / 1024, "returncode": code}
    report.write_text(json.dumps(figures), encoding="utf-8")
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
