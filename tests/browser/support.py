"""Helpers for the real-browser suite: build the site if needed, serve it on 127.0.0.1, find Chromium.

Nothing here talks to any host but 127.0.0.1, and no browser is ever downloaded: the suite drives
the system's Chromium (Debian's ``chromium``, installed by ``tools/ensure-system-deps.sh``).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Headless Chromium without sandbox (containers), GPU, QUIC, first-run or any background traffic
# (component updates, sync, safe browsing lists): the browser itself must not talk to the network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass(frozen=True)
class PageType:
    name: str
    path: str


# One page of every kind the site has.
PAGE_TYPES = (
    PageType("home", "/"),
    PageType("sources-index", "/sources/"),
    PageType("source", "/sources/callinicos-1977-soviet-power/"),
    PageType("glossary-index", "/glossary/"),
    PageType("glossary-entry", "/glossary/dual-power/"),
    PageType("cases-table", "/cases/"),
    PageType("case", "/cases/russia-1917/"),
    PageType("about", "/about/"),
    PageType("reading", "/about/reading/"),
)


def chromium_executable() -> str:
    """The system Chromium: $DPR_CHROMIUM, else the first of the usual names on PATH."""
    explicit = os.environ.get("DPR_CHROMIUM")
    if explicit:
        return explicit
    for name in ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium"


def _newest_mtime(path: Path) -> float:
    if path.is_file():
        return path.stat().st_mtime
    times = [p.stat().st_mtime for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    return max(times, default=0.0)


def build_site(root: Path, config: Path | None = None) -> None:
    """Build the site of ``root`` as ``make build`` does (generate, MkDocs, the site checks)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "build_tools", "--root", str(root), "build", "--quiet"]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")


# Explicit types for what the site serves: a service worker must come as JavaScript, whatever the
# machine's MIME database says.
CONTENT_TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".json": "application/json",
    ".jsonld": "application/ld+json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml",
}


class _Handler(http.server.SimpleHTTPRequestHandler):
    def guess_type(self, path: str | os.PathLike[str]) -> str:
        return CONTENT_TYPES.get(Path(path).suffix) or super().guess_type(path)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


@contextmanager
def serve(directory: Path, port: int = 0) -> Iterator[tuple[str, _Server]]:
    """Serve ``directory`` at http://127.0.0.1:<port, or a free one>; yields the base URL and the server."""
    handler = functools.partial(_Handler, directory=str(directory))
    try:
        server = _Server(("127.0.0.1", port), handler)
    except OSError:
        server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def axe_script() -> Path:
    """axe-core as pinned in package-lock.json (installed by ``npm ci``)."""
    if not AXE_SCRIPT.is_file():
        raise RuntimeError(f"{AXE_SCRIPT} is missing: run tools/ensure-system-deps.sh (npm ci)")
    return AXE_SCRIPT


# Relative luminance and contrast ratio (WCAG 2.x) of CSS colours, computed in the page.
CONTRAST_JS = """
(() => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const v = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
  };
  const lum = (c) => {
    const f = (x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const background = (el) => {
    const layers = [];
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let bg = [255, 255, 255, 1];
    for (const c of layers.reverse()) bg = over(c, bg);
    return bg;
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  window.__dprContrast = (el) => {
    const bg = background(el);
    const fg = over(parse(getComputedStyle(el).color), bg);
    return { ratio: ratio(fg, bg), background: lum(bg), foreground: lum(fg) };
  };
})();
"""
