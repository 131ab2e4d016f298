"""A case per diagnostic code: a small bad input that triggers it, through the command a contributor
runs (``check``; ``verify-site``, ``build`` or ``suggestion`` for the codes only they report).

Every case is a variant of the fixture edition (``tests/fixtures/edition``) with one thing broken.
The expected place is computed from the text the case wrote (``at``), so it points at the key or
value at fault; the test checks the printed ``path:line:col: error CODE: message`` line and its
hint, that it is the only problem printed (unless the case names the follow-on codes it must
cause), the exit status, and that no traceback was printed. Commands run in-process through
``cli.main`` (a subprocess per case would make this file slow); ``test_cli_in_a_subprocess`` and
``test_malformed.py`` run the real entry point.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from build_tools import cli
from build_tools.diagnostics import CODES
from build_tools.exports import pdf
from build_tools.inputs import yaml_positions
from build_tools.inputs.files import MAX_FILE_BYTES
from build_tools.sources import patterns, registry

from ..editions import FIXTURE, make_root, run

LINE = re.compile(r"^(?P<path>\S+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning) (?P<code>[A-Z]\d{3}): (?P<message>.*)$", re.M)
Where = tuple[str, int, int]


def at(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """1-based line and column of the ``nth`` occurrence of ``needle`` in ``text``."""
    index = -1
    for _ in range(nth):
        index = text.index(needle, index + 1)
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


class Variant:
    """A copy of the fixture edition on disk that a case changes."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def text(self, rel: str) -> str:
        return (self.root / rel).read_text(encoding="utf-8")

    def write(self, rel: str, data: str | bytes) -> str:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
            return data.decode("utf-8", "replace")
        path.write_text(data, encoding="utf-8")
        return data

    def edit(self, rel: str, old: str, new: str) -> str:
        text = self.text(rel)
        assert text.count(old) == 1, (rel, old)
        return self.write(rel, text.replace(old, new))

    def append(self, rel: str, more: str) -> str:
        return self.write(rel, self.text(rel) + more)

    def anchor(self) -> None:
        """Record the variant's passages and addresses, as a contributor runs ``make anchors``."""
        assert cli.main(["--root", str(self.root), "anchors"]) == 0

    def log(self, slug: str) -> list[dict[str, object]]:
        return list(json.loads(self.text(f"anchors/{slug}.json"))["log"])

    def write_log(self, slug: str, log: list[dict[str, object]], seal: bool = True) -> str:
        entries = registry.chain(log) if seal else tuple(log)
        return self.write(f"anchors/{slug}.json", registry.to_json(registry.Registry(slug, entries)))


@dataclass(frozen=True)
class Case:
    code: str
    name: str
    make: Callable[[Variant], Where]
    command: tuple[str, ...] = ("check",)
    also: frozenset[str] = frozenset()  # codes the same mistake necessarily causes too
    severity: str = "error"
    site_files: bool = False  # the case needs mkdocs.yml, docs/ and overrides/
    patch: Callable[[pytest.MonkeyPatch], None] | None = None  # what the case changes in the code's settings


CASES: list[Case] = []


def case(  # type: ignore[no-untyped-def]
    code: str,
    *,
    command: tuple[str, ...] = ("check",),
    also: tuple[str, ...] = (),
    severity: str = "error",
    site_files: bool = False,
    patch: Callable[[pytest.MonkeyPatch], None] | None = None,
):
    def register(make: Callable[[Variant], Where]) -> Callable[[Variant], Where]:
        CASES.append(Case(code, make.__name__, make, command, frozenset(also), severity, site_files, patch))
        return make

    return register


SOVIET = "glossary/soviet.yml"
COUNCILS_TXT, COUNCILS_META = "seeds/fixture-councils.txt", "seeds/fixture-councils.yml"
COUNCILS_NOTES = "annotations/fixture-councils.yml"
NORTHGATE = "cases/northgate-1905.yml"
LONELY_META = """slug: lonely
bibliography:
  title: A lonely text
  container: Test Press
  date: "2001"
  rights: Test fixture.
  language: en
  kind: web-page
rules:
  - {line: 1, role: title, expect: A lonely text}
"""


# --- Y: the file itself ---------------------------------------------------------------------------


@case("Y001")
def y001_invalid_yaml(v: Variant) -> Where:
    text = v.edit(SOVIET, "name: soviet", "name: soviet: a council")
    return SOVIET, *at(text, ": a council")


