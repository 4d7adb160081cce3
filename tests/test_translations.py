"""The interface's words in the partners' languages (model/languages.py): every catalogue
complete and faithful to its English words (placeholders and markup kept), up to date with the
code, and used: a generated page rendered in a language holds none of the catalogue's English
sentences."""

from __future__ import annotations

import logging
import re
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po
from virtual_centre.catalogue.resources import Catalogue
from virtual_centre.model import languages
from virtual_centre.model.languages import LOCALES, UnknownLanguage, catalogue_path
from virtual_centre.pages.plan import SitePlan
from virtual_centre.pages.resource import render_resource
from virtual_centre.validate.gate import load_content

from .conftest import CONTENT, ROOT

PARTNERS = ["de", "it", "pl", "cs", "hu"]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
TAG = re.compile(r"</?(\w+)")


def catalogue(code: str, folder: Path = LOCALES):
    with catalogue_path(code, folder).open("rb") as po:
        return read_po(po, locale=code)


def forms(message) -> list[tuple[str, str]]:
    """(English, translation) of each form of a message."""
    ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
    strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
    return [(ids[min(n, len(ids) - 1)], s) for n, s in enumerate(strings)]


def test_the_partners_languages_have_catalogues():
    assert languages.available() == sorted(PARTNERS)


@pytest.mark.parametrize("code", PARTNERS)
def test_every_catalogue_is_complete_and_keeps_placeholders_and_markup(code):
    wrong = []
    for message in catalogue(code):
        if not message.id:
            continue
        if message.fuzzy:
            wrong.append(f"fuzzy: {message.id!r}")
        for english, translated in forms(message):
            if not translated.strip():
                wrong.append(f"empty: {english!r}")
            elif set(PLACEHOLDER.findall(english)) != set(PLACEHOLDER.findall(translated)):
                wrong.append(f"placeholders: {english!r} -> {translated!r}")
            elif Counter(TAG.findall(english)) != Counter(TAG.findall(translated)):
                wrong.append(f"markup: {english!r} -> {translated!r}")
    assert wrong == []


def test_the_catalogues_hold_every_word_of_the_code():
    """`make messages` has been run: what the templates and the code mark, and the titles of
    mkdocs.yml's navigation, are in every catalogue, and nothing else."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options = parse_mapping_cfg(cfg, "babel.cfg")
    marked = {m[2] if isinstance(m[2], str) else tuple(m[2])
              for m in extract_from_dir(ROOT, method_map, options, keywords={
                  "_": None, "gettext": None, "ngettext": (1, 2), "N_": None})}
    for code in PARTNERS:
        ids = {m.id if isinstance(m.id, str) else tuple(m.id) for m in catalogue(code) if m.id}
        assert ids == marked, code


class VisibleText(HTMLParser):
    """What a reader sees or hears of a page in one language: its text and its labels
    (aria-label, title, placeholder, alt), outside scripts and styles and outside any element
    marked as written in another language (a resource's title on a card, a switcher's name)."""

    SKIP = {"script", "style", "code"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr", "path", "rect", "circle", "line", "image"}

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang, self.stack, self.found = lang, [], []

    def hidden(self) -> bool:
        return any(skip for _, skip in self.stack)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        skip = tag in self.SKIP or a.get("lang", self.lang) != self.lang \
            or a.get("type") == "application/json"
        if not skip and not self.hidden():
            self.found += [a[k].strip() for k in ("aria-label", "title", "placeholder", "alt")
                           if a.get(k)]
        if tag not in self.VOID and not tag.endswith("/"):
            self.stack.append((tag, skip))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for n in range(len(self.stack) - 1, -1, -1):
            if self.stack[n][0] == tag:
                del self.stack[n:]
                break

    def handle_data(self, data):
        if data.strip() and not self.hidden():
            self.found.append(" ".join(data.split()))


def english_left(html: str, code: str, words: set[str]) -> list[str]:
    """The English words of the catalogue a page in `code` still shows: a text or a label that
    is one of them whole (a sentence inside the content's own text is the content's)."""
    parser = VisibleText(code)
    parser.feed(html)
    return sorted(t for t in set(parser.found) if t in words)


@pytest.mark.parametrize("code", PARTNERS)
def test_no_page_in_a_language_shows_the_english_words_of_its_catalogue(code):
    """Every generated page of the language, and three resource pages of each category with
    their interface in it: no text or label that is an English word of the catalogue (one whose
    translation differs). Proper names, code, and the content's own text aside."""
    plan = SitePlan(Catalogue.from_sources(load_content(CONTENT)), languages=("en", code))
    translated = [(english, t) for m in catalogue(code) if m.id for english, t in forms(m)
                  if t and t != english]
    words = {PLACEHOLDER.sub("", e).strip() for e, _ in translated} - {""}
    pages = [page for page in plan.pages.values() if page.lang == code]
    assert len(pages) > 20
    left = {}
    for page in pages:
        html = page.render(plan, plan.presenter(page.src_uri, code))
        if found := english_left(html, code, words):
            left[page.src_uri] = found
    for r in (r for resources in plan.catalogue.by_category.values() for r in resources[:3]):
        html = render_resource(plan, r, "", plan.presenter(r.src_uri, code))
        if found := english_left(html, code, words):
            left[r.src_uri] = found
    assert left == {}
    english = plan.pages["search.md"].render(plan, plan.presenter("search.md"))
    assert english.count("Search the Virtual Centre") == 1  # English stays English


