/* "Suggest a note": the exact entry of annotations/<slug>.yml for the selected words (or the
   whole passage), checked here as far as a browser can (the words found once, no overlap with an
   editor's note, required fields, citation shape, the Markdown subset), to copy and paste into
   the file in the repository's web editor, which opens a pull request. The repository comes from
   the build's settings (page data "edit_notes"), so a fork's site sends to the fork. */

import { localRoot, passage, sourceData } from "./study-data.js";
import { findAll, minimalSelector } from "./study-text.js";
import * as yaml from "./study-yaml.js";
import { announce, button, copyText, dialog, el, field } from "./study-ui.js";

// The kinds of note (build_tools/editorial/annotations.py: KINDS); an emendation is for a gap
// and is not offered for selected words.
const KINDS = [["context", "Context"], ["correction", "Correction"], ["discrepancy", "Discrepancy"], ["sic", "Sic"], ["date", "Date"], ["term", "Term"], ["cross-reference", "Cross-reference"]];
const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const PASSAGE_REF = /^([a-z][a-z0-9]*(?:-[a-z0-9]+)*)#([a-z][a-z0-9-]*)$/;
const URL_RE = /^https?:\/\/[^\s<>"']+$/;
const LOCATING = ["chapter", "section", "page", "paragraph", "note", "entry", "url"];
// the longest quotation a note may target (build_tools/editorial/quotes.py: MAX_QUOTE, error A015)
const MAX_QUOTE = 1000;

/** For a note on a whole passage longer than a note may quote: the end of its first words (at
    least twelve), enough to be found once, within the limit. */
function leadingWords(text, start) {
  const words = /\S+\s*/g;
  words.lastIndex = start;
  let end = start;
  let count = 0;
  let m;
  while ((m = words.exec(text)) && m.index + m[0].trimEnd().length - start <= MAX_QUOTE) {
    end = m.index + m[0].trimEnd().length;
    count += 1;
    if (count >= 12 && findAll(text, text.slice(start, end)).length === 1) break;
  }
  return end;
}

/** Works a note may cite, [{key, title}], as the Works cited page lists them (each entry's id is
    "work-" and the key; the page is read as inert data, nothing in it runs). */
function works() {
  return fetch(new URL("works/", localRoot()).href).then((r) => (r.ok ? r.text() : "")).then((html) => {
    const doc = new DOMParser().parseFromString(html, "text/html");
    return Array.from(doc.querySelectorAll("li[id^='work-']"), (n) => ({ key: n.id.slice(5), title: (n.querySelector(".dpr-work-citation") || n).textContent.trim() }));
  }).catch(() => []);
}

function suggestId(exact, kind) {
  const words = exact.toLowerCase().normalize("NFKD").replace(/[^a-z0-9\s-]/g, "").split(/[\s-]+/).filter(Boolean).slice(0, 3);
  const head = words.length && /^[a-z]/.test(words[0]) ? words : ["note", ...words];
  return `${head.join("-")}-${kind}`.slice(0, 60).replace(/-+$/, "");
}

/** What is wrong with the Markdown of a body, as far as a browser can tell (the validator decides). */
function bodyProblems(body) {
  const found = [];
  if (/<\/?[a-zA-Z][^>]*>|<!--/.test(body)) found.push("raw HTML is not allowed in the note");
  if (/^\s{0,3}#{1,6}\s/m.test(body)) found.push("headings are not allowed in the note");
  if (/!\[/.test(body)) found.push("images are not allowed in the note");
  if (/^\s{0,3}>/m.test(body)) found.push("block quotes are not allowed in the note");
  if (/^(```|~~~)/m.test(body)) found.push("code blocks are not allowed in the note");
  const links = body.match(/\]\(\s*([a-z][a-z0-9+.-]*):/gi) || [];
  if (links.some((l) => !/\]\(\s*https?:/i.test(l))) found.push("links must start with https://");
  return found;
}

/** The entry and its problems for the form's values: {entry, problems}. */
export async function check(q, slug, v, known) {
  const problems = [];
  const d = await sourceData(slug);
  const p = passage(d, q.pid);
  const text = p ? p.text : q.text;
  let end = q.end;
  if (q.scope === "passage" && end - q.start > MAX_QUOTE) end = leadingWords(text, q.start);
  else if (end - q.start > MAX_QUOTE) problems.push(`the quoted words are ${end - q.start} characters long: select at most ${MAX_QUOTE} (a few words that identify the place)`);
  const selector = minimalSelector(text, q.start, end) || { exact: text.slice(q.start, end), prefix: text.slice(0, q.start), suffix: "" };
  if (findAll(text, selector.exact, selector.prefix, selector.suffix).length !== 1) problems.push("the quoted words cannot be told apart from another place in the passage: select more words");
  for (const note of d.notes) {
    if (note.passage !== q.pid || note.gap) continue;
    const at = findAll(text, note.exact, note.prefix, note.suffix)[0];
    if (at && q.start < at.end && at.start < end && !(q.start <= at.start && at.end <= end) && !(at.start <= q.start && end <= at.end)) {
      problems.push(`the words overlap those of the editor's note ${note.mark} (“${note.exact}”): select words inside it, or words that contain it`);
    }
  }
  if (!ID.test(v.id)) problems.push("the note's id must be lowercase letters, digits and single hyphens, starting with a letter");
  if (d.notes.some((n) => n.id === `ed-${v.id}`)) problems.push(`the id ${v.id} is already used by a note on this source`);
  if (!v.body.trim()) problems.push("write the note");
  problems.push(...bodyProblems(v.body));
  const sources = [];
  if (v.cite === "work") {
    if (!ID.test(v.work)) problems.push("choose the work the note cites");
    else if (known.length && !known.some((w) => w.key === v.work)) problems.push(`there is no work ${v.work} in reference/works/`);
    if (!LOCATING.some((k) => String(v.at[k] || "").trim())) problems.push("say where in the work: a chapter, section, page, paragraph, note, entry or URL (never invent one)");
    if (String(v.at.url || "").trim() && !URL_RE.test(v.at.url.trim())) problems.push("the URL must start with https://");
    sources.push({ work: v.work, at: v.at });
  } else {
    const m = v.passage.match(PASSAGE_REF);
    if (!m) problems.push("the passage cited must be written source#passage, for example fixture-councils#p2");
    else {
      const other = await sourceData(m[1]).catch(() => null);
      const cited = other && passage(other, m[2]);
      if (!cited) problems.push(`there is no passage ${v.passage} in the edition`);
      else if (v.quote.trim() && !findAll(cited.text, v.quote).length) problems.push(`the quote is not in ${v.passage}`);
    }
    sources.push({ passage: v.passage, quote: v.quote.trim() });
  }
  const entry = { id: v.id, pid: q.pid, ...selector, kind: v.kind, body: v.body.trim(), read: v.read.trim(), sources, credit: v.credit.trim() };
  return { entry, problems, hasNotes: d.notes.length > 0 };
}

/** The repository's "Suggest a note" issue form (.github/ISSUE_TEMPLATE/suggest-a-note.yml),
    its fields filled in from the entry (GitHub fills an issue form's fields from the address). */
export function issueUrl(repository, slug, e) {
  const c = e.sources[0] || {};
  const at = c.work ? yaml.LOCATOR_KEYS.filter((k) => String(c.at[k] || "").trim()).map((k) => `${k}: ${String(c.at[k]).trim()}`).join("\n") : "";
  const fields = {
    template: "suggest-a-note.yml", title: `Suggested note: ${slug}#${e.pid}`,
    source: slug, passage: e.pid, exact: e.exact, prefix: e.prefix, suffix: e.suffix, kind: e.kind, body: e.body, read: e.read,
    work: c.work || "", at, cited_passage: c.passage || "", quote: c.quote || "", credit: e.credit,
  };
  const query = Object.entries(fields).filter(([, v]) => v).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
  return `${repository}/issues/new?${query}`;
}

export async function open(q, page, opener) {
  const known = await works();
  const exact = q.text.slice(q.start, q.end);
  const kind = field("Kind of note", "select");
  for (const [value, label] of KINDS) kind.input.appendChild(el("option", { value }, label));
  const body = field("The note", "textarea", { rows: 4 }, "Plain prose; *emphasis*, **strong**, [links](https://…) and lists are allowed.");
  const id = field("Id of the note", "input", { type: "text", autocomplete: "off", spellcheck: "false" }, "Permanent; lowercase words joined by hyphens.");
  id.input.value = suggestId(exact, kind.input.value);
  let idEdited = false;
  id.input.addEventListener("input", () => { idEdited = true; });
  const read = field("Reading proposed (for sic or correction, optional)", "input", { type: "text" });
  const cite = field("It cites", "select");
  cite.input.append(el("option", { value: "work" }, "a published work"), el("option", { value: "passage" }, "a passage of this edition"));
  const work = field("Work cited", "select");
  work.input.appendChild(el("option", { value: "" }, known.length ? "Choose a work…" : "(type its key below)"));
  for (const w of known) work.input.appendChild(el("option", { value: w.key }, `${w.key}: ${w.title.slice(0, 90)}`));
  const workKey = field(known.length ? "Or its key in reference/works/" : "Its key in reference/works/", "input", { type: "text", spellcheck: "false" });
  if (known.length) workKey.wrap.hidden = true;
  const at = {};
  const locator = el("fieldset", { class: "dpr-study-locator" }, el("legend", null, "Where in the work (give only what you have seen)"));
  for (const k of yaml.LOCATOR_KEYS) {
    at[k] = field(k === "url" ? "URL of the part cited" : k[0].toUpperCase() + k.slice(1), "input", { type: k === "url" ? "url" : "text", spellcheck: "false" });
    locator.appendChild(at[k].wrap);
  }
  const workBox = el("div", null, work.wrap, workKey.wrap, locator);
  const cited = field("Passage cited (source#passage)", "input", { type: "text", spellcheck: "false" });
  cited.input.value = `${page.slug}#${q.pid}`;
  const quote = field("Words quoted from it (optional)", "input", { type: "text" });
  const passageBox = el("div", { hidden: true }, cited.wrap, quote.wrap);
  const credit = field("Your name, as the note's credit (optional)", "input", { type: "text", autocomplete: "name" });
  const problemsList = el("ul", { class: "dpr-study-problems" });
  const problemsBox = el("div", { class: "dpr-study-check", role: "status", "aria-live": "polite" });
  const output = el("pre", { class: "dpr-study-yaml", tabindex: "0", "aria-label": "The entry for the annotations file" });
  const status = el("p", { class: "dpr-study-hint", role: "status" });
  const file = `annotations/${page.slug}.yml`;
  const edit = page.edit_notes || "";
  let current = null;

  const values = () => ({
    id: id.input.value.trim(), kind: kind.input.value, body: body.input.value, read: read.input.value,
    cite: cite.input.value, work: (workKey.input.value.trim() || work.input.value), passage: cited.input.value.trim(), quote: quote.input.value,
    at: Object.fromEntries(yaml.LOCATOR_KEYS.map((k) => [k, at[k].input.value])), credit: credit.input.value,
  });
  const refresh = async () => {
    if (!idEdited) id.input.value = suggestId(exact, kind.input.value);
    workBox.hidden = cite.input.value !== "work";
    passageBox.hidden = cite.input.value !== "passage";
    current = await check(q, page.slug, values(), known);
    output.textContent = current.hasNotes ? yaml.entry(current.entry) : yaml.file(page.slug, current.entry);
    problemsList.textContent = "";
    current.problems.forEach((p) => problemsList.appendChild(el("li", null, p)));
    problemsBox.firstChild.textContent = current.problems.length ? `${current.problems.length} thing(s) to put right before this note can be accepted:` : "Checked here: the words are found once in the passage and the required fields are present. The project's validator checks the rest when you propose the change.";
    problemsBox.className = current.problems.length ? "dpr-study-check dpr-study-check--problems" : "dpr-study-check dpr-study-check--ok";
    if (repository) issue.href = issueUrl(repository, page.slug, current.entry);
  };
  problemsBox.append(el("p", null, ""), problemsList);
  let pending = null;
  const soon = () => { clearTimeout(pending); pending = setTimeout(refresh, 250); };

  const copy = button("Copy the entry", () => copyText(output.textContent).then(
    () => { status.textContent = current && current.problems.length ? "Copied, with the problems listed above still to fix." : "Entry copied."; announce(status.textContent); },
    () => { status.textContent = "Could not copy: select the entry and copy it."; }));
  const steps = el("ol", { class: "dpr-study-steps" },
    el("li", null, "Copy the entry."),
    el("li", null, edit ? "Open the notes file in GitHub's editor (you need a free GitHub account; without write access GitHub makes your own copy, a fork)." : `Open ${file} in the project's repository.`),
    el("li", null, "Paste the entry at the very end of the file, below the last note, keeping its two spaces before the dash."),
    el("li", null, "Choose “Commit changes…” / “Propose changes”, then “Create pull request”. The project's checks run on it and an editor reviews it; the note's new address is recorded when the edition is next published."));
  const links = el("div", { class: "dpr-study-actions" }, copy);
  const repository = edit ? edit.split("/edit/")[0] : "";
  const issue = el("a", { target: "_blank", rel: "noopener noreferrer", class: "dpr-study-button dpr-study-external" }, "Or send it as an issue, without editing the file (new tab)");
  if (edit) links.appendChild(el("a", { href: edit, target: "_blank", rel: "noopener noreferrer", class: "dpr-study-button dpr-study-external" }, `Open ${file} in GitHub's editor (new tab)`));
  else links.appendChild(el("p", { class: "dpr-study-hint" }, `This copy of the site names no repository: the file is ${file} in the project's repository.`));
  if (repository) links.appendChild(issue);
  const content = el("div", { class: "dpr-study-suggest" },
    el("figure", { class: "dpr-study-quoted" }, el("blockquote", { class: "dpr-study-quote" }, exact), el("figcaption", null, `${q.scope === "passage" ? "The whole of passage" : "Passage"} ${q.pid}`)),
    kind.wrap, body.wrap, read.wrap, cite.wrap, workBox, passageBox, credit.wrap, id.wrap,
    problemsBox,
    el("h3", null, `The entry for ${file}`),
    output, links, status, steps);
  content.addEventListener("input", soon);
  content.addEventListener("change", soon);
  await refresh();
  if (!current.hasNotes && edit) {
    // a source without notes may have no file yet: GitHub's "new file" page, filled in
    const create = el("a", { target: "_blank", rel: "noopener noreferrer", class: "dpr-study-button dpr-study-external" }, `Create ${file} on GitHub (new tab)`);
    const newBase = edit.replace("/edit/", "/new/").replace(/\/annotations\/[^/]+$/, "/annotations");
    const point = () => { create.href = `${newBase}?filename=${encodeURIComponent(`${page.slug}.yml`)}&value=${encodeURIComponent(output.textContent)}`; };
    point();
    new MutationObserver(point).observe(output, { childList: true, characterData: true, subtree: true });
    links.appendChild(create);
  }
  dialog("Suggest a note", content, { opener, focus: kind.input, className: "dpr-study-dialog--wide" });
}
