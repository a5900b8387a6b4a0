"""The value of a fixed plan under uncertain supply: the yield model sampled, the costs kept.

Per sample:

* each magnet type's price (INR per kg) is drawn once, market-wide, over (low, expected,
  high) of its `value_inr_per_kg` (`split_triangular`: mode and median at expected);
* each served site draws its dismantling recovery once, and for every item category it holds
  its share of items with magnets and magnet kg per item, all drawn the same way;
* value = sum over served sites and items of count x share x kg per item x recovery x price,
  the yield model's formula (`yields.model.site_yield`) with the drawn factors;
* net value = value - the plan's cost (routes and line-haul do not change with the yield).

The draws are independent (no correlation between sites or items) and the plan is the one the
solver chose for the expected yields: the spread says how sure its net value is, not what the
best plan for a sampled yield would be. With low = expected = high everywhere every sample is
the KPIs' expected value and net value exactly (the same products, summed in the same order).
"""

from __future__ import annotations

import numpy as np

from magroute.analysis.kpis import PlanKpis
from magroute.domain.plan import Plan
from magroute.domain.problem import Problem
from magroute.domain.yields import Range, YieldParams

PERCENTILES = (10, 50, 90)


def split_triangular(rng: np.random.Generator, r: Range, n: int) -> np.ndarray:
    """n draws on [r.low, r.high] with mode and median at r.expected: half of them from the
    triangular (low, expected, expected), half from (expected, expected, high).

    Why not one triangular over (low, expected, high): the yields file's ranges are lopsided
    (its high prices are another market, ex-China, 1.6-2.7x the expected), so a plain
    triangular puts most of its mass above "expected" and the plan's expected net value would
    fall below its own sampled P10. Here "expected" is the central value of every factor, as
    the yields file means it, and the ranges set the tails. Inverts the CDF (always n uniforms,
    so a degenerate range does not shift the draws that follow; low == high gives r.expected).
    """
    u = rng.random(n)
    lo, mid, hi = r.low, r.expected, r.high
    if hi == lo:
        return np.full(n, mid)
    below = lo + (mid - lo) * np.sqrt(2 * u)  # u < 1/2: the rising half, low .. expected
    above = hi - (hi - mid) * np.sqrt(2 * (1 - u))  # u >= 1/2: the falling half
    return np.where(u < 0.5, below, above)


def sample_values(problem: Problem, plan: Plan, params: YieldParams, n: int,
                  seed: int) -> np.ndarray:
    """The plan's magnet value (INR, unrounded) under `n` sampled yields; see the module
    docstring. Draw order: every magnet type's price (in `params` order), then per served site
    (in route order) its recovery and, per item it holds, magnet kg per item and share."""
    if n < 1:
        raise ValueError(f"the number of samples must be at least 1, got {n}")
    rng = np.random.default_rng(seed)
    price = {m.magnet_type: split_triangular(rng, m.value_inr_per_kg, n) for m in params.magnet_types}
    items = {i.item_id: i for i in params.items}
    sites = {s.site_id: s for s in problem.sites}
    yields = {y.site_id for y in problem.yields}
    served = [s for r in plan.routes for s in r.site_ids if s in yields]
    total = np.zeros(n)
    for site_id in served:
        recovery = split_triangular(rng, params.recovery, n)
        kg_by_type: dict[str, np.ndarray] = {}
        for item_id, count in sites[site_id].inventory:
            item = items[item_id]
            kg_per_item = split_triangular(rng, item.magnet_kg_per_item, n)
            share = split_triangular(rng, item.share_with_magnets, n)
            # The yield model's order of operations (site_yield), so that point ranges give
            # the KPIs' floats bit for bit.
            kg = kg_per_item * share * recovery * count
            kg_by_type[item.magnet_type] = kg_by_type.get(item.magnet_type, 0.0) + kg
        site_value = np.zeros(n)
        for magnet_type, kg in kg_by_type.items():
            site_value = site_value + kg * price[magnet_type]
        total = total + site_value
    return total


def plan_cost_inr(kpis: PlanKpis, plan: Plan) -> float:
    """The plan's total cost before rounding, summed as `compute_kpis` sums it (the KPIs keep
    it rounded to paise, and rounding twice could move the net value by a paisa)."""
    rk = kpis.route_kpis
    if len(rk) != len(plan.routes):  # KPIs without their routes: the rounded total it is
        return kpis.cost_inr["total"]
    cost = (sum(r.cost_fixed_inr for r in rk), sum(r.cost_distance_inr for r in rk),
            sum(r.cost_driver_inr for r in rk), sum(s.cost_inr for s in plan.line_haul))
    return sum(cost)


def net_values(values: np.ndarray, cost_inr: float) -> np.ndarray:
    """value - cost per sample, rounded to paise as the KPIs' net value is (Python's round)."""
    return np.array([round(float(v) - cost_inr, 2) for v in values])


def sample_net_values(problem: Problem, plan: Plan, kpis: PlanKpis, params: YieldParams,
                      n: int, seed: int) -> np.ndarray:
    """The fixed plan's net value (INR) under `n` sampled yields, costs unchanged.

    Parameters
    ----------
    problem, plan, kpis
        The plan and its KPIs (`compute_kpis(problem, plan)`).
    params
        The yield parameters the plan was valued with (the scenario's, with its price factors).
    n, seed
        How many samples, and the seed of `np.random.default_rng`: the same seed gives the
        same array.
    """
    return net_values(sample_values(problem, plan, params, n, seed), plan_cost_inr(kpis, plan))


def spread(values: np.ndarray, *, seed: int | None = None) -> dict[str, float | int | None]:
    """{"p10", "p50", "p90", "mean", "n", "seed"} of sampled values, INR rounded to paise."""
    v = np.asarray(values, dtype=float)
    if v.size == 0:
        raise ValueError("no samples to summarise")
    p10, p50, p90 = (round(float(x), 2) for x in np.percentile(v, PERCENTILES))
    return {"p10": p10, "p50": p50, "p90": p90, "mean": round(float(v.mean()), 2),
            "n": int(v.size), "seed": seed}