def test_a_language_without_a_catalogue_is_refused():
    with pytest.raises(UnknownLanguage, match="no catalogue"):
        languages.languages(["xx"])
    assert [lang.code for lang in languages.languages(["de", "en", "de"])] == ["en", "de"]


def test_a_new_language_is_one_catalogue_and_a_missing_word_stays_english(tmp_path, caplog):
    """A sixth language: its catalogue file is all it takes; a word it lacks stays English
    and the build log says how many are missing."""
    shutil.copytree(LOCALES / "de", tmp_path / "sk")
    sk = catalogue("sk", tmp_path)
    for message in sk:
        if message.id == "Nothing here yet.":
            message.string = "Zatiaľ tu nič nie je."
        elif message.id == "Show more results":
            message.string = ""
    with catalogue_path("sk", tmp_path).open("wb") as po:
        write_po(po, sk)
    assert [lang.code for lang in languages.languages(["sk"], tmp_path)] == ["en", "sk"]
    with caplog.at_level(logging.WARNING):
        t = languages.translations("sk", tmp_path)
    assert t.gettext("Nothing here yet.") == "Zatiaľ tu nič nie je."
    assert t.gettext("Show more results") == "Show more results"
    assert "1 of the interface's words are not translated into sk" in caplog.text
    slovak = languages.Language("sk")
    assert slovak.name == "slovenčina" and slovak.country_name("AT") == "Rakúsko"
    assert slovak.prefix == "sk/"


@pytest.mark.slow
def test_a_project_adds_a_sixth_language_with_one_catalogue_and_one_line(tmp_path, monkeypatch):
    """A temporary project: mkdocs.yml with `languages: [sk]` and locales/sk/…/messages.po
    beside it (Czech's words for the test, as Slovak's three plural forms are Czech's); the
    package is not touched. Every generated page exists in it, in its words."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from .conftest import CONTENT, PUBLISHED, ROOT, without_translations

    monkeypatch.setattr(languages, "PROJECT_CATALOGUES", [])
    project = tmp_path / "project"
    (project / "locales" / "sk").mkdir(parents=True)
    shutil.copytree(LOCALES / "cs" / "LC_MESSAGES", project / "locales" / "sk" / "LC_MESSAGES")
    po = catalogue_path("sk", project / "locales")
    po.write_text(po.read_text(encoding="utf-8").replace('"Language: cs\\n"', '"Language: sk\\n"'),
                  encoding="utf-8")
    (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                                        encoding="utf-8")
    config = load_config(config_file=str(project / "mkdocs.yml"),
                         docs_dir=str(without_translations(CONTENT)),
                         site_dir=str(project / "site"), strict=True, **PUBLISHED)
    config.plugins["virtual-centre"].config.languages = ["sk"]
    config.plugins["virtual-centre"].config.node_modules = str(ROOT / "node_modules")
    config.plugins["virtual-centre"].config.display_root = str(CONTENT.parent)
    try:
        build(config)
    finally:
        languages.translations.cache_clear()
    site = project / "site"
    czech = languages.translations("cs")
    home = (site / "sk" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="sk"' in home and "slovenčina" in (site / "index.html").read_text()
    directory = (site / "sk" / "directory.html").read_text(encoding="utf-8")
    assert czech.gettext("Post an offer") in directory
    assert (site / "assets" / "vc" / "words" / "sk.js").is_file()
    assert 'hreflang="sk"' in (site / "sitemap.xml").read_text()
    assert not (site / "de").exists()  # only the configured languages
    assert not (LOCALES / "sk").exists()  # the package is as it was


def test_a_readers_words_for_fibres_stand_for_the_english_names():
    """The catalogue search's thesaurus names each fibre by the English name the catalogue uses
    and by the readers' words for it, folded as the search folds a query
    (model/vocab/reader_words.yaml)."""
    from virtual_centre.model.vocab import thesaurus, vocabularies
    from virtual_centre.outputs.search_index import CompactIndexBuilder
    from virtual_centre.outputs.search_thesaurus import search_thesaurus

    fibres = {c.key.removeprefix("fibre:"): c for c in thesaurus() if c.key.startswith("fibre:")}
    assert set(fibres) <= set(vocabularies().fibres)
    manifest, _ = search_thesaurus(CompactIndexBuilder((("head", 1),)), [])
    keys = [c.key for c in thesaurus()]
    phrases = manifest["phrases"]
    assert phrases["baumwolle"] == phrases["bawelna"] == phrases["pamut"] == phrases["cotton"] \
        == [keys.index("fibre:cotton")]
    assert phrases["gyapju"] == [keys.index("fibre:wool")]


