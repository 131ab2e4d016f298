"""The EPUB 3 files: every passage, note and glossary link of a source is in its document and
resolves; notes are pop-up notes in two series; the package carries accessibility metadata and a
date from the data; the container is valid OCF and byte-identical on rebuild; EPUBCheck finds
nothing, not even a warning."""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from build_tools.editorial.edition import Edition
from build_tools.exports import bundle
from build_tools.exports.book import edition_date, full_date
from build_tools.exports.marks import Apparatus, apparatus
from build_tools.render.downloads import source_path, whole_path
from build_tools.sources.model import AnchoredSource

from .conftest import SITE
from .support import EPUB_TYPE, XHTML, Epub, epubcheck, ids, links, text_of

OPF = "{http://www.idpf.org/2007/opf}"


def source_problems(epub: Epub, anchored: AnchoredSource, app: Apparatus) -> list[str]:
    """What is missing or does not resolve, of one source's passages, notes and glossary links."""
    slug = anchored.source.slug
    documents = epub.documents()
    doc = documents[f"{slug}.xhtml"]
    here = ids(doc)
    found = []
    for passage in anchored.passages:
        if passage.pid not in here:
            found.append(f"{slug}: passage {passage.pid} has no element")
    found += [f"{slug}: retired id {r.pid} is missing" for r in anchored.retired if r.pid not in here]
    noterefs = {a.get("id"): a for a in links(doc) if a.get(EPUB_TYPE) == "noteref"}
    for note in anchored.source.notes:
        element = here.get(note.note_id)
        if element is None:
            found.append(f"{slug}: author's note {note.note_id} is missing")
            continue
        if note.refs and (element.tag != f"{XHTML}aside" or element.get(EPUB_TYPE) != "footnote" or element.get("role") != "doc-footnote"):
            found.append(f"{slug}: author's note {note.note_id} is not a pop-up footnote")
        for ref in note.refs:
            call = noterefs.get(ref)
            if call is None or call.get("href") != f"#{note.note_id}":
                found.append(f"{slug}: the call {ref} of note {note.note_id} is missing or points elsewhere")
    for label, note in app.editor:
        aside = here.get(f"ed-{note.aid}")
        if aside is None or aside.get(EPUB_TYPE) != "footnote":
            found.append(f"{slug}: editor's note ed-{note.aid} is not a pop-up footnote")
            continue
        call = noterefs.get(f"edref-{note.aid}")
        if call is None or call.get("href") != f"#ed-{note.aid}" or text_of(call) != label:
            found.append(f"{slug}: the call of editor's note {note.aid} ({label}) is missing or wrong")
        if not any(a.get("href") == f"#edref-{note.aid}" and a.get("role") == "doc-backlink" for a in links(aside)):
            found.append(f"{slug}: editor's note {note.aid} does not link back to its call")
    glossary = ids(documents["glossary.xhtml"]) if "glossary.xhtml" in documents else {}
    for pid, hits in app.links.items():
        passage = anchored.passage(pid)
        element = here.get(pid)
        assert passage is not None and element is not None
        terms = {(a.get("href"), text_of(a)) for a in links(element) if "gloss" in (a.get("class") or "")}
        for hit in hits:
            if hit.target.kind != "glossary":
                continue
            wanted = (f"glossary.xhtml#g-{hit.target.ident}", passage.block.text[hit.start : hit.end])
            if wanted not in terms:
                found.append(f"{slug}: {pid} lacks the glossary link {wanted}")
            if f"g-{hit.target.ident}" not in glossary:
                found.append(f"{slug}: the glossary chapter has no entry {hit.target.ident}")
    return found + link_problems(epub)


