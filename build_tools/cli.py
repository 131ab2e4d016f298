"""Command line: the only module that prints. Thin wrappers over the edition and the writer.

python -m build_tools check         validate every input file and what `build` would refuse; write nothing
python -m build_tools generate      generate build/docs from the inputs
python -m build_tools build         generate, build the site with MkDocs, check it, publish it to site/
python -m build_tools anchors       record new passages and addresses in anchors/
python -m build_tools passages SLUG list passages, ids and gaps of a source
python -m build_tools verify-site   check the built site in site/ again
python -m build_tools report        the editorial report (density, gaps, citations)
python -m build_tools candidates    terms that recur across sources but have no glossary entry
python -m build_tools serve         build, preview at http://127.0.0.1:8000, rebuild on change
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from .diagnostics import Diagnostic, errors_in, first_causes
from .editorial import candidates, report
from .editorial.edition import Edition, build_edition
from .inputs.files import Inputs, read_docs, read_inputs
from .inputs.yaml_positions import load_yaml
from .settings import settings_for
from .site import addresses, generate, publish, serve, write
from .sources.model import AnchoredSource
from .sources.structure import registry_json

ROOT = Path(__file__).resolve().parent.parent
LIST_LIMIT = 40  # files listed one by one after a generation; a first generation lists only the first ones


def _report(diagnostics: Iterable[Diagnostic], quiet_warnings: bool = False, what: str = "nothing was written") -> int:
    diagnostics = list(diagnostics)
    problems = errors_in(diagnostics)
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    if not quiet_warnings:
        for warning in sorted({d for d in diagnostics if d.severity == "warning"}, key=first_causes):
            print(warning.format(), file=sys.stderr)
    if problems:
        print(f"{len(problems)} error(s); {what}.", file=sys.stderr)
        return 1
    return 0


def _edition(root: Path) -> tuple[Inputs, Edition, list[Diagnostic]]:
    inputs, problems = read_inputs(root)
    edition, found = build_edition(inputs)
    return inputs, edition, [*problems, *found]


def passage_listing(anchored: AnchoredSource) -> str:
    """Text listing of a source's passages: ``pN<TAB>kind<TAB>text`` with gaps as ``⟦gN⟧``."""
    rows = []
    for passage in anchored.passages:
        block = passage.block
        text = block.text
        for gap in sorted(block.gaps, key=lambda g: -g.offset):
            text = text[: gap.offset] + f"⟦{gap.gid}⟧" + text[gap.offset :]
        rows.append(f"{passage.pid}\t{block.kind}\t{text}")
    for note in anchored.source.notes:
        rows.append(f"{note.note_id}\tnote\t{' / '.join(note.lines)}")
    return "\n".join(rows) + "\n"


def _generate(args: argparse.Namespace) -> tuple[int, Inputs | None]:
    started = time.perf_counter()
    inputs, edition, found = _edition(args.root)
    result = generate.generate(edition, inputs, read_docs(args.root), settings_for(args.root))
    status = _report([*found, *result.diagnostics, *generate.address_problems(edition, inputs)], quiet_warnings=args.quiet)
    if status:
        return status, None
    written = write.sync_tree(args.root / "build" / "docs", result.files)
    listed = written.written[:LIST_LIMIT]
    for rel in listed:
        print(f"  wrote build/docs/{rel}")
    if len(written.written) > len(listed):
        print(f"  … and {len(written.written) - len(listed)} more")
    for rel in written.removed:
        print(f"  removed build/docs/{rel}")
    took = time.perf_counter() - started
    print(f"generate: {len(written.written)} file(s) written, {written.unchanged} unchanged, {len(written.removed)} removed ({took:.2f}s)")
    return 0, inputs


def cmd_generate(args: argparse.Namespace) -> int:
    """Generate the staging docs folder (build/docs); write nothing on error."""
    return _generate(args)[0]


def cmd_build(args: argparse.Namespace) -> int:
    """Generate, build the site, check it, and publish it to site/ only if every check passes."""
    status, inputs = _generate(args)
    if status or inputs is None:
        return status
    started = time.perf_counter()
    count, problems = publish.publish(args.root, inputs)
    status = _report(problems, what="site/ was not replaced")
    if not status:
        print(f"site: {count} pages built and checked, published to site/ ({time.perf_counter() - started:.1f}s)")
    return status


def cmd_check(args: argparse.Namespace) -> int:
    """Validate every input, and everything `build` would refuse; print every problem; write nothing."""
    inputs, edition, found = _edition(args.root)
    result = generate.generate(edition, inputs, {}, settings_for(args.root))
    status = _report([*found, *result.diagnostics, *generate.address_problems(edition, inputs)])
    if not status:
        n_notes = sum(len(v) for v in edition.notes.values())
        print(
            f"check: {len(edition.sources)} sources, {n_notes} annotations, {len(edition.entries)} glossary entries, "
            f"{len(edition.cases)} cases, {len(edition.corpus.works)} works, {len(edition.corpus.events)} events: no errors"
        )
    return status


