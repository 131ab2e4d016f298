"""Screenshots of every kind of page, for looking at the typography with one's own eyes.

    python -m tests.browser.screenshots            all page types, desktop and phone, light and dark,
                                                   into /tmp/shots-browser/ (or --out DIR)
    python -m tests.browser.screenshots --docs     the few shown on docs/about/reading.md,
                                                   into docs/about/screenshots/

Uses the built site/ (built first if missing or stale) and the system Chromium, like the tests.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

from .support import CHROMIUM_ARGS, PAGE_TYPES, ROOT, build_site, chromium_executable, serve, site_is_stale

SOURCE = "/sources/callinicos-1977-soviet-power/"


def _scroll_to(selector: str) -> Callable[[Page], None]:
    def act(page: Page) -> None:
        page.evaluate("(s) => { document.querySelector(s).scrollIntoView({ block: 'start' }); window.scrollBy(0, -64); }", selector)

    return act


def _menu(page: Page) -> None:
    _scroll_to("#p14")(page)
    page.click(".dpr-pnum[data-pid='p14']")
    page.get_by_role("button", name="Cite (Chicago)").click()
    page.mouse.move(0, 0)


def _preview(page: Page) -> None:
    _scroll_to("#p15")(page)
    page.locator("#p15 .dpr-eref a").first.hover()


def _print(page: Page) -> None:
    page.emulate_media(media="print")


@dataclass(frozen=True)
class Shot:
    name: str
    path: str
    width: int
    height: int
    scheme: str = "light"
    act: Callable[[Page], None] | None = None


# What docs/about/reading.md shows: small viewports keep the files small.
DOCS_SHOTS = (
    Shot("source-desktop-light", SOURCE, 1280, 720, act=_scroll_to("#p15")),
    Shot("source-desktop-dark", SOURCE, 1280, 720, "dark", act=_scroll_to("#p15")),
    Shot("note-preview", SOURCE, 1280, 560, act=_preview),
    Shot("passage-menu", SOURCE, 1280, 620, act=_menu),
    Shot("source-phone-light", SOURCE, 375, 720, act=_scroll_to("#p15")),
    Shot("glossary-phone-dark", "/glossary/dual-power/", 375, 720, "dark"),
    Shot("cases-timeline", "/cases/", 1280, 720, act=_scroll_to("#timeline")),
    Shot("print-endnotes", SOURCE, 760, 720, act=lambda page: (_print(page), _scroll_to("#editors-notes")(page))),
)


def all_shots() -> list[Shot]:
    shots = []
    for page_type in PAGE_TYPES:
        for width, height, device in ((1280, 900, "desktop"), (375, 740, "phone")):
            for scheme in ("light", "dark"):
                shots.append(Shot(f"{page_type.name}-{device}-{scheme}", page_type.path, width, height, scheme))
    return shots


def take(browser: Browser, base_url: str, shot: Shot, out: Path) -> Path:
    context = browser.new_context(
        base_url=base_url,
        viewport={"width": shot.width, "height": shot.height},
        color_scheme="dark" if shot.scheme == "dark" else "light",
        service_workers="block",
    )
    try:
        page = context.new_page()
        page.goto(shot.path)
        if shot.act:
            shot.act(page)
        page.wait_for_timeout(400)  # the header's title fades when the page scrolls
        target = out / f"{shot.name}.png"
        clip = None
        if shot.width >= 1000:
            # Desktop: the text column with its margin (passage numbers) and whatever opens beside
            # it (previews), not the navigation sidebars, which are blanked out.
            page.add_style_tag(content=".md-sidebar { visibility: hidden !important; }")
            box = page.locator(".md-content").bounding_box()
            if box:
                left = max(0.0, box["x"] - 40)
                clip = {"x": left, "y": 0.0, "width": min(box["width"] + 120, shot.width - left), "height": float(shot.height)}
        page.screenshot(path=str(target), clip=clip)
        return target
    finally:
        context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", action="store_true", help="the screenshots shown on docs/about/reading.md")
    parser.add_argument("--out", type=Path, help="output folder")
    args = parser.parse_args()
    out = args.out or (ROOT / "docs" / "about" / "screenshots" if args.docs else Path("/tmp/shots-browser"))
    out.mkdir(parents=True, exist_ok=True)
    if site_is_stale(ROOT):
        build_site(ROOT)
    shots = list(DOCS_SHOTS) if args.docs else all_shots()
    # Port 8000, the address of `make serve` and of the default site_url, so that the passage
    # URLs in the pictures look like a preview's; any free port if it is taken.
    with serve(ROOT / "site", port=8000) as (base_url, _server), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        for shot in shots:
            path = take(browser, base_url, shot, out)
            print(f"{path} ({path.stat().st_size // 1024} KiB)")
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
