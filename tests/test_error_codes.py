"""One test per diagnostic code: a small input that triggers exactly that code, at the right place.

Most inputs are the tiny source of ``tests/tiny_source.py`` with one file changed; expected
positions are computed from the text the test wrote (``at``), so they point at the offending key or
value. Codes found only in the built site (P003, V001-V003) are checked on small HTML pages.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from build_tools import cli, verify
from build_tools.diagnostics import CODES, Diagnostic
from build_tools.inputs import read_inputs
from build_tools.yaml_positions import MAX_BYTES

from .tiny_source import ANNOTATIONS, CASE, GLOSSARY, META, TXT, diagnose, tiny

ROOT = Path(__file__).resolve().parent.parent

# A second, independent source with author's notes, for the source-metadata codes: its failures do
# not disturb the annotations, glossary entry and case that cite the tiny source.
OTHER_TXT = """Other Title
First paragraph with a marker[1] here.
Second paragraph about councils.

Notes
1. The first note.
"""
OTHER_META = r"""slug: other
bibliography:
  title: Other
  publication: Test Press
  date: "2002"
  rights: public domain
  language: en
rules:
  - {line: 1, role: title, expect: Other Title}
  - {line: 5, role: notes-heading, expect: Notes}
notes:
  lines: "5-6"
  start: '(?P<label>\d+)\.\s+(?P<text>.+)'
  markers: '\[(?P<label>\d+)\]'
