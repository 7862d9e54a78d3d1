// crtdiff site: table filters, the incidents explorer (sorting, filters, CSV export).
// Everything runs offline, from disk or a local server; nothing is fetched from elsewhere (the
// explorer's rows are scripts of the site's own data folder).
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

  function toCsv(columns, records) {
    var lines = [columns.join(",")];
    records.forEach(function (record) {
      lines.push(columns.map(function (c) { return csvField(record[c]); }).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }

  // The incidents explorer: rows by columns from data/incidents.js (with the tables their
  // indices point into) and from the further scripts it names, loaded one after the other;
  // several filters at once, counts, "no match", sorting, a few hundred rows drawn at a time,
  // CSV of every matching row. Until every row is loaded the counts say they cover the rows
  // loaded so far, and the CSV waits.
  var PAGE = 250;
  var COLUMNS = ["date", "date_end", "report_year", "country", "incident_country", "place",
    "kind", "target", "perpetrators", "attribution", "killed_min", "wounded_min",
    "kidnapped_min", "illustrative", "official_url", "published", "evidence", "page"];
  var collator = new Intl.Collator();

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

  // Rank of each value in the order of the locale's collation (equal values, equal ranks): rows
  // then sort by numbers, in the order a sort by localeCompare gives.
  function ranks(values) {
    var order = values.map(function (_, i) { return i; });
    order.sort(function (a, b) { return collator.compare(values[a], values[b]); });
    var rank = new Array(values.length);
    var r = 0;
    order.forEach(function (v, n) {
      if (n && collator.compare(values[order[n - 1]], values[v]) !== 0) { r += 1; }
      rank[v] = r;
    });
    return rank;
  }

  // The rows loaded so far, by columns, and the tables their indices point into. Each script
  // holds its own tables (so that a script whose rows did not change is the same file from run
  // to run): its strings, groups, lists of perpetrators and chapters are added to these, held
  // once, and its rows' indices turned into theirs.
  function Incidents(data) {
    var self = this;
    self.total = data.total;
    self.strings = [];
    self.code = new Map();
    self.groups = [];
    self.groupCode = new Map();
    self.lists = [];
    self.listNames = [];
    self.listCode = new Map();
    self.chapters = { country: [], year: [], page: [], illustrative: [], official_url: [], published: [] };
    self.chapterCode = new Map();
    self.rows = {};
    Object.keys(data.rows).forEach(function (k) { self.rows[k] = []; });
    self.size = 0;
    self.hay = [];
    self.sortKeys = {};
    self.add(data);
  }

  // Where `map` holds each of `values` (added when new), by index.
  function held(values, map, key, push) {
    return values.map(function (value) {
      var k = key(value);
      var at = map.get(k);
      if (at === undefined) {
        at = map.size;
        map.set(k, at);
        push(value);
      }
      return at;
    });
  }

  function same(value) { return value; }

  Incidents.prototype.add = function (part) {
    var self = this, ch = self.chapters, from = part.chapters;
    var strings = held(part.strings, self.code, same, function (s) { self.strings.push(s); });
    var groups = held(part.groups, self.groupCode, function (g) { return g[0]; },
      function (g) { self.groups.push(g); });
    var lists = held(part.perpetrators.map(function (list) {
      return list.map(function (g) { return groups[g]; });
    }), self.listCode, String, function (list) {
      self.lists.push(list);
      self.listNames.push(list.map(function (g) { return self.groups[g][1]; }));
    });
    var string = function (i) { return i === null ? null : strings[i]; };
    var chapters = held(from.page.map(function (_, i) { return i; }), self.chapterCode,
      function (i) { return from.page[i]; }, function (i) {
        ch.country.push(strings[from.country[i]]);
        ch.year.push(from.year[i]);
        ch.page.push(from.page[i]);
        ch.illustrative.push(from.illustrative[i]);
        ch.official_url.push(string(from.official_url[i]));
        ch.published.push(string(from.published[i]));
      });
    // The columns of indices (ROW_STRINGS of incidents_page.py, chapter, perpetrators).
    var through = { chapter: chapters, perpetrators: lists, date_end: strings,
      incident_country: strings, place: strings, kind: strings, target: strings,
      attribution: strings };
    Object.keys(self.rows).forEach(function (k) {
      var column = self.rows[k], values = part.rows[k], map = through[k], i;
      if (map) {
        for (i = 0; i < values.length; i += 1) { column.push(map[values[i]]); }
      } else {
        for (i = 0; i < values.length; i += 1) { column.push(values[i]); }
      }
    });
    self.size = self.rows.date.length;
    self.sortKeys = {};
    if (self.stringRank && self.stringRank.length !== self.strings.length) { self.stringRank = null; }
    if (self.listRank && self.listRank.length !== self.lists.length) { self.listRank = null; }
  };

  // The rows come by date: while the locale orders each date after the one before, a date's
  // rank is the one before's, plus one when it differs (made only for the rows loaded since);
  // else the dates are ranked as any text is.
  Incidents.prototype.dateKey = function () {
    var dates = this.rows.date, key = this.dates || (this.dates = []), i = key.length;
    for (; i < this.size && !this.datesRanked; i += 1) {
      var order = i ? collator.compare(dates[i - 1], dates[i]) : 0;
      if (order > 0) { this.datesRanked = true; }
      key.push(i ? key[i - 1] + (order < 0 ? 1 : 0) : 0);
    }
    if (!this.datesRanked) { return key; }
    var distinct = Array.from(new Set(dates));
    var rank = ranks(distinct);
    var at = new Map(distinct.map(function (d, n) { return [d, rank[n]]; }));
    return dates.map(function (d) { return at.get(d); });
  };

  Incidents.prototype.record = function (i) {
    var rows = this.rows, s = this.strings, ch = this.chapters, c = rows.chapter[i];
    var groups = this.groups;
    return {
      date: rows.date[i], date_end: s[rows.date_end[i]], report_year: ch.year[c],
      country: s[ch.country[c]], incident_country: s[rows.incident_country[i]],
      place: s[rows.place[i]], kind: s[rows.kind[i]], target: s[rows.target[i]],
      perpetrators: this.lists[rows.perpetrators[i]].map(function (g) { return groups[g]; }),
      attribution: s[rows.attribution[i]], killed_min: rows.killed[i],
      wounded_min: rows.wounded[i], kidnapped_min: rows.kidnapped[i],
      illustrative: ch.illustrative[c],
      official_url: ch.official_url[c] === null ? null : s[ch.official_url[c]],
      published: ch.published[c] === null ? null : s[ch.published[c]],
      evidence: rows.evidence[i], page: ch.page[c] + "#s" + rows.sentence[i]
    };
  };

  // What the text filter searches, lower case, made for the rows loaded since the last call:
  // at idle time as the scripts arrive (prepare), so that the first text filter does not make
  // it all at once.
  Incidents.prototype.haystack = function () {
    var rows = this.rows, ch = this.chapters, j;
    // Lower case once per string held once (kinds and targets spaced as the page writes them).
    var low = this.low || (this.low = []), spaced = this.spaced || (this.spaced = []);
    for (j = low.length; j < this.strings.length; j += 1) {
      low.push(this.strings[j].toLowerCase());
      spaced.push(this.strings[j].replace(/_/g, " ").toLowerCase());
    }
    var names = this.lowNames || (this.lowNames = []);
    for (j = names.length; j < this.listNames.length; j += 1) { names.push(this.listNames[j].join(" ").toLowerCase()); }
    for (var i = this.hay.length; i < this.size; i += 1) {
      var c = rows.chapter[i];
      this.hay.push([rows.date[i].toLowerCase(), low[ch.country[c]], low[rows.incident_country[i]],
        low[rows.place[i]], spaced[rows.kind[i]], spaced[rows.target[i]], low[rows.attribution[i]],
        rows.evidence[i].toLowerCase(), names[rows.perpetrators[i]]].join(" "));
    }
    return this.hay;
  };

  // The haystack of the rows loaded, made when the browser is idle (at the latest a moment
  // after: a page that never idles still gets it).
  Incidents.prototype.prepare = function () {
    var self = this;
    if (self.preparing) { return; }
    self.preparing = true;
    var run = function () { self.preparing = false; self.haystack(); };
    if (window.requestIdleCallback) { window.requestIdleCallback(run, { timeout: 500 }); } else { setTimeout(run, 0); }
  };

  // Per row, a number that sorts it by `key` as a sort by localeCompare (text) or by value
  // (tolls; none given sorts first) would.
  Incidents.prototype.sortKey = function (key) {
    if (this.sortKeys[key]) { return this.sortKeys[key]; }
    var rows = this.rows, ch = this.chapters, out = new Array(this.size), i;
    var tolls = { killed_min: "killed", wounded_min: "wounded", kidnapped_min: "kidnapped" };
    if (tolls[key]) {
      var toll = rows[tolls[key]];
      for (i = 0; i < this.size; i += 1) { out[i] = toll[i] === null ? -1 : toll[i]; }
    } else if (key === "date") {
      out = this.dateKey();
    } else if (key === "perpetrators") {
      this.listRank = this.listRank || ranks(this.listNames.map(function (n) { return n.join(", "); }));
      for (i = 0; i < this.size; i += 1) { out[i] = this.listRank[rows.perpetrators[i]]; }
    } else {
      this.stringRank = this.stringRank || ranks(this.strings);
      var codes = key === "country" ? rows.chapter.map(function (c) { return ch.country[c]; }) : rows[key];
      for (i = 0; i < this.size; i += 1) { out[i] = this.stringRank[codes[i]]; }
    }
    this.sortKeys[key] = out;
    return out;
  };

  // Load each script in turn, each of the build (its checksum) the first script gives for it (a
  // browser's cache keeps none of another), handing it (in order) to `add`; `done` gets the
  // script that failed, or null once all are loaded.
  function loadScripts(paths, builds, add, done) {
    var n = 0;
    function next() {
      if (n >= paths.length) { done(null); return; }
      var path = paths[n];
      var script = document.createElement("script");
      var build = builds[n];
      script.src = path + "?build=" + build;
      script.onload = function () {
        var loaded = window.CRTDIFF_INCIDENT_ROWS || [];
        window.CRTDIFF_INCIDENT_ROWS = [];
        script.remove();
        n += 1;
        if (loaded.length !== 1 || loaded[0].build !== build) { done(path); return; }
        add(loaded[0]);
        next();
      };
      script.onerror = function () { script.remove(); done(path); };
      document.head.appendChild(script);
    }
    next();
  }

  function setUpExplorer() {
    var form = document.getElementById("incident-filters");
    var table = document.getElementById("incidents");
    if (!form || !table || !window.CRTDIFF_INCIDENTS) { return; }
    var count = document.getElementById("incident-count");
    var status = document.getElementById("incident-status");
    var loading = count.querySelector("[data-loading]");
    // A data script of an earlier version (the page of this one): rows not by columns, or
    // scripts sharing one build.
    if (!window.CRTDIFF_INCIDENTS.rows || !Array.isArray(window.CRTDIFF_INCIDENT_BUILDS)) {
      loading.textContent = " The explorer's data was written by another version of crtdiff: run crtdiff again.";
      loading.hidden = false;
      return;
    }
    var data = new Incidents(window.CRTDIFF_INCIDENTS);
    window.CRTDIFF_INCIDENTS = null;  // its rows are held once, in `data`
    var further = window.CRTDIFF_INCIDENT_SCRIPTS || [];
    var fields = {};
    form.querySelectorAll("[data-field]").forEach(function (el) { fields[el.getAttribute("data-field")] = el; });
    var empty = document.getElementById("incident-empty");
    var more = document.getElementById("incident-more");
    var csv = document.getElementById("csv-download");
    var body = table.tBodies[0];
    var heads = Array.prototype.slice.call(table.querySelectorAll("thead th[data-key]"));
    var sortKey = "date";
    var ascending = true;
    var matching = [];
    var drawn = 0;
    var params = new URLSearchParams(window.location.search);
    ["group", "country", "kind"].forEach(function (name) {
      if (params.get(name) && fields[name]) { fields[name].value = params.get(name); }
    });

    function draw(limit) {
      var fragment = document.createDocumentFragment();
      for (; drawn < Math.min(limit, matching.length); drawn += 1) { fragment.appendChild(incidentRow(data.record(matching[drawn]))); }
      body.appendChild(fragment);
      more.hidden = drawn >= matching.length;
      more.textContent = "Show " + Math.min(PAGE, matching.length - drawn) + " more of " + (matching.length - drawn) + " rows";
    }

    // The rows loaded that the filters select, in the order chosen, and their counts.
    function select() {
      var byCountry = fields.country.value !== "";
      var country = data.code.has(fields.country.value) ? data.code.get(fields.country.value) : -1;
      var from = parseInt(fields["year-from"].value, 10);
      var to = parseInt(fields["year-to"].value, 10);
      var group = fields.group.value;
      var byKind = fields.kind.value !== "";
      var kind = data.code.has(fields.kind.value) ? data.code.get(fields.kind.value) : -1;
      var text = fields.text.value.trim().toLowerCase();
      var rows = data.rows, ch = data.chapters;
      var inList = group ? data.lists.map(function (list) {
        return list.some(function (g) { return data.groups[g][0] === group; });
      }) : null;
      var hay = text ? data.haystack() : null;
      var found = [];
      for (var i = 0; i < data.size; i += 1) {
        var c = rows.chapter[i];
        var year = ch.year[c];
        if ((!byCountry || ch.country[c] === country) &&
            (isNaN(from) || year >= from) && (isNaN(to) || year <= to) &&
            (!inList || inList[rows.perpetrators[i]]) &&
            (!byKind || rows.kind[i] === kind) &&
            (!hay || hay[i].indexOf(text) !== -1)) { found.push(i); }
      }
      var key = data.sortKey(sortKey);
      found.sort(function (a, b) {
        var order = key[a] - key[b];
        return (ascending ? order : -order) || a - b;
      });
      matching = found;
      var killed = 0;
      found.forEach(function (i) { killed += rows.killed[i] || 0; });
      count.querySelector("[data-shown]").textContent = String(found.length);
      count.querySelector("[data-killed]").textContent = String(killed);
      empty.hidden = found.length > 0;
    }

    function apply() {
      select();
      body.replaceChildren();
      drawn = 0;
      draw(PAGE);
    }

    // The counts (what is still loading, or failed to, and "no match") said to a screen reader
    // in one announcement: once when a filter changes them, once when every row is loaded. The
    // counts themselves are no live region, or each script loaded would be announced.
    function announce() {
      var said = count.cloneNode(true);
      var note = said.querySelector("[data-loading]");
      if (note.hidden) { note.remove(); }
      var text = said.textContent + (empty.hidden ? "" : " " + empty.textContent);
      status.textContent = text.replace(/\s+/g, " ").trim();
    }

    function filtered() {
      apply();
      announce();
    }

    // More rows loaded: the rows drawn stay when they are still the first that match.
    function grown() {
      var before = matching.slice(0, drawn);
      select();
      var same = before.every(function (i, n) { return matching[n] === i; });
      if (!same) {
        body.replaceChildren();
        drawn = 0;
      }
      draw(Math.max(before.length, PAGE));
    }

    function loaded(failed) {
      table.removeAttribute("aria-busy");
      csv.disabled = false;
      data.prepare();
      if (failed === null) {
        loading.hidden = true;
      } else {
        loading.textContent = " " + failed + " could not be loaded: the counts and the CSV cover the " +
          data.size + " rows loaded of " + data.total + ". Running crtdiff again writes it again.";
      }
      if (further.length) { announce(); }
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
    form.addEventListener("input", filtered);
    form.addEventListener("change", filtered);
    document.getElementById("f-reset").addEventListener("click", function () {
      Object.keys(fields).forEach(function (name) { fields[name].value = ""; });
      filtered();
    });
    csv.addEventListener("click", function () {
      var rows = matching.map(function (i) {
        var r = data.record(i);
        r.perpetrators = r.perpetrators.map(function (p) { return p[1]; }).join("; ");
        return r;
      });
      var blob = new Blob([toCsv(COLUMNS, rows)], { type: "text/csv;charset=utf-8" });
      var a = link(URL.createObjectURL(blob), "");
      a.download = "incidents.csv";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    });
    apply();
    if (!further.length) { loaded(null); return; }
    table.setAttribute("aria-busy", "true");
    csv.disabled = true;
    loading.hidden = false;
    var counter = loading.querySelector("[data-loaded]");
    counter.textContent = String(data.size);
    loadScripts(further, window.CRTDIFF_INCIDENT_BUILDS, function (part) {
      data.add(part);
      counter.textContent = String(data.size);
      grown();
      data.prepare();
    }, loaded);
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpFilters();
    setUpExplorer();
  });
}());
