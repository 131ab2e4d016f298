/* Dual Power Reader study tools, the part every page loads: a few listeners, nothing else.
   Selecting words in a passage, or a study action in a passage's menu, loads the rest
   (study-page.js and what it imports) from this site; so do the My notes and Reading pack pages.
   A reader who never uses them loads nothing more. Nothing is sent anywhere: the reader's notes
   stay in this browser (localStorage). */
(function () {
  "use strict";

  var SCRIPT = document.currentScript;
  if (!SCRIPT || !window.Promise || !window.getSelection) return;
  var ASSETS = new URL(".", SCRIPT.src).href;
  var PASSAGE = ".dpr-passage[id], .dpr-note[id]";
  var KEY = "dpr-study-v1";
  var loaded = {};

  function load(name) {
    if (!loaded[name]) {
      loaded[name] = import(ASSETS + "study-" + name + ".js").then(function (module) {
        return Promise.resolve(module.start(ASSETS)).then(function () { return module; });
      });
    }
    return loaded[name];
  }

  function hostOf(node) {
    var el = node && (node.nodeType === 1 ? node : node.parentElement);
    return el && el.closest ? el.closest(PASSAGE) : null;
  }

  /* The selection, if it lies in one passage: {host, range}. A selection that runs on into white
     space past the passage (a triple click) counts as inside it. */
  function selected() {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) return null;
    var range = sel.getRangeAt(0);
    var start = hostOf(range.startContainer);
    var end = hostOf(range.endContainer);
    var host = start || end;
    if (!host || !range.toString().trim()) return null;
    if (start !== end) {
      var outside = range.cloneRange();
      if (start === host) outside.setStartAfter(host); else outside.setEndBefore(host);
      if (outside.toString().trim()) return null;
    }
    return { host: host, range: range.cloneRange() };
  }

  /* ---- the toolbar for selected words ---- */
  var pointerDown = false;
  var timer = null;

  function check() {
    var picked = selected();
    if (picked) {
      load("page").then(function (m) { m.offer(picked.host, picked.range); });
    } else if (loaded.page) {
      loaded.page.then(function (m) { m.hideToolbar(false); });
    }
  }

  function schedule(ms) {
    clearTimeout(timer);
    timer = setTimeout(check, ms);
  }

  function inStudyUi(target) {
    return target && target.closest && target.closest(".dpr-study-ui");
  }

  /* ---- the passage menu (dpr.js builds it on a click of the passage number): a row of study
     actions, on the words selected in the passage when there are some, else on the passage ---- */
  var ACTIONS = [["Highlight", "highlight"], ["Add note", "note"], ["Suggest a note", "suggest"], ["Add to reading pack", "pack"], ["Public annotation…", "public"]];
  var menuPick = null;

  function addMenuRow(num, picked) {
    var host = num.closest(PASSAGE);
    var menu = host && host.querySelector(".dpr-menu");
    if (!menu || menu.querySelector(".dpr-study-menu")) return;
    var words = picked && picked.host === host ? picked.range : null;
    var row = document.createElement("div");
    row.className = "dpr-menu-row dpr-study-menu";
    row.setAttribute("role", "group");
    row.setAttribute("aria-label", words ? "Study the selected words" : "Study this passage");
    var label = document.createElement("span");
    label.className = "dpr-study-menu-label";
    label.textContent = words ? "Selected words:" : "This passage:";
    row.appendChild(label);
    var actions = ACTIONS.slice();
    if (host.querySelector("mark.dpr-mine")) actions.push(["Your notes here", "mine"]);
    actions.forEach(function (pair) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "dpr-menu-button";
      b.textContent = pair[0];
      b.addEventListener("click", function () {
        load("page").then(function (m) { m.menuAction(pair[1], host, pair[1] === "pack" || pair[1] === "mine" ? null : words, num); });
      });
      row.appendChild(b);
    });
    menu.insertBefore(row, menu.querySelector(".dpr-menu-cite") || null);
  }

  function init() {
    document.addEventListener("pointerdown", function (ev) {
      if (ev.target.closest && ev.target.closest(".dpr-pnum")) menuPick = selected();
      if (!inStudyUi(ev.target)) pointerDown = true;
    }, true);
    document.addEventListener("pointerup", function () {
      if (pointerDown) { pointerDown = false; schedule(20); }
    }, true);
    document.addEventListener("selectionchange", function () { if (!pointerDown) schedule(300); });
    document.addEventListener("click", function (ev) {
      var num = ev.target.closest && ev.target.closest(".dpr-pnum");
      if (!num) return;
      // a click from the keyboard (Enter) leaves the selection as it was
      var picked = ev.detail === 0 ? selected() : menuPick;
      setTimeout(function () { addMenuRow(num, picked); }, 0);
    });

    if (document.getElementById("dpr-study-notes")) load("notes");
    if (document.getElementById("dpr-study-pack")) load("pack");
    var data = document.getElementById("dpr-page-data");
    if (data && document.querySelector(PASSAGE)) {
      try {
        var slug = JSON.parse(data.textContent).slug;
        var kept = localStorage.getItem(KEY);
        if (kept && kept.indexOf('"' + slug + '"') >= 0) load("page");
      } catch (e) { /* no storage: nothing of the reader's to show */ }
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
