"""Helpers shared by the study-tool tests (``test_study_*.py``, ``test_suggest_*.py``); no tests here.

``select_words`` selects words of a passage as a reader would leave them selected (a DOM range
over the passage's own text, skipping what the edition inserts); ``variant_root`` builds a
corrected copy of the fixture edition and records its anchors as ``make anchors`` would.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from ..editions import FIXTURE, make_root, run
from .support import ROOT, build_site

SOURCE = "/sources/fixture-councils/"
STORE_KEY = "dpr-study-v1"

_SELECT = """([pid, words, occurrence]) => {
  const host = document.getElementById(pid);
  const nodes = [];
  let text = "";
  const walker = document.createTreeWalker(host, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => n.parentElement.closest("[data-insert], .dpr-popover") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push([n, text.length]); text += n.data; }
  let i = -1;
  for (let k = 0; k <= occurrence; k++) { i = text.indexOf(words, i + 1); if (i < 0) return false; }
  const at = (k, isEnd) => {
    for (const [n, s] of nodes) if (k < s + n.data.length || (isEnd && k === s + n.data.length)) return [n, k - s];
    return null;
  };
  const range = document.createRange();
  range.setStart(...at(i, false));
  range.setEnd(...at(i + words.length, true));
  const sel = getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
  return true;
}"""


def select_words(page: Page, pid: str, words: str, occurrence: int = 0) -> None:
    """Select ``words`` (their ``occurrence``-th appearance) in passage ``pid`` and wait for the toolbar."""
    assert page.evaluate(_SELECT, [pid, words, occurrence]), f"{words!r} not in {pid}"
    expect(page.get_by_role("toolbar", name=f"Selected words in passage {pid}")).to_be_visible()


def stored(page: Page) -> list[dict[str, Any]]:
    """The reader's records as the page keeps them in localStorage."""
    raw = page.evaluate(f"localStorage.getItem({json.dumps(STORE_KEY)})")
    return list(json.loads(raw)["annotations"]) if raw else []


def highlight(page: Page, pid: str, words: str, occurrence: int = 0) -> None:
    select_words(page, pid, words, occurrence)
    page.get_by_role("toolbar").get_by_role("button", name="Highlight").click()
    expect(page.locator(f"#{pid} mark.dpr-mine", has_text=words.split()[0]).first).to_be_visible()


def add_note(page: Page, pid: str, words: str, note: str) -> None:
    select_words(page, pid, words)
    page.get_by_role("toolbar").get_by_role("button", name="Add note").click()
    dialog = page.get_by_role("dialog", name="Add a note")
    dialog.get_by_role("textbox", name="Your note").fill(note)
    dialog.get_by_role("button", name="Save note").click()
    expect(dialog).to_have_count(0)
    expect(page.locator(f"#{pid} mark.dpr-mine--note").first).to_be_visible()


def marked_text(page: Page, pid: str) -> str:
    """The words of passage ``pid`` inside the reader's marks, joined."""
    return str(page.eval_on_selector_all(f"#{pid} mark.dpr-mine", "ms => ms.map(m => m.textContent).join('')"))


def announced(page: Page) -> str:
    return str(page.locator(".dpr-study-live").text_content() or "")


def seed_lines(text: str) -> list[str]:
    return text.split("\n")


def variant_root(name: str, change_text: Callable[[list[str]], list[str]], change_rules: Callable[[str], str]) -> Path:
    """A copy of the fixture edition with fixture-councils' raw text and rules changed, its anchors
    recorded (``anchors``) and its site built; the root folder."""
    root = make_root(ROOT / "build" / name, data=FIXTURE)
    seed = root / "seeds" / "fixture-councils.txt"
    seed.write_text("\n".join(change_text(seed.read_text(encoding="utf-8").split("\n"))), encoding="utf-8")
    rules = root / "seeds" / "fixture-councils.yml"
    rules.write_text(change_rules(rules.read_text(encoding="utf-8")), encoding="utf-8")
    done = run(root, "anchors")
    assert done.returncode == 0, done.stdout + done.stderr
    build_site(root)
    return root


def shift_rule_lines(rules: str, after: int, by: int) -> str:
    """Rules' line numbers (``line: N``, ``lines: "A-B"``) beyond line ``after`` moved by ``by``."""

    def one(n: str) -> str:
        return str(int(n) + by) if int(n) > after else n

    rules = re.sub(r"\bline: (\d+)", lambda m: f"line: {one(m.group(1))}", rules)
    return re.sub(r'\blines: "(\d+)-(\d+)"', lambda m: f'lines: "{one(m.group(1))}-{one(m.group(2))}"', rules)
