from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from magroute.domain.scenario import SiteFilter
from magroute.errors import InputError
from magroute.inputs import load_scenario, scenario_to_toml, with_inputs
from magroute.inputs.scenario_read import tomorrow

REPO = Path(__file__).resolve().parents[2]


def problems_of(mini, **overrides):
    with pytest.raises(InputError) as info:
        load_scenario(mini.scenario, **overrides)
    return info.value.problems


def test_clean_scenario_with_absolute_input_paths(mini):
    s = load_scenario(mini.scenario)
    assert s.name == "mini" and s.hub_id == "SKD"
    assert s.path == mini.scenario.resolve()
    assert s.sites_path == (mini.data / "sites.csv").resolve() and s.sites_path.is_absolute()
    assert s.fleet_path == (mini.data / "fleet.toml").resolve()
    assert (s.start_date, s.horizon_days, s.max_tour_days) == (date(2026, 11, 23), 2, 2)
    assert (s.shift_start, s.shift_end) == ("06:00", "18:00")
    assert dict(s.service_minutes_by_site_type) == {
        "scrap_yard": 45, "ewaste_dismantler": 45, "motor_rewinding": 20}
    assert s.travel.speed_bands[-1] == (float("inf"), 50)
    assert (s.solve.time_limit_s, s.solve.seed) == (5, 3)


def test_paths_resolve_relative_to_the_scenario_not_the_working_directory(mini, monkeypatch):
    monkeypatch.chdir(mini.data)
    s = load_scenario(Path("..") / "scenarios" / "mini.toml")
    assert s.hubs_path == (mini.data / "hubs.csv").resolve()


def test_overrides(mini):
    s = load_scenario(mini.scenario, start_date="2027-01-04", time_limit_s=2.5, seed=9)
    assert (s.start_date, s.solve.time_limit_s, s.solve.seed) == (date(2027, 1, 4), 2.5, 9)
    assert load_scenario(mini.scenario, start_date=date(2027, 2, 1)).start_date == date(2027, 2, 1)
    when = datetime(2027, 3, 1, 0, 0)
    assert load_scenario(mini.scenario, start_date=when).start_date == date(2027, 3, 1)


def test_a_bad_date_in_the_file_is_reported_even_when_overridden(mini):
    mini.replace("mini.toml", 'start_date = "2026-11-23"', 'start_date = "2026-02-30"')
    [p] = problems_of(mini, start_date="2027-01-04")
    assert (p.file, p.column) == ("mini.toml", "start_date")


def test_bad_override_is_blamed_on_the_command_line(mini):
    problems = problems_of(mini, start_date="tomorrow", time_limit_s=0)
    assert [(p.file, p.column) for p in problems] == [
        ("command line", "--date"), ("command line", "--time-limit")]


def test_defaults_when_keys_are_absent(mini):
    text = mini.scenario.read_text()
    text = text.replace('start_date = "2026-11-23"\n', "").replace('name = "mini"\n', "")
    text = text[: text.index("[travel]")]  # no [travel], no [solver]
    mini.write("mini.toml", text)
    s = load_scenario(mini.scenario)
    assert s.name == "mini"  # the file's stem
    assert s.start_date == tomorrow()
    assert abs(s.start_date - date.today()) <= timedelta(days=2)
    assert s.travel == type(s.travel)() and s.solve == type(s.solve)()
    assert s.site_filter == SiteFilter()


def test_bad_date(mini):
    mini.replace("mini.toml", 'start_date = "2026-11-23"', 'start_date = "2026-11-31"')
    [p] = problems_of(mini)
    assert (p.file, p.column, p.value) == ("mini.toml", "start_date", "2026-11-31")
    assert "YYYY-MM-DD" in p.expected


def test_toml_date_literal_is_accepted(mini):
    mini.replace("mini.toml", 'start_date = "2026-11-23"', "start_date = 2026-11-24")
    assert load_scenario(mini.scenario).start_date == date(2026, 11, 24)


