"""Command line: the only module that prints. Thin wrappers over the pipeline and the writer.

python -m build_tools build         generate build/docs (MkDocs then builds site/)
python -m build_tools check         validate every input file; write nothing
python -m build_tools anchors       record new passages and addresses in anchors/
python -m build_tools passages SLUG list passages, ids and gaps of a source
python -m build_tools verify-site   check the built site: anchors, links, no foreign resources
python -m build_tools report        the editorial report (density, gaps, citations)
python -m build_tools candidates    terms that recur across sources but have no glossary entry
python -m build_tools serve         build, preview at http://127.0.0.1:8000, regenerate on change
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from .diagnostics import Diagnostic, errors_in
from .editorial import candidates, report
from .inputs.files import Inputs, read_docs, read_inputs, read_site
from .inputs.yaml_positions import load_yaml
from .site import addresses, generate, serve, verify
from .site import write as build
from .sources import structure as pipeline
from .sources.model import AnchoredSource

ROOT = Path(__file__).resolve().parent.parent
LIST_LIMIT = 40  # files listed one by one after a build; a first build lists only the first ones


def _report(diagnostics: list[Diagnostic] | tuple[Diagnostic, ...], quiet_warnings: bool = False) -> int:
    if not quiet_warnings:
        for warning in sorted({d for d in diagnostics if d.severity == "warning"}):
            print(warning.format(), file=sys.stderr)
    problems = errors_in(diagnostics)
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    if problems:
        print(f"{len(problems)} error(s); nothing was written.", file=sys.stderr)
        return 1
    return 0


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


def cmd_build(args: argparse.Namespace) -> int:
    """Generate the staging docs folder (build/docs); write nothing on error."""
    started = time.perf_counter()
    inputs, problems = read_inputs(args.root)
    memo, secret = build.open_memo(args.root)
    result = generate.generate(inputs, read_docs(args.root), serve.settings_for(args.root), memo)
    status = _report(list(problems) + list(result.diagnostics), quiet_warnings=args.quiet)
    if status:
        return status
    written = build.sync_tree(args.root / "build" / "docs", result.files)
    if secret is not None:
        build.write_memo(args.root, secret, memo)
    listed = written.written[:LIST_LIMIT]
    for rel in listed:
        print(f"  wrote build/docs/{rel}")
    if len(written.written) > len(listed):
        print(f"  … and {len(written.written) - len(listed)} more")
    for rel in written.removed:
        print(f"  removed build/docs/{rel}")
    took = time.perf_counter() - started
    print(
        f"generate: {len(written.written)} file(s) written, {written.unchanged} untouched (same content: not rewritten, "
        f"modification times kept), {len(written.removed)} removed ({took:.2f}s; memo: {memo.summary()})"
    )
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Validate every input; print every problem; write nothing."""
    inputs, problems = read_inputs(args.root)
    memo, _secret = build.open_memo(args.root, create_secret=False)  # read only: check writes nothing
    model, found = generate.build_model(inputs, memo)
    status = _report(list(problems) + found)
    if not status:
        n_notes = sum(len(v) for v in model.notes.values())
        print(
            f"check: {len(model.anchoring.sources)} sources, {n_notes} annotations, {len(model.entries)} glossary entries, {len(model.cases)} cases: no errors"
        )
    return status


def cmd_anchors(args: argparse.Namespace) -> int:
    """Update the anchor registries (append-only) to the current texts and pages."""
    inputs, problems = read_inputs(args.root)
    result = generate.generate(inputs, read_docs(args.root), generate.Settings.from_environment())
    blocking = [d for d in list(problems) + list(result.diagnostics) if d.code != "P001"]
    status = _report(blocking)
    if status:
        return status
    sources, _ = pipeline.load_sources(inputs)
    anchoring, _ = pipeline.anchor_sources(sources, inputs)
    files = {f"{slug}.json": pipeline.registry_json(reg).encode("utf-8") for slug, reg in anchoring.registries.items()}
    registered, _ = addresses.load_site_registry(inputs)
    files["site.json"] = addresses.site_registry_json(registered, addresses.current_addresses(result.files)).encode("utf-8")
    written = build.write_files(args.root / "anchors", files)
    for line in result.report:
        print(line)
    print(f"anchors: {len(written)} registry file(s) updated; commit anchors/" if written else "anchors: registries already up to date")
    return 0


