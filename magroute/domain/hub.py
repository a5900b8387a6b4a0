"""The hub: where collected scrap is unloaded (Sikandrabad), and where trucks are based."""

from __future__ import annotations

from dataclasses import dataclass

from magroute.domain.hours import WeeklyHours
from magroute.domain.site import check_lat_lon


@dataclass(frozen=True, slots=True)
class Hub:
    hub_id: str
    name: str
    lat: float
    lon: float
    pincode: str
    receiving: WeeklyHours
    unload_minutes: int

    def __post_init__(self) -> None:
        if not self.hub_id:
            raise ValueError("hub needs an id")
        check_lat_lon(self.lat, self.lon, f"hub {self.hub_id}")
        if self.unload_minutes < 0:
            raise ValueError(f"hub {self.hub_id}: unload_minutes must be >= 0")

    @property
    def unload_s(self) -> int:
        return self.unload_minutes * 60
