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
from ..model.content import resource_id
from ..model.languages import SOURCE, Language
from ..outputs import feeds, opendata, registry
from .contribute import WaysIn
from .fields import CardPresenter
from .kinds import HOME, GeneratedPage, plan_pages
from .render import Theme, base_of


def page_url(src_uri: str) -> str:
    return src_uri.rsplit(".", 1)[0] + ".html"


class SitePlan:
    """What the pages of one build are made from."""

    def __init__(self, catalogue: Catalogue, today: dt.date | None = None,
                 repo_url: str = "", site_url: str = "", theme: Theme | None = None,
                 languages: tuple[str, ...] = (SOURCE,)):
        self.catalogue = catalogue
        self.theme = theme or Theme()
        """The build's template folders and base map (the project's own unless given)."""
        self.today = today
        self.ways_in = WaysIn(repo_url)
        self.site_url = site_url
        """The published site's address (feeds name it to readers), or ''."""
        self.languages = languages
        """The interface's languages: English, and each configured one (model/languages.py)."""
        self.pages: dict[str, GeneratedPage] = {p.src_uri: p for p in
                                                plan_pages(catalogue, languages)}
        self.cards: dict[tuple[str, int, str], str] = {}  # rendered cards, see CardPresenter.card

    def presenter(self, src_uri: str, lang: str | None = None) -> CardPresenter:
        """What turns values into HTML on one page (its links relative to it, its words in
        its language: page_language() unless given)."""
        return CardPresenter(self.catalogue, base_of(page_url(src_uri)), self.theme,
                             self.cards, lang or self.page_language(src_uri))

    def page_language(self, src_uri: str) -> str:
        """A generated page's language; a resource's own (its `language`) where the site has
        its interface in that language, English otherwise."""
        if src_uri in self.pages:
            return self.pages[src_uri].lang
        found = resource_id(src_uri)
        r = self.catalogue.get(found[1]) if found else None
        written = str(r.meta.get("language", "")) if r else ""
        return written if written in self.languages else SOURCE

    def every_alternate(self, site_url: str) -> dict[str, list[tuple[str, str]]]:
        """Each page's alternates, by its source, at their published address (the sitemap)."""
        root = site_url.rstrip("/") + "/"
        return {src: [(code, root + url) for code, url in alternates]
                for src in (*self.pages, HOME) if (alternates := self.alternates(src))}

    def alternates(self, src_uri: str) -> list[tuple[str, str]]:
        """(language, address from the site's root) of a generated page in each language of
        the site, English first; none for a page that exists in one language only."""
        page = self.pages.get(src_uri)
        if (page is None and src_uri != HOME) or len(self.languages) < 2:
            return []
        english = src_uri[len(Language(page.lang if page else SOURCE).prefix):]
        return [(code, page_url(Language(code).prefix + english)) for code in self.languages
                if Language(code).prefix + english in (*self.pages, HOME)]

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
