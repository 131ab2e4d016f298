/* Dual Power Reader page script: passage links and citations, offline reading (registers /sw.js).
   Notes and previews are in reading.js, search in search.js, notices for retired ids in anchors.js.
   Plain JavaScript, no dependencies; nothing is fetched from any other site.
   Everything still works without it: numbers are plain links, note markers are plain links. */
(function () {
  "use strict";

  var SCRIPT = document.currentScript;

  function pageData() {
    var node = document.getElementById("dpr-page-data");
    if (!node) return null;
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  function passageUrl(pid) {
    return location.origin + location.pathname + "#" + pid;
  }

  function fill(template, pid) {
    return template.split("{pid}").join(pid).split("{url}").join(passageUrl(pid));
  }

  function htmlToText(html) {
    var div = document.createElement("div");
    div.innerHTML = html;
    return div.textContent;
  }

  function copyText(text, html) {
    if (navigator.clipboard && window.isSecureContext) {
      if (html && window.ClipboardItem) {
        var item = new ClipboardItem({
          "text/plain": new Blob([text], { type: "text/plain" }),
          "text/html": new Blob([html], { type: "text/html" })
        });
        return navigator.clipboard.write([item]).catch(function () { return navigator.clipboard.writeText(text); });
      }
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } finally { document.body.removeChild(area); }
    return Promise.resolve();
  }

  /* ---- passage menu: copy link, cite ---- */
  var menu = null;
  var menuOpener = null;

  function closeMenu() {
    if (!menu) return;
    menu.remove();
    menu = null;
    if (menuOpener) { menuOpener.setAttribute("aria-expanded", "false"); menuOpener.focus(); }
    menuOpener = null;
  }

  function button(label, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "dpr-menu-button";
    b.textContent = label;
    b.addEventListener("click", onClick);
    return b;
  }

  function openMenu(anchor, data) {
    closeMenu();
    var pid = anchor.getAttribute("data-pid");
    var url = passageUrl(pid);
    menu = document.createElement("div");
    menu.className = "dpr-popover dpr-menu";
    menu.setAttribute("role", "dialog");
    menu.setAttribute("aria-label", "Link and citation for passage " + pid);
    var title = document.createElement("p");
    title.className = "dpr-menu-title";
    title.textContent = "Passage " + pid;
    menu.appendChild(title);
    var field = document.createElement("input");
    field.type = "text";
    field.readOnly = true;
    field.value = url;
    field.className = "dpr-menu-url";
    field.setAttribute("aria-label", "Link to passage " + pid);
    menu.appendChild(field);
    var status = document.createElement("p");
    status.className = "dpr-menu-status";
    status.setAttribute("role", "status");
    var row = document.createElement("div");
    row.className = "dpr-menu-row";
    row.appendChild(button("Copy link", function () {
      copyText(url).then(function () { status.textContent = "Link copied."; });
    }));
    var cite = data && data.cite;
    var out = document.createElement("div");
    out.className = "dpr-menu-cite";
    if (cite) {
      [["Chicago", "chicago"], ["MLA", "mla"]].forEach(function (pair) {
        row.appendChild(button("Cite (" + pair[0] + ")", function () {
          var html = fill(cite[pair[1]], pid);
          out.innerHTML = "";
          var p = document.createElement("p");
          p.className = "dpr-citation";
          p.setAttribute("data-style", pair[1]);
          p.innerHTML = html;
          out.appendChild(p);
          copyText(htmlToText(html), html).then(function () { status.textContent = pair[0] + " citation copied."; });
        }));
      });
      row.appendChild(button("BibTeX", function () {
        out.innerHTML = "";
        var pre = document.createElement("pre");
        pre.className = "dpr-citation";
        pre.setAttribute("data-style", "bibtex");
        pre.textContent = cite.bibtex;
        out.appendChild(pre);
        copyText(cite.bibtex).then(function () { status.textContent = "BibTeX entry copied."; });
      }));
    }
    menu.appendChild(row);
    menu.appendChild(out);
    menu.appendChild(status);
    row.appendChild(button("Close", closeMenu));
    anchor.setAttribute("aria-expanded", "true");
    menuOpener = anchor;
    var host = anchor.closest(".dpr-passage") || anchor.parentNode;
    host.appendChild(menu);
    history.replaceState(null, "", "#" + pid);
    row.firstChild.focus();
  }

  /* ---- what scrolls sideways can be reached and scrolled by keyboard (axe:
     scrollable-region-focusable): the theme's table wrappers and code blocks ---- */
  function headingBefore(node) {
    var all = document.querySelectorAll(".md-typeset h1, .md-typeset h2, .md-typeset h3");
    var found = null;
    all.forEach(function (hd) {
      if (hd.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) found = hd;
    });
    return found ? found.textContent.trim() : "";
  }

  function scrollableTables() {
    var count = 0;
    document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset pre > code").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      var isTable = wrap.classList.contains("md-typeset__scrollwrap");
      if (scrolls && !wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("data-dpr-scroll", "");
        if (isTable) {
          // each region has a name of its own: the section it is in, and its number there
          count += 1;
          var where = headingBefore(wrap);
          wrap.setAttribute("role", "region");
          wrap.setAttribute("aria-label", "Table " + count + (where ? " (" + where + ")" : "") + ", scrolls sideways");
        }
      } else if (!scrolls && wrap.hasAttribute("data-dpr-scroll")) {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("data-dpr-scroll");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  /* ---- offline reading: a service worker at the site root keeps the pages read ---- */
  function pageResources() {
    var urls = [location.href.split("#")[0]];
    document.querySelectorAll("link[rel~='stylesheet'][href], link[rel~='icon'][href], script[src], img[src]").forEach(function (n) {
      urls.push(n.href || n.src);
    });
    // the search index is not among them: it is fetched (and then kept) only when search is opened
    return urls;
  }

  function enableOffline() {
    if (!SCRIPT || !("serviceWorker" in navigator) || !window.isSecureContext) return;
    var sw = navigator.serviceWorker;
    sw.addEventListener("message", function (ev) {
      if (ev.data && ev.data.type === "dpr-cached") document.documentElement.setAttribute("data-dpr-offline", "saved");
    });
    // dpr.js is in assets/; the worker is at the site root, so that its scope is the whole site.
    sw.register(new URL("../sw.js", SCRIPT.src).href).then(function () { return sw.ready; }).then(function (reg) {
      if (reg.active) reg.active.postMessage({ type: "dpr-cache", urls: pageResources() });
    }).catch(function () { /* offline reading is an extra; the page works without it */ });
  }

  /* A link to a retired id: anchors.js puts its notice above the passage that now holds the text;
     the reader should see the notice, not only the passage under it. */
  function revealRetiredNotice() {
    var id = decodeURIComponent(location.hash.slice(1));
    var data = pageData();
    if (!id || !data || !data.retired || !data.retired[id]) return;
    setTimeout(function () {
      var notice = document.querySelector(".dpr-anchor-notice");
      if (notice) notice.scrollIntoView({ block: "start" });
    }, 0);
  }

  function init() {
    var data = pageData();
    window.addEventListener("load", revealRetiredNotice);
    window.addEventListener("hashchange", revealRetiredNotice);
    document.addEventListener("click", function (ev) {
      var num = ev.target.closest && ev.target.closest(".dpr-pnum");
      if (num) {
        ev.preventDefault();
        if (menuOpener === num) { closeMenu(); } else { openMenu(num, data); }
        return;
      }
      if (menu && !menu.contains(ev.target)) closeMenu();
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") closeMenu();
    });
    document.querySelectorAll(".dpr-pnum").forEach(function (a) {
      a.setAttribute("aria-haspopup", "dialog");
      a.setAttribute("aria-expanded", "false");
    });
    enableOffline();
    scrollableTables();
    var resizing = null;
    window.addEventListener("resize", function () { clearTimeout(resizing); resizing = setTimeout(scrollableTables, 200); });
    window.addEventListener("load", scrollableTables);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
