"""Learn each site's supply from its recorded visits (pure functions of the visits).

Reliability, P(a visit finds material), is Beta-Binomial: the prior is the site type's pooled
rate with the weight of `prior_visits` visits (itself drawn towards "always there", 1.0, by the
same weight, so a type with little history stays near what sites declare), and each visit of
the site adds a success or a failure. The kg ratio (received / declared when material is found)
is shrunk towards the type's mean ratio the same way, so a site with one visit stays near its
type's average and a site with many speaks for itself. A site without visits is not estimated
at all: it plans exactly as declared (factor 1), as before there was any history.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import replace

from scipy.stats import beta as beta_dist

from magroute.domain.site import Site
from magroute.domain.supply import SiteVisit, SupplyEstimate
from magroute.domain.yields import SiteYield, YieldParams
from magroute.yields.model import site_yield

PRIOR_VISITS = 2.0  # how many visits the type's average is worth against a site's own
LOW_QUANTILE = 0.10
_Z_LOW = 1.2815515655446004  # the standard normal's 90th percentile
PRIOR_SPREAD = 0.3  # scatter of a kg ratio before a site has two weigh-ins
MIN_SPREAD = 0.1


def estimate_supply(visits: Iterable[SiteVisit], *,
                    prior_visits: float = PRIOR_VISITS) -> dict[str, SupplyEstimate]:
    """{site_id: estimate} for every site with at least one visit."""
    by_site: dict[str, list[SiteVisit]] = defaultdict(list)
    for v in visits:
        by_site[v.site_id].append(v)
    site_type = {s: vs[-1].site_type for s, vs in by_site.items()}
    by_type: dict[str, list[SiteVisit]] = defaultdict(list)
    for s, vs in by_site.items():
        by_type[site_type[s]].extend(vs)
    rate = {t: _mean_towards_one([float(v.found_material) for v in vs], prior_visits)
            for t, vs in by_type.items()}
    ratio = {t: _mean_towards_one(_ratios(vs), prior_visits) for t, vs in by_type.items()}
    # The magnet yield only where the hub's sorting reported on some lot of the type.
    magnet = {t: _mean_towards_one(ys, prior_visits) if (ys := _yields(vs)) else None
              for t, vs in by_type.items()}
    return {s: _estimate(s, vs, rate[site_type[s]], ratio[site_type[s]], prior_visits,
                         magnet[site_type[s]])
            for s, vs in by_site.items()}


def _mean_towards_one(xs: list[float], weight: float) -> float:
    """A type's mean, drawn towards 1 (sites are believed by default) by `weight` values."""
    return _shrunk(sum(xs), len(xs), 1.0, weight)


def _ratios(visits: list[SiteVisit]) -> list[float]:
    return [v.received_kg / v.planned_kg for v in visits if v.found_material and v.planned_kg > 0]


def _yields(visits: list[SiteVisit]) -> list[float]:
    """Sorted magnet kg per kg weighed against the plan's expected magnet kg per kg declared,
    on the lots the hub's sorting reported on."""
    return [v.sorted_magnet_kg / (v.expected_magnet_kg * v.received_kg / v.planned_kg)
            for v in visits if v.sorted_magnet_kg is not None and v.expected_magnet_kg
            and v.found_material and v.planned_kg > 0]


def _shrunk(total: float, n: int, prior_mean: float, weight: float) -> float:
    return (weight * prior_mean + total) / (weight + n)


def _estimate(site_id: str, visits: list[SiteVisit], type_rate: float, type_ratio: float,
              weight: float, type_yield: float | None) -> SupplyEstimate:
    found = sum(v.found_material for v in visits)
    n = len(visits)
    # Beta(a, b): the type's rate as prior with `weight` pseudo-visits, plus the site's own.
    a = weight * type_rate + found
    b = weight * (1.0 - type_rate) + (n - found)
    mean = a / (a + b)
    # The cautious value hedges with half a failure more, so that a run of successes (b = 0,
    # a degenerate Beta) is not taken as certainty.
    low = float(beta_dist.ppf(LOW_QUANTILE, a, b + 0.5))
    kg_ratio, kg_low = _shrunk_with_low(_ratios(visits), type_ratio, weight)
    magnet, magnet_low = (1.0, 1.0) if type_yield is None else \
        _shrunk_with_low(_yields(visits), type_yield, weight)
    return SupplyEstimate(site_id, n, n - found, mean, low, kg_ratio, kg_low, magnet,
                          magnet_low)


def _shrunk_with_low(xs: list[float], type_mean: float, weight: float) -> tuple[float, float]:
    """The site's mean shrunk to its type's, and a cautious value 1.28 standard errors below:
    the spread is the site's own scatter (at least MIN_SPREAD: a few equal weigh-ins do not
    make the next one certain; with fewer than two values, PRIOR_SPREAD, the scatter of scrap
    estimates) over weight + k observations."""
    k = len(xs)
    mean = _shrunk(sum(xs), k, type_mean, weight)
    spread = max(_stdev(xs), MIN_SPREAD) if k >= 2 else PRIOR_SPREAD
    return mean, max(0.0, mean - _Z_LOW * spread / math.sqrt(weight + k))


def _stdev(xs: list[float]) -> float:
    m = sum(xs) / len(xs)
    return math.sqrt(sum((x - m) ** 2 for x in xs) / (len(xs) - 1))


def learnt_yields(yields: Iterable[SiteYield], estimates: Mapping[str, SupplyEstimate],
                  risk: str) -> tuple[tuple[SiteYield, ...], tuple[SupplyEstimate, ...]]:
    """Each visited site's expected magnet kg and value x its prize factor, and its by-product
    value and purchase price x its collected factor (what a visit brings back; without a hub
    sorting report the two factors are equal, so all three scale alike), sites without an
    estimate unchanged; and the estimates that were applied, in site order."""
    out: list[SiteYield] = []
    applied: list[SupplyEstimate] = []
    for y in yields:
        e = estimates.get(y.site_id)
        if e is None:
            out.append(y)
            continue
        f, c = e.prize_factor(risk), e.collected_factor(risk)
        out.append(replace(y, magnet_kg=y.magnet_kg.scale(f), value_inr=y.value_inr.scale(f),
                           magnet_kg_by_type=tuple((t, kg * f) for t, kg in y.magnet_kg_by_type),
                           byproduct_inr=y.byproduct_inr.scale(c),
                           purchase_inr=y.purchase_inr.scale(c)))
        applied.append(e)
    return tuple(out), tuple(applied)


def yields_with_supply(sites: Iterable[Site], params: YieldParams,
                       supply: Iterable[SupplyEstimate], risk: str,
                       confirmed: Collection[str] = ()) -> tuple[tuple[SiteYield, ...],
                                                                  tuple[SupplyEstimate, ...]]:
    """The sites' yields with the learnt supply a problem was built with (`Problem.supply`),
    for callers that rebuild a problem's sites (the nightly queue, a re-plan). A site in
    `confirmed` (its request confirmed by phone tonight) is taken to have its material:
    reliability 1, its kg ratio still learnt."""
    by_site = {e.site_id: e for e in supply}
    for site_id in confirmed:
        e = by_site.get(site_id)
        if e is not None:
            by_site[site_id] = replace(e, reliability=1.0, reliability_low=1.0)
    return learnt_yields((site_yield(s, params) for s in sites), by_site, risk)
