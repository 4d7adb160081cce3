"""The catalogue search and Material's header search in Chromium, over file:// and HTTP."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from virtual_centre.catalogue.facets import TAXONOMIES
from virtual_centre.catalogue.resources import Catalogue
from virtual_centre.validate.rules import check_content

from ..conftest import CONTENT
from .conftest import results

pytestmark = pytest.mark.browser


def type_query(page, text: str) -> None:
    box = page.locator("#vc-q")
    box.fill("")
    box.press_sequentially(text, delay=20)  # as a person types: results follow each key


def status_count(page) -> int:
    return int(re.match(r"\d+", page.inner_text("#vc-status")).group())


def facet_counts(page, facet: str) -> dict[str, int]:
    labels = page.eval_on_selector_all(
        f'fieldset[data-facet="{facet}"] label',
        "els => els.map(e => [e.querySelector('input').value, e.innerText])")
    return {v: int(re.search(r"\((\d+)\)", text).group(1)) for v, text in labels}


def test_a_word_unique_to_one_resource_shows_it_first(visit):
    page = visit.go("search.html")
    type_query(page, "Infinna")
    page.wait_for_function("document.querySelectorAll('#vc-results li').length > 0")
    assert results(page)[0] == "technologies/infinited-fiber"
    assert page.inner_text("#vc-results li:first-child mark") == "Infinna"


def test_prefix_matching_as_you_type(visit):
    page = visit.go("search.html")
    type_query(page, "Fiberso")
    assert "technologies/fibersort" in results(page)[:2]


def test_english_stemming_and_highlight(visit):
    page = visit.go("search.html")
    type_query(page, "recycled")
    found = results(page)
    assert "technologies/stfi-mechanical-recycling" in found
    marks = page.eval_on_selector_all("#vc-results mark", "els => els.map(e => e.textContent)")
    assert any(m.lower().startswith("recycling") for m in marks)


def test_a_diacritic_free_query_finds_the_diacritic_word(visit):
    page = visit.go("search.html")
    type_query(page, "lodz")
    assert "organisations/iw-lodz" in results(page)[:3]
    assert "Łódź" in page.eval_on_selector_all("#vc-results mark", "e => e.map(m => m.textContent)")


def test_identifiers_find_their_resource(visit):
    page = visit.go("search.html")
    type_query(page, "32008L0098")
    assert results(page)[0] == "legislation/waste-framework-directive"
    type_query(page, "10.3390/recycling6010011")
    assert results(page)[0] == "research/nir-textile-recognition"


def test_a_facet_narrows_the_results_and_its_counts_change(visit):
    page = visit.go("search.html")
    results(page)
    everything = status_count(page)
    countries_before = facet_counts(page, "country")
    assert countries_before["EU"] >= 8
    page.check('fieldset[data-facet="category"] input[value="technologies"]')
    narrowed = results(page)
    assert narrowed and all(r.startswith("technologies/") for r in narrowed)
    assert status_count(page) == len(narrowed) < everything
    countries_after = facet_counts(page, "country")
    assert countries_after != countries_before
    technologies = [r for r in Catalogue.from_sources(check_content(CONTENT)[0]).by_id.values()
                    if r.category == "technologies"]
    assert ("EU" in countries_after) == any("EU" in TAXONOMIES["countries"].values(r)
                                            for r in technologies)
    # facets combine: technologies about Germany
    page.check('fieldset[data-facet="country"] input[value="DE"]')
    german = {r.id for r in technologies if "DE" in TAXONOMIES["countries"].values(r)}
    assert german and set(results(page)) == german


def test_the_url_keeps_the_state_and_the_back_button_works(visit):
    page = visit.go("search.html")
    type_query(page, "sorting")
    page.locator("#vc-q").press("Enter")
    page.check('fieldset[data-facet="category"] input[value="research"]')
    state = results(page)
    assert state and all(r.startswith("research/") for r in state)
    assert "q=sorting" in page.url and "category=research" in page.url
    page.reload()
    assert results(page) == state
    assert page.input_value("#vc-q") == "sorting"
    assert page.is_checked('fieldset[data-facet="category"] input[value="research"]')
    page.go_back()
    page.wait_for_function("!location.hash.includes('category')")
    assert not page.is_checked('fieldset[data-facet="category"] input[value="research"]')
    assert any(not r.startswith("research/") for r in results(page))


def test_sort_by_date(visit):
    page = visit.go("search.html#q=recycling&sort=date")
    found = results(page)
    dates = page.eval_on_selector_all("#vc-results time", "els => els.map(e => e.dateTime)")
    assert len(found) > 3 and dates == sorted(dates, reverse=True)


def test_the_search_is_labelled_and_announced(visit):
    page = visit.go("search.html")
    assert page.get_by_label(re.compile("Search pilot cases")).count() == 1
    assert page.get_attribute("#vc-status", "aria-live") == "polite"
    type_query(page, "cotton")
    results(page)
    assert re.match(r"\d+ results?", page.inner_text("#vc-status"))
    # the keyboard reaches the filters after the query
    page.focus("#vc-q")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "checkbox"


def header_search(page, query: str) -> str:
    """Type into Material's header search until its results show.

    From disk the search worker starts inside an iframe (the iframe-worker shim) and a query
    typed before it is ready is not answered, so the query is typed again, as a person would.
    """
    box = page.locator("input.md-search__input")
    box.click()
    for _ in range(20):
        box.fill("")
        box.press_sequentially(query, delay=10)
        try:
            page.locator(".md-search-result__item").first.wait_for(timeout=1_000)
            return page.inner_text(".md-search-result__list")
        except PlaywrightTimeout:
            continue
    raise AssertionError("Material's header search never answered")


def header_result_links(page) -> list[str]:
    return page.eval_on_selector_all(".md-search-result__list a[href]",
                                     "els => els.map(e => e.getAttribute('href'))")


def test_the_header_search_finds_the_sites_own_pages_not_resources(visit):
    page = visit.go("technologies/fibersort.html")
    assert "agreement" in header_search(page, "agreement").lower()
    links = header_result_links(page)
    assert any("about.html" in link for link in links), links
    # Resources are left to the catalogue search: no resource page among Material's results.
    page.locator("input.md-search__input").fill("")
    header_search(page, "recycling")
    categories = ("pilot-cases/", "technologies/", "research/", "legislation/", "training/",
                  "organisations/", "working-groups/", "newsletters/", "offers/", "demands/")
    assert not [link for link in header_result_links(page)
                if any(c in link and not link.split("#")[0].endswith("/index.html")
                       for c in categories)]


def test_the_header_search_leads_to_the_catalogue_search(visit):
    page = visit.go("technologies/fibersort.html")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("Fibersort", delay=10)
    link = page.locator(".vc-header-search__link")
    assert link.inner_text() == ("All resources for \u201cFibersort\u201d in the catalogue "
                                 "search \u2192")
    assert link.get_attribute("href") == visit.base + "search.html#q=Fibersort"
    box.press("Enter")
    page.wait_for_url("**/search.html#q=Fibersort")
    assert "technologies/fibersort" in results(page)[:3]


def header_resources(page, query: str) -> list[str]:
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=15)
    page.wait_for_selector(".vc-header-search[data-count]:not([data-busy])")
    return page.eval_on_selector_all(".vc-header-search__item",
                                     "els => els.map(e => e.dataset.id)")


def test_the_header_box_shows_resources_and_the_keyboard_reaches_them(visit):
    page = visit.go("about.html")
    found = header_resources(page, "Fibersort")
    assert "technologies/fibersort" in found[:2]
    item = page.locator('.vc-header-search__item[data-id="technologies/fibersort"]')
    assert "Technological solution" in item.inner_text()  # its category
    assert "matches fibersort" in item.inner_text().lower()  # the words that matched
    # Material's own results (the site's pages) are still below.
    assert page.locator(".md-search-result__list").count() == 1
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused.endswith(f"{found[0]}.html")  # the first resource, then on down
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')").endswith(
        f"{found[1]}.html")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{found[1]}.html")


def test_the_header_box_corrects_a_typo_and_says_so(visit):
    page = visit.go("index.html")
    found = header_resources(page, "polyster")
    assert "offers/gallarate-polyester-selvedges" in found
    assert "\u201cpolyester\u201d (you typed \u201cpolyster\u201d)" in page.inner_text(
        ".vc-header-search__note")


def test_no_request_leaves_the_site(visit):
    for path in ("index.html", "search.html#q=cotton", "technologies/fibersort.html",
                 "browse/materials/cotton.html"):
        page = visit.go(path)
        page.wait_for_load_state("load")
    assert "agreement" in header_search(page, "agreement")  # Material's search and its worker
    assert visit.requests, "no request was recorded"
    assert visit.foreign_requests() == []


def test_an_organisation_in_the_url_filters_the_results(visit):
    """The link an organisation's page gives to everything naming it, beyond 20 a group."""
    page = visit.go("search.html#organisation=organisations%2Fiw-lodz")
    found = results(page)
    box = 'fieldset[data-facet="organisation"] input[value="organisations/iw-lodz"]'
    assert page.is_checked(box)
    assert "research/enter-strategic-agenda" in found
    assert "pilot-cases/enter-pilot-cases" in found
    assert "technologies/fibersort" not in found


