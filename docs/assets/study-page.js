/* The study tools on a source page: the toolbar offered for selected words (Highlight, Add note,
   Suggest a note, Public annotation), the same actions from the passage menu, the reader's
   highlights painted as <mark>, and the dialogs for notes. Loaded by study.js on first use. */

import { boot } from "./study-boot.js";
import { PASSAGE, domText, paint, rangeToData, unpaint } from "./study-dom.js";
import { canonicalRoot, fingerprint, locate, localRoot, passage, sourceData } from "./study-data.js";
import { passageUrl } from "./study-formats.js";
import * as store from "./study-store.js";
import { trimSpan } from "./study-text.js";
import { announce, button, closePassageMenu, copyText, dialog, el, field, quoteText } from "./study-ui.js";

let ASSETS = "";
let page = null;

export async function start(assets) {
  ASSETS = assets;
  await boot(assets);
  try { page = JSON.parse(document.getElementById("dpr-page-data").textContent); } catch (e) { page = null; }
  if (!page || !page.slug) return;
  document.addEventListener("click", (ev) => {
    const mine = ev.target.closest && ev.target.closest("mark.dpr-mine, .dpr-mine-ref");
    if (mine && !ev.target.closest("a")) {
      ev.preventDefault();
      mineDialog(mine.closest(PASSAGE), mine.closest(".dpr-mine-ref") || null);
    }
  });
  document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") hideToolbar(true); });
  // notes made or imported in another tab of this site show here too
  window.addEventListener("storage", (ev) => { if (ev.key === store.KEY) repaint(); });
  await repaint();
}

const data = () => sourceData(page.slug);

/* ---- what a selection or a passage quotes ---- */

async function quoteOf(host, range) {
  const d = await data();
  const p = passage(d, host.id);
  const text = p ? p.text : domText(host).text;
  if (!range) return { pid: host.id, text, start: 0, end: text.length, scope: "passage", title: d.title };
  const at = rangeToData(host, range, p ? p.text : undefined);
  const span = trimSpan(text, Math.min(at.start, at.end), Math.max(at.start, at.end));
  if (span.start >= span.end) return null;
  const whole = span.start === 0 && span.end === text.length;
  return { pid: host.id, text, start: span.start, end: span.end, scope: whole ? "passage" : "words", title: d.title };
}

function recordFields(q, note) {
  const exact = q.text.slice(q.start, q.end);
  const prefix = q.scope === "passage" ? "" : q.text.slice(Math.max(0, q.start - 32), q.start);
  const suffix = q.scope === "passage" ? "" : q.text.slice(q.end, q.end + 32);
  return { slug: page.slug, pid: q.pid, scope: q.scope, exact, prefix, suffix, note: note || "", title: q.title };
}

/* ---- the toolbar for selected words ---- */

let toolbar = null;

export function hideToolbar(force) {
  if (!toolbar) return;
  if (!force && toolbar.contains(document.activeElement)) return;
  toolbar.remove();
  toolbar = null;
}

/** Offer the actions for the words selected by ``range`` in passage ``host``. */
export async function offer(host, range) {
  const q = await quoteOf(host, range);
  hideToolbar(true);
  if (!q) return;
  const bar = el("div", { class: "dpr-study-toolbar dpr-study-ui", role: "toolbar", "aria-label": `Selected words in passage ${q.pid}`, "data-insert": "" });
  const run = (action) => (ev) => { const opener = host.querySelector(".dpr-pnum") || host; hideToolbar(true); act(action, q, opener); ev.stopPropagation(); };
  bar.append(
    button("Highlight", run("highlight")),
    button("Add note", run("note")),
    button("Suggest a note", run("suggest")),
    button("Public annotation…", run("public")),
  );
  // a click on the bar must not take the selection away before the button acts
  bar.addEventListener("mousedown", (ev) => ev.preventDefault());
  bar.addEventListener("keydown", (ev) => {
    const buttons = Array.from(bar.querySelectorAll("button"));
    const i = buttons.indexOf(document.activeElement);
    if (ev.key === "ArrowRight" || ev.key === "ArrowLeft") {
      ev.preventDefault();
      buttons[(i + (ev.key === "ArrowRight" ? 1 : buttons.length - 1)) % buttons.length].focus();
    }
  });
  // inside a list item (a list holds only items), after any other passage (a heading's name
  // must not take in the buttons)
  if (host.tagName === "LI") host.appendChild(bar); else host.after(bar);
  const rect = range.getBoundingClientRect();
  const parent = (bar.offsetParent || document.body).getBoundingClientRect();
  const width = bar.offsetWidth;
  const room = document.documentElement.clientWidth - 8;
  const left = Math.max(8, Math.min(rect.left, room - width));
  bar.style.left = `${left - parent.left}px`;
  bar.style.top = `${rect.bottom - parent.top + 8}px`;
  toolbar = bar;
}

