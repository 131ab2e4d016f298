"""The TEI P5 files: valid against tei_all (Jing, one JVM for all files); every passage id is an
``xml:id`` and every note and reference target resolves; the interventions are encoded as the
brief asks; Old Style dates carry the Julian calendar, declared in the header."""

from __future__ import annotations

import datetime
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from build_tools.editorial.edition import Edition, build_edition
from build_tools.exports import bundle, tei
from build_tools.exports.book import edition_date, source_book
from build_tools.exports.marks import Apparatus, apparatus
from build_tools.inputs.files import read_inputs
from build_tools.render.downloads import source_path
from build_tools.sources.model import AnchoredSource

from ..editions import FIXTURE
from .conftest import SITE
from .support import TEI, XML_ID, jing, text_of, xml_ids


def _tree(exported: bundle.Exported, slug: str) -> ET.Element:
    return ET.fromstring(exported.files[source_path(slug, "tei")])


def tei_problems(tree: ET.Element, anchored: AnchoredSource, app: Apparatus) -> list[str]:
    """Passage and note ids missing, and pointers (``target``) that resolve to no ``xml:id``."""
    slug = anchored.source.slug
    here = xml_ids(tree)
    found = [f"{slug}: passage {p.pid} is no xml:id" for p in anchored.passages if p.pid not in here]
    found += [f"{slug}: retired id {r.pid} is no xml:id" for r in anchored.retired if r.pid not in here]
    for note in anchored.source.notes:
        element = here.get(note.note_id)
        if element is None or element.tag != f"{TEI}note" or element.get("type") != "author":
            found.append(f"{slug}: author's note {note.note_id} is not a <note type='author'>")
    for _, note in app.editor:
        element = here.get(f"ed-{note.aid}")
        if element is None or element.get("type") != "editorial":
            found.append(f"{slug}: editor's note {note.aid} is not a <note type='editorial'>")
    for element in tree.iter():
        for pointer in (element.get("target") or "").split():
            if pointer.startswith("#") and pointer[1:] not in here:
                found.append(f"{slug}: {element.tag.split('}')[1]} points to {pointer}, which is no xml:id")
    return found


def test_every_passage_and_note_is_there_and_every_target_resolves(fixture_edition: Edition, exported: bundle.Exported, apps: dict[str, Apparatus]) -> None:
    problems = []
    for anchored in fixture_edition.sources:
        problems += tei_problems(_tree(exported, anchored.source.slug), anchored, apps[anchored.source.slug])
    assert problems == []


def test_the_check_finds_a_dangling_target(fixture_edition: Edition, exported: bundle.Exported, apps: dict[str, Apparatus]) -> None:
    slug = fixture_edition.sources[0].source.slug
    raw = exported.files[source_path(slug, "tei")].replace(b'xml:id="p2"', b'xml:id="p2-renamed"', 1)
    assert any("p2" in p for p in tei_problems(ET.fromstring(raw), fixture_edition.sources[0], apps[slug]))


def test_interventions_are_encoded(fixture_edition: Edition, exported: bundle.Exported, apps: dict[str, Apparatus]) -> None:
    kinds = set()
    for anchored in fixture_edition.sources:
        slug = anchored.source.slug
        tree = _tree(exported, slug)
        here = xml_ids(tree)
        for _, note in apps[slug].editor:
            element = here[f"ed-{note.aid}"]
            assert element.get("target") == (f"#{note.pid}-{note.gap}" if note.gap else f"#edseg-{note.aid}")
            target = here[str(element.get("target"))[1:]]
            if note.gap and note.supply:
                assert (target.tag, target.get("reason"), target.text) == (f"{TEI}supplied", "lost", note.supply)
                kinds.add("supplied")
            elif note.kind == "sic" and note.read:
                assert target.tag == f"{TEI}choice"
                assert [(c.tag, text_of(c)) for c in target] == [
                    (f"{TEI}sic", anchored.passage(note.pid).block.text[note.start : note.end]),
                    (f"{TEI}corr", note.read),
                ]  # type: ignore[union-attr]
                kinds.add("choice")
            elif not note.gap:
                assert target.tag in (f"{TEI}seg", f"{TEI}sic")
                assert text_of(target) == anchored.passage(note.pid).block.text[note.start : note.end]  # type: ignore[union-attr]
        for note in anchored.source.notes:
            element = here[note.note_id]
            assert element.get("target", "").split() == [f"#{r}" for r in note.refs]
            for ref in note.refs:
                assert here[ref].tag == f"{TEI}ref" and here[ref].get("target") == f"#{note.note_id}"
            kinds.add("author")
    assert kinds == {"supplied", "choice", "author"}


INSERTED = (f"{TEI}supplied", f"{TEI}corr", f"{TEI}ref", f"{TEI}anchor", f"{TEI}gap")


