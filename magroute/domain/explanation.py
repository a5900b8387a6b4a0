"""Why a site is on the plan or not, in numbers a planner can act on."""

from __future__ import annotations

from dataclasses import dataclass

# What keeps an unserved site off the plan:
#   value         a truck could take it, but that costs more than the site is worth
#   search        a truck could take it at a gain; the search missed it (more time helps)
#   capacity      no room for its weight on the trucks that could reach it
#   ban           a city truck-entry ban keeps the trucks that have room out during its hours
#   access        its lanes or gate admit only vehicles smaller than those that have room
#   driver_hours  the drivers' daily driving limit and breaks
#   hours         opening hours, the shift, the tour limit or the plan's days
BINDINGS = ("value", "search", "capacity", "ban", "access", "driver_hours", "hours")


@dataclass(frozen=True, slots=True)
class SiteExplanation:
    """For an unserved site: the binding rule, the cheapest way to serve it (marginal cost) and
    the value from which the search would take it (break-even; None when no truck can take it
    without dropping others). For a served site: what dropping it would save, which is also its
    break-even value."""

    site_id: str
    served: bool
    binding: str  # one of BINDINGS; "" for a served site
    reason: str
    value_inr: float  # the site's prize: expected contribution, at least 0 (SiteYield.prize_inr)
    marginal_cost_inr: float | None = None
    break_even_value_inr: float | None = None
    drop_saving_inr: float | None = None
    route_id: str = ""  # served: its route; unserved: the route of the cheapest insertion
    vehicle_id: str = ""

    def __post_init__(self) -> None:
        if self.binding and self.binding not in BINDINGS:
            raise ValueError(f"unknown binding {self.binding!r}; valid: {', '.join(BINDINGS)}")
