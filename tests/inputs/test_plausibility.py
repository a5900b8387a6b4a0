"""Issue 18: values outside their physical range, points outside India's outline, legal but
unusual values as warnings, and products of legal values that no solver integer holds.

The four cases reported in the issue are the first tests: each is exit 2 (or a named warning)
through the real `magroute validate` / `plan` path."""

from __future__ import annotations

import json

import pytest
from entry import run_main

from magroute.domain import limits
from magroute.errors import InputError
from magroute.inputs import check_inputs, load_problem, load_scenario, read_fleet, read_sites
from magroute.inputs.bans import read_bans
from magroute.inputs.region import india, load_region, outside

ITEMS = ("desktop_hdd", "ceiling_fan")
BANS_CSV = """\
zone_id,city,lat,lon,radius_km,vehicle_classes,days,start,end,source
DEL,Delhi,28.6139,77.2090,12,mcv;hcv,daily,07:00,23:00,test
DEL,Delhi,28.6139,77.2090,12,mcv;hcv,daily,07:00,23:00,copied twice
"""


def run(*args):
    result = run_main(*args)
    assert result.traceback is None, result.traceback
    return result


def problems(mini):
    found, _ = check_inputs(mini.scenario)
    return found


# ---------------------------------------------------------------- the four reported cases


def test_a_quantity_of_1e30_is_an_input_problem_not_a_traceback(mini, tmp_path):
    mini.set_cell("sites.csv", 1, "qty_desktop_hdd", "1e30")
    for command in (["validate", mini.scenario],
                    ["plan", mini.scenario, "--out", tmp_path / "out", "--time-limit", "1"]):
        result = run(*command)
        assert result.exit_code == 2, result.output
        assert "sites.csv, row 1, column 'qty_desktop_hdd': number out of range" in result.output
        assert "1,000,000 items" in result.output
        assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_a_gross_weight_of_1e30_kg_is_an_input_problem(mini, tmp_path):
    mini.set_cell("sites.csv", 2, "gross_weight_kg", "1e30")
    result = run("plan", mini.scenario, "--out", tmp_path / "out", "--time-limit", "1")
    assert result.exit_code == 2, result.output
    assert "sites.csv, row 2, column 'gross_weight_kg': number out of range" in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("lat", "lon", "nearest"), [
    ("23.81", "90.41", "Tripura"),  # Dhaka, Bangladesh: inside India's bounding box
    ("15.0", "88.0", "Andaman and Nicobar Islands"),  # the Bay of Bengal
    ("27.7172", "85.3240", "Bih"),  # Kathmandu, Nepal (Bihār in geoBoundaries)
])
def test_a_point_off_india_inside_its_bounding_box_is_an_input_problem(mini, lat, lon, nearest):
    mini.set_cell("sites.csv", 3, "lat", lat)
    mini.set_cell("sites.csv", 3, "lon", lon)
    result = run("validate", mini.scenario)
    assert result.exit_code == 2, result.output
    (p,) = problems(mini)
    assert (p.file, p.row, p.column) == ("sites.csv", 3, "lat")
    assert "outside India" in p.message and nearest in p.message and "km away" in p.message


def test_duplicate_ban_zone_and_a_fleet_entry_of_zero_trucks_are_named_warnings(mini):
    mini.write("truck_bans.csv", BANS_CSV)
    mini.replace("mini.toml", 'hub = "SKD"', 'hub = "SKD"\ntruck_bans = "../data/truck_bans.csv"')
    mini.replace("fleet.toml", "count = 1", "count = 0")
    result = run("validate", mini.scenario)
    assert result.exit_code == 0, result.output
    assert ("warning: truck_bans.csv, row 2, column 'zone_id': repeats the ban of row 1"
            in result.output)
    assert "warning: fleet.toml, row 2, column '[[fleet]] count': a fleet entry of 0 trucks" \
        in result.output


# ---------------------------------------------------------------- ranges


