"""Permanent addresses beyond passages: source pages, author's notes, editorial notes, glossary
entries and cases. ``anchors/site.json`` records every one ever published (append-only); pages that
move keep a redirect declared in ``anchors/redirects.yml``."""

from __future__ import annotations

import json
from typing import Any

from ..diagnostics import Diagnostic, error
from ..inputs.files import Inputs
from ..inputs.yaml_positions import load_yaml

SITE_REGISTRY = "anchors/site.json"
REDIRECTS = "anchors/redirects.yml"


def current_addresses(files: dict[str, bytes]) -> list[str]:
    """Addresses the generated pages publish: page paths and editorial-note fragments."""
    found: set[str] = set()
    for rel, data in files.items():
        if not rel.endswith(".md") or not rel.startswith(("sources/", "glossary/", "cases/")):
            continue
        page = "/" + rel.removesuffix(".md").removesuffix("index").rstrip("/") + "/"
        page = page.replace("//", "/")
        found.add(page)
        if rel.startswith("sources/"):
            text = data.decode("utf-8")
            start = 0
            while (index := text.find('id="ed-', start)) >= 0:
                end = text.find('"', index + 4)
                found.add(page + "#" + text[index + 4 : end])
                start = end
    return sorted(found)


def load_site_registry(inputs: Inputs) -> tuple[list[str], list[Diagnostic]]:
    raw = inputs.files.get(SITE_REGISTRY)
    if raw is None:
        return [], []
    try:
        data: Any = json.loads(raw.decode("utf-8"))
        return [str(a) for a in data["addresses"]], []
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        return [], [error(SITE_REGISTRY, 1, 1, "P004", f"registry cannot be read: {exc}")]


def site_registry_json(registered: list[str], current: list[str]) -> str:
    """The updated registry text: the union, sorted (append-only by construction)."""
    data = {"rule": "append-only: every address ever published; see docs/about/anchors.md", "addresses": sorted(set(registered) | set(current))}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def load_redirects(inputs: Inputs) -> tuple[dict[str, str], list[Diagnostic]]:
    """Old page path -> new page path, both like ``/glossary/old-id/``."""
    raw = inputs.files.get(REDIRECTS)
    if raw is None:
        return {}, []
    located, problems = load_yaml(REDIRECTS, raw)
    if located is None:
        return {}, list(problems)
    found: list[Diagnostic] = []
    redirects: dict[str, str] = {}
    for old, new in located.data.items():
        if not (isinstance(new, str) and old.startswith("/") and new.startswith("/") and ".." not in old + new):
            found.append(located.error((old,), "S010", "redirects map /old/path/ to /new/path/ inside the site"))
            continue
        redirects[old] = new
    return redirects, found


def redirect_pages(redirects: dict[str, str]) -> dict[str, bytes]:
    """Static HTML stubs at old paths that send readers (and their #fragment) to the new path."""
    files = {}
    for old, new in sorted(redirects.items()):
        depth = old.strip("/").count("/") + 1
        target = "../" * depth + new.strip("/") + "/"
        html = (
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Moved</title>'
            f'<meta http-equiv="refresh" content="0; url={target}"><link rel="canonical" href="{target}">'
            f'<script>location.replace("{target}" + location.hash);</script></head>'
            f'<body><p>This page has moved to <a href="{target}">{new}</a>.</p></body></html>\n'
        )
        files[old.strip("/") + "/index.html"] = html.encode("utf-8")
    return files


def problems(registered: list[str], current: list[str], redirects: dict[str, str]) -> list[Diagnostic]:
    """Current addresses missing from the registry (run make anchors)."""
    missing = sorted(set(current) - set(registered))
    if not missing:
        return []
    shown = ", ".join(missing[:4]) + (" …" if len(missing) > 4 else "")
    return [error(SITE_REGISTRY, 1, 1, "P001", f"{len(missing)} new address(es) not yet registered ({shown}): run `make anchors`")]