def cmd_anchors(args: argparse.Namespace) -> int:
    """Update the anchor registries (append-only) to the current texts and pages."""
    inputs, edition, found = _edition(args.root)
    # only the texts and the registries decide ids; problems elsewhere are `check`'s to report
    status = _report(d for d in found if d.code != "P001" and d.path.startswith(("seeds/", "anchors/")))
    if status:
        return status
    files = {f"{slug}.json": registry_json(registry).encode("utf-8") for slug, registry in edition.registries.items()}
    registered, _ = addresses.load_site_registry(inputs)
    heads = {**addresses.registry_heads(inputs), **{slug: str(reg.log[0]["digest"]) for slug, reg in edition.registries.items() if reg.log}}
    files["site.json"] = addresses.site_registry_json(registered, addresses.current_addresses(edition), heads).encode("utf-8")
    written = write.write_files(args.root / "anchors", files)
    for slug, changes in sorted(edition.changes.items()):
        for change in changes:
            print(f"{slug}: {change}")
    print(f"anchors: {len(written)} registry file(s) updated; commit anchors/" if written else "anchors: registries already up to date")
    return 0


def cmd_passages(args: argparse.Namespace) -> int:
    _inputs, edition, found = _edition(args.root)
    status = _report([d for d in found if d.path.startswith(("seeds/", "anchors/"))], what="listing what could be read")
    listings = {a.source.slug: passage_listing(a) for a in edition.sources if not args.slug or a.source.slug == args.slug}
    if args.slug and not listings:
        print(f"no source {args.slug!r}", file=sys.stderr)
        return 1
    if args.out:
        write.write_files(Path(args.out), {f"{slug}.txt": text.encode("utf-8") for slug, text in listings.items()})
    else:
        for text in listings.values():
            sys.stdout.write(text)
    return status


def cmd_verify_site(args: argparse.Namespace) -> int:
    inputs, problems = read_inputs(args.root)
    count, found = publish.check_built(args.root / "site", inputs)
    status = _report([*problems, *found], what="the site must not be published")
    if not status:
        print(f"verify-site: {count} pages; registered passage ids and addresses resolve; links and resources local; no live markup")
    return status


def cmd_report(args: argparse.Namespace) -> int:
    _inputs, edition, found = _edition(args.root)
    status = _report(found, quiet_warnings=True)
    reports = [report.source_report(a, edition.notes.get(a.source.slug, ())) for a in edition.sources]
    print(report.table(reports))
    shortfalls = report.problems(reports)
    for line in shortfalls:
        print(f"report: {line}", file=sys.stderr)
    return 1 if shortfalls or status else 0


def reference_places(inputs: Inputs) -> list[str]:
    """The watched place names of reference/places.yml (empty if absent or unreadable)."""
    raw = inputs.files.get("reference/places.yml")
    if raw is None:
        return []
    located, _ = load_yaml("reference/places.yml", raw)
    places = located.data.get("places", []) if located else []
    return [str(p) for p in places if isinstance(p, str)]


def cmd_candidates(args: argparse.Namespace) -> int:
    inputs, edition, _found = _edition(args.root)
    for term, count, slugs in candidates.candidate_terms(edition.sources, edition.linker):
        print(f"{count:3d}  {term}  ({', '.join(slugs)})")
    for year, where in candidates.uncovered_years(edition.sources, edition.cases):
        print(f"year without a case: {year}  ({', '.join(where[:4])})")
    for place, where in candidates.uncovered_places(edition.sources, edition.cases, reference_places(inputs)):
        print(f"place without a case: {place}  ({', '.join(where[:4])})")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    return serve.run(args.root, args.address)


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit status."""
    parser = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root (default: this checkout)")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, func, text in (("generate", cmd_generate, "generate the site's Markdown into build/docs"), ("build", cmd_build, "generate, build, check and publish site/")):
        command = sub.add_parser(name, help=text)
        command.add_argument("--quiet", action="store_true", help="do not print warnings")
        command.set_defaults(func=func)
    sub.add_parser("check", help="validate all input files (everything build would refuse)").set_defaults(func=cmd_check)
    sub.add_parser("anchors", help="record new passages and addresses in anchors/ (append-only)").set_defaults(func=cmd_anchors)
    p = sub.add_parser("passages", help="list the passages (ids, gaps) of a source")
    p.add_argument("slug", nargs="?")
    p.add_argument("--out", help="write one listing per source into this folder")
    p.set_defaults(func=cmd_passages)
    sub.add_parser("verify-site", help="check the built site in site/").set_defaults(func=cmd_verify_site)
    sub.add_parser("report", help="the editorial report").set_defaults(func=cmd_report)
    sub.add_parser("candidates", help="recurring terms without a glossary entry; years without a case").set_defaults(func=cmd_candidates)
    s = sub.add_parser("serve", help="preview with live reload")
    s.add_argument("--address", default="127.0.0.1:8000")
    s.set_defaults(func=cmd_serve)
    args = parser.parse_args(argv)
    args.root = args.root.resolve()
    return int(args.func(args))
