"""The site plan: the pages the site generates (kinds.py), what every page shares (the M3P
directory and its records, the cards already rendered); the site's data files are made from
it (outputs/registry.py).

The MkDocs adapter asks this plan for the generated pages; lifecycle.py completes every page
from it. Nothing here imports mkdocs.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Any

from ..catalogue.directory import Directory, build_day
from ..catalogue.resources import Catalogue
from ..model.languages import SOURCE, Language
from ..outputs import feeds, opendata, registry
from ..validate.gate import SITE_PAGE_TRANSLATION
from .contribute import WaysIn
from .fields import CardPresenter
from .kinds import HOME, GeneratedPage, plan_pages
from .render import Theme, base_of


def page_url(src_uri: str) -> str:
    return src_uri.rsplit(".", 1)[0] + ".html"


def site_page_source(src_uri: str) -> str:
    """Where a site page's translation is built from: about.de.md -> de/about.md."""
    found = SITE_PAGE_TRANSLATION.match(src_uri)
    return f"{found[2]}/{found[1]}.md" if found else src_uri


class SitePlan:
    """What the pages of one build are made from."""

    def __init__(self, catalogue: Catalogue, today: dt.date | None = None,
                 repo_url: str = "", site_url: str = "", theme: Theme | None = None,
                 languages: tuple[str, ...] = (SOURCE,), site_pages: tuple[str, ...] = ()):
        self.catalogue = catalogue
        self.theme = theme or Theme()
        """The build's template folders and base map (the project's own unless given)."""
        self.today = today
        self.ways_in = WaysIn(repo_url)
        self.site_url = site_url
        """The published site's address (feeds name it to readers), or ''."""
        self.languages = languages
        """The interface's languages: English, and each configured one (model/languages.py)."""
        self.site_pages = frozenset(
            site_page_source(src) for src in site_pages
            if (found := SITE_PAGE_TRANSLATION.match(src)) is None or found[2] in languages)
        """The site's own pages, translations at their place (de/about.md, de/index.md)."""
        self.pages: dict[str, GeneratedPage] = {
            p.src_uri: p for p in plan_pages(catalogue, languages)
            if p.src_uri not in self.site_pages}  # a translated home replaces the generated one
        self.cards: dict[tuple[str, int, str], str] = {}  # rendered cards, see CardPresenter.card

    def presenter(self, src_uri: str, lang: str | None = None) -> CardPresenter:
        """What turns values into HTML on one page (its links relative to it, its words in
        its language: page_language() unless given)."""
        translation = self.catalogue.translation_files.get(src_uri)
        address = translation.url if translation else page_url(src_uri)
        return CardPresenter(self.catalogue, base_of(address), self.theme,
                             self.cards, lang or self.page_language(src_uri))

    def page_language(self, src_uri: str) -> str:
        """A generated page's language; a resource's own (its `language`) where the site has
        its interface in that language, English otherwise."""
        if src_uri in self.pages:
            return self.pages[src_uri].lang
        if src_uri in self.site_pages and (code := src_uri.split("/", 1)[0]) in self.languages:
            return code
        r = self.catalogue.at(src_uri)
        written = str(r.meta.get("language", "")) if r else ""
        return written if written in self.languages else SOURCE

    def source_of(self, src_uri: str) -> str | None:
        """The file a translation's page is made from, where it is not src_uri (de/about.md:
        about.de.md); None for any other page."""
        if src_uri in self.site_pages and "/" in src_uri:
            code, name = src_uri.split("/", 1)
            return f"{name[: -len('.md')]}.{code}.md"
        t = self.catalogue.translation_files.get(src_uri)
        return t.src_uri if t else None

    def every_alternate(self, site_url: str) -> dict[str, list[tuple[str, str]]]:
        """Each page's alternates, by its source, at their published address (the sitemap)."""
        root = site_url.rstrip("/") + "/"
        translated = [v.src_uri for versions in self.catalogue.translations.values()
                      for v in versions.values()]
        translated += [self.catalogue.by_id[rid].src_uri for rid in self.catalogue.translations
                       if rid in self.catalogue.by_id]
        return {src: [(code, root + url) for code, url in alternates]
                for src in (*self.pages, *self.site_pages, HOME, *translated)
                if (alternates := self.alternates(src))}

    def alternates(self, src_uri: str) -> list[tuple[str, str]]:
        """(language, address from the site's root) of a page in each language of the site it
        exists in, the original (English) first; none for a page in one language only. A
        generated page or a site page: its versions under /<lang>/; a resource: its
        translations."""
        if len(self.languages) < 2:
            return []
        if (r := self.catalogue.at(src_uri)) is not None:
            versions = self.catalogue.versions(r)
            return [(v.lang or str(v.meta.get("language") or SOURCE), v.url)
                    for v in versions] if len(versions) > 1 else []
        known = {*self.pages, *self.site_pages, HOME}
        if src_uri not in known:
            return []
        english = src_uri[len(Language(self.page_language(src_uri)).prefix):]
        found = [(code, page_url(Language(code).prefix + english)) for code in self.languages
                 if Language(code).prefix + english in known]
        return found if len(found) > 1 else []

    @cached_property
    def directory(self) -> Directory:
        """The M3P directory: its listings and matches (only where a page or file needs it)."""
        return Directory(self.catalogue, self.today or build_day())

    # -- data files ---------------------------------------------------------------------

    @cached_property
    def feed_index(self) -> dict[str, feeds.Feed]:
        """Every feed of the site by its key."""
        return {feed.key: feed for feed in feeds.all_feeds(self.catalogue)}

    @cached_property
    def listing_records(self) -> list[dict[str, Any]]:
        return opendata.listing_records(self.directory)

    def data_files(self, site_name: str = "Virtual Centre",
                   site_url: str = "") -> dict[str, str | bytes]:
        """The site's data files (outputs/registry.py), made from this plan."""
        return registry.data_files(registry.SiteData(
            self.catalogue, self.directory, self.listing_records, self.theme.atlas, site_name,
            site_url))
