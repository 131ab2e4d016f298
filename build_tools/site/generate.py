"""The generated docs folder as a mapping ``path -> bytes``: the edition's pages, redirect stubs
and the hand-written docs. Pure: ``write`` writes it, ``cli`` reports on it."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, error
from ..editorial.edition import Edition
from ..inputs.files import Inputs
from ..render import pages, search_index
from ..settings import Settings
from . import addresses

SOURCES_LIST_MARKER = "<!-- dpr:sources-list -->"


@dataclass(frozen=True)
class Generated:
    files: dict[str, bytes] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()


def address_problems(edition: Edition, inputs: Inputs) -> list[Diagnostic]:
    """Addresses the edition would publish that ``anchors/site.json`` does not record yet."""
    registered, found = addresses.load_site_registry(inputs)
    heads = addresses.registry_heads(inputs)
    missing_heads = [slug for slug, reg in edition.registries.items() if reg.log and slug not in heads]
    if missing_heads:
        found.append(error(addresses.SITE_REGISTRY, 1, 1, "P001", f"the registries of {', '.join(missing_heads)} are not recorded yet: run `make anchors` and commit anchors/"))
    return [*found, *addresses.problems(registered, addresses.current_addresses(edition)), *addresses.head_problems(inputs, edition)]


def generate(edition: Edition, inputs: Inputs, docs: dict[str, bytes], settings: Settings) -> Generated:
    """All generated pages plus the hand-written docs, ready to be written to the staging folder."""
    files = {path: text.encode("utf-8") for path, text in pages.pages(edition, settings).items()}
    redirects, found = addresses.load_redirects(inputs)
    files.update({path: text.encode("utf-8") for path, text in addresses.redirect_pages(redirects).items()})
    for rel, data in docs.items():
        if rel in files:
            found.append(error(f"docs/{rel}", 1, 1, "S014", "a generated page has this path: hand-written pages may not share it"))
            continue
        if rel == "index.md":
            data = data.replace(SOURCES_LIST_MARKER.encode(), str(pages.sources_list(edition.sources, "index.md")).encode("utf-8"))
        files[rel] = data
    # the search index (read by docs/assets/search.js only when a reader opens search)
    files.update({path: text.encode("utf-8") for path, text in search_index.search_files(edition, docs).items()})
    return Generated(files, tuple(found))
