"""The generated docs folder as a mapping ``path -> bytes``: the edition's pages, redirect stubs
and the hand-written docs. Pure: ``write`` writes it, ``cli`` reports on it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, error
from ..editorial.edition import Edition
from ..exports import bundle
from ..inputs.files import Inputs
from ..render import downloads, pages, search_index
from ..render.urls import source_doc
from ..settings import Settings
from . import addresses

SOURCES_LIST_MARKER = "<!-- dpr:sources-list -->"


@dataclass(frozen=True)
class Generated:
    files: dict[str, bytes] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()
    pdf_cache: dict[str, bytes] = field(default_factory=dict)  # the typeset PDFs by key, for the next build


def _offered(made: dict[str, bytes], paths: list[tuple[str, str]]) -> list[downloads.Download]:
    return [downloads.Download(kind, path, len(made[path])) for kind, path in paths if path in made]


def place_downloads(files: dict[str, bytes], edition: Edition, made: dict[str, bytes]) -> list[downloads.Download]:
    """Put each source page's download line (with the sizes of ``made``) in place of its
    placeholder, add the Downloads page, and return the whole edition's files for the home page."""
    kinds = [kind for kind, _, _ in downloads.KINDS]
    listed = []
    for anchored in edition.sources:
        slug = anchored.source.slug
        offered = _offered(made, [(kind, downloads.source_path(slug, kind)) for kind in kinds])
        doc = source_doc(slug)
        if doc in files:
            files[doc] = files[doc].replace(str(downloads.placeholder(slug)).encode(), str(downloads.line(offered, doc)).encode("utf-8"))
        listed.append((slug, anchored.source.spec.bibliography.title, offered))
    whole = _offered(made, [(kind, downloads.whole_path(kind)) for kind in kinds])
    files[downloads.DOWNLOADS_DOC] = downloads.downloads_page(listed, whole).encode("utf-8")
    return whole


def address_problems(edition: Edition, inputs: Inputs) -> list[Diagnostic]:
    """Addresses the edition would publish that ``anchors/site.json`` does not record yet."""
    registered, found = addresses.load_site_registry(inputs)
    if found:  # the registry cannot be read (its error says why): nothing can be compared with it
        return found
    heads = addresses.registry_heads(inputs)
    missing_heads = [slug for slug, reg in edition.registries.items() if reg.log and slug not in heads]
    if missing_heads:
        found.append(
            error(
                addresses.SITE_REGISTRY,
                1,
                1,
                "P001",
                f"the registries of {', '.join(missing_heads)} are not recorded yet: run `make anchors` and commit anchors/",
            )
        )
    return [*found, *addresses.problems(registered, addresses.current_addresses(edition)), *addresses.head_problems(inputs, edition)]


def generate(
    edition: Edition,
    inputs: Inputs,
    docs: dict[str, bytes],
    settings: Settings,
    exports: frozenset[str] = frozenset(),
    pdf_cache: Mapping[str, bytes] | None = None,
    workers: int = 1,
) -> Generated:
    """All generated pages plus the hand-written docs, ready to be written to the staging folder.

    ``exports`` (a subset of ``exports.bundle.FORMATS``) chooses the download files built into the
    docs folder beside the pages (``make build`` builds all; the preview none, for speed); the
    pages show their sizes. ``pdf_cache`` holds PDFs typeset before, by key; ``workers`` processes
    typeset the others.
    """
    files = {path: text.encode("utf-8") for path, text in pages.pages(edition, settings).items()}
    exported = bundle.export(edition, settings.site_url, exports, pdf_cache, workers)
    files.update(exported.files)
    whole = place_downloads(files, edition, exported.files)
    redirects, found = addresses.load_redirects(inputs)
    found.extend(exported.diagnostics)
    files.update({path: text.encode("utf-8") for path, text in addresses.redirect_pages(redirects).items()})
    for rel, data in docs.items():
        if rel in files:
            found.append(error(f"docs/{rel}", 1, 1, "S014", "a generated page has this path: hand-written pages may not share it"))
            continue
        if rel == "index.md":  # the sources, then the whole edition's download line
            listing = (
                str(pages.sources_list(edition.sources, "index.md"))
                + "\n\n"
                + str(downloads.line(whole, "index.md", "Download the whole edition:", everything=True))
            )
            data = data.replace(SOURCES_LIST_MARKER.encode(), listing.encode("utf-8"))
        files[rel] = data
    # the search index (read by docs/assets/search.js only when a reader opens search)
    files.update({path: text.encode("utf-8") for path, text in search_index.search_files(edition, docs).items()})
    return Generated(files, tuple(found), exported.typeset)