def test_unknown_key_lists_the_valid_keys(mini):
    mini.replace("mini.toml", "circuity_short = 1.4", "circuity_shrot = 1.4")
    [p] = problems_of(mini)
    assert (p.file, p.column) == ("mini.toml", "[travel] circuity_shrot")
    assert "did you mean 'circuity_short'" in p.message
    assert "circuity_short" in p.expected and "speed_bands" in p.expected


def test_unknown_top_level_key(mini):
    mini.replace("mini.toml", "horizon_days = 2", "horizon_days = 2\nhorizon = 3")
    [p] = problems_of(mini)
    assert p.column == "horizon" and "horizon_days" in p.expected


def test_missing_input_files_are_one_problem_each(mini):
    mini.path("sites.csv").unlink()
    mini.replace("mini.toml", '"../data/hubs.csv"', '"data/hubs.csv"')
    problems = problems_of(mini)
    assert [(p.file, p.column) for p in problems] == [
        ("mini.toml", "[inputs] sites"), ("mini.toml", "[inputs] hubs")]
    assert all("not found" in p.message for p in problems)
    assert str(mini.scenario.parent / "data" / "hubs.csv") in problems[1].message


def test_bad_values_all_at_once(mini):
    mini.replace("mini.toml", "max_tour_days = 2", "max_tour_days = 3")
    mini.replace("mini.toml", 'end = "18:00"', 'end = "05:00"')
    mini.replace("mini.toml", 'strategy = "auto"', 'strategy = "fast"')
    mini.replace("mini.toml", "motor_rewinding = 20", "motor_rewinding = -20")
    mini.replace("mini.toml", '["inf", 50]', "[500, 50]")
    mini.replace("mini.toml", "hub = ", "hub_id = ")
    problems = problems_of(mini)
    assert [p.column for p in problems] == [
        "max_tour_days", "[inputs] hub_id", "[inputs] hub", "[shift] end",
        "[service.minutes_by_site_type] motor_rewinding", "[travel] speed_bands",
        "[solver] strategy",
    ]


def test_site_filter(mini):
    mini.replace("mini.toml", "[shift]", '[sites]\nwithin_km_of_hub = 120\nstates = ["Delhi"]\n'
                 'site_types = ["scrap_yard", "ev_service"]\n\n[shift]')
    f = load_scenario(mini.scenario).site_filter
    assert f == SiteFilter(120, ("Delhi",), ("scrap_yard", "ev_service"))


def test_unknown_site_type_in_filter(mini):
    mini.replace("mini.toml", "[shift]", '[sites]\nsite_types = ["junkyard"]\n\n[shift]')
    [p] = problems_of(mini)
    assert (p.column, p.value) == ("[sites] site_types", ["junkyard"])


def test_bad_toml(mini):
    mini.replace("mini.toml", "[inputs]", "[inputs")
    [p] = problems_of(mini)
    assert p.file == "mini.toml" and "not valid TOML" in p.message and "line 7" in p.message


def test_round_trip_through_toml(mini):
    mini.replace("mini.toml", "[shift]", '[sites]\nwithin_km_of_hub = 80.5\nstates = ["Delhi"]\n\n'
                 "[shift]")
    mini.replace("mini.toml", 'strategy = "auto"', 'strategy = "ortools-gls"\nsolution_limit = 7')
    s = load_scenario(mini.scenario)
    copy = mini.root / "runs" / "copy.toml"
    copy.parent.mkdir()
    copy.write_text(scenario_to_toml(s, copy.parent))
    assert dataclasses.replace(load_scenario(copy), path=s.path) == s
    assert 'sites = "../data/sites.csv"' in copy.read_text()


