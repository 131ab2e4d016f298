/* Comparative cases table: sorting and filtering where JavaScript runs. Without it the table is
   complete and readable as generated. */
(function () {
  "use strict";

  function init() {
    var table = document.getElementById("cases-table");
    if (!table || table.getAttribute("data-enhanced")) return;
    table.setAttribute("data-enhanced", "true");
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr[id^='case-']"));

    // ---- filters ----
    var filters = document.createElement("div");
    filters.className = "dpr-filters";
    filters.setAttribute("role", "group");
    filters.setAttribute("aria-label", "Filter the table");
    var status = document.createElement("p");
    status.className = "dpr-filter-status";
    status.setAttribute("role", "status");
    var fields = [["base", "Social base"], ["outcome", "Outcome"], ["century", "Century"], ["group", "Group"]];
    var selects = {};
    fields.forEach(function (field) {
      var values = [];
      rows.forEach(function (row) {
        var v = row.getAttribute("data-" + field[0]);
        if (values.indexOf(v) < 0) values.push(v);
      });
      values.sort();
      var label = document.createElement("label");
      label.textContent = field[1];
      var select = document.createElement("select");
      select.name = field[0];
      var all = document.createElement("option");
      all.value = "";
      all.textContent = "All";
      select.appendChild(all);
      values.forEach(function (v) {
        var option = document.createElement("option");
        option.value = v;
        option.textContent = v.replace(/-/g, " ");
        select.appendChild(option);
      });
      select.addEventListener("change", apply);
      label.appendChild(select);
      filters.appendChild(label);
      selects[field[0]] = select;
    });
    var wrap = table.closest(".dpr-table-wrap") || table;
    wrap.parentNode.insertBefore(filters, wrap);
    wrap.parentNode.insertBefore(status, wrap);

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

    // ---- sorting: header buttons, aria-sort on the active column ----
    var headers = Array.prototype.slice.call(table.querySelectorAll("thead th"));
    headers.forEach(function (th, index) {
      if (!th.hasAttribute("data-sort")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "dpr-sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        table.querySelectorAll("tbody").forEach(function (body) {
          var members = Array.prototype.slice.call(body.querySelectorAll("tr[id^='case-']"));
          members.sort(function (a, b) {
            var x = (a.children[index].getAttribute("data-value") || a.children[index].textContent).toLowerCase();
            var y = (b.children[index].getAttribute("data-value") || b.children[index].textContent).toLowerCase();
            return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
          });
          members.forEach(function (row) { body.appendChild(row); });
        });
        status.textContent = "Sorted by " + button.textContent + (ascending ? ", ascending." : ", descending.");
      });
    });
    apply();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
