/* Unit tests of the catalogue search engine's pure functions (generator/assets/search-engine.js),
 * run with Node's own test runner by tests/test_browser_code.py, which hands over in
 * VC_SEARCH_FIXTURE the build's own folding table, separators and how the build splits texts. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

globalThis.window = globalThis;
vm.runInThisContext(fs.readFileSync(
  path.join(__dirname, "..", "..", "generator", "assets", "search-engine.js"), "utf8"));
const S = globalThis.VCSearch;
const fixture = JSON.parse(fs.readFileSync(process.env.VC_SEARCH_FIXTURE, "utf8"));

function scores(docs, pairs) {  // [[ref, score], …] as the engine holds them
  const out = new S.Scores(docs);
  pairs.forEach(([ref, score]) => { out.refs.push(ref); out.has[ref] = 1; out.of[ref] = score; });
  return out;
}

test("a query is split and folded as the build splits and folds the index", () => {
  const engine = new S.Engine("");
  engine.manifest = { fold: fixture.fold };
  engine.separators = new RegExp(fixture.separators, "g");
  for (const [text, expected] of fixture.splits) {
    assert.deepEqual(engine.tokens(text), expected, JSON.stringify(text));
  }
});

test("a correction is one edit away: a letter changed, added, removed or two swapped", () => {
  assert.ok(S.oneOff("cotton", "coton"));
  assert.ok(S.oneOff("coton", "cotton"));
  assert.ok(S.oneOff("cotton", "cotten"));
  assert.ok(S.oneOff("cotton", "ctoton"));
  assert.ok(!S.oneOff("cotton", "cotton"), "the same word is no correction");
  assert.ok(!S.oneOff("cotton", "cttoon"));
  assert.ok(!S.oneOff("wool", "woollen"));
});

test("every word: only the documents all have, their scores added", () => {
  const a = scores(10, [[1, 1.5], [3, 2], [7, 1]]);
  const b = scores(10, [[3, 1], [7, 4], [9, 2]]);
  const both = S.every([a, b], 10);
  assert.deepEqual(both.refs, [3, 7]);
  assert.equal(both.of[3], 3);
  assert.equal(both.of[7], 5);
});

test("either: every document of both, with its higher score", () => {
  const out = S.either(scores(10, [[2, 1], [5, 3]]), scores(10, [[5, 4], [1, 2]]), 10);
  assert.deepEqual(out.refs, [1, 2, 5]);
  assert.equal(out.of[5], 4);
});

test("most: a document with more of the words ranks above any with fewer", () => {
  const words = [scores(10, [[1, 9], [2, 0.1]]), scores(10, [[2, 0.1], [3, 9]])];
  const out = S.most(words, 10);
  assert.deepEqual(S.best(out, 3), [2, 1, 3]);  // 2 has both words; 1 before 3 (older ref)
});

test("the best k in order, highest score first, then the lower ref", () => {
  const out = scores(10, [[4, 1], [2, 3], [8, 3], [6, 0.5]]);
  assert.deepEqual(S.best(out, 3), [2, 8, 4]);
  assert.deepEqual(S.firstOf([5, 3, 9, 1], 2, (x, y) => x - y), [1, 3]);
});

test("a word's place among sorted terms", () => {
  const entries = [["cotton"], ["linen"], ["wool"]];
  assert.equal(S.lowerBound(entries, "a"), 0);
  assert.equal(S.lowerBound(entries, "linen"), 1);
  assert.equal(S.lowerBound(entries, "silk"), 2);
  assert.equal(S.lowerBound(entries, "zzz"), 3);
});

test("a file name in hex, byte by byte of its UTF-8", () => {
  assert.equal(S.hex("co"), "636f");
  assert.equal(S.hex("łó"), "c582c3b3");
});

test("a query's words as written beside their folded forms, for the stemmers", () => {
  const engine = new S.Engine("");
  engine.manifest = { fold: fixture.fold };
  engine.separators = new RegExp(fixture.separators, "g");
  assert.deepEqual(engine.pairs("Odpadów, (Łódź) Textil-Abfälle"),
                   [["odpadow", "odpadów"], ["lodz", "łódź"], ["textil", "textil"],
                    ["abfalle", "abfälle"]]);
});

test("the words that name a concept are one span, the longest name first", () => {
  const engine = new S.Engine("");
  engine.manifest = { thesaurus: { longest: 2, phrases: {
    "raccolta differenziata": [1], "raccolta": [4], "epr": [2, 3] } } };
  assert.deepEqual(engine.spans(["raccolta", "differenziata", "epr", "cotton"]),
                   [[0, 2, [1]], [2, 3, [2, 3]], [3, 4, []]]);
  assert.deepEqual(engine.spans(["raccolta", "cotton"]), [[0, 1, [4]], [1, 2, []]]);
  assert.deepEqual(engine.spans(["cotton"]), [[0, 1, []]]);
});
