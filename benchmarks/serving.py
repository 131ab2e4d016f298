"""Serve a built site on 127.0.0.1 the way a static host does (GitHub Pages): text files gzip-
compressed when the browser accepts it, so that measured transfer sizes and Lighthouse's
simulated network see what readers receive. Also: the site to measure (a copy of the real edition,
or the fixture edition), built into a folder of its own."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.browser.support import CONTENT_TYPES, ROOT, build_site
from tests.editions import FIXTURE, make_root

COMPRESSED = (".html", ".css", ".js", ".json", ".jsonld", ".svg", ".xml", ".txt", ".md")


def gzip_size(data: bytes) -> int:
    """Bytes after gzip at level 6 (what static hosts use)."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


class _Handler(http.server.SimpleHTTPRequestHandler):
    def guess_type(self, path: str | os.PathLike[str]) -> str:
        return CONTENT_TYPES.get(Path(path).suffix) or super().guess_type(path)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]  # the base class leaves it untyped
        address = self.path.split("?", 1)[0].split("#", 1)[0]
        path = Path(self.translate_path(address))
        if path.is_dir() and address.endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not accepts or path.suffix not in COMPRESSED or not path.is_file():
            return super().send_head()  # binary files, folder redirects, missing files
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


@contextmanager
def serve_compressed(directory: Path) -> Iterator[str]:
    """Serve ``directory`` at http://127.0.0.1:<free port>, compressing text; yields the base URL."""
    server = _Server(("127.0.0.1", 0), functools.partial(_Handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, name="bench-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def measured_site(fixture: bool) -> Path:
    """Build the site to measure (never the shared site/): the fixture edition or a copy of the real one."""
    root = make_root(ROOT / "build" / ("bench-fixture" if fixture else "bench-real"), data=FIXTURE if fixture else ROOT)
    build_site(root)
    return root / "site"
