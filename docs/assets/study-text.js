/* Quoted words in a passage's text, found the way the edition's validator finds them
   (build_tools/editorial/quotes.py and build_tools/sources/textnorm.py): typographic variants and
   letter case folded, runs of spaces collapsed, a W3C TextQuoteSelector (exact, with prefix and
   suffix to tell repeated words apart). Pure functions; tests/browser/test_study_text.py holds them
   equal to the Python matcher. */

const FOLD = new Map([
  ["\u2018", "'"], ["\u2019", "'"], ["\u201a", "'"], ["\u201b", "'"], ["\u2032", "'"], ["`", "'"],
  ["\u201c", '"'], ["\u201d", '"'], ["\u201e", '"'], ["\u201f", '"'], ["\u2033", '"'],
  ["\u2010", "-"], ["\u2011", "-"], ["\u2012", "-"], ["\u2013", "-"], ["\u2014", "-"], ["\u2015", "-"], ["\u2212", "-"],
  ["\u00a0", " "], ["\u2007", " "], ["\u2009", " "], ["\u200a", " "], ["\u202f", " "], ["\t", " "],
  ["\u2026", "."],
]);

// Python's str.isspace() characters (what strip() removes), without U+FEFF, which JavaScript's
// trim() would also remove.
const SPACE = "[\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const LEADING = new RegExp("^" + SPACE + "+");
const TRAILING = new RegExp(SPACE + "+$");
const ONE_SPACE = new RegExp("^" + SPACE + "$");

export function isSpace(ch) { return ONE_SPACE.test(ch); }
export function strip(text) { return text.replace(LEADING, "").replace(TRAILING, ""); }
function rstrip(text) { return text.replace(TRAILING, ""); }
function lstrip(text) { return text.replace(LEADING, ""); }

/** Same-length folding: each character maps to one character, so offsets carry over. */
export function fold(text) {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const mapped = FOLD.get(ch);
    if (mapped !== undefined) { out += mapped; continue; }
    const lower = ch.toLowerCase();
    out += lower.length === 1 ? lower : ch;
  }
  return out;
}

/** Folded text with runs of spaces collapsed, and the offset in ``text`` of each of its characters. */
export function normalize(text) {
  const folded = fold(text);
  let norm = "";
  const offsets = [];
  for (let i = 0; i < folded.length; i++) {
    if (folded[i] === " " && i > 0 && folded[i - 1] === " ") continue;
    norm += folded[i];
    offsets.push(i);
  }
  return { norm, offsets };
}

/** Every occurrence of ``exact`` in ``text`` consistent with ``prefix`` and ``suffix``: [{start, end}]. */
export function findAll(text, exact, prefix = "", suffix = "") {
  const { norm, offsets } = normalize(text);
  const needle = normalize(strip(exact)).norm;
  const pre = normalize(prefix).norm;
  const post = normalize(suffix).norm;
  const found = [];
  if (!needle) return found;
  let start = norm.indexOf(needle);
  while (start >= 0) {
    const end = start + needle.length;
    const before = norm.slice(0, start);
    const after = norm.slice(end);
    const preOk = !pre || before.endsWith(pre) || rstrip(before).endsWith(rstrip(pre));
    const postOk = !post || after.startsWith(post) || lstrip(after).startsWith(lstrip(post));
    if (preOk && postOk) found.push({ start: offsets[start], end: offsets[end - 1] + 1 });
    start = norm.indexOf(needle, start + 1);
  }
  return found;
}

/** ``[start, end)`` narrowed so that it neither starts nor ends with white space. */
export function trimSpan(text, start, end) {
  while (start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  return { start, end };
}

const CONTEXT = 32;

/** The selector the reader's own notes keep: the words and 32 characters either side (as the
    edition's annotations.jsonld gives them), so they can be found again after a correction. */
export function selectorFor(text, start, end) {
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT), start),
    suffix: text.slice(end, end + CONTEXT),
  };
}

function uniqueAt(text, exact, prefix, suffix, start) {
  const found = findAll(text, exact, prefix, suffix);
  return found.length === 1 && found[0].start === start;
}

/** The shortest context (whole words) with which the words at ``[start, end)`` are found exactly
    once, as an editor's note needs it: {exact, prefix, suffix} with "" for context not needed, or
    null if no context makes them unique. */
export function minimalSelector(text, start, end, maxWords = 12) {
  const exact = text.slice(start, end);
  if (uniqueAt(text, exact, "", "", start)) return { exact, prefix: "", suffix: "" };
  const prefixes = [""];
  for (let k = start - 1; k >= 0 && prefixes.length <= maxWords; k--) {
    if (k === 0 || (isSpace(text[k - 1]) && !isSpace(text[k]))) prefixes.push(text.slice(k, start));
  }
  const suffixes = [""];
  for (let k = end + 1; k <= text.length && suffixes.length <= maxWords; k++) {
    if (k === text.length || (isSpace(text[k]) && !isSpace(text[k - 1]))) suffixes.push(text.slice(end, k));
  }
  const pairs = [];
  prefixes.forEach((prefix) => suffixes.forEach((suffix) => pairs.push({ prefix, suffix })));
  pairs.sort((a, b) => (a.prefix.length + a.suffix.length) - (b.prefix.length + b.suffix.length));
  for (const { prefix, suffix } of pairs) {
    if (uniqueAt(text, exact, prefix, suffix, start)) return { exact, prefix, suffix };
  }
  return null;
}

function commonTail(a, b) {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonHead(a, b) {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** The words of a selector in ``text`` again: {start, end, how} or null.
    ``how`` is "exact" (words and context as kept), "words" (the words once, the context changed),
    or "context" (the words several times, one occurrence clearly best by its context). */
export function refind(text, selector) {
  const { exact, prefix = "", suffix = "" } = selector;
  const withContext = findAll(text, exact, prefix, suffix);
  if (withContext.length) return { ...withContext[0], how: "exact" };
  const bare = findAll(text, exact);
  if (bare.length === 1) return { ...bare[0], how: "words" };
  if (bare.length < 2) return null;
  const pre = normalize(prefix).norm;
  const post = normalize(suffix).norm;
  const scored = bare.map((m) => ({
    m,
    score: commonTail(normalize(text.slice(0, m.start)).norm, pre) + commonHead(normalize(text.slice(m.end)).norm, post),
  }));
  scored.sort((a, b) => b.score - a.score);
  if (scored[0].score > 0 && scored[0].score > scored[1].score) return { ...scored[0].m, how: "context" };
  return null;
}

/** Align two renderings of the same text (the page's and the data file's): maps of offsets both
    ways. Characters equal after folding are paired; white space on one side only is skipped. */
export function align(a, b) {
  const fa = fold(a);
  const fb = fold(b);
  const aToB = new Array(a.length + 1);
  const bToA = new Array(b.length + 1);
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && fa[i] === fb[j]) { aToB[i] = j; bToA[j] = i; i++; j++; }
    else if (i < a.length && isSpace(a[i])) { aToB[i] = j; i++; }
    else if (j < b.length && isSpace(b[j])) { bToA[j] = i; j++; }
    else if (i < a.length && j < b.length) { aToB[i] = j; bToA[j] = i; i++; j++; }
    else if (i < a.length) { aToB[i] = j; i++; }
    else { bToA[j] = i; j++; }
  }
  aToB[a.length] = b.length;
  bToA[b.length] = a.length;
  return { aToB, bToA };
}
