"""Partner journeys (issue 32), walked as a user walks them, on a phone (390 × 844, touch) and a
desktop, over file:// and over HTTP under a sub-path, on the site as the Pages workflow builds it
(REPO_URL and SITE_URL set)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page
from virtual_centre.model.languages import translations

from .conftest import PUBLISHED, Visit, visiting
from .test_quality import AXE

pytestmark = pytest.mark.browser

FORMS = f"{PUBLISHED['repo_url']}/issues/new?template="
SCREENS = {"phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True,
                     "has_touch": True},
           "desktop": {"viewport": {"width": 1280, "height": 900}}}


@pytest.fixture(params=sorted(SCREENS))
def screen(request, browser: Browser, base: str) -> Iterator[Visit]:
    with visiting(browser, base, **SCREENS[request.param]) as visit:
        yield visit
    assert visit.foreign_requests() == [] and not visit.failed, visit.failed


def first_screen(page: Page, selector: str) -> bool:
    """The element is visible without scrolling."""
    box = page.locator(selector).first.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def test_post_an_offer_from_the_home_page_the_directory_and_a_listing(screen: Visit):
    page = screen.go("index.html")
    offer = 'nav.vc-tasks a:has-text("Offer your textile waste")'
    assert first_screen(page, offer), "the home page's first screen holds the task buttons"
    assert page.get_attribute(offer, "href") == FORMS + "post-offer.yml"
    demand = 'nav.vc-tasks a:has-text("Post a demand for feedstock")'
    assert page.get_attribute(demand, "href") == FORMS + "post-demand.yml"
    page.click('nav.vc-tasks a:has-text("Add your content")')
    page.wait_for_url("**/contribute.html")
    for heading in ("Fill in a form", "Send a spreadsheet", "Edit the files yourself",
                    "Who checks it, and how long it stays"):
        assert page.locator(f"h2:has-text('{heading}')").is_visible(), heading
    assert page.get_attribute('a:has-text("Post an offer")', "href") == FORMS + "post-offer.yml"

    page = screen.go("directory.html")
    button = 'nav.vc-tasks a:has-text("Post an offer")'
    assert first_screen(page, button)
    assert page.get_attribute(button, "href") == FORMS + "post-offer.yml"

    page = screen.go("offers/gallarate-cotton-cuttings.html")
    post = page.locator('nav.vc-tasks--listing a:has-text("Post a demand")')
    post.scroll_into_view_if_needed()
    assert post.is_visible() and post.get_attribute("href") == FORMS + "post-demand.yml"
    # The pencil says what it does.
    assert page.locator("a.vc-edit").first.inner_text().strip() == "Edit this page"


def test_every_section_is_in_the_menus(screen: Visit):
    page = screen.go("index.html")
    if page.viewport_size["width"] < 1220:  # the drawer, where the tabs do not show
        page.click('label.md-header__button[for="__drawer"]')
        page.wait_for_timeout(300)
    nav = page.locator("nav.md-nav--primary")
    for name, path in (("Pilot cases and success stories", "pilot-cases/index.html"),
                       ("Organisations", "organisations/index.html"),
                       ("Add your content", "contribute.html")):
        link = nav.locator(f'a.md-nav__link[href$="{path}"]')
        assert link.count() >= 1 and name in link.first.text_content(), name


# -- by keyboard, and for every reader (WCAG 2.2 AA) -------------------------------------------

KEY_PAGES = ["index.html", "directory.html", "offers/gallarate-cotton-cuttings.html",
             "search.html#q=cotton", "legislation/waste-framework-directive.html",
             "statistics.html", "textile-rules.html"]
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const r = e.getBoundingClientRect();
  let hidden = false;
  for (let n = e; n; n = n.parentElement) {
    const c = getComputedStyle(n);
    if (c.visibility === 'hidden' || c.display === 'none' || parseFloat(c.opacity) < 0.1) {
      hidden = true;
    }
  }
  const again = e.hasAttribute('data-vc-tabbed');
  e.setAttribute('data-vc-tabbed', '');
  const s = getComputedStyle(e);
  const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
    || s.outlineStyle === 'auto' || s.boxShadow !== 'none';
  return {what: e.tagName + '.' + (typeof e.className === 'string' ? e.className : '')
            + ' ' + (e.innerText || e.value || e.id || '').slice(0, 30),
          visible: !hidden && r.width >= 1 && r.height >= 1, ring, again};
}"""