def test_written_paths_are_relative_to_the_plan_directory(mini):
    s = load_scenario(mini.scenario)
    plan = mini.root / "plan"
    plan.mkdir()
    for p in (s.sites_path, s.fleet_path, s.yields_path, s.hubs_path):
        (plan / p.name).write_bytes(p.read_bytes())
    moved = with_inputs(s, plan)
    text = scenario_to_toml(moved, plan)
    assert 'sites = "sites.csv"' in text and 'hubs = "hubs.csv"' in text
    (plan / "scenario.toml").write_text(text)
    again = load_scenario(plan / "scenario.toml")
    assert again.sites_path == (plan / "sites.csv").resolve()
    assert dataclasses.replace(again, path=s.path, sites_path=s.sites_path,
                               fleet_path=s.fleet_path, yields_path=s.yields_path,
                               hubs_path=s.hubs_path) == s


@pytest.mark.parametrize("name", ["india-nightly", "ncr-daily"])
def test_bundled_scenarios_parse(name):
    path = REPO / "scenarios" / f"{name}.toml"
    if not (REPO / "data" / "sites.csv").is_file():
        pytest.skip("data/ not generated yet")
    s = load_scenario(path)
    assert s.name == name and s.hub_id == "SKD"


ROAD = """
[travel.road]
network = "../data/roads.geojson"
access_circuity = 1.5
local_estimate_km = 20
[travel.road.speeds_kmh]
trunk = 55
"""

CONSOLIDATION = """
[consolidation]
[[consolidation.line_haul]]
hub = "BOM"
days = "Sat"
payload_kg = 15000
rate_inr_per_km = 42.6
source = "CMIE 2024"
"""


def test_road_settings_and_consolidation_round_trip(mini):
    mini.write("roads.geojson", '{"type": "FeatureCollection", "features": []}')
    mini.write("bans.csv", (REPO / "data" / "truck_bans.csv").read_text(encoding="utf-8"))
    mini.replace("mini.toml", 'source = "great_circle"', 'source = "road_graph"')
    mini.replace("mini.toml", 'hub = "SKD"', 'hub = "SKD"\ntruck_bans = "../data/bans.csv"')
    mini.replace("mini.toml", "[solver]", ROAD.strip() + "\n\n[solver]")
    text = mini.scenario.read_text(encoding="utf-8") + CONSOLIDATION
    mini.write("mini.toml", text)
    s = load_scenario(mini.scenario)
    assert s.travel.source == "road_graph"
    assert s.travel.road.network == (mini.data / "roads.geojson").resolve()
    assert s.travel.road.speeds_kmh == (("trunk", 55.0),)
    assert (s.travel.road.access_circuity, s.travel.road.local_estimate_km) == (1.5, 20.0)
    assert s.bans_path == (mini.data / "bans.csv").resolve()
    (lh,) = s.consolidation.line_hauls
    assert (lh.hub_id, lh.days, lh.departure, lh.rate_inr_per_km) == ("BOM", "Sat", "18:00", 42.6)
    copy = mini.root / "runs" / "copy.toml"
    copy.parent.mkdir()
    copy.write_text(scenario_to_toml(s, copy.parent))
    assert dataclasses.replace(load_scenario(copy), path=s.path) == s


def test_bad_road_and_consolidation_settings_are_all_reported(mini):
    mini.replace("mini.toml", 'source = "great_circle"', 'source = "osrm"')
    mini.replace("mini.toml", "[solver]", '[travel.road]\nnetwork = "missing.gpkg"\n'
                                          "access_kmh = 0\n\n[solver]")
    text = mini.scenario.read_text(encoding="utf-8") + CONSOLIDATION.replace(
        'days = "Sat"', 'days = "Caturday"').replace("rate_inr_per_km = 42.6",
                                                      "rate_inr_per_km = 42.6\ncost_inr_per_trip = 1")
    mini.write("mini.toml", text)
    columns = {p.column for p in problems_of(mini)}
    assert {"[travel] source", "[travel.road] network", "[travel.road] access_kmh",
            "[[consolidation.line_haul]] days"} <= columns
