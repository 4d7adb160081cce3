"""Maps of pages, drawn at build time as SVG over the shared base map (basemap.py).

Each map is an inline SVG: the base map as an image (one file, cached by the browser across
pages, so a page only weighs its own points), then the page's regions, lines and points, each
point a link. Offers and demands differ by shape and colour, never by colour alone. A map has
a title and a description (its text alternative) and zooms to what it shows, so that it stays
readable on a phone.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..catalogue import geo
from ..catalogue.directory import Directory
from ..catalogue.resources import Catalogue, Resource
from ..model.languages import N_
from ..model.words import Words
from ..outputs import basemap

MIN_VIEW = 180.0  # map units (about 1,000 km): the closest a map zooms in
MARGIN = 0.15  # of the view, around what it shows


@dataclass(frozen=True)
class Marker:
    point: basemap.Point
    shape: str
    """offer (circle), demand (square) or partner (filled circle)."""
    href: str
    label: str
    """Its accessible name: what it is and where."""
    number: str = ""
    """Shown beside the point (a candidate's rank)."""
    main: bool = False
    """The page's own listing: drawn larger."""


@dataclass(frozen=True)
class Line:
    """A line between two of a map's markers (their indexes)."""

    start: int
    end: int
    crosses_border: bool


Box = tuple[float, float, float, float]  # x, y, width, height in map units


def view_of(points: Iterable[basemap.Point]) -> Box:
    """A box around the points with a margin, no smaller than MIN_VIEW, landscape (between 4:3
    and 2:1) as pages and phones show it best."""
    points = list(points)
    if not points:
        return 0.0, 0.0, basemap.WIDTH, basemap.HEIGHT
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    width = max(max(xs) - min(xs), MIN_VIEW)
    height = max(max(ys) - min(ys), MIN_VIEW * 0.6, width / 2)
    width = max(width, height * 4 / 3)
    width, height = width * (1 + 2 * MARGIN), height * (1 + 2 * MARGIN)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return cx - width / 2, cy - height / 2, width, height


def spread(points: list[basemap.Point], size: float) -> list[basemap.Point]:
    """Points at one place moved apart on a small spiral (the golden angle), so that each can
    be seen and clicked; the first stays where it is."""
    seen: dict[tuple[int, int], int] = {}
    out = []
    for x, y in points:
        key = (round(x / size), round(y / size))
        n = seen[key] = seen.get(key, -1) + 1
        radius, angle = size * 3 * math.sqrt(n), n * 2.39996
        out.append((x + radius * math.cos(angle), y + radius * math.sin(angle)))
    return out


def marker_svg(m: Marker, size: float) -> Markup:
    r = size * (1.6 if m.main else 1.0)
    x, y = m.point
    if m.shape == "demand":
        mark = Markup('<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}"/>').format(
            x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8)
    else:
        mark = Markup('<circle cx="{:.1f}" cy="{:.1f}" r="{:.1f}"/>').format(x, y, r)
    number = Markup('<text x="{:.1f}" y="{:.1f}" class="vc-map__number">{}</text>').format(
        x + r * 1.3, y - r * 0.6, m.number) if m.number else Markup("")
    main = " vc-map__point--main" if m.main else ""
    return Markup('<a href="{href}" class="vc-map__point vc-map__point--{shape}{main}" '
                  'aria-label="{label}"><title>{label}</title>{mark}{number}</a>').format(
        href=m.href, shape=m.shape, main=main, label=m.label, mark=mark, number=number)


def line_svg(line: Line, points: list[basemap.Point]) -> Markup:
    (x1, y1), (x2, y2) = points[line.start], points[line.end]
    kind = " vc-map__line--border" if line.crosses_border else ""
    return Markup('<line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" class="vc-map__line{}"/>'
                  ).format(x1, y1, x2, y2, kind)


def map_svg(map_id: str, title: str, description: str, base: str, markers: list[Marker],
            lines: Iterable[Line] = (), regions: Markup | None = None,
            view: Box | None = None) -> Markup:
    """A map: base map, regions, lines, then points on top (so that every point can be
    clicked), the first marker drawn last (on top of the others)."""
    x, y, w, h = view or view_of(m.point for m in markers)
    size = w / 55
    points = spread([m.point for m in markers], size)
    markers = [dataclasses.replace(m, point=p) for m, p in zip(markers, points, strict=True)]
    return Markup(
        '<svg id="{id}" class="vc-map" viewBox="{x:.1f} {y:.1f} {w:.1f} {h:.1f}" '
        'role="group" aria-labelledby="{id}-t" aria-describedby="{id}-d" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-t">{title}</title><desc id="{id}-d">{desc}</desc>'
        '<image href="{base}{file}" x="0" y="0" width="{bw:g}" height="{bh:g}" '
        'preserveAspectRatio="none"/>'
        '<g class="vc-map__regions">{regions}</g><g class="vc-map__lines">{lines}</g>'
        '<g class="vc-map__points" font-size="{font:.1f}">{points}</g></svg>').format(
        id=map_id, x=x, y=y, w=w, h=h, title=title, desc=description,
        base=base, file=basemap.BASE_MAP, bw=basemap.WIDTH, bh=basemap.HEIGHT,
        regions=regions or "",
        lines=Markup("").join(line_svg(line, points) for line in lines), font=size * 2.2,
        points=Markup("").join(marker_svg(m, size) for m in markers[::-1]))


LEGEND = {"offer": N_("offer (circle)"), "demand": N_("demand (square)"),
          "partner": N_("partner of the Virtual Centre (filled circle)"),
          "border": N_("a dashed line crosses a border: waste-shipment rules apply"),
          "region": N_("shaded: a country the partners cover")}


def legend(w: Words, *shapes: str) -> Markup:
    """The key of a map's shapes, in words."""
    items = Markup("").join(
        Markup('<li><span class="vc-map__key vc-map__key--{}" aria-hidden="true"></span>{}'
               "</li>").format(shape, w._(LEGEND[shape])) for shape in shapes)
    return Markup('<ul class="vc-map__legend">{}</ul>').format(items)


def figure(svg: Markup, description: str, key: Markup, w: Words) -> Markup:
    """A map with its key and, for every reader, its description in words."""
    return Markup('<figure class="vc-map-figure">{}<figcaption>{}<details class="vc-map__words">'
                  "<summary>{}</summary><p>{}</p></details></figcaption></figure>"
                  ).format(svg, key, w._("The map in words"), description)


# -- the maps of the site ---------------------------------------------------------------------

def place_of(meta: dict[str, Any], w: Words, country_key: str = "country") -> str:
    """'City, Country' of a listing's location or an organisation."""
    where = meta.get("location") or meta
    country = w.country(str(where.get(country_key, "")))
    return ", ".join(x for x in (where.get("city"), country) if x)


# What a listing's map says, by the listing's kind.
LISTING_WORDS = {
    "offer": {"this": N_("This offer: %(title)s, %(place)s"),
              "title": N_("Map of this offer and its candidate recipients"),
              "description": N_("This offer in %(place)s and its candidate recipients: "
                                "%(list)s.")},
    "demand": {"this": N_("This demand: %(title)s, %(place)s"),
               "title": N_("Map of this demand and its candidate offers"),
               "description": N_("This demand in %(place)s and its candidate offers: "
                                 "%(list)s.")},
}


def listing_map(d: Directory, r: Resource, candidates: list[Resource], base: str, w: Words
                ) -> Markup:
    """A listing, its candidate matches (numbered as in the list) and the lines between them
    with their distances; empty when the listing has no place."""
    listing = d.by_id[r.id]
    here = basemap.project(*listing.point) if listing.point else None
    if here is None:
        return Markup("")
    _, kind = w._, listing.kind
    said_of = LISTING_WORDS[kind]
    markers = [Marker(here, kind, f"{base}{r.url}", _(said_of["this"]) % {
        "title": r.title, "place": place_of(r.meta, w)}, main=True)]
    lines, said, unplaced, distances = [], [], [], []
    for n, other in enumerate(candidates, 1):
        match = d.by_id[other.id]
        there = basemap.project(*match.point) if match.point else None
        if there is None:
            unplaced.append(f"{n}. {other.title}")
            continue
        km = w.number(round(geo.trig_distance_km(listing.trig, match.trig)))  # type: ignore[arg-type]
        crosses = match.country != listing.country
        across = {"from": listing.country, "to": match.country}
        place = place_of(other.meta, w)
        markers.append(Marker(there, match.kind, f"{base}{other.url}",
                              f"{n}. {other.title}, {place}, {km} km", number=str(n)))
        lines.append(Line(0, len(markers) - 1, crosses))
        said.append(_("%(n)s. %(title)s in %(place)s, %(km)s km") % {
            "n": n, "title": other.title, "place": place, "km": km}
            + (_(", across the border %(from)s→%(to)s") % across if crosses else ""))
        distances.append(Markup("<li value=\"{}\">{} · {} km{}</li>").format(
            n, place, km, " · " + _("crosses %(from)s→%(to)s") % across if crosses else ""))
    description = _(said_of["description"]) % {
        "place": place_of(r.meta, w), "list": "; ".join(said) if said else _("none placed")}
    if unplaced:
        description += " " + _("Not on the map (no place given): %(list)s.") % {
            "list": "; ".join(unplaced)}
    svg = map_svg("vc-listing-map", _(said_of["title"]), description, base, markers, lines)
    shapes = ["offer", "demand", "border"] if lines else [kind]
    listed = Markup('<ol class="vc-map__distances">{}</ol>').format(Markup("").join(distances))
    return figure(svg, description, listed + legend(w, *shapes), w)


def network_map(catalogue: Catalogue, base: str, atlas: Path, w: Words) -> Markup:
    """The partners of the Virtual Centre where they are based, and the countries they cover
    shaded (the other organisations are in the list below the map)."""
    partners = [o for o in catalogue.by_category.get("organisations", [])
                if o.meta.get("partner")]
    geo.prepare(str(o.meta.get("country", "")) for o in partners)
    markers, countries, said, unplaced = [], set(), [], []
    for org in sorted(partners, key=lambda o: o.title):
        city, country = org.meta.get("city"), str(org.meta.get("country", ""))
        point = geo.locate(country, city) if city else None
        place = basemap.project(*point) if point else None
        countries.add(country)
        if place is None:
            unplaced.append(org.title)
            continue
        said.append(f"{org.title} ({place_of(org.meta, w)})")
        markers.append(Marker(place, "partner", f"{base}{org.url}",
                              f"{org.title}, {place_of(org.meta, w)}"))
    if not partners:
        return Markup("")
    names = sorted(w.country(c) for c in countries)
    description = w.ngettext(
        "%(num)s partner of the Virtual Centre: %(list)s. The countries it covers: "
        "%(countries)s.",
        "%(num)s partners of the Virtual Centre: %(list)s. The countries they cover: "
        "%(countries)s.", len(partners)) % {
        "num": len(partners), "list": "; ".join(said), "countries": ", ".join(names)}
    if unplaced:
        description += " " + w._("Not on the map (no city that can be placed): %(list)s.") % {
            "list": "; ".join(unplaced)}
    svg = map_svg("vc-network-map", w._("Map of the partners and the countries they cover"),
                  description, base, markers, regions=basemap.country_shapes(countries, atlas))
    return figure(svg, description, legend(w, "partner", "region"), w)


def directory_map(records: list[dict[str, Any]], base: str, w: Words) -> Markup:
    """The directory's map: zoomed to every open listing, its points drawn by directory.js
    from the page's data (the current filter's listings, each where basemap.places put it),
    so the page carries no point twice."""
    points = [basemap.project(r["lat"], r["lon"]) for r in records
              if not r["archived"] and r["lat"] is not None]
    view = view_of(p for p in points if p is not None)
    svg = map_svg("vc-dir-map", w._("Map of the open listings of the current filter"),
                  w._("The open listings on a map; the list beside it has the same listings."),
                  base, [], view=view)
    return Markup('<figure class="vc-map-figure">{}<figcaption>{}</figcaption></figure>'
                  ).format(svg, legend(w, "offer", "demand"))
