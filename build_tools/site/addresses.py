"""Permanent addresses beyond passages: source pages, editorial notes, glossary entries, cases
and section pages. ``anchors/site.json`` records every one ever published (append-only); pages
that move keep a redirect declared in ``anchors/redirects.yml``.

Addresses come from the model (which pages exist, which notes have ids), never from generated
text.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..diagnostics import Diagnostic, error, warning
from ..editorial.edition import Edition
from ..inputs.files import Inputs
from ..inputs.text import decode
from ..inputs.yaml_positions import load_yaml
from ..render.html import h, join
from ..render.urls import page_path

SITE_REGISTRY = "anchors/site.json"
REDIRECTS = "anchors/redirects.yml"
#: a page path of the site: up to four segments of at most 100 characters (a file system's names end at 255 bytes)
_PAGE = re.compile(r"\A/(?:[a-z0-9][a-z0-9-]{0,99}/){1,4}\Z")
_ADDRESS = re.compile(r"\A/(?:[a-z0-9][a-z0-9-]*/){0,4}(?:#[a-z][a-z0-9-]*)?\Z")
MAX_REDIRECTS = 1000


def current_addresses(edition: Edition) -> list[str]:
    """Addresses the edition publishes: section and item pages, and editorial-note fragments."""
    docs = ["sources/index.md", "glossary/index.md", "cases/index.md"]
    docs += [f"sources/{a.source.slug}.md" for a in edition.sources]
    docs += [f"glossary/{e.eid}.md" for e in edition.entries]
    docs += [f"cases/{c.cid}.md" for c in edition.cases]
    found = {"/" + page_path(doc) for doc in docs}
    for slug, notes in edition.notes.items():
        found.update(f"/sources/{slug}/#ed-{note.aid}" for note in notes)
    return sorted(found)


def registry_heads(inputs: Inputs) -> dict[str, str]:
    """The digest of the first entry of each source's registry, as ``anchors/site.json`` recorded it."""
    raw = inputs.files.get(SITE_REGISTRY)
    try:
        data = json.loads(raw.decode("utf-8")) if raw else {}
    except (ValueError, RecursionError, UnicodeDecodeError):
        return {}
    heads = data.get("registries", {}) if isinstance(data, dict) else {}
    return {str(k): str(v) for k, v in heads.items()} if isinstance(heads, dict) else {}


def load_site_registry(inputs: Inputs) -> tuple[list[str], list[Diagnostic]]:
    """Every address ever published, as ``anchors/site.json`` records them."""
    raw = inputs.files.get(SITE_REGISTRY)
    if raw is None:
        return [], []
    text, problems = decode(SITE_REGISTRY, raw)
    if text is None:
        return [], list(problems)
    try:
        data: Any = json.loads(text)
    except (ValueError, RecursionError) as exc:
        return [], [error(SITE_REGISTRY, 1, 1, "P004", f"registry cannot be read: {str(exc)[:120]}")]
    addresses = data.get("addresses") if isinstance(data, dict) else None
    if not isinstance(addresses, list) or not all(isinstance(a, str) for a in addresses):
        return [], [error(SITE_REGISTRY, 1, 1, "P004", "registry cannot be read: 'addresses' must be a list of text")]
    bad = [a for a in addresses if not _ADDRESS.match(a)]
    if bad:
        return [], [error(SITE_REGISTRY, 1, 1, "P004", f"{bad[0][:60]!r} is not an address of this site")]
    return addresses, []


