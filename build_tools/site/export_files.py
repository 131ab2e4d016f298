"""The download files at the command line: which formats a build makes (``--exports``), and the
PDF cache kept between builds in ``build/pdf-cache`` (PDFs by the key of what they are made from,
``exports.bundle``), read here and written through ``write``."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..exports.bundle import FORMATS as FORMATS  # the formats a build may make
from . import write

PDF_CACHE = Path("build") / "pdf-cache"
WORKERS = os.cpu_count() or 1  # processes that typeset PDFs


def wanted(value: str) -> frozenset[str]:
    """``epub,pdf,tei``, a subset of it, or ``none`` (an ``argparse`` type)."""
    chosen = frozenset(v.strip() for v in value.split(",") if v.strip() and v.strip() != "none")
    unknown = sorted(chosen - set(FORMATS))
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown format(s) {', '.join(unknown)}: choose from {', '.join(FORMATS)}, or none")
    return chosen


def read_pdf_cache(root: Path) -> dict[str, bytes]:
    """The PDFs typeset by earlier builds, by key (only the build's own cache folder is read)."""
    folder = root / PDF_CACHE
    return {path.stem: path.read_bytes() for path in sorted(folder.glob("*.pdf")) if path.is_file()} if folder.is_dir() else {}


def keep_pdf_cache(root: Path, made: dict[str, bytes]) -> None:
    """Keep exactly the PDFs this build typeset or reused (nothing changes when it made none)."""
    if made:
        write.sync_tree(root / PDF_CACHE, {f"{key}.pdf": data for key, data in made.items()})
