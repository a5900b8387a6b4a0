"""Truck types and the individual trucks of the fleet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# Smallest to largest, as Indian trade and traffic rules class goods vehicles: small commercial
# vehicles (Tata Ace, pickups: what enters an e-waste cluster's lanes), light (14-17 ft trucks,
# up to 7.5 t gross), medium (19-22 ft 6-wheelers) and heavy (multi-axle) trucks.
VEHICLE_CLASSES = ("scv", "lcv", "mcv", "hcv")


def classes_up_to(max_class: str) -> frozenset[str]:
    """The vehicle classes no larger than `max_class` (what a site's access admits)."""
    return frozenset(VEHICLE_CLASSES[:VEHICLE_CLASSES.index(max_class) + 1])


@dataclass(frozen=True, slots=True)
class VehicleType:
    type_id: str
    label: str
    vehicle_class: str
    payload_kg: float
    fixed_cost_inr_per_day: float
    cost_inr_per_km: float
    driver_cost_inr_per_hour: float
    co2_kg_per_km: float
    # A hired vehicle (a local transporter's, with its driver): paid by the trip and the km, no
    # idle cost, and its tours are at most `max_tour_days` (a local hire does day trips).
    hired: bool = False
    max_tour_days: int | None = None  # None: the scenario's max_tour_days
    # Drivers on board: 2 is a two-driver crew, who take turns at the wheel (DriverRules.
    # for_crew), the second paid by the working day.
    crew: int = 1
    second_driver_inr_per_day: float = 0.0

    def __post_init__(self) -> None:
        if self.vehicle_class not in VEHICLE_CLASSES:
            raise ValueError(f"vehicle type {self.type_id}: unknown class {self.vehicle_class!r}")
        if self.payload_kg <= 0:
            raise ValueError(f"vehicle type {self.type_id}: payload must be positive")
        for name in ("fixed_cost_inr_per_day", "cost_inr_per_km", "driver_cost_inr_per_hour",
                     "co2_kg_per_km"):
            if getattr(self, name) < 0:
                raise ValueError(f"vehicle type {self.type_id}: {name} must be >= 0")
        if self.max_tour_days is not None and self.max_tour_days < 1:
            raise ValueError(f"vehicle type {self.type_id}: max_tour_days must be >= 1")
        if self.crew not in (1, 2):
            raise ValueError(f"vehicle type {self.type_id}: crew must be 1 or 2 drivers")
        if self.second_driver_inr_per_day < 0 or (self.crew == 1
                                                  and self.second_driver_inr_per_day):
            raise ValueError(f"vehicle type {self.type_id}: second_driver_inr_per_day is what a "
                             "crew of 2 pays its second driver, 0 or more")


@dataclass(frozen=True, slots=True)
class IdleCost:
    """What an owned truck costs on a day of the plan it does not work: its fixed cost per day
    and its salaried driver's day (driver cost per hour x `driver_paid_hours_per_day`, the pay
    basis of the fleet file: 26 days x 10 h a month). `charge = false` leaves idle days out of
    the KPIs, as before. Hired vehicles are never charged for idle days."""

    charge: bool = True
    driver_paid_hours_per_day: float = 10.0

    def __post_init__(self) -> None:
        if not 0 <= self.driver_paid_hours_per_day <= 24:
            raise ValueError("idle cost: driver_paid_hours_per_day must be 0 to 24")

    def per_day_inr(self, vtype: VehicleType) -> float:
        if not self.charge or vtype.hired:
            return 0.0
        return vtype.fixed_cost_inr_per_day + \
            vtype.driver_cost_inr_per_hour * self.driver_paid_hours_per_day


@dataclass(frozen=True, slots=True)
class Vehicle:
    """One truck. It leaves its home hub, and unloads at its unloading hub (the plant, or its
    own hub if that consolidates) as often as `max_trips` allows: after each unload but the
    last it sets out again. None: as many trips as fit into the plan."""

    vehicle_id: str
    vtype: VehicleType
    home_hub_id: str
    max_trips: int | None = None
    # The truck is at its home hub and free from this moment (a re-plan: its earlier trips
    # are on the road); None: from the start of the plan.
    available_from: datetime | None = None

    def __post_init__(self) -> None:
        if self.max_trips is not None and self.max_trips < 1:
            raise ValueError(f"vehicle {self.vehicle_id}: max_trips must be >= 1")