@case("Y002")
def y002_python_tag(v: Variant) -> Where:
    text = v.edit(SOVIET, "name: soviet", "name: !!python/object/apply:os.system ['touch pwned']")
    return SOVIET, *at(text, "!!python")


@case("Y002")
def y002_alias(v: Variant) -> Where:
    text = v.edit(SOVIET, "name: soviet\n", "name: &n soviet\nexact_aliases: [*n]\n")
    return SOVIET, *at(text, "&n")


@case("Y003")
def y003_not_a_mapping(v: Variant) -> Where:
    v.write(SOVIET, "- id: soviet\n- name: soviet\n")
    return SOVIET, 1, 1


@case("Y004")
def y004_not_utf8(v: Variant) -> Where:
    text = v.text(SOVIET).replace("name: soviet", "name: sovi\udcfft")
    v.write(SOVIET, text.encode("utf-8", "surrogateescape"))
    return SOVIET, *at(text, "\udcff")


@case("Y005")
def y005_c1_control_character(v: Variant) -> Where:
    text = v.edit(SOVIET, "name: soviet", "name: sov\u0085iet")
    return SOVIET, *at(text, "\u0085")


@case("Y005")
def y005_bidi_override(v: Variant) -> Where:
    text = v.edit(COUNCILS_TXT, "the mills ran short time", "the mills ran \u202eshort time")
    return COUNCILS_TXT, *at(text, "\u202e")


@case("Y006")
def y006_byte_order_mark(v: Variant) -> Where:
    v.write(SOVIET, b"\xef\xbb\xbf" + (v.root / SOVIET).read_bytes())
    return SOVIET, 1, 1


# --- S: the file's shape ----------------------------------------------------------------------------


@case("S001")
def s001_required_field(v: Variant) -> Where:
    text = v.edit(COUNCILS_NOTES, "    kind: context\n    body: Northgate is", "    body: Northgate is")
    return COUNCILS_NOTES, *at(text, "id: winter-context")


@case("S002")
def s002_unknown_field(v: Variant) -> Where:
    text = v.append(SOVIET, "colour: red\n")
    return SOVIET, *at(text, "colour")


@case("S003")
def s003_wrong_type(v: Variant) -> Where:
    text = v.edit(SOVIET, "aliases: [soviets]", "aliases: soviets")
    return SOVIET, *at(text, "aliases")


@case("S004")
def s004_value_not_allowed(v: Variant) -> Where:
    text = v.edit(COUNCILS_NOTES, "kind: term", "kind: opinion")
    return COUNCILS_NOTES, *at(text, "kind: opinion")


@case("S005")
def s005_malformed_id(v: Variant) -> Where:
    text = v.edit(COUNCILS_NOTES, "id: winter-context", "id: Winter_Context")
    return COUNCILS_NOTES, *at(text, "id: Winter")


@case("S005")
def s005_file_name_not_a_slug(v: Variant) -> Where:
    v.write("glossary/Soviet_Council.yml", v.text(SOVIET))
    return "glossary/Soviet_Council.yml", 1, 1


@case("S006")
def s006_id_is_not_the_file_name(v: Variant) -> Where:
    text = v.edit(SOVIET, "id: soviet", "id: soviets")
    return SOVIET, *at(text, "id: soviets")


@case("S007")
def s007_duplicate_key(v: Variant) -> Where:
    text = v.append(SOVIET, "name: another name\n")
    return SOVIET, *at(text, "name: another")


@case("S007")
def s007_duplicate_annotation_id(v: Variant) -> Where:
    text = v.edit(COUNCILS_NOTES, "id: delegates-term", "id: winter-context")
    return COUNCILS_NOTES, *at(text, "id: winter-context", 2)


@case("S008")
def s008_month_13(v: Variant) -> Where:
    text = v.edit(NORTHGATE, 'start: "1905-01"', 'start: "1905-13"')
    return NORTHGATE, *at(text, "start:")


@case("S008")
def s008_february_31(v: Variant) -> Where:
    text = v.edit(NORTHGATE, 'end: "1906-07"', 'end: "1906-02-31"')
    return NORTHGATE, *at(text, "end:")


@case("S009")
def s009_unsafe_url(v: Variant) -> Where:
    text = v.append("reference/works/sample-1970.yml", "url: 'javascript:alert(1)'\n")
    return "reference/works/sample-1970.yml", *at(text, "url:")


