"""City entry charges: what a goods vehicle pays each time it enters an area (Delhi's
Environment Compensation Charge and MCD toll first), by vehicle class."""

from __future__ import annotations

from dataclasses import dataclass

from magroute.domain.fleet import VEHICLE_CLASSES


@dataclass(frozen=True, slots=True)
class EntryCharge:
    area: str  # a polygon of the region's outline (a state or union territory: "Delhi")
    vehicle_class: str
    charge_inr: float  # per entry
    source: str = ""

    def __post_init__(self) -> None:
        if self.vehicle_class not in VEHICLE_CLASSES:
            raise ValueError(f"entry charge {self.area}: unknown vehicle class "
                             f"{self.vehicle_class!r}")
        if self.charge_inr < 0:
            raise ValueError(f"entry charge {self.area}: negative charge {self.charge_inr}")


def charge_inr(charges: tuple[EntryCharge, ...], area: str, vehicle_class: str) -> float:
    return next((c.charge_inr for c in charges
                 if c.area == area and c.vehicle_class == vehicle_class), 0.0)
