/* The "My notes" page: every highlight and note of the reader, by source and passage, with
   search; export as Web Annotation JSON-LD or Markdown, import (merged without duplicates),
   edit, remove. Notes whose words are no longer in the corrected text are shown as detached,
   with their quotes, never moved silently. */

import { boot } from "./study-boot.js";
import { canonicalRoot, locate, localRoot, sourceData, sourcesIndex } from "./study-data.js";
import { fromJsonLd, passageUrl, toJsonLd, toMarkdown } from "./study-formats.js";
import * as store from "./study-store.js";
import { fold } from "./study-text.js";
import { announce, button, dialog, download, el, field, quoteText, readFile } from "./study-ui.js";

let root = null;
let list = null;
let search = null;
let count = null;

export async function start(assets) {
  await boot(assets);
  root = document.getElementById("dpr-study-notes");
  root.textContent = "";
  search = field("Search my notes", "input", { type: "search", autocomplete: "off" });
  const picker = el("input", { type: "file", accept: ".json,.jsonld,application/ld+json,application/json", hidden: true, class: "dpr-study-import" });
  picker.addEventListener("change", () => { if (picker.files[0]) importFile(picker.files[0]).finally(() => { picker.value = ""; }); });
  count = el("p", { class: "dpr-study-count", role: "status" });
  list = el("div", { class: "dpr-study-notelist" });
  root.append(
    el("p", null, "Your highlights and notes are kept in this browser only, on this device: nothing is sent anywhere. Clearing the browser's site data deletes them, so export them to keep them."),
    el("div", { class: "dpr-study-actions", role: "group", "aria-label": "Export and import" },
      button("Export (Web Annotation JSON-LD)", exportJsonLd),
      button("Export (Markdown)", exportMarkdown),
      button("Import…", () => picker.click()),
      picker,
      button("Delete all…", confirmClear)),
    search.wrap, count, list);
  let pending = null;
  search.input.addEventListener("input", () => { clearTimeout(pending); pending = setTimeout(() => render(true), 200); });
  await render(false);
}

async function titles() {
  const index = await sourcesIndex().catch(() => []);
  return { order: index.map((s) => s.slug), titles: Object.fromEntries(index.map((s) => [s.slug, s.title])) };
}

async function placed(records) {
  const out = [];
  for (const r of records) {
    let failed = null;
    const d = await sourceData(r.slug).catch((e) => { failed = e; return null; });
    // a source that is gone is a fact; a fetch that failed (offline) is not: the note is then shown where it was kept
    const where = d ? locate(d, r)
      : failed && failed.status === 404 ? { status: "detached", why: "its source is no longer in the edition" }
      : { status: "unchecked", pid: r.pid, why: "the edition's text could not be fetched to check it (offline?)" };
    const order = d && where.pid ? d.passages.findIndex((p) => p.id === where.pid) : 1e9;
    out.push({ r, where, order, title: (d && d.title) || r.title || r.slug });
  }
  return out;
}

function matches(item, query) {
  if (!query) return true;
  return fold(`${item.r.exact} ${item.r.note} ${item.title} ${item.r.pid}`).includes(query);
}

async function render(announceCount) {
  const records = store.all();
  const query = fold(search.input.value.trim());
  const { order } = await titles();
  const items = (await placed(records)).filter((i) => matches(i, query));
  list.textContent = "";
  const n = items.length;
  count.textContent = !records.length ? "No highlights or notes yet. Select words in any source to highlight them or add a note."
    : query ? `${n} of ${records.length} highlights and notes match “${search.input.value.trim()}”.` : `${n} ${n === 1 ? "highlight or note" : "highlights and notes"}.`;
  if (announceCount) announce(count.textContent);
  const bySource = new Map();
  items.sort((a, b) => {
    const sa = order.indexOf(a.r.slug), sb = order.indexOf(b.r.slug);
    return (sa < 0 ? 1e9 : sa) - (sb < 0 ? 1e9 : sb) || a.order - b.order || (a.where.start || 0) - (b.where.start || 0);
  });
  for (const item of items) {
    if (!bySource.has(item.r.slug)) bySource.set(item.r.slug, []);
    bySource.get(item.r.slug).push(item);
  }
  for (const [slug, group] of bySource) {
    const section = el("section", { class: "dpr-study-source", "aria-labelledby": `mine-${slug}` },
      el("h2", { id: `mine-${slug}` }, el("a", { href: new URL(`sources/${slug}/`, localRoot()).href }, group[0].title)));
    let pid = null;
    let ul = null;
    for (const item of group) {
      const key = item.where.status === "detached" ? "detached" : item.where.pid;
      if (key !== pid) {
        pid = key;
        section.appendChild(key === "detached"
          ? el("h3", null, "No longer in the text (detached)")
          : el("h3", null, el("a", { href: new URL(`sources/${slug}/#${key}`, localRoot()).href }, `Passage ${key}`)));
        ul = el("ul", { class: "dpr-study-items" });
        section.appendChild(ul);
      }
      ul.appendChild(itemView(item));
    }
    list.appendChild(section);
  }
}

