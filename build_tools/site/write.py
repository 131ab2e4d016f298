"""The only module that writes files.

Writes are atomic (temporary file + rename) and skipped when the content is unchanged, so a
rebuild leaves untouched files byte-identical with their modification times intact, and an error
never leaves a half-written file behind.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..inputs.files import MEMO_DIR, read_code, read_memo, read_secret
from .memo import Memo, code_fingerprint, seal, secret_path


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


def memo_secret(path: Path) -> bytes | None:
    """This machine's memo secret: read it, or create it (private to the user); None if impossible."""
    secret = read_secret(path)
    if secret is not None:
        return secret
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:  # mkstemp creates the file readable by its owner only
            handle.write(secrets.token_bytes(32))
        os.replace(tmp, path)
    except OSError:
        return None
    return read_secret(path)


def open_memo(root: Path, create_secret: bool = True) -> tuple[Memo, bytes | None]:
    """The memo stored under ``root`` (verified with this machine's secret) and the secret.

    ``DPR_MEMO=0`` turns it off: an empty memo, nothing stored (a build from nothing). Without
    ``create_secret`` a machine that has no secret yet gets an empty memo and no secret.
    """
    salt = code_fingerprint(read_code())
    if os.environ.get("DPR_MEMO", "1") == "0":
        return Memo(salt=salt), None
    secret = memo_secret(secret_path()) if create_secret else read_secret(secret_path())
    stored = read_memo(root, secret) if secret is not None else {}
    return Memo(salt=salt, stored=stored), secret


def write_memo(root: Path, secret: bytes, memo: Memo) -> tuple[int, int]:
    """Store the entries computed in this run and drop those it did not use; (written, removed)."""
    base = root / MEMO_DIR
    written = 0
    for name in sorted(memo.unsaved):
        if name in memo.live:
            write_if_changed(base / name[:2] / name, seal(secret, name, memo.live[name]))
            written += 1
    memo.unsaved.clear()
    removed = 0
    if base.is_dir() and not base.is_symlink():
        for folder in sorted(base.iterdir()):
            if not folder.is_dir() or folder.is_symlink():
                folder.unlink()
                continue
            for path in folder.iterdir():
                if path.name not in memo.used:
                    path.unlink()
                    removed += 1
            if not any(folder.iterdir()):
                folder.rmdir()
    return written, removed


def remove_tree(path: Path) -> None:
    """Delete a generated folder entirely."""
    if path.exists():
        shutil.rmtree(path)
