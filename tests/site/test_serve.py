"""The live preview (``make serve``, ``site/serve.py``): change detection, a rebuild that keeps the
last good site when an edit has errors, and the real preview end to end: it starts, serves the
fixture edition on 127.0.0.1, rebuilds on a change, and stops on SIGINT leaving no process.

Timeouts are generous guards against hangs; nothing is timed here (benchmarks/ measures latency).
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from build_tools.site import serve

from ..editions import ROOT, make_root

NOTES = "annotations/fixture-councils.yml"
BODY = "body: Each mill elected its own committee."


def edit_note(root: Path, body: str) -> None:
    path = root / NOTES
    path.write_text(path.read_text(encoding="utf-8").replace(BODY, f"body: {body}"), encoding="utf-8")
    os.utime(path, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))  # a later mtime even on a coarse clock


def test_snapshot_sees_edits_additions_and_removals(tmp_path: Path) -> None:
    root = make_root(tmp_path / "edition")
    before = serve.snapshot(root)
    assert NOTES in before and "docs/index.md" in before and "mkdocs.yml" in before
    edit_note(root, "Changed.")
    (root / "glossary" / ".soviet.yml.swp").write_text("an editor's swap file", encoding="utf-8")
    (root / "docs" / "about" / "extra.md").write_text("# Extra\n", encoding="utf-8")
    (root / "cases" / "southport-1926.yml").unlink()
    assert serve.changes(before, serve.snapshot(root)) == [NOTES, "cases/southport-1926.yml", "docs/about/extra.md"]


def test_a_rebuild_with_an_error_keeps_the_last_good_site(tmp_path: Path) -> None:
    root = make_root(tmp_path / "edition")
    preview = serve.Preview(root)
    quiet = io.StringIO()
    with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
        ok, summary = preview.rebuild()
        assert ok, quiet.getvalue()
        page = preview.served / "sources" / "fixture-councils" / "index.html"
        good = page.read_bytes()
        assert b"Each mill elected its own committee." in good and preview.version == 1
        path = root / NOTES
        path.write_text(path.read_text(encoding="utf-8").replace("kind: context", "kind: opinion", 1), encoding="utf-8")
        ok, summary = preview.rebuild()
    assert not ok and "keeps the last good site" in summary
    assert "error S004" in quiet.getvalue()
    assert page.read_bytes() == good and preview.version == 1


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(url: str, needle: str, timeout: float, log: Path | None = None) -> bool:
    """True once the page at ``url`` holds ``needle``; False after ``timeout`` seconds, or at once
    if the preview's log says it is waiting for errors to be fixed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if needle in fetch(url):
            return True
        if log is not None and "fix the errors above" in log.read_text(encoding="utf-8", errors="replace"):
            return False
        time.sleep(0.3)
    return False


def alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def test_the_preview_serves_rebuilds_on_a_change_and_stops_on_sigint(tmp_path: Path) -> None:
    root = make_root(tmp_path / "edition")
    port = free_port()
    url = f"http://127.0.0.1:{port}/sources/fixture-councils/"
    command = [sys.executable, "-m", "build_tools", "--root", str(root), "serve", "--address", f"127.0.0.1:{port}"]
    log_path = tmp_path / "serve.log"
    # The log goes to a file and the preview to its own process group, so that a preview that
    # does not stop cannot hang the test: the group is killed and the test fails. It starts with
    # SIGINT ignored, as anything a script starts in the background does: Ctrl-C must stop it.
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
        )
    try:
        assert wait_for(url, "dpr-passage", timeout=240, log=log_path), f"the preview did not come up:\n{log_path.read_text(errors='replace')[-3000:]}"
        assert '<script src="/.dpr-live/reload.js"></script>' in fetch(url)
        assert "location.reload" in fetch(f"http://127.0.0.1:{port}/.dpr-live/reload.js")
        edit_note(root, "Zanzibar-marker-for-live-reload.")
        assert wait_for(url, "Zanzibar-marker-for-live-reload.", timeout=180), "the edit did not reach the preview"
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    output = log_path.read_text(encoding="utf-8", errors="replace")
    assert server.returncode == 0, output[-3000:]
    assert f"serve: changed {NOTES}" in output and "serve: stopped" in output
    assert fetch(url) == "", "something still listens on the port"
    assert not alive(server.pid), "a process of the preview outlived it"
