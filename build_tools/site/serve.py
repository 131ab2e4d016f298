"""The live preview (``make serve``): rebuild on every change, check, then show the checked site.

On each change of an input (seeds, annotations, glossary, cases, anchors, reference, docs,
overrides, mkdocs.yml) the preview regenerates ``build/docs``, lets MkDocs rebuild the pages that
changed (``--dirty``) into ``build/preview-next``, runs the site checks on it, and only then copies
it into ``build/preview``, the folder it serves at http://127.0.0.1:8000. A page open in the browser
reloads itself (``/.dpr-live/reload.js``, added to every HTML response by this server only). An
input with errors, or a page that fails a check, is reported and the last good site stays up.
"""

from __future__ import annotations

import functools
import http.server
import io
import signal
import sys
import threading
import time
from pathlib import Path
from types import FrameType
from typing import Any

from ..diagnostics import errors_in
from ..editorial.edition import build_edition
from ..inputs.files import FOLDERS, read_docs, read_inputs, read_site
from ..settings import settings_for
from . import addresses, generate, publish, verify, write

WATCHED = (*{f.split("/")[0] for f in FOLDERS}, "docs", "overrides", "mkdocs.yml")
POLL = 0.2
RELOAD_JS = b"""(function () {
  var version = null;
  function poll() {
    fetch("/.dpr-live/version?since=" + (version || ""), { cache: "no-store" }).then(function (r) { return r.text(); }).then(function (v) {
      if (version !== null && v !== version) { location.reload(); return; }
      version = v; poll();
    }).catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
"""

Snapshot = dict[str, tuple[int, int]]


def snapshot(root: Path) -> Snapshot:
    """Modification time and size of every file the preview watches (path relative to root)."""
    found: Snapshot = {}
    for name in WATCHED:
        base = root / name
        paths = [base] if base.is_file() else sorted(base.rglob("*")) if base.is_dir() else []
        for path in paths:
            if path.name.startswith(".") or path.name.endswith("~") or not path.is_file():
                continue
            try:
                info = path.stat()
            except OSError:
                continue  # removed while we looked
            found[path.relative_to(root).as_posix()] = (info.st_mtime_ns, info.st_size)
    return found


def changes(before: Snapshot, after: Snapshot) -> list[str]:
    """Paths added, removed or modified between two snapshots."""
    return sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))


class Preview:
    """One preview: the folders it builds into and the pages it has already checked."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.next = root / "build" / "preview-next"
        self.served = root / "build" / "preview"
        self.version = 0
        self.changed = threading.Condition()
        self._parsed: dict[str, tuple[str, verify.Page]] = {}

    def _check(self) -> list[str]:
        inputs, _ = read_inputs(self.root)
        html, static = read_site(self.next)
        pages = {}
        for path, text in html.items():
            known = self._parsed.get(path)
            if known is None or known[0] != text:
                known = (text, verify.parse_page(path, text))
                self._parsed[path] = known
            pages[path] = known[1]
        registered, _ = addresses.load_site_registry(inputs)
        problems = verify.check_site(pages, publish.registered_ids(inputs), registered, static)
        return [p.format() for p in errors_in(problems)]

    def rebuild(self) -> tuple[bool, str]:
        """Regenerate, build, check and (if all is well) publish to the served folder."""
        started = time.perf_counter()
        inputs, problems = read_inputs(self.root)
        edition, found = build_edition(inputs)
        result = generate.generate(edition, inputs, read_docs(self.root), settings_for(self.root))
        errors = errors_in([*problems, *found, *result.diagnostics])
        for problem in errors:
            print(problem.format(), file=sys.stderr)
        if errors:
            return False, f"{len(errors)} error(s); the preview keeps the last good site"
        report = write.sync_tree(self.root / "build" / "docs", result.files)
        ok, output = publish.mkdocs_build(self.root, self.next, dirty=self.next.is_dir())
        if not ok:
            print(output, file=sys.stderr)
            return False, "MkDocs failed; the preview keeps the last good site"
        failed = self._check()
        for line in failed:
            print(line, file=sys.stderr)
        if failed:
            return False, f"{len(failed)} site check(s) failed; the preview keeps the last good site"
        files = {p.relative_to(self.next).as_posix(): p.read_bytes() for p in self.next.rglob("*") if p.is_file()}
        write.sync_tree(self.served, files)
        with self.changed:
            self.version += 1
            self.changed.notify_all()
        took = time.perf_counter() - started
        return True, f"{len(report.written)} page source(s) changed; site rebuilt and checked ({took:.2f}s)"


class _Handler(http.server.SimpleHTTPRequestHandler):
    preview: Preview

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        if self.path.startswith("/.dpr-live/version"):
            since = self.path.partition("since=")[2]
            with self.preview.changed:
                if since == str(self.preview.version):
                    self.preview.changed.wait(timeout=25)
                body = str(self.preview.version).encode()
            self._send(body, "text/plain")
        elif self.path == "/.dpr-live/reload.js":
            self._send(RELOAD_JS, "text/javascript")
        else:
            super().do_GET()

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            body = path.read_bytes().replace(b"</body>", b'<script src="/.dpr-live/reload.js"></script></body>', 1)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()


def _terminated(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def run(root: Path, address: str) -> int:
    """Serve a live preview at ``address`` until interrupted; the exit status."""
    root = root.resolve()
    host, _, port = address.rpartition(":")
    # SIGINT is set explicitly: a process started in the background by a non-interactive shell
    # inherits SIGINT ignored, and Ctrl-C (or a test's SIGINT) would then be lost.
    previous = signal.signal(signal.SIGTERM, _terminated), signal.signal(signal.SIGINT, _terminated)
    preview = Preview(root)
    server: http.server.ThreadingHTTPServer | None = None
    try:
        ok, summary = preview.rebuild()
        print(f"serve: {summary}", flush=True)
        seen = snapshot(root)
        while not ok and not (preview.served / "index.html").is_file():
            print("serve: fix the errors above; waiting for a change", flush=True)
            seen = _wait(root, seen)
            ok, summary = preview.rebuild()
            print(f"serve: {summary}", flush=True)
        handler = type("Handler", (_Handler,), {"preview": preview})
        server = http.server.ThreadingHTTPServer((host or "127.0.0.1", int(port or 8000)), functools.partial(handler, directory=str(preview.served)))
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(f"serve: http://{host or '127.0.0.1'}:{port or 8000}/ (watching {', '.join(WATCHED)}; Ctrl-C to stop)", flush=True)
        while True:
            now = _wait(root, seen)
            changed = changes(seen, now)
            seen = now
            shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
            ok, summary = preview.rebuild()
            print(f"serve: changed {shown}: {summary}", flush=True)
    except KeyboardInterrupt:
        print("\nserve: stopped", flush=True)
        return 0
    finally:
        if server is not None:
            server.shutdown()
        signal.signal(signal.SIGTERM, previous[0])
        signal.signal(signal.SIGINT, previous[1])


def _wait(root: Path, seen: Snapshot) -> Snapshot:
    """Block until a watched file changes; the new snapshot."""
    while True:
        time.sleep(POLL)
        now = snapshot(root)
        if now != seen:
            time.sleep(0.05)  # let an editor finish saving
            return snapshot(root)
