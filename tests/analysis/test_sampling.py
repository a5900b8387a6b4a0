"""The fixed plan's net value under sampled yields (analysis.sampling)."""

import dataclasses

import numpy as np
import pytest
from factories import TRUCK, make_problem, make_site

from magroute.analysis import compute_kpis
from magroute.analysis.sampling import (
    sample_net_values,
    sample_values,
    split_triangular,
    spread,
)
from magroute.domain import ItemCategory, MagnetType, Range, YieldParams
from magroute.domain.scenario import SolveSettings
from magroute.solver.solve import solve
from magroute.travel import GreatCircleSource
from magroute.yields import site_yield

# Awkward numbers, so that any other order of the products would show in the last bits.
RANGED = YieldParams(
    recovery=Range(0.913, 0.8, 0.97),
    magnet_types=(MagnetType("ndfeb_hdd", "HDD", Range(1937.31, 1500.0, 3100.0)),
                  MagnetType("ndfeb_motor", "motor", Range(1234.567, 1000.0, 1500.0))),
    items=(ItemCategory("hdd", "hard disk", "ndfeb_hdd", Range(0.0137, 0.01, 0.02),
                        Range(0.97, 0.9, 1.0), 0.6),
           ItemCategory("fan", "BLDC fan", "ndfeb_motor", Range(0.0513, 0.04, 0.06),
                        Range(0.37, 0.1, 0.45), 3.0)),
)


def point(r: Range) -> Range:
    return Range.point(r.expected)


POINT = YieldParams(
    recovery=point(RANGED.recovery),
    magnet_types=tuple(dataclasses.replace(m, value_inr_per_kg=point(m.value_inr_per_kg))
                       for m in RANGED.magnet_types),
    items=tuple(dataclasses.replace(i, magnet_kg_per_item=point(i.magnet_kg_per_item),
                                    share_with_magnets=point(i.share_with_magnets))
                for i in RANGED.items),
)


def problem_with(params):
    inventories = [(("hdd", 3100), ("fan", 170)), (("fan", 900),), (("hdd", 4711),),
                   (("hdd", 1300), ("fan", 333)), (("hdd", 7),)]
    places = [(28.66, 77.27), (28.57, 77.32), (28.47, 77.03), (28.98, 77.70), (26.91, 75.79)]
    plain = [make_site(f"S{k}", lat, lon, 1, weight=500.0) for k, (lat, lon) in enumerate(places)]
    sites = tuple(dataclasses.replace(s, inventory=inv)
                  for s, inv in zip(plain, inventories, strict=True))
    p = make_problem(plain, fleet=((TRUCK, 1),))
    return dataclasses.replace(p, sites=sites, yields=tuple(site_yield(s, params) for s in sites))


@pytest.fixture(scope="module")
def planned():
    """A plan made for the ranged yields; the point problem has the same sites and plan."""
    p = problem_with(RANGED)
    src = GreatCircleSource()
    plan = solve(p, src.matrices(p.points()),
                 SolveSettings(time_limit_s=5.0, seed=1, iteration_limit=300, workers=1))
    assert plan.routes and plan.unserved  # some served (the sum matters) and some not
    return p, plan


def test_point_ranges_give_the_kpis_expected_and_net_value_exactly(planned):
    ranged, plan = planned
    p = dataclasses.replace(ranged, yields=tuple(site_yield(s, POINT) for s in ranged.sites))
    kpis = compute_kpis(p, plan)
    assert kpis.route_kpis and kpis.cost_inr["total"] > 0
    nets = sample_net_values(p, plan, kpis, POINT, 50, seed=7)
    assert nets.shape == (50,)
    assert all(float(v) == kpis.net_value_inr for v in nets)
    values = sample_values(p, plan, POINT, 5, seed=7)
    # Bit for bit the KPIs' unrounded sum (the same products in the same order).
    served = [s for r in plan.routes for s in r.site_ids]
    exact = sum(y.value_inr.expected for s in served for y in p.yields if y.site_id == s)
    assert all(float(v) == exact for v in values)


