from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from magroute.domain.scenario import SiteFilter
from magroute.errors import InputError
from magroute.inputs import filter_sites, load_problem, load_scenario, validate_scenario

REPO = Path(__file__).resolve().parents[2]


def problem_of(mini):
    return load_problem(load_scenario(mini.scenario))


def problems_of(mini):
    with pytest.raises(InputError) as info:
        problem_of(mini)
    return info.value.problems


def add_filter(mini, text):
    mini.replace("mini.toml", "[shift]", f"[sites]\n{text}\n\n[shift]")


def test_clean_mini_data_set_loads_with_hand_computed_yields(mini):
    p = problem_of(mini)
    assert [s.site_id for s in p.sites] == ["S001", "S002", "S003"]
    assert [v.vehicle_id for v in p.vehicles] == ["ace-01", "ace-02", "lcv14-01"]
    assert p.hub.hub_id == "SKD" and p.name == "mini"
    h = p.horizon
    assert (h.start_date, h.days, h.max_tour_days) == (date(2026, 11, 23), 2, 2)
    assert (p.horizon.shift_start_min, p.horizon.shift_end_min) == (6 * 60, 18 * 60)
    # S001, 90 kg scrap yard: 45 min + 20 min/t x 0.09 t
    assert p.service.service_s(p.sites[0]) == round(60 * (45 + 20 * 0.09))

    y1 = p.yield_of("S001")
    # 100 HDDs x 0.015 kg x share 1.0 x recovery 0.9 = 1.35 kg of HDD-grade NdFeB at 1,900 INR/kg
    # 10 fans x 0.05 kg x share 0.2 x 0.9 = 0.09 kg of motor-grade NdFeB at 1,200 INR/kg
    assert y1.magnet_kg.expected == pytest.approx(1.35 + 0.09)
    assert y1.value_inr.expected == pytest.approx(1.35 * 1900 + 0.09 * 1200)  # 2,673
    # low and high multiply every factor's low (high) end: 1,309 and 6,146.5 INR
    assert y1.value_inr.low == pytest.approx(
        100 * 0.010 * 1.0 * 0.85 * 1500 + 10 * 0.04 * 0.1 * 0.85 * 1000)
    assert y1.value_inr.high == pytest.approx(
        100 * 0.020 * 1.0 * 0.95 * 3100 + 10 * 0.06 * 0.3 * 0.95 * 1500)
    assert dict(y1.magnet_kg_by_type) == pytest.approx({"ndfeb_hdd": 1.35, "ndfeb_motor": 0.09})
    # S002: 50 fans only -> 0.45 kg, 540 INR; S003: 20 HDDs -> 0.27 kg, 513 INR
    assert p.yield_of("S002").value_inr.expected == pytest.approx(540)
    assert p.yield_of("S003").value_inr.expected == pytest.approx(513)


def test_filter_within_km_of_hub(mini):
    add_filter(mini, "within_km_of_hub = 120")  # Delhi and Noida ~40-50 km, Jaipur ~240 km
    p = problem_of(mini)
    assert [s.site_id for s in p.sites] == ["S001", "S002"]
    assert [y.site_id for y in p.yields] == ["S001", "S002"]


def test_filter_by_state_and_type(mini):
    add_filter(mini, 'states = ["uttar pradesh ", "Rajasthan"]\n'
                     'site_types = ["ewaste_dismantler", "scrap_yard"]')
    assert [s.site_id for s in problem_of(mini).sites] == ["S002"]


def test_filter_state_that_matches_no_site_is_an_error(mini):
    add_filter(mini, 'states = ["Delhi", "Utar Pradesh"]')
    [p] = problems_of(mini)
    assert (p.file, p.column, p.value) == ("mini.toml", "[sites] states", "Utar Pradesh")
    assert "Uttar Pradesh" in p.expected


def test_filter_sites_directly(mini):
    p = problem_of(mini)
    near = filter_sites(p.sites, SiteFilter(within_km_of_hub=45), p.hub)
    assert [s.site_id for s in near] == ["S002"]  # Noida ~38 km; Seelampur ~47 km
    assert filter_sites((), SiteFilter(within_km_of_hub=45, states=("Delhi",)), p.hub) == ()


