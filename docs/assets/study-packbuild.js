/* Making a reading pack: pick passages of any source, glossary entries and cases, order them,
   add a title, an introduction and questions; get a link that holds the whole pack, a file to
   keep, and (through the link) a handout to print. The draft is kept in this browser. */

import { cases, fingerprint, glossary, sourceData, sourcesIndex } from "./study-data.js";
import * as codec from "./study-packcodec.js";
import * as store from "./study-store.js";
import { announce, button, copyText, download, el, field, readFile } from "./study-ui.js";
import { fileName } from "./study-pack.js";

let pack = null;
let list = null;
let heading = null;

function save() { store.writePack(pack); }

function lines(text) { return text.split("\n").map((l) => l.trim()).filter(Boolean); }

export async function build(root, { onOpen }) {
  pack = codec.clean(store.readPack());
  const [index, entries, caseList] = await Promise.all([sourcesIndex(), glossary(), cases()].map((p) => p.catch(() => [])));
  const title = field("Title of the pack", "input", { type: "text" });
  title.input.value = pack.title;
  title.input.addEventListener("input", () => { pack.title = title.input.value; save(); });
  const intro = field("Introduction", "textarea", { rows: 4 }, "Shown before the passages. Leave a blank line between paragraphs.");
  intro.input.value = pack.intro;
  intro.input.addEventListener("input", () => { pack.intro = intro.input.value; save(); });

  // passages: a source, then one of its passages
  const source = field("Source", "select");
  index.forEach((s) => source.input.appendChild(el("option", { value: s.slug }, s.title)));
  const which = field("Passage", "select");
  const fillPassages = async () => {
    which.input.textContent = "";
    const d = await sourceData(source.input.value).catch(() => null);
    for (const p of d ? d.passages : []) which.input.appendChild(el("option", { value: p.id }, `${p.id}: ${p.text.slice(0, 70)}${p.text.length > 70 ? "…" : ""}`));
  };
  source.input.addEventListener("change", fillPassages);
  await fillPassages();
  const addPassage = button("Add the passage", async () => {
    const d = await sourceData(source.input.value);
    const p = d.passages.find((x) => x.id === which.input.value);
    if (!p) return;
    add({ kind: "passage", source: d.slug, passage: p.id, print: fingerprint(p.text), questions: [] }, `passage ${p.id} of ${d.title}`);
  });
  const entry = field("Glossary entry", "select");
  entries.forEach((e) => entry.input.appendChild(el("option", { value: e.id }, e.name)));
  const addEntry = button("Add the entry", () => add({ kind: "glossary", id: entry.input.value, questions: [] }, `the glossary entry ${entry.input.value}`));
  const kase = field("Comparative case", "select");
  caseList.forEach((c) => kase.input.appendChild(el("option", { value: c.id }, c.name)));
  const addCase = button("Add the case", () => add({ kind: "case", id: kase.input.value, questions: [] }, `the case ${kase.input.value}`));

  heading = el("h3", { id: "dpr-pack-draft-title" });
  list = el("ol", { class: "dpr-pack-draft", "aria-labelledby": "dpr-pack-draft-title" });
  const closing = field("Questions on the whole pack (one a line)", "textarea", { rows: 3 });
  closing.input.value = pack.questions.join("\n");
  closing.input.addEventListener("input", () => { pack.questions = lines(closing.input.value); save(); });

  const linkBox = el("div", { class: "dpr-pack-linkbox", hidden: true });
  const linkField = field("Link to this pack (it holds the whole pack; nothing is stored on a server)", "input", { type: "text", readonly: true });
  const status = el("p", { class: "dpr-study-hint", role: "status" });
  linkBox.append(linkField.wrap, el("div", { class: "dpr-study-actions" },
    button("Copy the link", () => copyText(linkField.input.value).then(() => { status.textContent = "Link copied."; announce("Link copied."); }, () => { status.textContent = "Could not copy: select the link and copy it."; }))));
  const picker = el("input", { type: "file", accept: ".json,application/json", hidden: true });
  picker.addEventListener("change", async () => {
    const file = picker.files[0];
    picker.value = "";
    if (!file) return;
    try {
      pack = codec.fromFile(await readFile(file));
    } catch (e) {
      announce(`${file.name} is not a reading pack file.`);
      return;
    }
    save();
    title.input.value = pack.title;
    intro.input.value = pack.intro;
    closing.input.value = pack.questions.join("\n");
    draw();
    announce(`Opened ${file.name}: ${pack.items.length} items.`);
  });
  const actions = el("div", { class: "dpr-study-actions", role: "group", "aria-label": "The pack" },
    button("Make the link", async () => {
      linkField.input.value = await codec.link(pack, location.href);
      linkBox.hidden = false;
      linkField.input.focus();
      linkField.input.select();
      announce(`The link is ready (${linkField.input.value.length} characters).`);
    }),
    button("Open the pack (to read or print)", () => onOpen(pack)),
    button("Download the pack file", () => { download(`${fileName(pack)}.json`, codec.toFile(pack), "application/json"); announce("Pack file downloaded."); }),
    button("Open a pack file…", () => picker.click()),
    picker,
    button("Start a new pack", () => {
      pack = codec.clean({});
      save();
      title.input.value = intro.input.value = closing.input.value = "";
      linkBox.hidden = true;
      draw();
      announce("The pack is empty.");
    }));

  root.append(
    el("p", null, "Pick passages from any source, glossary entries and comparative cases; put them in order and add questions. The link you get holds the whole pack, so it needs no account and no server: anyone who opens it sees the pack, and can print it as a handout. The pack is also kept in this browser while you work, and you can download it as a file."),
    el("p", null, "You can also add a passage from its menu on a source page (select the passage number, then “Add to reading pack”)."),
    title.wrap, intro.wrap,
    el("h2", null, "Add to the pack"),
    el("div", { class: "dpr-pack-add", role: "group", "aria-label": "Add a passage" }, source.wrap, which.wrap, addPassage),
    el("div", { class: "dpr-pack-add", role: "group", "aria-label": "Add a glossary entry" }, entry.wrap, addEntry),
    el("div", { class: "dpr-pack-add", role: "group", "aria-label": "Add a comparative case" }, kase.wrap, addCase),
    el("h2", null, "The pack"),
    heading, list, closing.wrap, actions, linkBox, status);
  await draw();
}