"""


def at(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """1-based line and column of the ``nth`` occurrence of ``needle`` in ``text``."""
    index = -1
    for _ in range(nth):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - text.rfind("\n", 0, index)


def only(found: list[Diagnostic], code: str) -> list[Diagnostic]:
    """Assert that ``code`` is the only code among the errors; return its diagnostics."""
    errors = [d for d in found if d.severity == "error"]
    assert {d.code for d in errors} == {code}, [d.format() for d in found]
    return errors


def one(found: list[Diagnostic], code: str, path: str, where: tuple[int, int]) -> Diagnostic:
    """Exactly one error, with ``code``, in ``path`` at ``where``."""
    errors = only(found, code)
    assert len(errors) == 1, [d.format() for d in errors]
    diagnostic = errors[0]
    assert (diagnostic.path, diagnostic.line, diagnostic.col) == (path, *where), diagnostic.format()
    assert diagnostic.format().startswith(f"{path}:{where[0]}:{where[1]}: error {code}: ")
    assert "\n    hint: " in diagnostic.format()
    return diagnostic


def other(meta: str | None = OTHER_META, txt: str | bytes | None = OTHER_TXT, extra: dict[str, str] | None = None) -> list[Diagnostic]:
    """Diagnostics of the tiny inputs plus the second source (metadata and text as given; None: absent)."""
    return diagnose(tiny({"seeds/other.yml": meta, "seeds/other.txt": txt, **(extra or {})}))


def test_fixtures_are_clean() -> None:
    assert diagnose(tiny()) == []
    assert other() == []


# --- Y: YAML -------------------------------------------------------------------------------------


def test_y001_invalid_yaml() -> None:
    text = GLOSSARY.replace("name: Soviet", "name: Soviet: the council")
    d = one(diagnose(tiny({"glossary/soviet.yml": text})), "Y001", "glossary/soviet.yml", at(text, ": the council"))
    assert "mapping values" in d.message


def test_y001_file_too_large() -> None:
    text = GLOSSARY + "# " + "x" * MAX_BYTES + "\n"
    d = one(diagnose(tiny({"glossary/soviet.yml": text})), "Y001", "glossary/soviet.yml", (1, 1))
    assert "larger than" in d.message


def test_y002_tag_refused() -> None:
    text = GLOSSARY.replace("name: Soviet", 'name: !!python/object/apply:os.system ["echo pwned"]')
    d = one(diagnose(tiny({"glossary/soviet.yml": text})), "Y002", "glossary/soviet.yml", at(text, "!!python"))
    assert "python/object/apply" in d.message


def test_y002_alias_refused() -> None:
    text = GLOSSARY.replace("name: Soviet", "name: &n Soviet\naliases: [*n]")
    one(diagnose(tiny({"glossary/soviet.yml": text})), "Y002", "glossary/soviet.yml", at(text, "&n"))


def test_y003_not_a_mapping() -> None:
    text = "- id: soviet\n- name: Soviet\n"
    d = one(diagnose(tiny({"glossary/soviet.yml": text})), "Y003", "glossary/soviet.yml", (1, 1))
    assert "list" in d.message


def test_y004_not_utf8() -> None:
    raw = GLOSSARY.encode("utf-8").replace(b"Soviet", b"Sovi\xfft")
    bad = raw.index(b"\xff")
    d = one(diagnose(tiny({"glossary/soviet.yml": raw})), "Y004", "glossary/soviet.yml", (1, 1))
    assert f"byte {bad} is not UTF-8" in d.message


def test_y004_raw_text_not_utf8() -> None:
    raw = OTHER_TXT.encode("utf-8").replace(b"councils", b"councils\xe9")
    one(other(txt=raw), "Y004", "seeds/other.txt", (1, 1))


# --- S: schema -----------------------------------------------------------------------------------


def test_s001_required_field_missing() -> None:
    text = CASE.replace("  text: The government.\n", "")
    d = one(diagnose(tiny({"cases/tiny-1917.yml": text})), "S001", "cases/tiny-1917.yml", at(text, "official_power:"))
    assert "'text'" in d.message


def test_s002_unknown_field() -> None:
    text = ANNOTATIONS.replace("    kind: context\n", "    kind: context\n    colour: red\n")
    d = one(diagnose(tiny({"annotations/tiny.yml": text})), "S002", "annotations/tiny.yml", at(text, "colour"))
    assert "colour" in d.message


def test_s003_wrong_type() -> None:
    text = GLOSSARY.replace("type: concept\n", "type: concept\naliases: soviets\n")
    d = one(diagnose(tiny({"glossary/soviet.yml": text})), "S003", "glossary/soviet.yml", at(text, "aliases"))
    assert "expected array" in d.message


def test_s004_value_not_allowed() -> None:
    text = ANNOTATIONS.replace("kind: context", "kind: opinion")
    d = one(diagnose(tiny({"annotations/tiny.yml": text})), "S004", "annotations/tiny.yml", at(text, "kind"))
    assert "'opinion'" in d.message


def test_s005_malformed_id() -> None:
    text = ANNOTATIONS.replace("id: council-context", "id: Council_Context")
    one(diagnose(tiny({"annotations/tiny.yml": text})), "S005", "annotations/tiny.yml", at(text, "id: Council"))


def test_s005_file_name_not_a_slug(tmp_path: Path) -> None:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "Bad_Name.yml").write_text(GLOSSARY, encoding="utf-8")
    _, found = read_inputs(tmp_path)
    one(list(found), "S005", "glossary/Bad_Name.yml", (1, 1))


def test_s006_id_does_not_match_file_name() -> None:
    text = GLOSSARY.replace("id: soviet", "id: soviets")
    one(diagnose(tiny({"glossary/soviet.yml": text})), "S006", "glossary/soviet.yml", at(text, "id: soviets"))


def test_s007_duplicate_id() -> None:
    item = ANNOTATIONS.split("annotations:\n", 1)[1].replace("exact: elected a council", "exact: in the factory")
    text = ANNOTATIONS + item
    d = one(diagnose(tiny({"annotations/tiny.yml": text})), "S007", "annotations/tiny.yml", at(text, "id: council-context", 2))
    assert "council-context" in d.message


def test_s007_duplicate_key() -> None:
    text = GLOSSARY + "name: Another name\n"
    one(diagnose(tiny({"glossary/soviet.yml": text})), "S007", "glossary/soviet.yml", at(text, "name: Another"))


def test_s008_bad_date() -> None:
    text = CASE.replace('start: "1917-02"', "start: February 1917")
    d = one(diagnose(tiny({"cases/tiny-1917.yml": text})), "S008", "cases/tiny-1917.yml", at(text, "start:"))
    assert "February 1917" in d.message


def test_s009_unsafe_url_in_citation() -> None:
    text = GLOSSARY + "  - {author: A. Writer, title: A Book, year: 2000, url: 'javascript:alert(1)'}\n"
    d = one(diagnose(tiny({"glossary/soviet.yml": text})), "S009", "glossary/soviet.yml", at(text, "url:"))
    assert "javascript:alert(1)" in d.message


def test_s009_unsafe_url_in_bibliography() -> None:
    meta = OTHER_META.replace("  language: en\n", "  language: en\n  url: 'data:text/html,<script>alert(1)</script>'\n")
    one(other(meta), "S009", "seeds/other.yml", at(meta, "url:"))


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_s010_symlink_not_followed(tmp_path: Path) -> None:
    (tmp_path / "annotations").mkdir()
    (tmp_path / "annotations" / "tiny.yml").symlink_to("/etc/passwd")
    inputs, found = read_inputs(tmp_path)
    one(list(found), "S010", "annotations/tiny.yml", (1, 1))
    assert inputs.files == {}


def test_s010_redirect_outside_the_site() -> None:
    from build_tools import addresses

    text = "/old/: /new/\n/evil/: ../../etc/passwd\n"
    _, found = addresses.load_redirects(tiny({"anchors/redirects.yml": text}))
    one(found, "S010", "anchors/redirects.yml", at(text, "/evil/"))


# --- M: source metadata --------------------------------------------------------------------------


def test_m001_raw_text_missing() -> None:
    one(other(txt=None), "M001", "seeds/other.yml", (1, 1))


def test_m001_metadata_missing() -> None:
    one(other(meta=None), "M001", "seeds/other.txt", (1, 1))


def test_m002_line_range_outside_the_file() -> None:
    meta = OTHER_META.replace("  - {line: 5,", "  - {line: 99, role: drop}\n  - {line: 5,")
    d = one(other(meta), "M002", "seeds/other.yml", at(meta, "line: 99"))
    assert "99-99" in d.message


def test_m003_rule_matches_no_line() -> None:
    meta = OTHER_META.replace("  - {line: 5,", "  - {match: 'Advertisement.*', role: drop}\n  - {line: 5,")
    one(other(meta), "M003", "seeds/other.yml", at(meta, "match:"))


def test_m004_line_claimed_by_two_rules() -> None:
    meta = OTHER_META.replace("  - {line: 5,", "  - {line: 3, role: blockquote}\n  - {lines: '2-3', role: blockquote}\n  - {line: 5,")
    d = one(other(meta), "M004", "seeds/other.yml", at(meta, "{lines: '2-3'"))
    assert "line 3" in d.message


def test_m005_expected_text_not_on_that_line() -> None:
    meta = OTHER_META.replace("expect: Other Title", "expect: Another Title")
    d = one(other(meta), "M005", "seeds/other.yml", at(meta, "expect: Another"))
    assert "Another Title" in d.message


def test_m005_override_expects_another_marker() -> None:
    meta = OTHER_META + "  overrides:\n    - {occurrence: 1, note: '1', notice: Checked., expect: '7'}\n"
    one(other(meta), "M005", "seeds/other.yml", at(meta, "{occurrence: 1"))


def test_m006_marker_style_finds_no_markers() -> None:
    meta = OTHER_META.replace(r"markers: '\[(?P<label>\d+)\]'", r"markers: '\{(?P<label>\d+)\}'")
    found = other(meta)
    # Without markers the note has none either (M008): both problems are reported, in one run.
    assert {d.code for d in found} == {"M006", "M008"}, [d.format() for d in found]
    m006 = [d for d in found if d.code == "M006"]
    assert [(d.path, d.line, d.col) for d in m006] == [("seeds/other.yml", *at(meta, "markers:"))]


def test_m007_marker_without_a_note() -> None:
    txt = OTHER_TXT.replace("about councils.", "about councils[2].")
    d = one(other(txt=txt), "M007", "seeds/other.txt", at(txt, "[2]"))
    assert "note 2" in d.message


def test_m008_note_without_a_marker() -> None:
    txt = OTHER_TXT + "2. A second note nobody points to.\n"
    meta = OTHER_META.replace('lines: "5-6"', 'lines: "5-7"')
    one(other(meta, txt), "M008", "seeds/other.txt", at(txt, "2. A second"))


def test_m009_repeated_marker() -> None:
    txt = OTHER_TXT.replace("about councils.", "about councils[1].")
    one(other(txt=txt), "M009", "seeds/other.txt", at(txt, "[1]", 2))


def test_m009_note_defined_twice() -> None:
    txt = OTHER_TXT + "1. The first note again.\n"
    meta = OTHER_META.replace('lines: "5-6"', 'lines: "5-7"')
    errors = only(other(meta, txt), "M009")
    where = [at(txt, "1. The first note."), at(txt, "1. The first note again")]
    assert [(d.path, d.line, d.col) for d in errors] == [("seeds/other.txt", *w) for w in where]


def test_m010_invalid_regular_expression() -> None:
    meta = OTHER_META + "debris:\n  - {pattern: '[unclosed', reason: scraper residue}\n"
    d = one(other(meta), "M010", "seeds/other.yml", at(meta, "pattern:"))
    assert "[unclosed" in d.message


def test_m010_gap_pattern_without_gap_group() -> None:
    meta = OTHER_META + "gaps:\n  patterns: ['the  government']\n"
    one(other(meta), "M010", "seeds/other.yml", at(meta, "'the  government'"))


def test_m011_debris_pattern_matches_nothing() -> None:
    meta = OTHER_META + "debris:\n  - {pattern: 'Share this', reason: share button}\n"
    one(other(meta), "M011", "seeds/other.yml", at(meta, "pattern:"))


def test_m012_gap_rule_matches_nothing() -> None:
    meta = OTHER_META + "gaps:\n  add:\n    - {line: 2, after: not on this line}\n"
    d = one(other(meta), "M012", "seeds/other.yml", at(meta, "after:"))
    assert "not on this line" in d.message


def test_several_problems_in_one_metadata_file_all_reported() -> None:
    meta = (
        OTHER_META.replace("slug: other", "slug: another")
        .replace("expect: Other Title", "expect: Wrong Title")
        .replace("  - {line: 5,", "  - {line: 40, role: drop}\n  - {line: 5,")
        + "debris:\n  - {pattern: 'Share this', reason: share button}\n  - {pattern: '(', reason: broken}\n"
    )
    found = other(meta)
    got = sorted((d.code, d.line, d.col) for d in found)
    assert got == sorted(
        [
            ("S006", *at(meta, "slug:")),
            ("M005", *at(meta, "expect: Wrong")),
            ("M002", *at(meta, "line: 40")),
            ("M011", *at(meta, "pattern: 'Share")),
            ("M010", *at(meta, "pattern: '('")),
        ]
    ), [d.format() for d in found]
    assert all(d.path == "seeds/other.yml" for d in found)


# --- P: anchors ----------------------------------------------------------------------------------


def test_p001_registry_out_of_date() -> None:
    registry = tiny().files["anchors/tiny.json"]
    edited = TXT.replace("met daily", "met every day")
    d = one(diagnose(tiny({"seeds/tiny.txt": edited, "anchors/tiny.json": registry})), "P001", "anchors/tiny.json", (1, 1))
    assert "p2 edited" in d.message and "make anchors" in d.message


def test_p001_registry_missing() -> None:
    d = one(diagnose(tiny({"anchors/tiny.json": None})), "P001", "anchors/tiny.json", (1, 1))
    assert "p1 new" in d.message


def test_p002_ambiguous_passage_match() -> None:
    # Two registered passages are equally similar to one edited paragraph.
    registry = (
        '{"source": "other", "next": 3, "passages": ['
        '{"id": "p1", "kind": "paragraph", "status": "active", "text": "First paragraph with a big marker here."},'
        '{"id": "p2", "kind": "paragraph", "status": "active", "text": "First paragraph with a red marker here."}]}'
    )
    found = other(extra={"anchors/other.json": registry})
    # An ambiguous passage gets no old id, so the registry is also out of date (P001).
    assert {d.code for d in found} == {"P002", "P001"}, [d.format() for d in found]
    p002 = [d for d in found if d.code == "P002"]
    assert [(d.path, d.line, d.col) for d in p002] == [("seeds/other.txt", *at(OTHER_TXT, "First paragraph"))]
    assert "p1, p2" in p002[0].message


def page(path: str, body: str, head: str = "") -> verify.Page:
    return verify.parse_page(path, f"<!doctype html><html><head>{head}</head><body><article>{body}</article></body></html>")


def test_p003_registered_anchor_does_not_resolve() -> None:
    pages = {"sources/tiny/index.html": page("sources/tiny/index.html", '<p id="p1">a</p><p id="p2">b</p>')}
    found = verify.check_site(pages, {"tiny": ["p1", "p2", "p3"]}, [], set())
    d = one(found, "P003", "anchors/tiny.json", (1, 1))
    assert "'p3'" in d.message


def test_p003_registered_address_missing() -> None:
    pages = {"sources/tiny/index.html": page("sources/tiny/index.html", '<p id="p1">a</p>')}
    found = verify.check_site(pages, {}, ["/sources/tiny/#p1", "/glossary/gone/"], set())
    d = one(found, "P003", "anchors/site.json", (1, 1))
    assert "/glossary/gone/" in d.message


def test_p004_registry_damaged() -> None:
    d = one(other(extra={"anchors/other.json": "{not json"}), "P004", "anchors/other.json", (1, 1))
    assert "cannot be read" in d.message


def test_p004_site_registry_damaged() -> None:
    from build_tools import addresses

    _, found = addresses.load_site_registry(tiny({"anchors/site.json": '{"rule": "no addresses"}'}))
    one(found, "P004", "anchors/site.json", (1, 1))


# --- A: annotations ------------------------------------------------------------------------------


def test_a001_unknown_passage() -> None:
    text = ANNOTATIONS.replace("passage: p1", "passage: p99")
    d = one(diagnose(tiny({"annotations/tiny.yml": text})), "A001", "annotations/tiny.yml", at(text, "passage: p99"))
    assert "p1-p3" in d.message


def test_a002_quoted_words_not_found() -> None:
    text = ANNOTATIONS.replace("exact: elected a council", "exact: elected a soviet")
    d = one(diagnose(tiny({"annotations/tiny.yml": text})), "A002", "annotations/tiny.yml", at(text, "exact:"))
    assert "closest match" in d.message


def test_a002_citation_quote_not_found() -> None:
    text = ANNOTATIONS + "        quote: words the passage does not contain\n"
    one(diagnose(tiny({"annotations/tiny.yml": text})), "A002", "annotations/tiny.yml", at(text, "quote:"))


def test_a003_quoted_words_ambiguous() -> None:
    text = ANNOTATIONS.replace("passage: p1", "passage: p2").replace("exact: elected a council", "exact: the")
    d = one(diagnose(tiny({"annotations/tiny.yml": text})), "A003", "annotations/tiny.yml", at(text, "exact:"))
    assert "2 times" in d.message


GAP_META = META + "gaps:\n  add:\n    - {line: 4, after: while the}\n"
EMENDATION = """  - id: gap-one
    target: {passage: p2, gap: g1}
    kind: emendation
    supply: idle
    body: A word was lost.
    sources:
      - {author: A. Writer, title: A Book, year: 2000}
