/* The catalogue search's engine, shared by the search page and the header's box.
 *
 * The index is split into scripts (outputs/search.py: split): a manifest, the postings of the
 * terms beginning with two letters (parts of a large group), each group's words for typo
 * correction, the result cards in chunks and the documents of each filter value. A query loads
 * only what it needs, as <script> elements (they load from file://, where fetch cannot), and
 * scores as lunr.js 2.3.9 scores (lunr.Index.query): the scores are lunr's numbers.
 */
(function () {
  "use strict";
  var loaded = {}, waiting = {};
  window.VC_SEARCH_LOAD = function (name, data) {
    if (name.slice(0, 2) === "c-") {  // a bundle of card chunks: each chunk is loaded too
      Object.keys(data).forEach(function (chunk) { window.VC_SEARCH_LOAD(chunk, data[chunk]); });
      data = true;
    }
    loaded[name] = data;
    (waiting[name] || []).forEach(function (w) { w.resolve(data); });
    delete waiting[name];
  };

  var MIN_PREFIX = 3;  // a word being typed matches as a prefix from its third letter
  var MIN_TYPO = 5;    // a word is corrected (one letter off) from its fifth letter
  var CORRECTED_BOOST = 1;  // exact words weigh 10: a corrected word ranks below them

  // Files that are not the index's: the stemmers' scripts, stem.js (every language) and
  // stem-<code>.js (one language each; outputs/stemmers.py).
  function address(name) {
    return name.lastIndexOf("stem", 0) === 0 ? "assets/vc/" + name + ".js"
      : "assets/vc/search/" + name + ".js";
  }
  // A word's leading and trailing signs that are neither letters nor digits, in any script.
  var EDGES = new RegExp("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "gu");

  var AHEAD = 4;  // files loaded ahead at once, in the background
  var MEMO = 64;  // words whose matches are kept
  var idle = window.requestIdleCallback || function (f) { return setTimeout(f, 20); };

  function Engine(base) {
    this.base = base;
    this.manifest = null;
    this.requested = [];  // every file a query asked for, in order (tests and benchmarks read it)
    this.ahead = [];      // files asked for ahead of a query, in order
    this.queue = [];      // files to load ahead, the most wanted first
    this.loading = 0;     // of them, being loaded
    this.memo = {};       // a word's matches, by word ("=" finished, "*" being typed)
    this.memoOrder = [];  // their keys, oldest first
  }

  /* A file of the index, loaded once (`ahead`: for a later query, not this one). */
  Engine.prototype.file = function (name, ahead) {
    if (name in loaded) return Promise.resolve(loaded[name]);
    var self = this;
    return new Promise(function (resolve, reject) {
      if (waiting[name]) { waiting[name].push({ resolve: resolve, reject: reject }); return; }
      waiting[name] = [{ resolve: resolve, reject: reject }];
      (ahead ? self.ahead : self.requested).push(name);
      var script = document.createElement("script");
      script.src = self.base + address(name);
      script.onerror = function () {
        (waiting[name] || []).forEach(function (w) { w.reject(new Error("cannot load " + name)); });
        delete waiting[name];
      };
      document.head.appendChild(script);
    });
  };

  Engine.prototype.ready = function () {
    var self = this;
    if (this.manifest) return Promise.resolve(this.manifest);
    return this.file("index").then(function (m) {
      if (!self.manifest) {
        self.manifest = m;
        self.pipeline = lunr.Pipeline.load(m.pipeline);
        self.separators = new RegExp(m.separators, "g");
        self.groups = {};  // group -> its parts [first term, file], in term order
        m.shards.forEach(function (s) { (self.groups[s[0]] = self.groups[s[0]] || []).push([s[1], s[2]]); });
        self.byIndex = {};  // term number -> entry, for the terms loaded so far
      }
      return m;
    });
  };

  /* Files a later keystroke will want, loaded while the page is idle, a few at a time (each
   * takes the main thread for a moment when it arrives): `first` puts them before the rest. */
  Engine.prototype.later = function (names, first) {
    var self = this;
    names = names.filter(function (n) { return !(n in loaded) && self.queue.indexOf(n) < 0; });
    this.queue = first ? names.concat(this.queue) : this.queue.concat(names);
    this.pump();
  };

  Engine.prototype.pump = function () {
    var self = this;
    while (this.loading < AHEAD && this.queue.length) {
      var name = this.queue.shift();
      if (name in loaded || waiting[name]) continue;
      this.loading++;
      idle(function (name) {
        return function () {
          self.file(name, true).catch(function () {}).then(function () {
            self.loading--;
            self.pump();
          });
        };
      }(name));
    }
  };

  /* Every result card, loaded ahead in bundles of chunks when the manifest says they are few
   * enough (a later query then waits for no card). */
  Engine.prototype.warm = function () {
    var m = this.manifest, bundles = [];
    if (!m || !m.prefetch_cards) return;
    var chunks = Math.ceil(m.docs / m.chunk);
    for (var b = 0; b * m.bundle < chunks; b++) {
      for (var c = b * m.bundle; c < Math.min(chunks, (b + 1) * m.bundle); c++) {
        if (!("d-" + c in loaded)) { bundles.push("c-" + b); break; }
      }
    }
    this.later(bundles, false);
  };

  /* The documents a page in this language leaves out: other languages' translations, and the
   * originals it has a translation of (the manifest's `hidden`, by language; a language with
   * no translation: English's list). One version of a resource per page. */
  Engine.prototype.visible = function (refs) {
    if (!this.hiddenHere) {
      var by = this.manifest.hidden || {}, lang = (document.documentElement.lang || "en");
      var mask = this.hiddenHere = new Uint8Array(this.manifest.docs);
      (by[lang.slice(0, 2)] || by.en || []).forEach(function (ref) { mask[ref] = 1; });
    }
    var hidden = this.hiddenHere;
    return refs.filter(function (ref) { return !hidden[ref]; });
  };

  /* The scores' documents a page shows: its language's versions; when only other versions
   * match (a German word typed on an English page), those. */
  Engine.prototype.shown = function (scores) {
    var visible = this.visible(scores.refs);
    if (visible.length || !scores.refs.length) scores.refs = visible;
    return scores;
  };

  /* A concept's name in the page's language (else in English). */
  Engine.prototype.title = function (n) {
    var titles = this.manifest.thesaurus.titles[n];
    return titles[(document.documentElement.lang || "en").slice(0, 2)] || titles.en;
  };

  /* Whether a file of the index is loaded (tests read it). */
  Engine.prototype.has = function (name) { return name in loaded; };

  Engine.prototype.fold = function (text) {
    var fold = this.manifest.fold;
    var s = text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
    s = s.replace(/[\u0080-\uffff]/g, function (c) { return fold[c] || c; });  // not ASCII
    return s.toLowerCase().replace(this.separators, " ");  // '𝐀' decomposes into 'A'
  };

  function trim(t) { return t.replace(/^\W+/, "").replace(/\W+$/, ""); }

  Engine.prototype.tokens = function (query) {
    return this.pairs(query).map(function (p) { return p[0]; });
  };

  /* The query's words as [folded, as written (lower case, with its accents)]: the index holds
   * words folded, and a stemmer reads them as written. */
  Engine.prototype.pairs = function (query) {
    var self = this, out = [];
    query.toLowerCase().replace(this.separators, " ").split(/[\s-]+/).forEach(function (raw) {
      var folded = self.fold(raw).split(/[\s-]+/).map(trim).filter(Boolean);
      folded.forEach(function (w) {
        out.push([w, folded.length === 1 ? raw.replace(EDGES, "") : w]);
      });
    });
    return out;
  };

  function stem(word) { return lunr.stemmer(new lunr.Token(word)).toString(); }
  function groupOf(term) { return term.slice(0, 2); }

  /* The parts of a term's group that may hold terms from `from` up to `to` (inclusive). */
  Engine.prototype.parts = function (from, to) {
    var parts = this.groups[groupOf(from)] || [];
    return parts.filter(function (p, i) {
      var next = parts[i + 1];
      return p[0] <= to && (!next || next[0] > from);
    }).map(function (p) { return p[1]; });
  };

  /* The entries [term, number, postings] of terms equal to `word` or, as a prefix, beginning
   * with it, from the parts that hold them (loaded as needed). */
  Engine.prototype.lookup = function (word, prefix) {
    var self = this, to = prefix ? word + "\uffff" : word;
    return Promise.all(this.parts(word, to).map(function (name) { return self.file(name); }))
      .then(function (parts) {
        var out = [];
        parts.forEach(function (entries) {
          for (var i = lowerBound(entries, word); i < entries.length; i++) {
            var t = entries[i][0];
            if (prefix ? t.lastIndexOf(word, 0) !== 0 : t !== word) break;
            out.push(entries[i]);
            self.byIndex[entries[i][1]] = entries[i];
          }
        });
        return out;
      });
  };

  function lowerBound(entries, word) {
    var lo = 0, hi = entries.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (entries[mid][0] < word) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /* The clauses of one word as lunr would query it (the query's pipeline, then each term the
   * clause expands to): the word itself (boost 10); being typed, also the word and its stem as
   * prefixes (boosts 2 and 1). */
  Engine.prototype.clauses = function (word, prefix) {
    var out = [{ words: this.pipeline.runString(word), prefix: false, boost: 10 }];
    if (prefix) {
      out.push({ words: [word], prefix: true, boost: 2 });
      var s = stem(word);
      if (s !== word) out.push({ words: [s], prefix: true, boost: 1 });
    }
    return out;
  };

  /* Documents matched and their scores: `refs` ascending, `of[ref]` a score, `has[ref]` 1 for
   * a document matched (typed arrays: a query of thousands of documents is added up in a few
   * milliseconds). */
  function Scores(docs) {
    this.refs = [];
    this.of = new Float64Array(docs);
    this.has = new Uint8Array(docs);
  }

  /* lunr's scores of one word (lunr.Index.query): the query's vector (each term its clauses
   * expand to, the boosts of its clauses added up; the same in every field); a document's score
   * in a field is the dot product of that vector with the document's field vector over the
   * query vector's magnitude (lunr.Vector.similarity), summed over the fields, the products
   * added in ascending term number as lunr.Vector.dot adds them. The vector is built as a map
   * and sorted once (lunr.Vector.upsert inserts one term at a time: slow for a prefix of
   * thousands of terms), with the same numbers. */
  Engine.prototype.scoreClauses = function (expanded) {
    var self = this, boosts = {}, docs = this.manifest.docs, out = new Scores(docs);
    expanded.forEach(function (c) {
      c.entries.forEach(function (t) { boosts[t[1]] = (boosts[t[1]] || 0) + c.boost; });
    });
    var terms = Object.keys(boosts).map(Number).sort(function (a, b) { return a - b; });
    var squares = 0;
    terms.forEach(function (n) { squares += boosts[n] * boosts[n]; });
    var magnitude = Math.sqrt(squares);
    this.manifest.fields.forEach(function (field, fi) {
      var dots = new Float64Array(docs), hit = new Uint8Array(docs), refs = [];
      terms.forEach(function (n) {
        var t = self.byIndex[n], boost = boosts[n];
        for (var k = 0; k < t[2].length; k++) {
          if (t[2][k][0] !== fi) continue;
          var pf = t[2][k], ref = 0;
          for (var i = 0; i < pf[1].length; i++) {
            ref += pf[1][i];
            if (!hit[ref]) { hit[ref] = 1; refs.push(ref); }
            dots[ref] += boost * (pf[2][i] / 10);
          }
        }
      });
      refs.forEach(function (ref) {
        var s = dots[ref] / magnitude || 0;
        if (out.has[ref]) { out.of[ref] += s; } else { out.of[ref] = s; out.has[ref] = 1; }
      });
    });
    for (var ref = 0; ref < docs; ref++) if (out.has[ref]) out.refs.push(ref);
    return out;
  };

  /* One word's matches: {scores, terms (the words matched, as the index shows them),
   * corrected (the word it was corrected to, or null)}. */
  Engine.prototype.word = function (word, prefix, raw) {
    raw = raw || word;
    var key = (prefix ? "*" : "=") + word + " " + raw, memo = this.memo;
    if (!memo[key]) {  // the words before the one being typed are scored once, not per key
      memo[key] = this.matchWord(word, prefix, raw);
      this.memoOrder.push(key);
      if (this.memoOrder.length > MEMO) delete memo[this.memoOrder.shift()];
      memo[key].catch(function () { delete memo[key]; });
    }
    return memo[key];
  };

  /* Each clause with the index's entries of its words. */
  Engine.prototype.expand = function (clauses) {
    var self = this;
    return Promise.all(clauses.map(function (c) {
      return Promise.all(c.words.map(function (w) { return self.lookup(w, c.prefix); }))
        .then(function (lists) { return { boost: c.boost, entries: [].concat.apply([], lists) }; });
    }));
  };

  /* The languages whose stemmers a word is read through, in two rounds: first the page's
   * language (when it has a stemmer); then, when a word of MIN_TYPO letters or more (not an
   * English stop word) has found nothing as typed, by its English stem or by the page's
   * language's, every other language of the index with one. Only then are the stemmers'
   * scripts loaded. */
  Engine.prototype.stemming = function (round, found, word, clauses) {
    var stemmers = this.manifest.stemmers || {};
    var page = (document.documentElement.lang || "en").slice(0, 2);
    if (round === 0) return stemmers[page] ? [page] : [];
    if (found || word.length < MIN_TYPO || !clauses[0].words.length) return [];
    return Object.keys(stemmers).filter(function (l) { return l !== page; });
  };

  /* The clauses expanded, with those of the word's stems in the languages of a round. */
  Engine.prototype.stemRound = function (round, expanded, word, raw, clauses) {
    var self = this;
    var langs = this.stemming(round, expanded.some(function (c) { return c.entries.length; }),
                              word, clauses);
    if (!langs.length) return Promise.resolve(expanded);
    return this.stemmers(langs).then(function (scripts) {
      return self.expand(self.stemClauses(scripts, langs, word, raw, clauses));
    }, function () { return []; }).then(function (more) { return expanded.concat(more); });
  };

  /* The clauses of a word's stems in these languages (stemmed as written, and as folded; each
   * folded), as words (boost 10). Not as prefixes of a word being typed: a stem cut short by
   * one language's rules would begin thousands of terms, each key scoring them all. */
  Engine.prototype.stemClauses = function (scripts, langs, word, raw, clauses) {
    var self = this, seen = {}, out = [];
    clauses.forEach(function (c) { if (!c.prefix) c.words.forEach(function (w) { seen[w] = 1; }); });
    langs.forEach(function (lang) {
      var name = self.manifest.stemmers[lang][0], stemmer = scripts[self.manifest.stemmers[lang][1]];
      [raw, word].forEach(function (w) {
        var s = trim(self.fold(stemmer.stem(name, w)));
        if (!s || seen[s]) return;
        seen[s] = 1;
        out.push({ words: [s], prefix: false, boost: 10 });
      });
    });
    return out;
  };

  /* A word being typed that has found nothing: past its stem ('recyclin' when the index holds
   * 'recycl'), so its beginning without its last one to three letters is looked up as a word
   * (boost 1, as a stem's prefix). */
  Engine.prototype.unfinished = function (expanded, word, prefix) {
    if (!prefix || expanded.some(function (c) { return c.entries.length; })) {
      return Promise.resolve(expanded);
    }
    var shorter = [1, 2, 3].map(function (k) { return word.slice(0, -k); })
      .filter(function (w) { return w.length >= MIN_PREFIX; });
    return this.expand([{ words: shorter, prefix: false, boost: 1 }]).then(function (more) {
      return expanded.concat(more);
    });
  };

  /* The scripts with these languages' stemmers, loaded (name -> {stem(name, word)}): one
   * language's own where it has one, else the script of every language. */
  Engine.prototype.stemmers = function (langs) {
    var self = this, stemmers = this.manifest.stemmers, names = [];
    var light = langs.length === 1 && stemmers[langs[0]][1] !== "stem";
    langs.forEach(function (lang) {
      var name = light ? stemmers[lang][1] : "stem";
      if (names.indexOf(name) < 0) names.push(name);
    });
    return Promise.all(names.map(function (n) { return self.file(n); })).then(function (data) {
      var scripts = {};
      langs.forEach(function (lang) { scripts[stemmers[lang][1]] = data[0]; });
      return scripts;
    });
  };

  Engine.prototype.matchWord = function (word, prefix, raw) {
    var self = this, clauses = this.clauses(word, prefix);
    return this.expand(clauses).then(function (expanded) {
      return self.stemRound(0, expanded, word, raw, clauses);
    }).then(function (expanded) {
      return self.unfinished(expanded, word, prefix);
    }).then(function (expanded) {
      return self.stemRound(1, expanded, word, raw, clauses);
    }).then(function (expanded) {
      var found = expanded.some(function (c) { return c.entries.length; });
      if (found || word.length < MIN_TYPO) {
        return { scores: self.scoreClauses(expanded), corrected: null,
                 terms: [].concat.apply([], expanded.map(function (c) {
                   return c.entries.map(function (e) { return e[0]; }); })) };
      }
      return self.correct(word).then(function (candidates) {
        if (!candidates.length) {
          return { scores: new Scores(self.manifest.docs), corrected: null, terms: [] };
        }
        return Promise.all(candidates.map(function (c) { return self.lookup(c[0], false); }))
          .then(function (lists) {
            var entries = [].concat.apply([], lists);
            var best = candidates[0][1], most = -1;
            entries.forEach(function (e) {
              var docs = e[2].reduce(function (n, pf) { return n + pf[1].length; }, 0);
              if (docs > most) {
                most = docs;
                best = candidates.filter(function (c) { return c[0] === e[0]; })[0][1];
              }
            });
            return { scores: self.scoreClauses([{ boost: CORRECTED_BOOST, entries: entries }]),
                     corrected: best, terms: entries.map(function (e) { return e[0]; }) };
          });
      });
    });
  };

  /* The index's terms one letter off the word's stem or the word (a letter wrong, missing,
   * added, or two swapped), as [term, the word it stands for]. Looked up in the word's group,
   * and in the groups it would be in with its first letters swapped or one of them extra (a
   * wrong first or second letter is not corrected: that would mean 50 groups). */
  Engine.prototype.correct = function (word) {
    var self = this, s = stem(word);
    var groups = [groupOf(word), word[1] + word[0], word.slice(1, 3), word[0] + word[2]]
      .filter(function (g, i, all) { return g.length === 2 && all.indexOf(g) === i &&
                                              self.groups[g]; });
    return Promise.all(groups.map(function (g) {
      return self.file("v-" + hex(g)).catch(function () { return []; });
    })).then(function (vocabularies) {
      var out = [];
      vocabularies.forEach(function (vocab) {
        vocab.forEach(function (entry) {
          if (oneOff(s, entry[0]) || oneOff(word, entry[0])) out.push(entry);
        });
      });
      return out;
    });
  };

  function hex(text) {
    return Array.prototype.map.call(unescape(encodeURIComponent(text)), function (c) {
      return ("0" + c.charCodeAt(0).toString(16)).slice(-2);
    }).join("");
  }

  /* Whether a and b differ by one edit: a letter changed, added or removed, or two adjacent
   * letters swapped (Damerau). */
  function oneOff(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  /* A query: every word must match (as a word or its stem; the word being typed also as a
   * prefix, from its third letter); a word that matches nothing is corrected when one letter
   * off a word of the index; words that name a concept of the thesaurus also match its other
   * names. Resolves to {scores: Scores, words, corrected: [[typed, meant]], matched: the words
   * of the index that matched, partial, named: the concepts named}, or null for an empty
   * query. */
  Engine.prototype.search = function (query) {
    var self = this;
    return this.ready().then(function () {
      var words = self.tokens(query);
      if (!words.length) return null;
      var typing = !/[\s-]$/.test(query), last = words[words.length - 1];
      // A word's second letter names its group: its third will need the group's terms.
      if (typing && last.length === MIN_PREFIX - 1 && self.groups[last]) {
        self.later(self.groups[last].map(function (p) { return p[1]; })
          .concat(["v-" + hex(last)]), true);
      }
      var raws = self.pairs(query).map(function (p) { return p[1]; });
      return Promise.all(self.spans(words).map(function (span) {
        return self.span(words, raws, span, typing);
      })).then(function (each) {
        var corrected = [], matched = [], named = [], docs = self.manifest.docs;
        each.forEach(function (r) {
          corrected = corrected.concat(r.corrected);
          matched = matched.concat(r.terms);
          named = named.concat(r.named);
        });
        var scores = self.shown(every(each.map(function (r) { return r.scores; }), docs));
        // No resource has every word: those that have most of them, and the page says so.
        var partial = !scores.refs.length && each.length > 1;
        if (partial) {
          scores = self.shown(most(each.map(function (r) { return r.scores; }), docs));
        }
        return { scores: scores, words: words, corrected: corrected, matched: matched,
                 partial: partial, named: named };
      });
    });
  };

  /* The query's words as the thesaurus groups them: [from, to, concepts named] spans, the
   * longest name first (the manifest's `thesaurus.phrases`); a word that names no concept is a
   * span of its own. */
  Engine.prototype.spans = function (words) {
    var t = this.manifest.thesaurus || { phrases: {}, longest: 0 }, out = [];
    for (var i = 0; i < words.length;) {
      var found = null;
      for (var n = Math.min(t.longest, words.length - i); n > 0 && !found; n--) {
        var named = t.phrases[words.slice(i, i + n).join(" ")];
        if (named) found = [i, i + n, named];
      }
      found = found || [i, i + 1, []];
      out.push(found);
      i = found[1];
    }
    return out;
  };

  /* A span's documents: those with every word as typed or, for a span that names concepts,
   * those with any name of them (the typed words are one of their names, matched as a whole:
   * not as a prefix, and from the concept's own file, not from the index's parts). */
  Engine.prototype.span = function (words, raws, span, typing) {
    var self = this, docs = this.manifest.docs, last = words.length - 1;
    var typed = span[2].length ? Promise.resolve([]) :
      Promise.all(words.slice(span[0], span[1]).map(function (w, k) {
        var n = span[0] + k;
        return self.word(w, typing && n === last && w.length >= MIN_PREFIX, raws[n]);
      }));
    return Promise.all([typed].concat(span[2].map(function (n) { return self.concept(n); })))
      .then(function (found) {
        var out = { scores: found[0].length ? every(found[0].map(function (r) {
                      return r.scores; }), docs) : new Scores(docs), terms: [], corrected: [],
                    named: span[2] };
        found[0].forEach(function (r, k) {
          out.terms = out.terms.concat(r.terms);
          if (r.corrected) out.corrected.push([words[span[0] + k], r.corrected]);
        });
        found.slice(1).forEach(function (c) {
          out.scores = either(out.scores, c.scores, docs);
          out.terms = out.terms.concat(c.terms);
        });
        return out;
      });
  };

  /* A concept's documents: those with every word of one of its names (each word under any of
   * the terms it may be indexed by), the best of its names' scores. Its terms come from a file
   * of its own (k-<n>), not from the index's parts of each word. */
  Engine.prototype.concept = function (n) {
    var self = this, docs = this.manifest.docs;
    return this.file("k-" + n).then(function (entries) {
      var byTerm = {}, scores = new Scores(docs), terms = [];
      entries.forEach(function (e) { byTerm[e[0]] = e; self.byIndex[e[1]] = e; });
      self.manifest.thesaurus.concepts[n].forEach(function (name) {
        var each = name.map(function (alternatives) {
          var found = alternatives.map(function (t) { return byTerm[t]; }).filter(Boolean);
          terms = terms.concat(found.map(function (e) { return e[0]; }));
          return self.scoreClauses([{ boost: 10, entries: found }]);
        });
        scores = either(scores, every(each, docs), docs);
      });
      return { scores: scores, terms: terms };
    });
  };

  /* The documents every one of the words' scores has, their scores summed. */
  function every(list, docs) {
    var scores = list[0];
    list.slice(1).forEach(function (r) {
      var next = new Scores(docs);
      scores.refs.forEach(function (ref) {
        if (!r.has[ref]) return;
        next.refs.push(ref);
        next.has[ref] = 1;
        next.of[ref] = scores.of[ref] + r.of[ref];
      });
      scores = next;
    });
    return scores;
  }

  /* The documents of either scores, the higher score of each. */
  function either(a, b, docs) {
    var out = new Scores(docs);
    [a, b].forEach(function (s) {
      s.refs.forEach(function (ref) {
        if (!out.has[ref]) { out.has[ref] = 1; out.refs.push(ref); out.of[ref] = s.of[ref]; }
        else out.of[ref] = Math.max(out.of[ref], s.of[ref]);
      });
    });
    out.refs.sort(function (x, y) { return x - y; });
    return out;
  }

  /* The documents that have any of the words, those with more of them first (each word they
   * have counts more than any score), then by their summed scores. */
  function most(list, docs) {
    var out = new Scores(docs), count = {};
    list.forEach(function (s) {
      s.refs.forEach(function (ref) {
        count[ref] = (count[ref] || 0) + 1;
        if (!out.has[ref]) { out.has[ref] = 1; out.refs.push(ref); out.of[ref] = 0; }
        out.of[ref] += s.of[ref];
      });
    });
    out.refs.forEach(function (ref) { out.of[ref] += 1e6 * count[ref]; });
    out.refs.sort(function (x, y) { return x - y; });
    return out;
  }

  /* The result cards of these documents: [id, title, summary, date, key fact, example]. */
  Engine.prototype.docs = function (refs) {
    var self = this;
    return this.ready().then(function (m) {
      var chunks = {};
      refs.forEach(function (ref) { chunks[Math.floor(ref / m.chunk)] = true; });
      return Promise.all(Object.keys(chunks).map(function (c) { return self.file("d-" + c); }))
        .then(function () {
          return refs.map(function (ref) { return loaded["d-" + Math.floor(ref / m.chunk)][ref % m.chunk]; });
        });
    });
  };

  /* The filters: per facet its values' labels and each value's documents (ascending refs). */
  Engine.prototype.facets = function () {
    var self = this;
    if (this.facetData) return Promise.resolve(this.facetData);
    return this.file("facets").then(function (facets) {
      if (!self.facetData) {
        self.facetData = facets.map(function (f) {
          var labels = {}, refs = {}, order = [];
          f.values.forEach(function (pair, i) {
            labels[pair[0]] = pair[1];
            order.push(pair[0]);
            var list = new Int32Array(f.refs[i].length), ref = 0;
            f.refs[i].forEach(function (gap, k) { ref += gap; list[k] = ref; });
            refs[pair[0]] = list;
          });
          return { key: f.key, labels: labels, order: order, refs: refs };
        });
      }
      return self.facetData;
    });
  };

  /* The whole index and every card, loaded (tests compare the scores with lunr's own). */
  Engine.prototype.everything = function () {
    var self = this;
    return this.ready().then(function (m) {
      var shards = m.shards.map(function (s) { return s[2]; }), chunks = [];
      for (var c = 0; c * m.chunk < m.docs; c++) chunks.push("d-" + c);
      return Promise.all(shards.concat(chunks).map(function (n) { return self.file(n); }))
        .then(function () {
          var terms = [].concat.apply([], shards.map(function (n) { return loaded[n]; }));
          return { index: { version: m.version, fields: m.fields, pipeline: m.pipeline,
                            terms: terms },
                   docs: [].concat.apply([], chunks.map(function (n) { return loaded[n]; })) };
        });
    });
  };

  /* The first k items of a list in this order, in order (a page of results among thousands,
   * without sorting them all). */
  function firstOf(items, k, before) {
    if (items.length <= 4 * k) return items.slice().sort(before).slice(0, k);
    var best = [];
    items.forEach(function (item) {
      if (best.length === k && before(item, best[k - 1]) >= 0) return;
      var i = best.length;
      while (i > 0 && before(item, best[i - 1]) < 0) i--;
      best.splice(i, 0, item);
      if (best.length > k) best.pop();
    });
    return best;
  }

  /* The k best documents of a query's scores: highest score first, then newest. */
  function best(scores, k) {
    return firstOf(scores.refs, k, function (a, b) {
      return scores.of[b] - scores.of[a] || a - b;
    });
  }

  window.VCSearch = {
    firstOf: firstOf,
    best: best,
    open: function (base) {
      var key = base || "";
      return (window.VCSearch.engines[key] = window.VCSearch.engines[key] || new Engine(key));
    },
    engines: {},
    // Pure functions, for the unit tests (tests/js/search-engine.test.js).
    Engine: Engine,
    Scores: Scores,
    every: every,
    either: either,
    most: most,
    lowerBound: lowerBound,
    oneOff: oneOff,
    hex: hex
  };
})();