def site_registry_json(registered: list[str], current: list[str], heads: dict[str, str]) -> str:
    """The updated registry text: the union of addresses, sorted (append-only by construction), and
    the first entry's digest of each source's registry (so a registry rebuilt from scratch is found)."""
    data = {
        "rule": "append-only: every address ever published; see docs/about/anchors.md",
        "addresses": sorted(set(registered) | set(current)),
        "registries": dict(sorted(heads.items())),
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def head_problems(inputs: Inputs, edition: Edition) -> list[Diagnostic]:
    """A registry whose first entry is not the one published was rebuilt: every id may have moved."""
    found = []
    for slug, first in sorted(registry_heads(inputs).items()):
        registry = edition.registries.get(slug)
        head = registry.log[0].get("digest") if registry and registry.log else None
        if registry is not None and head != first:
            found.append(
                error(
                    f"anchors/{slug}.json",
                    1,
                    1,
                    "P007",
                    f"the registry was rebuilt: its first entry is not the one recorded in {SITE_REGISTRY} when it was published; restore it from history",
                )
            )
    return found


def load_redirects(inputs: Inputs) -> tuple[dict[str, str], list[Diagnostic]]:
    """Old page path -> new page path, both like ``/glossary/old-id/``, checked for loops."""
    raw = inputs.files.get(REDIRECTS)
    if raw is None:
        return {}, []
    located, problems = load_yaml(REDIRECTS, raw)
    if located is None:
        return {}, list(problems)
    found: list[Diagnostic] = []
    redirects: dict[str, str] = {}
    if len(located.data) > MAX_REDIRECTS:
        return {}, [located.error((), "S011", f"{len(located.data)} redirects; the limit is {MAX_REDIRECTS}")]
    for old, new in located.data.items():
        if not isinstance(new, str) or not _PAGE.match(old) or not _PAGE.match(new):
            found.append(located.error((old,), "P006", "a redirect maps a page path like /glossary/old-id/ to another like /glossary/new-id/"))
            continue
        redirects[old] = new
    loops: set[frozenset[str]] = set()
    for old in redirects:  # in file order: each loop is reported once, at its first redirect
        path, target = [old], redirects[old]
        while target in redirects and target not in path:
            path.append(target)
            target = redirects[target]
        if target in path and frozenset(path[path.index(target) :]) not in loops:
            loop = path[path.index(target) :]
            loops.add(frozenset(loop))
            found.append(located.error((loop[0],), "P006", f"redirects form a loop: {' -> '.join([*loop, target])}"))
    return redirects, found


def redirect_pages(redirects: dict[str, str]) -> dict[str, str]:
    """Static HTML stubs at old paths that send readers (and their #fragment) to the new path.

    The page refreshes to the new address by itself; ``assets/redirect.js`` (a file, as the
    Content-Security-Policy allows no inline script) carries the #fragment along.
    """
    files = {}
    for old, new in sorted(redirects.items()):
        depth = old.strip("/").count("/") + 1
        up = "../" * depth
        target = up + new.strip("/") + "/"
        head = join(
            h("meta", {"charset": "utf-8"}),
            h("meta", {"http-equiv": "Content-Security-Policy", "content": "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'"}),
            h("title", None, "Moved"),
            h("meta", {"http-equiv": "refresh", "content": f"0; url={target}"}),
            h("link", {"rel": "canonical", "href": target}),
            h("script", {"src": f"{up}assets/redirect.js", "data-target": target}),
        )
        body = h("article", None, h("p", None, "This page has moved to ", h("a", {"href": target}, new), "."))
        files[old.strip("/") + "/index.html"] = f'<!doctype html><html lang="en"><head>{head}</head><body>{body}</body></html>\n'
    return files


def problems(registered: list[str], current: list[str]) -> list[Diagnostic]:
    """Current addresses not yet recorded: a warning, since adding is safe and the publish workflow
    records them (``make anchors``) when it publishes; only a published address that goes is an
    error (P003, from the site checks)."""
    missing = sorted(set(current) - set(registered))
    if not missing:
        return []
    shown = ", ".join(missing[:4]) + (" …" if len(missing) > 4 else "")
    message = f"{len(missing)} new address(es) not yet recorded ({shown}): `make anchors` records them; publishing records them too"
    return [warning(SITE_REGISTRY, 1, 1, "P009", message)]
