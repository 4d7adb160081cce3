"""The site in the partners' languages, in a real Chromium: a reader switches to their language
on a phone and walks on in it (over file:// and HTTP under a sub-path), and every language's
home page, directory and a resource written in it pass axe-core."""

from __future__ import annotations

import pytest
from virtual_centre.validate.gate import load_content

from ..conftest import CONTENT, LANGUAGES
from .conftest import results, visiting
from .test_journeys import SCREENS
from .test_quality import AXE


def written_in(code: str) -> str:
    """A resource page in this language: a translation's."""
    return next(f"{code}/{s.original}.html" for s in load_content(CONTENT)
                if s.meta and s.lang == code)


def test_a_reader_switches_to_german_on_a_phone_and_stays_in_it(browser, base):
    with visiting(browser, base, **SCREENS["phone"]) as visit:
        page = visit.go("index.html")
        page.locator(".vc-languages").get_by_role("link", name="Deutsch").tap()
        page.wait_for_url("**/de/index.html")
        assert page.evaluate("document.documentElement.lang") == "de"
        title = page.locator("h1").first.inner_text().rstrip("¶")
        assert title == "Virtual Centre für Textilrecycling"
        page.get_by_role("link", name="Textilabfälle zum Recyceln finden").tap()
        page.wait_for_url("**/de/directory.html#kind=offer")
        page.wait_for_selector("[data-ready=true]")
        assert page.locator("h1").first.inner_text() == "M3P-Verzeichnis: Angebote und Nachfragen"
        assert page.locator("#vc-dir-results li").count() > 0
        assert page.get_by_placeholder("Suche").count() == 1  # Material's search box
        page.locator(".vc-languages").get_by_role("link", name="English").tap()
        page.wait_for_url("**/directory.html")
        assert "/de/" not in page.url
        assert page.evaluate("document.documentElement.lang") == "en"
        assert visit.foreign_requests() == []
        assert visit.failed == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_axe_finds_no_serious_violation_in_each_language(browser, site, code):
    with visiting(browser, site.as_uri() + "/", **SCREENS["phone"]) as visit:
        for path in (f"{code}/index.html", f"{code}/directory.html", written_in(code)):
            page = visit.go(path)
            page.wait_for_load_state("load")
            assert page.evaluate("document.documentElement.lang") == code, path
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("""() => axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})""")
            serious = [f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
                       for v in result["violations"] if v["impact"] in ("serious", "critical")]
            assert serious == [], path


WORDS = {"de": "Baumwolle", "it": "cotone", "pl": "bawełna", "cs": "bavlna", "hu": "pamut"}


@pytest.mark.parametrize("code", list(WORDS))
def test_a_readers_own_word_for_cotton_finds_the_cotton_listings(browser, site, code):
    """From disk: the catalogue search and the header box of the page in the reader's
    language (model/vocab/reader_words.yaml)."""
    from urllib.parse import quote

    from .test_search import header_resources

    with visiting(browser, site.as_uri() + "/") as visit:
        page = visit.go(f"{code}/search.html#q={quote(WORDS[code])}")
        assert "offers/gallarate-cotton-cuttings" in results(page)
        page = visit.go(f"{code}/directory.html")
        assert "offers/gallarate-cotton-cuttings" in header_resources(page, WORDS[code])


def test_each_language_searches_its_own_version_of_a_translated_resource(browser, site):
    """The German search finds the German translation of the act at its own address, the
    English search the English original: one version of each resource per page, in the
    results and in the filters' counts."""
    krwg = "legislation/de-circular-economy-act-krwg"
    with visiting(browser, site.as_uri() + "/") as visit:
        page = visit.go("de/search.html#q=Kreislaufwirtschaftsgesetz")
        found = results(page)
        assert f"de/{krwg}" in found and krwg not in found, found
        page = visit.go("search.html#q=Kreislaufwirtschaftsgesetz")
        found = results(page)
        assert krwg in found and f"de/{krwg}" not in found, found
        page = visit.go("hu/search.html#q=hulladek")  # a Hungarian page: its translations
        found = results(page)
        assert "hu/legislation/hu-waste-act-2012" in found, found
        assert "legislation/hu-waste-act-2012" not in found, found


# A word of each language's translated act, typed in another of its forms (the act does not
# hold that form): its language's stemmer finds it.
INFLECTED = {"de": ("Abfällen", "legislation/de-circular-economy-act-krwg"),
             "it": ("raccolte differenziate", "legislation/it-legislative-decree-116-2020"),
             "pl": ("odpadami", "legislation/pl-municipal-cleanliness-act-1996"),
             "cs": ("textilních", "legislation/cz-waste-act-541-2020"),
             "hu": ("gyűjtésére", "legislation/hu-waste-act-2012")}


def test_a_reader_finds_a_word_of_their_language_by_another_of_its_forms(browser, site):
    """Typed into each language's search page, from disk; the stemmers' script is loaded for
    those pages, and not for an English word found on an English page. A German form typed on
    the English page finds the German version when no English one has it."""
    from .test_search import type_query

    requested = "Object.values(VCSearch.engines)[0].requested"
    with visiting(browser, site.as_uri() + "/") as visit:
        for code, (word, act) in INFLECTED.items():
            text = (CONTENT / f"{act}.{code}.md").read_text(encoding="utf-8").lower()
            assert all(w not in text.split() for w in word.lower().split()), word
            page = visit.go(f"{code}/search.html")
            type_query(page, word)
            assert f"{code}/{act}" in results(page), code
            # the page's language's own script where it has one, else every language's
            own = f"stem-{code}" if code in ("de", "it", "hu") else "stem"
            assert own in page.evaluate(requested), code
            assert len([n for n in page.evaluate(requested) if n.startswith("stem")]) == 1
        page = visit.go("search.html")
        type_query(page, "recycling")
        assert results(page) and not [n for n in page.evaluate(requested) if "stem" in n]
        # A word that finds nothing once typed (a space after it): every language's stemmer.
        type_query(page, "Abfällen ")
        assert results(page) == ["de/legislation/de-circular-economy-act-krwg"]
        assert "stem" in page.evaluate(requested)
