"""The engine stays swappable: the same generated docs folder builds with Zensical (Material for
MkDocs' successor, pinned in requirements.lock), and every page carries the same passage ids,
note ids, glossary links and citation meta tags as the MkDocs build.

Zensical rewrites relative links inside raw HTML as if they were relative to the Markdown file;
served at the site's root both builds resolve every link to the same page, so links are compared
by the page they resolve to (docs/about/engines.md explains the difference under a sub-path).
"""

from __future__ import annotations

import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from ..editions import build, make_root

ROOT = Path(__file__).resolve().parents[2]


def _resolve(page: str, href: str) -> str:
    """The site path a link on ``page`` leads to when the site is served at the root."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return href
    base = "/" + page.removesuffix("index.html")
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(base + "x"), parts.path)) if parts.path else base.rstrip("/")
    path = "/" + "/".join(p for p in joined.split("/") if p not in ("", "..")) + ("/" if parts.path.endswith("/") or not parts.path else "")
    return path.replace("//", "/") + (f"#{parts.fragment}" if parts.fragment else "")


def _facts(site: Path, page: str) -> dict[str, object]:
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article") or soup
    return {
        "passages": sorted(str(t["id"]) for t in article.select(".dpr-passage[id]")),
        "notes": sorted(str(t["id"]) for t in article.find_all(id=re.compile(r"^(ed-|n\d)"))),
        "glossary": sorted((t.get_text(), _resolve(page, str(t["href"]))) for t in article.select("a.dpr-gloss, a.dpr-caselink")),
        "meta": sorted((str(m["name"]), str(m["content"])) for m in soup.find_all("meta", attrs={"name": re.compile(r"^(citation_|DC\.)")})),
    }


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = make_root(tmp_path_factory.mktemp("zensical") / "edition")
    mkdocs_site = build(root)
    config = root / "zensical.yml"
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^site_dir: .*$", "site_dir: site-zensical", text), encoding="utf-8")
    zensical = shutil.which("zensical", path=str(Path(sys.executable).parent)) or "zensical"
    done = subprocess.run([zensical, "build", "-f", str(config)], cwd=root, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return mkdocs_site, root / "site-zensical"


def test_zensical_builds_every_page(both: tuple[Path, Path]) -> None:
    mkdocs_site, zensical_site = both
    pages = {p.relative_to(mkdocs_site).as_posix() for p in mkdocs_site.rglob("index.html")}
    built = {p.relative_to(zensical_site).as_posix() for p in zensical_site.rglob("index.html")}
    assert pages <= built


def test_every_page_carries_the_same_ids_links_and_citation_tags(both: tuple[Path, Path]) -> None:
    mkdocs_site, zensical_site = both
    differences = []
    for page in sorted(p.relative_to(mkdocs_site).as_posix() for p in mkdocs_site.rglob("index.html")):
        left, right = _facts(mkdocs_site, page), _facts(zensical_site, page)
        for key in left:
            if left[key] != right[key]:
                differences.append((page, key))
    assert not differences
    sources = [p for p in mkdocs_site.rglob("index.html") if "/sources/fixture-" in p.as_posix()]
    facts = [_facts(mkdocs_site, p.relative_to(mkdocs_site).as_posix()) for p in sources]
    assert sources and all(f["passages"] and f["glossary"] and f["meta"] for f in facts)  # the comparison compares something
