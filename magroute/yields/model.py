"""The yield model.

For each item category: magnet kg = count x share of items that hold magnets x magnet kg per item
x dismantling recovery. Value = magnet kg x value per kg of that magnet type. The low (high) end
multiplies every factor's low (high) end, so the range is the envelope, not a confidence interval.

The site's economics besides the magnets, per item category:

* by-product value = count x by-product INR per item (the aluminium, copper, steel and boards of
  every item dismantled, magnets or not);
* purchase price = count x purchase INR per item (or per kg x gross kg per item) x the purchase
  factor of the site's type (a formal dismantler is paid more than an informal trader).

Its contribution (`SiteYield.contribution_inr`) is magnet value + by-products - purchase.
"""

from __future__ import annotations

from magroute.domain.site import Site
from magroute.domain.yields import ZERO, Range, SiteYield, YieldParams


def site_yield(site: Site, params: YieldParams) -> SiteYield:
    by_type: dict[str, Range] = {}
    byproduct, purchase = ZERO, ZERO
    for item_id, count in site.inventory:
        item = params.item(item_id)
        kg = (item.magnet_kg_per_item * item.share_with_magnets * params.recovery).scale(count)
        by_type[item.magnet_type] = by_type.get(item.magnet_type, ZERO) + kg
        byproduct = byproduct + item.byproduct_inr.scale(count)
        purchase = purchase + item.purchase_inr_per_item.scale(count)
    magnet_kg = sum(by_type.values(), ZERO)
    value = sum(
        (kg * params.magnet(mt).value_inr_per_kg for mt, kg in by_type.items()), ZERO
    )
    return SiteYield(
        site_id=site.site_id,
        magnet_kg=magnet_kg,
        value_inr=value,
        magnet_kg_by_type=tuple(sorted((mt, r.expected) for mt, r in by_type.items())),
        byproduct_inr=byproduct,
        purchase_inr=purchase.scale(params.purchase_factor(site.site_type)),
    )
