"""Concept linking on the real sources: longest match, variants, no false friends, first per
section, nothing in headings or notes; every entry matches; concordance complete."""

from __future__ import annotations

import re

import pytest

from build_tools import generate, linking


def linked(generated: generate.Generated, slug: str) -> list[tuple[str, str]]:
    """(entry id, linked words) for every glossary link on a source page."""
    page = generated.files[f"sources/{slug}.md"].decode("utf-8")
    return re.findall(r'<a class="dpr-gloss dpr-preview" href="\.\./\.\./glossary/([a-z0-9-]+)/" data-preview="[^"]+">(.*?)</a>', page)


def hits(model: generate.Model, text: str) -> list[tuple[str, str]]:
    return [(h.target.ident, text[h.start : h.end]) for h in model.linker.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Petrograd Soviet met", [("petrograd-soviet", "Petrograd Soviet")]),  # longest match wins
        ("the soviets spread", [("soviet", "soviets")]),  # plural
        ("the Soviet’s authority", [("soviet", "Soviet’s")]),  # possessive, curly apostrophe
        ("the Bolsheviks' programme", [("bolsheviks", "Bolsheviks'")]),
        ("the Tsay-ee-kah was still controlled", [("central-executive-committee", "Tsay-ee-kah")]),
        ("Order No. 1 was issued", [("order-no-1", "Order No. 1")]),
    ],
)
def test_positive_cases(repo_model: generate.Model, text: str, expected: list[tuple[str, str]]) -> None:
    assert hits(repo_model, text) == expected


@pytest.mark.parametrize(
    ("text", "usa"),
    [
        ("the Soviet Union is a soviet regime only in name", "Soviet Union"),
        ("after the Soviet invasion of Hungary", "Soviet invasion"),
        ("pressured by Soviet aid dependencies", "Soviet aid"),
        ("bolstered by Soviet advisors", "Soviet advisors"),
        ("exacerbated by Soviet arms conditioning", "Soviet arms"),
        ("after the Soviet withdrawal on October 28", "Soviet withdrawal"),
        ("the Soviet economy", "Soviet economy"),
        ("Seventeen Moments in Soviet History", "Soviet History"),
        ("the Soviet road to socialism", "Soviet road"),
    ],
)
def test_no_false_friends(repo_model: generate.Model, text: str, usa: str) -> None:
    """The USSR sense of "Soviet" never links to the council entry (exclusions are data)."""
    start = text.index(usa)
    for hit in repo_model.linker.find(text):
        assert not (hit.start <= start < hit.end), (text, text[hit.start : hit.end], hit.target.ident)


def test_usages_of_soviet_for_the_ussr_never_link_on_real_pages(repo_generated: generate.Generated) -> None:
    for slug in ("grokipedia-dual-power", "callinicos-1977-soviet-power"):
        page = repo_generated.files[f"sources/{slug}.md"].decode("utf-8")
        for phrase in ("Soviet aid", "Soviet advisors", "Soviet arms", "Soviet withdrawal", "Soviet invasion", "Soviet Union"):
            assert not re.search(r'data-preview="pv-glossary-soviet">Soviet</a> ' + phrase.split()[1], page), phrase


def test_nothing_links_in_headings_or_notes(repo_generated: generate.Generated) -> None:
    for path, data in repo_generated.files.items():
        if not path.startswith("sources/") or path.endswith("index.md"):
            continue
        page = data.decode("utf-8")
        for line in page.splitlines():
            if line.startswith("#"):
                assert "dpr-gloss" not in line, line
        notes = page.split('<section class="dpr-author-notes"', 1)
        if len(notes) == 2:
            assert "dpr-gloss" not in notes[1].split("</section>", 1)[0]


def test_first_occurrence_per_section_only(repo_generated: generate.Generated) -> None:
    page = repo_generated.files["sources/grokipedia-dual-power.md"].decode("utf-8")
    sections = re.split(r"\n#{2,4} ", page.split("</aside>", 1)[1].split("## Editor’s notes", 1)[0])
    for section in sections:
        ids = re.findall(r'class="dpr-gloss dpr-preview" href="\.\./\.\./glossary/([a-z0-9-]+)/"', section)
        assert len(ids) == len(set(ids)), f"an entry links twice in one section: {sorted(i for i in ids if ids.count(i) > 1)}"


def test_every_entry_occurs_in_the_sources(repo_model: generate.Model) -> None:
    for entry in repo_model.entries:
        assert repo_model.occurrences.get(("glossary", entry.eid)), f"{entry.eid} matches nothing"


def test_required_entries_exist(repo_model: generate.Model) -> None:
    required = {
        "dual-power", "soviet", "petrograd-soviet", "st-petersburg-soviet-1905", "congress-of-soviets", "central-executive-committee",
        "factory-committees", "workers-control", "order-no-1", "provisional-government", "military-revolutionary-committee", "red-guards",
        "april-theses", "july-days", "kornilov-affair", "february-revolution", "october-revolution", "constituent-assembly", "bolsheviks",
        "mensheviks", "socialist-revolutionaries", "kadets", "war-industries-committees", "paris-commune", "internal-commissions",
        "revolutionary-shop-stewards", "workers-committees-britain", "councils-of-action", "cordones-industriales", "shoras",
        "neighbourhood-assemblies-el-alto", "dictatorship-of-the-proletariat", "state-and-revolution", "lenin", "trotsky", "kerensky",
        "kornilov", "kamenev", "zinoviev", "gramsci", "bukharin",
    }  # fmt: skip
    ids = {e.eid for e in repo_model.entries}
    assert required <= ids, required - ids
    for entry in repo_model.entries:
        assert entry.sources and len(entry.article) > 200 and entry.short


def test_an_entry_matching_nothing_is_reported(repo_inputs) -> None:  # type: ignore[no-untyped-def]
    from .conftest import with_files

    extra = (
        b"id: zzz-nothing\nname: Quetzalcoatl Committee\ntype: organisation\nshort: An entry that occurs nowhere.\n"
        b"article: Nothing to see here at all.\nsources:\n  - {author: A, title: B, year: 2000}\n"
    )
    _, found = generate.build_model(with_files(repo_inputs, {"glossary/zzz-nothing.yml": extra}))
    assert [d.code for d in found if d.path == "glossary/zzz-nothing.yml"] == ["G003"]


def test_concordance_lists_every_occurrence_with_a_link(repo_model: generate.Model, repo_generated: generate.Generated) -> None:
    page = repo_generated.files["glossary/kornilov-affair.md"].decode("utf-8")
    occs = repo_model.occurrences[("glossary", "kornilov-affair")]
    links = re.findall(r'<a class="dpr-conc-pid" href="\.\./\.\./sources/([a-z0-9-]+)/#(p\d+)">', page)
    assert {(o.slug, o.pid) for o in occs} == set(links)
    assert len({o.slug for o in occs}) >= 2


def test_linker_is_one_automaton() -> None:
    phrases = [(f"term number {i}", linking.Target("glossary", f"e{i}")) for i in range(500)]
    linker = linking.Linker(phrases)
    assert [h.target.ident for h in linker.find("here term number 7 and term number 499.")] == ["e7", "e499"]
