"""Today's content of the real edition (marked ``content``): it validates, it meets the editorial
standard, and the facts of today's texts and apparatus hold (note series, gaps, typos kept and
marked, cases and glossary entries present, no false friends in the linking, registries sound).

These fail when the content is wrong, not when the code changes: behaviour is tested on the
fixture edition in ``tests/unit`` and ``tests/site``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from build_tools import cli
from build_tools.diagnostics import Diagnostic
from build_tools.editorial import candidates, report
from build_tools.editorial.edition import Edition
from build_tools.inputs.files import Inputs, read_docs
from build_tools.settings import Settings
from build_tools.site import generate
from build_tools.sources import registry

from ..editions import ROOT

pytestmark = pytest.mark.content

SLUGS = (
    "socialist-worker-2017-state-power-versus-soviet-power",
    "callinicos-2007-dual-power-in-our-hands",
    "callinicos-1977-soviet-power",
    "alexander-counterfire-road-to-october",
    "grokipedia-dual-power",
)
#: what the websites wrapped around the texts, which the metadata drops
CHROME = [
    "Downloading PDF", "Please wait", "Breakfast in", "Mobile users", "Tagged under", "This article is over", "ETOL Main Page",
    "Last updated", "Fact-checked by Grok", "BOOK NOW", "Join Revolution", "Make a donation", "Help fund the resistance",
    "Latest News", "<|separator|>", "Show results with", "Missing:", "Wikimedia Commons", "Pic: Guy Smallman",
]  # fmt: skip


@pytest.fixture(scope="module")
def pages(real_edition: Edition, real_inputs: Inputs) -> dict[str, str]:
    files = generate.generate(real_edition, real_inputs, read_docs(ROOT), Settings()).files
    return {path: data.decode("utf-8") for path, data in files.items() if path.endswith(".md")}


def source(edition: Edition, slug: str):  # type: ignore[no-untyped-def]
    found = edition.source(slug)
    assert found is not None, f"source {slug} failed to build"
    return found


def test_the_real_edition_validates_with_no_errors(capsys: pytest.CaptureFixture[str]) -> None:
    """What `make validate` says: every input, what the build would refuse, the editorial standard."""
    status = cli.main(["--root", str(ROOT), "check"])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert out.startswith("check: 5 sources, ")


def test_no_warnings_but_the_known_ones(real_build: tuple[Edition, list[Diagnostic]]) -> None:
    _edition, found = real_build
    assert [d.format() for d in found if d.severity == "warning" and d.code != "G003"] == []


def test_the_density_of_notes_holds(real_edition: Edition) -> None:
    rows = [report.source_report(a, real_edition.notes.get(a.source.slug, ())) for a in real_edition.sources]
    assert report.problems(rows) == []
    assert sum(r.words for r in rows) / sum(r.notes for r in rows) <= report.DENSITY_SET
    for row in rows:
        assert row.words_per_note <= report.DENSITY_SOURCE, row.slug
        assert row.uncited == 0 and row.emended + row.unrecoverable == row.gaps, row.slug


def test_the_five_sources(real_edition: Edition) -> None:
    assert sorted(a.source.slug for a in real_edition.sources) == sorted(SLUGS)


@pytest.mark.parametrize("slug", SLUGS)
def test_no_chrome_reaches_the_text(real_edition: Edition, slug: str) -> None:
    """No passage or author's note holds what the website wrapped around the text (the editors'
    provenance notes may quote it)."""
    anchored = source(real_edition, slug)
    texts = [p.block.text for p in anchored.passages] + [" ".join(n.lines) for n in anchored.source.notes]
    for chrome in CHROME:
        assert not [t for t in texts if chrome in t], f"{chrome!r} in the text of {slug}"


def test_the_author_notes_as_printed(real_edition: Edition, pages: dict[str, str]) -> None:
    notes_1977 = [n.note_id for n in source(real_edition, "callinicos-1977-soviet-power").source.notes]
    assert notes_1977 == ["n1-star", *(f"n{i}" for i in range(1, 34))]
    counterfire = source(real_edition, "alexander-counterfire-road-to-october")
    assert [n.note_id for n in counterfire.source.notes] == [f"n{i}" for i in range(152, 172)]
    printed = [m.printed for p in counterfire.passages for m in p.block.markers]
    assert printed[:3] == ["i", "ii", "iii"] and printed[-1] == "xv" and printed.count("xv") == 2  # the repeated numeral, resolved to 171
    page = pages["sources/alexander-counterfire-road-to-october.md"]
    assert 'aria-label="ii author&#x27;s note 153"' in page and 'id="r171"' in page and "repeating an earlier numeral" in page
    grok = source(real_edition, "grokipedia-dual-power")
    assert len(grok.source.notes) == 90 and "inline citation markers were lost" in pages["sources/grokipedia-dual-power.md"]


@pytest.mark.parametrize("slug", SLUGS)
def test_author_notes_link_both_ways(pages: dict[str, str], slug: str) -> None:
    text = pages[f"sources/{slug}.md"]
    markers = re.findall(r'<sup data-insert="" class="dpr-aref" id="(r[^"]+)"[^>]*><a href="#(n[^"]+)"', text)
    backrefs = set(re.findall(r'<a class="dpr-backref" href="#(r[^"]+)"', text))
    notes = set(re.findall(r'<li class="dpr-note" id="(n[^"]+)"', text))
    for ref, note in markers:
        assert note in notes and ref in backrefs, (slug, ref, note)


def test_the_lost_words_of_the_encyclopedia_article_are_marked(real_edition: Edition, pages: dict[str, str]) -> None:
    grok = source(real_edition, "grokipedia-dual-power")
    gaps = [(p.pid, g.gid) for p in grok.passages for g in p.block.gaps]
    assert len(gaps) > 200
    text = pages["sources/grokipedia-dual-power.md"]
    assert all(f'id="{pid}-{gid}"' in text for pid, gid in gaps)


def test_todays_typos_are_kept_and_marked_sic(real_edition: Edition, pages: dict[str, str]) -> None:
    text = pages["sources/callinicos-1977-soviet-power.md"]
    sics = {n.exact for n in real_edition.notes["callinicos-1977-soviet-power"] if n.kind == "sic"}
    for typo in ("origings", "sikilled", "shiftsof", "entirity", "Poulanzas"):
        assert typo in text and typo in sics, typo
    assert '<span data-insert="" class="dpr-sic" aria-hidden="true">[sic]</span>' in text


def test_every_note_cites_a_source_and_every_citation_resolves(real_edition: Edition) -> None:
    for notes in real_edition.notes.values():
        for note in notes:
            assert note.sources, note.aid
    for case in real_edition.cases:
        assert case.passage_refs(), case.cid
        for ref in case.passage_refs():
            assert real_edition.corpus.passage_text(ref.slug, ref.pid), (case.cid, ref)


HISTORICAL = {
    "paris-1871", "russia-1905", "russia-1917", "germany-1918-19", "italy-1919-20", "britain-1915-19", "britain-1926",
    "spain-1936-37", "hungary-1956", "france-1968", "chile-1972-73", "portugal-1974-75", "iran-1978-79", "poland-1980-81",
    "bolivia-2003-05",
}  # fmt: skip
CONTESTED = {"lebanon-hezbollah", "syria-north-east", "seattle-2020"}


def test_the_cases_and_their_groups(real_edition: Edition) -> None:
    groups = {c.cid: c.group for c in real_edition.cases}
    assert {c: groups.get(c) for c in HISTORICAL} == dict.fromkeys(HISTORICAL, "historical")
    assert {c: groups.get(c) for c in CONTESTED} == dict.fromkeys(CONTESTED, "contested")
    centuries = {c.cid: c.century for c in real_edition.cases}
    assert (centuries["paris-1871"], centuries["russia-1917"], centuries["bolivia-2003-05"]) == ("19th", "20th", "21st")


def test_years_without_a_case(real_edition: Edition) -> None:
    years = dict(candidates.uncovered_years(real_edition.sources, real_edition.cases))
    assert 1989 in years  # the revolutions of 1989 (Callinicos 2007) have no case
    assert all(y < 1869 or y > 1872 for y in years)  # the Paris Commune is covered


REQUIRED_ENTRIES = {
    "dual-power", "soviet", "petrograd-soviet", "st-petersburg-soviet-1905", "congress-of-soviets", "central-executive-committee",
    "factory-committees", "workers-control", "order-no-1", "provisional-government", "military-revolutionary-committee", "red-guards",
    "april-theses", "july-days", "kornilov-affair", "february-revolution", "october-revolution", "constituent-assembly", "bolsheviks",
    "mensheviks", "socialist-revolutionaries", "kadets", "paris-commune", "dictatorship-of-the-proletariat", "state-and-revolution",
    "lenin", "trotsky", "kerensky", "kornilov", "kamenev", "zinoviev", "gramsci", "bukharin",
}  # fmt: skip


def test_the_glossary(real_edition: Edition) -> None:
    ids = {e.eid for e in real_edition.entries}
    assert ids >= REQUIRED_ENTRIES, sorted(REQUIRED_ENTRIES - ids)
    for entry in real_edition.entries:
        assert entry.sources and len(entry.article) > 200 and entry.short, entry.eid
        assert real_edition.occurrences.get(("glossary", entry.eid)), f"{entry.eid} matches nothing in the sources"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Petrograd Soviet met", [("petrograd-soviet", "Petrograd Soviet")]),
        ("the soviets spread", [("soviet", "soviets")]),
        ("the Soviet’s authority", [("soviet", "Soviet’s")]),
        ("the Bolsheviks' programme", [("bolsheviks", "Bolsheviks'")]),
        ("Order No. 1 was issued", [("order-no-1", "Order No. 1")]),
    ],
)
def test_todays_phrases_link(real_edition: Edition, text: str, expected: list[tuple[str, str]]) -> None:
    assert [(h.target.ident, text[h.start : h.end]) for h in real_edition.linker.find(text)] == expected


@pytest.mark.parametrize(
    "text",
    ["the Soviet Union is a soviet regime only in name", "after the Soviet invasion of Hungary", "bolstered by Soviet advisors", "the Soviet economy"],
)
def test_the_ussr_sense_of_soviet_never_links_to_the_council(real_edition: Edition, text: str) -> None:
    start = text.index("Soviet")
    assert not any(h.start <= start < h.end for h in real_edition.linker.find(text)), text


@pytest.mark.parametrize("path", sorted(p.name for p in (ROOT / "anchors").glob("*.json") if p.name != "site.json"))
def test_each_registry_reads_checks_itself_and_is_canonical(path: str) -> None:
    raw = (ROOT / "anchors" / path).read_bytes()
    slug = Path(path).stem
    reg, problems = registry.read(f"anchors/{path}", slug, raw)
    assert reg is not None and problems == ()
    assert registry.check(f"anchors/{path}", reg) == []
    assert registry.to_json(reg) == raw.decode("utf-8")


def test_the_site_registry_records_every_registry_head() -> None:
    data = json.loads((ROOT / "anchors" / "site.json").read_text(encoding="utf-8"))
    assert set(data["registries"]) == set(SLUGS) and data["addresses"] == sorted(set(data["addresses"]))
