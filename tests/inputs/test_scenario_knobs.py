"""[prices], [visits] and [target]: parsing, errors, their effect on the problem, round trip."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from factories import PARAMS_TRADED

from magroute.domain import limits
from magroute.domain.scenario import CollectionTarget, PriceShock, VisitFrequency
from magroute.domain.yields import Range
from magroute.errors import InputError
from magroute.export.plan_dir import SCENARIO_COPY, copy_scenario
from magroute.inputs import load_problem, load_scenario, scenario_to_toml, scenario_yield_params
from magroute.inputs.adjust import shock_prices, stock_per_visit

REPO = Path(__file__).resolve().parents[2]

PRICES = """
[prices]
note = "ex-China May-2025"
factor = { ndfeb_hdd = 1.62, ndfeb_motor = 2.5 }
"""


def with_tables(mini, text: str):
    mini.write("mini.toml", mini.scenario.read_text(encoding="utf-8") + text)
    return load_scenario(mini.scenario)


def problems_of(mini, text: str):
    with pytest.raises(InputError) as info:
        with_tables(mini, text)
    return info.value.problems


def test_absent_sections_take_the_defaults(mini):
    s = load_scenario(mini.scenario)
    assert s.prices == PriceShock() and s.visits == VisitFrequency() and s.target is None
    assert (s.visits.every_days, s.visits.stock_days) == (7, 7)


def test_the_three_sections_parse(mini):
    s = with_tables(mini, PRICES + "\n[visits]\nevery_days = 14\n\n[target]\n"
                    'ndfeb_t_per_year = 25.0\nnote = "pilot"\n')
    assert s.prices.factors == (("ndfeb_hdd", 1.62), ("ndfeb_motor", 2.5))
    assert s.prices.note == "ex-China May-2025"
    assert s.visits == VisitFrequency(every_days=14, stock_days=7)
    assert s.target == CollectionTarget(25.0, "pilot")


def test_bad_values_of_every_section_are_reported_at_once(mini):
    problems = problems_of(mini, """
[prices]
factor = { ndfeb_hddd = 1.5, ndfeb_motor = 0, ndfeb_ev = -2 }

[visits]
every_days = 0
stock_days = 2.5

