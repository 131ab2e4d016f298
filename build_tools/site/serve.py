"""Preview with live reload: regenerate build/docs whenever an input changes; MkDocs does the rest.

``run`` generates the staging folder, starts MkDocs' preview server on it as a child process
(``preview_mkdocs``: ``mkdocs serve`` polling every tenth of a second), and watches the input
folders: the operating system's change notifications wake it at once, and a snapshot of
modification times and sizes (every ``POLL`` seconds without notifications) tells what changed.
It then regenerates in this process with the memo it keeps (only the units the change affects are
recomputed: a few hundredths of a second for an annotation edit) and writes only the files whose
content changed, atomically; MkDocs sees those files change, rebuilds them and reloads the
browser. An input with errors prints its diagnostics and leaves the preview on the last good
build. Ctrl-C stops both processes and stores the memo, so the next build starts warm.

MkDocs runs with ``--dirty``: it rebuilds only the pages whose Markdown changed, which the writer's
preserved modification times make exact for the pages themselves (the navigation lists section
pages only, so it does not change when a page does). The preview's search index then covers the
rebuilt pages only; set ``DPR_SERVE_DIRTY=0`` for full rebuilds (slower, exact search).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path
from types import FrameType
from typing import Any

from . import write as build
from . import generate
from ..diagnostics import errors_in
from ..inputs.files import FOLDERS, detect_edit_base, read_docs, read_inputs
from .memo import Memo

POLL = 0.25  # without change notifications; with them, a change wakes the preview at once
SETTLE = 0.05
WATCHED = (*FOLDERS, "docs")

Snapshot = dict[str, tuple[int, int]]


def snapshot(root: Path) -> Snapshot:
    """Modification time and size of every file in the watched folders (path relative to root)."""
    found: Snapshot = {}
    for folder in WATCHED:
        base = root / folder
        if not base.is_dir():
            continue
        stack = [base]
        while stack:
            directory = stack.pop()
            try:
                entries = list(os.scandir(directory))
            except OSError:
                continue
            for entry in entries:
                if entry.name.startswith(".") or entry.name.endswith("~"):
                    continue  # editors' swap and backup files
                try:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(Path(entry.path))
                    else:
                        info = entry.stat(follow_symlinks=False)
                        found[os.path.relpath(entry.path, root)] = (info.st_mtime_ns, info.st_size)
                except OSError:
                    continue  # removed while we looked
    return found


def changes(before: Snapshot, after: Snapshot) -> list[str]:
    """Paths added, removed or modified between two snapshots."""
    return sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))


def settings_for(root: Path) -> generate.Settings:
    """Settings from the environment; the edit links default to this checkout's GitHub remote.

    ``python -m build_tools build`` and the preview both use it, so both write the same pages.
    """
    settings = generate.Settings.from_environment()
    return settings if settings.edit_base else generate.Settings(settings.site_url, detect_edit_base(root))


def regenerate(root: Path, settings: generate.Settings, memo: Memo | None = None) -> tuple[bool, str]:
    """Generate and write build/docs; (success, one-line summary). Prints diagnostics.

    The ``memo`` is kept across calls: each change recomputes only the units it affects.
    """
    started = time.perf_counter()
    memo = memo if memo is not None else Memo()
    memo.start_run()
    try:
        inputs, problems = read_inputs(root)
        result = generate.generate(inputs, read_docs(root), settings, memo)
    except Exception:  # a bug must not stop the preview: report it and keep serving
        traceback.print_exc()
        return False, "generation failed with an exception (above); the preview keeps the last good build"
    diagnostics = [*problems, *result.diagnostics]
    errors = errors_in(diagnostics)
    for problem in errors:
        print(problem.format(), file=sys.stderr)
    if errors:
        return False, f"{len(errors)} error(s); nothing was written, the preview keeps the last good build"
    report = build.sync_tree(root / "build" / "docs", result.files)
    memo.end_run()
    took = time.perf_counter() - started
    touched = [*report.written, *(f"{rel} (removed)" for rel in report.removed)]
    listed = ", ".join(touched[:8]) + (f" and {len(touched) - 8} more" if len(touched) > 8 else "")
    summary = f"{len(touched)} file(s) rewritten{': ' + listed if touched else ''}; {report.unchanged} untouched ({took:.2f}s; memo: {memo.summary()})"
    return True, summary


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux to send SIGTERM when this preview process dies.

    Without it a preview killed outright (SIGKILL, a closed terminal) would leave MkDocs serving.
    """
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: _stop still ends MkDocs on every normal exit
        pass