def link_problems(epub: Epub) -> list[str]:
    """Every link of every document that does not land on an id of the book (or leaves it but for the web)."""
    documents = epub.documents()
    targets = {name: set(ids(tree)) for name, tree in documents.items()}
    found = []
    for name, tree in documents.items():
        for a in links(tree):
            href = str(a.get("href"))
            parts = urlsplit(href)
            if parts.scheme:
                if parts.scheme not in ("http", "https", "mailto"):
                    found.append(f"{name}: link {href} has scheme {parts.scheme}")
                continue
            file = posixpath.normpath(posixpath.join(posixpath.dirname(name), parts.path)) if parts.path else name
            if file not in targets:
                found.append(f"{name}: link {href} leads to no document of the book")
            elif parts.fragment and parts.fragment not in targets[file]:
                found.append(f"{name}: link {href} leads to no id")
    return found


def _epub(exported: bundle.Exported, path: str) -> Epub:
    return Epub.read(exported.files[path])


def test_every_passage_note_and_glossary_link_of_a_source_is_in_its_epub(
    fixture_edition: Edition, exported: bundle.Exported, apps: dict[str, Apparatus]
) -> None:
    problems = []
    whole = _epub(exported, whole_path("epub"))
    for anchored in fixture_edition.sources:
        app = apps[anchored.source.slug]
        assert anchored.passages and anchored.source.notes is not None
        problems += source_problems(_epub(exported, source_path(anchored.source.slug, "epub")), anchored, app)
        problems += source_problems(whole, anchored, app)
    assert problems == []


def test_the_checks_find_what_is_missing(fixture_edition: Edition, exported: bundle.Exported, apps: dict[str, Apparatus]) -> None:
    anchored = fixture_edition.sources[0]
    slug = anchored.source.slug
    epub = _epub(exported, source_path(slug, "epub"))
    name = f"OEBPS/{slug}.xhtml"
    first_note = apps[slug].editor[0][1].aid
    damaged = epub.raw[name].replace(b'id="p2"', b'id="p2x"').replace(f'href="#ed-{first_note}"'.encode(), b'href="#nowhere"')
    broken = Epub(epub.infos, {**epub.raw, name: damaged})
    problems = "\n".join(source_problems(broken, anchored, apps[slug]))
    assert "passage p2 has no element" in problems
    assert f"the call of editor's note {first_note}" in problems
    assert "#nowhere leads to no id" in problems


def test_the_notes_are_two_series_kept_apart(fixture_edition: Edition, exported: bundle.Exported, apps: dict[str, Apparatus]) -> None:
    anchored = next(a for a in fixture_edition.sources if a.source.notes)
    slug = anchored.source.slug
    doc = _epub(exported, source_path(slug, "epub")).documents()[f"{slug}.xhtml"]
    sections = {s.get("class"): s for s in doc.iter(f"{XHTML}section") if s.get("class")}
    author = {e.get("id") for e in sections["author-notes"].iter(f"{XHTML}aside")}
    editor = {e.get("id") for e in sections["editor-notes"].iter(f"{XHTML}aside")}
    assert author == {n.note_id for n in anchored.source.notes if n.refs}
    assert editor == {f"ed-{n.aid}" for _, n in apps[slug].editor}
    calls = {sup.get("class"): [text_of(s) for s in doc.iter(f"{XHTML}sup") if s.get("class") == sup.get("class")] for sup in doc.iter(f"{XHTML}sup")}
    assert calls["eref"] == [label for label, n in apps[slug].editor if n.pid not in {x.note_id for x in anchored.source.notes}] + [
        label for label, n in apps[slug].editor if n.pid in {x.note_id for x in anchored.source.notes}
    ]
    assert calls["aref"] and all(label.isdigit() for label in calls["aref"])
    assert all(label.startswith("†") for label in calls["eref"])


