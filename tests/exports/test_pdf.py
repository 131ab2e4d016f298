"""The print edition: A4 and US Letter; every face embedded, and only the free faces named by
file; the provenance and method before the text, passage numbers, both series of notes at the
foot of the page, the glossary; nothing fetched; a missing face is one clear error; PDFs are
typeset once per content (the cache) and byte-identical when typeset again."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from build_tools.editorial.edition import Edition
from build_tools.exports import bundle, pdf
from build_tools.exports.marks import Apparatus
from build_tools.render.downloads import source_path, whole_path

from .conftest import SITE

SIZES = {"a4": "595.276 x 841.89 pts (A4)", "letter": "612 x 792 pts (letter)"}


def _pdfs(files: dict[str, Path]) -> dict[str, Path]:
    return {rel: path for rel, path in sorted(files.items()) if rel.endswith(".pdf")}


def _pages(path: Path) -> list[str]:
    """The text of each page (pdftotext, reading order)."""
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True)
    return done.stdout.split("\f")[:-1]


def test_page_sizes_are_a4_and_us_letter(exported_files: dict[str, Path]) -> None:
    pdfs = _pdfs(exported_files)
    assert len(pdfs) == 6
    for rel, path in pdfs.items():
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        size = "a4" if rel.endswith("-a4.pdf") else "letter"
        assert f"Page size:       {SIZES[size]}" in info, rel
        assert "Tagged:          yes" in info, rel


def test_every_face_is_embedded_and_is_one_of_ours(exported_files: dict[str, Path]) -> None:
    for rel, path in _pdfs(exported_files).items():
        rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        faces = [re.sub(r"^[A-Z]{6}\+", "", row.split()[0]) for row in rows]  # the subset's tag, then the face
        assert rows and all(" yes yes yes " in row for row in rows), (rel, rows)
        assert all(face.startswith(("DPR-Serif", "DPR-Sans", "DPR-Fallback")) for face in faces), (rel, faces)
        assert any(face.startswith("DPR-Serif") for face in faces)


def test_the_provenance_and_method_come_first_then_the_text_with_its_numbers(fixture_edition: Edition, exported_files: dict[str, Path]) -> None:
    anchored = next(a for a in fixture_edition.sources if a.source.slug == "fixture-councils")
    pages = _pages(exported_files[source_path("fixture-councils", "pdf-a4")])
    text = "\n".join(pages)
    assert "Edited by the Dual Power Reader editors" in pages[0]
    method = text.index("without silent changes")
    first_words = anchored.passages[[p.block.kind for p in anchored.passages].index("paragraph")].block.text[:25]
    assert method < text.index(first_words)
    assert all(re.search(rf"(?m)^{p.pid}$", text) for p in anchored.passages if p.block.kind == "paragraph"), "every passage number in the margin"


def test_notes_stand_at_the_foot_of_the_page_of_their_call(exported_files: dict[str, Path], apps: dict[str, Apparatus]) -> None:
    pages = _pages(exported_files[source_path("fixture-councils", "pdf-a4")])
    app = apps["fixture-councils"]
    anchored = app.anchored
    checked = 0
    for label, note in app.editor:
        passage = anchored.passage(note.pid)
        if passage is None or passage.block.kind == "note" or note.gap:
            continue
        words = passage.block.text[note.start : note.end].split()[-1]
        body = re.sub(r"[*_]", "", note.body).split(".")[0][:30]
        call_pages = [i for i, page in enumerate(pages) if words in page]
        note_pages = [i for i, page in enumerate(pages) if f"{label} " in page and body in " ".join(page.split())]
        assert note_pages and note_pages[0] in call_pages, (label, body)
        checked += 1
    author = anchored.source.notes[0]
    assert any(" ".join(author.lines)[:30] in " ".join(page.split()) and author.label in page for page in pages)
    assert checked >= 5


def test_the_glossary_and_works_cited_close_the_book(fixture_edition: Edition, exported_files: dict[str, Path]) -> None:
    text = "\n".join(_pages(exported_files[whole_path("pdf-letter")]))
    assert text.index("Glossary") < text.index("Comparative cases") < text.index("Chronology") < text.index("Works cited")
    for entry in fixture_edition.entries:
        assert entry.name in text


def test_the_typesetter_fetches_nothing_but_its_fonts() -> None:
    fetcher = pdf._fonts_only()
    *_, font = pdf.FONTS[0]
    assert fetcher.fetch(Path(font).as_uri()).read()[:4] in (b"\x00\x01\x00\x00", b"OTTO", b"true")
    for url in ("https://example.com/x.png", "http://127.0.0.1:8000/", "file:///etc/passwd", "data:text/plain,x"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    html = (
        '<!DOCTYPE html><html lang="en"><head><title>t</title><link rel="stylesheet" href="https://example.com/a.css"></head>'
        '<body><p>x<img src="https://example.com/x.png" alt=""></p></body></html>'
    )
    assert pdf.typeset(html, "a4").startswith(b"%PDF")


def test_a_missing_face_is_one_clear_error(fixture_edition: Edition, monkeypatch: pytest.MonkeyPatch) -> None:
    family, weight, style, _path = pdf.FONTS[0]
    monkeypatch.setattr(pdf, "FONTS", ((family, weight, style, "/nonexistent/CharisSIL-Regular.ttf"), *pdf.FONTS[1:]))
    made = bundle.export(fixture_edition, SITE, frozenset({"pdf"}))
    assert [(d.code, d.path) for d in made.diagnostics] == [("X001", "/nonexistent/CharisSIL-Regular.ttf")]
    assert not any(p.endswith(".pdf") for p in made.files)


def test_a_pdf_made_from_the_same_document_is_not_typeset_again_and_is_byte_identical(exported: bundle.Exported, monkeypatch: pytest.MonkeyPatch) -> None:
    job = bundle.PrintJob(whole_path("pdf-a4"), "<!DOCTYPE html><html lang='en'><head><title>t</title></head><body><p>Text.</p></body></html>", "a4")
    first = bundle.typeset_all([job], {}, workers=1)
    again = bundle.typeset_all([job], {}, workers=1)
    assert first == again
    assert set(exported.typeset) and all(len(key) == 64 for key in exported.typeset)

    def refuse(html: str, size: str) -> bytes:
        raise AssertionError("typeset again")

    monkeypatch.setattr(pdf, "typeset", refuse)
    assert bundle.typeset_all([job], first, workers=1) == first


@pytest.mark.content
def test_the_real_whole_edition_in_print(real_edition: Edition, export_dir: Path) -> None:
    """The real edition's print PDFs, from the cache ``make build`` fills (typeset here if it is cold)."""
    from build_tools.settings import settings_for
    from build_tools.site.export_files import read_pdf_cache

    from .support import ROOT

    cache = read_pdf_cache(ROOT)
    made = bundle.export(real_edition, settings_for(ROOT).site_url, frozenset({"pdf"}), cache, workers=2)
    assert not made.diagnostics
    whole = export_dir / "real-whole-a4.pdf"
    whole.write_bytes(made.files[whole_path("pdf-a4")])
    text = " ".join(" ".join(_pages(whole)).split())
    for anchored in real_edition.sources:
        assert anchored.source.spec.bibliography.title in text
    assert "Glossary" in text and "Works cited" in text and "†1" in text
    rows = subprocess.run(["pdffonts", str(whole)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert rows and all(" yes yes yes " in row for row in rows)