def _mkdocs(root: Path, address: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "build_tools.preview_mkdocs", "serve", "--livereload", "--no-strict", "-a", address, "-f", str(root / "mkdocs.yml")]
    if os.environ.get("DPR_SERVE_DIRTY", "1") != "0":
        command.append("--dirty")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    linux = sys.platform.startswith("linux")
    # cwd: this checkout, so that ``build_tools`` imports whatever --root is built
    return subprocess.Popen(command, cwd=Path(__file__).resolve().parent.parent, env=env, preexec_fn=_die_with_parent if linux else None)


def _stop(child: subprocess.Popen[bytes] | None) -> None:
    if child is None or child.poll() is not None:
        return
    child.terminate()
    try:
        child.wait(timeout=5)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


def _terminated(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def run(root: Path, address: str) -> int:
    """Serve a live preview at ``address`` until interrupted; the exit status."""
    root = root.resolve()
    # Both stop the preview. SIGINT is set explicitly because a process started in the background
    # by a non-interactive shell inherits SIGINT ignored, and Python then never raises
    # KeyboardInterrupt: Ctrl-C (or a test's SIGINT) would be lost.
    previous = signal.signal(signal.SIGTERM, _terminated)
    previous_int = signal.signal(signal.SIGINT, _terminated)
    child: subprocess.Popen[bytes] | None = None
    memo, secret = build.open_memo(root)
    waker = Waker(root)
    try:
        settings = settings_for(root)
        seen = snapshot(root)
        ok, summary = regenerate(root, settings, memo)
        print(f"serve: {summary}", flush=True)
        while not ok and not (root / "build" / "docs" / "index.md").is_file():
            print("serve: fix the errors above; waiting for a change", flush=True)
            seen = _wait_for_change(root, seen, None, waker)
            ok, summary = regenerate(root, settings, memo)
            print(f"serve: {summary}", flush=True)
        if ok and secret is not None:
            build.write_memo(root, secret, memo)
        child = _mkdocs(root, address)
        print(f"serve: watching {', '.join(f + '/' for f in WATCHED)}; Ctrl-C to stop", flush=True)
        while True:
            now = _wait_for_change(root, seen, child, waker)
            if child.poll() is not None:
                print(f"serve: mkdocs stopped (exit status {child.returncode})", file=sys.stderr)
                return child.returncode or 1
            changed = changes(seen, now)
            seen = now
            shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
            ok, summary = regenerate(root, settings, memo)
            print(f"serve: changed {shown}: {summary}", flush=True)
    except KeyboardInterrupt:
        print("\nserve: stopped", flush=True)
        return 0
    finally:
        waker.stop()
        _stop(child)
        if secret is not None and memo.unsaved:
            build.write_memo(root, secret, memo)  # so that the next build starts warm
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGINT, previous_int)


class Waker:
    """Wakes the preview as soon as the file system reports a change in a watched folder.

    Uses the operating system's notifications (inotify on Linux) through watchdog, which MkDocs
    already depends on; where they are unavailable, ``wait`` simply times out and the snapshot
    comparison finds the change on the next poll.
    """

    def __init__(self, root: Path) -> None:
        self._event = threading.Event()
        self._observer: Any = None
        try:
            from watchdog.events import FileSystemEvent, FileSystemEventHandler
            from watchdog.observers import Observer

            event = self._event

            class _Handler(FileSystemEventHandler):
                def on_any_event(self, change: FileSystemEvent) -> None:
                    event.set()

            observer = Observer()
            for folder in WATCHED:
                if (root / folder).is_dir():
                    observer.schedule(_Handler(), str(root / folder), recursive=True)
            observer.daemon = True
            observer.start()
            self._observer = observer
        except Exception:  # no notifications here (or too many watches): polling still works
            self._observer = None

    def wait(self, timeout: float) -> None:
        """Return at the next change, or after ``timeout`` seconds."""
        self._event.wait(timeout)
        self._event.clear()

    def stop(self) -> None:
        """Stop listening for changes."""
        if self._observer is not None:
            self._observer.stop()


def _wait_for_change(root: Path, seen: Snapshot, child: subprocess.Popen[bytes] | None = None, waker: Waker | None = None) -> Snapshot:
    """Wait until the watched files differ from ``seen`` and hold still briefly; the new snapshot."""
    while True:
        if waker is not None:
            waker.wait(POLL)
        else:
            time.sleep(POLL)
        if child is not None and child.poll() is not None:
            return seen
        now = snapshot(root)
        if now == seen:
            continue
        # an editor may write a file in several steps: wait until two looks agree
        while True:
            time.sleep(SETTLE)
            again = snapshot(root)
            if again == now:
                return now
            now = again
