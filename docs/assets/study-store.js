/* The reader's own highlights and notes, kept in this browser's localStorage and nowhere else.
   One record per highlight or note:
     {id, slug, pid, scope: "words" | "passage", exact, prefix, suffix, note, title,
      created, modified}
   anchored like the editor's notes: the permanent passage id and the quoted words with their
   context (a W3C TextQuoteSelector), so they are found again in a corrected text. */

export const KEY = "dpr-study-v1";

function blank() { return { version: 1, annotations: [] }; }

export function read() {
  try {
    const data = JSON.parse(localStorage.getItem(KEY) || "null");
    if (data && Array.isArray(data.annotations)) return data;
  } catch (e) { /* unreadable: start again, but never overwrite it unasked */ }
  return blank();
}

function write(data) {
  localStorage.setItem(KEY, JSON.stringify(data));
}

export function all() { return read().annotations; }

export function forSource(slug) { return all().filter((a) => a.slug === slug); }

function uuid() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Save a new highlight or note; the record saved. */
export function add(fields) {
  const now = new Date().toISOString();
  const record = { id: "urn:uuid:" + uuid(), scope: "words", prefix: "", suffix: "", note: "", created: now, modified: now, ...fields };
  const data = read();
  data.annotations.push(record);
  write(data);
  return record;
}

export function update(id, fields) {
  const data = read();
  const record = data.annotations.find((a) => a.id === id);
  if (!record) return null;
  Object.assign(record, fields, { modified: new Date().toISOString() });
  write(data);
  return record;
}

export function remove(id) {
  const data = read();
  data.annotations = data.annotations.filter((a) => a.id !== id);
  write(data);
}

export function clear() { write(blank()); }

function sameContent(a, b) {
  return a.slug === b.slug && a.pid === b.pid && (a.scope || "words") === (b.scope || "words") &&
    a.exact === b.exact && (a.prefix || "") === (b.prefix || "") && (a.suffix || "") === (b.suffix || "") &&
    (a.note || "") === (b.note || "");
}

/** Merge records into the store without duplicates: the same id keeps the later version, the same
    words and note under another id are not added twice. Counts: {added, updated, present}. */
export function merge(records) {
  const data = read();
  const counts = { added: 0, updated: 0, present: 0 };
  for (const r of records) {
    const same = data.annotations.find((a) => a.id === r.id);
    if (same) {
      if ((r.modified || "") > (same.modified || "")) { Object.assign(same, r); counts.updated++; } else counts.present++;
    } else if (data.annotations.some((a) => sameContent(a, r))) {
      counts.present++;
    } else {
      data.annotations.push(r);
      counts.added++;
    }
  }
  write(data);
  return counts;
}

/* ---- reading pack draft (the teacher's pack being built) ---- */
export const PACK_KEY = "dpr-study-pack-v1";

export function readPack() {
  try {
    const pack = JSON.parse(localStorage.getItem(PACK_KEY) || "null");
    if (pack && Array.isArray(pack.items)) return pack;
  } catch (e) { /* start a new draft */ }
  return { title: "", intro: "", items: [], questions: [] };
}

export function writePack(pack) { localStorage.setItem(PACK_KEY, JSON.stringify(pack)); }