def tab_stops(page: Page, most: int = 400) -> list[str]:
    """Every Tab stop of the page (until the focus comes round again) that cannot be seen or
    shows no focus."""
    bad = []
    for _ in range(most):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop and stop["again"]:
            return bad
        if stop and not (stop["visible"] and stop["ring"]):
            page.wait_for_timeout(350)  # a stop that fades in as it gets the focus
            stop = page.evaluate(FOCUSED)
            if stop and not (stop["visible"] and stop["ring"]):
                bad.append(stop["what"])
    raise AssertionError(f"the focus did not come round in {most} Tab stops")


def from_disk(screen: Visit, path: str) -> Page:
    """The page opened from disk, its scripts done: the tab order and the markup axe reads are
    the same bytes over HTTP (test_quality.py runs axe's WCAG 2.1 rules over both)."""
    if not screen.base.startswith("file:"):
        pytest.skip("the same page as over file://")
    page = screen.go(path)
    page.wait_for_load_state("load")
    if path.startswith(("search", "directory")):
        page.wait_for_selector("[data-ready=true]")
    return page


@pytest.mark.parametrize("path", KEY_PAGES)
def test_every_tab_stop_is_seen_with_its_focus(screen: Visit, path: str):
    assert tab_stops(from_disk(screen, path)) == [], path


