/* Dual Power Reader: search. The button in the header (or "/", or Ctrl-K) opens a search dialog;
   only then are the index (search/index.json, written by build_tools/render/search_index.py) and
   MiniSearch (assets/vendor/, MIT licence) fetched. Results land on the passage, note or section
   they come from. "Quoted words" must stand together, word by word ("Order No. 1" is not found
   in "1917"); numbers match whole; the editor's notes are listed apart from the texts, so that
   they never crowd out what the texts say. Everything shown is inserted as text, never as markup. */
(function () {
  "use strict";

  var SCRIPT = document.currentScript;
  var BASE = SCRIPT ? new URL("../", SCRIPT.src) : new URL("/", location.href);
  var LIBRARY = "assets/vendor/minisearch-7.2.0.js";
  var GROUPS = [
    { title: "In the texts", kinds: ["text", "author-note"], max: 20 },
    { title: "In the editor’s notes", kinds: ["editor-note"], max: 8 },
    { title: "Glossary and cases", kinds: ["glossary", "case"], max: 8 },
    { title: "About the edition", kinds: ["page"], max: 6 }
  ];
  var KIND_LABEL = { "text": "", "author-note": "author’s note", "editor-note": "editor’s note", "glossary": "glossary", "case": "case", "page": "" };

  var dialog = null, field = null, status = null, list = null;
  var loading = null, engine = null, data = null, opener = null;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').toLowerCase();
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = el("script", { src: src });
      s.onload = resolve;
      s.onerror = reject;
      document.head.appendChild(s);
    });
  }

  function load() {
    if (loading) return loading;
    var index = fetch(new URL("search/index.json", BASE).href).then(function (r) {
      if (!r.ok) throw new Error("search index: " + r.status);
      return r.json();
    });
    var library = window.MiniSearch ? Promise.resolve() : loadScript(new URL(LIBRARY, BASE).href);
    loading = Promise.all([index, library]).then(function (parts) {
      data = parts[0];
      engine = new window.MiniSearch({
        fields: ["text"],
        idField: "id",
        processTerm: function (term) { var t = fold(term); return t.length ? t : null; },
        searchOptions: {
          prefix: function (term) { return term.length >= 3 && !/^\d+$/.test(term); },
          fuzzy: function (term) { return term.length >= 6 && !/\d/.test(term) ? 0.15 : 0; }
        }
      });
      engine.addAll(data.records.map(function (r, i) { return { id: i, text: r[3] }; }));
    });
    loading.catch(function () { loading = null; });
    return loading;
  }

  /* A phrase as a pattern: its words in order, whole, anything but letters and digits between. */
  function phrasePattern(words) {
    var escaped = words.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    return new RegExp("(^|[^\\p{L}\\p{N}])" + escaped.join("[^\\p{L}\\p{N}]+") + "(?![\\p{L}\\p{N}])", "u");
  }

  function wordsOf(text) { return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean); }

  function parse(query) {
    var phrases = [];
    var rest = query.replace(/["\u201c\u201d]([^"\u201c\u201d]+)["\u201c\u201d]/g, function (_, p) { phrases.push(wordsOf(p)); return " " + p + " "; });
    var words = wordsOf(rest);
    return { words: words, phrases: phrases.filter(function (p) { return p.length; }).map(phrasePattern), whole: words.length > 1 ? phrasePattern(words) : null };
  }

  function run(query) {
    var q = parse(query);
    if (!q.words.length) return [];
    var text = q.words.join(" ");
    var hits = engine.search(text, { combineWith: "AND" });
    if (!hits.length && !q.phrases.length) hits = engine.search(text, { combineWith: "OR" });
    return hits.filter(function (hit) {
      var body = fold(data.records[hit.id][3]);
      if (!q.phrases.every(function (re) { return re.test(body); })) return false;
      // the words together, as typed, rank first
      if (q.whole && q.whole.test(body)) hit.score *= 3;
      return true;
    }).sort(function (a, b) { return b.score - a.score || a.id - b.id; });
  }

  function snippet(text, terms) {
    var folded = fold(text);
    var first = -1;
    terms.forEach(function (t) {
      var at = folded.search(new RegExp("(^|[^\\p{L}\\p{N}])" + t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "u"));
      if (at >= 0 && (first < 0 || at < first)) first = at;
    });
    var start = Math.max(0, first - 60);
    if (start > 0) { var space = text.indexOf(" ", start); if (space >= 0 && space < first) start = space + 1; }
    var end = Math.min(text.length, start + 220);
    var piece = (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
    var out = el("span", { "class": "dpr-search-snippet" });
    var foldedPiece = fold(piece);
    var marks = [];
    terms.forEach(function (t) {
      var re = new RegExp("(^|[^\\p{L}\\p{N}])(" + t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "[\\p{L}\\p{N}]*)", "gu");
      var m;
      while ((m = re.exec(foldedPiece))) marks.push([m.index + m[1].length, m.index + m[0].length]);
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var at = 0;
    marks.forEach(function (m) {
      if (m[0] < at) return;
      out.appendChild(document.createTextNode(piece.slice(at, m[0])));
      out.appendChild(el("mark", null, piece.slice(m[0], m[1])));
      at = m[1];
    });
    out.appendChild(document.createTextNode(piece.slice(at)));
    return out;
  }

  function resultItem(hit, terms) {
    var record = data.records[hit.id];
    var page = data.pages[record[0]];
    var href = new URL(page[0], BASE).href + (record[1] ? "#" + record[1] : "");
    var li = el("li", { "class": "dpr-search-result" });
    var a = el("a", { href: href });
    var where = page[1];
    if (record[2] === "text" || record[2] === "author-note") where += " · " + record[1];
    else if (record[2] === "editor-note") where += " · note " + record[3].split(" ")[0];
    a.appendChild(el("span", { "class": "dpr-search-where" }, where));
    if (KIND_LABEL[record[2]]) a.appendChild(el("span", { "class": "dpr-search-kind" }, KIND_LABEL[record[2]]));
    a.appendChild(snippet(record[2] === "editor-note" ? record[3].slice(record[3].indexOf(" ") + 1) : record[3], terms));
    li.appendChild(a);
    return li;
  }

  function show(query) {
    list.textContent = "";
    if (!query.trim()) { status.textContent = "Type words to search the texts, notes, glossary and cases. \u201cQuoted words\u201d must stand together."; return; }
    var hits = run(query);
    var terms = parse(query).words;
    var shown = 0;
    GROUPS.forEach(function (group) {
      var mine = hits.filter(function (h) { return group.kinds.indexOf(data.records[h.id][2]) >= 0; });
      if (!mine.length) return;
      var section = el("li", { "class": "dpr-search-group" });
      var heading = el("p", { "class": "dpr-search-group-title" }, group.title + " (" + mine.length + ")");
      section.appendChild(heading);
      var ol = el("ol", { "class": "dpr-search-list" });
      mine.slice(0, group.max).forEach(function (h) { ol.appendChild(resultItem(h, terms)); shown++; });
      section.appendChild(ol);
      list.appendChild(section);
    });
    status.textContent = hits.length ? hits.length + " result" + (hits.length === 1 ? "" : "s") + (shown < hits.length ? ", the best " + shown + " shown" : "") + "." : "Nothing found for \u201c" + query + "\u201d.";
  }

  function build() {
    dialog = el("dialog", { "class": "dpr-search", "aria-label": "Search the edition" });
    var form = el("form", { "class": "dpr-search-form", "role": "search", "method": "dialog" });
    var label = el("label", { "for": "dpr-search-field", "class": "dpr-search-label" }, "Search the edition");
    field = el("input", { "type": "search", "id": "dpr-search-field", "autocomplete": "off", "spellcheck": "false", "placeholder": "words, or \u201ca phrase\u201d" });
    var close = el("button", { "type": "button", "class": "dpr-search-close", "aria-label": "Close search" }, "×");
    close.addEventListener("click", function () { dialog.close(); });
    form.appendChild(label);
    form.appendChild(field);
    form.appendChild(close);
    status = el("p", { "class": "dpr-search-status", "role": "status" });
    list = el("ul", { "class": "dpr-search-groups", "aria-label": "Results" });
    dialog.appendChild(form);
    dialog.appendChild(status);
    dialog.appendChild(list);
    document.body.appendChild(dialog);
    var pending = null;
    field.addEventListener("input", function () {
      clearTimeout(pending);
      pending = setTimeout(function () { if (engine) show(field.value); }, 120);
    });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var first = list.querySelector("a");
      if (first) first.click();
    });
    list.addEventListener("click", function (ev) { if (ev.target.closest("a")) dialog.close(); });
    dialog.addEventListener("close", function () { if (opener) opener.focus(); });
  }

  function open(from) {
    if (!dialog) build();
    opener = from || document.activeElement;
    if (!dialog.open) dialog.showModal();
    field.focus();
    field.select();
    if (!engine) {
      status.textContent = "Loading the index…";
      load().then(function () { show(field.value); }, function () { status.textContent = "The search index could not be loaded."; });
    } else {
      show(field.value);
    }
  }

  function init() {
    document.querySelectorAll(".dpr-search-button").forEach(function (b) {
      b.addEventListener("click", function () { open(b); });
    });
    document.addEventListener("keydown", function (ev) {
      var typing = ev.target.closest && ev.target.closest("input, textarea, select, [contenteditable='true']");
      if ((ev.key === "k" || ev.key === "K") && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); open(); }
      else if (ev.key === "/" && !typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey) { ev.preventDefault(); open(); }
    });
    // a link to the site with ?q=words opens search with them
    var q = new URLSearchParams(location.search).get("q");
    if (q) { open(); field.value = q; load().then(function () { show(q); }); }
  }

  window.dprSearch = { open: open, load: load, run: function (q) { return load().then(function () { return run(q).map(function (h) { var r = data.records[h.id]; return { url: data.pages[r[0]][0], anchor: r[1], kind: r[2], score: h.score }; }); }); } };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
