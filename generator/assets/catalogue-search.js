/* The Virtual Centre's catalogue search: a prebuilt lunr index scored as lunr scores it (see
 * score()), facets with counts, state in the URL fragment (so it works over file:// and the
 * Back button restores it). */
(function () {
  "use strict";
  var data = window.VC_SEARCH;
  var root = document.getElementById("vc-search");
  if (!data || !root || typeof lunr === "undefined") return;
  var base = root.getAttribute("data-base") || "";
  var timing = window.VC_TIMING = { start: performance.now() };

  /* The payload's compact index (search.py: compact_index): its terms, sorted, each with its
   * number and postings. A clause's term is expanded into the index's terms as lunr's token
   * set would (lunr.Index.load built one of every term, ~50 ms at 10,000 resources, before
   * the first results): the term itself, or with a trailing '*' every term it begins, found
   * by binary search; lunr's token set is built only for a '*' elsewhere in a word. */
  var terms = data.index.terms;
  var pipeline = lunr.Pipeline.load(data.index.pipeline);
  var byIndex = null;  // the terms by their number
  var tokenSet = null;
  function prepare() {
    if (byIndex) return;
    byIndex = [];
    terms.forEach(function (t) { byIndex[t[1]] = t; });
    timing.indexed = performance.now();
  }
  function firstAtOrAfter(word) {
    var lo = 0, hi = terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (terms[mid][0] < word) lo = mid + 1; else hi = mid;
    }
    return lo;
  }
  function expand(term) {
    var star = term.indexOf("*"), out = [], i;
    if (star < 0) {
      i = firstAtOrAfter(term);
      if (i < terms.length && terms[i][0] === term) out.push(terms[i]);
    } else if (star === term.length - 1) {
      var prefix = term.slice(0, -1);
      for (i = firstAtOrAfter(prefix); i < terms.length && terms[i][0].lastIndexOf(prefix, 0) === 0;
           i++) out.push(terms[i]);
    } else {
      if (!tokenSet) tokenSet = lunr.TokenSet.fromArray(terms.map(function (t) { return t[0]; }));
      tokenSet.intersect(lunr.TokenSet.fromString(term)).toArray().forEach(function (word) {
        out.push(terms[firstAtOrAfter(word)]);
      });
    }
    return out;
  }

  /* lunr's scores of a query (lunr.Index.query), without its match data: for each field, the
   * query's vector (each term the query expands to, with the boosts of its clauses added up,
   * as lunr builds it); a document's score in a field is the dot product of that vector with
   * the document's field vector, divided by the query vector's magnitude
   * (lunr.Vector.similarity), summed over the fields. The products of each document are added
   * in ascending term number, as lunr.Vector.dot adds them: the scores are lunr's numbers (a
   * browser test compares the rankings), without building any document's vector, match data
   * or field references (lunr spent most of a keystroke on those for common prefixes). */
  function score(build) {
    prepare();
    var fields = data.index.fields, q = new lunr.Query(fields);
    build(q);
    var vectors = fields.map(function () { return new lunr.Vector(); });
    q.clauses.forEach(function (clause) {
      var words = clause.usePipeline ?
        pipeline.runString(clause.term, { fields: clause.fields }) : [clause.term];
      words.forEach(function (word) {
        expand(word).forEach(function (t) {
          clause.fields.forEach(function (f) {
            vectors[fields.indexOf(f)].upsert(t[1], clause.boost,
                                              function (a, b) { return a + b; });
          });
        });
      });
    });
    var scores = {};
    vectors.forEach(function (vector, fi) {
      var a = vector.elements, dots = {}, magnitude = vector.magnitude();
      for (var n = 0; n < a.length; n += 2) {
        var t = byIndex[a[n]];
        for (var k = 0; k < t[2].length; k++) {
          if (t[2][k][0] !== fi) continue;
          var pf = t[2][k], ref = 0;
          for (var i = 0; i < pf[1].length; i++) {
            ref += pf[1][i];
            dots[ref] = (dots[ref] || 0) + a[n + 1] * (pf[2][i] / 10);
          }
        }
      }
      for (var doc in dots) {
        var s = dots[doc] / magnitude || 0;
        scores[doc] = doc in scores ? scores[doc] + s : s;
      }
    });
    return scores;
  }

  var docs = data.docs;
  // Facet labels by value, and each document's facet values by facet key.
  data.facets.forEach(function (f) {
    f.order = f.values.map(function (pair) { return pair[0]; });
    f.values = f.values.reduce(function (o, pair) { o[pair[0]] = pair[1]; return o; }, {});
  });
  docs.forEach(function (doc) {
    var byKey = {};
    data.facets.forEach(function (f, i) {
      byKey[f.key] = doc[5][i].map(function (n) { return f.order[n]; });
    });
    doc[5] = byKey;
  });
  var PAGE = 20;
  var FACET_VALUES = 10;  // values shown per filter until "show all"

  var input = document.getElementById("vc-q");
  var sortSelect = document.getElementById("vc-sort");
  var facetsBox = document.getElementById("vc-facets");
  var list = document.getElementById("vc-results");
  var status = document.getElementById("vc-status");
  var more = document.getElementById("vc-more");

  var separators = new RegExp(data.separators, "g");
  function fold(text) {
    var s = text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
    s = s.replace(/[^\u0000-\u007f]/g, function (c) { return data.fold[c] || c; });
    return s.replace(separators, " ");
  }

  function tokens(query) {
    return fold(query).split(/[\s\-]+/).map(function (t) {
      return t.replace(/^\W+/, "").replace(/\W+$/, "");
    }).filter(Boolean);
  }

  function stem(t) { return lunr.stemmer(new lunr.Token(t)).toString(); }

  /* Every word must match (as a word or its stem; the word being typed also as a prefix,
   * from its third letter, since shorter prefixes match most of a large catalogue). */
  var MIN_PREFIX = 3;
  var cache = {};  // word -> its matches: earlier words of a query are not searched again
  var cached = 0;
  function matches(word, prefix) {
    var key = (prefix ? "*" : "=") + word;
    if (key in cache) return cache[key];
    if (++cached > 200) { cache = {}; cached = 1; }
    var found = score(function (q) {
      q.term(word, { boost: 10 });
      if (prefix) {
        q.term(word, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 2 });
        var s = stem(word);
        if (s !== word) q.term(s, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
      }
    });
    return (cache[key] = found);
  }

  function search(query) {
    var words = tokens(query);
    if (!words.length) return null;
    var typing = !/[\s\-]$/.test(query);
    var scores = null;
    words.forEach(function (word, n) {
      var found = matches(word, typing && n === words.length - 1 && word.length >= MIN_PREFIX);
      if (scores === null) { scores = found; return; }
      var next = {};
      Object.keys(scores).forEach(function (ref) {
        if (ref in found) next[ref] = scores[ref] + found[ref];
      });
      scores = next;
    });
    return scores;
  }

  var state = { q: "", sort: "relevance", facets: {}, shown: PAGE };
  var expanded = {};  // filters showing all their values

  function readState() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    state.q = params.get("q") || "";
    state.sort = params.get("sort") === "date" ? "date" : "relevance";
    state.facets = {};
    data.facets.forEach(function (f) {
      var values = params.getAll(f.key).filter(function (v) { return v in f.values; });
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

  function matchesFacets(doc, except) {
    var values = doc[5];
    return Object.keys(state.facets).every(function (key) {
      if (key === except) return true;
      var have = values[key] || [];
      return state.facets[key].some(function (v) { return have.indexOf(v) >= 0; });
    });
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /* Text with the words that match the query wrapped in <mark> (built as DOM, never HTML). */
  function highlighted(tag, text, words) {
    var e = el(tag);
    var stems = words.map(stem);
    text.split(/(\s+|[.,;:!?()"'\u2013\u2014\/]+)/).forEach(function (part) {
      var f = fold(part);
      var hit = f && /\w/.test(f) && words.some(function (w, i) {
        return f.indexOf(w) === 0 || f.indexOf(stems[i]) === 0;
      });
      e.appendChild(hit ? el("mark", {}, part) : document.createTextNode(part));
    });
    return e;
  }

  function renderFacets(hits) {
    facetsBox.textContent = "";
    data.facets.forEach(function (f) {
      var counts = {};
      hits.forEach(function (h) {
        var doc = docs[h.ref];
        if (!matchesFacets(doc, f.key)) return;
        (doc[5][f.key] || []).forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
      });
      var selected = state.facets[f.key] || [];
      var values = Object.keys(f.values).filter(function (v) {
        return counts[v] || selected.indexOf(v) >= 0;
      });
      if (!values.length) return;
      values.sort(function (a, b) { return (counts[b] || 0) - (counts[a] || 0) ||
        f.values[a].localeCompare(f.values[b]); });
      var hidden = 0;
      if (!expanded[f.key] && values.length > FACET_VALUES) {
        var all = values.length;
        values = values.filter(function (v, n) { return n < FACET_VALUES || selected.indexOf(v) >= 0; });
        hidden = all - values.length;
      }
      var box = el("fieldset", { "class": "vc-facet", "data-facet": f.key });
      box.appendChild(el("legend", {}, f.label));
      values.forEach(function (v) {
        var id = "vc-f-" + f.key + "-" + v.replace(/[^A-Za-z0-9_-]/g, "_");
        var label = el("label", { "for": id });
        var box_ = el("input", { type: "checkbox", id: id, value: v, "data-facet": f.key });
        box_.checked = selected.indexOf(v) >= 0;
        label.appendChild(box_);
        label.appendChild(document.createTextNode(" " + f.values[v] + " "));
        label.appendChild(el("span", { "class": "vc-facet__count" }, "(" + (counts[v] || 0) + ")"));
        box.appendChild(label);
      });
      if (hidden) {
        box.appendChild(el("button", { type: "button", "class": "vc-facet__all",
                                       "data-expand": f.key }, "Show " + hidden + " more"));
      }
      facetsBox.appendChild(box);
    });
  }

  function renderResults(hits, words) {
    list.textContent = "";
    hits.slice(0, state.shown).forEach(function (h) {
      var doc = docs[h.ref];
      var li = el("li", { "class": "vc-result", "data-id": doc[0] });
      var title = el("h2", { "class": "vc-result__title" });
      var link = el("a", { href: base + doc[0] + ".html" });
      link.appendChild(highlighted("span", doc[1], words));
      title.appendChild(link);
      li.appendChild(title);
      var meta = el("p", { "class": "vc-card__meta" });
      meta.appendChild(el("span", { "class": "vc-badge" }, data.categories[doc[0].split("/")[0]]));
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(el("time", { datetime: doc[3] }, doc[3]));
      if (doc[4]) {
        meta.appendChild(document.createTextNode(" "));
        meta.appendChild(el("span", { "class": "vc-badge vc-badge--fact" }, doc[4]));
      }
      li.appendChild(meta);
      if (doc[6]) {  // invented for demonstration
        meta.appendChild(document.createTextNode(" "));
        meta.appendChild(el("span", { "class": "vc-badge vc-badge--example" }, "Example"));
      }
      li.appendChild(highlighted("p", doc[2], words));
      list.appendChild(li);
    });
    more.hidden = hits.length <= state.shown;
  }

  function update() {
    var words = tokens(state.q);
    var scores = search(state.q);
    var hits = [];
    for (var i = 0; i < docs.length; i++) {
      if (scores === null || i in scores) hits.push({ ref: i, score: scores ? scores[i] : 0 });
    }
    var shown = hits.filter(function (h) { return matchesFacets(docs[h.ref]); });
    if (state.sort === "date" || scores === null) {
      shown.sort(function (a, b) { return docs[b.ref][3].localeCompare(docs[a.ref][3]) || a.ref - b.ref; });
    } else {
      shown.sort(function (a, b) { return b.score - a.score || a.ref - b.ref; });
    }
    renderFacets(hits);
    renderResults(shown, words);
    status.textContent = shown.length === 1 ? "1 result" : shown.length + " results";
    if (!root.hasAttribute("data-ready")) {
      root.setAttribute("data-first-results-ms", String(Math.round(performance.now())));
    }
    root.setAttribute("data-ready", "true");
  }

  function fromUrl() {
    readState();
    input.value = state.q;
    sortSelect.value = state.sort;
    update();
  }

  var typing = null;
  input.addEventListener("input", function () {
    state.q = input.value;
    state.shown = PAGE;
    update();
    // One history entry per pause in typing, not per keystroke.
    writeState(false);
    clearTimeout(typing);
    typing = setTimeout(function () { typing = null; }, 800);
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
    update();
    writeState(true);
    var again = document.getElementById(box.id);
    if (again) again.focus();
  });
  more.addEventListener("click", function () { state.shown += PAGE; update(); });
  facetsBox.addEventListener("click", function (event) {
    var key = event.target.getAttribute && event.target.getAttribute("data-expand");
    if (!key) return;
    expanded[key] = true;
    update();
    var first = facetsBox.querySelector('fieldset[data-facet="' + key + '"] input');
    if (first) first.focus();
  });
  document.getElementById("vc-search-form").addEventListener("submit", function (e) {
    e.preventDefault(); writeState(true);
  });
  window.addEventListener("popstate", fromUrl);
  window.addEventListener("hashchange", fromUrl);
  fromUrl();
  setTimeout(prepare, 0);  // ready before the first keystroke, after the first results
})();