def test_a_list_page_link_opens_the_whole_list_newest_first(visit):
    """What a category or taxonomy page links to when it shows only its newest."""
    from ..conftest import CONTENT
    page = visit.go("search.html#category=technologies&sort=date")
    found = results(page)
    technologies = len(list((CONTENT / "technologies").glob("*.md")))
    assert page.inner_text("#vc-status") == f"{technologies} results"
    assert found and all(ref.startswith("technologies/") for ref in found)
    assert page.input_value("#vc-sort") == "date"
    dates = page.eval_on_selector_all("#vc-results time", "els => els.map(e => e.dateTime)")
    assert dates == sorted(dates, reverse=True)


# lunr's own query and scoring (lunr.Index.query), with every document's field vectors built
# from the payload: what the catalogue search ranks by without them (catalogue-search.js:
# score), for a finished word and for a word being typed (also as a prefix, and its stem).
LUNR_RANKING = """([word, prefix]) => {
  const c = window.VC_SEARCH.index, vectors = c.fields.map(() => []);
  c.terms.slice().sort((a, b) => a[1] - b[1]).forEach(t => t[2].forEach(pf => {
    let ref = 0;
    pf[1].forEach((gap, i) => {
      ref += gap;
      (vectors[pf[0]][ref] = vectors[pf[0]][ref] || []).push(t[1], pf[2][i] / 10);
    });
  }));
  const fieldVectors = [];
  vectors.forEach((byRef, fi) => byRef.forEach((v, ref) => {
    fieldVectors.push([c.fields[fi] + "/" + ref, v]);
  }));
  const inverted = c.terms.map(t => {
    const postings = { _index: t[1] };
    c.fields.forEach((f, fi) => {
      postings[f] = {};
      t[2].filter(pf => pf[0] === fi).forEach(pf => {
        let ref = 0;
        pf[1].forEach(gap => { ref += gap; postings[f][ref] = {}; });
      });
    });
    return [t[0], postings];
  });
  const index = lunr.Index.load({ version: c.version, fields: c.fields, pipeline: c.pipeline,
                                  invertedIndex: inverted, fieldVectors: fieldVectors });
  return index.query(q => {
    q.term(word, { boost: 10 });
    if (prefix) {
      q.term(word, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 2 });
      const s = lunr.stemmer(new lunr.Token(word)).toString();
      if (s !== word) q.term(s, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
    }
  }).filter(r => !window.VC_SEARCH.hidden.includes(Number(r.ref)))  // other versions
    .sort((a, b) => b.score - a.score || a.ref - b.ref)
    .slice(0, 20).map(r => window.VC_SEARCH.docs[r.ref][0]);
}"""


