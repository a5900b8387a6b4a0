"""Frozen, validated domain objects. No pandas, no OR-Tools."""

from magroute.domain.fleet import Vehicle, VehicleType
from magroute.domain.horizon import Horizon
from magroute.domain.hours import WeeklyHours
from magroute.domain.hub import Hub
from magroute.domain.plan import Event, Plan, Route, Unserved
from magroute.domain.problem import Problem, ServiceTimes
from magroute.domain.site import Site
from magroute.domain.yields import ItemCategory, MagnetType, Range, SiteYield, YieldParams

__all__ = [
    "Event",
    "Horizon",
    "Hub",
    "ItemCategory",
    "MagnetType",
    "Plan",
    "Problem",
    "Range",
    "Route",
    "ServiceTimes",
    "Site",
    "SiteYield",
    "Unserved",
    "Vehicle",
    "VehicleType",
    "WeeklyHours",
    "YieldParams",
]
