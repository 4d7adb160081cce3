"""The base map of Europe, drawn once per build as SVG from Natural Earth's country shapes.

The shapes are Natural Earth's 1:50m countries as the npm package `world-atlas` ships them
(TopoJSON, installed by `make install`; nothing is fetched). They are projected with the Lambert
azimuthal equal-area projection centred at 52° N 10° E, the projection of the EU's statistical
maps (ETRS89-LAEA, EPSG:3035), on a sphere: at the scale of these maps the sphere is as good as
the ellipsoid. Map units: the base map is WIDTH units wide; pages place their points on it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pycountry
from markupsafe import Markup

from ..catalogue.geo import EARTH_RADIUS_KM

BASE_MAP = "assets/vc/map/europe.svg"
CENTRE = (52.0, 10.0)  # EPSG:3035's latitude and longitude of origin
# What the base map shows, in projected km: from the Azores' longitude to the Urals', from
# North Africa's coast to the North Cape.
EXTENT = (-2900.0, -2050.0, 2900.0, 2350.0)  # west, south, east, north
WIDTH = 1000.0
SCALE = WIDTH / (EXTENT[2] - EXTENT[0])  # map units per km
HEIGHT = round((EXTENT[3] - EXTENT[1]) * SCALE, 1)
MIN_STEP = 0.4  # map units (about 2 km): finer detail than this is dropped
# How far (map units, about 1.7 km) a simplified border may stray from Natural Earth's: the base
# map is 107 kB (37 kB gzip) instead of 185 kB, and a listing's map zoomed in shows no corner.
TOLERANCE = 0.3


Point = tuple[float, float]


def project(lat: float, lon: float) -> Point | None:
    """(x, y) in map units (y down, as in SVG), None on the far side of the globe."""
    phi, lam = math.radians(lat), math.radians(lon - CENTRE[1])
    phi0 = math.radians(CENTRE[0])
    cos_c = math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(lam)
    if cos_c < -0.5:
        return None
    k = math.sqrt(2 / (1 + cos_c)) * EARTH_RADIUS_KM
    x = k * math.cos(phi) * math.sin(lam)
    y = k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(lam))
    return (x - EXTENT[0]) * SCALE, (EXTENT[3] - y) * SCALE


def places(records: list[dict[str, Any]]) -> dict[str, list[float]]:
    """Where each located listing record is on the map (map units, to a tenth): the
    directory's script draws them as they are."""
    out = {}
    for r in records:
        point = project(r["lat"], r["lon"]) if r.get("lat") is not None else None
        if point is not None:
            out[r["id"]] = [round(point[0], 1), round(point[1], 1)]
    return out


@dataclass(frozen=True)
class Country:
    code: str
    """ISO 3166-1 alpha-2, '' for the few shapes Natural Earth gives no ISO number."""
    name: str
    rings: tuple[tuple[Point, ...], ...]
    """Projected outer and inner rings, in map units."""


def _decoded_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON's quantised, delta-encoded arcs as (lon, lat) points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _projected(arc: list[tuple[float, float]]) -> list[Point] | None:
    """An arc (lon, lat) projected and simplified; None if it reaches the far side."""
    points = [project(lat, lon) for lon, lat in arc]
    if any(p is None for p in points):
        return None
    return simplified(points, TOLERANCE)  # type: ignore[arg-type]


def simplified(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker: the fewest points whose line strays no further than tolerance from
    the original (ends kept). Arcs are simplified, not rings: two neighbours keep one border."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        farthest, distance = 0, 0.0
        for i in range(first + 1, last):
            x, y = points[i]
            d = (abs(dy * (x - x1) - dx * (y - y1)) / length if length
                 else math.hypot(x - x1, y - y1))
            if d > distance:
                farthest, distance = i, d
        if distance > tolerance:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _ring(indexes: list[int], arcs: list[list[Point] | None]) -> list[Point] | None:
    """A ring from its arcs (a negative index ~i is arc i reversed), shared ends once; None if
    an arc is off the globe's near side."""
    points: list[Point] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i]
        if arc is None:
            return None
        arc = arc if i >= 0 else arc[::-1]
        points.extend(arc[1:] if points else arc)
    return points


