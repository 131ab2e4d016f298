"""Every file the edition offers for download, as a mapping ``docs path -> bytes``.

Per source: EPUB, PDF (A4 and US Letter), TEI, and the source's BibTeX and RIS records
(``render.cite_formats``); for the whole edition: EPUB and PDF. ``formats`` chooses among
``epub``, ``pdf`` and ``tei`` (the records cost nothing and are always made).

Typesetting is the slow part: each PDF is keyed by what it is made from (the print document, the
stylesheet, the page size and the WeasyPrint version), and a PDF already made from the same key
(``cache``, which the command line keeps in ``build/pdf-cache``) is used again. The rest are
typeset in ``workers`` processes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from ..diagnostics import Diagnostic
from ..editorial.edition import Edition
from ..render import cite_formats
from ..render.downloads import source_path, whole_path
from . import epub, pdf, tei
from .book import source_book, whole_book
from .marks import Apparatus, apparatus
from .styles import print_css

FORMATS = ("epub", "pdf", "tei")


@dataclass(frozen=True)
class Exported:
    files: dict[str, bytes] = field(default_factory=dict)
    typeset: dict[str, bytes] = field(default_factory=dict)  # key -> PDF: what the cache holds now
    diagnostics: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True)
class PrintJob:
    path: str
    html: str
    size: str

    @property
    def key(self) -> str:
        """What the PDF is made from, as a hash: the document, the stylesheet, the size, the typesetter."""
        fonts = [f"{path}:{Path(path).stat().st_size}" for *_, path in pdf.FONTS]
        made_from = "\0".join((version("weasyprint"), *fonts, self.size, print_css(pdf.SIZES[self.size], pdf.FONTS), self.html))
        return hashlib.sha256(made_from.encode("utf-8")).hexdigest()


def _typeset(job: tuple[str, str]) -> bytes:
    return pdf.typeset(*job)


def _print_jobs(edition: Edition, site_url: str, apps: dict[str, Apparatus]) -> list[PrintJob]:
    jobs: list[PrintJob] = []
    for anchored in edition.sources:
        slug = anchored.source.slug
        html = pdf.document(edition, source_book(edition, anchored, apps[slug].linked, site_url, one_document=True), apps)
        jobs += [PrintJob(source_path(slug, f"pdf-{size}"), html, size) for size in pdf.SIZES]
    html = pdf.document(edition, whole_book(edition, site_url, one_document=True), apps)
    return jobs + [PrintJob(whole_path(f"pdf-{size}"), html, size) for size in pdf.SIZES]


def typeset_all(jobs: list[PrintJob], cache: Mapping[str, bytes], workers: int) -> dict[str, bytes]:
    """key -> PDF for every job: from ``cache`` where the key is there, typeset otherwise."""
    done = {job.key: cache[job.key] for job in jobs if job.key in cache}
    todo = list({job.key: job for job in jobs if job.key not in done}.values())
    if workers > 1 and len(todo) > 1:
        with ProcessPoolExecutor(max_workers=min(workers, len(todo))) as pool:
            made = list(pool.map(_typeset, [(job.html, job.size) for job in todo]))
    else:
        made = [pdf.typeset(job.html, job.size) for job in todo]
    done.update({job.key: data for job, data in zip(todo, made, strict=True)})
    return done


def export(edition: Edition, site_url: str, formats: frozenset[str], cache: Mapping[str, bytes] | None = None, workers: int = 1) -> Exported:
    """The download files of the edition in ``formats`` (with the citation records always)."""
    files: dict[str, bytes] = {}
    apps = {a.source.slug: apparatus(edition, a) for a in edition.sources}
    for anchored in edition.sources:
        slug = anchored.source.slug
        bib = anchored.source.spec.bibliography
        files[source_path(slug, "bibtex")] = (cite_formats.bibtex(bib) + "\n").encode("utf-8")
        files[source_path(slug, "ris")] = cite_formats.ris(bib).encode("utf-8")
        book = source_book(edition, anchored, apps[slug].linked, site_url, one_document=False)
        if "epub" in formats:
            files[source_path(slug, "epub")] = epub.epub(edition, book, apps)
        if "tei" in formats:
            files[source_path(slug, "tei")] = tei.tei(edition, apps[slug], book)
    if "epub" in formats:
        files[whole_path("epub")] = epub.epub(edition, whole_book(edition, site_url, one_document=False), apps)
    if "pdf" not in formats:
        return Exported(files)
    missing = pdf.missing_fonts()
    if missing:
        return Exported(files, diagnostics=tuple(missing))
    jobs = _print_jobs(edition, site_url, apps)
    made = typeset_all(jobs, cache or {}, workers)
    files.update({job.path: made[job.key] for job in jobs})
    return Exported(files, made)
