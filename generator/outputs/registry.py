"""Every file the site publishes besides its pages and assets, in one registry: where each is
and what makes it. The site plan makes them (pages/plan.py), the build's second process and
`mkdocs serve`'s refresher write them, the MkDocs adapter lists them before they exist (MkDocs
checks the links to them), the stage writes them into its folder.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..catalogue.directory import Directory
from ..catalogue.resources import Catalogue
from ..model import schemas
from . import basemap, feeds, opendata, search_files, sheets

# The catalogue search's manifest; its other files are written beside it (outputs/search.py).
SEARCH_PAYLOAD = search_files.MANIFEST


@dataclass(frozen=True)
class SiteData:
    """What the data files are made from (the site plan hands it over)."""

    catalogue: Catalogue
    directory: Directory
    listing_records: list[dict[str, Any]]
    atlas: Path
    """Natural Earth's shapes, where npm installed them (the base map)."""
    site_name: str = "Virtual Centre"
    site_url: str = ""


# Each data file with a fixed path, and what makes it.
DATA_FILES: dict[str, Callable[[SiteData], str | bytes]] = {
    "assets/vc/directory-data.js": lambda d: opendata.directory_script(
        d.listing_records, basemap.places(d.listing_records)),
    "data/resources.json": lambda d: opendata.resources_json(d.catalogue),
    "data/listings.json": lambda d: opendata.listings_json(d.listing_records, d.directory),
    "data/listings.csv": lambda d: opendata.listings_csv(d.listing_records),
    "data/matches.json": lambda d: opendata.matches_json(d.directory),
    "data/listings.xlsx": lambda d: sheets.listings_workbook(d.directory),
    "data/organisations.xlsx": lambda d: sheets.organisations_workbook(
        d.catalogue, d.directory.today),
    basemap.BASE_MAP: lambda d: basemap.base_map_svg(d.atlas),
}


def schema_files() -> dict[str, str]:
    """The published JSON Schemas, by path."""
    return {f"schemas/{name}": json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
            for name, doc in schemas.documents().items()}


def data_file_uris(catalogue: Catalogue) -> list[str]:
    """The paths of data_files(), known before the files are made (MkDocs checks the links to
    them while the build's second process makes them)."""
    return [*DATA_FILES, *schema_files(), *feeds.feed_uris(catalogue)]


def data_files(data: SiteData) -> dict[str, str | bytes]:
    """The generated data of the site but the search payload: directory data, open data,
    schemas, feeds (by the paths data_file_uris() gives)."""
    return {**{uri: make(data) for uri, make in DATA_FILES.items()}, **schema_files(),
            **feeds.feeds(data.catalogue, data.site_name, data.site_url,
                          data.directory.archived)}