def cmd_passages(args: argparse.Namespace) -> int:
    inputs, problems = read_inputs(args.root)
    sources, more = pipeline.load_sources(inputs)
    anchoring, even_more = pipeline.anchor_sources(sources, inputs)
    status = _report(list(problems) + list(more) + list(even_more))
    listings = {a.source.slug: passage_listing(a) for a in anchoring.sources if not args.slug or a.source.slug == args.slug}
    if args.slug and not listings:
        print(f"no source {args.slug!r}", file=sys.stderr)
        return 1
    if args.out:
        build.write_files(Path(args.out), {f"{slug}.txt": text.encode("utf-8") for slug, text in listings.items()})
    else:
        for text in listings.values():
            sys.stdout.write(text)
    return status


def cmd_verify_site(args: argparse.Namespace) -> int:
    inputs, problems = read_inputs(args.root)
    html, static = read_site(args.root)
    if not html:
        print("verify-site: site/ is empty; run `make build` first", file=sys.stderr)
        return 1
    pages = {path: verify.parse_page(path, text) for path, text in html.items()}
    registered: dict[str, list[str]] = {}
    for slug, raw in inputs.under("anchors", ".json").items():
        if slug == "site":
            continue
        registered[slug] = [entry["id"] for entry in json.loads(raw.decode("utf-8"))["passages"]]
    site_addresses, more = addresses.load_site_registry(inputs)
    found = verify.check_site(pages, registered, site_addresses, static)
    status = _report(list(problems) + more + found)
    if not status:
        n_ids = sum(len(v) for v in registered.values())
        print(f"verify-site: {len(pages)} pages; {n_ids} registered passage ids and {len(site_addresses)} addresses resolve; links and resources local")
    return status


def cmd_report(args: argparse.Namespace) -> int:
    inputs, problems = read_inputs(args.root)
    model, found = generate.build_model(inputs)
    status = _report(list(problems) + found, quiet_warnings=True)
    reports = [report.source_report(a, model.notes.get(a.source.slug, ())) for a in model.anchoring.sources]
    print(report.table(reports))
    shortfalls = report.problems(reports)
    for line in shortfalls:
        print(f"report: {line}", file=sys.stderr)
    return 1 if shortfalls or status else 0


def cmd_candidates(args: argparse.Namespace) -> int:
    inputs, _ = read_inputs(args.root)
    model, _ = generate.build_model(inputs)
    terms = candidates.candidate_terms(model.anchoring.sources, model.linker)
    for term, count, slugs in terms:
        print(f"{count:3d}  {term}  ({', '.join(slugs)})")
    years = candidates.uncovered_years(model.anchoring.sources, model.cases)
    for year, where in years:
        print(f"year without a case: {year}  ({', '.join(where[:4])})")
    for place, where in candidates.uncovered_places(model.anchoring.sources, model.cases, reference_places(inputs)):
        print(f"place without a case: {place}  ({', '.join(where[:4])})")
    return 0


def reference_places(inputs: Inputs) -> list[str]:
    """The watched place names of reference/places.yml (empty if absent or unreadable)."""
    raw = inputs.files.get("reference/places.yml")
    if raw is None:
        return []
    located, _ = load_yaml("reference/places.yml", raw)
    places = located.data.get("places", []) if located else []
    return [str(p) for p in places if isinstance(p, str)]


def cmd_serve(args: argparse.Namespace) -> int:
    return serve.run(args.root, args.address)


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit status."""
    parser = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root (default: this checkout)")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="generate the site's Markdown into build/docs")
    b.add_argument("--quiet", action="store_true", help="do not print warnings")
    b.set_defaults(func=cmd_build)
    sub.add_parser("check", help="validate all input files").set_defaults(func=cmd_check)
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
    return int(args.func(args))
