"""What the trucks found at a site, visit by visit, and what that teaches about its supply.

A visit is a planned pickup that the hub received (its weigh-in) or that the driver or hub
recorded as a no-show: the site was empty, closed, or refused to hand over. Every visit
compares what was weighed with what the site declared (the plan's expected gross kg).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

NO_SHOW_REASONS = ("empty", "closed", "refused")
OUTCOMES = ("received", *NO_SHOW_REASONS)


@dataclass(frozen=True, slots=True)
class SiteVisit:
    """One recorded visit of a site, keyed by the plan's pickup ID."""

    pickup_id: str
    site_id: str
    site_type: str
    planned_date: date
    outcome: str  # "received" or a no-show reason
    planned_kg: float  # gross kg the site declared (the plan's expectation)
    received_kg: float  # weighed at the hub; 0 for a no-show
    # With the hub's sorting report: magnet kg sorted out of the lot against the plan's
    # expected magnet kg (both None without a report).
    expected_magnet_kg: float | None = None
    sorted_magnet_kg: float | None = None

    def __post_init__(self) -> None:
        if self.outcome not in OUTCOMES:
            raise ValueError(f"visit {self.pickup_id}: outcome {self.outcome!r} is not one of "
                             f"{', '.join(OUTCOMES)}")
        if self.planned_kg < 0 or self.received_kg < 0:
            raise ValueError(f"visit {self.pickup_id}: negative weight")

    @property
    def found_material(self) -> bool:
        return self.outcome == "received" and self.received_kg > 0


@dataclass(frozen=True, slots=True)
class SupplyEstimate:
    """A site's learnt supply: how likely a visit finds material, and how much of what it
    declares it then hands over, each as a mean and a cautious (low) value."""

    site_id: str
    visits: int
    no_shows: int
    reliability: float  # P(a visit finds material), posterior mean
    reliability_low: float  # its 10th percentile
    kg_ratio: float  # received / declared kg when material is found, shrunk to the type's
    kg_ratio_low: float  # its cautious value (10th percentile of the estimate)
    # Sorted / expected magnet kg per kg weighed (the yield factor), shrunk to the type's; 1
    # when the hub's sorting has reported on none of the site's lots.
    magnet_yield: float = 1.0
    magnet_yield_low: float = 1.0

    def prize_factor(self, risk: str) -> float:
        """What the plan's expected magnet kg and value of the site are multiplied by:
        expected value, or with risk = "p10" the cautious values of all three."""
        if risk == "p10":
            return self.reliability_low * self.kg_ratio_low * self.magnet_yield_low
        return self.reliability * self.kg_ratio * self.magnet_yield

    def collected_factor(self, risk: str) -> float:
        """What the items a visit brings back are multiplied by (reliability x kg ratio), and
        with them the by-products and the purchase price; the magnet yield applies to the
        magnets only (`prize_factor`)."""
        if risk == "p10":
            return self.reliability_low * self.kg_ratio_low
        return self.reliability * self.kg_ratio
