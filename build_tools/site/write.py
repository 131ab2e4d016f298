"""The only module that writes files.

Writes are atomic (temporary file + rename) and skipped when the content is unchanged, so a
rebuild leaves untouched files byte-identical with their modification times intact, and an error
never leaves a half-written file behind.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WriteReport:
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]


def write_if_changed(path: Path, content: bytes) -> bool:
    """Atomically write ``content`` to ``path`` unless it already holds exactly that; True if written."""
    if path.is_file() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def sync_tree(root: Path, files: dict[str, bytes], owned_prefixes: tuple[str, ...] = ("",)) -> WriteReport:
    """Make ``root`` hold exactly ``files`` (relative POSIX paths -> bytes).

    Files under ``root`` that are not in ``files`` are removed (``root`` is generated output and
    nobody edits it), empty folders are pruned; unchanged files are not touched.
    """
    written = []
    unchanged = 0
    for rel in sorted(files):
        if write_if_changed(root / rel, files[rel]):
            written.append(rel)
        else:
            unchanged += 1
    removed = []
    if root.is_dir():
        for path in sorted(root.rglob("*"), reverse=True):
            rel = path.relative_to(root).as_posix()
            if path.is_file() and rel not in files and rel.startswith(owned_prefixes):
                path.unlink()
                removed.append(rel)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return WriteReport(tuple(written), unchanged, tuple(removed))


def write_files(root: Path, files: dict[str, bytes]) -> tuple[str, ...]:
    """Write each file below ``root`` if changed; return the paths written."""
    return tuple(rel for rel in sorted(files) if write_if_changed(root / rel, files[rel]))


def remove_tree(path: Path) -> None:
    """Delete a generated folder entirely."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


def replace_tree(source: Path, target: Path) -> None:
    """Put the folder ``source`` at ``target`` (a checked site in place of the last one)."""
    old = target.with_name(target.name + ".old")
    remove_tree(old)
    if target.exists():
        os.replace(target, old)
    os.replace(source, target)
    remove_tree(old)