[target]
ndfeb_t_per_year = -25
""")
    by_column = {p.column: p for p in problems}
    assert set(by_column) == {"[prices] factor.ndfeb_hddd", "[prices] factor.ndfeb_motor",
                              "[prices] factor.ndfeb_ev", "[visits] every_days",
                              "[visits] stock_days", "[target] ndfeb_t_per_year"}
    assert all(p.file == "mini.toml" for p in problems)
    unknown = by_column["[prices] factor.ndfeb_hddd"]
    assert unknown.message == "unknown magnet type" and unknown.value == "ndfeb_hddd"
    # the valid names are those of the yields file, not a fixed list
    assert unknown.expected == "a magnet type of yields.toml: ndfeb_hdd, ndfeb_motor"
    assert by_column["[prices] factor.ndfeb_motor"].expected == limits.PRICE_FACTOR.expected()
    assert by_column["[visits] every_days"].expected == "a whole number from 1 to 366 days (a year)"
    assert by_column["[target] ndfeb_t_per_year"].value == -25


def test_unknown_keys_and_a_missing_target_are_errors(mini):
    problems = problems_of(mini, "\n[visits]\nevery_day = 14\n\n[target]\nnote = 'x'\n"
                                 "\n[prices]\nfactors = { ndfeb_hdd = 2 }\n")
    columns = {p.column for p in problems}
    assert columns == {"[visits] every_day", "[target] ndfeb_t_per_year", "[prices] factors"}


def test_a_bad_magnet_type_is_reported_by_validate_with_the_other_problems(mini):
    from magroute.inputs import validate_scenario

    mini.write("mini.toml", mini.scenario.read_text(encoding="utf-8").replace(
        "horizon_days = 2", "horizon_days = 0") + "\n[prices]\nfactor = { smco = 2 }\n")
    columns = {p.column for p in validate_scenario(mini.scenario)}
    assert {"horizon_days", "[prices] factor.smco"} <= columns


def test_price_factor_scales_the_value_of_its_magnet_type_exactly(mini):
    plain = load_problem(load_scenario(mini.scenario))
    shocked = load_problem(with_tables(mini, "\n[prices]\nfactor = { ndfeb_hdd = 1.62 }\n"))
    # S003 holds only HDDs (ndfeb_hdd), S002 only fans (ndfeb_motor, not shocked)
    for part in ("expected", "low", "high"):
        before = getattr(plain.yield_of("S003").value_inr, part)
        assert getattr(shocked.yield_of("S003").value_inr, part) == pytest.approx(1.62 * before)
        assert getattr(shocked.yield_of("S002").value_inr, part) == \
            getattr(plain.yield_of("S002").value_inr, part)
    # magnet mass does not depend on prices
    assert shocked.yield_of("S001").magnet_kg == plain.yield_of("S001").magnet_kg
    # S001: 1.35 kg HDD grade at 1,900 x 1.62 + 0.09 kg motor grade at 1,200
    assert shocked.yield_of("S001").value_inr.expected == pytest.approx(
        1.35 * 1900 * 1.62 + 0.09 * 1200)


def test_scenario_yield_params_are_the_ones_the_problem_is_valued_with(mini):
    unshocked = scenario_yield_params(load_scenario(mini.scenario))
    assert unshocked.magnet("ndfeb_hdd").value_inr_per_kg.expected == 1900
    s = with_tables(mini, PRICES)
    params = scenario_yield_params(s)
    assert params.magnet("ndfeb_hdd").value_inr_per_kg.high == pytest.approx(3100 * 1.62)
    assert params.magnet("ndfeb_motor").value_inr_per_kg.low == pytest.approx(1000 * 2.5)
    assert params.items == unshocked.items and params.recovery == unshocked.recovery
    problem = load_problem(s)
    site = problem.sites[2]  # S003: 20 HDDs
    value = params.magnet("ndfeb_hdd").value_inr_per_kg.expected
    assert problem.yield_of(site.site_id).value_inr.expected == pytest.approx(
        20 * 0.015 * 0.9 * value)


def test_a_scenario_built_in_code_with_an_unknown_magnet_type_is_an_input_error(mini):
    s = dataclasses.replace(load_scenario(mini.scenario),
                            prices=PriceShock((("unobtainium", 2.0),)))
    for build in (scenario_yield_params, load_problem):
        with pytest.raises(InputError) as info:
            build(s)
        [p] = info.value.problems
        assert p.column == "[prices] factor" and "unobtainium" in p.message


def test_a_magnet_price_shock_leaves_purchase_prices_and_by_products_alone():
    shocked = shock_prices(PARAMS_TRADED, PriceShock((("ndfeb_motor", 2.0),)))
    assert shocked.magnet("ndfeb_motor").value_inr_per_kg == Range(2000.0, 1600.0, 3000.0)
    assert shocked.items == PARAMS_TRADED.items
    assert shocked.purchase_factor_by_site_type == PARAMS_TRADED.purchase_factor_by_site_type


def test_shock_prices_without_factors_returns_the_same_parameters(mini):
    params = scenario_yield_params(load_scenario(mini.scenario))
    assert shock_prices(params, PriceShock(note="no change")) is params


def test_fortnightly_visits_double_counts_and_weights(mini):
    plain = load_problem(load_scenario(mini.scenario))
    fortnightly = load_problem(with_tables(mini, "\n[visits]\nevery_days = 14\n"))
    for before, after in zip(plain.sites, fortnightly.sites, strict=True):
        assert after.gross_weight_kg == pytest.approx(2 * before.gross_weight_kg)
        assert after.items == {item: 2 * n for item, n in before.items.items()}
    assert fortnightly.yield_of("S001").value_inr.expected == pytest.approx(
        2 * plain.yield_of("S001").value_inr.expected)


def test_counts_are_rounded_half_up_to_whole_items_and_zeros_dropped(mini):
    site = load_problem(load_scenario(mini.scenario)).sites[0]
    site = dataclasses.replace(site, inventory=(("desktop_hdd", 3), ("ceiling_fan", 1)))
    # every 3 days from a 6-day stock: 1.5 -> 2 HDDs, 0.5 -> 1 fan; every day: 0.5, 0.17 -> 0
    (half,) = stock_per_visit((site,), VisitFrequency(every_days=3, stock_days=6))
    assert half.inventory == (("desktop_hdd", 2), ("ceiling_fan", 1))
    assert half.gross_weight_kg == pytest.approx(site.gross_weight_kg / 2)
    (daily,) = stock_per_visit((site,), VisitFrequency(every_days=1, stock_days=6))
    assert daily.inventory == (("desktop_hdd", 1),)


def test_default_visits_and_prices_leave_the_problem_unchanged(mini):
    plain = load_problem(load_scenario(mini.scenario))
    explicit = load_problem(with_tables(
        mini, "\n[visits]\nevery_days = 7\nstock_days = 7\n\n[prices]\nfactor = {}\n"
              "\n[target]\nndfeb_t_per_year = 5\n"))
    assert explicit == plain
    # and 10 days out of a 10-day stock is no change either
    assert stock_per_visit(plain.sites, VisitFrequency(10, 10)) is plain.sites


def test_knobs_round_trip_through_scenario_to_toml(mini):
    s = with_tables(mini, PRICES + "\n[visits]\nevery_days = 14\nstock_days = 5\n"
                              "\n[target]\nndfeb_t_per_year = 25\nnote = 'pilot'\n")
    copy = mini.root / "runs" / "copy.toml"
    copy.parent.mkdir()
    text = scenario_to_toml(s, copy.parent)
    copy.write_text(text)
    assert "[prices]" in text and "[visits]" in text and "[target]" in text
    assert dataclasses.replace(load_scenario(copy), path=s.path) == s


def test_defaults_are_not_written(mini):
    s = load_scenario(mini.scenario)
    text = scenario_to_toml(s, mini.root)
    assert "[prices]" not in text and "[visits]" not in text and "[target]" not in text


def test_the_plan_folder_copy_rebuilds_the_same_problem(mini, tmp_path):
    plain = load_problem(load_scenario(mini.scenario))
    s = with_tables(mini, PRICES + "\n[visits]\nevery_days = 14\n"
                              "\n[target]\nndfeb_t_per_year = 25\n")
    out = tmp_path / "plan"
    out.mkdir()
    copy_scenario(s, out)
    again = load_scenario(out / SCENARIO_COPY)
    assert (again.prices, again.visits, again.target) == (s.prices, s.visits, s.target)
    assert load_problem(again) == load_problem(s)
    assert load_problem(again) != plain  # the knobs did change it


@pytest.mark.parametrize("name", ["india-nightly", "india-hubs", "india-hired", "india-light-fleet",
                                  "india-fortnightly", "india-price-shock", "ncr-daily"])
def test_bundled_scenarios_validate(name):
    from magroute.inputs import validate_scenario

    if not (REPO / "data" / "sites.csv").is_file():
        pytest.skip("data/ not generated yet")
    path = REPO / "scenarios" / f"{name}.toml"
    assert validate_scenario(path) == []
    assert load_scenario(path).target is not None


def test_access_defaults_by_site_type_reach_the_problem(mini):
    from magroute.domain.scenario import AccessSettings
    from magroute.domain.site import SITE_TYPES

    assert tuple(t for t, _ in AccessSettings().by_site_type()) == SITE_TYPES
    plain = load_scenario(mini.scenario)
    assert plain.access == AccessSettings() and plain.access.informal_ewaste == "scv"
    original = mini.scenario.read_text(encoding="utf-8")
    problems = problems_of(mini, '\n[access]\nscrap_yard = "truck"\nlanes = "scv"\n')
    assert {q.column for q in problems} == {"[access] scrap_yard", "[access] lanes"}, problems
    mini.write("mini.toml", original)
    s = with_tables(mini, '\n[access]\nscrap_yard = "lcv"\n')
    problem = load_problem(s)
    yard = next(x for x in problem.sites if x.site_type == "scrap_yard")
    assert problem.max_vehicle_class(yard) == "lcv"
    assert problem.access_classes(yard) == {"scv", "lcv"}
    text = scenario_to_toml(s, mini.root)
    assert '[access]\nscrap_yard = "lcv"' in text and "informal_ewaste" not in text
