"""The reading edge: collect every input file of the repository as bytes, confined to known folders.

Only regular files directly inside ``seeds/``, ``annotations/``, ``glossary/``, ``cases/`` and
``anchors/`` are read; symbolic links and files whose names are not plain slugs are reported,
never followed. Nothing else in the pipeline touches the file system for reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, error
from .memo import unseal

SLUG = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
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


@dataclass(frozen=True)
class Inputs:
    """Every input file, keyed by its repository-relative POSIX path."""

    files: dict[str, bytes] = field(default_factory=dict)

    def under(self, folder: str, suffix: str) -> dict[str, bytes]:
        """Files in ``folder`` with ``suffix``, keyed by stem, in sorted order."""
        prefix = folder + "/"
        return {path[len(prefix) : -len(suffix)]: data for path, data in sorted(self.files.items()) if path.startswith(prefix) and path.endswith(suffix)}


def read_inputs(root: Path) -> tuple[Inputs, tuple[Diagnostic, ...]]:
    """Read all input files below ``root``; report unsafe or misnamed files instead of reading them."""
    files: dict[str, bytes] = {}
    found: list[Diagnostic] = []
    base = root.resolve()
    for folder, suffixes in FOLDERS.items():
        directory = base / folder
        if not directory.is_dir():
            continue
        for path in sorted(directory.iterdir()):
            rel = f"{folder}/{path.name}"
            if path.name.startswith(".") or path.name.endswith("~"):
                continue
            if path.is_symlink() or not path.resolve().is_relative_to(base):
                found.append(error(rel, 1, 1, "S010", "symbolic links are not followed"))
                continue
            if not path.is_file():
                continue
            stem, _dot, suffix = path.name.partition(".")
            if "." + suffix not in suffixes and not (folder == "anchors" and suffix == "overrides.yml"):
                if folder != "anchors":
                    found.append(error(rel, 1, 1, "S005", f"unexpected file type {'.' + suffix!r} in {folder}/"))
                continue
            if not SLUG.match(stem):
                found.append(error(rel, 1, 1, "S005", f"file name {stem!r} is not a slug (lowercase letters, digits, hyphens)"))
                continue
            files[rel] = path.read_bytes()
    return Inputs(files), tuple(found)


MEMO_DIR = Path("build") / "memo"
_MEMO_NAME = re.compile(r"^[0-9a-f]{64}$")
CODE_ROOT = Path(__file__).resolve().parent.parent


def read_code() -> list[tuple[str, bytes]]:
    """The code that computes every generated value: ``build_tools`` and the schemas it applies."""
    files = sorted([*(CODE_ROOT / "build_tools").glob("*.py"), *(CODE_ROOT / "schemas").glob("*.json")])
    return [(path.relative_to(CODE_ROOT).as_posix(), path.read_bytes()) for path in files]


def read_secret(path: Path) -> bytes | None:
    """The memo secret at ``path`` if it is a private regular file of at least 32 bytes, else None."""
    try:
        info = path.lstat()
        if not path.is_file() or path.is_symlink() or info.st_mode & 0o077:
            return None
        secret = path.read_bytes()
    except OSError:
        return None
    return secret if len(secret) >= 32 else None


def read_memo(root: Path, secret: bytes) -> dict[str, bytes]:
    """Verified payloads of the stored memo (key -> pickled value); forged or damaged entries are left out."""
    found: dict[str, bytes] = {}
    base = root / MEMO_DIR
    if not base.is_dir() or base.is_symlink():
        return found
    for folder in sorted(base.iterdir()):
        if folder.is_symlink() or not folder.is_dir():
            continue
        for path in folder.iterdir():
            if not _MEMO_NAME.match(path.name) or path.is_symlink():
                continue
            try:
                payload = unseal(secret, path.name, path.read_bytes())
            except OSError:
                continue
            if payload is not None:
                found[path.name] = payload
    return found


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


def read_site(root: Path) -> tuple[dict[str, str], set[str]]:
    """Built HTML pages (relative path -> text) and the set of all other files in ``site/``."""
    base = root / "site"
    pages: dict[str, str] = {}
    static: set[str] = set()
    if not base.is_dir():
        return pages, static
    for path in sorted(base.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(base).as_posix()
        if rel.endswith(".html"):
            pages[rel] = path.read_text(encoding="utf-8")
        static.add(rel)
    return pages, static


def detect_edit_base(root: Path) -> str:
    """The GitHub web address for editing files of this checkout, from its ``origin`` remote.

    Returns "" when the checkout has no GitHub remote (the pages then name the file instead).
    """
    import re
    import subprocess

    try:
        url = subprocess.run(["git", "-C", str(root), "remote", "get-url", "origin"], capture_output=True, text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""
    match = re.match(r"^(?:https://github\.com/|git@github\.com:)([\w.-]+)/([\w.-]+?)(?:\.git)?$", url)
    return f"https://github.com/{match.group(1)}/{match.group(2)}/edit/main" if match else ""