"""


def gaps(annotations: str) -> list[Diagnostic]:
    return diagnose(tiny({"seeds/tiny.yml": GAP_META, "annotations/tiny.yml": annotations}))


def test_gap_fixture_is_clean() -> None:
    assert gaps(ANNOTATIONS + EMENDATION) == []


def test_a004_unknown_gap() -> None:
    text = ANNOTATIONS + EMENDATION.replace("gap: g1", "gap: g7")
    found = gaps(text)
    # The real gap g1 is then not emended either; that is the separate problem A010.
    assert {d.code for d in found} == {"A004", "A010"}, [d.format() for d in found]
    a004 = [d for d in found if d.code == "A004"]
    assert [(d.path, d.line, d.col) for d in a004] == [("annotations/tiny.yml", *at(text, "gap: g7"))]
    assert "g1" in a004[0].message


def test_a005_emendation_needs_supply() -> None:
    text = ANNOTATIONS + EMENDATION.replace("    supply: idle\n", "")
    one(gaps(text), "A005", "annotations/tiny.yml", at(text, "id: gap-one"))


def test_a005_gap_note_must_be_emendation() -> None:
    text = ANNOTATIONS + EMENDATION.replace("kind: emendation", "kind: context").replace("    supply: idle\n", "")
    one(gaps(text), "A005", "annotations/tiny.yml", at(text, "kind: context", 2))


def test_a006_note_cites_no_source() -> None:
    text = ANNOTATIONS.replace("    sources:\n      - passage: tiny#p3\n", "    sources: []\n")
    one(diagnose(tiny({"annotations/tiny.yml": text})), "A006", "annotations/tiny.yml", at(text, "sources:"))


def test_a007_bad_citation() -> None:
    text = ANNOTATIONS.replace("passage: tiny#p3", "passage: tiny#p99")
    d = one(diagnose(tiny({"annotations/tiny.yml": text})), "A007", "annotations/tiny.yml", at(text, "passage: tiny#p99"))
    assert "'p99'" in d.message


def test_a007_citation_of_unknown_source() -> None:
    text = GLOSSARY.replace("passage: tiny#p3", "passage: nosuch#p3")
    d = one(diagnose(tiny({"glossary/soviet.yml": text})), "A007", "glossary/soviet.yml", at(text, "passage:"))
    assert "'nosuch'" in d.message


def test_a008_markdown_outside_the_subset() -> None:
    text = ANNOTATIONS.replace("body: A *council* of workers.", 'body: <img src=x onerror="alert(1)">')
    d = one(diagnose(tiny({"annotations/tiny.yml": text})), "A008", "annotations/tiny.yml", at(text, "body:"))
    assert "raw HTML" in d.message


def test_a009_annotation_file_for_unknown_source() -> None:
    text = ANNOTATIONS.replace("source: tiny", "source: nosuch")
    one(diagnose(tiny({"annotations/nosuch.yml": text})), "A009", "annotations/nosuch.yml", at(text, "source:"))


def test_a010_gap_without_emendation() -> None:
    d = one(gaps(ANNOTATIONS), "A010", "annotations/tiny.yml", at(ANNOTATIONS, "annotations:"))
    assert "p2/g1" in d.message


def test_a010_gaps_but_no_annotation_file() -> None:
    found = diagnose(tiny({"seeds/tiny.yml": GAP_META, "annotations/tiny.yml": None}))
    one(found, "A010", "annotations/tiny.yml", (1, 1))


def test_a011_overlapping_annotations() -> None:
    item = ANNOTATIONS.split("annotations:\n", 1)[1]
    text = ANNOTATIONS + item.replace("id: council-context", "id: council-factory").replace("exact: elected a council", "exact: council in the")
    d = one(diagnose(tiny({"annotations/tiny.yml": text})), "A011", "annotations/tiny.yml", at(text, "annotations:"))
    assert "council-context and council-factory" in d.message


def test_a012_gap_annotated_twice() -> None:
    text = ANNOTATIONS + EMENDATION + EMENDATION.replace("id: gap-one", "id: gap-two")
    d = one(gaps(text), "A012", "annotations/tiny.yml", at(text, "annotations:"))
    assert "gap-one and gap-two" in d.message


# --- G: glossary ---------------------------------------------------------------------------------

WORKERS = """id: workers
name: Workers
type: concept
short: The people who work for a wage.
article: Workers elected the council.
sources:
  - passage: tiny#p1
