"""Screenshots of every kind of page, at phone and desktop width, light and dark, and of what a
reader opens (a note in place, the margin, search, the cases as cards, paper).

    python -m tests.browser.screenshots                 the real edition (a copy built in
                                                        build/screenshots-real), into
                                                        docs/about/screenshots/
    python -m tests.browser.screenshots --fixture       the fixture edition instead
    python -m tests.browser.screenshots --out DIR       somewhere else

docs/about/reading.md shows the files this writes (``reading_md_table`` prints its table). Uses
the system Chromium, like the tests; nothing is fetched from any other host.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

from ..editions import FIXTURE, make_root
from .pages import PAGE_TYPES, REAL_PAGE_TYPES
from .support import CHROMIUM_ARGS, ROOT, build_site, chromium_executable, serve

OUT = ROOT / "docs" / "about" / "screenshots"
KINDS = ("home", "source", "glossary-entry", "cases-table", "case", "glossary-index", "sources-index", "about")
PHONE = (375, 740)
DESKTOP = (1280, 800)


def _scroll_to(selector: str) -> Callable[[Page], None]:
    def act(page: Page) -> None:
        page.evaluate("(s) => { const n = document.querySelector(s); if (n) { n.scrollIntoView({ block: 'start' }); window.scrollBy(0, -70); } }", selector)
        page.wait_for_timeout(150)

    return act


def _note_in_place(page: Page) -> None:
    marker = page.locator(".dpr-passage .dpr-eref > a").nth(2)
    marker.evaluate("a => { a.scrollIntoView({ block: 'center' }); window.scrollBy(0, -120); }")
    marker.tap()
    page.wait_for_timeout(150)


def _margin_open(page: Page) -> None:
    marker = page.locator(".dpr-passage .dpr-eref > a").nth(2)
    marker.evaluate("a => { a.scrollIntoView({ block: 'center' }); window.scrollBy(0, 150); }")
    marker.click()
    page.mouse.move(0, 0)
    page.wait_for_timeout(150)


def _search(page: Page) -> None:
    page.keyboard.press("/")
    page.keyboard.type('"dual power"')
    page.wait_for_selector(".dpr-search-result")
    page.wait_for_timeout(300)


def _contents(page: Page) -> None:
    page.get_by_role("button", name="Contents").tap()
    page.wait_for_timeout(150)


def _print(page: Page) -> None:
    page.emulate_media(media="print")
    page.wait_for_timeout(150)


@dataclass(frozen=True)
class Shot:
    name: str
    kind: str
    size: tuple[int, int]
    scheme: str = "light"
    act: Callable[[Page], None] | None = None
    caption: str = ""


def shots() -> list[Shot]:
    """Every page kind at both widths in both schemes, then the states a reader opens."""
    found = []
    for kind in KINDS:
        for device, size in (("phone", PHONE), ("desktop", DESKTOP)):
            for scheme in ("light", "dark"):
                act = _scroll_to("#p3") if kind == "source" and device == "desktop" else None
                found.append(Shot(f"{kind}-{device}-{scheme}", kind, size, scheme, act))
    found += [
        Shot("source-phone-note-open", "source", PHONE, act=_note_in_place, caption="A tap on a marker opens its note in place; a second tap closes it."),
        Shot("source-desktop-note-open", "source", DESKTOP, act=_margin_open, caption="A click on a marker opens its margin note whole."),
        Shot("source-phone-contents", "source", PHONE, "dark", _contents, "The page's contents on a phone, from the toolbar."),
        Shot("search-desktop", "source", DESKTOP, act=_search, caption="Search: results by passage, the texts first, notes apart."),
        Shot("search-phone-dark", "source", PHONE, "dark", _search, "Search on a phone."),
        Shot("cases-phone-cards", "cases-table", PHONE, act=_scroll_to("#cases-table"), caption="The cases table as cards on a phone."),
        Shot("cases-phone-timeline", "cases-table", PHONE, "dark", _scroll_to("#timeline-chart"), "The timeline at 375 px."),
        Shot("source-print", "source", (794, 1123), act=_print, caption="Paper: full-width text, every mark, the method printed."),
    ]
    return found


def take(browser: Browser, base_url: str, paths: dict[str, str], shot: Shot, out: Path) -> Path:
    phone = shot.size[0] < 700
    context = browser.new_context(
        base_url=base_url,
        viewport={"width": shot.size[0], "height": shot.size[1]},
        color_scheme=shot.scheme,  # type: ignore[arg-type]
        is_mobile=phone,
        has_touch=phone,
        device_scale_factor=1,
    )
    try:
        page = context.new_page()
        page.goto(paths[shot.kind])
        page.wait_for_load_state("load")
        page.wait_for_timeout(200)
        if shot.act:
            shot.act(page)
        target = out / f"{shot.name}.jpg"
        page.screenshot(path=str(target), type="jpeg", quality=72)
        return target
    finally:
        context.close()


def reading_md_table(all_shots: list[Shot]) -> str:
    """The Markdown that docs/about/reading.md shows the screenshots with."""
    lines = []
    for kind in KINDS:
        images = [
            f'![{kind} page, {s.size[0]} px, {s.scheme}](screenshots/{s.name}.jpg){{ width="{s.size[0] // 4}" loading=lazy }}'
            for s in all_shots
            if s.kind == kind and not s.caption
        ]
        lines.append(f"**{kind.replace('-', ' ')}** (phone light, phone dark, desktop light, desktop dark)\n\n" + " ".join(images) + "\n")
    lines.append("</div>\n\n### What a reader opens\n")
    for s in all_shots:
        if s.caption:
            lines.append(f'{s.caption}\n\n![{s.caption}](screenshots/{s.name}.jpg){{ width="{min(s.size[0], 1280) // 3}" loading=lazy }}\n')
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fixture", action="store_true", help="the fixture edition instead of the real one")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--table", action="store_true", help="print the Markdown for docs/about/reading.md and stop")
    parser.add_argument("--site", type=Path, help="an already built site folder (the real edition's, or the fixture's with --fixture)")
    args = parser.parse_args()
    all_shots = shots()
    if args.table:
        print(reading_md_table(all_shots))
        return
    if args.site:
        site = args.site
    else:
        root = make_root(ROOT / "build" / ("screenshots-fixture" if args.fixture else "screenshots-real"), data=FIXTURE if args.fixture else ROOT)
        build_site(root)
        site = root / "site"
    paths = PAGE_TYPES if args.fixture else {k: v for k, v in REAL_PAGE_TYPES.items()}
    args.out.mkdir(parents=True, exist_ok=True)
    with serve(site) as (url, _server), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        try:
            for shot in all_shots:
                print(take(browser, url, paths, shot, args.out))
        finally:
            browser.close()


if __name__ == "__main__":
    main()
