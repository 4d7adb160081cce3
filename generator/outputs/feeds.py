"""RSS 2.0 and Atom feeds of what is new, for the whole site and for each category (feedgen).

Links are absolute when the site's address (site_url) is known, as feed readers need; without
it they are relative to the site's root. The feed's own date is its newest entry's, never the
clock, so two builds of the same content give the same feeds.
"""

from __future__ import annotations

import datetime as dt

from ..catalogue.resources import Catalogue, Resource
from ..model.categories import CATEGORIES

ENTRIES = 50


def changed_on(r: Resource) -> str:
    """The day a resource was added or last announced as updated."""
    return str(r.meta.get("updated") or r.date)


def as_datetime(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(tzinfo=dt.timezone.utc)


def newest(resources: list[Resource], n: int = ENTRIES) -> list[Resource]:
    return sorted(resources, key=lambda r: (changed_on(r), r.id), reverse=True)[:n]


def feed_paths(key: str) -> tuple[str, str]:
    return f"feeds/{key}.rss.xml", f"feeds/{key}.atom.xml"


def build_feed(resources: list[Resource], key: str, title: str, site_name: str,
               site_url: str) -> tuple[str, str]:
    """(RSS 2.0, Atom) of the newest resources."""
    base = site_url if site_url.endswith("/") or not site_url else site_url + "/"
    rss_path, atom_path = feed_paths(key)
    from feedgen.feed import FeedGenerator  # lxml: loaded by the process that writes feeds

    fg = FeedGenerator()
    fg.id(base + atom_path)
    fg.title(f"{site_name}: {title}")
    fg.link(href=base + "index.html", rel="alternate")
    fg.link(href=base + atom_path, rel="self")
    fg.description(f"What is new in {title.lower()} of the {site_name}.")
    fg.language("en")
    items = newest(resources)
    stamp = as_datetime(changed_on(items[0])) if items else as_datetime("2020-01-01")
    fg.updated(stamp)
    fg.lastBuildDate(stamp)
    for r in reversed(items):  # feedgen puts the last added first
        entry = fg.add_entry()
        entry.id(base + r.url)
        entry.guid(base + r.url, permalink=bool(site_url))
        entry.title(r.marked_title)
        entry.link(href=base + r.url)
        entry.summary(r.summary)
        entry.published(as_datetime(r.date))
        entry.updated(as_datetime(changed_on(r)))
        entry.category(term=r.category, label=CATEGORIES[r.category].singular)
    return fg.rss_str(pretty=True).decode("utf-8"), fg.atom_str(pretty=True).decode("utf-8")


def feed_uris() -> list[str]:
    """The paths of every feed file feeds() makes."""
    return [path for key in ("all", *CATEGORIES) for path in feed_paths(key)]


def feeds(catalogue: Catalogue, site_name: str, site_url: str) -> dict[str, str]:
    """Every feed file by its path in the site."""
    out: dict[str, str] = {}
    groups = {"all": ("Everything", list(catalogue.by_id.values()))}
    for key, category in CATEGORIES.items():
        groups[key] = (category.title, catalogue.by_category.get(key, []))
    for key, (title, resources) in groups.items():
        rss, atom = build_feed(resources, key, title, site_name, site_url)
        rss_path, atom_path = feed_paths(key)
        out[rss_path], out[atom_path] = rss, atom
    return out
