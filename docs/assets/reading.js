/* Dual Power Reader: notes beside the text.

   - Wide screens: every editor's note stands in the margin beside its passage (a sidenote), the
     notes stacked so that none overlaps the next; a click on a marker or a note opens it whole.
   - Narrow screens and touch: a tap on any marker (editor's or author's) opens its note in place,
     under the line that holds the marker; a second tap closes it; the page does not move.
   - Glossary and case links: a preview after a short pause on hover or keyboard focus, placed
     where it fits; on touch a tap opens it in place with a "go to entry" link.
   - Reading layers: text / text and notes / full apparatus, remembered (reading-init.js applies
     the choice before the first paint).
   - A toolbar: the page's contents (on a phone), a jump to the notes, and "back to where I was"
     after following a note or a link within the page.
   Plain JavaScript, no dependencies. Without it the markers are links to the endnotes. */
(function () {
  "use strict";

  var root = document.documentElement;
  var WIDE = window.matchMedia("(min-width: 76.25em)");
  var HOVER = window.matchMedia("(hover: hover) and (pointer: fine)");
  var EDITOR = ".dpr-eref > a";
  var AUTHOR = ".dpr-aref > a";
  var TERM = "a.dpr-preview";
  var uid = 0;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  function article() { return document.querySelector("article.md-content__inner"); }

  /* A copy of a note's content without ids (they belong to the original), back links or numbers. */
  function noteContent(target) {
    var clone = target.cloneNode(true);
    clone.querySelectorAll(".dpr-backref, .dpr-pnum, .dpr-retired, .dpr-note-label, .dpr-ednote-label").forEach(function (n) { n.remove(); });
    clone.querySelectorAll("[id]").forEach(function (n) { n.removeAttribute("id"); });
    // a marker inside the copy (an editor's note on an author's note) is shown, not a second target
    clone.querySelectorAll(".dpr-eref > a, .dpr-aref > a").forEach(function (a) {
      var span = el("span", { "class": "dpr-marker-copy" }, a.textContent);
      a.parentNode.replaceChild(span, a);
    });
    clone.removeAttribute("id");
    var box = el("div", { "class": "dpr-note-content" });
    while (clone.firstChild) box.appendChild(clone.firstChild);
    return box;
  }

  function targetOf(link) {
    var href = link.getAttribute("href") || "";
    return href.charAt(0) === "#" ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
  }

  /* ---- where the reader was: "back to where I was" ---- */
  var back = { y: null, from: null };
  var toolbar = null;

  function remember(from) {
    back.y = window.scrollY;
    back.from = from || null;
    if (toolbar) toolbar.querySelector(".dpr-tool-back").hidden = false;
  }

  function goBack() {
    if (back.y === null) return;
    window.scrollTo(0, back.y);
    if (back.from && document.contains(back.from)) back.from.focus({ preventScroll: true });
    back.y = null;
    back.from = null;
    toolbar.querySelector(".dpr-tool-back").hidden = true;
  }

  /* ---- notes opened in place (narrow screens, touch, author's notes everywhere) ---- */
  function closeInPlace(link) {
    var id = link.getAttribute("aria-controls");
    var box = id && document.getElementById(id);
    if (box) { var parent = box.parentNode; box.remove(); parent.normalize(); }
    link.setAttribute("aria-expanded", "false");
    link.removeAttribute("aria-controls");
  }

  function inPlaceBox(link, heading, content, extra) {
    var box = el("span", { "class": "dpr-inplace", "role": "note", "data-insert": "", "id": "dpr-inplace-" + (++uid) });
    box.setAttribute("aria-label", heading);
    var head = el("span", { "class": "dpr-inplace-head" });
    head.appendChild(el("span", { "class": "dpr-inplace-title" }, heading));
    var close = el("button", { "type": "button", "class": "dpr-inplace-close", "aria-label": "Close " + heading }, "×");
    close.addEventListener("click", function () { closeInPlace(link); link.focus({ preventScroll: true }); });
    head.appendChild(close);
    box.appendChild(head);
    box.appendChild(content);
    if (extra) box.appendChild(extra);
    return box;
  }

  function openInPlace(link, heading, content, extra) {
    var box = inPlaceBox(link, heading, content, extra);
    // after the marker's own element (the <sup>, or the link itself for a term)
    var anchor = link.parentNode.tagName === "SUP" ? link.parentNode : link;
    // punctuation that closes the marked words stays on their line
    var next = anchor.nextSibling;
    if (next && next.nodeType === 3) {
      var closing = /^[.,;:!?)\]\u2019\u201d'"]+/.exec(next.data);
      if (closing) { next.splitText(closing[0].length); anchor = next; }
    }
    anchor.parentNode.insertBefore(box, anchor.nextSibling);
    link.setAttribute("aria-expanded", "true");
    link.setAttribute("aria-controls", box.id);
    return box;
  }

  function toggleInPlace(link, build) {
    if (link.getAttribute("aria-expanded") === "true") { closeInPlace(link); return; }
    var parts = build();
    if (parts) openInPlace(link, parts[0], parts[1], parts[2]);
  }

  function editorNoteParts(link) {
    var target = targetOf(link);
    if (!target) return null;
    var kind = target.querySelector(".dpr-ednote-kind");
    var heading = link.textContent + " Editor’s note" + (kind ? ": " + kind.textContent.toLowerCase() : "");
    var content = noteContent(target.querySelector(".dpr-ednote-body") || target);
    var more = el("a", { "class": "dpr-inplace-more", "href": "#" + target.id }, "In the list of notes");
    return [heading, content, more];
  }

  function authorNoteParts(link) {
    var target = targetOf(link);
    if (!target) return null;
    return [link.textContent + " Author’s note", noteContent(target), null];
  }

  function termParts(link) {
    var template = document.getElementById(link.getAttribute("data-preview") || "");
    if (!template) return null;
    var content = el("div", { "class": "dpr-note-content" });
    content.appendChild(template.content ? template.content.cloneNode(true) : document.createTextNode(template.textContent));
    var isCase = link.classList.contains("dpr-caselink");
    var go = el("a", { "class": "dpr-inplace-more", "href": link.getAttribute("href") }, isCase ? "Go to the case" : "Go to the entry");
    return [(isCase ? "Case: " : "Glossary: ") + link.textContent, content, go];
  }

  /* ---- sidenotes: the editor's notes in the margin ---- */
  var margin = null;

  function sidenoteFor(link) {
    return margin && margin.querySelector('[data-for="' + link.parentNode.id + '"]');
  }

  function buildSidenotes() {
    var art = article();
    var markers = art ? art.querySelectorAll(EDITOR) : [];
    if (!markers.length) return;
    margin = el("div", { "class": "dpr-sidenotes", "aria-hidden": "true" });
    markers.forEach(function (link) {
      var target = targetOf(link);
      if (!target) return;
      var note = el("div", { "class": "dpr-sidenote", "data-for": link.parentNode.id, "data-kind": target.getAttribute("data-kind") || "" });
      var head = el("p", { "class": "dpr-sidenote-head" });
      head.appendChild(el("span", { "class": "dpr-sidenote-mark" }, link.textContent));
      var kind = target.querySelector(".dpr-ednote-kind");
      if (kind) head.appendChild(el("span", { "class": "dpr-sidenote-kind" }, kind.textContent));
      note.appendChild(head);
      note.appendChild(noteContent(target.querySelector(".dpr-ednote-body") || target));
      // the margin copy is for the eye and the mouse; keyboard and screen readers use the marker,
      // which describes itself by the note and leads to the full note in the list
      note.querySelectorAll("a, button, input, [tabindex]").forEach(function (n) { n.setAttribute("tabindex", "-1"); });
      margin.appendChild(note);
    });
    art.appendChild(margin);
  }

  function layoutSidenotes() {
    if (!margin) return;
    var on = WIDE.matches && root.getAttribute("data-dpr-layer") !== "text";
    margin.hidden = !on;
    if (!on) return;
    var art = article();
    var origin = art.getBoundingClientRect().top;
    var bottom = -Infinity;
    var notes = margin.children;
    var tops = [];
    var i;
    // read every position first, then write: one layout for the whole page
    for (i = 0; i < notes.length; i++) {
      var sup = document.getElementById(notes[i].getAttribute("data-for"));
      tops.push(sup ? sup.getBoundingClientRect().top - origin : 0);
    }
    // each note as tall as its clamp allows (read with no height of ours set) ...
    for (i = 0; i < notes.length; i++) notes[i].style.maxHeight = "";
    var heights = [];
    for (i = 0; i < notes.length; i++) heights.push(notes[i].offsetHeight);
    var line = notes.length ? parseFloat(getComputedStyle(notes[0]).lineHeight) + 4 : 0;
    for (i = 0; i < notes.length; i++) {
      var top = Math.max(tops[i] - 4, bottom + 8);
      var height = heights[i];
      // ... but no taller than the room before the next note's marker (down to its first line),
      // so that on a dense page every note stays beside its words instead of drifting below them
      var open = notes[i].classList.contains("dpr-sidenote-open");
      if (!open && i + 1 < notes.length) {
        var room = tops[i + 1] - 4 - 8 - top;
        if (room < height) { height = Math.max(line, room); notes[i].style.maxHeight = Math.round(height) + "px"; }
      }
      notes[i].style.top = Math.round(top) + "px";
      bottom = top + height;
    }
  }

  var activeNote = null;

  function activate(note, on) {
    if (activeNote && activeNote !== note) activeNote.classList.remove("dpr-sidenote-open");
    if (note) note.classList.toggle("dpr-sidenote-open", on);
    activeNote = on ? note : null;
    layoutSidenotes();
  }

  function light(noteId, on) {
    document.querySelectorAll('.dpr-annotated[data-note="' + noteId + '"]').forEach(function (n) { n.classList.toggle("dpr-lit", on); });
    var ref = document.getElementById("edref-" + noteId.replace(/^ed-/, ""));
    var side = ref && margin && margin.querySelector('[data-for="' + ref.id + '"]');
    if (side) side.classList.toggle("dpr-lit", on);
  }

  /* ---- previews of glossary entries and cases on hover or focus ---- */
  var tip = null, tipFor = null, showTimer = null, hideTimer = null;

  function hideTip() {
    clearTimeout(showTimer);
    if (!tip) return;
    tip.remove();
    if (tipFor) tipFor.removeAttribute("aria-describedby");
    tip = null;
    tipFor = null;
  }

  function showTip(link) {
    clearTimeout(hideTimer);
    if (tipFor === link) return;
    hideTip();
    var parts = termParts(link);
    if (!parts) return;
    tip = el("span", { "class": "dpr-popover dpr-tip", "role": "note", "id": "dpr-tip", "data-insert": "" });
    tip.setAttribute("aria-label", parts[0]);
    tip.appendChild(parts[1]);
    tip.appendChild(parts[2]);
    link.parentNode.insertBefore(tip, link.nextSibling);  // next in the tab order: its link is reachable
    var host = tip.offsetParent || document.body;
    var r = link.getBoundingClientRect();
    var h = host.getBoundingClientRect();
    var width = Math.min(340, document.documentElement.clientWidth - 16);
    tip.style.width = width + "px";
    var left = Math.max(8 - h.left, Math.min(r.left - h.left, document.documentElement.clientWidth - width - 8 - h.left));
    tip.style.left = left + "px";
    var below = window.innerHeight - r.bottom;
    var height = tip.offsetHeight;
    // below the words if it fits, else above them
    tip.style.top = (below > height + 12 || r.top < height + 70 ? r.bottom - h.top + 6 : r.top - h.top - height - 6) + "px";
    tip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    tip.addEventListener("mouseleave", scheduleHide);
    link.setAttribute("aria-describedby", "dpr-tip");
    tipFor = link;
  }

  function scheduleShow(link) {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    showTimer = setTimeout(function () { showTip(link); }, 350);
  }

  function scheduleHide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hideTip, 300);
  }

  /* ---- reading layers ---- */
  function setLayer(value, save) {
    root.setAttribute("data-dpr-layer", value);
    if (save) { try { window.localStorage.setItem("dpr-layer", value); } catch (e) { /* not remembered */ } }
    document.querySelectorAll('input[name="dpr-layer"]').forEach(function (r) { r.checked = r.value === value; });
    // glossary and case links are part of the full apparatus: in the other layers they are words
    document.querySelectorAll(".dpr-passage a.dpr-gloss, .dpr-passage a.dpr-caselink").forEach(function (a) {
      if (value === "full") {
        if (a.hasAttribute("data-href")) { a.setAttribute("href", a.getAttribute("data-href")); a.removeAttribute("data-href"); }
      } else if (a.hasAttribute("href")) {
        a.setAttribute("data-href", a.getAttribute("href"));
        a.removeAttribute("href");
      }
    });
    layoutSidenotes();
  }

  /* ---- the toolbar: contents, notes, back ---- */
  function buildToolbar() {
    var art = article();
    if (!art) return;
    toolbar = el("nav", { "class": "dpr-toolbar", "aria-label": "Page tools" });
    var headings = art.querySelectorAll("h2[id], h3[id]");
    if (headings.length) {
      var panel = el("div", { "class": "dpr-toc-panel", "id": "dpr-toc-panel", "hidden": "" });
      panel.appendChild(el("p", { "class": "dpr-toc-title" }, "Contents"));
      var list = el("ol", { "class": "dpr-toc-list" });
      headings.forEach(function (hd) {
        var li = el("li", { "class": "dpr-toc-" + hd.tagName.toLowerCase() });
        var text = (hd.getAttribute("data-toc-label") || hd.textContent).replace(/^¶?p\d+\s*/, "").trim();
        li.appendChild(el("a", { "href": "#" + hd.id }, text));
        list.appendChild(li);
      });
      panel.appendChild(list);
      var contents = el("button", { "type": "button", "class": "dpr-tool dpr-tool-contents", "aria-expanded": "false", "aria-controls": "dpr-toc-panel" }, "Contents");
      contents.addEventListener("click", function () {
        var open = panel.hidden;
        panel.hidden = !open;
        contents.setAttribute("aria-expanded", String(open));
        if (open) list.querySelector("a").focus();
      });
      panel.addEventListener("click", function (ev) {
        if (ev.target.closest("a")) { panel.hidden = true; contents.setAttribute("aria-expanded", "false"); }
      });
      toolbar.appendChild(panel);
      toolbar.appendChild(contents);
    }
    var notes = document.getElementById("editors-notes") || art.querySelector(".dpr-notes-heading");
    if (notes) toolbar.appendChild(el("a", { "class": "dpr-tool dpr-tool-notes", "href": "#" + notes.id }, "Notes"));
    var backButton = el("button", { "type": "button", "class": "dpr-tool dpr-tool-back", "hidden": "" }, "Back to where I was");
    backButton.addEventListener("click", goBack);
    toolbar.appendChild(backButton);
    document.body.appendChild(toolbar);
  }

  /* ---- events ---- */
  function onClick(ev) {
    var link = ev.target.closest && ev.target.closest("a, .dpr-sidenote");
    if (!link) return;
    if (link.classList.contains("dpr-sidenote")) {
      activate(link, !link.classList.contains("dpr-sidenote-open"));
      return;
    }
    if (link.matches(EDITOR)) {
      var side = sidenoteFor(link);
      if (side && !margin.hidden && ev.detail > 0) {
        // a click with the mouse: the note is beside the words; open it whole there
        ev.preventDefault();
        activate(side, !side.classList.contains("dpr-sidenote-open"));
        return;
      }
      if (!WIDE.matches) {
        ev.preventDefault();
        toggleInPlace(link, function () { return editorNoteParts(link); });
        return;
      }
    } else if (link.matches(AUTHOR)) {
      ev.preventDefault();
      toggleInPlace(link, function () { return authorNoteParts(link); });
      return;
    } else if (link.matches(TERM) && !HOVER.matches) {
      ev.preventDefault();
      toggleInPlace(link, function () { return termParts(link); });
      return;
    }
    var href = link.getAttribute("href") || "";
    if (href.charAt(0) === "#" && href.length > 1 && !link.closest(".dpr-toc-panel, .dpr-toolbar") && !link.classList.contains("dpr-pnum")) {
      remember(link);
    }
  }

  /* the margin is built the first time the screen is wide enough for it: a phone never pays for it */
  function ensureSidenotes() {
    if (margin || !WIDE.matches) return;
    buildSidenotes();
    if (margin) {
      // a screen reader hears the note when it reaches its marker
      Array.prototype.forEach.call(margin.children, function (note) {
        var sup = document.getElementById(note.getAttribute("data-for"));
        var link = sup && sup.querySelector("a");
        var body = note.querySelector(".dpr-note-content");
        if (link && body) { body.id = "dpr-sn-" + sup.id; link.setAttribute("aria-describedby", body.id); }
      });
    }
  }

  function init() {
    ensureSidenotes();
    buildToolbar();
    document.querySelectorAll(EDITOR + ", " + AUTHOR).forEach(function (a) { a.setAttribute("aria-expanded", "false"); });
    document.querySelectorAll('input[name="dpr-layer"]').forEach(function (r) {
      r.addEventListener("change", function () { if (r.checked) setLayer(r.value, true); });
    });
    setLayer(root.getAttribute("data-dpr-layer") || "notes", false);
    document.addEventListener("click", onClick);
    document.addEventListener("keydown", function (ev) {
      if (ev.key !== "Escape") return;
      hideTip();
      if (activeNote) activate(activeNote, false);
      var open = document.activeElement && document.activeElement.closest && document.activeElement.closest(".dpr-inplace");
      if (open) {
        var opener = document.querySelector('[aria-controls="' + open.id + '"]');
        if (opener) { closeInPlace(opener); opener.focus(); }
      }
    });
    document.addEventListener("mouseover", function (ev) {
      if (!ev.target.closest) return;
      var term = ev.target.closest(TERM);
      if (term && HOVER.matches && term.hasAttribute("href")) scheduleShow(term);
      var mark = ev.target.closest(EDITOR + ", .dpr-sidenote");
      if (mark) light(mark.classList.contains("dpr-sidenote") ? "ed-" + mark.getAttribute("data-for").replace(/^edref-/, "") : mark.getAttribute("href").slice(1), true);
    });
    document.addEventListener("mouseout", function (ev) {
      if (!ev.target.closest) return;
      var term = ev.target.closest(TERM);
      if (term) scheduleHide();
      var mark = ev.target.closest(EDITOR + ", .dpr-sidenote");
      if (mark) light(mark.classList.contains("dpr-sidenote") ? "ed-" + mark.getAttribute("data-for").replace(/^edref-/, "") : mark.getAttribute("href").slice(1), false);
    });
    document.addEventListener("focusin", function (ev) {
      var term = ev.target.closest && ev.target.closest(TERM);
      if (term && HOVER.matches && term.hasAttribute("href")) scheduleShow(term);
      else if (tip && !tip.contains(ev.target)) scheduleHide();
    });
    var pending = null;
    function relayout() { clearTimeout(pending); pending = setTimeout(layoutSidenotes, 100); }
    window.addEventListener("resize", relayout);
    window.addEventListener("load", layoutSidenotes);
    if (window.ResizeObserver && article()) new ResizeObserver(relayout).observe(article());
    WIDE.addEventListener("change", function () {
      document.querySelectorAll('[aria-expanded="true"][aria-controls^="dpr-inplace-"]').forEach(closeInPlace);
      ensureSidenotes();
      layoutSidenotes();
    });
    layoutSidenotes();
    // paper: every folded section (the editorial method) is printed open
    var opened = [];
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details:not([open])").forEach(function (d) { d.open = true; opened.push(d); });
    });
    window.addEventListener("afterprint", function () { opened.forEach(function (d) { d.open = false; }); opened = []; });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