@pytest.mark.parametrize(("query", "prefix"), [
    ("recycling", False), ("cotton", False), ("textile", False), ("sorting", False),
    ("rec", True), ("textil", True), ("fibre", True), ("wast", True)])
def test_the_ranking_is_lunrs_with_whole_document_vectors(visit, query, prefix):
    # A word followed by a space is finished; one at the end is being typed (a prefix too).
    page = visit.go(f"search.html#q={query}" + ("" if prefix else "%20"))
    shown = results(page)
    page.evaluate("""async () => {
        const engine = VCSearch.open(document.getElementById('vc-search').dataset.base);
        window.VC_SEARCH = await engine.everything();
        window.VC_SEARCH.hidden = engine.manifest.hidden.en; }""")
    assert shown and shown == page.evaluate(LUNR_RANKING, [query, prefix])


def test_examples_are_marked_in_the_results(visit):
    page = visit.go("search.html#q=knitwear")
    page.wait_for_function("document.querySelectorAll('#vc-results li').length > 0")
    found = results(page)
    assert "offers/lodz-knit-cuttings" in found
    marked = page.eval_on_selector_all(
        "#vc-results li", "els => els.filter(e => e.querySelector('.vc-badge--example'))"
                          ".map(e => e.dataset.id)")
    assert "offers/lodz-knit-cuttings" in marked
    page = visit.go("search.html#q=fibersort")
    page.wait_for_function("document.querySelectorAll('#vc-results li').length > 0")
    assert "technologies/fibersort" in results(page)
    assert page.locator("#vc-results li[data-id='technologies/fibersort'] "
                        ".vc-badge--example").count() == 0


