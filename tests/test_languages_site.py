"""The site in its partners' languages (the plugin's `languages`): every generated page in each
language under /<code>/, with <html lang>, a language switcher and hreflang alternates that
point at each other and at pages that exist."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort
from virtual_centre.model.languages import Language

from .conftest import CONTENT, LANGUAGES, PUBLISHED, main_html

HTML_LANG = re.compile(r'<html lang="([^"]+)"')


def build_languages(tmp: Path, languages: list[str], content: Path = CONTENT) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from .conftest import ROOT

    config = load_config(config_file=str(ROOT / "mkdocs.yml"), docs_dir=str(content),
                         site_dir=str(tmp / "site"), strict=True, **PUBLISHED)
    config.plugins["virtual-centre"].config.display_root = str(CONTENT.parent)
    config.plugins["virtual-centre"].config.languages = languages
    build(config)
    return tmp / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_languages(tmp_path_factory.mktemp("languages"), LANGUAGES)


def translations_in(code: str) -> set[str]:
    """The pages a language has because content is translated into it (name.<code>.md):
    resources and the site's own pages, from the language's folder."""
    return {f.relative_to(CONTENT).as_posix().replace(f".{code}.md", ".html")
            for f in CONTENT.rglob(f"*.{code}.md")}


def generated_pages(site: Path, code: str = "de") -> list[str]:
    """The pages generated in a language (translated content aside)."""
    return sorted(p.relative_to(site / code).as_posix() for p in (site / code).rglob("*.html")
                  if p.relative_to(site / code).as_posix() not in translations_in(code)
                  or p.name == "index.html" and p.parent == site / code)


def test_every_generated_page_is_there_in_every_language(site):
    pages = generated_pages(site)
    assert len(pages) > 40 and "directory.html" in pages and "index.html" in pages
    for code in LANGUAGES:
        assert generated_pages(site) == generated_pages(site, code), code
    for page in pages:
        assert (site / page).is_file(), page  # each has its English page at the root


def test_each_page_says_its_language_and_material_speaks_it(site):
    assert HTML_LANG.search((site / "directory.html").read_text())[1] == "en"
    for code in LANGUAGES:
        for page in ("directory.html", "search.html", "offers/index.html", "index.html"):
            html = (site / code / page).read_text(encoding="utf-8")
            assert HTML_LANG.search(html)[1] == code, (code, page)
    german = (site / "de" / "search.html").read_text(encoding="utf-8")
    assert 'placeholder="Suche"' in german  # Material's own words, in German


def sitemap_alternates(site: Path) -> dict[str, list[tuple[str, str]]]:
    """Each page of the sitemap with its xhtml:link alternates (hreflang, href)."""
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    return {m[1]: re.findall(r'<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/>',
                             m[2])
            for m in re.finditer(r"<url>\s*<loc>([^<]+)</loc>(.*?)</url>", text, re.S)}


def test_hreflang_alternates_are_reciprocal_and_point_at_pages_that_exist(site):
    """In the sitemap (Google's sitemap method): not as <link rel="alternate" hreflang> in
    the head, where Material's script would fetch a sitemap beside each one."""
    root = PUBLISHED["site_url"]
    pages = sitemap_alternates(site)
    with_languages = {loc: alternates for loc, alternates in pages.items() if alternates}
    resources = sum(len(translations_in(code) - {"index.html", "about.html"})
                    for code in LANGUAGES)
    # Every generated page and About in each language; a translated resource and its original.
    assert len(with_languages) == (len(generated_pages(site)) + 1) * (len(LANGUAGES) + 1) \
        + 2 * resources
    for loc, alternates in with_languages.items():
        codes = [code for code, _ in alternates]
        assert codes[0] == "en" and codes[-1] == "x-default", loc
        assert codes[1:-1] in (LANGUAGES, [c for c in LANGUAGES if c in codes]), loc
        assert alternates[-1][1] == alternates[0][1]  # x-default: English
        targets = {href for _, href in alternates}
        assert loc in targets
        for href in targets:
            assert (site / href[len(root):]).is_file(), href
            assert {h for _, h in pages[href]} == targets, (loc, href)
    head = (site / "de" / "directory.html").read_text(encoding="utf-8")
    assert "hreflang" not in head[: head.index("</head>")]


def test_the_switcher_names_each_language_in_itself_and_leads_to_the_same_page(site):
    html = main_html(site / "pl" / "directory.html")
    switcher = re.search(r'<nav class="vc-languages" aria-label="Języki">(.*?)</nav>', html)[1]
    assert '<span aria-current="page" lang="pl">polski</span>' in switcher
    links = re.findall(r'<a href="([^"]+)" hreflang="([^"]+)" lang="[^"]+">([^<]+)</a>',
                       switcher)
    assert [(code, name) for _, code, name in links] == [
        (code, Language(code).name) for code in ["en", *LANGUAGES] if code != "pl"]
    assert [href for href, _, _ in links][:2] == ["../directory.html", "../de/directory.html"]
    # The English home (the site's own page) leads to the home of each language.
    home = main_html(site / "index.html")
    assert '<a href="hu/index.html" hreflang="hu" lang="hu">magyar</a>' in home


def test_links_of_a_page_in_a_language_stay_in_it(site):
    """A page's links to generated pages (browse pages, lists, the search) lead to those in
    its language; to resources, data and assets, to the one copy at the root."""
    html = main_html(site / "it" / "offers" / "index.html")
    content = html[html.index('<nav class="vc-languages"'):]
    browse = re.findall(r'href="([^"]*browse/[^"]*)"', content)
    assert browse and all(href.startswith("../../it/browse/") for href in browse)
    offers = re.findall(r'href="(\.\./\.\./offers/[^"]+)"', content)
    assert offers and all((site / "offers" / href.rsplit("/", 1)[1]).is_file() for href in offers)


def test_a_language_without_a_catalogue_stops_the_build(tmp_path, caplog):
    with pytest.raises(Abort):
        build_languages(tmp_path, ["de", "xx"])
    assert "no catalogue for the language 'xx': add " in caplog.text
    assert not (tmp_path / "site" / "index.html").exists()


def test_without_languages_the_site_has_no_switcher_and_no_alternates(tmp_path):
    """English only: the content without its translations (which need their languages)."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    for translation in content.rglob("*.??.md"):
        translation.unlink()
    english = build_languages(tmp_path, [], content)
    html = (english / "directory.html").read_text(encoding="utf-8")
    assert "vc-languages" not in html and "hreflang" not in html
    assert "xhtml:link" not in (english / "sitemap.xml").read_text(encoding="utf-8")
    assert not (english / "de").exists()


KRWG = "legislation/de-circular-economy-act-krwg"


def test_a_translation_is_a_page_of_its_language_beside_its_original(site):
    """legislation/…krwg.de.md: the act in German at de/legislation/…krwg.html, with the
    German interface, its translator and the original's fields; each version names the other
    ("Also in"), the sitemap pairs them, and the German list shows the translation."""
    german = (site / "de" / f"{KRWG}.html").read_text(encoding="utf-8")
    assert HTML_LANG.search(german)[1] == "de"
    assert "<h1>Deutschland – Kreislaufwirtschaftsgesetz (KrWG)</h1>" in german
    assert 'aria-label="Über d' in german  # its panel, in German
    assert 'data-field="jurisdiction"' in german  # the original's fields, not repeated
    assert "Virtual Centre developers" in german and "6. Dezember 2026" in german
    english = (site / f"{KRWG}.html").read_text(encoding="utf-8")
    assert HTML_LANG.search(english)[1] == "en"
    assert f'href="../de/{KRWG}.html" hreflang="de" lang="de">Deutsch</a>' in english
    assert f'href="../../{KRWG}.html" hreflang="en" lang="en">English</a>' in german
    assert not (site / f"{KRWG}.de.html").exists()  # not beside the original
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f'hreflang="de" href="{PUBLISHED["site_url"]}de/{KRWG}.html"' in sitemap
    listing = main_html(site / "de" / "legislation" / "index.html")
    assert f'../../de/{KRWG}.html">Deutschland – Kreislaufwirtschaftsgesetz (KrWG)' in listing


def test_a_site_page_is_translated_at_its_place(site):
    """index.de.md and about.de.md: the German home and About, their links in German where
    the page is (contribute.md) and back to the one file otherwise (the offline zip)."""
    home = (site / "de" / "index.html").read_text(encoding="utf-8")
    assert "Textilrecycling ist noch lange keine gängige Praxis" in home
    assert 'href="../download/virtual-centre-offline.zip"' in home
    assert 'class="vc-translation"' in home
    about = (site / "de" / "about.html").read_text(encoding="utf-8")
    assert "<h1" in about and "Über das Virtual Centre" in about
    assert 'href="contribute.html"' in about  # de/contribute.html
    assert 'href="../about.html" hreflang="en"' in about


def test_the_menus_of_a_page_in_a_language_are_in_it_and_lead_to_its_pages(site):
    html = (site / "de" / "directory.html").read_text(encoding="utf-8")
    tabs = re.findall(r'class="md-tabs__link">\s*([^<]+?)\s*<', html)
    assert "Wissen" in tabs and "Netzwerk" in tabs and "Knowledge" not in tabs
    assert re.search(r'<a href="directory.html" class="md-nav__link md-nav__link--active">\s*'
                     r'<span class="md-ellipsis">\s*Verzeichnis', html)
    assert 'href="about.html"' in html  # About, translated (about.de.md)
    assert "Knowledge" in (site / "directory.html").read_text(encoding="utf-8")  # English


def test_a_list_marks_a_resource_written_in_another_language_than_its_own(site):
    """A list in German shows every resource: the translations, and the English ones
    marked as English (with `lang` on their title and summary)."""
    german = main_html(site / "de" / "legislation" / "index.html")
    assert "Deutschland – Kreislaufwirtschaftsgesetz (KrWG)" in german
    offers = main_html(site / "de" / "offers" / "index.html")
    assert '<span class="vc-badge vc-badge--lang">Englisch</span>' in offers
    assert 'class="vc-card__summary" lang="en"' in offers
    cards = offers[offers.index('<div class="vc-cards">'):]
    assert 'lang="de"' not in cards  # the list's own language is not marked
    english = main_html(site / "offers" / "index.html")
    assert "vc-badge--lang" not in english


def test_feeds_are_named_in_the_page_language(site):
    """A feed's title on the alerts page and in the head: its vocabulary values in the page's
    language (the official fibre name, CLDR's country name); the feed files stay one copy."""
    german = (site / "de" / "alerts.html").read_text(encoding="utf-8")
    assert "Angebote: Baumwolle, Polen" in german and "Offers of cotton" not in german
    assert "Thema: " in german and "Topic: " not in german
    polish = (site / "pl" / "directory.html").read_text(encoding="utf-8")
    assert "Oferty: cotton, Polska" in polish  # no sourced Polish fibre name: English stays
    english = (site / "alerts.html").read_text(encoding="utf-8")
    assert "Offers of cotton in Poland" in english
    head = (site / "de" / "offers" / "index.html").read_text(encoding="utf-8")
    titles = re.findall(r'<link rel="alternate feed" type="application/rss\+xml" title="([^"]+)"',
                        head)
    assert len(titles) == 2 and all(": Alles" in t or ": Angebote" in t for t in titles), titles
    assert not (site / "de" / "feeds").exists()


def test_the_buttons_to_post_lead_to_the_form_in_the_page_language(site):
    repo = PUBLISHED["repo_url"] + "/issues/new?template="
    for code in LANGUAGES:
        html = (site / code / "directory.html").read_text(encoding="utf-8")
        assert f'href="{repo}post-offer-{code}.yml"' in html, code
        assert f'href="{repo}post-demand-{code}.yml"' in html, code
        contribute = (site / code / "contribute.html").read_text(encoding="utf-8")
        assert f'href="{repo}propose-resource-{code}.yml"' in contribute, code
    assert f'href="{repo}post-offer.yml"' in (site / "directory.html").read_text()


def test_the_glossary_names_each_concept_in_each_language_with_its_source(site):
    """The thesaurus as a page in every language: each official term linked to where it was
    read, marked with its language; the readers' words beside it."""
    from html import escape

    from virtual_centre.model.vocab import thesaurus

    concepts = [c for c in thesaurus() if not c.key.startswith("fibre:")]
    for code in ["en", *LANGUAGES]:
        page = main_html(site / ("" if code == "en" else code) / "glossary.html")
        for concept in concepts:
            assert f'id="{concept.key}"' in page, (code, concept.key)
            for lang, label in concept.labels.items():
                link = f'<td lang="{lang}"><a href="{escape(concept.sources[lang])}" ' \
                       f'rel="noopener">{escape(label)}</a></td>'
                assert link in page, (code, concept.key, lang)
    german = main_html(site / "de" / "glossary.html")
    assert "<h1>Fachbegriffe</h1>" in german
    assert '<h2 id="epr">erweiterte Herstellerverantwortung</h2>' in german
    assert "Alttextilien" in german and "selektív gyűjtés" in german