function add(item, label) {
  pack.items.push(item);
  save();
  draw();
  announce(`Added ${label} (${pack.items.length} in the pack).`);
}

async function label(item) {
  if (item.kind === "passage") {
    const d = await sourceData(item.source).catch(() => null);
    const p = d && d.passages.find((x) => x.id === item.passage);
    return `${d ? d.title : item.source}, passage ${item.passage}${p ? `: ${p.text.slice(0, 60)}…` : ""}`;
  }
  const all = await (item.kind === "glossary" ? glossary() : cases()).catch(() => []);
  const e = all.find((x) => x.id === item.id);
  return `${item.kind === "glossary" ? "Glossary" : "Case"}: ${e ? e.name : item.id}`;
}

async function draw(focusIndex = -1, focusWhat = "") {
  heading.textContent = `In this pack: ${pack.items.length} item${pack.items.length === 1 ? "" : "s"}`;
  list.textContent = "";
  for (const [i, item] of pack.items.entries()) {
    const name = await label(item);
    const qs = field(`Questions after item ${i + 1} (one a line)`, "textarea", { rows: 2 });
    qs.input.value = item.questions.join("\n");
    qs.input.addEventListener("input", () => { item.questions = lines(qs.input.value); save(); });
    const move = (to, what) => () => {
      const [moved] = pack.items.splice(i, 1);
      pack.items.splice(to, 0, moved);
      save();
      draw(to, what).then(() => announce(`Moved to place ${to + 1} of ${pack.items.length}.`));
    };
    const controls = el("div", { class: "dpr-study-actions" },
      button("Move up", move(i - 1, "up"), { disabled: i === 0, "data-what": "up", "aria-label": `Move up item ${i + 1}` }),
      button("Move down", move(i + 1, "down"), { disabled: i === pack.items.length - 1, "data-what": "down", "aria-label": `Move down item ${i + 1}` }),
      button("Remove", () => { pack.items.splice(i, 1); save(); draw().then(() => announce(`Removed ${name}.`)); }, { "aria-label": `Remove item ${i + 1}` }));
    list.appendChild(el("li", { class: "dpr-pack-draft-item" }, el("p", { class: "dpr-pack-draft-name" }, name), qs.wrap, controls));
  }
  if (focusIndex >= 0) {
    const target = list.children[focusIndex];
    const b = target && (target.querySelector(`button[data-what='${focusWhat}']:not([disabled])`) || target.querySelector("button:not([disabled])"));
    if (b) b.focus();
  }
}