@pytest.mark.parametrize("path", KEY_PAGES)
def test_axe_finds_no_wcag22_or_best_practice_violation(screen: Visit, path: str):
    page = from_disk(screen, path)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""() => axe.run(document, {runOnly: {type: 'tag', values: [
        'wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice']}})""")
    found = [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}"
             for v in result["violations"]]
    assert found == [], path


# -- find feedstock ----------------------------------------------------------------------------

def shown(page: Page) -> list[str]:
    page.wait_for_selector("#vc-directory[data-ready=true]")
    return page.eval_on_selector_all("#vc-dir-results li:not([hidden])",
                                     "els => els.map(e => e.dataset.id)")


def test_find_feedstock_in_the_directory(screen: Visit):
    page = screen.go("directory.html")
    everything = shown(page)
    assert first_screen(page, "#vc-dir-results li:not([hidden])"), "the first listing, first screen"
    map_top = page.locator("#vc-dir-map").bounding_box()["y"]
    assert map_top > page.locator("#vc-dir-results").bounding_box()["y"]  # below the results
    phone = page.viewport_size["width"] < 600
    cotton = 'fieldset[data-facet="material"] input[value="cotton"]'
    if phone:  # the filters are a closed panel until the toggle opens it
        assert not page.locator(cotton).is_visible()
        page.tap("#vc-dir-toggle")
        assert page.get_attribute("#vc-dir-toggle", "aria-expanded") == "true"
        page.tap(cotton)
    else:
        page.check(cotton)
    # Where the finger is: the count and the filter, as a removable chip, are in view.
    assert first_screen(page, "#vc-dir-status") and first_screen(page, ".vc-chip")
    assert "Material: cotton" in page.inner_text("#vc-dir-chips")
    page.check('fieldset[data-facet="origin"] input[value="post-consumer"]')
    # A country with no result left stays, unavailable, with its 0.
    # (Post-consumer cotton is only in Hungary among the example listings.)
    poland = page.locator('fieldset[data-facet="country"] label:has(input[value="PL"])')
    assert poland.count() == 1 and "(0)" in poland.inner_text()
    assert page.locator('fieldset[data-facet="country"] input[value="PL"]').is_disabled()
    page.click("#vc-dir-clear")
    assert shown(page) == everything and page.locator(".vc-chip").count() == 0
    # The address keeps the filter, whatever its case.
    page = screen.go("directory.html#country=pl&kind=OFFER")
    found = shown(page)
    assert found and all(i.startswith("offers/") for i in found)
    assert {"offers/lodz-knit-cuttings", "offers/lodz-denim-cuttings"} <= set(found)


# -- find the law in my country ----------------------------------------------------------------

def test_find_the_law_in_my_country(screen: Visit):
    page = screen.go("index.html")
    page.click('nav.vc-tasks a:has-text("Find the law")')
    page.wait_for_url("**/legislation/index.html")
    jump = page.locator('nav.vc-jump a:has-text("Germany")')
    assert jump.inner_text() == "Germany (1)"
    jump.click()
    german = page.locator("#law-de + ul li.vc-law").first
    assert german.is_visible() and "Circular Economy Act" in german.inner_text()
    assert "National law · In force · adopted 2012-02-24" in german.inner_text()
    assert "2025-01-01: Separate collection of textile waste" in german.inner_text()
    eu = page.locator(".vc-jurisdictions h3").first.inner_text()
    assert eu == "European Union"  # the EU's acts first
    german.locator("a").first.click()
    page.wait_for_url("**/legislation/de-circular-economy-act-krwg.html")
    # The act is also in German: the translation, with the panel in German words.
    page.locator("nav.vc-also-in").get_by_role("link", name="Deutsch").click()
    page.wait_for_url("**/de/legislation/de-circular-economy-act-krwg.html")
    title = page.locator("h1").first.inner_text()
    assert title == "Deutschland – Kreislaufwirtschaftsgesetz (KrWG)"
    assert page.evaluate("document.documentElement.lang") == "de"
    assert "Virtual Centre developers" in page.inner_text(".vc-translation")
    panel = page.inner_text(".vc-panel")
    de = translations("de").gettext
    assert de("Adopted") in panel and de("Published") not in panel
    assert de("In force") in panel and "in-force" not in panel and "national-law" not in panel
    page = screen.go("browse/countries/de.html")
    first = page.locator(".vc-card").first
    assert first.get_attribute("data-category") == "legislation"


def test_where_my_country_stands_on_textile_rules(screen: Visit):
    page = screen.go("legislation/index.html")
    page.click('a:has-text("Where each country stands on textile rules")')
    page.wait_for_url("**/textile-rules.html")
    poland = page.locator("#rules-pl")
    poland.scroll_into_view_if_needed()
    assert poland.is_visible() and "Poland" in poland.inner_text()
    epr = poland.locator('td[data-label="Extended producer responsibility for textiles"]')
    text = epr.inner_text()
    assert "Not yet" in text and "EU deadline:" in text and "17 April 2028" in text
    assert epr.locator('a[href^="https://"]:has-text("source")').count() == 1
    # On a phone each country is a block of labelled cells: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    epr.locator("a").first.click()
    page.wait_for_url("**/legislation/pl-municipal-cleanliness-act-1996.html")
    assert "Where each country stands" in page.inner_text(".vc-panel")  # the English page
    page.locator("nav.vc-also-in").get_by_role("link", name="polski").click()  # its translation
    page.wait_for_url("**/pl/legislation/pl-municipal-cleanliness-act-1996.html")
    assert translations("pl").gettext("Where each country stands") in page.inner_text(".vc-panel")


# -- search, and never hit a wall --------------------------------------------------------------

def searched(page: Page, query: str) -> list[str]:
    page.locator("#vc-q").fill(query)
    page.wait_for_function("document.querySelector('#vc-search').dataset.ready === 'true' && "
                           "!document.querySelector('#vc-search').dataset.busy")
    page.wait_for_timeout(100)
    return page.eval_on_selector_all("#vc-results li", "els => els.map(e => e.dataset.id)")


def test_search_never_hits_a_wall(screen: Visit):
    page = screen.go("search.html")
    page.wait_for_selector("#vc-search[data-ready=true]")
    # An abbreviation of the domain finds the acts that write it out.
    assert "legislation/directive-2025-1892" in searched(page, "EPR")[:5]
    # A natural phrase: no resource has every word, those with most of them are shown.
    found = searched(page, "cotton offer Poland")
    assert found and "No resource has every word" in page.inner_text("#vc-status")
    assert any(f.startswith("offers/lodz-") for f in found[:10])
    assert page.locator("#vc-noresult").is_hidden()
    # A corrected word never leaves the query with nothing: 'rifiuti' has no match, 'tessili'
    # is corrected to 'tessile', and the resources with that one are shown.
    assert searched(page, "rifiuti tessili")
    # Nothing at all: the page says what to do next, never blank.
    assert searched(page, "zzzzqqqq") == []
    help_box = page.locator("#vc-noresult")
    assert help_box.is_visible() and help_box.locator("a").count() >= 4
    # Filters that leave nothing: the way back is offered.
    page = screen.go("search.html#q=fibersort&category=legislation")
    page.wait_for_selector("#vc-search[data-ready=true]")
    page.wait_for_function("!document.querySelector('#vc-search').dataset.busy")
    assert page.locator("#vc-noresult-filters").is_visible()
    page.click("#vc-noresult-clear")
    page.wait_for_function("document.querySelectorAll('#vc-results li').length > 0")
    assert "technologies/fibersort" in page.eval_on_selector_all(
        "#vc-results li", "els => els.map(e => e.dataset.id)")


def test_the_header_search_is_readable_and_never_says_nothing_under_results(screen: Visit):
    page = screen.go("about.html")
    if page.viewport_size["width"] < 1220:
        page.click('label.md-header__button[for="__search"]')
    page.locator("input.md-search__input").press_sequentially("recyling", delay=20)
    page.wait_for_selector(".vc-header-search__item")
    size = page.eval_on_selector(".vc-header-search__title",
                                 "e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 14
    meta = page.locator(".md-search-result__meta")
    assert not (meta.is_visible() and "No matching" in meta.inner_text())


# -- follow a filter ---------------------------------------------------------------------------

def test_follow_a_material_in_a_country(screen: Visit):
    page = screen.go("directory.html#material=cotton&country=PL&kind=offer")
    shown(page)
    follow = page.locator("#vc-dir-follow")
    assert follow.is_visible() and "Offers of cotton in Poland" in follow.inner_text()
    assert follow.locator('a[href$="feeds/offers-material-cotton-country-pl.rss.xml"]').count()
    follow.locator('a:has-text("how")').click()
    page.wait_for_url("**/alerts.html")
    assert page.locator("h2#how").is_visible()
    feed = page.locator('li.vc-feed[data-key="offers-material-cotton-country-pl"]')
    assert "Offers of cotton in Poland" in feed.inner_text()
    address = feed.locator("input.vc-feed__address")
    assert address.input_value() == (
        "https://org.github.io/virtual-centre/feeds/offers-material-cotton-country-pl.rss.xml")
    feed.locator("button.vc-feed__copy").click()
    assert feed.locator("button.vc-feed__copy").inner_text() in ("Copied",
                                                                 "Selected: press Ctrl+C")


def test_charts_are_readable_on_a_phone(screen: Visit):
    page = screen.go("statistics.html")
    sizes = page.eval_on_selector_all(
        "svg.vc-chart text", "ts => ts.map(t => parseFloat(getComputedStyle(t).fontSize) * "
                             "t.getScreenCTM().a)")
    assert sizes and min(sizes) >= 11, min(sizes)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    captions = page.eval_on_selector_all("figure.vc-figure figcaption",
                                         "fs => fs.map(f => f.innerText)")
    assert all(c.rstrip().endswith(")") for c in captions), captions  # each names its unit


def test_the_directory_map_zooms_to_the_filter(screen: Visit):
    page = screen.go("directory.html")
    shown(page)
    whole = page.get_attribute("#vc-dir-map", "viewBox")
    page.goto(screen.base + "directory.html#country=PL")
    page.reload()
    shown(page)
    zoomed = page.get_attribute("#vc-dir-map", "viewBox")
    assert float(zoomed.split()[2]) < float(whole.split()[2]) / 2  # Poland, not Europe
    inside = page.evaluate("""() => {
      const box = document.getElementById('vc-dir-map').getBoundingClientRect();
      return [...document.querySelectorAll('#vc-dir-map a.vc-map__point')].every(a => {
        const r = a.getBoundingClientRect();
        return r.left >= box.left - 1 && r.right <= box.right + 1 &&
               r.top >= box.top - 1 && r.bottom <= box.bottom + 1; });
    }""")
    assert inside
