"""The base map (Natural Earth through npm's world-atlas) and the maps of pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from virtual_centre.outputs import basemap
from virtual_centre.pages import maps
from virtual_centre.pages.render import Theme


def absolute(path_data: str) -> list[list[tuple[float, float]]]:
    """The rings of relative path data ('M x y l dx dy … z') in absolute coordinates."""
    rings = []
    for part in re.findall(r"M([^l]+)l([^z]*)z", path_data):
        start = [float(v) for v in re.findall(r"-?[\d.]+", part[0])]
        moves = [float(v) for v in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", part[1])]
        ring = [(start[0], start[1])]
        for dx, dy in zip(moves[::2], moves[1::2], strict=True):
            ring.append((ring[-1][0] + dx, ring[-1][1] + dy))
        rings.append(ring)
    return rings


def test_the_projection_is_centred_on_europe():
    x, y = basemap.project(*basemap.CENTRE)
    assert (round(x, 6), round(y, 6)) == (500.0, round(basemap.EXTENT[3] * basemap.SCALE, 6))
    lisbon, helsinki = basemap.project(38.72, -9.14), basemap.project(60.17, 24.94)
    assert 0 < lisbon[0] < x < helsinki[0] < basemap.WIDTH  # west to east
    assert 0 < helsinki[1] < y < lisbon[1] < basemap.HEIGHT  # north at the top
    assert basemap.project(-33.9, 151.2) is None  # Sydney: the far side of the globe


def test_a_topojson_ring_is_decoded_from_its_shared_arcs(tmp_path):
    """Two squares sharing an edge, as TopoJSON stores them: quantised, delta-encoded, the
    shared arc once (reversed by ~i in the second)."""
    topology = {
        "type": "Topology", "transform": {"scale": [1, 1], "translate": [5, 45]},
        "arcs": [[[0, 0], [0, 5]],  # the shared edge: (5,45) → (5,50)
                 [[0, 5], [-5, 0], [0, -5], [5, 0]],  # the west square's other edges
                 [[0, 0], [5, 0], [0, 5], [-5, 0]]],  # the east square's other edges
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "id": "040", "properties": {"name": "West"}},
            {"type": "MultiPolygon", "arcs": [[[2, -1]]], "id": "276",
             "properties": {"name": "East"}}]}}}
    atlas = tmp_path / "atlas.json"
    atlas.write_text(json.dumps(topology))
    west, east = basemap.countries(atlas)
    assert (west.code, west.name, east.code) == ("AT", "West", "DE")
    expected_west = [(5, 45), (5, 50), (0, 50), (0, 45), (5, 45)]
    assert west.rings[0] == tuple(basemap.project(lat, lon) for lon, lat in expected_west)
    expected_east = [(5, 45), (10, 45), (10, 50), (5, 50), (5, 45)]
    assert east.rings[0] == tuple(basemap.project(lat, lon) for lon, lat in expected_east)


def test_path_data_keeps_the_shape_to_a_tenth_of_a_unit():
    ring = tuple((100 + 50 * (i % 3) + i * 0.37, 200 - 30 * (i % 2) - i * 0.53)
                 for i in range(40))
    (decoded,) = absolute(basemap.path_data((ring,)))
    assert len(decoded) == len(ring)  # every step is longer than MIN_STEP
    for (x, y), (dx, dy) in zip(ring, decoded, strict=True):
        assert abs(x - dx) <= 0.051 and abs(y - dy) <= 0.051


def test_the_base_map_shows_europe_from_the_installed_atlas():
    svg = basemap.base_map_svg(Theme().atlas)
    codes = {c.code for c in basemap.countries(Theme().atlas)}
    assert {"DE", "PL", "CZ", "IT", "HU", "AT", "FR", "PT", "FI", "GR"} <= codes
    assert not codes & {"US", "AU", "BR", "CN"}  # only what the map shows
    assert svg.startswith("<svg") and "http" not in svg.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    assert len(svg) < 250_000  # one cached file for every map of the site


def test_a_missing_atlas_says_how_to_install_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="npm ci"):
        basemap.countries(tmp_path / "nothing.json")


def test_points_at_one_place_are_spread_and_the_first_stays():
    spread = maps.spread([(10.0, 10.0)] * 5 + [(50.0, 50.0)], size=2.0)
    assert spread[0] == (10.0, 10.0) and spread[5] == (50.0, 50.0)
    assert len({(round(x, 3), round(y, 3)) for x, y in spread}) == 6
    for x, y in spread[1:5]:
        assert 5.9 <= ((x - 10) ** 2 + (y - 10) ** 2) ** 0.5 <= 12.1


def test_a_view_holds_its_points_with_a_margin_and_stays_landscape():
    points = [(500.0, 400.0), (520.0, 380.0), (700.0, 600.0)]
    x, y, w, h = maps.view_of(points)
    for px, py in points:
        assert x < px < x + w and y < py < y + h
    assert 4 / 3 - 1e-9 <= w / h <= 2 + 1e-9
    x, y, w, h = maps.view_of([(500.0, 400.0)])  # one point: not a pin-prick zoom
    assert w >= maps.MIN_VIEW


def test_map_text_is_escaped():
    marker = maps.Marker((1.0, 2.0), "offer", "a.html", '<script>alert(1)</script> & "x"')
    svg = maps.map_svg("m", "<b>t</b>", "<i>d</i>", "../", [marker])
    assert "<script>" not in svg and "<b>" not in svg and "<i>" not in svg
    assert "&lt;script&gt;" in svg


def test_the_site_writes_the_base_map(tmp_path):
    from .conftest import CONTENT, build_site
    site = build_site(CONTENT, tmp_path / "site")
    expected = basemap.base_map_svg(Theme().atlas)
    assert (site / basemap.BASE_MAP).read_text(encoding="utf-8") == expected
    assert Path(site / "directory.html").read_text(encoding="utf-8").count(basemap.BASE_MAP) == 1


def test_simplification_keeps_what_strays_beyond_the_tolerance():
    line = [(float(x), 0.01 * (x % 2)) for x in range(20)]  # a wobble below the tolerance
    assert basemap.simplified(line, 0.3) == [line[0], line[-1]]
    spike = [(0.0, 0.0), (1.0, 0.0), (2.0, 5.0), (3.0, 0.0), (4.0, 0.0)]
    assert basemap.simplified(spike, 0.3) == [(0.0, 0.0), (1.0, 0.0), (2.0, 5.0), (3.0, 0.0),
                                               (4.0, 0.0)]
    closed = [(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0), (0.0, 0.0)]  # a ring as one arc
    assert basemap.simplified(closed, 0.3) == closed


def test_neighbours_share_one_simplified_border():
    """Arcs are simplified before rings are made: where two countries meet, both draw the
    same points."""
    by_code = {c.code: c for c in basemap.countries(Theme().atlas)}
    germany, poland = (set(p for ring in by_code[c].rings for p in ring) for c in ("DE", "PL"))
    assert len(germany & poland) >= 10
