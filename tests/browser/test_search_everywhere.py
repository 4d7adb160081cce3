"""Search v2 in Chromium over file://: every word of every body is found, typos too, and a
query loads only what it needs. A generated catalogue (benchmarks/synthetic.py), so the words
are drawn at random rather than chosen."""

from __future__ import annotations

import random
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from virtual_centre.outputs import search, search_files
from virtual_centre.validate.gate import load_content

from benchmarks.synthetic import generate

from ..conftest import CONTENT, build_site
from .conftest import results

pytestmark = pytest.mark.browser
N = 120  # resources: a first page of results (20) is a small part of them
SAMPLES = 12


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> tuple[Path, dict[str, list[str]]]:
    """The built site of a generated catalogue, and each resource's body words in order."""
    work = tmp_path_factory.mktemp("generated")
    content = work / "content"
    content.mkdir()
    for page in ("index.md", "about.md"):
        shutil.copy(CONTENT / page, content / page)
    generate(content, N, seed=18)
    bodies = {s.id: search.fold(search.index_text(s.body)).split()
              for s in load_content(content) if s.meta}
    return build_site(content, work / "site"), bodies


def rare_words(bodies: dict[str, list[str]], part: slice, rng: random.Random
               ) -> list[tuple[str, str]]:
    """(resource, word) pairs: a word of at least 5 letters from the given part of a random
    body, held by at most 15 documents (so the first page of 20 results can show them all)."""
    stems = search.CompactIndexBuilder(search.FIELDS)  # lunr's pipeline, as the index has it
    df = Counter(t for words in bodies.values() for t in {stems.term(w) for w in words})
    picked = []
    for rid in rng.sample(sorted(bodies), len(bodies)):
        words = bodies[rid]
        n = len(words)
        window = words[part.start * n // 10: part.stop * n // 10]
        candidates = [w for w in window
                      if len(w) >= 5 and w.isalpha() and df[stems.term(w)] <= 15]
        if candidates:
            picked.append((rid, rng.choice(candidates)))
        if len(picked) == SAMPLES:
            break
    assert len(picked) == SAMPLES
    return picked


def search_page(visit, site: Path, query: str):
    page = visit.page
    page.goto((site / "search.html").as_uri() + "#q=" + query.replace(" ", "%20"))
    return page


@pytest.mark.parametrize("where", ["middle", "end"])
def test_a_word_from_anywhere_in_a_body_finds_its_resource(visit, generated, where):
    site, bodies = generated
    part = slice(4, 6) if where == "middle" else slice(9, 10)
    for rid, word in rare_words(bodies, part, random.Random(where)):
        page = search_page(visit, site, word + " ")  # a finished word
        assert rid in results(page), (rid, word)


def misspelt(word: str, rng: random.Random) -> str:
    """The word with one typo after its second letter: a letter dropped, doubled or two
    swapped."""
    i = rng.randrange(2, len(word) - 1)
    kind = rng.choice(["drop", "swap", "double"])
    if kind == "drop":
        return word[:i] + word[i + 1:]
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + word[i] + word[i:]


def test_a_misspelt_word_finds_its_resource_and_says_it_was_corrected(visit, generated):
    site, bodies = generated
    rng = random.Random(7)
    stems = search.CompactIndexBuilder(search.FIELDS)
    terms = {stems.term(w) for words in bodies.values() for w in words}
    tried = 0
    for rid, word in rare_words(bodies, slice(0, 10), rng):
        typo = misspelt(word, rng)
        if stems.term(typo) in terms:
            continue  # stemmed, still a word of the catalogue: nothing to correct
        page = search_page(visit, site, typo + " ")
        found = results(page)
        status = page.inner_text("#vc-status")
        if not found:  # corrected to another word one letter off, which this body lacks
            continue
        assert "you typed \u201c" + typo + "\u201d" in status, (typo, status)
        assert rid in found, (rid, word, typo, status)
        tried += 1
    assert tried >= SAMPLES // 2


def test_exact_words_rank_above_corrected_ones(visit):
    """'recycled' is a word of the catalogue: no correction, however close another word is."""
    page = visit.go("search.html#q=recycled%20")
    results(page)
    assert "you typed" not in page.inner_text("#vc-status")


def test_a_query_loads_only_what_it_needs(visit, generated):
    site, bodies = generated
    page = visit.page
    page.goto((site / "search.html").as_uri() + "#q=" + rare_words(
        bodies, slice(0, 10), random.Random(3))[0][1] + "%20")
    shown = results(page)
    loaded = page.evaluate("VCSearch.open(document.getElementById('vc-search').dataset.base)"
                           ".requested")
    every = {p.stem for p in (site / "assets/vc/search").glob("*.js")}
    assert set(loaded) <= every and "index" not in loaded  # the manifest: the page's own script
    refs = {doc[0]: ref for ref, doc in enumerate(search_files.read_docs(site))}
    cards = {f"d-{refs[rid] // search_files.DOC_CHUNK}" for rid in shown}
    assert {n for n in loaded if n.startswith("d-")} == cards  # the cards of the results shown
    assert len([n for n in loaded if n.startswith("t-")]) <= 2  # the word's parts
    assert len(loaded) == len(set(loaded)) <= 2 + len(cards) + 1  # and the filters
    assert len(every) > 10 * len(loaded)
    assert all(re.fullmatch(r"index|facets|[tvdck]-[0-9a-f-]+", name) for name in every)


def test_what_later_keys_need_is_loaded_ahead(visit, generated):
    """Two letters typed: the rest of their group (the third letter's terms) and its words are
    loaded in the background; after the first results every card is (a small catalogue), in
    bundles of chunks."""
    site, _ = generated
    page = visit.page
    page.goto((site / "search.html").as_uri())
    results(page)
    engine = "VCSearch.open(document.getElementById('vc-search').dataset.base)"
    page.fill("#vc-q", "re")
    page.wait_for_function(f"{engine}.queue.length === 0 && {engine}.loading === 0")
    ahead = page.evaluate(f"{engine}.ahead")
    manifest = page.evaluate(f"{engine}.manifest")
    group = search_files.file_key("re")
    assert manifest["prefetch_cards"]
    chunks = -(-manifest["docs"] // manifest["chunk"])
    parts = {s[2] for s in manifest["shards"] if s[0] == "re"}
    assert parts and f"v-{group}" in ahead
    assert all(page.evaluate(f"{engine}.has('d-{n}')") for n in range(chunks))
    bundles = {f"c-{n}" for n in range(-(-chunks // manifest["bundle"]))}
    assert bundles <= set(ahead) and not any(name.startswith("d-") for name in ahead)
    assert parts <= set(ahead) | set(page.evaluate(f"{engine}.requested"))
    # Nothing loaded twice, and the next letter asks for nothing more.
    before = len(page.evaluate(f"{engine}.requested"))
    page.fill("#vc-q", "rec")
    results(page)
    assert len(ahead) == len(set(ahead))
    assert page.evaluate(f"{engine}.requested")[before:] == []