def test_a_word_ending_in_a_vowel_and_y_is_found(visit):
    """'jersey' is stemmed alike in the index and in the browser (search.LunrJsStemmer)."""
    page = visit.go("search.html")
    type_query(page, "jersey")
    page.wait_for_function("document.querySelectorAll('#vc-results li').length > 0")
    assert "offers/lodz-knit-cuttings" in results(page)


def test_each_filters_counts_are_those_of_the_catalogue(visit):
    """Each value's count is the resources that have it among those the other chosen filters
    allow (a filter's own choice does not narrow its own counts), largest first."""
    from virtual_centre.outputs.search import facet_values

    catalogue = Catalogue.from_sources(check_content(CONTENT)[0])
    values = {r.id: {key: {v for v, _ in pairs}
                     for key, pairs in facet_values(r, catalogue).items()}
              for r in catalogue.by_id.values()}
    chosen = {"category": "technologies", "country": "DE"}
    page = visit.go("search.html#category=technologies&country=DE")
    results(page)
    for facet in ("category", "country", "topic"):
        shown = facet_counts(page, facet)
        allowed = [ids for ids in values.values()
                   if all(v in ids.get(key, ()) for key, v in chosen.items() if key != facet)]
        expected = {v: sum(v in ids.get(facet, ()) for ids in allowed)
                    for v in set().union(*(ids.get(facet, set()) for ids in allowed))}
        assert shown, facet
        assert {v: n for v, n in shown.items() if n} == {v: expected[v] for v in shown
                                                         if expected.get(v)}, facet
        assert list(shown.values()) == sorted(shown.values(), reverse=True), facet
        if len(shown) < 10:  # every value with a hit is shown (beyond ten: "show more")
            assert set(shown) == {v for v, n in expected.items() if n}, facet
    # With a query, the counts are those of its hits: every result, "Show more" clicked through.
    page = visit.go("search.html#q=recycling&category=technologies")
    found = results(page)
    while page.is_visible("#vc-more"):
        page.click("#vc-more")
        found = results(page)
    assert len(found) == status_count(page) > 1
    expected = {}
    for rid in found:
        for v in values[rid].get("topic", ()):
            expected[v] = expected.get(v, 0) + 1
    shown = facet_counts(page, "topic")
    assert shown and shown == {v: expected[v] for v in shown}


def test_a_concept_named_in_any_language_finds_the_resources_that_name_it_in_english(visit):
    """The thesaurus (model/vocab/thesaurus.yaml): each of the issue's queries, typed, shows
    among its first results resources that hold the concept's English label and none of the
    query's words."""
    from virtual_centre.model.vocab import thesaurus
    from virtual_centre.outputs.search import fold, plain_text

    from ..test_thesaurus import QUERIES

    catalogue = Catalogue.from_sources(check_content(CONTENT)[0])
    texts = {r.id: fold(f"{r.title} {r.summary} {plain_text(r.body)}")
             for r in catalogue.by_id.values()}
    concepts = {c.key: c for c in thesaurus()}
    page = visit.go("search.html")
    for query, key in QUERIES.items():
        label = fold(concepts[key].labels["en"])
        words = fold(query).split()
        only_english = {rid for rid, text in texts.items()
                        if label in text and not any(w in text.split() for w in words)}
        assert only_english, query
        type_query(page, query)
        assert only_english & set(results(page)), query
        # and the status says how the query was read
        status = page.inner_text("#vc-status")
        assert f"also under other names of \u201c{concepts[key].labels['en']}\u201d" in status
