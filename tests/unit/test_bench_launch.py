"""The benchmark's launcher reports a command's own peak memory, not its parent's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ALLOCATE = "import sys; block = bytearray(40 * 2**20); block[::4096] = b'x' * len(block[::4096]); sys.exit(3)"


def test_launcher_reports_the_commands_own_peak_and_exit_code(tmp_path: Path) -> None:
    ballast = bytearray(300 * 2**20)
    ballast[::4096] = b"x" * len(ballast[::4096])  # touch every page: this process is now large
    report = tmp_path / "usage.json"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "launch.py"), str(report), sys.executable, "-c", ALLOCATE], check=False)
    figures = json.loads(report.read_text(encoding="utf-8"))
    assert done.returncode == 3 and figures["returncode"] == 3
    assert 40 <= figures["maxrss_mb"] < 150, figures  # the child's 40 MB and an interpreter, not the 300 MB parent
    assert figures["cpu_s"] >= 0
    del ballast
