// crtdiff site: table filters, sortable tables, the incidents explorer and its CSV export.
// Everything runs offline, from disk or a local server; nothing is fetched.
(function () {
  "use strict";

  function emptyMessage(table, text) {
    var id = table.id + "-no-match";
    var note = document.getElementById(id);
    if (!note) {
      note = document.createElement("p");
      note.id = id;
      note.className = "no-match";
      note.setAttribute("role", "status");
      note.hidden = true;
      var holder = table.closest(".table-scroll") || table;
      holder.parentNode.insertBefore(note, holder.nextSibling);
    }
    return function (shown, needle) {
      note.hidden = shown > 0;
      note.textContent = shown > 0 ? "" : text.replace("{q}", needle);
    };
  }

  // Any input[data-filter]: hide the rows of the table it names that do not contain its text.
  function setUpFilters() {
    document.querySelectorAll("input[data-filter]").forEach(function (input) {
      var table = document.getElementById(input.getAttribute("data-filter"));
      if (!table) { return; }
      var report = emptyMessage(table, input.getAttribute("data-empty") || "Nothing matches \u201c{q}\u201d.");
      input.addEventListener("input", function () {
        var needle = input.value.trim().toLowerCase();
        var shown = 0;
        table.querySelectorAll("tbody tr").forEach(function (row) {
          var hay = (row.getAttribute("data-search") || row.textContent).toLowerCase();
          row.hidden = needle !== "" && hay.indexOf(needle) === -1;
          if (!row.hidden) { shown += 1; }
        });
        report(shown, input.value.trim());
      });
    });
  }

  // Tables marked .sortable: a button in each heading sorts by that column (data-v values).
  function setUpSorting() {
    document.querySelectorAll("table.sortable").forEach(function (table) {
      var heads = Array.prototype.slice.call(table.querySelectorAll("thead th"));
      heads.forEach(function (th, column) {
        var button = th.querySelector("button.sort");
        if (!button) { return; }
        button.addEventListener("click", function () {
          var ascending = th.getAttribute("aria-sort") !== "ascending";
          heads.forEach(function (other) { other.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
          var numeric = th.getAttribute("data-type") === "number";
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = a.cells[column].getAttribute("data-v") || "";
            var y = b.cells[column].getAttribute("data-v") || "";
            var order = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
            if (order === 0) { order = Number(a.getAttribute("data-i")) - Number(b.getAttribute("data-i")); }
            return ascending ? order : -order;
          });
          rows.forEach(function (row) { body.appendChild(row); });
        });
      });
    });
  }

  function csvField(value) {
    if (value === null || value === undefined) { return ""; }
    var text = String(value);
    // A cell starting like a formula is kept as text in spreadsheets.
    if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) { text = "'" + text; }
    return /[",\r\n]/.test(text) ? "\"" + text.replace(/"/g, "\"\"") + "\"" : text;
  }

  function toCsv(records) {
    if (!records.length) { return ""; }
    var columns = Object.keys(records[0]);
    var lines = [columns.join(",")];
    records.forEach(function (record) {
      lines.push(columns.map(function (c) { return csvField(record[c]); }).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }

  // The incidents explorer: several filters at once, counts, "no match", CSV of what is shown.
  function setUpExplorer() {
    var form = document.getElementById("incident-filters");
    var table = document.getElementById("incidents");
    if (!form || !table) { return; }
    var records = JSON.parse(document.getElementById("incident-records").textContent);
    var fields = {};
    form.querySelectorAll("[data-field]").forEach(function (el) { fields[el.getAttribute("data-field")] = el; });
    var count = document.getElementById("incident-count");
    var empty = document.getElementById("incident-empty");
    var params = new URLSearchParams(window.location.search);
    if (params.get("group") && fields.group) { fields.group.value = params.get("group"); }
    if (params.get("country") && fields.country) { fields.country.value = params.get("country"); }

    function visibleRows() {
      return Array.prototype.filter.call(table.tBodies[0].rows, function (row) { return !row.hidden; });
    }

    function apply() {
      var country = fields.country.value;
      var from = parseInt(fields["year-from"].value, 10);
      var to = parseInt(fields["year-to"].value, 10);
      var group = fields.group.value;
      var kind = fields.kind.value;
      var text = fields.text.value.trim().toLowerCase();
      var shown = 0;
      var killed = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var year = Number(row.getAttribute("data-year"));
        var ok = (!country || row.getAttribute("data-country") === country) &&
          (isNaN(from) || year >= from) && (isNaN(to) || year <= to) &&
          (!group || (" " + row.getAttribute("data-groups")).indexOf(" " + group + " ") !== -1) &&
          (!kind || row.getAttribute("data-kind") === kind) &&
          (!text || row.textContent.toLowerCase().indexOf(text) !== -1);
        row.hidden = !ok;
        if (ok) { shown += 1; killed += Number(row.getAttribute("data-killed")); }
      });
      count.querySelector("[data-shown]").textContent = String(shown);
      count.querySelector("[data-killed]").textContent = String(killed);
      empty.hidden = shown > 0;
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    document.getElementById("f-reset").addEventListener("click", function () {
      Object.keys(fields).forEach(function (name) { fields[name].value = ""; });
      apply();
    });
    document.getElementById("csv-download").addEventListener("click", function () {
      var chosen = visibleRows().map(function (row) { return records[Number(row.getAttribute("data-i"))]; });
      var blob = new Blob([toCsv(chosen)], { type: "text/csv;charset=utf-8" });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = "incidents.csv";
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    });
    apply();
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpFilters();
    setUpSorting();
    setUpExplorer();
  });
}());
