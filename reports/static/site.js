// crtdiff site: table filters, the incidents explorer (sorting, filters, CSV export).
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

  // The incidents explorer: rows from data/incidents.js; several filters at once, counts,
  // "no match", sorting, a few hundred rows drawn at a time, CSV of every matching row.
  var PAGE = 250;

  function cell(row, text, className) {
    var td = document.createElement("td");
    if (className) { td.className = className; }
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function link(href, text, className, rel) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    if (className) { a.className = className; }
    if (rel) { a.rel = rel; }
    return a;
  }

  function dash(value) { return value === null || value === undefined || value === "" ? "\u2013" : String(value); }

  function incidentRow(r) {
    var tr = document.createElement("tr");
    cell(tr, r.date + (r.date_end ? " \u2013 " + r.date_end : ""));
    var where = cell(tr, r.country);
    if (r.incident_country && r.incident_country !== r.country) {
      var note = document.createElement("span");
      note.className = "muted";
      note.textContent = " (in " + r.incident_country + ")";
      where.appendChild(note);
    }
    cell(tr, dash(r.place));
    cell(tr, r.kind.replace(/_/g, " "));
    cell(tr, r.target.replace(/_/g, " "));
    var groups = cell(tr, r.perpetrators.length ? "" : "\u2013");
    r.perpetrators.forEach(function (p, i) {
      if (i) { groups.appendChild(document.createTextNode(", ")); }
      groups.appendChild(link("groups/" + p[0] + ".html", p[1], "group"));
    });
    cell(tr, r.attribution);
    cell(tr, dash(r.killed_min), "num");
    cell(tr, dash(r.wounded_min), "num");
    cell(tr, dash(r.kidnapped_min), "num");
    var sentence = cell(tr, "");
    var a = link(r.page, r.report_year + " chapter");
    a.title = r.evidence;
    sentence.appendChild(a);
    var hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = " " + r.evidence;
    sentence.appendChild(hidden);
    var source = cell(tr, "");
    if (r.illustrative) {
      source.appendChild(Object.assign(document.createElement("span"), { className: "muted", textContent: "illustrative text" }));
    } else if (r.official_url) {
      source.appendChild(link(r.official_url, "official page", "official", "external"));
      if (r.published) { source.appendChild(document.createTextNode(" (" + r.published + ")")); }
    } else {
      source.appendChild(Object.assign(document.createElement("span"), { className: "muted", textContent: "official URL unknown" }));
    }
    return tr;
  }

  function sortValue(r, key) {
    if (key === "perpetrators") { return r.perpetrators.map(function (p) { return p[1]; }).join(", "); }
    return r[key];
  }

  function compare(a, b, key) {
    var x = sortValue(a, key);
    var y = sortValue(b, key);
    if (typeof x === "number" || typeof y === "number" || x === null || y === null) {
      return (x === null ? -1 : x) - (y === null ? -1 : y);
    }
    return String(x).localeCompare(String(y));
  }

  function setUpExplorer() {
    var form = document.getElementById("incident-filters");
    var table = document.getElementById("incidents");
    if (!form || !table || !window.CRTDIFF_INCIDENTS) { return; }
    var records = window.CRTDIFF_INCIDENTS.map(function (r, i) {
      r.index = i;
      r.haystack = [r.date, r.country, r.incident_country, r.place, r.kind.replace(/_/g, " "),
        r.target.replace(/_/g, " "), r.attribution, r.evidence,
        r.perpetrators.map(function (p) { return p[1]; }).join(" ")].join(" ").toLowerCase();
      return r;
    });
    var fields = {};
    form.querySelectorAll("[data-field]").forEach(function (el) { fields[el.getAttribute("data-field")] = el; });
    var count = document.getElementById("incident-count");
    var empty = document.getElementById("incident-empty");
    var more = document.getElementById("incident-more");
    var body = table.tBodies[0];
    var heads = Array.prototype.slice.call(table.querySelectorAll("thead th[data-key]"));
    var sortKey = "date";
    var ascending = true;
    var matching = records;
    var drawn = 0;
    var params = new URLSearchParams(window.location.search);
    ["group", "country", "kind"].forEach(function (name) {
      if (params.get(name) && fields[name]) { fields[name].value = params.get(name); }
    });

    function draw(limit) {
      var fragment = document.createDocumentFragment();
      for (; drawn < Math.min(limit, matching.length); drawn += 1) { fragment.appendChild(incidentRow(matching[drawn])); }
      body.appendChild(fragment);
      more.hidden = drawn >= matching.length;
      more.textContent = "Show " + Math.min(PAGE, matching.length - drawn) + " more of " + (matching.length - drawn) + " rows";
    }

    function apply() {
      var country = fields.country.value;
      var from = parseInt(fields["year-from"].value, 10);
      var to = parseInt(fields["year-to"].value, 10);
      var group = fields.group.value;
      var kind = fields.kind.value;
      var text = fields.text.value.trim().toLowerCase();
      matching = records.filter(function (r) {
        return (!country || r.country === country) &&
          (isNaN(from) || r.report_year >= from) && (isNaN(to) || r.report_year <= to) &&
          (!group || r.perpetrators.some(function (p) { return p[0] === group; })) &&
          (!kind || r.kind === kind) && (!text || r.haystack.indexOf(text) !== -1);
      });
      matching.sort(function (a, b) {
        var order = compare(a, b, sortKey);
        return (ascending ? order : -order) || a.index - b.index;
      });
      body.replaceChildren();
      drawn = 0;
      draw(PAGE);
      var killed = matching.reduce(function (sum, r) { return sum + (r.killed_min || 0); }, 0);
      count.querySelector("[data-shown]").textContent = String(matching.length);
      count.querySelector("[data-killed]").textContent = String(killed);
      empty.hidden = matching.length > 0;
    }

    heads.forEach(function (th) {
      th.querySelector("button.sort").addEventListener("click", function () {
        var key = th.getAttribute("data-key");
        ascending = key === sortKey ? !ascending : true;
        sortKey = key;
        heads.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        apply();
      });
    });
    more.addEventListener("click", function () { draw(drawn + PAGE); });
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    document.getElementById("f-reset").addEventListener("click", function () {
      Object.keys(fields).forEach(function (name) { fields[name].value = ""; });
      apply();
    });
    document.getElementById("csv-download").addEventListener("click", function () {
      var rows = matching.map(function (r) {
        var out = {};
        Object.keys(r).forEach(function (k) {
          if (k === "index" || k === "haystack") { return; }
          out[k] = k === "perpetrators" ? r[k].map(function (p) { return p[1]; }).join("; ") : r[k];
        });
        return out;
      });
      var blob = new Blob([toCsv(rows)], { type: "text/csv;charset=utf-8" });
      var a = link(URL.createObjectURL(blob), "");
      a.download = "incidents.csv";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    });
    apply();
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpFilters();
    setUpExplorer();
  });
}());