def received_text(element: ET.Element) -> str:
    """The words of an element without what the edition inserts (supplied words, corrections, calls)."""
    parts = [element.text or ""]
    for child in element:
        if child.tag not in INSERTED:
            parts.append(received_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def test_the_received_text_is_kept_word_for_word(fixture_edition: Edition, exported: bundle.Exported) -> None:
    """Apart from what the edition inserts, a passage's text in the TEI is its text as received."""
    for anchored in fixture_edition.sources:
        here = xml_ids(_tree(exported, anchored.source.slug))
        for passage in anchored.passages:
            assert received_text(here[passage.pid]) == passage.block.text, passage.pid


def test_the_header_has_the_bibliography_provenance_and_rights(fixture_edition: Edition, exported: bundle.Exported) -> None:
    anchored = fixture_edition.sources[0]
    tree = _tree(exported, anchored.source.slug)
    header = tree.find(f"{TEI}teiHeader")
    assert header is not None
    bib = anchored.source.spec.bibliography
    source = header.find(f".//{TEI}sourceDesc/{TEI}bibl")
    assert source is not None and bib.title in text_of(source) and bib.authors[0].display in text_of(source)
    licences = [text_of(e) for e in header.iter(f"{TEI}licence")]
    assert anchored.source.spec.record.rights in licences and any("CC BY 4.0" in text for text in licences)
    date = header.find(f"{TEI}fileDesc/{TEI}publicationStmt/{TEI}date")
    assert date is not None and date.get("when") == edition_date(fixture_edition)
    assert "without silent changes" in text_of(header.find(f".//{TEI}editorialDecl"))  # type: ignore[arg-type]


def _julian_variant(target: Path) -> Edition:
    """The fixture edition with the occupation of the corn exchange dated Old Style in the text."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(FIXTURE, target)
    for rel in ("seeds/fixture-councils.txt", "annotations/fixture-councils.yml", "reference/chronology/corn-exchange-occupied.yml"):
        path = target / rel
        path.write_text(
            path.read_text(encoding="utf-8")
            .replace("On 9 March 1906 the militia", "On 24 February 1906 the militia")
            .replace('"9 March 1906"', '"24 February 1906"'),
            encoding="utf-8",
        )
    inputs, problems = read_inputs(target)
    assert not problems
    edition, _found = build_edition(inputs)  # the registry is out of date (P001): the TEI does not mind
    return edition


def test_old_style_dates_are_julian_with_the_gregorian_date_and_the_calendar_declared(export_dir: Path) -> None:
    edition = _julian_variant(export_dir / "julian-edition")
    anchored = next(a for a in edition.sources if a.source.slug == "fixture-councils")
    app = apparatus(edition, anchored)
    assert any(p.block.text.startswith("The council answered") and "24 February 1906" in p.block.text for p in anchored.passages)
    tree = ET.fromstring(tei.tei(edition, app, source_book(edition, anchored, app.linked, SITE, one_document=False)))
    dates = [d for d in tree.iter(f"{TEI}date") if d.get("calendar")]
    assert [(d.get("calendar"), d.get("when"), d.get("when-custom"), d.get("datingMethod"), d.text) for d in dates] == [
        ("#julian", "1906-03-09", "1906-02-24", "#julian", "24 February 1906")
    ]
    calendar = tree.find(f"{TEI}teiHeader/{TEI}profileDesc/{TEI}calendarDesc/{TEI}calendar")
    assert calendar is not None and calendar.get(XML_ID) == "julian"
    path = export_dir / "julian.tei.xml"
    path.write_bytes(tei.tei(edition, app, source_book(edition, anchored, app.linked, SITE, one_document=False)))
    status, messages = jing([path])
    assert status == 0, messages


def test_new_style_dates_have_when_alone_and_no_calendar_is_declared(exported: bundle.Exported) -> None:
    tree = _tree(exported, "fixture-councils")
    dates = [(d.get("when"), d.get("calendar"), d.text) for d in tree.iter(f"{TEI}date") if d.text == "9 March 1906"]
    assert dates == [("1906-03-09", None, "9 March 1906")]
    assert tree.find(f".//{TEI}calendarDesc") is None


def test_jing_validates_every_file_against_tei_all(exported_files: dict[str, Path]) -> None:
    files = [path for rel, path in sorted(exported_files.items()) if rel.endswith(".tei.xml")]
    assert len(files) == 2
    status, messages = jing(files)
    assert status == 0, messages


def test_jing_reports_an_invalid_file(exported: bundle.Exported, export_dir: Path) -> None:
    raw = exported.files[source_path("fixture-councils", "tei")].replace(b"<publicationStmt>", b"<publicationStmt><foo/>", 1)
    bad = export_dir / "bad.tei.xml"
    bad.write_bytes(raw)
    status, messages = jing([bad])
    assert status == 1 and 'element "foo" not allowed' in messages


def _days_between_calendars(year: int) -> int:
    return 13 if 1900 <= year < 2100 else 12 if year >= 1800 else 11


@pytest.mark.content
def test_the_real_tei_files_are_valid_complete_and_their_julian_dates_agree(
    real_edition: Edition, real_exported: bundle.Exported, real_files: dict[str, Path]
) -> None:
    problems = []
    julian = 0
    for anchored in real_edition.sources:
        tree = ET.fromstring(real_exported.files[source_path(anchored.source.slug, "tei")])
        problems += tei_problems(tree, anchored, apparatus(real_edition, anchored))
        for date in tree.iter(f"{TEI}date"):
            if date.get("calendar") == "#julian":
                julian += 1
                old, new = datetime.date.fromisoformat(str(date.get("when-custom"))), datetime.date.fromisoformat(str(date.get("when")))
                assert (new - old).days == _days_between_calendars(old.year), date.attrib
                assert tree.find(f".//{TEI}calendarDesc/{TEI}calendar[@{XML_ID}='julian']") is not None
    assert problems == []
    assert julian > 0, "the real sources give Old Style dates of 1917"
    status, messages = jing([path for rel, path in sorted(real_files.items()) if rel.endswith(".tei.xml")])
    assert status == 0, messages