@case("S010")
def s010_symbolic_link(v: Variant) -> Where:
    (v.root / "glossary" / "passwd.yml").symlink_to("/etc/passwd")
    return "glossary/passwd.yml", 1, 1


@case("S011")
def s011_data_file_too_large(v: Variant) -> Where:
    v.append(SOVIET, "# " + "x" * yaml_positions.MAX_BYTES + "\n")
    return SOVIET, 1, 1


@case("S011")
def s011_raw_text_over_the_size_limit(v: Variant) -> Where:
    v.write(COUNCILS_TXT, v.text(COUNCILS_TXT) + "x" * MAX_FILE_BYTES)
    return COUNCILS_TXT, 1, 1


@case("S012")
def s012_unexpected_file_type(v: Variant) -> Where:
    v.write("glossary/soviet.txt", "A glossary entry in the wrong format.\n")
    return "glossary/soviet.txt", 1, 1


@case("S013")
def s013_reserved_name(v: Variant) -> Where:
    v.write("glossary/index.yml", v.text(SOVIET).replace("id: soviet", "id: index"))
    return "glossary/index.yml", 1, 1


@case("S014")
def s014_hand_written_page_over_a_generated_one(v: Variant) -> Where:
    v.write("docs/glossary/soviet.md", "# Soviet\n\nA hand-written page.\n")
    return "docs/glossary/soviet.md", 1, 1


# --- M: a source's metadata -------------------------------------------------------------------------


@case("M001")
def m001_raw_text_missing(v: Variant) -> Where:
    v.write("seeds/lonely.yml", LONELY_META)
    return "seeds/lonely.yml", 1, 1


@case("M002")
def m002_line_outside_the_file(v: Variant) -> Where:
    text = v.edit(COUNCILS_META, "  - {line: 11, role: heading", "  - {line: 99, role: drop}\n  - {line: 11, role: heading")
    return COUNCILS_META, *at(text, "line: 99")


@case("M003")
def m003_rule_matches_no_line(v: Variant) -> Where:
    text = v.edit(COUNCILS_META, "  - {match: 'Share this", "  - {match: 'Advertisement.*', role: drop}\n  - {match: 'Share this")
    return COUNCILS_META, *at(text, "match: 'Advert")


@case("M004")
def m004_line_claimed_twice(v: Variant) -> Where:
    text = v.edit(COUNCILS_META, "  - {line: 21, role: heading", "  - {lines: '20-21', role: blockquote}\n  - {line: 21, role: heading")
    return COUNCILS_META, *at(text, "{line: 21, role: heading")


@case("M005")
def m005_expected_text_not_on_the_line(v: Variant) -> Where:
    text = v.edit(COUNCILS_META, "expect: The Committee", "expect: The Council")
    return COUNCILS_META, *at(text, "expect: The Council")


@case("M006", also=("M008",))
def m006_marker_style_finds_nothing(v: Variant) -> Where:
    text = v.edit(COUNCILS_META, r"markers: '\[(?P<label>\d+)\]'", r"markers: '\{(?P<label>\d+)\}'")
    return COUNCILS_META, *at(text, "markers:")


@case("M007")
def m007_marker_without_a_note(v: Variant) -> Where:
    text = v.edit(COUNCILS_TXT, "passes to carters.", "passes to carters.[9]")
    return COUNCILS_TXT, *at(text, "[9]")


@case("M008")
def m008_note_without_a_marker(v: Variant) -> Where:
    text = v.edit(COUNCILS_TXT, "the minutes are lost.[4]", "the minutes are lost.")
    return COUNCILS_TXT, *at(text, "4. Both counts")


@case("M009")
def m009_repeated_marker(v: Variant) -> Where:
    text = v.edit(COUNCILS_TXT, "passes to carters.", "passes to carters.[1]")
    return COUNCILS_TXT, *at(text, "[1]", 2)


@case("M010")
def m010_invalid_regular_expression(v: Variant) -> Where:
    text = v.append(COUNCILS_META, "debris:\n  - {pattern: '[unclosed', reason: scraper residue}\n")
    return COUNCILS_META, *at(text, "pattern: '[unclosed")


@case("M010")
def m010_gap_pattern_without_its_group(v: Variant) -> Where:
    text = v.edit(COUNCILS_META, "    - '(?<=\\w) (?P<gap>)(?=,)'", "    - '(?<=\\w) (?=,)'")
    return COUNCILS_META, *at(text, "'(?<=\\w) (?=,)'")


