// crtdiff search page: queries the Pagefind bundles of the site (offline; same site), one per
// country (<country>/pagefind/), listed in assets/search-bundles.js: the first is loaded, the
// others merged into it.
(function () {
  "use strict";
  var MAX_RESULTS = 30;
  var pagefind = null;

  function siteBase() {
    return new URL(".", window.location.href);
  }

  function load() {
    if (pagefind) { return Promise.resolve(pagefind); }
    var base = siteBase();
    var bundles = window.CRTDIFF_SEARCH_BUNDLES || [];
    if (!bundles.length) { return Promise.reject(new Error("no chapter is indexed")); }
    return import(new URL(bundles[0] + "pagefind.js", base).href).then(function (module) {
      return module.options({ baseUrl: base.pathname }).then(function () {
        return Promise.all(bundles.slice(1).map(function (bundle) {
          return module.mergeIndex(new URL(bundle, base).pathname, { baseUrl: base.pathname });
        }));
      }).then(function () {
        pagefind = module;
        return module;
      });
    });
  }

  // Pagefind excerpts are HTML with <mark> around the hits: keep the text and the marks only.
  function excerptNodes(html) {
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    var out = document.createElement("p");
    doc.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeType === Node.ELEMENT_NODE && node.tagName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function show(results, status, list, query, total) {
    list.replaceChildren();
    results.forEach(function (data) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = data.url;
      link.textContent = (data.meta && data.meta.title) || data.url;
      var heading = document.createElement("h2");
      heading.className = "result-title";
      heading.appendChild(link);
      item.appendChild(heading);
      if (data.meta && data.meta.kind) {
        var kind = document.createElement("span");
        kind.className = "muted";
        kind.textContent = data.meta.kind;
        item.appendChild(kind);
      }
      item.appendChild(excerptNodes(data.excerpt || ""));
      list.appendChild(item);
    });
    status.textContent = total === 0
      ? "No page matches \u201c" + query + "\u201d."
      : total + " page(s) match \u201c" + query + "\u201d" + (total > results.length ? "; the first " + results.length + " are shown." : ".");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("search-form");
    var input = document.getElementById("search-query");
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    var query = new URLSearchParams(window.location.search).get("q") || "";
    input.value = query;
    if (window.location.protocol === "file:") {
      document.getElementById("search-file-note").hidden = false;
      status.textContent = "Search is not available on a page opened from disk.";
      return;
    }
    var latest = 0;
    function run(text) {
      var ticket = ++latest;
      text = text.trim();
      if (!text) { list.replaceChildren(); status.textContent = ""; return; }
      status.textContent = "Searching\u2026";
      load().then(function (pf) { return pf.search(text); }).then(function (search) {
        var chosen = search.results.slice(0, MAX_RESULTS);
        return Promise.all(chosen.map(function (r) { return r.data(); })).then(function (data) {
          if (ticket === latest) { show(data, status, list, text, search.results.length); }
        });
      }).catch(function (error) {
        status.textContent = "The search index could not be loaded (" + error + ").";
      });
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var url = new URL(window.location.href);
      url.searchParams.set("q", input.value);
      window.history.replaceState(null, "", url);
      run(input.value);
    });
    run(query);
  });
}());