def test_emendations_sic_and_gaps_are_marked_as_on_the_site(fixture_edition: Edition, exported: bundle.Exported, apps: dict[str, Apparatus]) -> None:
    seen = set()
    for anchored in fixture_edition.sources:
        slug = anchored.source.slug
        here = ids(_epub(exported, source_path(slug, "epub")).documents()[f"{slug}.xhtml"])
        notes_by_gap = {(n.pid, n.gap): n for _, n in apps[slug].editor if n.gap}
        for passage in anchored.passages:
            for gap in passage.block.gaps:
                element = here[f"{passage.pid}-{gap.gid}"]
                note = notes_by_gap.get((passage.pid, gap.gid))
                if note is not None and note.supply:
                    assert element.get("class") == "supplied" and text_of(element) == f"[{note.supply}]"
                    seen.add("supplied")
                else:
                    assert "gap" in str(element.get("class")) and text_of(element) == "[…]"
                    seen.add("gap")
        for _, note in apps[slug].editor:
            if note.kind == "sic":
                element = here[note.pid]
                marks = [e for e in element.iter(f"{XHTML}span") if e.get("class") == "sic"]
                assert [text_of(m) for m in marks] == ["[sic]"]
                seen.add("sic")
    assert seen >= {"supplied", "sic"}, "the fixture edition has supplied words and a [sic]"


def test_a_lost_word_that_cannot_be_supplied_is_a_gap_mark(fixture_edition: Edition, apps: dict[str, Apparatus]) -> None:
    from dataclasses import replace

    from build_tools.exports.book import whole_book
    from build_tools.exports.marks import NoteRefs, passage_inline

    slug, app = next((s, a) for s, a in apps.items() if any(n.gap for _, n in a.editor))
    label, note = next((label, n) for label, n in app.editor if n.gap)
    lost = replace(app, editor=tuple((lab, replace(n, supply="", unrecoverable=True) if n is note else n) for lab, n in app.editor))
    passage = app.anchored.passage(note.pid)
    assert passage is not None
    book = whole_book(fixture_edition, SITE, one_document=False)
    html = str(passage_inline(lost, passage, book, NoteRefs(book)))
    assert f'class="gap unrecoverable" id="{note.pid}-{note.gap}"' in html and "[…]" in html and f">{label}</a>" in html
    unemended = replace(app, editor=tuple((lab, n) for lab, n in app.editor if n is not note))
    html = str(passage_inline(unemended, passage, book, NoteRefs(book)))
    assert f'class="gap" id="{note.pid}-{note.gap}"' in html and label not in html


def test_package_metadata_accessibility_and_a_date_from_the_data(fixture_edition: Edition, exported: bundle.Exported) -> None:
    for path in [whole_path("epub"), *(source_path(a.source.slug, "epub") for a in fixture_edition.sources)]:
        epub = _epub(exported, path)
        package = epub.xml("OEBPS/package.opf")
        metadata = package.find(f"{OPF}metadata")
        assert metadata is not None
        props: dict[str, list[str]] = {}
        for meta in metadata.iter(f"{OPF}meta"):
            props.setdefault(str(meta.get("property")), []).append(text_of(meta))
        assert props["dcterms:modified"] == [f"{full_date(edition_date(fixture_edition))}T00:00:00Z"]
        assert props["schema:accessMode"] == ["textual"] and props["schema:accessModeSufficient"] == ["textual"]
        assert {"structuralNavigation", "tableOfContents", "readingOrder"} <= set(props["schema:accessibilityFeature"])
        assert props["schema:accessibilityHazard"] == ["none"]
        assert len(props["schema:accessibilitySummary"][0]) > 80
        dc = {e.tag.split("}")[1]: text_of(e) for e in metadata if e.tag.startswith("{http://purl.org/dc/elements/1.1/}")}
        assert dc["identifier"].startswith("urn:uuid:") and dc["language"] and dc["title"]
        nav = epub.documents()["nav.xhtml"]
        assert {n.get(EPUB_TYPE) for n in nav.iter(f"{XHTML}nav")} == {"toc", "landmarks"}


def test_the_cover_page_names_title_editors_and_date(fixture_edition: Edition, exported: bundle.Exported) -> None:
    cover = text_of(_epub(exported, whole_path("epub")).documents()["cover.xhtml"])
    assert "Dual Power Reader" in cover and "Edited by the Dual Power Reader editors" in cover
    assert edition_date(fixture_edition)[:4] in cover
    source = fixture_edition.sources[0]
    cover = text_of(_epub(exported, source_path(source.source.slug, "epub")).documents()["cover.xhtml"])
    assert source.source.spec.bibliography.title in cover and "Edited by the Dual Power Reader editors" in cover


