"""GeoNames' cities are read entry by entry (catalogue/geo.py entries()): the same values as a
whole parse, wherever the chunks end."""

from __future__ import annotations

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st
from virtual_centre.catalogue import geo

TEXT = st.text(st.characters(codec="utf-8"), max_size=12)
CITY = st.dictionaries(TEXT, st.one_of(TEXT, st.integers(), st.floats(allow_nan=False),
                                       st.lists(TEXT, max_size=3)), max_size=4)
CITIES = st.dictionaries(st.integers(0, 10**9).map(str), CITY, max_size=8)


@settings(max_examples=200, deadline=None)
@given(CITIES, st.integers(1, 40), st.sampled_from(["", " ", "\n  "]))
def test_entries_are_the_values_of_the_whole_object(cities, chunk, space):
    text = json.dumps(cities, separators=("," + space, ":" + space))
    original, geo.CHUNK = geo.CHUNK, chunk
    try:
        assert list(geo.entries(io.StringIO(text))) == list(cities.values())
    finally:
        geo.CHUNK = original


def test_a_truncated_file_is_an_error_not_fewer_cities():
    text = json.dumps({"1": {"name": "Prato"}, "2": {"name": "Brno"}})[:-5]
    try:
        list(geo.entries(io.StringIO(text)))
    except json.JSONDecodeError:
        return
    raise AssertionError("a truncated file was read as complete")
