"""The reading edge: collect every input file of the repository as bytes, confined to known folders.

Only regular files directly inside the known folders are read; symbolic links, files whose names
are not plain slugs, files of other types and files over the size limit are reported, never
followed or read. Nothing else in the pipeline touches the file system for reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic, error

SLUG = re.compile(r"\A[a-z][a-z0-9]*(-[a-z0-9]+)*\Z")
#: ids that would replace a section's index page
RESERVED = frozenset({"index"})
FOLDERS = {
    "seeds": (".txt", ".yml"),
    "annotations": (".yml",),
    "glossary": (".yml",),
    "cases": (".yml",),
    "anchors": (".json", ".yml"),
    "reference": (".yml",),
    "reference/works": (".yml",),
    "reference/chronology": (".yml",),
}
#: no input of the edition comes near this; a larger file is refused before it is read
MAX_FILE_BYTES = 4_000_000


@dataclass(frozen=True)
class Inputs:
    """Every input file, keyed by its repository-relative POSIX path; ``refused``: the paths of the
    files that were found but not read (reported), so that later stages know they exist."""

    files: dict[str, bytes] = field(default_factory=dict)
    refused: frozenset[str] = frozenset()

    def under(self, folder: str, suffix: str) -> dict[str, bytes]:
        """Files directly in ``folder`` with ``suffix``, keyed by stem, in sorted order."""
        prefix = folder + "/"
        return {
            path[len(prefix) : -len(suffix)]: data
            for path, data in sorted(self.files.items())
            if path.startswith(prefix) and path.endswith(suffix) and "/" not in path[len(prefix) :]
        }


def _problem(folder: str, path: Path, suffixes: tuple[str, ...]) -> Diagnostic | None:
    """Why the file at ``path`` is not read as an input, or None if it is one."""
    rel = f"{folder}/{path.name}"
    stem, _dot, suffix = path.name.partition(".")
    if "." + suffix not in suffixes:
        return error(rel, 1, 1, "S012", f"unexpected file type {'.' + suffix!r} in {folder}/ (expected {', '.join(suffixes)})")
    if not SLUG.match(stem):
        return error(rel, 1, 1, "S005", f"file name {stem!r} is not a slug (lowercase letters, digits, hyphens)")
    if stem in RESERVED:
        return error(rel, 1, 1, "S013", f"{stem!r} is reserved: a file of that name would replace the section's index page")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return error(rel, 1, 1, "S011", f"file has {size} bytes; the limit is {MAX_FILE_BYTES}")
    return None


def read_inputs(root: Path) -> tuple[Inputs, tuple[Diagnostic, ...]]:
    """Read all input files below ``root``; report unsafe or misnamed files instead of reading them."""
    files: dict[str, bytes] = {}
    found: list[Diagnostic] = []
    base = root.resolve()
    for folder, suffixes in FOLDERS.items():
        directory = base / folder
        if not directory.is_dir() or directory.is_symlink():
            continue
        for path in sorted(directory.iterdir()):
            rel = f"{folder}/{path.name}"
            if path.name.startswith(".") or path.name.endswith("~") or path.name.lower() == "readme.md":
                continue
            if path.is_symlink() or not path.resolve().is_relative_to(base):
                found.append(error(rel, 1, 1, "S010", "symbolic links are not followed"))
                continue
            if not path.is_file():
                continue
            problem = _problem(folder, path, suffixes)
            if problem is not None:
                found.append(problem)
                continue
            files[rel] = path.read_bytes()
    return Inputs(files, frozenset(d.path for d in found)), tuple(found)


def read_docs(root: Path) -> dict[str, bytes]:
    """Every hand-written file under ``docs/`` (relative POSIX path -> bytes); links not followed."""
    base = (root / "docs").resolve()
    files: dict[str, bytes] = {}
    if not base.is_dir():
        return files
    for path in sorted(base.rglob("*")):
        if path.is_file() and not path.is_symlink() and path.resolve().is_relative_to(base):
            files[path.relative_to(base).as_posix()] = path.read_bytes()
    return files


def read_site(site: Path) -> tuple[dict[str, str], set[str]]:
    """Built HTML pages (relative path -> text) and the set of all files in the built site."""
    pages: dict[str, str] = {}
    static: set[str] = set()
    if not site.is_dir():
        return pages, static
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        if rel.endswith(".html"):
            pages[rel] = path.read_text(encoding="utf-8", errors="replace")
        static.add(rel)
    return pages, static
