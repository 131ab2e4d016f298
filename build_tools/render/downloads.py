"""Where readers find the edition's files: their names in the docs folder, the "Download" line of a
source page and of the home page (plain links, each with its size), and the Downloads page, whose
front matter lists every file for the sitemap (``overrides/sitemap.xml``).

Sizes are known only once the files are made, after the pages are rendered: a page holds a
placeholder (``placeholder``), and ``site.generate`` puts the line in its place.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from .html import h, join, literal
from .page import block, front_matter, heading, page
from .urls import relative_url

DOWNLOADS_DOC = "downloads/index.md"
WHOLE = "dual-power-reader"
#: the kinds of file, in the order a line offers them: (key, label, how the file is named)
KINDS = (
    ("epub", "EPUB", "{stem}.epub"),
    ("pdf-a4", "A4", "{stem}-a4.pdf"),
    ("pdf-letter", "US Letter", "{stem}-letter.pdf"),
    ("tei", "TEI", "{stem}.tei.xml"),
    ("bibtex", "BibTeX", "{stem}.bib"),
    ("ris", "RIS", "{stem}.ris"),
)
DESCRIPTIONS = {
    "epub": "EPUB 3 e-book (reading systems, e-readers); notes open as pop-ups",
    "pdf-a4": "PDF for print on A4 paper; notes at the foot of the page",
    "pdf-letter": "PDF for print on US Letter paper; notes at the foot of the page",
    "tei": "TEI P5 XML: the received text with the edition's interventions and notes encoded",
    "bibtex": "BibTeX record of the source",
    "ris": "RIS record of the source (Zotero, EndNote, Mendeley)",
}


@dataclass(frozen=True)
class Download:
    kind: str
    path: str  # in the docs folder
    size: int


def source_path(slug: str, kind: str) -> str:
    """The docs path of one file of a source (``downloads/sources/<slug>.epub`` …)."""
    return "downloads/sources/" + dict((k, n) for k, _, n in KINDS)[kind].format(stem=slug)


def whole_path(kind: str) -> str:
    """The docs path of one file of the whole edition (``downloads/dual-power-reader.epub`` …)."""
    return "downloads/" + dict((k, n) for k, _, n in KINDS)[kind].format(stem=WHOLE)


def size_text(size: int) -> str:
    """``850 bytes``, ``312 KB``, ``1.6 MB`` (decimal units, as file managers show them)."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{round(size / 1000)} KB"
    return f"{size / 1_000_000:.1f} MB"


def placeholder(key: str) -> Markup:
    """What a page holds where its download line goes (``site.generate`` replaces it)."""
    return literal(f"<!-- dpr:downloads:{key} -->")


def _link(item: Download, label: str, from_doc: str) -> Markup:
    href = relative_url(from_doc, "index.md") + item.path
    link = h("a", {"href": href, "class": "dpr-download", "type": _mime(item.kind)}, label)
    return join(link, " ", h("span", {"class": "dpr-size"}, f"({size_text(item.size)})"))


def _mime(kind: str) -> str:
    return {"epub": "application/epub+zip", "tei": "application/tei+xml", "bibtex": "application/x-bibtex", "ris": "application/x-research-info-systems"}.get(
        kind, "application/pdf"
    )


def line(items: list[Download], from_doc: str, lead: str = "Download:", everything: bool = False) -> Markup:
    """``Download: EPUB (312 KB) · PDF: A4 (1.1 MB), US Letter (1.1 MB) · TEI (90 KB) · BibTeX · RIS``;
    with ``everything``, a last link to the Downloads page."""
    labels = {k: label for k, label, _ in KINDS}
    by_kind = {i.kind: i for i in items}
    parts: list[Markup] = []
    for kind in ("epub", "pdf", "tei", "bibtex", "ris"):
        if kind == "pdf":
            sizes = [by_kind[k] for k in ("pdf-a4", "pdf-letter") if k in by_kind]
            if sizes:
                parts.append(join("PDF: ", Markup(", ").join(_link(i, labels[i.kind], from_doc) for i in sizes)))
        elif kind in by_kind:
            parts.append(_link(by_kind[kind], labels[kind], from_doc))
    if not parts:
        return Markup("")
    if everything:
        parts.append(h("a", {"href": relative_url(from_doc, DOWNLOADS_DOC)}, "every file"))
    return h("p", {"class": "dpr-downloads"}, h("span", {"class": "dpr-downloads-label"}, lead), " ", Markup(" · ").join(parts))


def downloads_page(sources: list[tuple[str, str, list[Download]]], whole: list[Download]) -> str:
    """The Downloads page: every file of the edition, what it is and its size.

    ``sources`` holds (slug, title, files) per source. The front matter's ``dpr_downloads`` lists
    the files' site paths for the sitemap.
    """
    listed = [i.path for i in whole] + [i.path for _, _, files in sources for i in files]
    head = front_matter("Downloads", "The whole edition and each source as EPUB, PDF and TEI, with citation records.", "downloads", {"dpr_downloads": listed})
    labels = {k: label for k, label, _ in KINDS}
    parts = []
    for title, files in [("The whole edition", whole), *((title, files) for _, title, files in sources)]:
        if files:
            items = [h("li", None, _link(i, labels[i.kind], DOWNLOADS_DOC), ": ", DESCRIPTIONS[i.kind]) for i in files]
            parts += [heading(2, title), block(h("ul", {"class": "dpr-download-list"}, items))]
    intro = (
        "Every text of the edition, with its notes, to read offline, print or process. The EPUB and PDF files keep the editor’s notes and "
        "the author’s notes apart, as the site does, with the glossary and the passage numbers; the TEI files encode the received text "
        "and every intervention of the editors."
    )
    return page(head, heading(1, "Downloads"), block(h("p", None, intro)), *parts)
