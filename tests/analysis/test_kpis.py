"""The site economics in the KPIs, on a tiny solved problem checked by hand."""

import pytest
from factories import FAST, PARAMS_TRADED, make_problem, make_site

from magroute.analysis import check_plan, compute_kpis
from magroute.solver.solve import solve
from magroute.travel import GreatCircleSource

SRC = GreatCircleSource()


def test_margin_is_magnets_plus_by_products_minus_purchase_minus_cost():
    # GOOD (40 traded units) and DEAR (40 dear units, must-collect, so served at a loss), each
    # unit 1 kg of magnet worth 1,000 (800-1,500), metals 500 (400-600); bought for 1,000
    # (800-1,200) and 1,600 (1,400-1,800).
    p = make_problem([make_site("GOOD", 28.60, 77.30, 40, item="traded"),
                      make_site("DEAR", 28.61, 77.31, 40, item="dear", must_collect=True)],
                     params=PARAMS_TRADED)
    plan = solve(p, SRC.matrices(p.points()), FAST)
    assert check_plan(p, plan, SRC) == [] and set(plan.served_site_ids) == {"GOOD", "DEAR"}
    k = compute_kpis(p, plan)
    cost = k.cost_inr["total"]
    assert cost > 0
    assert k.magnet_value_inr == k.value_inr == {"expected": 80_000, "low": 64_000,
                                                 "high": 120_000}
    assert k.byproduct_value_inr == {"expected": 40_000, "low": 32_000, "high": 48_000}
    assert k.purchase_cost_inr == {"expected": 40_000 + 64_000, "low": 32_000 + 56_000,
                                   "high": 48_000 + 72_000}
    assert k.margin_inr["expected"] == pytest.approx(80_000 + 40_000 - 104_000 - cost, abs=0.01)
    # the envelope: low values with the high purchase price, and the other way round
    assert k.margin_inr["low"] == pytest.approx(64_000 + 32_000 - 120_000 - cost, abs=0.01)
    assert k.margin_inr["high"] == pytest.approx(120_000 + 48_000 - 88_000 - cost, abs=0.01)
    # the net value stays what it was: the magnets' value less the cost
    assert k.net_value_inr == pytest.approx(80_000 - cost, abs=0.01)
    (route,) = k.route_kpis
    assert (route.value_inr, route.byproduct_inr, route.purchase_inr) == (80_000, 40_000, 104_000)


def test_an_unserved_site_loses_its_prize_not_its_magnet_value():
    p = make_problem([make_site("GOOD", 28.60, 77.30, 40, item="traded"),
                      make_site("DEAR", 28.61, 77.31, 40, item="dear")], params=PARAMS_TRADED)
    plan = solve(p, SRC.matrices(p.points()), FAST)
    k = compute_kpis(p, plan)
    assert plan.served_site_ids == ("GOOD",) and k.unserved_value_inr == 0
    assert k.purchase_cost_inr["expected"] == 40_000
    assert k.margin_inr["expected"] == pytest.approx(40_000 + 20_000 - 40_000
                                                     - k.cost_inr["total"], abs=0.01)
