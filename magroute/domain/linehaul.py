"""Consolidation hubs and the line-haul that takes their scrap to the plant.

Trucks based at a consolidation hub unload there instead of driving to the plant; the scrap
then goes on to the plant by full-truck-load line-haul, leaving on set weekdays at a price per
trip (a documented market rate). The search charges each kg its share of a full truck
(cost per trip / payload); the plan reports the trips its scrap needs, charged either as whole
trips (`per_trip`: everything leaves on the next departure, however full) or as its share of
full trucks (`pro_rata`: the yard holds scrap until a truck is full, the steady state).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from magroute.domain.hours import format_clock, format_days
from magroute.formatting import grouped

CHARGES = ("per_trip", "pro_rata")


@dataclass(frozen=True, slots=True)
class LineHaul:
    hub_id: str  # the consolidation hub it leaves from
    days: frozenset[int]  # weekdays it leaves (Mon=0)
    departure_min: int  # local time of departure, minutes after midnight
    payload_kg: float
    cost_inr_per_trip: float  # one full-truck trip to the plant
    road_km: float | None = None  # hub to plant, when the cost was derived from a rate per km
    source: str = ""
    charge: str = "per_trip"

    def __post_init__(self) -> None:
        if self.charge not in CHARGES:
            raise ValueError(f"line-haul {self.hub_id}: charge must be one of {', '.join(CHARGES)}")
        if not self.hub_id:
            raise ValueError("a line-haul needs the hub it leaves from")
        if not self.days:
            raise ValueError(f"line-haul {self.hub_id}: no departure days")
        if not self.payload_kg > 0 or self.cost_inr_per_trip < 0:
            raise ValueError(f"line-haul {self.hub_id}: payload must be positive, cost >= 0")

    @property
    def cost_inr_per_kg(self) -> float:
        return self.cost_inr_per_trip / self.payload_kg

    def cost_inr(self, load_kg: float, trips: int) -> float:
        if self.charge == "pro_rata":
            return round(load_kg * self.cost_inr_per_kg, 2)
        return round(trips * self.cost_inr_per_trip, 2)

    def __str__(self) -> str:
        return (f"{self.hub_id}: {format_days(self.days)} {format_clock(self.departure_min)}, "
                f"{grouped(self.payload_kg, 0)} kg, INR {grouped(self.cost_inr_per_trip, 0)} per trip")


@dataclass(frozen=True, slots=True)
class LineHaulShipment:
    """What one hub sends to the plant in the plan: `trips` full-truck trips leaving together."""

    hub_id: str
    to_hub_id: str
    departure: datetime
    load_kg: float
    trips: int
    cost_inr: float
    road_km: float | None
