/* One entry of annotations/<slug>.yml as YAML text (docs/contributing/annotation-format.md),
   indented to be appended to the file's ``annotations:`` list. Every string is written so that
   PyYAML's safe loader reads back exactly the same characters. Pure functions. */

/** A YAML double-quoted scalar (JSON-style escapes, which YAML shares). */
export function quoted(text) {
  let out = '"';
  for (const ch of text) {
    const c = ch.codePointAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    // control characters, NEL and the other YAML line breaks, C1 controls, lone surrogates and
    // the byte-order mark are written as escapes: PyYAML refuses or folds them when raw
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || (c >= 0xd800 && c <= 0xdfff) || c === 0xfeff || c === 0xfffe || c === 0xffff) {
      out += "\\u" + c.toString(16).padStart(4, "0");
    } else out += ch;
  }
  return out + '"';
}

// what a literal block may not hold raw (as for quoted(), plus the line breaks that end lines)
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]/u;

/** A text value at ``indent`` spaces: a literal block (``|``) for several plain lines, else quoted. */
export function text(value, indent) {
  const clean = value.replace(/\r\n?/g, "\n").replace(/\n+$/, "");
  const lines = clean.split("\n");
  const plain = lines.length > 1 && !UNSAFE.test(clean) && /^[^\s]/.test(lines[0]);
  if (!plain) return quoted(clean);
  const pad = " ".repeat(indent + 2);
  return "|\n" + lines.map((l) => (l ? pad + l : "")).join("\n");
}

function scalarPart(value) {
  const v = String(value).trim();
  return /^[1-9][0-9]{0,8}$/.test(v) ? v : quoted(v);
}

export const LOCATOR_KEYS = ["volume", "part", "chapter", "section", "page", "paragraph", "note", "entry", "url"];

function citation(c) {
  const lines = [];
  if (c.work) {
    lines.push(`      - work: ${c.work}`);
    const parts = LOCATOR_KEYS.filter((k) => c.at && String(c.at[k] || "").trim());
    if (parts.length) {
      lines.push("        at:");
      for (const k of parts) lines.push(`          ${k}: ${k === "url" ? quoted(String(c.at[k]).trim()) : scalarPart(c.at[k])}`);
    }
  } else {
    lines.push(`      - passage: ${c.passage}`);
    if (c.quote) lines.push(`        quote: ${quoted(c.quote)}`);
  }
  return lines;
}

/** The entry: {id, pid, exact, prefix, suffix, kind, body, read, sources: [...], credit}. */
export function entry(e) {
  const lines = [`  - id: ${e.id}`, "    target:", `      passage: ${e.pid}`, `      exact: ${quoted(e.exact)}`];
  if (e.prefix) lines.push(`      prefix: ${quoted(e.prefix)}`);
  if (e.suffix) lines.push(`      suffix: ${quoted(e.suffix)}`);
  lines.push(`    kind: ${e.kind}`);
  lines.push(`    body: ${text(e.body, 4)}`);
  if (e.read) lines.push(`    read: ${quoted(e.read)}`);
  lines.push("    sources:");
  for (const c of e.sources) lines.push(...citation(c));
  if (e.credit) lines.push(`    credit: ${quoted(e.credit)}`);
  return lines.join("\n") + "\n";
}

/** A whole annotations file holding one entry (for a source that has none yet). */
export function file(slug, e) {
  return `# yaml-language-server: $schema=../schemas/annotations.schema.json\nsource: ${slug}\nannotations:\n${entry(e)}`;
}