@case("M011")
def m011_debris_pattern_matches_nothing(v: Variant) -> Where:
    text = v.append(COUNCILS_META, "debris:\n  - {pattern: 'Sponsored content', reason: advertising}\n")
    return COUNCILS_META, *at(text, "pattern: 'Sponsored")


@case("M012")
def m012_gap_rule_matches_nothing(v: Variant) -> Where:
    text = v.edit(COUNCILS_META, "    - '(?<=\\w) (?P<gap>)(?=,)'\n", "    - '(?<=\\w) (?P<gap>)(?=,)'\n  add:\n    - {line: 6, after: not on this line}\n")
    return COUNCILS_META, *at(text, "after: not on")


@case("M013")
def m013_metadata_missing(v: Variant) -> Where:
    v.write("seeds/lonely.txt", "A lonely text\nWith one paragraph.\n")
    return "seeds/lonely.txt", 1, 1


@case("M014")
def m014_empty_text(v: Variant) -> Where:
    v.write("seeds/lonely.yml", LONELY_META)
    v.write("seeds/lonely.txt", "\n\n")
    return "seeds/lonely.txt", 1, 1


@case("M015")
def m015_the_raw_text_moved(v: Variant) -> Where:
    text = v.text(COUNCILS_TXT).split("\n")
    text[5:5] = ["A new paragraph in a new copy of the text.", "And another one."]
    v.write(COUNCILS_TXT, "\n".join(text))
    return COUNCILS_META, *at(v.text(COUNCILS_META), "rules:")


@case("M016", also=("M005",), severity="warning")
def m016_not_checked_while_its_source_has_errors(v: Variant) -> Where:
    v.edit("seeds/fixture-encyclopedia.yml", "expect: Origins", "expect: Beginnings")
    return "seeds/fixture-encyclopedia.yml", 1, 1


@case("M017", patch=lambda mp: mp.setattr(patterns, "TIMEOUT", 0.05))  # give up at once
def m017_pattern_too_slow(v: Variant) -> Where:
    # (.|..)* tries every way of cutting a line into pieces before it finds no nine digits at its end
    v.edit(COUNCILS_META, "  - {match: 'Share this", "  - {match: '(.|..)*\\d{9}', role: drop}\n  - {match: 'Share this")
    return COUNCILS_META, 1, 1


# --- P: permanent ids and addresses -----------------------------------------------------------------


@case("P001")
def p001_registry_out_of_date(v: Variant) -> Where:
    v.edit(COUNCILS_TXT, "Bread was dear", "Bread was very dear")
    return "anchors/fixture-councils.json", 1, 1


@case("P009", severity="warning")
def p009_new_address_not_recorded(v: Variant) -> Where:
    v.append(COUNCILS_NOTES, NEW_NOTE.format(pid="p4", exact="town hall"))
    return "anchors/site.json", 1, 1


@case("P002", also=("P001",))
def p002_ambiguous_match(v: Variant) -> Where:
    # the registry once had a second passage like p7; the edited p7 is now as like the one as the other
    log = v.log("fixture-encyclopedia")
    order = next(e for e in reversed(log) if e["op"] == "order")
    twin = "The factory committees kept their own minutes, and most of them survive in the city archive."
    date = str(log[-1]["date"])
    log.append({"op": "add", "id": "p12", "kind": "paragraph", "text": twin, "date": date})
    log.append({"op": "order", "ids": [*order["ids"], "p12"], "date": date})  # type: ignore[list-item]
    v.write_log("fixture-encyclopedia", log)
    text = v.edit("seeds/fixture-encyclopedia.txt", "and some of them survive", "and a few of them survive")
    return "seeds/fixture-encyclopedia.txt", *at(text, "The factory committees kept")


@case("P003", command=("verify-site",))
def p003_registered_id_does_not_resolve(v: Variant) -> Where:
    for path in (v.root / "anchors").iterdir():
        path.unlink()
    v.write_log("tiny", [{"op": "add", "id": "p1", "kind": "paragraph", "text": "One.", "date": "2026-01-01"},
                         {"op": "add", "id": "p2", "kind": "paragraph", "text": "Two.", "date": "2026-01-01"}])  # fmt: skip
    v.write("site/sources/tiny/index.html", '<!doctype html><html><body><article><p id="p1">One.</p></article></body></html>')
    return "anchors/tiny.json", 1, 1


