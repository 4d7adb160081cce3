"""RSS 2.0 and Atom feeds of what is new (feedgen): for the whole site, for each category, for
each topic of the sections other than the M3P directory, and alerts of the directory's open
offers and demands per material, country and waste code.

Which feeds exist depends on the content alone (a value that some listing has, archived or not),
never on the day: a reader's subscription does not vanish when listings expire, its feed only
empties. Each feed holds the newest ENTRIES, so their size is bounded whatever the catalogue's.

Links are absolute when the site's address (site_url) is known, as feed readers need; without
it they are relative to the site's root. The feed's own date is its newest entry's, never the
clock, so two builds of the same content give the same feeds.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..catalogue.listing import listing_terms
from ..catalogue.resources import Catalogue, Resource
from ..model.categories import CATEGORIES, LISTING_CATEGORIES
from ..model.languages import N_
from ..model.words import Words, words

ENTRIES = 50
# The directory's filters that have alert feeds: (term of listing_terms, word in a feed's key).
ALERT_TERMS = {"materials": "material", "country": "country", "ewc": "ewc"}


def changed_on(r: Resource) -> str:
    """The day a resource was added or last announced as updated; a translation's, the day
    it was translated."""
    if r.lang:
        return str(r.translation.get("translated") or r.date)
    return str(r.meta.get("updated") or r.date)


def as_datetime(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(tzinfo=dt.timezone.utc)


def newest(resources: list[Resource], n: int = ENTRIES) -> list[Resource]:
    return sorted(resources, key=lambda r: (changed_on(r), r.id), reverse=True)[:n]


def feed_paths(key: str) -> tuple[str, str]:
    return f"feeds/{key}.rss.xml", f"feeds/{key}.atom.xml"


def build_feed(resources: list[Resource], key: str, title: str, site_name: str,
               site_url: str, translations: Mapping[str, Mapping[str, Resource]] | None = None
               ) -> tuple[str, str]:
    """(RSS 2.0, Atom) of the newest resources and their translations (an entry each, at its
    own address: feedgen writes no hreflang on an entry's links)."""
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
    items = newest([*resources, *(t for r in resources
                                    for t in (translations or {}).get(r.id, {}).values())])
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


@dataclass
class Feed:
    key: str
    """Its file name without extension (feeds/KEY.rss.xml, feeds/KEY.atom.xml)."""
    title: str
    """English, the msgid of its translations: with %(material)s, %(country)s, %(code)s or
    %(topic)s where `values` names them."""
    resources: list[Resource] = field(default_factory=list)
    """What it may hold; alerts keep only the listings open on the build's day."""
    alert: bool = False
    values: dict[str, str] = field(default_factory=dict)

    @property
    def paths(self) -> tuple[str, str]:
        return feed_paths(self.key)

    def title_in(self, w: Words) -> str:
        """The feed's title in w's language: vocabulary values in their words there."""
        if not self.values:
            return w._(self.title)
        named = {"material": w.fibre, "country": w.country, "topic": w.topic, "code": str}
        return w._(self.title) % {k: named[k](v) for k, v in self.values.items()}


def key_part(value: str) -> str:
    """A value as part of a file name: 'glass fibre' -> 'glass-fibre', '04 02 22' ->
    '04-02-22' (values come from controlled vocabularies; anything else is made safe too)."""
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "none"


ALERT_TITLES = {
    ("offers", "materials"): N_("Offers of %(material)s"),
    ("demands", "materials"): N_("Demands for %(material)s"),
    ("offers", "country"): N_("Offers in %(country)s"),
    ("demands", "country"): N_("Demands in %(country)s"),
    ("offers", "ewc"): N_("Offers with waste code %(code)s"),
    ("demands", "ewc"): N_("Demands with waste code %(code)s"),
    ("offers", "pair"): N_("Offers of %(material)s in %(country)s"),
    ("demands", "pair"): N_("Demands for %(material)s in %(country)s"),
}
PLACEHOLDER = {"materials": "material", "country": "country", "ewc": "code"}


def alert_feed(category: str, term: str, value: str) -> Feed:
    return Feed(alert_key(category, term, value), ALERT_TITLES[category, term],
                alert=True, values={PLACEHOLDER[term]: value})


def alert_key(category: str, term: str, value: str) -> str:
    return f"{category}-{ALERT_TERMS[term]}-{key_part(value)}"


def pair_key(category: str, material: str, country: str) -> str:
    """The alert of a material in a country (the combination a recycler follows)."""
    return f"{category}-material-{key_part(material)}-country-{key_part(country)}"


def pair_feed(category: str, material: str, country: str) -> Feed:
    return Feed(pair_key(category, material, country), ALERT_TITLES[category, "pair"],
                alert=True, values={"material": material, "country": country})


def alert_feeds(catalogue: Catalogue) -> dict[str, Feed]:
    """The alerts of the directory: per kind, and per material, country and waste code that a
    listing has."""
    out: dict[str, Feed] = {}
    for category in LISTING_CATEGORIES:
        kind = CATEGORIES[category].listing
        for r in catalogue.by_category.get(category, []):
            terms = listing_terms(kind, r.meta)
            named = [alert_feed(category, term, value) for term in ALERT_TERMS
                     for value in dict.fromkeys(v for v in terms[term] if v)]
            named += [pair_feed(category, m, c)
                      for m in dict.fromkeys(terms["materials"]) for c in terms["country"] if c]
            for feed in named:
                out.setdefault(feed.key, feed).resources.append(r)
    return dict(sorted(out.items()))


def topic_feeds(catalogue: Catalogue) -> dict[str, Feed]:
    """A feed per topic, of the sections other than the M3P directory (their resources with
    the topic)."""
    out: dict[str, Feed] = {}
    for r in catalogue.by_id.values():
        if r.category in LISTING_CATEGORIES:
            continue
        for topic in dict.fromkeys(r.meta.get("tags", [])):
            key = f"topic-{key_part(topic)}"
            feed = Feed(key, N_("Topic: %(topic)s"), values={"topic": topic})
            out.setdefault(key, feed).resources.append(r)
    return dict(sorted(out.items()))


def all_feeds(catalogue: Catalogue) -> list[Feed]:
    """Every feed of the site: everything, each category, each topic, each alert."""
    feeds = [Feed("all", N_("Everything"), list(catalogue.by_id.values()))]
    feeds += [Feed(key, c.title, catalogue.by_category.get(key, []))
              for key, c in CATEGORIES.items()]
    return [*feeds, *topic_feeds(catalogue).values(), *alert_feeds(catalogue).values()]


def feed_uris(catalogue: Catalogue) -> list[str]:
    """The paths of every feed file feeds() makes (known before the build's day is)."""
    return [path for feed in all_feeds(catalogue) for path in feed.paths]


def feeds(catalogue: Catalogue, site_name: str, site_url: str,
          archived: Callable[[str], bool]) -> dict[str, str]:
    """Every feed file by its path in the site; alerts without the listings archived on the
    build's day (expired, reserved, closed)."""
    out: dict[str, str] = {}
    for feed in all_feeds(catalogue):
        resources = ([r for r in feed.resources if not archived(r.id)] if feed.alert
                     else feed.resources)
        rss, atom = build_feed(resources, feed.key, feed.title_in(words()), site_name, site_url,
                               catalogue.translations)
        rss_path, atom_path = feed.paths
        out[rss_path], out[atom_path] = rss, atom
    return out