function itemView({ r, where }) {
  const status = where.status === "detached"
    ? el("p", { class: "dpr-study-status dpr-study-status--detached" }, `Detached: ${where.why}. It was on passage ${r.pid}; the quote is kept as it was.`)
    : where.status === "moved" ? el("p", { class: "dpr-study-status" }, `Moved: ${where.why}.`)
    : where.status === "unchecked" ? el("p", { class: "dpr-study-status" }, `Not checked: ${where.why}.`) : null;
  const kind = r.note ? "note" : "highlight";
  return el("li", { class: `dpr-study-item dpr-study-item--${where.status}`, "data-study": r.id },
    el("blockquote", { class: "dpr-study-quote" }, el("mark", { class: "dpr-mine" }, r.exact)),
    r.note ? el("p", { class: "dpr-study-note" }, r.note) : null,
    status,
    el("p", { class: "dpr-study-meta" }, `${r.scope === "passage" ? "Whole passage" : "Words"} · ${kind} · ${new Date(r.modified || r.created).toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" })}`),
    el("div", { class: "dpr-study-actions" },
      button(r.note ? "Edit note" : "Add a note", (ev) => editNote(r, ev.currentTarget), { "aria-label": `${r.note ? "Edit note" : "Add a note"} on ${quoteText(r.exact, 40)}` }),
      button("Remove", () => {
        store.remove(r.id);
        announce(`Removed your ${kind} on ${quoteText(r.exact, 40)}.`);
        render(false).then(() => search.input.focus());
      }, { "aria-label": `Remove ${kind} on ${quoteText(r.exact, 40)}` })));
}

function editNote(r, opener) {
  const note = field("Your note", "textarea", { rows: 5 });
  note.input.value = r.note || "";
  const box = dialog(r.note ? "Edit your note" : "Add a note", el("div", null,
    el("blockquote", { class: "dpr-study-quote" }, r.exact), note.wrap,
    el("div", { class: "dpr-study-actions" }, button("Save note", () => {
      store.update(r.id, { note: note.input.value.trim() });
      box.close();
      announce("Note saved.");
      render(false);
    }, { class: "dpr-study-button dpr-study-primary" }))), { opener });
}

function stamp() { return new Date().toISOString().slice(0, 10); }

function exportJsonLd() {
  const records = store.all();
  download(`my-notes-${stamp()}.jsonld`, toJsonLd(records, canonicalRoot()), "application/ld+json");
  announce(`Exported ${records.length} highlights and notes as Web Annotation JSON-LD.`);
}

async function exportMarkdown() {
  const records = (await placed(store.all())).sort((a, b) => a.r.slug.localeCompare(b.r.slug) || a.order - b.order).map((i) => i.r);
  const { titles: names } = await titles();
  download(`my-notes-${stamp()}.md`, toMarkdown(records, canonicalRoot(), names), "text/markdown");
  announce(`Exported ${records.length} highlights and notes as Markdown.`);
}

async function importFile(file) {
  let parsed;
  try {
    parsed = fromJsonLd(await readFile(file));
  } catch (e) {
    announce(`Could not import ${file.name}: it is not a JSON-LD file of Web Annotations.`);
    return;
  }
  const counts = store.merge(parsed.records);
  const parts = [`${counts.added} added`, `${counts.present} already here`];
  if (counts.updated) parts.push(`${counts.updated} updated`);
  if (parsed.rejected) parts.push(`${parsed.rejected} not on a passage of this edition, left out`);
  await render(false);
  announce(`Imported ${file.name}: ${parts.join(", ")}.`);
}

function confirmClear(ev) {
  const n = store.all().length;
  const box = dialog("Delete all my notes?", el("div", null,
    el("p", null, `This deletes all ${n} of your highlights and notes from this browser. Export them first if you may want them again.`),
    el("div", { class: "dpr-study-actions" },
      button(`Delete all ${n}`, () => { store.clear(); box.close(); announce("All your highlights and notes were deleted."); render(false); }, { class: "dpr-study-button dpr-study-danger" }),
      button("Keep them", () => box.close()))), { opener: ev.currentTarget });
}

export { passageUrl };