def _polygons(geometry: dict) -> Iterator[list[list[int]]]:
    if geometry["type"] == "Polygon":
        yield geometry["arcs"]
    elif geometry["type"] == "MultiPolygon":
        yield from geometry["arcs"]


def _alpha2(numeric: str | None) -> str:
    country = pycountry.countries.get(numeric=numeric) if numeric else None
    return country.alpha_2 if country else ""


def _in_view(ring: list[Point]) -> bool:
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return max(xs) >= 0 and min(xs) <= WIDTH and max(ys) >= 0 and min(ys) <= HEIGHT


@cache
def countries(path: Path) -> tuple[Country, ...]:
    """The countries with a part on the base map, projected (path: the atlas, Theme.atlas)."""
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: run `npm ci` (or `make install`) first")
    topology = json.loads(path.read_text(encoding="utf-8"))
    arcs = [_projected(arc) for arc in _decoded_arcs(topology)]
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        rings = []
        for polygon in _polygons(geometry):
            projected = [_ring(r, arcs) for r in polygon]
            if any(ring is None for ring in projected):
                continue  # a polygon reaching the far side of the globe is far off the map
            if _in_view(projected[0]):  # type: ignore[arg-type]
                rings.extend(tuple(ring) for ring in projected)  # type: ignore[arg-type]
        if rings:
            out.append(Country(_alpha2(geometry.get("id")), geometry["properties"]["name"],
                               tuple(rings)))
    return tuple(out)


def path_data(rings: tuple[tuple[Point, ...], ...]) -> str:
    """SVG path data of rings: coordinates to a tenth of a unit, relative (shorter), detail
    below MIN_STEP dropped."""
    parts = []
    for ring in rings:
        kept = [ring[0]]
        for p in ring[1:]:
            if math.dist(p, kept[-1]) >= MIN_STEP:
                kept.append(p)
        if len(kept) < 3:
            continue
        tenths = [(round(x * 10), round(y * 10)) for x, y in kept]
        steps = [f"M{_num(tenths[0][0])} {_num(tenths[0][1])}"]
        moves = [(b[0] - a[0], b[1] - a[1]) for a, b in zip(tenths, tenths[1:], strict=False)]
        steps.append("l" + "".join(_pair(dx, dy) for dx, dy in moves if dx or dy) + "z")
        parts.append("".join(steps))
    return "".join(parts)


def _num(tenths: int) -> str:
    text = f"{tenths / 10:g}"
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def _pair(dx: int, dy: int) -> str:
    """A relative move; a number is separated from the one before by its sign or a space."""
    x, y = _num(dx), _num(dy)
    return (x if x.startswith("-") else " " + x) + (y if y.startswith("-") else " " + y)


def base_map_svg(atlas: Path) -> str:
    """The base map as a standalone SVG file (pages show it as an image under their points)."""
    paths = "".join(f'<path d="{path_data(c.rings)}"/>' for c in countries(atlas))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:g} {HEIGHT:g}" '
            f'width="{WIDTH:g}" height="{HEIGHT:g}">'
            '<rect width="100%" height="100%" fill="#e3eef3"/>'
            '<g fill="#f4f2ee" stroke="#9aa4a8" stroke-width=".3" stroke-linejoin="round">'
            f"{paths}</g></svg>\n")


def country_shapes(codes: set[str], atlas: Path) -> Markup:
    """Inline paths of these countries (ISO alpha-2), to shade them over the base map."""
    return Markup("").join(
        Markup('<path class="vc-map__region" data-country="{}" d="{}"><title>{}</title></path>'
               ).format(c.code, path_data(c.rings), c.name)
        for c in countries(atlas) if c.code in codes)
