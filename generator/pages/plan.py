"""The site plan: the pages the site generates (kinds.py), what every page shares (the M3P
directory and its records, the cards already rendered) and the data files of the site.

The MkDocs adapter asks this plan for the generated pages; lifecycle.py completes every page
from it. Nothing here imports mkdocs.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from functools import cached_property
from typing import Any

from ..catalogue.directory import Directory, build_day
from ..catalogue.resources import Catalogue
from ..model import schemas
from ..outputs import feeds, opendata, search_files, sheets
from . import basemap
from .contribute import WaysIn
from .fields import CardPresenter
from .kinds import GeneratedPage, plan_pages
from .render import Theme, base_of

# The catalogue search's manifest; its other files are written beside it (outputs/search.py).
SEARCH_PAYLOAD = search_files.MANIFEST
# The data files of the site (the search payload, feeds and schemas aside): each path, and what
# makes it from the site plan.
DATA_FILES: dict[str, Callable[[SitePlan], str | bytes]] = {
    "assets/vc/directory-data.js": lambda plan: opendata.directory_script(
        plan.listing_records, basemap.places(plan.listing_records)),
    "data/resources.json": lambda plan: opendata.resources_json(plan.catalogue),
    "data/listings.json": lambda plan: opendata.listings_json(plan.listing_records,
                                                              plan.directory),
    "data/listings.csv": lambda plan: opendata.listings_csv(plan.listing_records),
    "data/matches.json": lambda plan: opendata.matches_json(plan.directory),
    "data/listings.xlsx": lambda plan: sheets.listings_workbook(plan.directory),
    "data/organisations.xlsx": lambda plan: sheets.organisations_workbook(
        plan.catalogue, plan.directory.today),
    basemap.BASE_MAP: lambda plan: basemap.base_map_svg(plan.theme.atlas),
}


def schema_files() -> dict[str, str]:
    """The published JSON Schemas, by path."""
    return {f"schemas/{name}": json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
            for name, doc in schemas.documents().items()}


def data_file_uris(catalogue: Catalogue) -> list[str]:
    """The paths of SitePlan.data_files(), known before the files are made (MkDocs checks the
    links to them while the build's second process makes them)."""
    return [*DATA_FILES, *schema_files(), *feeds.feed_uris(catalogue)]


def page_url(src_uri: str) -> str:
    return src_uri.rsplit(".", 1)[0] + ".html"


class SitePlan:
    """What the pages of one build are made from."""

    def __init__(self, catalogue: Catalogue, today: dt.date | None = None,
                 repo_url: str = "", site_url: str = "", theme: Theme | None = None):
        self.catalogue = catalogue
        self.theme = theme or Theme()
        """The build's template folders and base map (the project's own unless given)."""
        self.today = today
        self.ways_in = WaysIn(repo_url)
        self.site_url = site_url
        """The published site's address (feeds name it to readers), or ''."""
        self.pages: dict[str, GeneratedPage] = {p.src_uri: p for p in plan_pages(catalogue)}
        self.cards: dict[tuple[str, int], str] = {}  # rendered cards, see CardPresenter.card

    def presenter(self, src_uri: str) -> CardPresenter:
        """What turns values into HTML on one page (its links relative to it)."""
        return CardPresenter(self.catalogue, base_of(page_url(src_uri)), self.theme,
                             self.cards)

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
        """The generated data of the site but the search payload: directory data, open data,
        schemas, feeds (by the paths data_file_uris() gives)."""
        return {**{uri: make(self) for uri, make in DATA_FILES.items()}, **schema_files(),
                **feeds.feeds(self.catalogue, site_name, site_url, self.directory.archived)}