"""


def test_g001_unknown_related_entry() -> None:
    text = GLOSSARY + "related: [nosuch]\n"
    d = one(diagnose(tiny({"glossary/soviet.yml": text})), "G001", "glossary/soviet.yml", at(text, "nosuch"))
    assert "'nosuch'" in d.message


def test_g002_alias_claimed_by_two_entries() -> None:
    text = WORKERS.replace("type: concept\n", "type: concept\naliases:\n  - workers' councils\n  - soviet\n")
    d = one(diagnose(tiny({"glossary/workers.yml": text})), "G002", "glossary/workers.yml", at(text, "soviet"))
    assert "'soviet'" in d.message


def test_g002_case_link_phrase_claimed_by_glossary() -> None:
    text = CASE + "link_phrases: [Soviet]\n"
    d = one(diagnose(tiny({"cases/tiny-1917.yml": text})), "G002", "cases/tiny-1917.yml", (1, 1))
    assert "'Soviet'" in d.message


def test_g003_entry_matches_nothing_is_a_warning() -> None:
    text = WORKERS.replace("name: Workers", "name: Zemstvo").replace("id: workers", "id: zemstvo")
    found = diagnose(tiny({"glossary/zemstvo.yml": text}))
    assert [(d.code, d.severity, d.path, d.line, d.col) for d in found] == [("G003", "warning", "glossary/zemstvo.yml", 1, 1)]
    assert found[0].format().startswith("glossary/zemstvo.yml:1:1: warning G003: ")


def test_g004_definition_too_long() -> None:
    text = GLOSSARY.replace("short: A council of workers' deputies.", "short: " + "A council of deputies. " * 15)
    d = one(diagnose(tiny({"glossary/soviet.yml": text})), "G004", "glossary/soviet.yml", at(text, "short:"))
    assert "limit 320" in d.message


# --- C: cases ------------------------------------------------------------------------------------


def test_c001_case_cites_no_passage() -> None:
    text = CASE.replace("    - passage: tiny#p2\n", "    - {author: A. Writer, title: A Book, year: 2000}\n").replace(
        "    - passage: tiny#p3\n", "    - {author: A. Writer, title: A Book, year: 2000}\n"
    )
    one(diagnose(tiny({"cases/tiny-1917.yml": text})), "C001", "cases/tiny-1917.yml", at(text, "evidence:", 2))


def test_c002_end_before_start() -> None:
    text = CASE.replace('end: "1917-10"', 'end: "1916"')
    one(diagnose(tiny({"cases/tiny-1917.yml": text})), "C002", "cases/tiny-1917.yml", at(text, "end:"))


def test_c003_unknown_glossary_entry() -> None:
    text = CASE + "glossary: [soviet, nosuch]\n"
    d = one(diagnose(tiny({"cases/tiny-1917.yml": text})), "C003", "cases/tiny-1917.yml", at(text, "nosuch"))
    assert "'nosuch'" in d.message


# --- V: the built site ---------------------------------------------------------------------------


def test_v001_resource_from_another_host() -> None:
    pages = {"index.html": page("index.html", "<p>text</p>", head='<script src="https://cdn.example.com/x.js"></script>')}
    d = one(verify.check_site(pages, {}, [], set()), "V001", "site/index.html", (1, 1))
    assert "cdn.example.com" in d.message


def test_v002_broken_internal_link() -> None:
    pages = {
        "index.html": page("index.html", '<a href="glossary/gone/">x</a> <a href="sources/tiny/#p9">y</a>'),
        "sources/tiny/index.html": page("sources/tiny/index.html", '<p id="p1">a</p>'),
    }
    found = verify.check_site(pages, {}, [], set())
    errors = only(found, "V002")
    assert sorted(d.message for d in errors) == [
        "link 'glossary/gone/' points to a missing page",
        "link 'sources/tiny/#p9' points to a missing anchor",
    ]
    assert {(d.path, d.line, d.col) for d in errors} == {("site/index.html", 1, 1)}


def test_v003_live_markup_in_page_content() -> None:
    pages = {"index.html": page("index.html", '<p onmouseover="alert(1)">x</p>')}
    d = one(verify.check_site(pages, {}, [], set()), "V003", "site/index.html", (1, 1))
    assert "onmouseover" in d.message


def test_every_code_has_a_test() -> None:
    source = Path(__file__).read_text(encoding="utf-8")
    untested = [code for code in CODES if f"def test_{code.lower()}_" not in source]
    assert untested == []


# --- the command line ----------------------------------------------------------------------------


def _copy_repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for folder in ("seeds", "annotations", "glossary", "cases", "anchors", "docs"):
        shutil.copytree(ROOT / folder, root / folder)
    (root / "build" / "docs").mkdir(parents=True)
    (root / "build" / "docs" / "sentinel.md").write_text("left alone\n", encoding="utf-8")
    return root


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("command", ["check", "build", "anchors"])
def test_cli_reports_every_problem_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    root = _copy_repo(tmp_path)
    meta_path = root / "seeds" / "callinicos-1977-soviet-power.yml"
    meta = meta_path.read_text(encoding="utf-8")
    broken = meta.replace("{line: 4, role: byline, expect: Alex Callinicos}", "{line: 4, role: byline, expect: Somebody Else}").replace(
        "rules:\n", "debris:\n  - {pattern: 'Share this', reason: share button}\n  - {pattern: '(', reason: broken}\nrules:\n", 1
    )
    meta_path.write_text(broken, encoding="utf-8")
    before = _snapshot(root)

    status = cli.main(["--root", str(root), command])

    captured = capsys.readouterr()
    assert status == 1
    assert "Traceback" not in captured.err + captured.out
    rel = "seeds/callinicos-1977-soviet-power.yml"
    for code, needle in (("M005", "expect: Somebody"), ("M011", "pattern: 'Share"), ("M010", "pattern: '('")):
        line, col = at(broken, needle)
        assert f"{rel}:{line}:{col}: error {code}: " in captured.err, captured.err
        assert f"    hint: {CODES[code][1]}" in captured.err
    assert "error(s); nothing was written." in captured.err
    assert _snapshot(root) == before


def test_cli_in_a_subprocess_prints_no_traceback(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = _copy_repo(tmp_path)
    (root / "glossary" / "soviet.yml").write_bytes(b"id: soviet\nname: !!python/object/apply:os.system ['touch pwned']\n")
    before = _snapshot(root)
    done = subprocess.run(
        [sys.executable, "-m", "build_tools", "--root", str(root), "build"], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "glossary/soviet.yml:2:7: error Y002: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed\n" in done.stderr
    assert "    hint: Use plain mappings" in done.stderr
    assert not (root / "pwned").exists() and not (ROOT / "pwned").exists()
    assert _snapshot(root) == before


def test_tiny_fixture_text_is_what_the_tests_assume() -> None:
    assert TXT.splitlines()[3].startswith("The council met daily while the government")
