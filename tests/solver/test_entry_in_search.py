"""The search sees city entry charges: a Delhi pickup worth less than the entry it needs is
left out, where a search blind to the charge takes it and loses money."""

import dataclasses

import pytest
from factories import TRUCK, make_problem, make_site

from magroute.analysis import check_plan, compute_kpis
from magroute.domain.entry import EntryCharge
from magroute.domain.scenario import SolveSettings
from magroute.solver.solve import solve
from magroute.travel import GreatCircleSource

SRC = GreatCircleSource()
DELHI = {"entry_charges": (EntryCharge("Delhi", "lcv", 2100.0),),
         "area_of_place": (("D1", "Delhi"),)}


@pytest.mark.parametrize("strategy", ["auto", "ortools-gls"])
def test_a_pickup_worth_less_than_the_delhi_entry_is_left_out(strategy):
    # D1 (Anand Vihar, just inside Delhi) is worth INR 2,000, close to a Ghaziabad yard.
    sites = [make_site("D1", 28.645, 77.305, 2), make_site("G1", 28.66, 77.42, 100)]
    blind = make_problem(sites, fleet=((TRUCK, 1),))
    charged = dataclasses.replace(blind, **DELHI)
    settings = SolveSettings(time_limit_s=1.0, seed=1, workers=1, strategy=strategy)

    plan = solve(charged, SRC.matrices(charged.points()), settings)
    assert check_plan(charged, plan, SRC) == []
    assert plan.served_site_ids == ("G1",)
    assert [u.site_id for u in plan.unserved] == ["D1"] and plan.unserved[0].reason

    # Blind to the charge, the search takes D1 and pays INR 2,100 for INR 2,000 of pickup.
    blind_plan = solve(blind, SRC.matrices(blind.points()), settings)
    assert set(blind_plan.served_site_ids) == {"D1", "G1"}
    lost = compute_kpis(charged, blind_plan)
    kept = compute_kpis(charged, plan)
    assert lost.cost_inr["entry"] == 2100 and kept.cost_inr["entry"] == 0
    assert kept.margin_inr["expected"] > lost.margin_inr["expected"]