@case("P004")
def p004_registry_not_json(v: Variant) -> Where:
    v.write("anchors/fixture-encyclopedia.json", "{not json")
    return "anchors/fixture-encyclopedia.json", 1, 1


@case("P005")
def p005_pin_text_not_found(v: Variant) -> Where:
    text = v.write("anchors/pins.yml", 'fixture-councils:\n  pins:\n    - {id: p3, text: "No passage starts with these words"}\n')
    return "anchors/pins.yml", at(text, "{id: p3")[0], 1


@case("P005")
def p005_pin_to_an_unknown_id(v: Variant) -> Where:
    text = v.write("anchors/pins.yml", 'fixture-councils:\n  pins:\n    - {id: p99, text: "The new body met every evening"}\n')
    return "anchors/pins.yml", at(text, "{id: p99")[0], 1


@case("P006")
def p006_redirect_loop(v: Variant) -> Where:
    text = v.write("anchors/redirects.yml", "/glossary/a/: /glossary/b/\n/glossary/b/: /glossary/a/\n")
    return "anchors/redirects.yml", *at(text, "/glossary/a/:")


@case("P007")
def p007_registry_edited_after_it_was_recorded(v: Variant) -> Where:
    log = v.log("fixture-councils")
    log[2] = {**log[2], "text": "The new body met every morning in the old corn exchange."}
    v.write_log("fixture-councils", log, seal=False)
    return "anchors/fixture-councils.json", 1, 1


@case("P008", also=("P001",), severity="warning")
def p008_retired_passage_needs_a_decision(v: Variant) -> Where:
    # p4 leaves the text, and some of its words are now in p3: moved there, or removed?
    v.edit(
        COUNCILS_TXT, "The old council did not dissolve. It kept the town hall, the police and the rates, and it claimed every power it had ever held.\n", "\n"
    )
    v.edit(COUNCILS_TXT, "passes to carters.", "passes to carters. The old council did not dissolve: it kept the town hall, the police and the rates.")
    return "anchors/pins.yml", 1, 1


# --- V: the built site ------------------------------------------------------------------------------

PAGE = "<!doctype html><html><head>{head}</head><body><article>{body}</article></body></html>"


def _site_only(v: Variant, head: str, body: str, more: dict[str, str] | None = None) -> None:
    for folder in ("anchors",):
        for path in (v.root / folder).iterdir():
            path.unlink()
    v.write("site/index.html", PAGE.format(head=head, body=body))
    for rel, html in (more or {}).items():
        v.write(rel, html)


@case("V001", command=("verify-site",))
def v001_resource_from_another_host(v: Variant) -> Where:
    _site_only(v, '<link rel="stylesheet" href="https://cdn.example.com/x.css">', "<p>Text.</p>")
    return "site/index.html", 1, 1


@case("V002", command=("verify-site",))
def v002_broken_internal_link(v: Variant) -> Where:
    _site_only(v, "", '<p><a href="glossary/gone/">gone</a></p>')
    return "site/index.html", 1, 1


@case("V003", command=("verify-site",))
def v003_live_markup(v: Variant) -> Where:
    _site_only(v, "", '<p><a href="java&#9;script:alert(1)">x</a></p>')
    return "site/index.html", 1, 1


@case("V004", command=("verify-site",))
def v004_no_built_site(v: Variant) -> Where:
    return "site", 1, 1


@case("V005", command=("build", "--quiet", "--exports", "none"), site_files=True)
def v005_site_engine_failed(v: Variant) -> Where:
    v.edit("mkdocs.yml", "name: material", "name: no-such-theme")
    return "mkdocs.yml", 1, 1


# --- A: the editor's notes --------------------------------------------------------------------------


@case("A001")
def a001_unknown_passage(v: Variant) -> Where:
    text = v.edit(COUNCILS_NOTES, "target: {passage: p20,", "target: {passage: p99,")
    return COUNCILS_NOTES, *at(text, "passage: p99")


@case("A002")
def a002_quoted_words_not_found(v: Variant) -> Where:
    text = v.edit(COUNCILS_NOTES, 'exact: "old corn exchange"', 'exact: "old wheat exchange"')
    return COUNCILS_NOTES, *at(text, 'exact: "old wheat')


@case("A003")
def a003_quoted_words_ambiguous(v: Variant) -> Where:
    text = v.edit(COUNCILS_NOTES, 'exact: "old corn exchange"', 'exact: "the"')
    return COUNCILS_NOTES, *at(text, 'exact: "the"')


