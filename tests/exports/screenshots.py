"""Pictures of the print edition for docs/about/reading.md: the whole edition's PDF rendered to JPEG
with ``pdftoppm`` (the title page, the first page of a source's text, with its footnotes, and the
first page of the glossary).

    python -m tests.exports.screenshots [PDF]   # default: build/docs/downloads/dual-power-reader-a4.pdf

Not a test: run it after ``make build`` (or ``make pdf``) and look at the pictures.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "about" / "screenshots"
WIDTH = 760


def _pages(pdf: Path) -> list[str]:
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True)
    return done.stdout.split("\f")


def pick(pdf: Path) -> dict[str, int]:
    """Page numbers (1-based): the title page, the first text page with notes, the glossary's first."""
    pages = _pages(pdf)
    text = next(i for i, page in enumerate(pages) if "†1" in page and "without silent changes" not in page)
    glossary = next(i for i, page in enumerate(pages) if page.lstrip().startswith("Glossary") or "\nGlossary\n" in page[:400])
    return {"print-title-page": 1, "print-footnotes": text + 1, "print-glossary": glossary + 1}


def main(argv: list[str]) -> int:
    pdf = Path(argv[0]) if argv else ROOT / "build" / "docs" / "downloads" / "dual-power-reader-a4.pdf"
    for name, page in pick(pdf).items():
        options = ["-jpeg", "-jpegopt", "quality=85", "-singlefile", "-f", str(page), "-l", str(page), "-scale-to-x", str(WIDTH), "-scale-to-y", "-1"]
        subprocess.run(["pdftoppm", *options, str(pdf), str(OUT / name)], check=True)
        print(f"{OUT / name}.jpg: page {page}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