def test_problems_of_all_files_come_together(mini):
    mini.set_cell("sites.csv", 1, "lat", "95")
    mini.set_cell("sites.csv", 2, "gross_weight_kg", "-1")
    mini.replace("fleet.toml", 'type = "lcv14"', 'type = "truck"')
    mini.replace("yields.toml", "gross_kg_per_item = 0.6", "gross_kg_per_item = -0.6")
    mini.set_cell("hubs.csv", 1, "unload_minutes", "soon")
    problems = problems_of(mini)
    assert [(p.file, p.column) for p in problems] == [
        ("yields.toml", "[items.desktop_hdd] gross_kg_per_item"),
        ("hubs.csv", "unload_minutes"),
        ("fleet.toml", "[[fleet]] type"),
        ("sites.csv", "lat"),
        ("sites.csv", "gross_weight_kg"),
    ]


def test_unloading_hub_not_in_hubs(mini):
    mini.replace("mini.toml", 'hub = "SKD"', 'hub = "SKX"')
    [p] = problems_of(mini)
    assert (p.file, p.column, p.value) == ("mini.toml", "[inputs] hub", "SKX")
    assert "SKD" in p.expected


def test_unknown_qty_item_is_a_cross_reference_problem(mini):
    mini.replace("sites.csv", "qty_desktop_hdd", "qty_server_hdd")
    [p] = problems_of(mini)
    assert (p.file, p.column) == ("sites.csv", "qty_server_hdd")
    assert "qty_ceiling_fan, qty_desktop_hdd" in p.expected


def test_broken_yields_do_not_cascade_into_sites(mini):
    mini.replace("yields.toml", "[items.ceiling_fan]", "[items.ceiling_fan")
    problems = problems_of(mini)
    assert [p.file for p in problems] == ["yields.toml"]


def test_validate_scenario(mini):
    assert validate_scenario(mini.scenario) == []
    mini.set_cell("sites.csv", 3, "close_time", "09:00")
    assert [(p.file, p.row, p.column) for p in validate_scenario(mini.scenario)] == [
        ("sites.csv", 3, "close_time")]


def test_validate_scenario_checks_the_files_of_a_broken_scenario(mini):
    mini.replace("mini.toml", 'start_date = "2026-11-23"', 'start_date = "23/11/2026"')
    mini.set_cell("hubs.csv", 1, "lat", "")
    problems = validate_scenario(mini.scenario)
    assert [(p.file, p.column) for p in problems] == [
        ("mini.toml", "start_date"), ("hubs.csv", "lat")]


def test_validate_scenario_of_a_missing_file(tmp_path):
    [p] = validate_scenario(tmp_path / "nope.toml")
    assert p.file == "nope.toml" and "not found" in p.message


@pytest.mark.parametrize("name", ["india-nightly", "ncr-daily"])
def test_bundled_data_loads(name):
    if not (REPO / "data" / "sites.csv").is_file():
        pytest.skip("data/ not generated yet")
    p = load_problem(load_scenario(REPO / "scenarios" / f"{name}.toml"))
    assert p.sites and p.vehicles


def test_line_haul_from_an_unknown_hub_and_bad_bans_are_reported_together(mini):
    mini.write("bans.csv", "zone_id,city,lat,lon,radius_km,vehicle_classes,days,start,end\n"
                           "K,Kolkata,22.57,88.36,9,bus,daily,06:00,22:00\n")
    mini.replace("mini.toml", 'hub = "SKD"', 'hub = "SKD"\ntruck_bans = "../data/bans.csv"')
    mini.write("mini.toml", mini.scenario.read_text(encoding="utf-8")
               + '\n[consolidation]\n[[consolidation.line_haul]]\nhub = "BOM"\ndays = "Sat"\n'
                 "payload_kg = 15000\ncost_inr_per_trip = 60000\n")
    problems = validate_scenario(mini.scenario)
    where = {(p.file, p.column) for p in problems}
    assert ("bans.csv", "vehicle_classes") in where
    assert ("mini.toml", "[[consolidation.line_haul]] hub") in where


def test_line_haul_cost_per_trip_from_rate_and_road_km(mini):
    mini.write("hubs.csv", mini.path("hubs.csv").read_text(encoding="utf-8")
               + "BOM,Bhiwandi yard,19.2813,73.0483,421302,Mon-Sat,08:00,20:00,45\n")
    mini.write("mini.toml", mini.scenario.read_text(encoding="utf-8")
               + '\n[consolidation]\n[[consolidation.line_haul]]\nhub = "BOM"\ndays = "Sat"\n'
                 "payload_kg = 15000\nrate_inr_per_km = 40\n")
    p = load_problem(load_scenario(mini.scenario))
    (lh,) = p.line_hauls
    assert 1300 < lh.road_km < 1500  # great-circle x circuity, the mini scenario's source
    assert lh.cost_inr_per_trip == pytest.approx(40 * lh.road_km, abs=0.01)
