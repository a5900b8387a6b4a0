"""Yield parameters (what magnets an item holds, what they are worth) and a site's expected yield."""

from __future__ import annotations

from dataclasses import dataclass


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
    item_id: str
    label: str
    magnet_type: str
    magnet_kg_per_item: Range
    share_with_magnets: Range
    gross_kg_per_item: float

    def __post_init__(self) -> None:
        if self.share_with_magnets.high > 1:
            raise ValueError(f"item {self.item_id}: share_with_magnets above 1")


@dataclass(frozen=True, slots=True)
class YieldParams:
    recovery: Range
    magnet_types: tuple[MagnetType, ...]
    items: tuple[ItemCategory, ...]

    def __post_init__(self) -> None:
        known = {m.magnet_type for m in self.magnet_types}
        for item in self.items:
            if item.magnet_type not in known:
                raise ValueError(f"item {item.item_id}: unknown magnet type {item.magnet_type!r}")

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
class SiteYield:
    """Expected recoverable magnet mass and its value for one site."""

    site_id: str
    magnet_kg: Range
    value_inr: Range
    magnet_kg_by_type: tuple[tuple[str, float], ...]  # expected kg per magnet type
