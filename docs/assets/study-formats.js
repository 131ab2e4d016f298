/* The reader's notes as files: W3C Web Annotation JSON-LD (the model of the edition's own
   annotations.jsonld, build_tools/render/webannotation.py) to keep or move to another browser or
   tool, and Markdown to paste into an essay. Pure functions. */

const CONTEXT = "http://www.w3.org/ns/anno.jsonld";
// One term of our own: a note on a whole passage rather than on some of its words.
const DPR = "https://dual-power-reader.example/ns/study#";
const RFC3986 = "http://tools.ietf.org/rfc/rfc3986";

/** The URL of a passage: the canonical page address of its source and its permanent id. */
export function passageUrl(record, siteRoot) {
  return new URL(`sources/${record.slug}/#${record.pid}`, siteRoot).href;
}

function item(record, siteRoot) {
  const page = passageUrl(record, siteRoot).split("#")[0];
  const target = {
    source: page,
    selector: [
      { type: "FragmentSelector", conformsTo: RFC3986, value: record.pid },
      { type: "TextQuoteSelector", exact: record.exact, prefix: record.prefix || "", suffix: record.suffix || "" },
    ],
  };
  if (record.scope === "passage") target["dpr:scope"] = "passage";
  const out = {
    id: record.id,
    type: "Annotation",
    motivation: record.note ? "commenting" : "highlighting",
    created: record.created,
    modified: record.modified,
    target,
  };
  if (record.note) out.body = [{ type: "TextualBody", value: record.note, format: "text/plain", purpose: "commenting" }];
  if (record.title) out["dpr:sourceTitle"] = record.title;
  return out;
}

/** Every record as one AnnotationCollection (JSON-LD text). */
export function toJsonLd(records, siteRoot) {
  const items = records.map((r) => item(r, siteRoot));
  const data = {
    "@context": [CONTEXT, { dpr: DPR }],
    type: "AnnotationCollection",
    label: "My notes on the Dual Power Reader",
    total: items.length,
    first: { type: "AnnotationPage", items },
  };
  return JSON.stringify(data, null, 1) + "\n";
}

function list(value) { return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]; }

function itemsOf(data) {
  if (Array.isArray(data)) return data;
  if (!data || typeof data !== "object") return [];
  if (data.type === "AnnotationCollection" || data.first || data.items) {
    const first = data.first && typeof data.first === "object" ? data.first.items : undefined;
    return list(first).concat(list(data.items));
  }
  return [data];
}

function bodyText(body) {
  const parts = [];
  for (const b of list(body)) {
    if (typeof b === "string") { parts.push(b); continue; }
    if (!b || typeof b !== "object" || typeof b.value !== "string") continue;
    if (b.purpose && b.purpose !== "commenting") continue;
    if (b.format === "text/html") parts.push(new DOMParser().parseFromString(b.value, "text/html").body.textContent.trim());
    else parts.push(b.value);
  }
  return parts.join("\n\n");
}

/** Records from Web Annotation JSON-LD (a collection, a page, a list or one annotation):
    {records, rejected}. An annotation without a passage of this edition is rejected. */
export function fromJsonLd(text) {
  const data = JSON.parse(text);
  const records = [];
  let rejected = 0;
  for (const a of itemsOf(data)) {
    const target = a && typeof a === "object" ? list(a.target)[0] : null;
    const source = target && (typeof target === "string" ? target : target.source);
    const match = typeof source === "string" && source.match(/\/sources\/([a-z0-9][a-z0-9-]*)\/?(?:#([a-z][0-9a-z-]*))?$/);
    if (!match) { rejected++; continue; }
    const selectors = target && typeof target === "object" ? list(target.selector) : [];
    const fragment = selectors.find((s) => s && s.type === "FragmentSelector");
    const quote = selectors.find((s) => s && s.type === "TextQuoteSelector");
    const pid = (fragment && String(fragment.value).split("-g")[0]) || match[2];
    if (!pid || !quote || typeof quote.exact !== "string" || !quote.exact) { rejected++; continue; }
    const now = new Date().toISOString();
    records.push({
      id: typeof a.id === "string" && a.id ? a.id : `${source.split("#")[0]}#${pid}:${quote.exact}`,
      slug: match[1],
      pid,
      scope: target["dpr:scope"] === "passage" ? "passage" : "words",
      exact: quote.exact,
      prefix: typeof quote.prefix === "string" ? quote.prefix : "",
      suffix: typeof quote.suffix === "string" ? quote.suffix : "",
      note: bodyText(a.body),
      title: typeof a["dpr:sourceTitle"] === "string" ? a["dpr:sourceTitle"] : "",
      created: typeof a.created === "string" ? a.created : now,
      modified: typeof a.modified === "string" ? a.modified : (typeof a.created === "string" ? a.created : now),
    });
  }
  return { records, rejected };
}

function escapeMarkdown(text) {
  return text.replace(/([\\`*_[\]<>#|~])/g, "\\$1").replace(/\s+/g, " ").trim();
}

/** Markdown to paste into an essay: by source, each quote with its passage link and the note. */
export function toMarkdown(records, siteRoot, titles = {}) {
  const lines = ["# My notes on the Dual Power Reader", ""];
  const bySource = new Map();
  for (const r of records) {
    if (!bySource.has(r.slug)) bySource.set(r.slug, []);
    bySource.get(r.slug).push(r);
  }
  for (const [slug, group] of bySource) {
    const title = titles[slug] || group[0].title || slug;
    lines.push(`## ${escapeMarkdown(title)}`, "");
    for (const r of group) {
      lines.push(`> ${escapeMarkdown(r.exact)}`, ">");
      lines.push(`> — [${escapeMarkdown(title)}, passage ${r.pid}](${passageUrl(r, siteRoot)})`, "");
      if (r.note) lines.push(r.note.trim(), "");
    }
  }
  return lines.join("\n");
}
