"""[supply] through the scenario file: a site without history plans exactly as before, a
visited one with its learnt factor, and a broken estimates file is an input problem."""

import dataclasses
from datetime import date

import pytest

from magroute.domain.scenario import SolveSettings
from magroute.domain.supply import SiteVisit
from magroute.errors import InputError
from magroute.inputs import load_problem, load_scenario
from magroute.inputs.supply import record_visits
from magroute.solver.solve import solve
from magroute.travel import GreatCircleSource

REPRODUCIBLE = SolveSettings(time_limit_s=20, seed=4, workers=1, iteration_limit=100)


def with_supply(mini, text: str):
    mini.write("mini.toml", mini.scenario.read_text(encoding="utf-8") + "\n[supply]\n" + text)
    return load_scenario(mini.scenario)


def test_sites_without_history_plan_exactly_as_before(mini, tmp_path):
    before = load_problem(load_scenario(mini.scenario))
    db = tmp_path / "history.sqlite"
    record_visits(db, [SiteVisit("PK-20261116-R01-01", "ELSEWHERE", "scrap_yard",
                                 date(2026, 11, 16), "empty", 300.0, 0.0)], tmp_path)
    after = load_problem(with_supply(mini, f'history = "{db.as_posix()}"\n'))
    assert after == before and after.supply == ()
    matrices = GreatCircleSource().matrices(before.points())
    plans = [solve(p, matrices, REPRODUCIBLE) for p in (before, after)]
    assert plans[0].routes == plans[1].routes and plans[0].unserved == plans[1].unserved


def test_a_visited_site_plans_with_its_learnt_factor(mini, tmp_path):
    before = load_problem(load_scenario(mini.scenario))
    site = before.sites[0]
    db = tmp_path / "history.sqlite"
    record_visits(db, [SiteVisit(f"PK-2026111{k}-R01-01", site.site_id, site.site_type,
                                 date(2026, 11, 10 + k), "received", 100.0, 50.0)
                       for k in range(4)], tmp_path)
    scenario = with_supply(mini, f'history = "{db.as_posix()}"\nrisk = "p10"\n')
    after = load_problem(scenario)
    (estimate,) = after.supply
    factor = estimate.prize_factor("p10")
    assert 0 < factor < estimate.prize_factor("expected") < 1
    assert after.yields[0].value_inr.expected == pytest.approx(
        before.yields[0].value_inr.expected * factor)
    assert after.yields[1:] == before.yields[1:]
    assert after.sites == before.sites  # gross weight stays as declared: room on the truck
    mean = load_problem(dataclasses.replace(
        scenario, supply=dataclasses.replace(scenario.supply, risk="expected")))
    assert mean.yields[0].value_inr.expected > after.yields[0].value_inr.expected


def test_a_broken_estimates_file_is_an_input_problem(mini, tmp_path):
    bad = tmp_path / "supply.csv"
    bad.write_text("site_id,visits,no_shows,reliability,reliability_low,kg_ratio,kg_ratio_low\n"
                   "S1,3,1,1.7,0.5,0.9,0.8\n", encoding="utf-8")
    scenario = with_supply(mini, f'estimates = "{bad.as_posix()}"\n')
    with pytest.raises(InputError) as info:
        load_problem(scenario)
    (p,) = info.value.problems
    assert (p.file, p.row, p.column) == ("supply.csv", 1, "reliability")
    mini.reset("mini.toml")
    with pytest.raises(InputError, match=r"\[supply\] estimates.*file not found"):
        with_supply(mini, 'estimates = "nowhere.csv"\n')