/** An action of the passage menu: on the words selected in the passage, or on all of it. */
export async function menuAction(action, host, range, opener) {
  closePassageMenu();
  const q = await quoteOf(host, range);
  if (q) act(action, q, opener || host.querySelector(".dpr-pnum"));
}

async function act(action, q, opener) {
  try {
    await run(action, q, opener);
  } catch (e) {
    // localStorage refused (full, or switched off for this site): say so rather than fail silently
    announce(`That did not work: ${e && e.name === "QuotaExceededError" ? "this browser's storage for the site is full" : "this browser did not let the site keep it"}.`);
  }
}

async function run(action, q, opener) {
  if (action === "highlight") {
    store.add(recordFields(q, ""));
    window.getSelection().removeAllRanges();
    await repaint();
    announce(`Highlighted ${quoteText(q.text.slice(q.start, q.end))} in passage ${q.pid}. Kept in this browser only; listed on My notes.`);
  } else if (action === "note") {
    noteDialog(q, null, opener);
  } else if (action === "suggest") {
    const suggest = await import("./study-suggest.js");
    suggest.open(q, page, opener);
  } else if (action === "public") {
    publicDialog(q, opener);
  } else if (action === "pack") {
    addToPack(q);
  } else if (action === "mine") {
    mineDialog(document.getElementById(q.pid), opener);
  }
}

/* ---- painting the reader's highlights ---- */

export async function repaint() {
  const d = await data();
  document.querySelectorAll("mark.dpr-mine").forEach((m) => { const host = m.closest(PASSAGE); if (host) unpaint(host); });
  document.querySelectorAll(".dpr-mine-ref, .dpr-study-detached").forEach((n) => n.remove());
  const lost = [];
  let moved = 0;
  for (const r of store.forSource(page.slug)) {
    const where = locate(d, r);
    const host = where.pid && document.getElementById(where.pid);
    const p = where.pid && passage(d, where.pid);
    if (where.status === "detached" || !host || !host.matches(PASSAGE) || !p) { lost.push(r); continue; }
    if (where.status === "moved") moved++;
    const marks = paint(host, p.text, where.start, where.end, () => el("mark", {
      class: r.note ? "dpr-mine dpr-mine--note" : "dpr-mine",
      "data-study": r.id,
      title: where.status === "moved" ? `Your ${r.note ? "note" : "highlight"} (${where.why})` : `Your ${r.note ? "note" : "highlight"}`,
    }));
    if (r.note && marks.length) {
      const ref = el("button", { type: "button", class: "dpr-mine-ref dpr-study-ui", "data-insert": "", "data-study": r.id, "aria-label": `Open your note on ${quoteText(r.exact, 40)}` }, el("span", { "aria-hidden": "true" }, "✎"));
      placeAfter(marks[marks.length - 1], host).after(ref);
    }
  }
  if (lost.length || moved) showLost(lost, moved);
}

/** Where a note's ✎ goes after its last mark: outside any link (no control inside a control) and
    any span the mark ends, and after the markers that follow the words (an editor's note marker
    there keeps its own target). */
function placeAfter(mark, host) {
  let at = mark;
  const link = at.closest("a");
  if (link && host.contains(link)) at = link;
  while (at.parentElement && at.parentElement !== host && !at.nextSibling && at.parentElement.tagName === "SPAN") at = at.parentElement;
  while (at.nextSibling && at.nextSibling.nodeType === 1 && at.nextSibling.matches("sup[data-insert], .dpr-sic")) at = at.nextSibling;
  return at;
}

function showLost(lost, moved) {
  const notesUrl = new URL("notes/", localRoot()).href;
  const parts = [];
  if (lost.length) parts.push(`${lost.length} of your notes or highlights on this source quote words that can no longer be found in the text; they are kept, with their quotes, as detached`);
  if (moved) parts.push(`${moved} moved with a revised passage to its new number`);
  const box = el("p", { class: "dpr-study-detached dpr-study-ui", "data-insert": "" }, parts.join("; ") + ". ", el("a", { href: notesUrl }, "See them on My notes"), ".");
  const before = document.querySelector(".dpr-provenance");
  if (before) before.after(box);
}

/* ---- dialogs ---- */

function quoteBlock(q) {
  return el("figure", { class: "dpr-study-quoted" },
    el("blockquote", { class: "dpr-study-quote" }, q.text.slice(q.start, q.end)),
    el("figcaption", null, `${q.scope === "passage" ? "The whole of passage" : "Passage"} ${q.pid}`, q.title ? `, ${q.title}` : ""));
}

