/* Comparative cases table: filtering and sorting where JavaScript runs. The controls are drawn with
   the page (build_tools/render/case_pages.py; hidden without script), so nothing moves when this
   runs. Sorting shows its state: an arrow on the sorted column, aria-sort, the "Sort by" choice
   (which is the control on a phone, where the table is a list of cards). Without script the table
   is complete and readable as generated. */
(function () {
  "use strict";

  function init() {
    var table = document.getElementById("cases-table");
    if (!table || table.getAttribute("data-enhanced")) return;
    table.setAttribute("data-enhanced", "true");
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr[id^='case-']"));
    var filters = document.querySelector(".dpr-filters");
    var status = document.querySelector(".dpr-filter-status");
    if (!filters || !status) return;
    var selects = {};
    filters.querySelectorAll("select").forEach(function (s) { selects[s.name] = s; });
    var sortSelect = selects.sort;
    delete selects.sort;

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = Object.keys(selects).every(function (key) {
          var want = selects[key].value;
          return !want || row.getAttribute("data-" + key) === want;
        });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      table.querySelectorAll("tbody").forEach(function (body) {
        var visible = body.querySelectorAll("tr[id^='case-']:not([hidden])").length;
        var head = body.querySelector(".dpr-group-row");
        if (head) head.hidden = visible === 0;
      });
      status.textContent = shown + " of " + rows.length + " cases shown.";
    }

    var headers = Array.prototype.slice.call(table.querySelectorAll("thead th"));
    var original = rows.slice();

    function sortBy(index, ascending, announce) {
      headers.forEach(function (other) {
        other.removeAttribute("aria-sort");
        var b = other.querySelector(".dpr-sort");
        if (b) b.setAttribute("data-state", "none");
      });
      var bodies = table.querySelectorAll("tbody");
      if (index < 0) {
        original.forEach(function (row) { row.parentNode.appendChild(row); });
        if (announce) status.textContent = "In table order.";
        return;
      }
      var th = headers[index];
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      th.querySelector(".dpr-sort").setAttribute("data-state", ascending ? "ascending" : "descending");
      bodies.forEach(function (body) {
        var members = Array.prototype.slice.call(body.querySelectorAll("tr[id^='case-']"));
        members.sort(function (a, b) {
          var x = (a.children[index].getAttribute("data-value") || a.children[index].textContent).toLowerCase();
          var y = (b.children[index].getAttribute("data-value") || b.children[index].textContent).toLowerCase();
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        members.forEach(function (row) { body.appendChild(row); });
      });
      if (announce) status.textContent = "Sorted by " + th.textContent.replace(/[▲▼↕]/g, "").trim() + (ascending ? ", ascending." : ", descending.");
    }

    headers.forEach(function (th, index) {
      if (!th.hasAttribute("data-sort")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "dpr-sort";
      button.setAttribute("data-state", "none");
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        sortBy(index, ascending, true);
        if (sortSelect) sortSelect.value = index + ":" + (ascending ? "asc" : "desc");
      });
    });
    if (sortSelect) {
      sortSelect.addEventListener("change", function () {
        var v = sortSelect.value;
        if (!v) { sortBy(-1, true, true); return; }
        var parts = v.split(":");
        sortBy(Number(parts[0]), parts[1] === "asc", true);
      });
    }
    Object.keys(selects).forEach(function (k) { selects[k].addEventListener("change", apply); });
    apply();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
