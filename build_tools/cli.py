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
python -m build_tools suggestion F  turn a "Suggest a note" issue body into an entry of annotations/<slug>.yml
python -m build_tools changes --base DIR   what this checkout adds or changes against DIR, as Markdown (CI's job summary)
python -m build_tools epub|pdf|tei  generate build/docs with only the EPUB, PDF or TEI download files
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from .contrib import changes as pr_changes
from .contrib import github, issue_form, standard, suggestion, verdict
from .diagnostics import Diagnostic, errors_in, first_causes
from .editorial import candidates, report
from .editorial.edition import Edition, build_edition
from .inputs.files import Inputs, read_docs, read_inputs
from .inputs.yaml_positions import load_yaml
from .settings import settings_for
from .site import addresses, export_files, generate, publish, serve, write
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
    cache, workers = export_files.read_pdf_cache(args.root), export_files.WORKERS  # the download files are built with the pages
    result = generate.generate(edition, inputs, read_docs(args.root), settings_for(args.root), args.exports, cache, workers)
    status = _report([*found, *result.diagnostics, *generate.address_problems(edition, inputs)], quiet_warnings=args.quiet)
    if status:
        return status, None
    export_files.keep_pdf_cache(args.root, result.pdf_cache)
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


def _verdict(root: Path) -> tuple[Inputs, Edition, list[Diagnostic]]:
    """Everything `check` reports: the inputs' problems, what generation (hand-written pages
    included) and the address registry refuse, and the editorial standard `make test` enforces."""
    inputs, edition, found = _edition(root)
    result = generate.generate(edition, inputs, read_docs(root), settings_for(root))
    found = [*found, *result.diagnostics, *generate.address_problems(edition, inputs)]
    if not errors_in(found):  # an item with errors is not generated: its missing page is no news (build stops before too)
        registered, _problems = addresses.load_site_registry(inputs)
        found += verdict.missing_addresses(registered, result.files, addresses.current_addresses(edition))
    return inputs, edition, [*found, *standard.standard_problems(edition, found)]


def cmd_check(args: argparse.Namespace) -> int:
    """Validate every input, and everything `build` would refuse; print every problem; write nothing."""
    _inputs, edition, diagnostics = _verdict(args.root)
    if args.format == "github":  # one workflow command a problem: CI shows each on its line
        for diagnostic in sorted(set(diagnostics)):
            print(github.annotation(diagnostic))
    status = _report(diagnostics)
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


def cmd_suggestion(args: argparse.Namespace) -> int:
    """A "Suggest a note" issue (its body, or GitHub's event file) -> an entry appended to annotations/<slug>.yml."""
    source = Path(args.file)
    if not source.is_file() or source.stat().st_size > 4 * issue_form.MAX_BODY:
        print(f"suggestion: {source} is not a readable issue body of at most {4 * issue_form.MAX_BODY} bytes", file=sys.stderr)
        return 1
    raw = source.read_bytes()
    body, problems = issue_form.body_from_event(raw) if args.event else issue_form.body_from_bytes(raw)
    inputs, _unread = read_inputs(args.root)  # `check` reports unreadable files; the proposal uses the rest
    proposal = suggestion.propose(inputs, body) if not problems else suggestion.Proposal("", b"", {}, tuple(problems))
    if args.comment:
        comment = Path(args.comment)
        write.write_files(comment.parent, {comment.name: suggestion.comment(proposal).encode("utf-8")})
    status = _report(proposal.diagnostics, what="no annotation file was changed")
    if status:
        return status
    if not args.dry_run:
        write.write_files(args.root, {proposal.path: proposal.content})
    sys.stdout.write(suggestion.entry_yaml(proposal.entry))
    print(f"suggestion: note {proposal.entry['id']!r} {'checked for' if args.dry_run else 'added to'} {proposal.path}", file=sys.stderr)
    return 0


def cmd_changes(args: argparse.Namespace) -> int:
    """The job summary of a pull request: what this checkout adds or changes against --base, as Markdown."""
    base_inputs, base, _ = _edition(args.base.resolve())
    head_inputs, head, diagnostics = _verdict(args.root)
    found = pr_changes.changes(base, base_inputs, head, head_inputs)
    preview = args.site_url or settings_for(args.root).site_url
    sys.stdout.write(pr_changes.summary(found, preview, args.published_url, args.artifact_url, errors_in(diagnostics)))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit status."""
    parser = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root (default: this checkout)")
    sub = parser.add_subparsers(dest="command", required=True)
    builds = (("generate", cmd_generate, "generate the site's Markdown into build/docs"), ("build", cmd_build, "generate, build, check and publish site/"))
    alone = tuple((f, cmd_generate, f"generate build/docs with only the {f.upper()} download files") for f in export_files.FORMATS)
    for name, func, text in (*builds, *alone):
        command = sub.add_parser(name, help=text)
        command.add_argument("--quiet", action="store_true", help="do not print warnings")
        formats = name if name in export_files.FORMATS else ",".join(export_files.FORMATS)  # make epub, make pdf, make tei
        command.add_argument("--exports", type=export_files.wanted, default=formats, help=f"download files built with the pages: {formats} (default), or none")
        command.set_defaults(func=func)
    c = sub.add_parser("check", help="validate all input files (everything build would refuse, and the editorial standard)")
    c.add_argument("--format", choices=("text", "github"), default="text", help="github: also print each problem as a workflow command (CI)")
    c.set_defaults(func=cmd_check)
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
    g = sub.add_parser("suggestion", help="turn a 'Suggest a note' issue body into an entry of annotations/<slug>.yml")
    g.add_argument("file", help="the issue body (Markdown), or with --event GitHub's event file")
    g.add_argument("--event", action="store_true", help="FILE is a GitHub issues event payload ($GITHUB_EVENT_PATH)")
    g.add_argument("--dry-run", action="store_true", help="validate and print the entry; change no file")
    g.add_argument("--comment", help="write the Markdown reply for the issue (the entry, or the problems) to this file")
    g.set_defaults(func=cmd_suggestion)
    d = sub.add_parser("changes", help="what this checkout adds or changes against another, as Markdown")
    d.add_argument("--base", type=Path, required=True, help="a checkout of the base commit (git worktree add)")
    d.add_argument("--site-url", default="", help="where the built site is previewed (default: the build's site URL)")
    d.add_argument("--published-url", default="", help="where the site is published, for links once merged")
    d.add_argument("--artifact-url", default="", help="the download address of the built site")
    d.set_defaults(func=cmd_changes)
    args = parser.parse_args(argv)
    args.root = args.root.resolve()
    return int(args.func(args))
