/* A reading pack as data, as a link and as a file. The link holds the whole pack in its
   fragment (after #, which browsers never send to a server): the pack's JSON, compressed with
   the browser's CompressionStream (deflate-raw) and written in base64url. The file is the same
   JSON, readable, to keep in a repository.

   {format: "dpr-reading-pack", version: 1, title, intro, questions: [..],
    items: [{kind: "passage", source, passage, print, questions}, {kind: "glossary" | "case", id, questions}]}
   ``print`` is the passage's first words when it was picked, to find it again after a revision. */

export const FORMAT = "dpr-reading-pack";
const SLUG = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const PID = /^[a-z][0-9a-z-]*$/;

function str(value, max) { return typeof value === "string" ? value.slice(0, max) : ""; }
function strings(value, max) { return (Array.isArray(value) ? value : []).map((q) => str(q, max).trim()).filter(Boolean).slice(0, 50); }

/** Only what a pack may hold, whatever was read: unknown fields and malformed items are left out. */
export function clean(pack) {
  const p = pack && typeof pack === "object" ? pack : {};
  const items = [];
  for (const i of Array.isArray(p.items) ? p.items.slice(0, 200) : []) {
    if (!i || typeof i !== "object") continue;
    const questions = strings(i.questions, 2000);
    if (i.kind === "passage" && SLUG.test(i.source) && PID.test(i.passage)) items.push({ kind: "passage", source: i.source, passage: i.passage, print: str(i.print, 200), questions });
    else if ((i.kind === "glossary" || i.kind === "case") && SLUG.test(i.id)) items.push({ kind: i.kind, id: i.id, questions });
  }
  return { format: FORMAT, version: 1, title: str(p.title, 300).trim(), intro: str(p.intro, 10000), items, questions: strings(p.questions, 2000) };
}

function toBase64url(bytes) {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(text) {
  const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function through(stream, bytes) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** The pack as the fragment's value: "1." + base64url(deflate-raw(JSON)), or "0." + base64url(JSON)
    where the browser has no CompressionStream. */
export async function encode(pack) {
  const c = clean(pack);
  delete c.format;
  const bytes = new TextEncoder().encode(JSON.stringify(c));
  if (typeof CompressionStream === "function") return "1." + toBase64url(await through(new CompressionStream("deflate-raw"), bytes));
  return "0." + toBase64url(bytes);
}

/** The pack in a fragment value made by ``encode`` (throws if it is not one). */
export async function decode(token) {
  const [version, body] = [token.slice(0, 2), token.slice(2)];
  let bytes = fromBase64url(body);
  if (version === "1.") bytes = await through(new DecompressionStream("deflate-raw"), bytes);
  else if (version !== "0.") throw new Error("not a reading pack link");
  return clean(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)));
}

/** The pack link: the Reading pack page with the pack in its fragment. */
export async function link(pack, packPageUrl) {
  return `${packPageUrl.split("#")[0]}#pack=${await encode(pack)}`;
}

/** The token of a pack link's fragment, or "". */
export function tokenOf(hash) {
  const m = /^#?pack=([0-9]\.[A-Za-z0-9_-]*)$/.exec(hash);
  return m ? m[1] : "";
}

export function toFile(pack) { return JSON.stringify(clean(pack), null, 2) + "\n"; }

export function fromFile(text) {
  const data = JSON.parse(text);
  if (!data || data.format !== FORMAT) throw new Error("not a reading pack file");
  return clean(data);
}
