"""Yield parameters (what magnets an item holds, what they are worth, what the seller is paid
and what the other metals fetch) and a site's expected yield and contribution."""

from __future__ import annotations

from dataclasses import dataclass

from magroute.domain.site import SITE_TYPES

# How an item's purchase price is quoted: per item, or per kg of the item's gross weight
# (industrial motors are bought by weight).
PURCHASE_PER = ("item", "kg")


@dataclass(frozen=True, slots=True)
class Range:
    """An expected value with a low/high range."""

    expected: float
    low: float
    high: float

    def __post_init__(self) -> None:
        if not self.low <= self.expected <= self.high:
            raise ValueError(f"range must satisfy low <= expected <= high, got {self}")
        if self.low < 0:
            raise ValueError(f"range must be non-negative, got {self}")

    def __add__(self, other: Range) -> Range:
        return Range(self.expected + other.expected, self.low + other.low, self.high + other.high)

    def __mul__(self, other: Range) -> Range:
        return Range(self.expected * other.expected, self.low * other.low, self.high * other.high)

    def scale(self, k: float) -> Range:
        return Range(self.expected * k, self.low * k, self.high * k)

    @classmethod
    def point(cls, value: float) -> Range:
        return cls(value, value, value)


ZERO = Range(0.0, 0.0, 0.0)


@dataclass(frozen=True, slots=True)
class MagnetType:
    magnet_type: str
    label: str
    value_inr_per_kg: Range


@dataclass(frozen=True, slots=True)
class ItemCategory:
    """What one item holds and what it is worth.

    `purchase_inr` is what the seller is paid (INR per item, or per kg of gross weight with
    `purchase_per = "kg"`) before the site type's factor; `byproduct_inr` what the aluminium,
    copper, steel and boards fetch after dismantling, INR per item (magnets excluded). Both are
    0 where a yields file does not give them.
    """

    item_id: str
    label: str
    magnet_type: str
    magnet_kg_per_item: Range
    share_with_magnets: Range
    gross_kg_per_item: float
    purchase_inr: Range = ZERO
    purchase_per: str = "item"
    byproduct_inr: Range = ZERO

    def __post_init__(self) -> None:
        if self.share_with_magnets.high > 1:
            raise ValueError(f"item {self.item_id}: share_with_magnets above 1")
        if self.purchase_per not in PURCHASE_PER:
            raise ValueError(f"item {self.item_id}: purchase_per {self.purchase_per!r} is not "
                             f"one of {', '.join(PURCHASE_PER)}")

    @property
    def purchase_inr_per_item(self) -> Range:
        """The purchase price of one item (a price per kg times its gross weight)."""
        if self.purchase_per == "kg":
            return self.purchase_inr.scale(self.gross_kg_per_item)
        return self.purchase_inr


@dataclass(frozen=True, slots=True)
class YieldParams:
    recovery: Range
    magnet_types: tuple[MagnetType, ...]
    items: tuple[ItemCategory, ...]
    # (site type, factor on every item's purchase price there); a type not named pays 1x.
    purchase_factor_by_site_type: tuple[tuple[str, float], ...] = ()

    def __post_init__(self) -> None:
        known = {m.magnet_type for m in self.magnet_types}
        for item in self.items:
            if item.magnet_type not in known:
                raise ValueError(f"item {item.item_id}: unknown magnet type {item.magnet_type!r}")
        for site_type, factor in self.purchase_factor_by_site_type:
            if site_type not in SITE_TYPES:
                raise ValueError(f"purchase factor for unknown site type {site_type!r}; valid: "
                                 f"{', '.join(SITE_TYPES)}")
            if not factor > 0:
                raise ValueError(f"purchase factor of {site_type} must be above 0, got {factor}")

    def purchase_factor(self, site_type: str) -> float:
        """What a site of `site_type` is paid for its items, as a multiple of the item prices."""
        return dict(self.purchase_factor_by_site_type).get(site_type, 1.0)

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(i.item_id for i in self.items)

    def item(self, item_id: str) -> ItemCategory:
        for i in self.items:
            if i.item_id == item_id:
                return i
        raise KeyError(item_id)

    def magnet(self, magnet_type: str) -> MagnetType:
        for m in self.magnet_types:
            if m.magnet_type == magnet_type:
                return m
        raise KeyError(magnet_type)


@dataclass(frozen=True, slots=True)
class Contribution:
    """What a site adds to the plan before transport, INR: magnet value + by-product value -
    purchase price. It may be negative (a site that costs more to buy than it is worth), which
    is why it is not a `Range`; low and high are the envelope (low: low values, high price)."""

    expected: float
    low: float
    high: float

    def __post_init__(self) -> None:
        if not self.low <= self.expected <= self.high:
            raise ValueError(f"contribution must satisfy low <= expected <= high, got {self}")


@dataclass(frozen=True, slots=True)
class SiteYield:
    """Expected recoverable magnet mass and its value for one site, the resale value of the
    other metals of its items (`byproduct_inr`) and what its seller is paid (`purchase_inr`)."""

    site_id: str
    magnet_kg: Range
    value_inr: Range  # the magnets' value
    magnet_kg_by_type: tuple[tuple[str, float], ...]  # expected kg per magnet type
    byproduct_inr: Range = ZERO
    purchase_inr: Range = ZERO

    @property
    def contribution_inr(self) -> Contribution:
        """Magnet value + by-products - purchase; low = value.low + byproduct.low -
        purchase.high, high the other way round."""
        v, b, p = self.value_inr, self.byproduct_inr, self.purchase_inr
        return Contribution(v.expected + b.expected - p.expected, v.low + b.low - p.high,
                            v.high + b.high - p.low)

    @property
    def prize_inr(self) -> float:
        """What serving the site is worth to the search: its expected contribution, at least 0
        (a site that costs more than it is worth is visited only when it must be)."""
        return max(0.0, self.contribution_inr.expected)