@pytest.mark.parametrize(("file", "old", "new", "column"), [
    ("fleet.toml", "payload_kg = 750", "payload_kg = 750000", "[types.ace] payload_kg"),
    ("fleet.toml", "cost_inr_per_km = 9.1", "cost_inr_per_km = 9100",
     "[types.ace] cost_inr_per_km"),
    ("fleet.toml", "count = 2", "count = 20000", "[[fleet]] count"),
    ("yields.toml", "value_inr_per_kg = { expected = 1900, low = 1500, high = 3100 }",
     "value_inr_per_kg = { expected = 1900, low = 1500, high = 3100000 }",
     "[magnet_types.ndfeb_hdd] value_inr_per_kg.high"),
    ("yields.toml", "gross_kg_per_item = 0.6", "gross_kg_per_item = 600000",
     "[items.desktop_hdd] gross_kg_per_item"),
    ("hubs.csv", ",45\n", ",4500\n", "unload_minutes"),
    ("mini.toml", "horizon_days = 2", "horizon_days = 2000", "horizon_days"),
    ("mini.toml", "time_limit_s = 5", "time_limit_s = 1e9", "[solver] time_limit_s"),
    ("mini.toml", "[[10, 20]", "[[10, 2000]", "[travel] speed_bands"),
    ("mini.toml", "circuity_short = 1.4", "circuity_short = 40", "[travel] circuity_short"),
])
def test_values_beyond_their_physical_range_are_problems(mini, file, old, new, column):
    mini.replace(file, old, new)
    found = problems(mini)
    assert [p.column for p in found] == [column], "\n".join(map(str, found))
    assert any(w in found[0].message for w in ("out of range", "not", "bad")), found[0]
    assert found[0].expected


def test_the_range_message_says_what_is_valid_and_why(mini):
    mini.replace("fleet.toml", "payload_kg = 750", "payload_kg = 75000")
    (p,) = problems(mini)
    assert p.expected == limits.PAYLOAD_KG.expected()
    assert "above 0 to 60,000 kg" in p.expected and "40-45 t" in p.expected


def test_limits_hold_at_their_bounds():
    assert limits.ITEMS.holds(0) and limits.ITEMS.holds(1_000_000)
    assert not limits.ITEMS.holds(1_000_001) and not limits.ITEMS.holds(-1)
    assert not limits.PAYLOAD_KG.holds(0) and limits.PAYLOAD_KG.holds(0.5)
    assert not limits.ITEMS.holds(float("nan"))


def test_a_site_worth_more_than_the_solver_can_weigh_is_an_input_problem(mini):
    # Each value is legal; their product (10^6 items x 900 kg x INR 90,000) is not.
    mini.replace("yields.toml", "magnet_kg_per_item = { expected = 0.015, low = 0.010, high = 0.020 }",
                 "magnet_kg_per_item = { expected = 900, low = 900, high = 900 }")
    mini.replace("yields.toml", "value_inr_per_kg = { expected = 1900, low = 1500, high = 3100 }",
                 "value_inr_per_kg = { expected = 90000, low = 90000, high = 90000 }")
    mini.set_cell("sites.csv", 1, "qty_desktop_hdd", "1000000")
    (p,) = problems(mini)
    assert p.file == "sites.csv" and "site S001 would be worth" in p.message
    assert p.column == "qty_ceiling_fan, qty_desktop_hdd"
    assert "1,000 crore" in p.expected


# ---------------------------------------------------------------- the region


def test_bundled_sites_hubs_and_ban_zones_lie_in_india():
    from magroute.bundled import DATA_DIR

    region = india()
    for name in ("sites.csv", "hubs.csv", "hubs-regional.csv", "truck_bans.csv"):
        import csv

        rows = list(csv.DictReader((DATA_DIR / name).open(encoding="utf-8")))
        off = outside(region, [(float(r["lat"]), float(r["lon"])) for r in rows])
        assert off == [], (name, off[:3])


def test_a_point_on_the_shore_within_the_buffer_counts_as_inside():
    region = india()
    assert outside(region, [(13.08, 80.29)]) == []  # Chennai's harbour, at the coastline
    (far,) = outside(region, [(13.08, 80.6)])  # 30 km out to sea
    assert far.nearest == "Tamil Nādu" and 15 < far.km < 45


