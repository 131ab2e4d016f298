/* Dual Power Reader: what an old link meant. Plain JavaScript, no dependencies, nothing fetched
   from any other site.

   - A link to a retired passage id lands on its successor (the page carries the retired ids as
     empty elements, so this works without script too); this script says honestly what happened:
     "removed; this is what stood after it" or "its words are now in p64", with the words the id
     once held.
   - A link that names a version of a passage (?v=2#p12) or quotes its words (?q=words#p12) and
     whose words are no longer the passage's shows "The cited text differs from the current text",
     with the wording cited and its date, from the source's data file (data/<slug>.json).
   Text is always inserted with textContent. */
(function () {
  "use strict";

  function pageData() {
    var node = document.getElementById("dpr-page-data");
    if (!node) return null;
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  function fold(text) {
    return text.replace(/[\u2018\u2019\u201a\u201b\u2032`]/g, "'").replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
      .replace(/[\u2010-\u2015\u2212]/g, "-").replace(/\u2026/g, "...").replace(/\s+/g, " ").trim().toLowerCase();
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function notice(target, lines, old) {
    document.querySelectorAll(".dpr-anchor-notice").forEach(function (n) { n.remove(); });
    var box = el("div", "dpr-anchor-notice dpr-retired-notice");
    box.setAttribute("role", "status");
    lines.forEach(function (line) { box.appendChild(el("p", null, line)); });
    if (old) {
      var details = el("details");
      details.appendChild(el("summary", null, old.label));
      details.appendChild(el("blockquote", "dpr-old-wording", old.text));
      box.appendChild(details);
    }
    var host = target.closest(".dpr-passage") || target;
    host.parentNode.insertBefore(box, host);
    host.classList.add("dpr-flash");
  }

  function dataUrl(data) {
    var script = document.querySelector("script[src$='assets/anchors.js']");
    return script ? new URL("../data/" + data.slug + ".json", script.src).href : null;
  }

  function retired(data, id) {
    var info = data.retired && data.retired[id];
    if (!info) return false;
    var target = document.getElementById(info.successor);
    if (!target) return true;
    var what = info.how === "removed"
      ? "The passage you linked to (" + id + ") was removed in a revision of the text. This is what now stands where it stood: " + info.successor + "."
      : info.how === "split"
        ? "The passage you linked to (" + id + ") was split in a revision of the text; its words now begin in " + info.successor + "."
        : "The words of the passage you linked to (" + id + ") are now in " + info.successor + " (" + info.how + " in a revision of the text).";
    var url = dataUrl(data);
    notice(target, [what], null);
    if (url) {
      fetch(url).then(function (r) { return r.json(); }).then(function (source) {
        var words = source.retired && source.retired[id] && source.retired[id].text;
        if (words) notice(target, [what], { label: "The words " + id + " held", text: words });
      }).catch(function () { /* the notice stands without the old words */ });
    }
    return true;
  }

  function cited(data, id) {
    var params = new URLSearchParams(location.search);
    var version = params.get("v");
    var quote = params.get("q");
    if (!version && !quote) return;
    var target = document.getElementById(id);
    var url = dataUrl(data);
    if (!target || !url) return;
    fetch(url).then(function (r) { return r.json(); }).then(function (source) {
      var current = (source.passages || []).filter(function (p) { return p.id === id; })[0];
      var versions = (source.versions || {})[id] || [];
      if (!current) return;
      var wording = null;
      if (version && versions[Number(version) - 1]) wording = versions[Number(version) - 1];
      if (quote && fold(current.text).indexOf(fold(quote)) >= 0) wording = null;
      else if (quote) wording = versions.filter(function (v) { return fold(v.text).indexOf(fold(quote)) >= 0; })[0] || { text: quote, date: "" };
      if (!wording || fold(wording.text) === fold(current.text)) return;
      var when = wording.date ? " (the wording of " + wording.date + ")" : "";
      notice(target, ["The cited text differs from the current text of " + id + "."], { label: "The text cited" + when, text: wording.text });
    }).catch(function () { /* the page itself is still right; only the comparison is missing */ });
  }

  function run() {
    var data = pageData();
    var id = decodeURIComponent(location.hash.slice(1));
    if (!data || !id) return;
    if (!retired(data, id)) cited(data, id);
  }

  window.addEventListener("hashchange", run);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run); else run();
})();
