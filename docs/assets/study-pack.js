/* The "Reading pack" page. With a pack in the link (#pack=…) it shows the pack: each passage
   quoted in full with its permanent link and its editor's notes, glossary entries and cases,
   the teacher's questions after each; a handout prints from it. Without one it is the builder
   (study-packbuild.js). Passages are found again after a revision: a retired id leads to its
   successor, the passage's first words are looked for, and the page says what happened. */

import { boot } from "./study-boot.js";
import { canonicalRoot, cases, glossary, localRoot, locatePackPassage, sourceData } from "./study-data.js";
import * as codec from "./study-packcodec.js";
import * as store from "./study-store.js";
import { announce, button, copyText, download, el } from "./study-ui.js";

let root = null;
let ASSETS = "";

export async function start(assets) {
  ASSETS = assets;
  await boot(assets);
  root = document.getElementById("dpr-study-pack");
  window.addEventListener("hashchange", show);
  await show();
}

async function show() {
  const token = codec.tokenOf(location.hash);
  root.textContent = "";
  document.documentElement.classList.toggle("dpr-pack-view", !!token);
  if (!token) {
    const builder = await import("./study-packbuild.js");
    return builder.build(root, { onOpen: openPack });
  }
  let pack;
  try {
    pack = await codec.decode(token);
  } catch (e) {
    root.appendChild(el("p", { class: "dpr-study-status dpr-study-status--detached", role: "alert" }, "This link does not hold a reading pack that can be read (it may have been cut short when it was copied)."));
    root.appendChild(el("p", null, el("a", { href: location.pathname }, "Make a reading pack")));
    return;
  }
  await view(pack);
}

/** Show ``pack`` through its link (which also puts it in the address bar, to copy and share). */
export async function openPack(pack) {
  const url = await codec.link(pack, location.href);
  if (url === location.href) await show(); else location.assign(url);
}

function paragraphs(text) {
  return text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean).map((p) => el("p", null, p));
}

function questions(list, heading) {
  if (!list.length) return null;
  return el("div", { class: "dpr-pack-questions" }, el("h4", null, heading), el("ol", null, list.map((q) => el("li", null, q))));
}

function editorNotes(d, pid) {
  const notes = d.notes.filter((n) => n.passage === pid);
  if (!notes.length) return null;
  return el("div", { class: "dpr-pack-ednotes" },
    el("h4", null, "Editor’s notes"),
    el("ul", null, notes.map((n) => {
      const body = el("div", { class: "dpr-pack-ednote-body" });
      body.innerHTML = n.html; // sanitized by the build (markdown_subset.render), as on the source page
      const on = n.gap ? `on the words lost at ${n.gap}${n.supply ? `, supplied as [${n.supply}]` : ""}` : `on “${n.exact}”`;
      return el("li", { class: "dpr-pack-ednote" }, el("p", { class: "dpr-pack-ednote-head" }, el("span", { class: "dpr-pack-mark" }, n.mark), ` ${n.kind[0].toUpperCase()}${n.kind.slice(1)}, ${on}`), body);
    })));
}

async function passageItem(item, n) {
  const d = await sourceData(item.source).catch(() => null);
  const section = el("section", { class: "dpr-pack-item" });
  if (!d) {
    section.append(el("h3", null, `${n}. Passage ${item.passage}`), el("p", { class: "dpr-pack-notice", role: "note" }, `The source ${item.source} is not in this edition any more.`), questions(item.questions, "Questions"));
    return section;
  }
  const found = locatePackPassage(d, item.passage, item.print);
  const pid = found.passage ? found.passage.id : item.passage;
  const url = new URL(`sources/${item.source}/#${pid}`, canonicalRoot()).href;
  const local = new URL(`sources/${item.source}/#${pid}`, localRoot()).href;
  section.append(el("h3", null, `${n}. ${d.title}, passage ${pid}`));
  if (found.notice) section.appendChild(el("p", { class: "dpr-pack-notice", role: "note" }, found.notice));
  if (found.passage) {
    section.append(
      el("blockquote", { class: "dpr-pack-text" }, found.passage.text),
      el("p", { class: "dpr-pack-link" }, "Permanent link: ", el("a", { href: local }, url)),
      editorNotes(d, pid));
  }
  const q = questions(item.questions, "Questions");
  if (q) section.appendChild(q);
  return section;
}

async function entryItem(item, n) {
  const list = await (item.kind === "glossary" ? glossary() : cases()).catch(() => []);
  const entry = list.find((e) => e.id === item.id);
  const what = item.kind === "glossary" ? "Glossary" : "Comparative case";
  const section = el("section", { class: "dpr-pack-item" });
  if (!entry) {
    section.append(el("h3", null, `${n}. ${what}: ${item.id}`), el("p", { class: "dpr-pack-notice", role: "note" }, `There is no ${what.toLowerCase()} ${item.id} in this edition any more.`));
  } else {
    const local = new URL(entry.url, localRoot()).href;
    section.append(
      el("h3", null, `${n}. ${what}: ${entry.name}`),
      el("blockquote", { class: "dpr-pack-text" }, entry.text.trim()),
      el("p", { class: "dpr-pack-link" }, "Link: ", el("a", { href: local }, new URL(entry.url, canonicalRoot()).href)));
  }
  const q = questions(item.questions, "Questions");
  if (q) section.appendChild(q);
  return section;
}

async function view(pack) {
  const status = el("p", { class: "dpr-study-hint", role: "status" });
  const controls = el("div", { class: "dpr-pack-controls dpr-study-actions dpr-study-ui", role: "group", "aria-label": "This reading pack" },
    button("Print the handout", () => window.print()),
    button("Download the pack file", () => {
      download(`${fileName(pack)}.json`, codec.toFile(pack), "application/json");
      announce("Pack file downloaded.");
    }),
    button("Copy the link", () => copyText(location.href).then(() => { status.textContent = "Link copied."; announce("Link copied."); }, () => { status.textContent = "Could not copy: copy the address from the address bar."; })),
    button("Edit a copy", () => {
      store.writePack(pack);
      location.assign(location.pathname);
    }));
  const body = el("article", { class: "dpr-pack", "aria-labelledby": "dpr-pack-title" },
    el("h2", { id: "dpr-pack-title", class: "dpr-pack-title" }, pack.title || "Untitled reading pack"),
    pack.intro ? el("div", { class: "dpr-pack-intro" }, paragraphs(pack.intro)) : null);
  let n = 0;
  for (const item of pack.items) {
    n += 1;
    body.appendChild(item.kind === "passage" ? await passageItem(item, n) : await entryItem(item, n));
  }
  if (pack.questions.length) body.appendChild(el("section", { class: "dpr-pack-item dpr-pack-closing" }, el("h3", null, "Questions on the whole pack"), el("ol", null, pack.questions.map((q) => el("li", null, q)))));
  body.appendChild(el("p", { class: "dpr-pack-colophon" }, `From the Dual Power Reader, ${canonicalRoot()}`));
  root.append(controls, status, body);
  document.title = `${pack.title || "Reading pack"} · ${document.title.split(" - ").pop()}`;
}

export function fileName(pack) {
  const base = (pack.title || "reading-pack").toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return base.slice(0, 60) || "reading-pack";
}

export { ASSETS };