@case("A004", also=("A010",))
def a004_unknown_gap(v: Variant) -> Where:
    text = v.edit(COUNCILS_NOTES, "gap: g1}", "gap: g7}")
    return COUNCILS_NOTES, *at(text, "gap: g7")


@case("A005")
def a005_emendation_without_supply(v: Variant) -> Where:
    text = v.edit(COUNCILS_NOTES, '    supply: "in March"\n', "")
    return COUNCILS_NOTES, *at(text, "id: lost-word")


@case("A006")
def a006_event_without_evidence(v: Variant) -> Where:
    rel = "reference/chronology/first-meeting.yml"
    text = v.edit(rel, 'evidence:\n  - work: centenary-2005\n    at: {section: "1905"}\n', "evidence: []\n")
    return rel, *at(text, "evidence:")


@case("A007")
def a007_unknown_passage_cited(v: Variant) -> Where:
    text = v.edit(COUNCILS_NOTES, "      - passage: fixture-councils#p20\n", "      - passage: fixture-councils#p99\n")
    return COUNCILS_NOTES, *at(text, "passage: fixture-councils#p99")


@case("A008")
def a008_raw_html(v: Variant) -> Where:
    text = v.edit(COUNCILS_NOTES, "body: Russian *sovet*, council.", "body: Russian <img src=x onerror=alert(1)> council.")
    return COUNCILS_NOTES, *at(text, "body: Russian")


@case("A009")
def a009_notes_for_an_unknown_source(v: Variant) -> Where:
    text = v.write("annotations/nosuch.yml", v.text(COUNCILS_NOTES).replace("source: fixture-councils", "source: nosuch"))
    return "annotations/nosuch.yml", *at(text, "source:")


@case("A010")
def a010_gap_without_emendation(v: Variant) -> Where:
    text = v.text("annotations/fixture-encyclopedia.yml")
    start, end = text.index("  - id: old-council-emendation"), text.index("  - id: chairman-correction")
    text = v.write("annotations/fixture-encyclopedia.yml", text[:start] + text[end:])
    return "annotations/fixture-encyclopedia.yml", *at(text, "annotations:")


NEW_NOTE = """  - id: new-note
    target: {{passage: {pid}, exact: "{exact}"}}
    kind: context
    body: A new note.
    sources:
      - passage: fixture-councils#{pid}
"""


@case("A011")
def a011_overlapping_notes(v: Variant) -> Where:
    text = v.append(COUNCILS_NOTES, NEW_NOTE.format(pid="p19", exact="another gives five"))
    v.anchor()
    return COUNCILS_NOTES, *at(text, "annotations:")


@case("A012")
def a012_gap_annotated_twice(v: Variant) -> Where:
    text = v.text(COUNCILS_NOTES)
    item = text[text.index("  - id: lost-word") : text.index("  - id: comittee-sic")]
    text = v.append(COUNCILS_NOTES, item.replace("id: lost-word", "id: lost-word-again"))
    v.anchor()
    return COUNCILS_NOTES, *at(text, "annotations:")


@case("A013")
def a013_unknown_work(v: Variant) -> Where:
    text = v.edit(COUNCILS_NOTES, "      - work: sample-1970\n        at: {page: 88}", "      - work: sample-1971\n        at: {page: 88}")
    return COUNCILS_NOTES, *at(text, "work: sample-1971")


@case("A014")
def a014_citation_without_a_locator(v: Variant) -> Where:
    text = v.edit(COUNCILS_NOTES, "      - work: sample-1970\n        at: {page: 88}\n", "      - work: sample-1970\n")
    return COUNCILS_NOTES, *at(text, "work: sample-1970", 4)


@case("A015")
def a015_quotation_too_long(v: Variant) -> Where:
    text = v.edit(COUNCILS_NOTES, 'exact: "old corn exchange"', f'exact: "{"old corn exchange " * 2400}"')
    return COUNCILS_NOTES, *at(text, 'exact: "old corn exchange old')


# --- H: dates ---------------------------------------------------------------------------------------


@case("H001")
def h001_unknown_event(v: Variant) -> Where:
    text = v.edit(COUNCILS_NOTES, "{date:corn-exchange-occupied}", "{date:corn-exchange-burnt}")
    return COUNCILS_NOTES, *at(text, "body: The occupation")


