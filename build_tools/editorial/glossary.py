"""Glossary entries: load ``glossary/<id>.yml`` and validate them against the schema and each other."""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Diagnostic
from ..inputs import schema_check
from ..inputs.yaml_positions import Located, load_yaml
from . import chronology, markdown_subset, refs

#: entry types: key -> (singular, plural) label (``schemas/glossary.schema.json`` lists the same keys)
TYPES = {
    "concept": ("Concept", "Concepts"),
    "organisation": ("Organisation", "Organisations"),
    "person": ("Person", "People"),
    "event": ("Event", "Events"),
    "document": ("Document", "Documents"),
    "place": ("Place", "Places"),
    "periodical": ("Periodical", "Periodicals"),
}
SHORT_LIMIT = 320


@dataclass(frozen=True)
class Entry:
    eid: str
    name: str
    etype: str
    short: str
    article: str
    sources: tuple[refs.Ref, ...]
    aliases: tuple[str, ...] = ()
    exact_aliases: tuple[str, ...] = ()
    not_linked: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    path: str = ""
    events: tuple[str, ...] = ()

    @property
    def phrases(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def load_entry(path: str, raw: bytes, corpus: refs.Corpus) -> tuple[tuple[Entry, Located] | None, list[Diagnostic]]:
    """One glossary file, validated on its own (cross-entry checks are in ``check_entries``)."""
    located, problems = load_yaml(path, raw)
    if located is None:
        return None, list(problems)
    found = list(schema_check.check(located, "glossary.schema.json"))
    if found:
        return None, found
    data = located.data
    stem = path.rsplit("/", 1)[-1].removesuffix(".yml")
    if data["id"] != stem:
        found.append(located.error(("id",), "S006", f"id {data['id']!r} differs from the file name {stem!r}"))
    if len(data["short"]) > SHORT_LIMIT:
        found.append(located.error(("short",), "G004", f"'short' has {len(data['short'])} characters (limit {SHORT_LIMIT})"))
    for field in ("short", "article"):
        for problem in markdown_subset.problems(data[field]):
            found.append(located.error((field,), "A008", problem))
    if not data["sources"]:
        found.append(located.error(("sources",), "A006", "the entry cites no source"))
    cited, problems2 = refs.parse_refs(located, ("sources",), data["sources"], corpus)
    found.extend(problems2)
    short, used = chronology.editorial_text(located, ("short",), " ".join(data["short"].split()), corpus, found)
    article, used_too = chronology.editorial_text(located, ("article",), data["article"], corpus, found)
    entry = Entry(
        eid=data["id"],
        name=data["name"],
        etype=data["type"],
        short=short,
        article=article,
        events=tuple(dict.fromkeys((*used, *used_too))),
        sources=cited,
        aliases=tuple(data.get("aliases", [])),
        exact_aliases=tuple(data.get("exact_aliases", [])),
        not_linked=tuple(data.get("not_linked", [])),
        related=tuple(data.get("related", [])),
        path=path,
    )
    return (None if found else (entry, located)), found


def check_entries(loaded: list[tuple[Entry, Located]], known_ids: set[str]) -> list[Diagnostic]:
    """Cross-entry checks: related ids exist, no phrase links to two entries."""
    found: list[Diagnostic] = []
    owner: dict[str, str] = {}
    from ..sources.textnorm import squash

    for entry, located in loaded:
        for i, rid in enumerate(entry.related):
            if rid not in known_ids:
                found.append(located.error(("related", i), "G001", f"no glossary entry {rid!r}"))
        for key, phrases in (("aliases", entry.phrases), ("exact_aliases", entry.exact_aliases)):
            for i, phrase in enumerate(phrases):
                folded = squash(phrase)
                if folded in owner and owner[folded] != entry.eid:
                    where = ("name",) if key == "aliases" and i == 0 else (key, i - 1 if key == "aliases" else i)
                    found.append(located.error(where, "G002", f"{phrase!r} also links to {owner[folded]!r}"))
                owner.setdefault(folded, entry.eid)
    return found


def load_glossary(files: dict[str, bytes], corpus: refs.Corpus) -> tuple[tuple[Entry, ...], list[Diagnostic]]:
    """Every glossary entry (file stem -> bytes), validated."""
    found: list[Diagnostic] = []
    loaded: list[tuple[Entry, Located]] = []
    for stem, raw in sorted(files.items()):
        result, problems = load_entry(f"glossary/{stem}.yml", raw, corpus)
        found.extend(problems)
        if result is not None:
            loaded.append(result)
    found.extend(check_entries(loaded, set(files)))
    return tuple(entry for entry, _ in loaded), found
