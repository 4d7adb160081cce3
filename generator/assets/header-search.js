/* One box: the header's search field shows the best resources of the catalogue search as you
 * type (title, category, the words that matched), above Material's results for the site's own
 * pages. Arrow keys move through both (Material's keyboard handling takes every link of the
 * results); Enter opens the catalogue search with the query, unless a result is selected. The
 * engine (search-engine.js, with lunr.js) is loaded on the first focus of the field. */
(function () {
  "use strict";
  var input = document.querySelector("[data-md-component=search-query]");
  var results = document.querySelector("[data-md-component=search-result]");
  var config = document.getElementById("__config");
  if (!input || !results || !config) return;
  var root = JSON.parse(config.textContent).base;  // the site's root, relative to this page
  var base = root.replace(/\/?$/, "/");
  var page = new URL(base + "search.html", location.href);
  var SHOWN = 5;
  // Material's search panel is a dialog without a name (axe: aria-dialog-name).
  var dialog = document.querySelector(".md-search[role=dialog]");
  if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", window.VCDom._("Search"));

  var box = document.createElement("div");
  box.className = "vc-header-search";
  box.setAttribute("data-md-component", "vc-resources");
  var list = document.createElement("ol");
  list.className = "vc-header-search__list";
  list.setAttribute("aria-label", window.VCDom._("Resources of the catalogue"));
  var note = document.createElement("p");
  note.className = "vc-header-search__note";
  var link = document.createElement("a");
  link.className = "vc-header-search__link";
  box.appendChild(note);
  box.appendChild(list);
  box.appendChild(link);
  results.insertBefore(box, results.firstChild);

  var engine = null, loading = null;
  function load() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var scripts = [];
      if (typeof lunr === "undefined") scripts.push("assets/vc/lunr.js");
      if (!window.VCSearch) scripts.push("assets/vc/search-engine.js");
      (function next() {
        if (!scripts.length) { engine = window.VCSearch.open(base); resolve(engine); return; }
        var s = document.createElement("script");
        s.src = base + scripts.shift();
        s.onload = next;
        s.onerror = function () { reject(new Error("the catalogue search is not there")); };
        document.head.appendChild(s);
      })();
    });
    return loading;
  }

  function target() {
    var q = input.value.trim();
    return page.href + (q ? "#q=" + encodeURIComponent(q) : "");
  }

  var el = window.VCDom.el, _ = window.VCDom._;  // dom.js

  function show(found, docs) {
    list.textContent = "";
    note.textContent = "";
    if (found && found.corrected.length) {
      var corrected = found.corrected.map(function (c) {
        return _("\u201c%(word)s\u201d (you typed \u201c%(typed)s\u201d)", { word: c[1], typed: c[0] });
      }).join(", ");
      note.textContent = _("Resources for %(words)s", { words: corrected });
    }
    docs.forEach(function (doc) {
      var li = el("li", { "class": "vc-header-search__item", "data-id": doc[0] });
      var a = el("a", { href: base + doc[0] + ".html", "class": "vc-header-search__result" });
      a.appendChild(el("span", { "class": "vc-header-search__title" }, doc[1]));
      a.appendChild(el("span", { "class": "vc-badge" }, _(engine.manifest.categories[doc[0].split("/")[0]])));
      var words = found.words.map(function (w) {
        var fixed = found.corrected.filter(function (c) { return c[0] === w; })[0];
        return fixed ? fixed[1] : w;
      });
      a.appendChild(el("span", { "class": "vc-header-search__words" }, _("matches %(words)s", { words: words.join(", ") })));
      li.appendChild(a);
      list.appendChild(li);
    });
    box.setAttribute("data-count", String(docs.length));
  }

  var latest = 0;
  function update() {
    var q = input.value.trim(), mine = ++latest;
    link.href = target();
    link.textContent = q ? _("All resources for \u201c%(query)s\u201d in the catalogue search \u2192",
                             { query: q })
                         : _("Search every resource in the catalogue search \u2192");
    if (!q) { show(null, []); return; }
    box.setAttribute("data-busy", "true");
    load().then(function (e) { return e.search(input.value); }).then(function (found) {
      if (mine !== latest) return null;
      var refs = found ? window.VCSearch.best(found.scores, SHOWN) : [];
      return engine.docs(refs).then(function (docs) {
        if (mine !== latest) return;
        show(found, docs);
        box.removeAttribute("data-busy");
      });
    }).catch(function () {
      show(null, []);
      box.removeAttribute("data-busy");
    });
  }

  input.addEventListener("focus", function () { load().catch(function () {}); });
  input.addEventListener("input", update);
  update();
  // Before Material's own handler (it listens on window, bubbling): Enter in the field.
  window.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || document.activeElement !== input || !input.value.trim()) return;
    event.preventDefault();
    event.stopPropagation();
    location.href = target();
  }, true);
})();