@case("H002")
def h002_date_disagrees_with_the_chronology(v: Variant) -> Where:
    text = v.edit(COUNCILS_NOTES, "body: Each mill elected its own committee.", "body: The militia occupied the corn exchange on 10 March.")
    return COUNCILS_NOTES, *at(text, "body: The militia")


@case("H003")
def h003_styles_not_thirteen_days_apart(v: Variant) -> Where:
    rel = "reference/chronology/first-meeting.yml"
    text = v.edit(rel, 'ns: "1905-01-30"', 'ns: "1905-01-29"')
    return rel, *at(text, "ns:")


@case("W001")
def w001_weak_source(v: Variant) -> Where:
    rel = "reference/works/sample-1970.yml"
    text = v.append(rel, "url: https://northgate-history.blogspot.com/2010/01/soviet.html\n")
    return rel, *at(text, "url:")


# --- G: the glossary --------------------------------------------------------------------------------


@case("G001")
def g001_unknown_related_entry(v: Variant) -> Where:
    text = v.edit(SOVIET, "related: [factory-committee, dual-power]", "related: [factory-committee, dual-powers]")
    return SOVIET, *at(text, "dual-powers")


@case("G002")
def g002_alias_claimed_by_two_entries(v: Variant) -> Where:
    # entries are read in file order: the later file's alias is the one reported
    text = v.edit(SOVIET, "aliases: [soviets]", "aliases: [soviets, dual power]")
    return SOVIET, *at(text, "dual power")


@case("G003", severity="warning")
def g003_entry_matches_nothing(v: Variant) -> Where:
    v.write(
        "glossary/zemstvo.yml",
        v.text(SOVIET).replace("id: soviet", "id: zemstvo").replace("name: soviet", "name: zemstvo").replace("aliases: [soviets]", "aliases: [zemstva]"),
    )
    v.anchor()
    return "glossary/zemstvo.yml", 1, 1


@case("G004")
def g004_definition_too_long(v: Variant) -> Where:
    text = v.edit(SOVIET, "short: A council", "short: " + "A council of delegates. " * 15 + "A council")
    return SOVIET, *at(text, "short:")


# --- C: the comparative cases -----------------------------------------------------------------------


@case("C001")
def c001_case_cites_no_passage(v: Variant) -> Where:
    rel = "cases/southport-1926.yml"
    text = v.edit(rel, "    - passage: fixture-councils#p18\n", '    - work: centenary-2005\n      at: {section: "Later strikes"}\n')
    return rel, *at(text, "evidence:", 2)


@case("C002")
def c002_end_before_start(v: Variant) -> Where:
    text = v.edit(NORTHGATE, 'end: "1906-07"', 'end: "1904"')
    return NORTHGATE, *at(text, "end:")


@case("C003")
def c003_unknown_glossary_entry(v: Variant) -> Where:
    text = v.edit(NORTHGATE, "glossary: [soviet, dual-power]", "glossary: [soviet, dual-powers]")
    return NORTHGATE, *at(text, "dual-powers")


# --- R: the editorial standard ----------------------------------------------------------------------


@case("R001")
def r001_too_few_notes_in_a_source(v: Variant) -> Where:
    v.write("seeds/lonely.yml", LONELY_META)
    v.write("seeds/lonely.txt", "A lonely text\n" + " ".join(f"Word{i}" for i in range(520)) + ".\n")
    v.anchor()
    return "annotations/lonely.yml", 1, 1


@case("R002")
def r002_too_few_notes_in_the_set(v: Variant) -> Where:
    # a third source of 11 paragraphs of 500 words, one note each: every source has a note per 500
    # words, but the set has 16 notes for its 6,090 words
    paragraphs = [" ".join(f"w{i}x{j}" for j in range(500)) + "." for i in range(11)]
    v.write("seeds/lonely.yml", LONELY_META)
    v.write("seeds/lonely.txt", "A lonely text\n" + "\n".join(paragraphs) + "\n")
    notes = [NEW_NOTE.format(pid=f"p{i + 1}", exact=f"w{i}x0").replace("new-note", f"note-{i}").replace("fixture-councils#", "lonely#") for i in range(11)]
    v.write("annotations/lonely.yml", "source: lonely\nannotations:\n" + "".join(notes))
    v.anchor()
    return "annotations", 1, 1


# --- I: the "Suggest a note" form -------------------------------------------------------------------

