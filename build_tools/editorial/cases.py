"""Comparative cases: load ``cases/<id>.yml`` and validate them (schema, dates, evidence, links)."""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Diagnostic
from ..inputs import schema_check
from ..inputs.yaml_positions import Located, load_yaml
from . import chronology, markdown_subset, refs

#: the vocabularies of a case (``schemas/case.schema.json`` lists the same keys; a test holds them equal)
GROUPS = {"historical": "Historical episodes", "contested": "Contested extensions of the concept"}
BASES = {"workplace": "workplace", "territorial": "territorial", "military": "military", "mixed": "mixed"}
OUTCOMES = {
    "suppressed": "Suppressed",
    "rival-prevailed": "Rival power prevailed",
    "absorbed": "Absorbed",
    "subsided": "Subsided",
    "unresolved": "Unresolved",
}


@dataclass(frozen=True)
class Claim:
    text: str
    evidence: tuple[refs.Ref, ...]
    organs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Case:
    cid: str
    name: str
    group: str
    place: str
    start: str
    end: str
    official: Claim
    rival: Claim
    base: str
    outcome: str
    outcome_text: str
    outcome_evidence: tuple[refs.Ref, ...]
    summary: str
    calendar_note: str = ""
    link_phrases: tuple[str, ...] = ()
    glossary: tuple[str, ...] = ()
    further_reading: tuple[refs.Ref, ...] = ()

    @property
    def century(self) -> str:
        number = (int(self.start[:4]) - 1) // 100 + 1
        suffix = "th" if number % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"{number}{suffix}"

    def passage_refs(self) -> list[refs.PassageRef]:
        every = [*self.official.evidence, *self.rival.evidence, *self.outcome_evidence, *self.further_reading]
        return [r for r in every if isinstance(r, refs.PassageRef)]


def _claim(located: Located, key: str, corpus: refs.Corpus, found: list[Diagnostic]) -> Claim:
    data = located.data[key]
    evidence, problems = refs.parse_refs(located, (key, "evidence"), data["evidence"], corpus)
    found.extend(problems)
    text, _used = chronology.editorial_text(located, (key, "text"), data["text"], corpus, found)
    return Claim(text, evidence, tuple(data.get("organs", [])))


def load_case(path: str, raw: bytes, corpus: refs.Corpus, glossary_ids: set[str]) -> tuple[Case | None, list[Diagnostic]]:
    """One case file, validated."""
    located, problems = load_yaml(path, raw)
    if located is None:
        return None, list(problems)
    found = list(schema_check.check(located, "case.schema.json"))
    if found:
        return None, found
    data = located.data
    stem = path.rsplit("/", 1)[-1].removesuffix(".yml")
    if data["id"] != stem:
        found.append(located.error(("id",), "S006", f"id {data['id']!r} differs from the file name {stem!r}"))
    if str(data["end"]) < str(data["start"])[: len(str(data["end"]))]:
        found.append(located.error(("end",), "C002", f"ends {data['end']} before it starts {data['start']}"))
    for i, gid in enumerate(data.get("glossary", [])):
        if gid not in glossary_ids:
            found.append(located.error(("glossary", i), "C003", f"no glossary entry {gid!r}"))
    for field in ("summary", "outcome_text"):
        for problem in markdown_subset.problems(data[field]):
            found.append(located.error((field,), "A008", problem))
    official = _claim(located, "official_power", corpus, found)
    rival = _claim(located, "rival_power", corpus, found)
    outcome_evidence, problems2 = refs.parse_refs(located, ("outcome_evidence",), data.get("outcome_evidence", []), corpus)
    found.extend(problems2)
    reading, problems3 = refs.parse_refs(located, ("further_reading",), data.get("further_reading", []), corpus)
    found.extend(problems3)
    case = Case(
        cid=data["id"],
        name=data["name"],
        group=data["group"],
        place=data["place"],
        start=str(data["start"]),
        end=str(data["end"]),
        official=official,
        rival=rival,
        base=data["base"],
        outcome=data["outcome"],
        outcome_text=chronology.editorial_text(located, ("outcome_text",), data["outcome_text"], corpus, found)[0],
        outcome_evidence=outcome_evidence,
        summary=chronology.editorial_text(located, ("summary",), data["summary"], corpus, found)[0],
        calendar_note=data.get("calendar_note", ""),
        link_phrases=tuple(data.get("link_phrases", [])),
        glossary=tuple(data.get("glossary", [])),
        further_reading=reading,
    )
    declared = (
        [item for key in ("official_power", "rival_power") for item in data[key]["evidence"]]
        + list(data.get("outcome_evidence", []))
        + list(data.get("further_reading", []))
    )
    if not found and not any("passage" in item for item in declared):
        found.append(located.error(("rival_power", "evidence"), "C001", "no evidence item cites a passage of the sources"))
    return (None if found else case), found


def load_cases(files: dict[str, bytes], corpus: refs.Corpus, glossary_ids: set[str]) -> tuple[tuple[Case, ...], list[Diagnostic]]:
    """Every case file, validated, in chronological order."""
    found: list[Diagnostic] = []
    cases: list[Case] = []
    for stem, raw in sorted(files.items()):
        case, problems = load_case(f"cases/{stem}.yml", raw, corpus, glossary_ids)
        found.extend(problems)
        if case is not None:
            cases.append(case)
    return tuple(sorted(cases, key=lambda c: (c.group != "historical", c.start, c.cid))), found
