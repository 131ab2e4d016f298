/* The edition as data (data/<slug>.json, glossary.json, cases.json, index.json, written by
   build_tools/render/data_files.py), fetched from this site only, and the rules that find a
   passage and quoted words again after the text was corrected: a retired id leads to its
   successor; words are re-found by their selector; what cannot be found is reported, never moved
   silently. */

import { findAll, normalize, refind, strip } from "./study-text.js";

let LOCAL_ROOT = null;
let CANONICAL_ROOT = null;

/** ``assets`` is the folder of the study scripts (the site root's assets/). */
export function setRoots(assets) {
  LOCAL_ROOT = new URL("../", assets).href;
  CANONICAL_ROOT = LOCAL_ROOT;
  const canonical = document.querySelector("link[rel='canonical']");
  const config = document.getElementById("__config");
  try {
    const base = JSON.parse(config.textContent).base;
    if (canonical && typeof base === "string") CANONICAL_ROOT = new URL(base.replace(/\/?$/, "/"), canonical.href).href;
  } catch (e) { /* the local address stands in for the published one */ }
}

/** The site's root here (for pages and data) and as published (for links to keep and share). */
export function localRoot() { return LOCAL_ROOT; }
export function canonicalRoot() { return CANONICAL_ROOT; }

const cache = new Map();

export function getJson(path) {
  if (!cache.has(path)) {
    cache.set(path, fetch(new URL(path, LOCAL_ROOT).href, { credentials: "same-origin" }).then((r) => {
      if (!r.ok) throw Object.assign(new Error(`${path}: ${r.status}`), { status: r.status });
      return r.json();
    }));
  }
  return cache.get(path);
}

export const sourceData = (slug) => getJson(`data/${slug}.json`);
export const sourcesIndex = () => getJson("data/index.json");
export const glossary = () => getJson("data/glossary.json");
export const cases = () => getJson("data/cases.json");

export function passage(data, pid) { return data.passages.find((p) => p.id === pid) || null; }

/** A passage id as it stands now: {passage, retired: [{id, reason}]} (passage null if none). */
export function resolve(data, pid) {
  const retired = [];
  let id = pid;
  for (let hops = 0; hops < 20; hops++) {
    const found = passage(data, id);
    if (found) return { passage: found, retired };
    const info = data.retired && data.retired[id];
    if (!info) break;
    retired.push({ id, reason: info.how || info.reason, successor: info.successor, text: info.text || "" });
    id = info.successor;
  }
  return { passage: null, retired };
}

/** Where a reader's highlight or note is now:
    {status: "attached" | "moved" | "detached", pid, start, end, why}. "moved" means its passage
    was revised under a new id and the words were found in the passage that took its text. */
export function locate(data, record) {
  const { passage: p, retired } = resolve(data, record.pid);
  if (!p) return { status: "detached", why: retired.length ? "its passage was removed from the text" : `there is no passage ${record.pid} in this source` };
  const moved = retired.length > 0;
  if (record.scope === "passage") {
    if (!moved) return { status: "attached", pid: p.id, start: 0, end: p.text.length };
    const at = findAll(p.text, record.exact);
    if (at.length === 1) return { status: "moved", pid: p.id, start: at[0].start, end: at[0].end, why: `passage ${record.pid} was revised; its text is now in ${p.id}` };
    return { status: "detached", why: `passage ${record.pid} was ${reasonText(retired[0].reason)} and its text is no longer found` };
  }
  const found = refind(p.text, record);
  if (found && !moved) return { status: "attached", pid: p.id, start: found.start, end: found.end };
  if (found) return { status: "moved", pid: p.id, start: found.start, end: found.end, why: `passage ${record.pid} was revised; the words are now in ${p.id}` };
  return {
    status: "detached",
    why: moved ? `passage ${record.pid} was ${reasonText(retired[0].reason)} and the words are no longer in it` : "the quoted words are no longer in the passage",
  };
}

function reasonText(reason) {
  return { removed: "removed", split: "split", merged: "merged with another", moved: "revised" }[reason] || "revised";
}

/** A few words that identify a passage's text (kept in a reading pack to find it again). */
export function fingerprint(text) {
  return strip(text).split(/\s+/).slice(0, 10).join(" ");
}

/** A reading pack's passage now: {passage, notice} or {passage: null, notice}. */
export function locatePackPassage(data, pid, print) {
  const { passage: p, retired } = resolve(data, pid);
  const has = (q) => q && !!q.text && normalize(q.text).norm.includes(normalize(print || "").norm);
  if (p && !retired.length) return { passage: p, notice: "" };
  if (p && (!print || has(p))) return { passage: p, notice: `Passage ${pid} was ${reasonText(retired[0].reason)} in a revision of the text; it is now ${p.id}.` };
  const elsewhere = print ? data.passages.find(has) : null;
  if (elsewhere) return { passage: elsewhere, notice: `Passage ${pid} was revised; its words are now in ${elsewhere.id}.` };
  const what = retired.length ? `was ${reasonText(retired[0].reason)} in a revision of the text` : "is not in this source";
  return { passage: null, notice: `Passage ${pid} ${what}.` + (print ? ` It began: “${print}…”` : "") };
}
