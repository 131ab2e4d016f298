"""`make serve`: change detection, regeneration that keeps the last good build, and live reload.

The end-to-end test starts the real preview (``python -m build_tools serve``, which runs
``mkdocs serve``) on a copy of the repository, edits an annotation and waits for the rebuilt page
to carry the edit, then stops it with Ctrl-C (SIGINT). Timeouts are generous: nothing is timed
here; benchmarks/serve_latency.py measures the latency.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from benchmarks.serve_latency import fetch, free_port, wait_for
from build_tools import serve
from build_tools.generate import Settings
from tests.test_incremental import SLUG, copy_repo, edit_first_note, state

ROOT = Path(__file__).resolve().parent.parent


def test_snapshot_sees_edits_additions_and_removals(tmp_path: Path) -> None:
    root = copy_repo(tmp_path)
    before = serve.snapshot(root)
    assert f"annotations/{SLUG}.yml" in before and "docs/index.md" in before
    edit_first_note(root / "annotations" / f"{SLUG}.yml", "Changed.")
    (root / "glossary" / ".new-entry.yml.swp").write_text("editor swap file", encoding="utf-8")
    (root / "docs" / "about" / "extra.md").write_text("# Extra\n", encoding="utf-8")
    (root / "cases" / "paris-1871.yml").unlink()
    assert serve.changes(before, serve.snapshot(root)) == ["annotations/" + SLUG + ".yml", "cases/paris-1871.yml", "docs/about/extra.md"]


def test_regenerate_writes_changed_pages_and_keeps_the_last_good_build(tmp_path: Path) -> None:
    root = copy_repo(tmp_path)
    ok, summary = serve.regenerate(root, Settings())
    assert ok, summary
    docs = root / "build" / "docs"
    first = state(docs)
    edit_first_note(root / "annotations" / f"{SLUG}.yml", "Changed while serving.")
    ok, summary = serve.regenerate(root, Settings())
    assert ok and summary.startswith("2 file(s) rewritten: annotations.jsonld, sources/")
    second = state(docs)
    assert {rel for rel in first if first[rel] != second[rel]} == {"annotations.jsonld", f"sources/{SLUG}.md"}
    # an edit with an error: reported, nothing written, the preview keeps the last good build
    path = root / "annotations" / f"{SLUG}.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: context", "kind: opinion", 1), encoding="utf-8")
    ok, summary = serve.regenerate(root, Settings())
    assert not ok and "nothing was written" in summary
    assert state(docs) == second


def test_live_reload_end_to_end(tmp_path: Path) -> None:
    root = copy_repo(tmp_path)
    for name in ("mkdocs.yml", "overrides"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            (root / name).write_bytes(source.read_bytes())
    port = free_port()
    url = f"http://127.0.0.1:{port}/sources/{SLUG}/"
    command = [sys.executable, "-m", "build_tools", "--root", str(root), "serve", "--address", f"127.0.0.1:{port}"]
    log_path = tmp_path / "serve.log"
    # The log goes to a file, not a pipe, and the preview gets its own process group, so that even
    # a preview that fails to stop cannot hang the test: the group is killed and the test fails.
    # It starts with SIGINT ignored, as anything started in the background by a script does (CI):
    # Ctrl-C must stop it all the same.
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
        )
    try:
        assert wait_for(url, "dpr-passage", timeout=240) is not None, "the preview did not come up"
        edit_first_note(root / "annotations" / f"{SLUG}.yml", "Zanzibar-marker-for-live-reload.")
        assert wait_for(url, "Zanzibar-marker-for-live-reload.", timeout=120) is not None, "the edit did not reach the preview"
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    output = log_path.read_text(encoding="utf-8", errors="replace")
    assert server.returncode == 0, output[-2000:]
    assert "serve: changed annotations/" in output and "serve: stopped" in output
    assert fetch(url) == ""  # MkDocs stopped with it: nothing listens on the port any more


def test_the_waker_returns_at_a_change_not_at_the_timeout(tmp_path: Path) -> None:
    import threading
    import time

    root = copy_repo(tmp_path)
    waker = serve.Waker(root)
    try:
        timer = threading.Timer(0.2, lambda: edit_first_note(root / "annotations" / f"{SLUG}.yml", "Woken."))
        timer.start()
        started = time.monotonic()
        waker.wait(30)
        assert time.monotonic() - started < 25  # woken by the edit (a generous bound: nothing is timed)
        timer.join()
    finally:
        waker.stop()


def test_the_preview_server_polls_every_tenth_of_a_second(tmp_path: Path) -> None:
    """MkDocs' own server polls every 0.5 s; the preview's must keep its shorter interval."""
    from build_tools import preview_mkdocs

    server = preview_mkdocs.QuickLiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        assert server.observer.timeout == preview_mkdocs.POLLING_INTERVAL == 0.1
    finally:
        server.server_close()
