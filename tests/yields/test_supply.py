"""Learnt supply: a site's record moves its prize, a site without one keeps its declaration,
and a plan prefers a reliable site to one that was empty three times running."""

import dataclasses
from datetime import timedelta

import pytest
from factories import MONDAY, PARAMS, PARAMS_TRADED, SMALL, make_problem, make_site

from magroute.domain.scenario import SolveSettings
from magroute.domain.supply import SiteVisit, SupplyEstimate
from magroute.solver.solve import solve
from magroute.travel import GreatCircleSource
from magroute.yields import site_yield
from magroute.yields.supply import estimate_supply, learnt_yields

SETTINGS = SolveSettings(time_limit_s=2.0, seed=1, workers=1, iteration_limit=200)


def visit(site: str, k: int, outcome: str = "received", got: float = 600.0,
          site_type: str = "scrap_yard") -> SiteVisit:
    return SiteVisit(f"PK-{site}-{k}", site, site_type, MONDAY - timedelta(days=7 * k), outcome,
                     600.0, 0.0 if outcome != "received" else got)


def test_three_no_shows_make_a_site_unreliable_and_one_visit_stays_near_its_type():
    visits = [visit("EMPTY", k, "empty") for k in range(3)]
    visits += [visit("GOOD", k, got=540.0) for k in range(6)]
    visits += [visit("NEW", 0, got=600.0)]
    est = estimate_supply(visits)
    assert set(est) == {"EMPTY", "GOOD", "NEW"}  # never-visited sites get no estimate
    empty, good, new = est["EMPTY"], est["GOOD"], est["NEW"]
    assert (empty.visits, empty.no_shows) == (3, 3)
    assert empty.reliability < 0.35 < 0.8 < good.reliability
    # NEW's one full visit is shrunk towards its type (scrap yards: 6 of 10 visits found scrap).
    assert empty.reliability < new.reliability < 1.0
    assert abs(good.kg_ratio - 0.9) < 0.05 and new.kg_ratio < 1.0
    for e in est.values():  # the cautious values are below the means
        assert e.reliability_low <= e.reliability and e.kg_ratio_low <= e.kg_ratio
        assert e.prize_factor("p10") <= e.prize_factor("expected")


def test_a_site_without_history_keeps_its_declared_yield():
    sites = [make_site("A", 28.50, 77.72, 60), make_site("B", 28.40, 77.65, 60)]
    yields = tuple(site_yield(s, PARAMS) for s in sites)
    est = estimate_supply([visit("A", k, "closed") for k in range(3)])
    learnt, applied = learnt_yields(yields, est, "expected")
    assert learnt[1] == yields[1] and [e.site_id for e in applied] == ["A"]
    f = est["A"].prize_factor("expected")
    assert learnt[0].value_inr.expected == yields[0].value_inr.expected * f < yields[0].value_inr.expected
    same, none = learnt_yields(yields, {}, "expected")
    assert same == yields and none == ()


def test_supply_scales_by_products_and_purchase_with_what_is_collected():
    # Half the visits find material and bring 80 % of what is declared; the hub's sorting found
    # 90 % of the expected magnet per kg: the magnets scale by 0.36, what is bought (and its
    # metals) by 0.4, the items collected.
    site = make_site("A", 28.50, 77.72, 60, item="traded")
    (y,) = (site_yield(site, PARAMS_TRADED),)
    e = SupplyEstimate("A", 4, 2, 0.5, 0.3, 0.8, 0.6, magnet_yield=0.9, magnet_yield_low=0.7)
    ((learnt,), _) = learnt_yields((y,), {"A": e}, "expected")
    assert learnt.value_inr == y.value_inr.scale(0.5 * 0.8 * 0.9)
    assert learnt.byproduct_inr == y.byproduct_inr.scale(0.5 * 0.8)
    assert learnt.purchase_inr == y.purchase_inr.scale(0.5 * 0.8)
    ((cautious,), _) = learnt_yields((y,), {"A": e}, "p10")
    assert cautious.purchase_inr == y.purchase_inr.scale(0.3 * 0.6)
    assert cautious.value_inr == y.value_inr.scale(0.3 * 0.6 * 0.7)
    # without a sorting report all three scale alike, and so does the contribution
    plain = dataclasses.replace(e, magnet_yield=1.0, magnet_yield_low=1.0)
    ((same,), _) = learnt_yields((y,), {"A": plain}, "expected")
    assert same.contribution_inr.expected == pytest.approx(y.contribution_inr.expected * 0.4)


def test_the_plan_leaves_out_the_site_that_was_empty_three_times():
    # One 750 kg truck, one trip: room for one of two 600 kg sites of equal declared value.
    # "NEAR" is the cheaper detour, so without a record the plan serves it.
    sites = [make_site("NEAR", 28.48, 77.71, 60), make_site("FAR", 28.36, 77.62, 60)]
    problem = make_problem(sites, fleet=((SMALL, 1),), max_trips=1)
    matrices = GreatCircleSource().matrices(problem.points())
    before = solve(problem, matrices, SETTINGS)
    assert [r.site_ids for r in before.routes] == [("NEAR",)]

    est = estimate_supply([visit("NEAR", k, "empty") for k in range(3)])
    yields, applied = learnt_yields(problem.yields, est, "expected")
    learnt = dataclasses.replace(problem, yields=yields, supply=applied)
    assert learnt.yields[0].value_inr.expected < problem.yields[1].value_inr.expected
    after = solve(learnt, matrices, SETTINGS)
    assert [r.site_ids for r in after.routes] == [("FAR",)]
    assert {u.site_id for u in after.unserved} == {"NEAR"}


def test_the_sorting_report_teaches_a_magnet_yield_for_its_type_only():
    def sorted_visit(site, k, magnet):
        return dataclasses.replace(visit(site, k, got=600.0), expected_magnet_kg=20.0,
                                   sorted_magnet_kg=magnet)

    visits = [sorted_visit("POOR", k, 10.0) for k in range(4)]  # half the magnet expected
    visits += [sorted_visit("RICH", k, 20.0) for k in range(4)]
    visits += [visit("REWIND", 0, site_type="motor_rewinding")]  # no sorting for its type
    est = estimate_supply(visits)
    assert est["POOR"].magnet_yield < 0.85 < est["RICH"].magnet_yield
    assert est["POOR"].prize_factor("expected") < est["RICH"].prize_factor("expected")
    rewind = est["REWIND"]
    assert (rewind.magnet_yield, rewind.magnet_yield_low) == (1.0, 1.0)
    assert rewind.prize_factor("p10") == rewind.reliability_low * rewind.kg_ratio_low