function noteDialog(q, record, opener) {
  const note = field("Your note", "textarea", { rows: 5 }, "Kept in this browser only: nothing is sent anywhere. Export it from My notes.");
  if (record) note.input.value = record.note || "";
  const save = button(record ? "Save note" : "Save note", async () => {
    const text = note.input.value.trim();
    try {
      if (record) store.update(record.id, { note: text });
      else store.add(recordFields(q, text));
    } catch (e) {
      announce("The note could not be kept: this browser did not let the site store it.");
      return;
    }
    box.close();
    window.getSelection().removeAllRanges();
    await repaint();
    announce(`${text ? "Note" : "Highlight"} saved on ${quoteText(q.text.slice(q.start, q.end))} in passage ${q.pid}.`);
  }, { class: "dpr-study-button dpr-study-primary" });
  const box = dialog(record ? "Edit your note" : "Add a note", el("div", null, quoteBlock(q), note.wrap, el("div", { class: "dpr-study-actions" }, save)), { opener });
}

function mineDialog(host, opener) {
  if (!host) return;
  const list = el("ul", { class: "dpr-study-minelist" });
  const fill = async () => {
    const d = await data();
    list.textContent = "";
    const here = store.forSource(page.slug).filter((r) => { const w = locate(d, r); return w.pid === host.id && w.status !== "detached"; });
    if (!here.length) list.appendChild(el("li", null, "No highlights or notes of yours here any more."));
    for (const r of here) {
      const q = { pid: host.id, text: r.exact, start: 0, end: r.exact.length, scope: r.scope, title: r.title };
      list.appendChild(el("li", null,
        el("blockquote", { class: "dpr-study-quote" }, r.exact),
        r.note ? el("p", { class: "dpr-study-note" }, r.note) : el("p", { class: "dpr-study-hint" }, "Highlight (no note)"),
        el("div", { class: "dpr-study-actions" },
          button(r.note ? "Edit note" : "Add a note", () => { box.close(); noteDialog(q, r, opener); }),
          button("Remove", async () => {
            store.remove(r.id);
            await repaint();
            await fill();
            announce(`Removed your ${r.note ? "note" : "highlight"} on ${quoteText(r.exact, 40)}.`);
            const first = list.querySelector("button");
            (first || box.querySelector(".dpr-study-close")).focus();
          }))));
    }
  };
  const box = dialog(`Your notes on passage ${host.id}`, el("div", null, list, el("p", null, el("a", { href: new URL("notes/", localRoot()).href }, "All my notes"))), { opener });
  fill().then(() => { const first = list.querySelector("button"); if (first) first.focus(); });
}

function publicDialog(q, opener) {
  const url = passageUrl({ slug: page.slug, pid: q.pid }, canonicalRoot());
  const pageUrl = url.split("#")[0];
  const quote = q.text.slice(q.start, q.end);
  const status = el("p", { class: "dpr-study-hint", role: "status" });
  const content = el("div", null,
    el("p", null, "Hypothes.is is a public annotation service run by another organisation. Nothing from it is loaded into this site; the links below open it in a new tab, and only then does it receive the address of this passage (and, if you paste it, the quote). Your own notes on this site stay in this browser."),
    quoteBlock(q),
    el("p", null, "Passage link: ", el("code", null, url)),
    el("div", { class: "dpr-study-actions" },
      button("Copy the quote and link", () => copyText(`“${quote}” ${url}`).then(() => { status.textContent = "Quote and link copied."; announce("Quote and link copied."); }, () => { status.textContent = "Could not copy: select the text above."; })),
      el("a", { href: `https://via.hypothes.is/${url}`, target: "_blank", rel: "noopener noreferrer", class: "dpr-study-button dpr-study-external" }, "Open this passage in Hypothes.is (new tab)"),
      el("a", { href: `https://hypothes.is/search?q=${encodeURIComponent("url:" + pageUrl)}`, target: "_blank", rel: "noopener noreferrer", class: "dpr-study-button dpr-study-external" }, "See public annotations of this page (new tab)")),
    status);
  dialog("Annotate in public, with Hypothes.is", content, { opener, focus: content.querySelector("button") });
}

function addToPack(q) {
  const pack = store.readPack();
  const present = pack.items.some((i) => i.kind === "passage" && i.source === page.slug && i.passage === q.pid);
  if (!present) pack.items.push({ kind: "passage", source: page.slug, passage: q.pid, print: fingerprint(q.text), questions: [] });
  store.writePack(pack);
  announce(present ? `Passage ${q.pid} is already in your reading pack.` : `Added passage ${q.pid} to your reading pack (${pack.items.length} in all). Open Reading pack to order it and add questions.`);
}

export { ASSETS };
