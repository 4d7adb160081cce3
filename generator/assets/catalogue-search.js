/* The Virtual Centre's catalogue search: the engine (search-engine.js) loads the parts of the
 * index a query needs and scores as lunr scores; this page adds facets with counts, sorting,
 * highlights, and keeps its state in the URL fragment (so it works over file:// and the Back
 * button restores it). */
(function () {
  "use strict";
  var root = document.getElementById("vc-search");
  if (!root || typeof lunr === "undefined" || !window.VCSearch) return;
  var base = root.getAttribute("data-base") || "";
  var engine = window.VCSearch.open(base);
  var timing = window.VC_TIMING = { start: performance.now() };
  var PAGE = 20;
  var FACET_VALUES = 10;  // values shown per filter until "show all"

  var input = document.getElementById("vc-q");
  var sortSelect = document.getElementById("vc-sort");
  var facetsBox = document.getElementById("vc-facets");
  var list = document.getElementById("vc-results");
  var status = document.getElementById("vc-status");
  var more = document.getElementById("vc-more");
  var noResult = document.getElementById("vc-noresult");
  var noResultFilters = document.getElementById("vc-noresult-filters");

  var _ = window.VCDom._, ngettext = window.VCDom.ngettext;
  // The filters' and the sections' names in the page's language (the index has them in
  // English): the page's own words, made by the build (pages/fields.py search_words).
  var labelsBox = document.getElementById("vc-labels");
  var names = labelsBox ? JSON.parse(labelsBox.textContent) : {};
  function facetName(key, english) {
    var found = (names.facets || {})[key];
    return typeof found === "string" ? found : english;
  }
  function valueName(key, value, english) {
    var found = ((names.values || {})[key] || {})[value];
    return typeof found === "string" ? found : english;
  }

  function stem(t) { return lunr.stemmer(new lunr.Token(t)).toString(); }

  var state = { q: "", sort: "relevance", facets: {}, shown: PAGE };
  var expanded = {};  // filters showing all their values
  var facets = null;  // the filters, once loaded (engine.facets)

  function readState() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    // A form elsewhere (the 404 page's) sends ?q=…: read as the fragment would be.
    if (!location.hash && location.search) params = new URLSearchParams(location.search);
    state.q = params.get("q") || "";
    state.sort = params.get("sort") === "date" ? "date" : "relevance";
    state.facets = {};
    engine.manifest.facets.forEach(function (f) {
      var values = params.getAll(f.key);
      if (values.length) state.facets[f.key] = values;
    });
    state.shown = PAGE;
  }

  function stateHash() {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    if (state.sort === "date") params.set("sort", "date");
    Object.keys(state.facets).forEach(function (key) {
      state.facets[key].forEach(function (v) { params.append(key, v); });
    });
    var s = params.toString();
    return s ? "#" + s : "";
  }

  function writeState(push) {
    var hash = stateHash();
    if (hash === location.hash || (!hash && !location.hash)) return;
    var url = location.pathname + location.search + (hash || "#");
    if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
  }

  var el = window.VCDom.el;  // dom.js

  /* Text with the words that match the query wrapped in <mark> (built as DOM, never HTML). */
  function highlighted(tag, text, words) {
    var e = el(tag), plain = "";  // text between marks: one node (fewer for the browser to lay out)
    var stems = words.map(stem);
    text.split(/(\s+|[.,;:!?()"'\u2013\u2014/]+)/).forEach(function (part, n) {
      var f = words.length && n % 2 === 0 ? engine.fold(part) : "";  // odd parts: separators
      var hit = f && /\w/.test(f) && words.some(function (w, i) {
        return f.indexOf(w) === 0 || f.indexOf(stems[i]) === 0;
      });
      if (!hit) { plain += part; return; }
      if (plain) e.appendChild(document.createTextNode(plain));
      e.appendChild(el("mark", {}, part));
      plain = "";
    });
    if (plain) e.appendChild(document.createTextNode(plain));
    return e;
  }

  /* Per facet, a mark of the documents its chosen values allow (null: no value chosen). */
  function allowed() {
    var masks = {};
    facets.forEach(function (f) {
      var chosen = (state.facets[f.key] || []).filter(function (v) { return v in f.refs; });
      if (!state.facets[f.key]) return;
      var mask = new Uint8Array(engine.manifest.docs);
      chosen.forEach(function (v) { f.refs[v].forEach(function (ref) { mask[ref] = 1; }); });
      masks[f.key] = mask;
    });
    return masks;
  }

  function passes(masks, ref, except) {
    for (var key in masks) if (key !== except && !masks[key][ref]) return false;
    return true;
  }

  /* Per facet, each document's values (positions in f.order) and the values' order by label,
   * made once: a keystroke then counts by walking its hits, not every value's documents. */
  var prepared = {};  // facet key -> {start, values, rank}
  function prepare(f) {
    var docs = engine.manifest.docs, start = new Int32Array(docs + 1);
    f.order.forEach(function (v) {
      var refs = f.refs[v];
      for (var i = 0; i < refs.length; i++) start[refs[i] + 1]++;
    });
    for (var d = 0; d < docs; d++) start[d + 1] += start[d];
    var values = new Int32Array(start[docs]), next = start.slice(0, docs);
    f.order.forEach(function (v, n) {
      var refs = f.refs[v];
      for (var i = 0; i < refs.length; i++) values[next[refs[i]]++] = n;
    });
    var byLabel = f.order.map(function (v, n) { return n; }), rank = new Int32Array(f.order.length);
    var collator = new Intl.Collator();
    byLabel.sort(function (a, b) { return collator.compare(f.labels[f.order[a]], f.labels[f.order[b]]); });
    byLabel.forEach(function (n, r) { rank[n] = r; });
    return { start: start, values: values, rank: rank };
  }

  /* One mark of the documents every chosen filter but this one allows (null: none chosen). */
  function othersAllow(masks, except) {
    var keys = Object.keys(masks).filter(function (key) { return key !== except; });
    if (!keys.length) return null;
    if (keys.length === 1) return masks[keys[0]];
    var docs = engine.manifest.docs, ok = new Uint8Array(docs);
    for (var ref = 0; ref < docs; ref++) ok[ref] = passes(masks, ref, except) ? 1 : 0;
    return ok;
  }

  /* How many of the hits have each value of f, among those the other filters allow. */
  function countValues(f, hitRefs, masks) {
    var p = prepared[f.key] || (prepared[f.key] = prepare(f));
    var counts = new Int32Array(f.order.length), others = othersAllow(masks, f.key);
    var start = p.start, values = p.values;
    for (var i = 0; i < hitRefs.length; i++) {
      var ref = hitRefs[i];
      if (others && !others[ref]) continue;
      for (var k = start[ref]; k < start[ref + 1]; k++) counts[values[k]]++;
    }
    return { counts: counts, rank: p.rank };
  }

  /* The filters with their counts for these hits. Each value's label is made once and kept:
   * a keystroke changes counts and order, and updating them is cheaper for the browser than
   * new elements. */
  var facetBoxes = {};  // facet key -> {box, labels: value -> {label, input, count}, shown}
  function renderFacets(hitRefs, masks) {
    var boxes = [];
    facets.forEach(function (f) {
      var counted = countValues(f, hitRefs, masks), counts = {}, rank = counted.rank;
      var selected = state.facets[f.key] || [], chosen = [];
      for (var n = 0; n < f.order.length; n++) {
        var v = f.order[n];
        if (counted.counts[n]) counts[v] = counted.counts[n];
        if (counted.counts[n] || (selected.length && selected.indexOf(v) >= 0)) chosen.push(n);
      }
      if (!chosen.length) return;
      chosen.sort(function (a, b) { return counted.counts[b] - counted.counts[a] || rank[a] - rank[b]; });
      var values = chosen.map(function (n) { return f.order[n]; });
      var hidden = 0;
      if (!expanded[f.key] && values.length > FACET_VALUES) {
        var all = values.length;
        values = values.filter(function (v, n) { return n < FACET_VALUES || selected.indexOf(v) >= 0; });
        hidden = all - values.length;
      }
      var facet = facetBoxes[f.key] || (facetBoxes[f.key] = facetBox(f));
      var shown = values.join("\u0000") + "\u0000" + hidden;
      if (facet.shown !== shown) {  // other values or another order: the labels rearranged
        while (facet.box.lastChild !== facet.legend) facet.box.removeChild(facet.box.lastChild);
        values.forEach(function (v) {
          facet.box.appendChild((facet.labels[v] = facet.labels[v] || valueLabel(f, v)).label);
        });
        if (hidden) {
          facet.box.appendChild(el("button", { type: "button", "class": "vc-facet__all",
                                               "data-expand": f.key },
                                      ngettext("Show %(num)s more", "Show %(num)s more", hidden,
                                               { num: hidden })));
        }
        facet.shown = shown;
      }
      values.forEach(function (v) {
        var value = facet.labels[v], text = "(" + (counts[v] || 0) + ")";
        if (value.count.textContent !== text) value.count.textContent = text;
        value.input.checked = selected.indexOf(v) >= 0;
      });
      boxes.push(facet.box);
    });
    var same = boxes.length === facetsBox.children.length &&
      boxes.every(function (box, n) { return facetsBox.children[n] === box; });
    if (!same) {
      facetsBox.textContent = "";
      boxes.forEach(function (box) { facetsBox.appendChild(box); });
    }
  }

  function facetBox(f) {
    var english = engine.manifest.facets.filter(function (x) { return x.key === f.key; })[0].label;
    var label = facetName(f.key, english);
    var box = el("fieldset", { "class": "vc-facet", "data-facet": f.key });
    var legend = el("legend", {}, label);
    box.appendChild(legend);
    return { box: box, legend: legend, labels: {}, shown: null };
  }

  function valueLabel(f, v) {
    var id = "vc-f-" + f.key + "-" + v.replace(/[^A-Za-z0-9_-]/g, "_");
    var label = el("label", { "for": id });
    var input_ = el("input", { type: "checkbox", id: id, value: v, "data-facet": f.key });
    var count = el("span", { "class": "vc-facet__count" });
    label.appendChild(input_);
    label.appendChild(document.createTextNode(" " + valueName(f.key, v, f.labels[v]) + " "));
    label.appendChild(count);
    return { label: label, input: input_, count: count };
  }

  function renderResults(docs, total, words) {
    list.textContent = "";
    docs.forEach(function (doc) {
      var li = el("li", { "class": "vc-result", "data-id": doc[0] });
      var title = el("h2", { "class": "vc-result__title" });
      var link = el("a", { href: base + doc[0] + ".html" });
      link.appendChild(highlighted("span", doc[1], words));
      title.appendChild(link);
      li.appendChild(title);
      var meta = el("p", { "class": "vc-card__meta" });
      meta.appendChild(el("span", { "class": "vc-badge" },
                          valueName("category", doc[0].split("/")[0],
                                    engine.manifest.categories[doc[0].split("/")[0]])));
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(el("time", { datetime: doc[3] }, doc[3]));
      if (doc[4]) {
        meta.appendChild(document.createTextNode(" "));
        meta.appendChild(el("span", { "class": "vc-badge vc-badge--fact" }, doc[4]));
      }
      if (doc[5]) {  // invented for demonstration
        meta.appendChild(document.createTextNode(" "));
        meta.appendChild(el("span", { "class": "vc-badge vc-badge--example" }, _("Example")));
      }
      li.appendChild(meta);
      li.appendChild(highlighted("p", doc[2], words));
      list.appendChild(li);
    });
    more.hidden = total <= state.shown;
  }

  function said(found, count) {
    var text = ngettext("%(num)s result", "%(num)s results", count,
                        { num: window.VCDom.number(count) });
    if (found && found.partial && count) {
      text = _("No resource has every word of \u201c%(words)s\u201d: %(results)s with some of " +
               "them, those with most of them first", { words: found.words.join(" "), results: text });
    }
    if (found && found.named.length && count) {  // read as concepts of the thesaurus
      text = _("%(results)s, also under other names of \u201c%(concept)s\u201d",
               { results: text, concept: found.named.map(function (n) {
                 return engine.title(n); }).join(", ") });
    }
    if (found && found.corrected.length) {
      var corrected = found.corrected.map(function (c) {
        return _("\u201c%(word)s\u201d (you typed \u201c%(typed)s\u201d)", { word: c[1], typed: c[0] });
      }).join(", ");
      text = _("%(results)s for %(words)s", { results: text, words: corrected });
    }
    return text;
  }

  var latest = 0;  // the last update asked for: an older one that ends later is dropped
  function update() {
    var mine = ++latest;
    root.setAttribute("data-busy", "true");  // until results and filters follow the state
    var needFacets = Object.keys(state.facets).length > 0 || !state.q.trim();
    return Promise.all([engine.search(state.q), needFacets ? engine.facets() : null])
      .then(function (both) {
        if (mine !== latest) return null;
        var found = both[0];
        if (both[1]) facets = both[1];
        var all = engine.manifest.docs, refs = [];
        if (found) {
          refs = found.scores.refs;
        } else {
          for (var i = 0; i < all; i++) refs.push(i);
          refs = engine.visible(refs);  // one version of each resource: the page's language's
        }
        var masks = facets ? allowed() : {};
        var shown = Object.keys(masks).length ?
          refs.filter(function (ref) { return passes(masks, ref); }) : refs;
        var page = state.sort === "relevance" && found ?
          window.VCSearch.best({ refs: shown, of: found.scores.of }, state.shown) :
          shown.slice(0, state.shown);  // refs ascending: newest first
        return engine.docs(page).then(function (docs) {
          if (mine !== latest) return;
          var words = found ? found.words : [];
          renderResults(docs, shown.length, words);
          status.textContent = said(found, shown.length);
          // No result: never a blank page (the filters to drop, other words, the sections).
          noResult.hidden = shown.length > 0;
          noResultFilters.hidden = !(shown.length === 0 && refs.length > 0 &&
                                     Object.keys(state.facets).length);
          if (!root.hasAttribute("data-ready")) {
            root.setAttribute("data-first-results-ms", String(Math.round(performance.now())));
            // What the first results needed of the index (benchmarks count it).
            root.setAttribute("data-first-files", engine.requested.join(" "));
            engine.warm();
          }
          root.setAttribute("data-ready", "true");
          // The filters' counts: with the results, or just after them (a first query does
          // not wait for the filters' file).
          return (facets ? Promise.resolve(facets) : engine.facets()).then(function (f) {
            if (mine !== latest) return;
            facets = f;
            renderFacets(refs, allowed());
            root.removeAttribute("data-busy");
          });
        });
      }).catch(function (error) {
        status.textContent = _("The search could not load its index (%(error)s).",
                             { error: error.message });
        root.setAttribute("data-ready", "true");
        root.removeAttribute("data-busy");
      });
  }

  function fromUrl() {
    readState();
    input.value = state.q;
    sortSelect.value = state.sort;
    return update();
  }

  input.addEventListener("input", function () {
    state.q = input.value;
    state.shown = PAGE;
    update();
    writeState(false);
  });
  input.addEventListener("change", function () { writeState(true); });
  sortSelect.addEventListener("change", function () {
    state.sort = sortSelect.value; update(); writeState(true);
  });
  facetsBox.addEventListener("change", function (event) {
    var box = event.target;
    var key = box.getAttribute("data-facet");
    if (!key) return;
    var values = state.facets[key] || [];
    values = values.filter(function (v) { return v !== box.value; });
    if (box.checked) values.push(box.value);
    if (values.length) state.facets[key] = values; else delete state.facets[key];
    state.shown = PAGE;
    var id = box.id;
    update().then(function () {
      var again = document.getElementById(id);
      if (again) again.focus();
    });
    writeState(true);
  });
  more.addEventListener("click", function () { state.shown += PAGE; update(); });
  document.getElementById("vc-noresult-clear").addEventListener("click", function () {
    state.facets = {};
    state.shown = PAGE;
    update();
    writeState(true);
  });
  facetsBox.addEventListener("click", function (event) {
    var key = event.target.getAttribute && event.target.getAttribute("data-expand");
    if (!key) return;
    expanded[key] = true;
    update().then(function () {
      var first = facetsBox.querySelector('fieldset[data-facet="' + key + '"] input');
      if (first) first.focus();
    });
  });
  document.getElementById("vc-search-form").addEventListener("submit", function (e) {
    e.preventDefault(); writeState(true);
  });
  window.addEventListener("popstate", fromUrl);
  window.addEventListener("hashchange", fromUrl);
  engine.ready().then(function () {
    timing.manifest = performance.now();
    return fromUrl();
  }).catch(function (error) {
    status.textContent = _("The search could not load its index (%(error)s).",
                             { error: error.message });
  });
})();