def test_samples_stay_in_the_envelope_and_percentiles_are_ordered(planned):
    p, plan = planned
    kpis = compute_kpis(p, plan)
    values = sample_values(p, plan, RANGED, 2000, seed=3)
    assert values.min() >= kpis.value_inr["low"] - 1e-6
    assert values.max() <= kpis.value_inr["high"] + 1e-6
    assert values.std() > 0.02 * values.mean()  # it does vary
    nets = sample_net_values(p, plan, kpis, RANGED, 2000, seed=3)
    cost = kpis.cost_inr["total"]
    assert np.allclose(nets, values - cost, atol=0.011)
    s = spread(nets, seed=3)
    assert set(s) == {"p10", "p50", "p90", "mean", "n", "seed"}
    assert s["p10"] < s["p50"] < s["p90"] and s["n"] == 2000 and s["seed"] == 3
    # Triangular factors skewed upwards (prices' high ends are far) push the median above
    # the all-expected value.
    assert s["p50"] > kpis.net_value_inr


def test_same_seed_same_array_another_seed_another(planned):
    p, plan = planned
    kpis = compute_kpis(p, plan)
    a = sample_net_values(p, plan, kpis, RANGED, 300, seed=11)
    b = sample_net_values(p, plan, kpis, RANGED, 300, seed=11)
    c = sample_net_values(p, plan, kpis, RANGED, 300, seed=12)
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)


def test_unserved_sites_add_nothing(planned):
    p, plan = planned
    empty = dataclasses.replace(plan, routes=(), line_haul=())
    kpis = compute_kpis(p, empty)
    assert np.array_equal(sample_net_values(p, empty, kpis, RANGED, 20, seed=1), np.zeros(20))


def test_the_price_is_drawn_once_for_the_whole_market(planned):
    """Only the price varies: every site's value moves by the same factor in each sample."""
    ranged, plan = planned
    one_type = dataclasses.replace(POINT, magnet_types=(
        dataclasses.replace(POINT.magnet_types[0], value_inr_per_kg=Range(1900.0, 1000.0,
                                                                          3000.0)),
        POINT.magnet_types[1]))
    only_hdd = [dataclasses.replace(s, inventory=(("hdd", 1000 + 17 * k),))
                for k, s in enumerate(ranged.sites)]
    p = dataclasses.replace(ranged, sites=tuple(only_hdd),
                            yields=tuple(site_yield(s, one_type) for s in only_hdd))
    kg = sum(y.magnet_kg.expected for y in p.yields if y.site_id in plan.served_site_ids)
    price = sample_values(p, plan, one_type, 400, seed=5) / kg
    assert price.min() >= 1000.0 - 1e-6 and price.max() <= 3000.0 + 1e-6
    # the same seed draws the same prices first, whatever the sites
    assert np.allclose(price, split_triangular(np.random.default_rng(5), Range(1900.0, 1000.0,
                                                                         3000.0), 400))


def test_split_triangular_has_its_median_at_expected_and_its_tails_in_the_range():
    rng = np.random.default_rng(0)
    x = split_triangular(rng, Range(2.0, 1.0, 5.0), 40000)
    assert x.min() >= 1.0 and x.max() <= 5.0
    assert abs(np.median(x) - 2.0) < 0.02  # the expected value is the central one
    # each half is a triangle peaking at expected: mean (1 + 2 + 2) / 3 below, (2 + 2 + 5) / 3 above
    assert abs(x[x < 2].mean() - 5 / 3) < 0.02 and abs(x[x > 2].mean() - 3.0) < 0.03
    assert abs(np.mean(x < 1.5) - 0.5 * 0.25) < 0.01  # F(1.5) = 1/2 x (0.5 / 1)^2
    assert np.array_equal(split_triangular(rng, Range.point(3.25), 4), np.full(4, 3.25))
    assert np.array_equal(split_triangular(rng, Range(1.0, 1.0, 2.0), 3) >= 1.0,
                          np.ones(3, bool))


def test_spread_rejects_no_samples_and_sample_values_rejects_n_zero(planned):
    p, plan = planned
    with pytest.raises(ValueError):
        spread(np.array([]))
    with pytest.raises(ValueError):
        sample_values(p, plan, RANGED, 0, seed=1)
