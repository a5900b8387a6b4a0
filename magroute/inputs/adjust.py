"""A scenario's adjustments to what the input files say: a price shock and the visit frequency.

Both are the identity at their defaults, so a scenario without [prices] or [visits] plans the
very problem its files describe.
"""

from __future__ import annotations

from dataclasses import replace

from magroute.domain.scenario import PriceShock, VisitFrequency
from magroute.domain.site import Site
from magroute.domain.yields import YieldParams


def shock_prices(params: YieldParams, prices: PriceShock) -> YieldParams:
    """`params` with each named magnet type's value per kg (expected, low, high) x its factor.

    A magnet price shock leaves the items' purchase prices and by-product values alone: those
    follow the copper, aluminium and steel markets, and sellers rarely price the magnet.

    Raises
    ------
    ValueError
        Naming a magnet type that `params` does not have.
    """
    if not prices.factors:
        return params
    known = {m.magnet_type for m in params.magnet_types}
    unknown = [mt for mt, _ in prices.factors if mt not in known]
    if unknown:
        raise ValueError(f"unknown magnet type(s) {', '.join(unknown)}; "
                         f"valid: {', '.join(sorted(known))}")
    magnets = tuple(
        replace(m, value_inr_per_kg=m.value_inr_per_kg.scale(prices.factor(m.magnet_type)))
        for m in params.magnet_types
    )
    return replace(params, magnet_types=magnets)


def stock_per_visit(sites: tuple[Site, ...], visits: VisitFrequency) -> tuple[Site, ...]:
    """What each site holds when it is visited every `visits.every_days` days.

    Item counts are scaled and rounded half up to whole items (items that round to none are
    dropped, as the register leaves out zero counts); the gross weight is scaled without
    rounding: it is a weighed total, not a count.
    """
    if visits.every_days == visits.stock_days:
        return sites
    return tuple(
        replace(s, inventory=_scaled_counts(s.inventory, visits),
                gross_weight_kg=s.gross_weight_kg * visits.stock_factor)
        for s in sites
    )


def _scaled_counts(inventory: tuple[tuple[str, int], ...],
                   visits: VisitFrequency) -> tuple[tuple[str, int], ...]:
    # count x every / stock rounded half up, in integers so that 3 x 7/14 is exactly 2 items
    scaled = ((item, (2 * count * visits.every_days + visits.stock_days) // (2 * visits.stock_days))
              for item, count in inventory)
    return tuple((item, n) for item, n in scaled if n > 0)
