"""The comparison charts: valid PNGs with something drawn, one map panel per scenario."""

import json

import pytest
from PIL import Image

from magroute.export.charts import (
    COST_PER_KG_PNG,
    ROUTES_MAP_PNG,
    VALUE_VS_COST_PNG,
    map_extent,
    routes_map_figure,
    write_charts,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
HUB = (77.6955, 28.4512)


def summary(net, served=2, cost_per_kg=1457.02):
    return {"net_value_inr": net, "sites_served": served, "sites_total": 3,
            "cost_per_magnet_kg_inr": cost_per_kg,
            "value_inr": {"expected": 3213.0, "low": 1479.0, "high": 7429.0},
            "cost_inr": {"total": 3213.0 - net}}


def routes_geojson(*stops, unserved=((75.79, 26.91),)):
    """One route from the hub through `stops` and back; legs as straight lines."""
    def point(kind, xy, **props):
        return {"type": "Feature", "geometry": {"type": "Point", "coordinates": list(xy)},
                "properties": {"kind": kind, **props}}
    path = [HUB, *stops, HUB]
    features = [point("start", HUB, route_id="R01")]
    features += [point("pickup", xy, route_id="R01", site_id=f"S{k}")
                 for k, xy in enumerate(stops)]
    features.append(point("end", HUB, route_id="R01"))
    features += [{"type": "Feature", "geometry": {"type": "LineString",
                                                  "coordinates": [list(a), list(b)]},
                  "properties": {"kind": "leg", "route_id": "R01"}}
                 for a, b in zip(path, path[1:], strict=False)]
    features += [point("unserved", xy, site_id="U") for xy in unserved]
    return {"type": "FeatureCollection", "features": features}


@pytest.fixture
def compared(tmp_path):
    summaries = {"direct": summary(459.22), "hubs": summary(-120.5, 1),
                 "light": summary(0.0, 0, None)}
    geo = {"direct": routes_geojson((77.27, 28.66), (77.32, 28.57)),
           "hubs": routes_geojson((77.03, 28.47)),
           "light": None}  # no routes.geojson at all
    dirs = {}
    for name, fc in geo.items():
        dirs[name] = tmp_path / name
        dirs[name].mkdir()
        if fc is not None:
            (dirs[name] / "routes.geojson").write_text(json.dumps(fc))
    samples = {"direct": {"value_inr": {"p10": 2900.0, "p50": 3500.0, "p90": 4400.0}}}
    files = write_charts(summaries, samples, dirs, tmp_path / "out")
    return summaries, geo, dirs, samples, files


def colours(path):
    with Image.open(path) as im:
        return len(im.convert("RGB").getcolors(maxcolors=1 << 20))


def test_three_valid_pngs_with_something_drawn(compared):
    *_, files = compared
    assert {p.name for p in files.values()} == {COST_PER_KG_PNG, VALUE_VS_COST_PNG, ROUTES_MAP_PNG}
    for path in files.values():
        data = path.read_bytes()
        assert data.startswith(PNG_SIGNATURE), path.name
        with Image.open(path) as im:
            im.verify()
        with Image.open(path) as im:
            assert im.format == "PNG"
            assert 300 <= im.width <= 3000 and 250 <= im.height <= 3000, (path.name, im.size)
        assert colours(path) > 20, path.name  # text, bars, lines: not a blank canvas


def test_routes_map_has_one_panel_per_scenario_on_one_extent(compared):
    summaries, geo, *_ = compared
    fig = routes_map_figure(summaries, geo)
    panels = [ax for ax in fig.axes if ax.get_title()]
    assert len(panels) == 3
    assert [ax.get_title().split("\n")[0] for ax in panels] == ["direct", "hubs", "light"]
    assert "net ₹459" in panels[0].get_title() and "net -₹120" in panels[1].get_title()
    limits = {(ax.get_xlim(), ax.get_ylim()) for ax in panels}
    assert len(limits) == 1  # the same extent on every panel
    (x0, x1), (y0, y1) = limits.pop()
    assert x0 < 75.79 and x1 > 77.6955 and y0 < 26.91 and y1 > 28.66  # hub, stops, unserved


def test_map_extent_covers_every_feature_with_a_margin():
    ext = map_extent({"a": routes_geojson((77.27, 28.66)), "b": None})
    assert ext[0] < 75.79 < 77.6955 < ext[1] and ext[2] < 26.91 < 28.66 < ext[3]
    assert map_extent({"a": None}) == (68.0, 97.5, 6.5, 37.0)  # nothing drawn: all India


def test_the_same_data_gives_the_same_bytes(compared, tmp_path):
    summaries, _, dirs, samples, files = compared
    again = write_charts(summaries, samples, dirs, tmp_path / "again")
    for key, path in files.items():
        assert again[key].read_bytes() == path.read_bytes(), key


def test_the_map_panel_draws_the_route_colour(compared):
    *_, files = compared
    with Image.open(files["chart_routes_map"]) as im:
        pixels = {c for _, c in im.convert("RGB").getcolors(maxcolors=1 << 22)}
    assert (0x1F, 0x77, 0xB4) in pixels  # the first route's colour (html_map.PALETTE[0])