FORM = {
    "Source": "fixture-councils",
    "Passage": "p3",
    "Quoted words": "ran the trams",
    "Words just before (optional)": "_No response_",
    "Words just after (optional)": "_No response_",
    "Kind of note": "context",
    "Note": "The trams were the city's.",
    "Reading proposed (sic or correction, optional)": "_No response_",
    "Work cited": "sample-1970",
    "Where in the work": "chapter 3",
    "Passage cited": "_No response_",
    "Words quoted from the passage cited (optional)": "_No response_",
    "Credit (optional)": "_No response_",
}


def form(**changes: str | None) -> str:
    values = {**FORM, **{k.replace("_", " "): v for k, v in changes.items()}}
    return "\n\n".join(f"### {label}\n\n{value}" for label, value in values.items() if value is not None) + "\n"


@case("I001", command=("suggestion", "issue.md", "--dry-run"))
def i001_form_incomplete(v: Variant) -> Where:
    text = v.write("issue.md", form().replace("### Kind of note\n\ncontext", "### Kind of note\n\n_No response_"))
    return "issue", *at(text, "### Kind of note")


@case("I002", command=("suggestion", "issue.md", "--dry-run"))
def i002_form_value_not_usable(v: Variant) -> Where:
    text = v.write("issue.md", form().replace("### Source\n\nfixture-councils", "### Source\n\nno-such-source"))
    return "issue", *at(text, "### Source")


@case("I003", command=("suggestion", "issue.md", "--dry-run"))
def i003_annotation_file_cannot_take_it(v: Variant) -> Where:
    v.edit(COUNCILS_NOTES, 'exact: "old corn exchange"', 'exact: "old wheat exchange"')
    v.write("issue.md", form())
    return COUNCILS_NOTES, 1, 1


# --- X: the exports ---------------------------------------------------------------------------------

MISSING_FONT = "/nonexistent/fonts/DPRSerif-Regular.ttf"


@case(
    "X001", command=("generate", "--quiet", "--exports", "pdf"), patch=lambda mp: mp.setattr(pdf, "FONTS", (("DPR Serif", "normal", "normal", MISSING_FONT),))
)
def x001_font_missing(v: Variant) -> Where:
    return MISSING_FONT, 1, 1


# --- the runner -------------------------------------------------------------------------------------


def _printed(err: str) -> list[tuple[str, int, int, str, str, str]]:
    return [(m["path"], int(m["line"]), int(m["col"]), m["severity"], m["code"], m["message"]) for m in LINE.finditer(err)]


@pytest.mark.parametrize("item", CASES, ids=[c.name for c in CASES])
def test_case(item: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    if item.patch is not None:
        item.patch(monkeypatch)
    variant = Variant(make_root(tmp_path / "edition", site_files=item.site_files))
    path, line, col = item.make(variant)
    capsys.readouterr()
    args = [a.replace("issue.md", str(variant.root / "issue.md")) for a in item.command]
    status = cli.main(["--root", str(variant.root), *args])
    out, err = capsys.readouterr()
    printed = _printed(err)
    assert "Traceback" not in out + err
    expected = [p for p in printed if p[:5] == (path, line, col, item.severity, item.code)]
    assert len(expected) == 1, f"expected one {item.severity} {item.code} at {path}:{line}:{col}, got:\n{err}"
    assert f"\n    hint: {CODES[item.code][1]}" in err
    others = {p[4] for p in printed if p[3] == "error" and p[:5] != expected[0][:5]}
    assert others <= item.also, f"other errors than {sorted(item.also)}:\n{err}"
    assert status == (1 if item.severity == "error" or item.also else 0), err
    if status:
        assert re.search(r"^\d+ error\(s\); ", err, re.M), err


def test_every_code_has_a_case() -> None:
    assert sorted(set(CODES) - {c.code for c in CASES}) == []
    assert {c.code for c in CASES} <= set(CODES)


def test_cli_in_a_subprocess(tmp_path: Path) -> None:
    """The real entry point: exit status 1, the message, no traceback, nothing constructed."""
    root = make_root(tmp_path / "edition", site_files=False)
    path = root / SOVIET
    text = path.read_text(encoding="utf-8").replace("name: soviet", "name: !!python/object/apply:os.system ['touch pwned']")
    path.write_text(text, encoding="utf-8")
    done = run(root, "check", timeout=120)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    line, col = at(text, "!!python")
    assert f"glossary/soviet.yml:{line}:{col}: error Y002: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed\n" in done.stderr
    assert not (root / "pwned").exists() and not (FIXTURE.parent / "pwned").exists()