def test_the_container_is_ocf_with_fixed_dates_and_rebuilds_byte_identical(fixture_edition: Edition, exported: bundle.Exported) -> None:
    data = exported.files[whole_path("epub")]
    epub = Epub.read(data)
    first = epub.infos[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED and epub.raw["mimetype"] == b"application/epub+zip"
    assert not first.extra
    year, month, day = (int(x) for x in full_date(edition_date(fixture_edition)).split("-"))
    assert {i.date_time for i in epub.infos} == {(max(1980, year), month, day, 0, 0, 0)}
    again = bundle.export(fixture_edition, SITE, frozenset({"epub"}))
    assert all(again.files[p] == exported.files[p] for p in again.files if p.endswith(".epub"))


def test_every_content_document_is_xhtml_with_the_epub_namespace(exported: bundle.Exported) -> None:
    for name, tree in _epub(exported, whole_path("epub")).documents().items():
        assert tree.tag == f"{XHTML}html", name
        assert tree.get("{http://www.w3.org/XML/1998/namespace}lang") == tree.get("lang") == "en"


def test_contributor_links_to_the_site_land_in_the_book_or_on_the_site(fixture_edition: Edition) -> None:
    from build_tools.exports.book import whole_book

    book = whole_book(fixture_edition, SITE, one_document=False)
    slug = fixture_edition.sources[0].source.slug
    assert book.resolve("cases/x.md", f"../../sources/{slug}/#p3") == f"{slug}.xhtml#p3"
    assert book.resolve("cases/x.md", "../../glossary/soviet/") == "glossary.xhtml#g-soviet"
    assert book.resolve("cases/x.md", "../../about/") == SITE + "about/"
    assert book.resolve("cases/x.md", "https://example.com/a") == "https://example.com/a"


def test_epubcheck_finds_no_error_and_no_warning(exported_files: dict[str, Path], export_dir: Path) -> None:
    epubs = [path for rel, path in sorted(exported_files.items()) if rel.endswith(".epub")]
    assert len(epubs) == 3
    assert [str(f) for f in epubcheck(epubs, export_dir / "epubcheck-fixture")] == []


def test_epubcheck_reports_a_broken_epub(exported: bundle.Exported, export_dir: Path) -> None:
    """The check can fail: a note call to a missing note is EPUBCheck's RSC-012."""
    epub = _epub(exported, whole_path("epub"))
    name = next(n for n in epub.raw if n.endswith(".xhtml") and b'epub:type="noteref"' in epub.raw[n])
    raw = dict(epub.raw)
    raw[name] = re.sub(rb'(epub:type="noteref"[^>]*?)href="#[^"]+"|href="#[^"]+"([^>]*?epub:type="noteref")', rb'\1href="#missing"\2', raw[name], count=1)
    from build_tools.exports.epub import zip_epub

    broken = export_dir / "broken.epub"
    broken.write_bytes(zip_epub([(n, d) for n, d in raw.items() if n != "mimetype"], "2020-01-01"))
    assert "RSC-012" in {f.code for f in epubcheck([broken], export_dir / "epubcheck-broken")}


@pytest.mark.content
def test_the_real_epubs_hold_every_passage_note_and_link_and_pass_epubcheck(
    real_edition: Edition, real_exported: bundle.Exported, real_files: dict[str, Path], export_dir: Path
) -> None:
    whole = Epub.read(real_exported.files[whole_path("epub")])
    problems = []
    for anchored in real_edition.sources:
        app = apparatus(real_edition, anchored)
        problems += source_problems(Epub.read(real_exported.files[source_path(anchored.source.slug, "epub")]), anchored, app)
        problems += source_problems(whole, anchored, app)
    assert problems == []
    epubs = [path for rel, path in sorted(real_files.items()) if rel.endswith(".epub")]
    assert len(epubs) == len(real_edition.sources) + 1
    assert [str(f) for f in epubcheck(epubs, export_dir / "epubcheck-real")] == []