def test_a_scenario_region_of_your_own(mini, tmp_path):
    # A network in Nepal: its own outline admits Kathmandu, which India's does not.
    outline = tmp_path / "nepal.geojson"
    outline.write_text(json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"name": "Bagmati"},
        "geometry": {"type": "Polygon", "coordinates": [[[84.5, 27.0], [86.5, 27.0],
                                                         [86.5, 28.5], [84.5, 28.5],
                                                         [84.5, 27.0]]]}}]}))
    for name, lat, lon in (("sites.csv", "27.7172", "85.3240"), ("hubs.csv", "27.70", "85.30")):
        mini.set_cell(name, 1, "lat", lat)
        mini.set_cell(name, 1, "lon", lon)
    assert {p.file for p in problems(mini)} == {"sites.csv", "hubs.csv"}
    mini.replace("mini.toml", "[shift]", f'[region]\noutline = "{outline}"\nbuffer_km = 5\n\n[shift]')
    found = problems(mini)
    # The rest of the mini network (Delhi, Jaipur) is now outside the region, named by it.
    assert {(p.file, p.row) for p in found} == {("sites.csv", 2), ("sites.csv", 3)}
    # Far outside, the outline's bounding box already answers (and says which degrees are valid).
    assert all("outside nepal.geojson" in p.message and "between" in p.expected for p in found), found
    assert load_scenario(mini.scenario).region.buffer_km == 5


def test_a_region_outline_that_is_not_there_is_a_scenario_problem(mini):
    mini.replace("mini.toml", "[shift]", '[region]\noutline = "nowhere.geojson"\n\n[shift]')
    (p,) = problems(mini)
    assert (p.file, p.column, p.message) == ("mini.toml", "[region] outline", "file not found")


def test_an_outline_without_polygons_is_refused(tmp_path):
    empty = tmp_path / "points.geojson"
    empty.write_text(json.dumps({"type": "FeatureCollection", "features": []}))
    with pytest.raises(ValueError, match="no polygons"):
        load_region(empty)


# ---------------------------------------------------------------- warnings


def test_a_shop_with_ten_thousand_items_of_one_kind_is_a_warning_a_yard_is_not(mini):
    mini.set_cell("sites.csv", 3, "qty_desktop_hdd", "20000")  # a motor-rewinding shop
    mini.set_cell("sites.csv", 1, "qty_desktop_hdd", "20000")  # a scrap yard
    warned: list = []
    read_sites(mini.path("sites.csv"), ITEMS, warnings=warned)
    (w,) = warned
    assert (w.file, w.row, w.column, w.value) == ("sites.csv", 3, "qty_desktop_hdd", 20000)
    assert "motor_rewinding" in w.message


def test_warnings_reach_the_problem_and_the_plan_notes(mini, tmp_path):
    mini.replace("fleet.toml", "count = 1", "count = 0")
    problem = load_problem(load_scenario(mini.scenario))
    assert [w.column for w in problem.input_warnings] == ["[[fleet]] count"]
    result = run("plan", mini.scenario, "--out", tmp_path / "out", "--time-limit", "1")
    assert result.exit_code == 0, result.output
    notes = json.loads((tmp_path / "out" / "summary.json").read_text())["plan"]["notes"]
    assert any(n.startswith("input warning: fleet.toml, row 2") for n in notes)


def test_a_repeated_ban_row_is_dropped_with_a_warning(mini):
    mini.write("truck_bans.csv", BANS_CSV)
    warned: list = []
    bans = read_bans(mini.path("truck_bans.csv"), warnings=warned)
    assert len(bans) == 1 and len(warned) == 1 and warned[0].row == 2


def test_a_fleet_of_only_zero_entries_is_still_an_error(mini):
    mini.replace("fleet.toml", "count = 2", "count = 0")
    mini.replace("fleet.toml", "count = 1", "count = 0")
    with pytest.raises(InputError, match="no vehicles"):
        read_fleet(mini.path("fleet.toml"), {"SKD"})
